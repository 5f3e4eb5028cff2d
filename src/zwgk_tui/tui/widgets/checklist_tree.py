"""The checklist as a foldable tree, drawn line by line: moving the cursor repaints two rows.

A stock Tree or OptionList repaints far more than that per keystroke; over a slow SSH link
every byte counts, so this widget renders rows itself (Textual's Line API), caches each row,
and refreshes only the rows whose content changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Offset, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Node
from zwgk_tui.textsafe import one_line, truncate, width
from zwgk_tui.tui import labels
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.cursor import row_offset
from zwgk_tui.tui.widgets.styled import CachedStyles

WORD_COLUMNS = 8  # 基本达标


class ChecklistTree(CachedStyles, ScrollView, can_focus=True):
    """Sections → items → sub-items; each row shows id, title, status word and symbol."""

    BINDINGS = bindings("tree")
    KEEP_WHEN_NARROW = 1  # parts at the end of a leaf's row kept when the title has no room
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tree--cursor", "tree--section", "tree--id", "tree--flag", "tree--count",
        "tree--met", "tree--partial", "tree--unmet", "tree--na", "tree--none",
    }
    DEFAULT_CSS = """
    ChecklistTree {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .tree--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
        }
        &:blur > .tree--cursor {
            background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
        }
        &:nocolor > .tree--cursor { text-style: reverse bold; }
        & > .tree--section { text-style: bold; }
        & > .tree--id { color: $text-muted; }
        & > .tree--flag { color: $warning; text-style: bold; }
        & > .tree--count { color: $text-muted; }
        & > .tree--met { color: $success; }
        & > .tree--partial { color: $warning; }
        & > .tree--unmet { color: $error; text-style: bold; }
        & > .tree--na { color: $text-muted; }
        & > .tree--none { color: $text-muted; }
    }
    """

    class Moved(Message):
        """The cursor is on another node."""

        def __init__(self, node: Node) -> None:
            super().__init__()
            self.node = node

    class Activated(Message):
        """Enter on an assessable item: the screen shows it in full."""

        def __init__(self, node: Node) -> None:
            super().__init__()
            self.node = node

    def __init__(self, session: Assessment, *, ascii_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.ascii_only = ascii_only
        self.expanded: set[str] = {n.id for n in session.checklist.walk() if n.children}
        self.shown_ids: set[str] | None = None  # a filter: ids shown (leaves and their ancestors)
        self.rows: list[Node] = []
        self._row_of: dict[str, int] = {}
        self.cursor = 0
        self._cache: dict[tuple[str, bool, int], Strip] = {}
        # Called at once when the cursor moves (a message would arrive a frame later, and
        # the tree and the detail pane would be drawn in two updates instead of one).
        self.on_cursor: Callable[[Node], None] | None = None
        self._rebuild()

    # ------------------------------------------------------------------ model

    @property
    def node(self) -> Node:
        return self.rows[self.cursor]

    def row_of(self, item_id: str) -> int | None:
        return self._row_of.get(item_id)

    def _rebuild(self) -> None:
        """Recompute the visible rows after folding or filtering; keep the cursor's node."""
        current = self.rows[self.cursor] if self.rows else None
        rows: list[Node] = []

        def add(nodes: Iterable[Node]) -> None:
            for node in nodes:
                if self.shown_ids is not None and node.id not in self.shown_ids:
                    continue
                rows.append(node)
                if node.children and node.id in self.expanded:
                    add(node.children)

        add(self.session.checklist.sections)
        self.rows = rows
        self._row_of = {node.id: i for i, node in enumerate(rows)}
        self.cursor = 0
        if current is not None:
            for candidate in (current, *current.ancestors()):
                if candidate.id in self._row_of:
                    self.cursor = self._row_of[candidate.id]
                    break
        self.virtual_size = Size(self.size.width, len(rows))
        self._cache.clear()
        self.refresh()

    def set_filter(self, leaf_ids: Iterable[str] | None) -> None:
        """Show only these leaves (and their ancestors); None shows everything."""
        if leaf_ids is None:
            self.shown_ids = None
        else:
            keep: set[str] = set()
            by_id = self.session.checklist.by_id
            for item_id in leaf_ids:
                node = by_id.get(item_id)
                if node is None:
                    continue
                keep.add(node.id)
                keep.update(a.id for a in node.ancestors())
            self.shown_ids = keep
        self._rebuild()
        self._scroll_to_cursor(center=True)
        self._announce()

    def changed(self, item_id: str) -> None:
        """An answer changed: repaint its row and its ancestors' counts."""
        node = self.session.checklist.by_id.get(item_id)
        if node is None:
            return
        for n in (node, *node.ancestors()):
            for flag in (True, False):
                self._cache.pop((n.id, flag, self._row_width), None)
            row = self._row_of.get(n.id)
            if row is not None:
                self.refresh_line(row)

    def refresh_all(self) -> None:
        self._cache.clear()
        self.refresh()

    # ------------------------------------------------------------------ moving

    def select(self, item_id: str) -> bool:
        """Put the cursor on an item, unfolding (and if need be unfiltering) to reach it."""
        node = self.session.checklist.by_id.get(item_id)
        if node is None:
            return False
        if self.shown_ids is not None and node.id not in self.shown_ids:
            self.shown_ids = None
        folded = [a.id for a in node.ancestors() if a.id not in self.expanded]
        if folded or node.id not in self._row_of:
            self.expanded.update(folded)
            self._rebuild()
        self.move_to(self._row_of[node.id], center=True)
        return True

    def move_to(self, row: int, *, center: bool = False) -> None:
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        old, self.cursor = self.cursor, row
        if old != row:
            self.refresh_line(old)
            self.refresh_line(row)
        self._scroll_to_cursor(center=center)
        self._announce()

    def _announce(self) -> None:
        if self.on_cursor is not None:
            self.on_cursor(self.node)
        else:
            self.post_message(self.Moved(self.node))

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        """Scroll only when the cursor left the screen, and then by half a screen.

        A scroll repaints every row, so jumping half a screen (rather than a line) means
        fewer scrolls and fewer bytes over the link. ``center`` is for jumps (search, n).
        """
        height = self.scrollable_content_region.height
        if height <= 0 or self._on_screen(self.cursor):
            return
        top = self.cursor - height // 2
        top = max(0, min(top, max(len(self.rows) - height, 0)))
        self.scroll_to(y=top, animate=False, immediate=True)

    def _on_screen(self, row: int) -> bool:
        top = round(self.scroll_offset.y)
        return top <= row < top + self.scrollable_content_region.height

    def selection_offset(self) -> Offset:
        """The cursor row's first column: where the terminal cursor is left (tui/cursor.py)."""
        return row_offset(self, self.cursor)

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(self.scrollable_content_region.height - 1, 1))

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(self.scrollable_content_region.height - 1, 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_fold(self) -> None:
        node = self.node
        if node.children and node.id in self.expanded:
            self.expanded.discard(node.id)
            self._rebuild()
            self._scroll_to_cursor()
        elif node.parent is not None and node.parent.id in self._row_of:
            self.move_to(self._row_of[node.parent.id])

    def action_unfold(self) -> None:
        node = self.node
        if not node.children:
            return
        if node.id not in self.expanded:
            self.expanded.add(node.id)
            self._rebuild()
        elif self.cursor + 1 < len(self.rows):
            self.move_to(self.cursor + 1)

    def action_toggle(self) -> None:
        node = self.node
        if node.children:
            if node.id in self.expanded:
                self.action_fold()
            else:
                self.action_unfold()
        else:
            self.post_message(self.Activated(node))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_offset.y) + event.y
        if 0 <= row < len(self.rows):
            self.move_to(row)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))
        self._cache.clear()
        self.call_after_refresh(self._scroll_to_cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.forget_styles()
        self._cache.clear()

    # ------------------------------------------------------------------ drawing

    @property
    def _row_width(self) -> int:
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        row_width = self._row_width
        if not 0 <= index < len(self.rows):
            return Strip.blank(row_width, self.style_for(None))
        node = self.rows[index]
        key = (node.id, index == self.cursor, row_width)
        strip = self._cache.get(key)
        if strip is None:
            if len(self._cache) > 4096:
                self._cache.clear()
            strip = self._cache[key] = self._render_row(node, index == self.cursor, row_width)
        return strip

    def _render_row(self, node: Node, is_cursor: bool, row_width: int) -> Strip:
        """One row: ``▶ ··indent·· symbol id title ······ [flags] word``.

        Every change of style costs about 25 bytes on the wire, so blanks take the style of
        the text next to them: the indent goes with the symbol, the last blank with the word.
        """
        base = self.style_for("tree--cursor") if is_cursor else self.style_for(None)

        def part(name: str | None) -> Style:
            return base if is_cursor or name is None else self.style_for(name)

        mark = labels.cursor_mark(self.ascii_only) if is_cursor else " "
        lead = f"{mark} " + "  " * (node.depth - 1)
        left: list[tuple[str, Style]] = []
        right: list[tuple[str, Style]] = []
        if node.children:
            left.append((lead + labels.fold_mark(node.id in self.expanded, self.ascii_only) + " ", base))
            right.extend(self._parent_right(node, part))
        else:
            answer = self.session.answer(node.id)
            status = answer.status if answer is not None else None
            left.append((lead + labels.symbol(status, self.ascii_only) + " ", part(f"tree--{status or 'none'}")))
            right.extend(self._leaf_right(node, part))
        left.append((node.id + " ", part("tree--id")))
        used = sum(width(t) for t, _ in left)
        room = row_width - used - sum(width(t) for t, _ in right) - 1
        keep = self.KEEP_WHEN_NARROW
        if room < 6 and len(right) > keep:  # too narrow: keep the status word, drop the flags
            right = right[-keep:]
            room = row_width - used - sum(width(t) for t, _ in right) - 1
        title = one_line(node.title)
        title = truncate(title, max(room, 1)) if width(title) > room else title
        gap = row_width - used - width(title) - sum(width(t) for t, _ in right)
        left.append((title + " " * max(gap, 1), part("tree--section" if node.is_section else None)))
        segments = [Segment(text, st) for text, st in (*left, *right)]
        return Strip(segments).adjust_cell_length(row_width, base).simplify()

    def _parent_right(self, node: Node, part: Callable[[str | None], Style]) -> list[tuple[str, Style]]:
        """What a parent's row ends with: answered/leaves below it."""
        totals = self.session.totals().nodes.get(node.id)
        return [] if totals is None else [(f"{totals.answered}/{totals.leaves} ", part("tree--count"))]

    def _leaf_right(self, node: Node, part: Callable[[str | None], Style]) -> list[tuple[str, Style]]:
        """What a leaf's row ends with: flags, then the status word (the last part is kept
        when the row is too narrow for the rest)."""
        answer = self.session.answer(node.id)
        status = answer.status if answer is not None else None
        right = []
        flags = labels.flags(answer, self.session.reworded(node.id))
        if flags:
            right.append(("[" + "·".join(flags) + "] ", part("tree--flag")))
        word = labels.word(status)
        right.append((" " * max(WORD_COLUMNS - width(word), 0) + word + " ", part(f"tree--{status or 'none'}")))
        return right
