"""``--ascii``: nothing the screen shows is drawn with a character whose width terminals
disagree on.

Box drawing, blocks, arrows, ellipses, dashes, bullets and curly quotes are "ambiguous
width" in East Asian terminals: PuTTY with "treat CJK ambiguous characters as wide" draws
them two columns wide and every row after them shifts. The stylesheet already draws borders
with ASCII under ``--ascii`` ($zwgk-border); this filter is the net under it, applied by the
App to every line of every widget: each such character becomes one ASCII character of the
same width, whatever drew it (our text, Textual's scroll bars and editors, a checklist's
“quotes”). CJK text itself is wide everywhere and stays as it is.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_PAIRS = {
    "^": "↑▲△▴", "v": "↓▼▽▾", "<": "←◀◁◂≤", ">": "→▶▷▸≥",
    ".": "…·•‧∙・", "*": "●◆■★☆◇□", "o": "○◎", "~": "◐◑≈",
    "-": "—–―─━┄┅┈┉╌╍⊘‐‑‒", "=": "═", "|": "│┃┆┇┊┋║▏▕", "+": "┌┐└┘├┤┬┴┼╭╮╯╰╔╗╚╝╠╣╦╩╬✔✚",
    "x": "✘✗✕×", '"': "“”„″", "'": "‘’‚′",
    " ": "▁▂▃▄▅▆▇█▉▊▋▌▍▎▔░▒▓",
}
TABLE = str.maketrans({ch: ascii_ch for ascii_ch, chars in _PAIRS.items() for ch in chars})


def to_ascii(text: str) -> str:
    return text.translate(TABLE)


class AsciiFilter(LineFilter):
    """Every drawn symbol as its one-column ASCII stand-in (widths unchanged)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text.translate(TABLE), style, control) if not text.isascii() else Segment(text, style, control)
                for text, style, control in segments]


def use_ascii_scrollbars(on: bool) -> None:
    """Scrollbar thumbs as plain (reverse) cells, without the ▁▂▃ block glyphs. Textual
    chooses the renderer per class."""
    from textual.scrollbar import ScrollBar, ScrollBarRender

    class AsciiScrollBarRender(ScrollBarRender):
        VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
        HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8

    ScrollBar.renderer = AsciiScrollBarRender if on else ScrollBarRender
