"""Wrapped, styled text drawn line by line; a new text repaints only the lines that differ.

The detail pane changes with every cursor move. Repainting it whole would cost a kilobyte or
more per keystroke over SSH; comparing the new lines with the old ones and refreshing only
those that changed keeps a move cheap (labels, units and empty lines often stay the same).
It scrolls itself (no virtual size, hence no relayout when the text length changes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.geometry import Offset
from textual.strip import Strip
from textual.widget import Widget

from zwgk_tui.textsafe import char_width, clean, width
from zwgk_tui.tui.widgets.styled import CachedStyles

Span = tuple[str, str | None]  # text, component class (None: the widget's own style)

_TOKEN = re.compile(r"[A-Za-z0-9_./:@%#&?=+\-~]+|\s+|.", re.S)
_NO_START = set("，。、；：！？）》」』】〕’”,.;:!?)]}%")


@dataclass(slots=True)
class Para:
    """A paragraph: spans wrapped to the width; continuation lines indented by ``hang``."""

    spans: list[Span]
    hang: int = 0


def wrap_spans(spans: list[Span], columns: int, hang: int = 0) -> list[list[Span]]:
    """Wrap styled spans by display width: CJK breaks anywhere, Latin words stay whole."""
    columns = max(columns, 4)
    hang = min(hang, columns // 2)
    lines: list[list[Span]] = [[]]
    used = 0

    def newline() -> None:
        nonlocal used
        lines.append([(" " * hang, None)] if hang else [])
        used = hang

    for text, style in spans:
        text = clean(text, keep_newlines=True)
        for token in _TOKEN.findall(text):
            if token == "\n" or "\n" in token:
                newline()
                continue
            w = width(token)
            if token.isspace():
                # kept inside a line (it separates fields), dropped where a continuation starts
                if used > (hang if len(lines) > 1 else 0):
                    token = token[: columns - used]
                    lines[-1].append((token, style))
                    used += len(token)
                continue
            if used + w > columns and used > hang:
                carry: Span | None = None
                last = lines[-1]
                if token in _NO_START and sum(len(t) for t, _ in last) > hang + 1 and last[-1][0].strip():
                    # closing punctuation never starts a line: take the character before it along
                    text_before, style_before = last.pop()
                    if len(text_before) > 1:
                        last.append((text_before[:-1], style_before))
                    carry = (text_before[-1], style_before)
                    used -= char_width(carry[0])
                newline()
                if carry:
                    lines[-1].append(carry)
                    used += width(carry[0])
            while w > columns - used and len(token) > 1:  # longer than a line: cut it
                room = columns - used
                cut, taken = 0, 0
                for ch in token:
                    if taken + char_width(ch) > room:
                        break
                    taken += char_width(ch)
                    cut += 1
                if cut == 0:
                    break
                lines[-1].append((token[:cut], style))
                token = token[cut:]
                w = width(token)
                newline()
            lines[-1].append((token, style))
            used += w
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return [_merged(line) for line in lines]


def _merged(line: list[Span]) -> list[Span]:
    """Adjacent spans of one style as one (fewer segments, fewer style changes)."""
    out: list[Span] = []
    for text, name in line:
        if not text:
            continue
        if out and out[-1][1] == name:
            out[-1] = (out[-1][0] + text, name)
        else:
            out.append((text, name))
    return out


class LinesView(CachedStyles, Widget, can_focus=True):
    """A read-only text pane: ``show(paras)`` replaces the text, repainting changed lines."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"lines--label", "lines--title", "lines--flag", "lines--muted", "lines--more",
                         "lines--met", "lines--partial", "lines--unmet", "lines--na", "lines--none"}
    DEFAULT_CSS = """
    LinesView {
        & > .lines--label { color: $text-muted; }
        & > .lines--title { text-style: bold; }
        & > .lines--flag { color: $warning; text-style: bold; }
        & > .lines--muted { color: $text-muted; }
        & > .lines--more { color: $text-muted; text-style: italic; }
        & > .lines--met { color: $success; text-style: bold; }
        & > .lines--partial { color: $warning; text-style: bold; }
        & > .lines--unmet { color: $error; text-style: bold; }
        & > .lines--na { color: $text-muted; text-style: bold; }
        & > .lines--none { text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._paras: list[Para] = []
        self._lines: list[list[Span]] = []
        self._strips: list[Strip] = []
        self._width = 0
        self._wrapped_at = -1  # the width self._lines were wrapped for
        self.top = 0

    def show(self, paras: list[Para], *, keep_scroll: bool = False) -> None:
        self._paras = paras
        if not keep_scroll:
            self.top = 0
        self._relayout()

    @property
    def text(self) -> str:
        """The whole text (wrapped), for tests and for copying."""
        return "\n".join("".join(t for t, _ in line).rstrip() for line in self._lines)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def _relayout(self) -> None:
        columns = self.content_region.width
        lines: list[list[Span]] = []
        if columns > 0:  # before the first layout there is nothing to wrap for
            for para in self._paras:
                lines.extend(wrap_spans(para.spans, columns, para.hang) if para.spans else [[]])
        self._lines = lines
        self._wrapped_at = columns
        self.top = max(0, min(self.top, max(len(lines) - self.content_region.height, 0)))
        self._repaint_changed()

    def _repaint_changed(self) -> None:
        """Build the strips for the visible window; refresh only lines that differ."""
        height = self.content_region.height
        columns = self.content_region.width
        if height <= 0 or columns <= 0:
            self._strips = []
            return
        if columns != self._wrapped_at:  # laid out since the text was wrapped: wrap again
            self._relayout()
            return
        new = [self._strip(i, columns, height) for i in range(height)]
        old = self._strips
        if len(old) != len(new) or columns != self._width:
            self._strips, self._width = new, columns
            self.refresh()
            return
        self._strips = new
        for y, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                self.refresh_line(y)

    def refresh_line(self, y: int) -> None:
        from textual.geometry import Region

        self.refresh(Region(0, y, self.size.width, 1))

    def _strip(self, y: int, columns: int, height: int) -> Strip:
        base = self.style_for(None)
        index = self.top + y
        more = len(self._lines) - (self.top + height)
        if y == height - 1 and more > 0:
            hint = f"…… 还有 {more} 行（Tab 进入后用 ↓ 滚动）" if not self.has_focus else f"…… 还有 {more} 行（↓ 滚动）"
            return Strip([Segment(hint, self.style_for("lines--more"))]).adjust_cell_length(columns, base)
        if index >= len(self._lines):
            return Strip.blank(columns, base)
        segments: list[Segment] = []
        for text, name in _merged(self._lines[index]):
            segments.append(Segment(text, self.style_for(name)))
        return Strip(segments).adjust_cell_length(columns, base).simplify()

    def render_line(self, y: int) -> Strip:
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.content_region.width, self.style_for(None))

    def on_resize(self, event: events.Resize) -> None:
        self._strips = []
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.forget_styles()
        if self.is_mounted:
            self._strips = []
            self._repaint_changed()

    # ------------------------------------------------------------------ scrolling

    def scroll_by(self, lines: int) -> None:
        limit = max(len(self._lines) - self.content_region.height, 0)
        top = max(0, min(self.top + lines, limit))
        if top != self.top:
            self.top = top
            self._repaint_changed()

    def action_scroll_line_up(self) -> None:
        self.scroll_by(-1)

    def action_scroll_line_down(self) -> None:
        self.scroll_by(1)

    def selection_offset(self) -> Offset:
        """The pane's first line: where the terminal cursor is left while it has focus."""
        region = self.content_region
        return Offset(region.x, region.y)

    def on_focus(self) -> None:
        self._repaint_changed()

    def on_blur(self) -> None:
        self._repaint_changed()
