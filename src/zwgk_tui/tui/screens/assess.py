"""The assessment screen: the checklist tree, the current item, and every key of the work."""

from __future__ import annotations

from textual import on

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.queries import next_open
from zwgk_tui.textsafe import brief
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.screens.work import WorkScreen
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree
from zwgk_tui.tui.widgets.item_detail import ItemDetail
from zwgk_tui.tui.widgets.status_line import status_spans


class AssessScreen(WorkScreen):
    BINDINGS = bindings("assess")

    def __init__(self, session: Assessment, *, ascii_only: bool = False,
                 worklist: list[str] | None = None) -> None:
        super().__init__(session, ascii_only=ascii_only)
        self.worklist = worklist or []
        self.filter_name = ""   # the filter chosen (FilterDialog labels)
        self.filter_label = ""  # what the status line says: name and count

    def make_tree(self) -> ChecklistTree:
        return ChecklistTree(self.session, ascii_only=self.ascii_only, id="tree")

    def make_detail(self) -> ItemDetail:
        return ItemDetail(self.session, ascii_only=self.ascii_only, key=self.key_text, id="detail")

    def status(self):
        return status_spans(self.session, filter_label=self.filter_label)

    def on_mount(self) -> None:
        super().on_mount()
        tree = self.tree
        if self.worklist:
            self._apply_filter("退回", self.worklist)
            self.notify(f"复核退回了 {len(self.worklist)} 项，已只显示这些条目；改完后按 "
                        f"{self.key_text('find.filter')} 选“全部条目”。", markup=False)
        shown = self._shown_leaves()
        first, _ = next_open(self.session, None, among=shown)
        leaves = [leaf.id for leaf in self.session.checklist.leaves if shown is None or leaf.id in shown]
        if first is not None or leaves:
            target = first or leaves[0]
            row = tree.row_of(target)
            tree.move_to(row) if row is not None else tree.select(target)
        self._refresh_status()

    @on(ChecklistTree.Moved)
    def _moved(self, event: ChecklistTree.Moved) -> None:
        self.detail.show_node(event.node)

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
            self.notify(f"{node.id} 没有分值，按 {self.status_keys('status')} 评定即可", markup=False)
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
            self.notify(f"{node.id} 没有评分细则规则，按 {self.status_keys('status')} 评定即可", markup=False)
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

    def _shown_leaves(self) -> list[str] | None:
        """The leaves a filter shows (None: no filter)."""
        shown, by_id = self.tree.shown_ids, self.session.checklist.by_id
        return None if shown is None else [i for i in shown if by_id[i].is_leaf]

    def _next_unanswered(self, step: int) -> None:
        """The next (or previous) open item: among those the filter shows, else among all."""
        tree = self.tree
        shown = self._shown_leaves()
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

    def found(self, item_id: str) -> None:
        if self.tree.shown_ids is None and self.filter_label:
            self.filter_name = self.filter_label = ""
            self._refresh_status()

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
            if item_id and self.tree.select(item_id):
                self.found(item_id)
            self._refresh_status()

        self.app.push_screen(SummaryScreen(self.session), done)
