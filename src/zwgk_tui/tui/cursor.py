"""Where the terminal cursor is left after every screen update: on the selection.

The cursor is hidden, but braille displays, screen magnifiers and screen readers follow it.
One rule for every screen and dialog, applied by the App each time it writes an update
(``ZwgkApp._display``): the cursor goes to the first column of the selected row of whatever
has focus (a tree row, a list option, a help page's top line), or to the caret of a text
field. A screen may name another widget (the search box points at its results after ↑/↓).
"""

from __future__ import annotations

from textual.geometry import Offset
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, TextArea


def selection_offset(screen: Screen) -> Offset | None:
    """The screen cell the selection starts at, or None (nothing focused: leave it)."""
    chosen = getattr(screen, "cursor_widget", None)
    widget = chosen() if callable(chosen) else None
    widget = widget or screen.focused
    if widget is None:  # a question with one-key answers: its first line
        widget = next(iter(screen.query(".dialog-title")), None)
    if widget is None or not widget.is_mounted or not widget.region:
        return None
    own = getattr(widget, "selection_offset", None)
    if callable(own):
        return own()
    if isinstance(widget, Input | TextArea):
        return widget.cursor_screen_offset
    if isinstance(widget, OptionList):
        return _option_row(widget)
    region = widget.content_region
    return Offset(region.x, region.y)


def _option_row(listing: OptionList) -> Offset:
    """The first line of the highlighted option (options may wrap over several lines).

    OptionList keeps its option-to-line map private; this is the one place that reads it.
    """
    region = listing.content_region
    index = listing.highlighted
    line = listing._index_to_line.get(index, 0) if index is not None else 0
    y = line - round(listing.scroll_offset.y)
    return Offset(region.x, region.y + max(0, min(y, region.height - 1)))


def row_offset(widget: Widget, row: int) -> Offset:
    """The first column of a widget's ``row`` (counted in its scrolled content)."""
    region = widget.content_region
    y = row - round(widget.scroll_offset.y)
    return Offset(region.x, region.y + max(0, min(y, region.height - 1)))
