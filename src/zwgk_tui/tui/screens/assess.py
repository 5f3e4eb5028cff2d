"""The assessment screen: the checklist tree, the current item, and every key of the work."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.session import Assessment, SaveState
from zwgk_tui.model.checklist import Node
from zwgk_tui.textsafe import brief
from zwgk_tui.tui.bindings import bindings, current_keys, display_keys
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree
from zwgk_tui.tui.widgets.footer import QuietFooter
from zwgk_tui.tui.widgets.item_detail import ItemDetail
from zwgk_tui.tui.widgets.status_line import SaveBanner, StatusLine, status_spans


class AssessScreen(Screen[None]):
    BINDINGS = bindings("assess")
    # Textual repaints the whole screen on every focus change (8 KB over SSH for a Tab into
    # the detail pane); the two widgets involved repaint themselves on focus and blur.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    AUTO_FOCUS = "ChecklistTree"
    DEFAULT_CSS = """
    AssessScreen {
        layout: vertical;
        #body { layout: vertical; height: 1fr; }
        ChecklistTree { height: 1fr; }
        ItemDetail {
            height: 8;
            border-top: $zwgk-border $primary 60%;
            border-title-color: $text-muted;
            /* focus shows in the title, not the border: a border change re-lays out the
               whole screen (a full repaint over SSH) */
            &:focus { border-title-color: $text; border-title-style: bold reverse; }
        }
        &.-short ItemDetail { height: 7; }
        &.-tall ItemDetail { height: 40%; }
        &.-wide #body { layout: horizontal; }
        &.-wide ChecklistTree { width: 1fr; height: 1fr; }
        &.-wide ItemDetail {
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

    def __init__(self, session: Assessment, *, ascii_only: bool = False,
                 worklist: list[str] | None = None) -> None:
        super().__init__()
        self.session = session
        self.ascii_only = ascii_only
        self.worklist = worklist or []
        self.filter_name = ""   # the filter chosen (FilterDialog labels)
        self.filter_label = ""  # what the status line says: name and count

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield SaveBanner(id="save-banner")
        with Container(id="body"):
            yield ChecklistTree(self.session, ascii_only=self.ascii_only, id="tree")
            detail = ItemDetail(self.session, ascii_only=self.ascii_only, key=self.key_text, id="detail")
            detail.border_title = "条目详情（Tab 进入）"
            yield detail
        yield QuietFooter()

    def on_mount(self) -> None:
        self.session.listeners.append(self._on_save_result)
        tree = self.tree
        tree.on_cursor = self.detail.show_node
        if self.worklist:
            self._apply_filter("退回", self.worklist)
            self.notify(f"复核退回了 {len(self.worklist)} 项，已只显示这些条目；改完后按 "
                        f"{self.key_text('find.filter')} 选“全部条目”。", markup=False)
        leaves = [i for i, n in enumerate(tree.rows) if n.is_leaf]
        unanswered = [i for i in leaves if not self._answered(tree.rows[i])]
        tree.move_to((unanswered or leaves or [0])[0])
        self._refresh_status()
        if not self.session.state.ok:
            self.query_one(SaveBanner).show_state(False, self.session.state.error)

    def on_unmount(self) -> None:
        if self._on_save_result in self.session.listeners:
            self.session.listeners.remove(self._on_save_result)

    @property
    def tree(self) -> ChecklistTree:
        return self.query_one(ChecklistTree)

    @property
    def detail(self) -> ItemDetail:
        return self.query_one(ItemDetail)

    def key_text(self, binding_id: str) -> str:
        return display_keys(current_keys(binding_id, getattr(self.app, "keymap", {})))

    def _refresh_status(self) -> None:
        left, right = status_spans(self.session, filter_label=self.filter_label)
        self.query_one(StatusLine).set(left, right)

    # ------------------------------------------------------------------ events

    @on(ChecklistTree.Moved)
    def _moved(self, event: ChecklistTree.Moved) -> None:
        self.detail.show_node(event.node)

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

    # ------------------------------------------------------------------ changing

    def _answered(self, node: Node) -> bool:
        answer = self.session.answer(node.id)
        return answer is not None and answer.status is not None

    def _leaf(self) -> Node | None:
        """The current item if it can be changed; otherwise say why not."""
        if self.session.read_only:
            self.notify("只读：此评估以只读方式打开，不能修改", severity="warning", markup=False)
            return None
        node = self.tree.node
        if not node.is_leaf:
            kind = "部分标题" if node.is_section else "有下级条目的条目"
            self.notify(f"{node.id} 是{kind}，请在下级条目上评定", markup=False)
            return None
        return node

    def _changed(self, node: Node) -> None:
        self.tree.changed(node.id)
        self.detail.show_node(node, keep_scroll=True)
        self._refresh_status()

    def _apply(self, node: Node, change, *args) -> bool:
        try:
            change(node.id, *args)
        except ZwgkError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return False
        self._changed(node)
        return True

    def action_set_status(self, status: str) -> None:
        node = self._leaf()
        if node is not None:
            self._apply(node, self.session.set_status, status or None)

    def action_confirm(self) -> None:
        node = self._leaf()
        if node is None:
            return
        answer = self.session.answer(node.id)
        if (answer is None or not answer.carried) and not self.session.reworded(node.id):
            self.notify("当前条目没有需要确认的沿用答案或文字改动", markup=False)
            return
        self._apply(node, self.session.confirm_carried)

    def action_evidence(self) -> None:
        from zwgk_tui.tui.dialogs.evidence import EvidenceDialog

        node = self.tree.node
        if not node.is_leaf:
            self._leaf()
            return
        self.app.push_screen(EvidenceDialog(self.session, node), lambda _: self._changed(node))

    def action_note(self) -> None:
        from zwgk_tui.tui.dialogs.entry import NoteDialog

        node = self._leaf()
        if node is None:
            return
        answer = self.session.answer(node.id)

        def done(text: str | None) -> None:
            if text is not None:
                self._apply(node, self.session.set_note, text)

        self.app.push_screen(NoteDialog("说明", answer.note if answer else "",
                                        context=brief(f"{node.id} {node.title}")), done)

    def action_score(self) -> None:
        from zwgk_tui.tui.dialogs.entry import EntryDialog

        node = self._leaf()
        if node is None:
            return
        if node.points is None:
            self.notify(f"{node.id} 没有分值，按 1–4 评定即可", markup=False)
            return
        points = node.points
        answer = self.session.answer(node.id)

        def validate(text: str) -> tuple[float | str, str]:
            text = text.strip()
            if not text:
                return "", ""
            try:
                value = float(text)
            except ValueError:
                return "", f"请输入 0 到 {points:g} 之间的数字"
            if not 0 <= value <= points:
                return "", f"得分应在 0 到 {points:g} 之间"
            return value, ""

        def done(value: float | str | None) -> None:
            if value is not None:  # "" clears the score: back to the status value
                self._apply(node, self.session.set_score, None if value == "" else value)

        current = "" if answer is None or answer.score is None else f"{answer.score:g}"
        self.app.push_screen(EntryDialog(
            f"得分（满分 {points:g}）", current, validate=validate,
            hint="留空则按评定计分（达标得满分，基本达标按比例）",
            context=brief(f"{node.id} {node.title}")), done)

    def action_counts(self) -> None:
        from zwgk_tui.model import counting
        from zwgk_tui.tui.dialogs.counts import CountsDialog

        node = self._leaf()
        if node is None:
            return
        if not counting.is_counted(node):
            self.notify(f"{node.id} 没有评分细则规则，按 1–4 评定即可", markup=False)
            return
        answer = self.session.answer(node.id)

        def done(found: tuple[list[int], list[bool]] | None) -> None:
            if found is not None:
                counts, parts = found
                self._apply(node, self.session.set_counts, counts if node.rules else None,
                            parts if node.parts else None)

        self.app.push_screen(CountsDialog(node, answer.counts if answer else None,
                                          answer.parts if answer else None), done)

    # ------------------------------------------------------------------ finding

    def _next_unanswered(self, step: int) -> None:
        """The next (or previous) open item: among those the filter shows, else among all."""
        from zwgk_tui.model.queries import next_open

        tree = self.tree
        by_id = self.session.checklist.by_id
        shown = None if tree.shown_ids is None else [i for i in tree.shown_ids if by_id[i].is_leaf]
        found, wrapped = next_open(self.session, tree.node.id, step=step, among=shown)
        if found is None and shown is not None:
            found, wrapped = next_open(self.session, tree.node.id, step=step)
            if found is not None:
                self.filter_name = self.filter_label = ""
                self._refresh_status()
                self.notify("下一未评条目在筛选之外，已显示全部", markup=False)
        if found is None:
            self.notify("全部条目都已评定", markup=False)
            return
        tree.select(found)
        if wrapped:
            self.notify("已从另一端接着找", markup=False)

    def action_next_unanswered(self) -> None:
        self._next_unanswered(1)

    def action_prev_unanswered(self) -> None:
        self._next_unanswered(-1)

    def action_search(self) -> None:
        from zwgk_tui.tui.dialogs.find import SearchDialog

        def done(item_id: str | None) -> None:
            if item_id and self.tree.select(item_id):
                if self.tree.shown_ids is None and self.filter_label:
                    self.filter_name = self.filter_label = ""
                    self._refresh_status()
                self.tree.focus()

        self.app.push_screen(SearchDialog(self.session), done)

    def action_filter(self) -> None:
        from zwgk_tui.tui.dialogs.find import Filter, FilterDialog

        def done(choice: Filter | None) -> None:
            if choice is not None:
                self._apply_filter(choice.label if choice.ids is not None else "", choice.ids)

        self.app.push_screen(FilterDialog(self.session, self.filter_name), done)

    def _apply_filter(self, label: str, ids) -> None:
        if ids is not None and not ids:
            self.notify("没有符合条件的条目", markup=False)
            return
        self.filter_name = label if ids is not None else ""
        self.filter_label = f"{label}（{len(ids)}）" if ids is not None else ""
        self.tree.set_filter(ids)
        self._refresh_status()

    def action_summary(self) -> None:
        from zwgk_tui.tui.screens.summary import SummaryScreen

        def done(item_id: str | None) -> None:
            if item_id:
                self.tree.select(item_id)
                if self.tree.shown_ids is None:
                    self.filter_name = self.filter_label = ""
            self._refresh_status()

        self.app.push_screen(SummaryScreen(self.session), done)

    def action_help(self) -> None:
        from zwgk_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Everything is on disk already, so quitting asks nothing, unless saving is failing:
        then it tries once more and, if the disk still refuses, asks before losing answers."""
        session = self.session
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
            "保存失败：现在退出，没保存上的答案会丢失。仍要退出吗？", session.state.error,
            yes="仍然退出", no="留下（腾出磁盘空间后任意修改都会重新保存）"), answered)

