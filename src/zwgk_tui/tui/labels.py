"""How answers are written on screen: a word and a symbol for every state, never colour alone."""

from __future__ import annotations

from zwgk_tui.model.assessment.answers import Answer
from zwgk_tui.model.scoring import LABELS

SYMBOLS = {"met": "✔", "partial": "◐", "unmet": "✘", "na": "⊘", None: "○"}
ASCII_SYMBOLS = {"met": "[+]", "partial": "[~]", "unmet": "[x]", "na": "[-]", None: "[ ]"}
CARRIED = "沿用待确认"
RETURNED = "退回"
REWORDED = "文字已改"


def symbol(status: str | None, ascii_only: bool) -> str:
    return (ASCII_SYMBOLS if ascii_only else SYMBOLS)[status]


def word(status: str | None) -> str:
    return LABELS[status]


def fold_mark(expanded: bool, ascii_only: bool) -> str:
    if ascii_only:
        return "[-]" if expanded else "[+]"
    return "▾" if expanded else "▸"


def cursor_mark(ascii_only: bool) -> str:
    return ">" if ascii_only else "▶"


def flags(answer: Answer | None, reworded: bool) -> list[str]:
    """Short markers shown on an item's row, most urgent first."""
    out = []
    if answer is not None:
        if answer.returned:
            out.append(RETURNED)
        if answer.carried:
            out.append(CARRIED)
    if reworded:
        out.append(REWORDED)
    return out
