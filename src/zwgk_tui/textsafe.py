"""Text from files is data: strip terminal control characters, measure CJK display width.

Used by every face that prints (the plain mode, reports, CLI tables). Width follows East
Asian Width: wide and full-width characters take two columns, combining marks none.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# C0 and C1 controls, DEL, and the bidi overrides/isolates that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPE_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """Remove escape sequences and control characters; tabs become spaces."""
    if not text:
        return ""
    text = _ESCAPE_SEQ.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _CONTROL.sub("", text)
    if not keep_newlines:
        text = " ".join(text.split("\n"))
    return text


def one_line(text: str, limit: int | None = None) -> str:
    """A single display line (newlines folded), cut to ``limit`` columns with …"""
    text = " ".join(clean(text, keep_newlines=False).split())
    if limit is not None and width(text) > limit:
        return truncate(text, limit)
    return text


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    if width(text) <= limit:
        return text
    room = limit - width(ellipsis)
    out = []
    used = 0
    for ch in text:
        w = char_width(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + ellipsis


def pad(text: str, columns: int, align: str = "<") -> str:
    gap = max(columns - width(text), 0)
    if align == ">":
        return " " * gap + text
    if align == "^":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


# Where a line may break: after a space, after Chinese closing or middle punctuation, before
# Chinese opening punctuation. Nowhere else: a run of Han characters (随时继续, 政策措施) is a
# word to a listener, and a Latin word, number or link is one too. Only a run longer than a
# whole line is cut.
_BREAK_AFTER = set("，。、；：！？）》」』】〕〉”’…—～·,;!?")
_OPEN = set("（《「『【〔〈“‘")


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """Wrap by display width at spaces and punctuation only; continuation lines get ``indent``."""
    columns = max(columns, 8)
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        lines.extend(_wrap_paragraph(paragraph.rstrip(), columns, indent))
    return lines


def _units(paragraph: str) -> list[str]:
    """The paragraph cut at every place a line may break (each unit keeps its trailing
    spaces and punctuation)."""
    units: list[str] = []
    current = ""
    for i, ch in enumerate(paragraph):
        if ch in _OPEN and current.strip():
            units.append(current)
            current = ""
        current += ch
        following = paragraph[i + 1] if i + 1 < len(paragraph) else ""
        if not following:
            break
        ends = ch.isspace() and not following.isspace()
        # ASCII , ; ! ? break too (checklists often write 目标,坚持), but not inside 1,000
        ends = ends or (ch in _BREAK_AFTER and following not in _BREAK_AFTER and not following.isspace()
                        and not (ch in ",;!?" and following.isascii() and following.isalnum()))
        if ends:
            units.append(current)
            current = ""
    if current:
        units.append(current)
    return units


def _wrap_paragraph(paragraph: str, columns: int, indent: str) -> list[str]:
    out: list[str] = []
    line = ""
    for unit in _units(paragraph):
        shown = unit.rstrip()
        if line.strip() and width(line) + width(shown) > columns:
            out.append(line.rstrip())
            line = indent
            unit = unit.lstrip()
            shown = unit.rstrip()
        elif not line:
            unit = unit.lstrip()
            shown = unit.rstrip()
        while width(line) + width(shown) > columns and len(shown) > 1:  # longer than a line: cut
            core = shown.rstrip("".join(_BREAK_AFTER))
            head = truncate(shown, columns - width(line), ellipsis="")
            if core and len(head) >= len(core):
                pass  # the word fits with what punctuation fits: the word stays whole
            elif core[:1] in _OPEN and width(indent) + width(core[1:]) <= columns:
                head = core[:1]  # the word after an opening bracket fits on the next line
            else:  # a word longer than a line: cut it
                if not head:
                    break
                if len(head) > 1 and shown[len(head):][:1] in _BREAK_AFTER:
                    head = head[:-1]  # closing punctuation does not start the next line alone
            out.append(line + head)
            unit = unit[len(head):]
            shown = unit.rstrip()
            line = indent
        line += unit
    if line.strip():
        out.append(line.rstrip())
    return out

ECHO_COLUMNS = 60  # how much of a typed text is said back after saving it


def brief(text: str) -> str:
    """A typed text said back on one line, cut at ``ECHO_COLUMNS`` (evidence, comments, reasons)."""
    return one_line(text, ECHO_COLUMNS)
