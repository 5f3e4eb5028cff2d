"""What the assessment and the review screens share: the status line, the save banner, the
checklist tree beside (or above) the item's detail, the save results from the writer
thread, where a change may be made, search, help, and quitting when a save fails.

``AssessScreen`` and ``ReviewScreen`` add their keys and what their tree rows and detail pane
show; everything else is here once.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from zwgk_tui.model.assessment.session import Assessment, SaveState
from zwgk_tui.model.checklist import Node
from zwgk_tui.tui.bindings import current_keys, display_keys
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree
from zwgk_tui.tui.widgets.footer import QuietFooter
from zwgk_tui.tui.widgets.lines_view import LinesView, Span
from zwgk_tui.tui.widgets.status_line import SaveBanner, StatusLine


class WorkScreen(Screen[None]):
    """Subclasses give ``make_tree``, ``make_detail``, ``status`` and the words below."""

    # Textual repaints the whole screen on every focus change (8 KB over SSH for a Tab into
    # the detail pane); the two widgets involved repaint themselves on focus and blur.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    AUTO_FOCUS = "#tree"
    DETAIL_TITLE = "条目详情（Tab 进入）"
    VERB = "评定"            # what is done on a leaf: 评定 / 复核
    KEPT = "答案"            # what a failed save would lose: 答案 / 复核
    HELP_REVIEW = False
    DEFAULT_CSS = """
    WorkScreen {
        layout: vertical;
        #body { layout: vertical; height: 1fr; }
        #tree { height: 1fr; }
        #detail {
            height: 8;
            border-top: $zwgk-border $primary 60%;
            border-title-color: $text-muted;
            /* focus shows in the title, not the border: a border change re-lays out the
               whole screen (a full repaint over SSH) */
            &:focus { border-title-color: $text; border-title-style: bold reverse; }
        }
        &.-short #detail { height: 7; }
        &.-tall #detail { height: 40%; }
        &.-wide #body { layout: horizontal; }
        &.-wide #tree { width: 1fr; height: 1fr; }
        &.-wide #detail {
            width: 1fr; height: 1fr;
            border-left: $zwgk-border $primary 60%;
            &:focus { border-title-color: $text; border-title-style: bold reverse; }
        }
    }
    """

    class Saved(Message):
        """A save finished (posted from the writer thread)."""

        def __init__(self, ok: bool, error: str) -> None:
            super().__init__()
            self.ok = ok
            self.error = error

    def __init__(self, session: Assessment, *, ascii_only: bool = False) -> None:
        super().__init__()
        self.session = session
        self.ascii_only = ascii_only

    # ------------------------------------------------------------------ what subclasses give

    def make_tree(self) -> ChecklistTree:
        raise NotImplementedError

    def make_detail(self) -> LinesView:
        raise NotImplementedError

    def status(self) -> tuple[list[Span], list[Span]]:
        raise NotImplementedError

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield SaveBanner(id="save-banner")
        with Container(id="body"):
            yield self.make_tree()
            detail = self.make_detail()
            detail.border_title = self.DETAIL_TITLE
            yield detail
        yield QuietFooter()

    def on_mount(self) -> None:
        self.session.listeners.append(self._on_save_result)
        self.tree.on_cursor = self.detail.show_node
        if not self.session.state.ok:
            self.query_one(SaveBanner).show_state(False, self.session.state.error)

    def on_unmount(self) -> None:
        if self._on_save_result in self.session.listeners:
            self.session.listeners.remove(self._on_save_result)

    @property
    def tree(self) -> ChecklistTree:
        return self.query_one("#tree", ChecklistTree)

    @property
    def detail(self):
        return self.query_one("#detail")

    def key_text(self, binding_id: str) -> str:
        """The keys bound to an action now (the user's keymap wins), for messages."""
        return display_keys(current_keys(binding_id, getattr(self.app, "keymap", {})))

    def status_keys(self, scope: str) -> str:
        """``1 / 2 / 3 / 4`` or whatever the keymap says, for "按 … 评定"."""
        return "、".join(self.key_text(f"{scope}.{status}") for status in ("met", "partial", "unmet", "na"))

    def _refresh_status(self) -> None:
        self.query_one(StatusLine).set(*self.status())

    # ------------------------------------------------------------------ events

    @on(ChecklistTree.Activated)
    def _activated(self, event: ChecklistTree.Activated) -> None:
        self.detail.focus()

    def _on_save_result(self, state: SaveState) -> None:
        """Called on the saver's thread. ``post_message`` is thread-safe and never blocks:
        the writer must not wait for the UI (a flush on quit waits for the writer)."""
        self.post_message(self.Saved(state.ok, state.error))

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self.query_one(SaveBanner).show_state(event.ok, event.error)
        self._refresh_status()
        if self.session.conflict is not None:  # the file changed elsewhere: ask before overwriting
            from zwgk_tui.tui.dialogs.conflict import ask_about_conflict

            ask_about_conflict(self.app, self.session)

    # ------------------------------------------------------------------ changing

    def _leaf(self) -> Node | None:
        """The current item if it can be changed; otherwise say why not."""
        if self._read_only():
            return None
        node = self.tree.node
        if not node.is_leaf:
            kind = "部分标题" if node.is_section else "有下级条目的条目"
            self.notify(f"{node.id} 是{kind}，请在下级条目上{self.VERB}", markup=False)
            return None
        return node

    def _read_only(self) -> bool:
        if self.session.read_only:
            self.notify(f"只读：此记录以只读方式打开，不能{'修改' if self.VERB == '评定' else self.VERB}",
                        severity="warning", markup=False)
            return True
        return False

    # ------------------------------------------------------------------ finding, help, quitting

    def action_search(self) -> None:
        from zwgk_tui.tui.dialogs.find import SearchDialog

        def done(item_id: str | None) -> None:
            if item_id and self.tree.select(item_id):
                self.found(item_id)
                self.tree.focus()

        self.app.push_screen(SearchDialog(self.session), done)

    def found(self, item_id: str) -> None:
        """A search (or a summary row) put the cursor on an item."""

    def action_help(self) -> None:
        from zwgk_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(review=self.HELP_REVIEW))

    async def action_quit(self) -> None:
        """Everything is on disk already, so quitting asks nothing, unless saving is failing:
        then it tries once more and, if the disk still refuses, asks before losing work."""
        session = self.session
        if session.conflict is not None:  # changed elsewhere: that question first
            from zwgk_tui.tui.dialogs.conflict import ask_about_conflict

            ask_about_conflict(self.app, session)
            return
        if not session.read_only and not session.state.ok:
            session.retry()  # the writer thread answers through state: wait for it
            session.flush()
        if session.read_only or session.state.ok:
            self.app.quit_now()
            return
        from zwgk_tui.tui.dialogs.confirm import ConfirmDialog

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.quit_now()

        self.app.push_screen(ConfirmDialog(
            f"保存失败：现在退出，没保存上的{self.KEPT}会丢失。仍要退出吗？", session.state.error,
            yes="仍然退出", no="留下（腾出磁盘空间后任意修改都会重新保存）"), answered)
