"""The top line (unit, progress, total, grade, save state) and the banner a failed save raises.

Both repaint only when what they say changes, never on a timer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.queries import final_grade, number
from zwgk_tui.textsafe import one_line, truncate, width
from zwgk_tui.tui.widgets.lines_view import Span
from zwgk_tui.tui.widgets.styled import CachedStyles


class StatusLine(CachedStyles, Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"status--label", "status--strong", "status--bad", "status--mode"}
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $foreground;
        & > .status--label { color: $text-muted; }
        & > .status--strong { text-style: bold; }
        & > .status--bad { background: $error; color: $text; text-style: bold; }
        & > .status--mode { background: $warning; color: $background; text-style: bold; }
        &:nocolor > .status--bad { text-style: reverse bold; }
        &:nocolor > .status--mode { text-style: reverse bold; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left: list[Span] = []
        self._right: list[Span] = []

    def set(self, left: list[Span], right: list[Span]) -> None:
        if (left, right) != (self._left, self._right):
            self._left, self._right = left, right
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.forget_styles()

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self._left) + " " + "".join(t for t, _ in self._right)

    def render_line(self, y: int) -> Strip:
        columns = self.content_region.width
        base = self.style_for(None)
        if y != 0:
            return Strip.blank(columns, base)
        style = self.style_for

        right = [Segment(t, style(n)) for t, n in self._right]
        right_width = sum(width(t) for t, _ in self._right)
        room = max(columns - right_width - 2, 0)
        left: list[Segment] = []
        used = 0
        for text, name in self._left:
            if used >= room:
                break
            if used + width(text) > room:
                text = truncate(text, room - used)
            left.append(Segment(text, style(name)))
            used += width(text)
        gap = max(columns - used - right_width - 1, 1)
        return Strip([Segment(" ", base), *left, Segment(" " * gap, base), *right]).adjust_cell_length(columns, base).simplify()


def status_spans(session: Assessment, *, filter_label: str = "") -> tuple[list[Span], list[Span]]:
    """What the status line says about a session."""
    scores = session.scores
    left: list[Span] = [(one_line(scores.unit), "status--strong"), ("  ", None),
                        (one_line(session.checklist.title), "status--label")]
    totals = session.totals()
    right: list[Span] = []
    if session.read_only:
        right += [(" 只读 ", "status--mode"), ("  ", None)]
    if filter_label:
        right += [("筛选：", "status--label"), (filter_label, "status--strong"), ("  ", None)]
    percent = 100 * totals.answered // totals.leaves if totals.leaves else 0
    right += [("已评 ", "status--label"), (f"{totals.answered}/{totals.leaves}", "status--strong"),
              (f" {percent}%", None)]
    if totals.maximum:
        grade = final_grade(totals)  # a grade before the end would mislead
        right += [("  得分 ", "status--label"),
                  (f"{number(totals.total)}/{number(totals.maximum)}", "status--strong")]
        if totals.vetoed_by:
            right.append((f" 否决·{grade}", "status--bad"))
        elif grade:
            right.append((f" {grade}", None))
    if not session.read_only:
        if session.state.ok:
            right += [("  已保存", "status--label")]
        else:
            right += [("  ", None), (" 保存失败 ", "status--bad")]
    return left, right


class SaveBanner(Static):
    """Shown only while saving fails: text, not colour alone."""

    DEFAULT_CSS = """
    SaveBanner {
        display: none;
        height: auto;
        background: $error;
        color: $text;
        text-style: bold;
        padding: 0 1;
        &.-failed { display: block; }
        &:nocolor { text-style: reverse bold; }
    }
    """

    def show_state(self, ok: bool, error: str) -> None:
        if ok:
            self.remove_class("-failed")
        else:
            self.update(Content(one_line(error)))
            self.add_class("-failed")
