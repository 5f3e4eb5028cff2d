"""The review screen (``zwgk review``): the unit's items with their self-assessment, and the
supervisor's keys to accept, adjust, return or clear each one. Every decision is saved at once;
the officer's answers and the submission digest are never touched."""

from __future__ import annotations

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.queries import next_leaf, number
from zwgk_tui.model.review import session as reviewing
from zwgk_tui.model.review.session import ReviewSession
from zwgk_tui.model.scoring import LABELS
from zwgk_tui.textsafe import one_line
from zwgk_tui.tui import labels
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.screens.work import WorkScreen
from zwgk_tui.tui.widgets.lines_view import Span
from zwgk_tui.tui.widgets.review_detail import ReviewDetail, ReviewView
from zwgk_tui.tui.widgets.review_tree import ReviewTree


def review_status_spans(session: ReviewSession, submission: str) -> tuple[list[Span], list[Span]]:
    """The top line: unit and checklist; how far the review is, the submission, saving."""
    left: list[Span] = [("复核 ", "status--label"), (one_line(session.scores.unit), "status--strong"),
                        ("  ", None), (one_line(session.checklist.title), "status--label")]
    leaves = session.checklist.leaves
    done = len(leaves) - len(reviewing.unreviewed(session))
    right: list[Span] = []
    if session.read_only:
        right += [(" 只读 ", "status--mode"), ("  ", None)]
    right += [("已复核 ", "status--label"), (f"{done}/{len(leaves)}", "status--strong"), ("  ", None)]
    if submission == reviewing.SUBMITTED:
        right.append(("已提交", None))
    elif submission == reviewing.EDITED:
        right.append((" 提交后被改动 ", "status--bad"))
    else:
        right.append(("草稿", "status--label"))
    if not session.read_only:
        right += [("  已保存", "status--label")] if session.state.ok else [("  ", None), (" 保存失败 ", "status--bad")]
    return left, right


class ReviewScreen(WorkScreen):
    BINDINGS = bindings("review")
    DETAIL_TITLE = "自评与复核（Tab 进入）"
    VERB = "复核"
    KEPT = "复核"
    HELP_REVIEW = True

    def __init__(self, session: ReviewSession, *, reviewer: str, submission: str, ascii_only: bool = False) -> None:
        super().__init__(session, ascii_only=ascii_only)
        self.reviewer = reviewer
        self.submission = submission
        self.view = ReviewView(session, submission, ascii_only=ascii_only, key=self.key_text)

    def make_tree(self) -> ReviewTree:
        return ReviewTree(self.session, ascii_only=self.ascii_only, id="tree")

    def make_detail(self) -> ReviewDetail:
        return ReviewDetail(self.view, id="detail")

    def status(self):
        return review_status_spans(self.session, self.submission)

    def on_mount(self) -> None:
        super().on_mount()
        todo = reviewing.unreviewed(self.session)
        if todo:
            self.tree.select(todo[0])
        else:
            self.tree.move_to(0)
        self._refresh_status()
        if self.submission == reviewing.EDITED:
            self.notify("注意：这份记录在导出提交后被改动过（内容与摘要不符），汇总时不会计入；"
                        "可以先复核，也可以请单位重新导出。", severity="warning", markup=False)
        elif self.submission == reviewing.DRAFT:
            self.notify("这份记录没有经过导出提交（草稿）。", markup=False)
        for line in reviewing.opening_notes(self.session):
            self.notify(line, severity="warning", markup=False)

    def _changed(self, *ids: str) -> None:
        for item_id in ids:
            self.tree.changed(item_id)
        self.detail.show_node(self.tree.node, keep_scroll=True)
        self._refresh_status()

    def _decide(self, node: Node, decision: str, **kwargs) -> bool:
        try:
            self.session.review(node.id, decision, reviewer=self.reviewer, **kwargs)
        except ZwgkError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return False
        self._changed(node.id)
        return True

    def _self_text(self, node: Node) -> str:
        answer = self.session.answer(node.id)
        status = answer.status if answer is not None else None
        text = f"自评：{labels.word(status)}"
        if answer is not None and answer.score is not None:
            text += f"，得分 {number(answer.score)}"
        return text

    def action_accept(self) -> None:
        node = self._leaf()
        if node is None:
            return
        answer = self.session.answer(node.id)
        if answer is None or answer.status is None:
            self.notify(f"{node.id} 单位未评，不能认可；可以按 {self.status_keys('review')} 调整，或按 "
                        f"{self.key_text('review.return')} 退回", severity="warning", markup=False)
            return
        if self._decide(node, "accept"):
            self.notify(f"已认可 {node.id}（{labels.word(answer.status)}）", markup=False)

    def action_adjust(self, status: str) -> None:
        from zwgk_tui.tui.dialogs.review import ReviewDialog, ReviewInput

        node = self._leaf()
        if node is None:
            return
        review = self.session.current(node.id)
        same = review if review is not None and review.decision == "adjust" and review.status == status else None

        def done(given: ReviewInput | None) -> None:
            if given is None:
                return
            if self._decide(node, "adjust", status=given.status, score_value=given.score, reason=given.reason):
                self.notify(f"已调整 {node.id} 为 {LABELS[status]}", markup=False)

        self.app.push_screen(ReviewDialog(node, "adjust", status=status, self_text=self._self_text(node),
                                          reason=same.reason if same else "",
                                          score=same.score if same else None), done)

    def action_return_item(self) -> None:
        from zwgk_tui.tui.dialogs.review import ReviewDialog, ReviewInput

        node = self._leaf()
        if node is None:
            return
        review = self.session.current(node.id)
        same = review if review is not None and review.decision == "return" else None

        def done(given: ReviewInput | None) -> None:
            if given is None:
                return
            if self._decide(node, "return", status=given.status, score_value=given.score, reason=given.reason):
                self.notify(f"已退回 {node.id}：{one_line(given.reason, 40)}", markup=False)

        self.app.push_screen(ReviewDialog(node, "return", self_text=self._self_text(node),
                                          reason=same.reason if same else "",
                                          review_status=same.status if same else None,
                                          score=same.score if same else None), done)

    def action_clear(self) -> None:
        from zwgk_tui.tui.dialogs.confirm import ConfirmDialog

        node = self._leaf()
        if node is None:
            return
        stored = self.session.stored(node.id)
        if stored is None:
            self.notify(f"{node.id} 没有复核记录", markup=False)
            return

        def clear(yes: bool | None) -> None:
            if yes:
                try:
                    self.session.clear_review(node.id)
                except ZwgkError as exc:
                    self.notify(exc.message, severity="error", markup=False)
                    return
                self._changed(node.id)
                self.notify(f"已清除 {node.id} 的复核", markup=False)

        if stored.reason.strip():
            self.app.push_screen(ConfirmDialog(f"清除 {node.id} 的复核（连同理由）？",
                                               one_line(stored.reason, 200), yes="清除", no="保留"), clear)
        else:
            clear(True)

    def action_accept_all(self) -> None:
        from zwgk_tui.tui.dialogs.confirm import ConfirmDialog

        if self._read_only():
            return
        ids = reviewing.acceptable(self.session)
        left = [i for i in reviewing.unreviewed(self.session) if i not in ids]
        if not ids:
            self.notify("没有可以一并认可的条目（未复核且自评完整的）", markup=False)
            return
        detail = "条目：" + "、".join(ids[:40]) + ("等" if len(ids) > 40 else "")
        if left:
            detail += f"\n不在其中（未评或沿用待确认，请逐项复核）：{'、'.join(left[:20])}"

        def accept(yes: bool | None) -> None:
            if not yes:
                return
            done, error = self.session.accept_all(ids, reviewer=self.reviewer)
            self.tree.refresh_all()
            self._changed()
            if error:
                self.notify(f"认可了 {done} 项后停止：{error}", severity="error", markup=False)
            else:
                self.notify(f"已认可 {done} 项", markup=False)

        self.app.push_screen(ConfirmDialog(f"认可全部 {len(ids)} 项未复核、自评完整的条目？", detail,
                                           yes="全部认可", no="不认可"), accept)

    # ------------------------------------------------------------------ finding

    def _next_unreviewed(self, step: int) -> None:
        found, wrapped = next_leaf(self.session.checklist, self.tree.node.id,
                                   lambda leaf: self.session.decision(leaf.id) is None, step=step)
        if found is None:
            self.notify(f"全部条目都已复核；按 {self.key_text('review.summary')} 看汇总", markup=False)
            return
        self.tree.select(found)
        if wrapped:
            self.notify("已从另一端接着找", markup=False)

    def action_next_unreviewed(self) -> None:
        self._next_unreviewed(1)

    def action_prev_unreviewed(self) -> None:
        self._next_unreviewed(-1)

    def action_summary(self) -> None:
        from zwgk_tui.tui.screens.review_summary import ReviewSummaryScreen

        def done(item_id: str | None) -> None:
            if item_id:
                self.tree.select(item_id)
                self.tree.focus()
            self._refresh_status()

        self.app.push_screen(ReviewSummaryScreen(self.session, self.submission), done)
