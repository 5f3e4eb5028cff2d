"""The review screen's detail pane: the unit's self-assessment, the review, the evidence (and
whether each recorded file is still the same), the submission state, then the item's text."""

from __future__ import annotations

from zwgk_tui.model.assessment.answers import DECISION_LABELS, Answer
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.queries import number
from zwgk_tui.model.review import session as reviewing
from zwgk_tui.model.review.session import ReviewSession
from zwgk_tui.model.scoring import leaf_value
from zwgk_tui.textsafe import one_line
from zwgk_tui.tui import labels
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.widgets.item_detail import KeyName, text_paras
from zwgk_tui.tui.widgets.lines_view import LinesView, Para, Span

_DECISION_STYLE = {"accept": "lines--met", "adjust": "lines--partial", "return": "lines--unmet"}


class ReviewView:
    """What the pane needs besides the session: file checks, submission state, key names."""

    def __init__(self, session: ReviewSession, submission: str, *, ascii_only: bool, key: KeyName) -> None:
        self.session = session
        self.submission = submission
        self.ascii_only = ascii_only
        self.key = key
        self.files = reviewing.FileChecks()

    def paras(self, node: Node) -> list[Para]:
        paras = [Para([(f"{node.id} ", "lines--label"), (node.title, "lines--title")])]
        if node.children:
            leaves = list(node.leaves())
            done = sum(1 for leaf in leaves if self.session.decision(leaf.id))
            paras.append(Para([("已复核 ", "lines--label"), (f"{done}/{len(leaves)}", None),
                               (f"（{'部分' if node.is_section else '条目'}，请在下级条目上复核）", "lines--muted")]))
        else:
            answer = self.session.answer(node.id)
            paras.append(self._self_line(node, answer))
            paras.extend(self._review_paras(node))
            paras.extend(self._flag_paras(node, answer))
            paras.extend(self._evidence_paras(answer))
        paras.append(self._submission_para())
        paras.extend(text_paras(node))
        return paras

    def _self_line(self, node: Node, answer: Answer | None) -> Para:
        status = answer.status if answer is not None else None
        line: list[Span] = [("自评 ", "lines--label"),
                            (f"{labels.symbol(status, self.ascii_only)} {labels.word(status)}",
                             f"lines--{status or 'none'}")]
        if node.points is not None:
            value = leaf_value(node, answer, self.session.checklist)
            line += [("  分值 ", "lines--label"), (number(node.points), None),
                     ("  得分 ", "lines--label"), (number(value), None)]
            if answer is not None and answer.score is not None:
                line.append(("（手工）", "lines--muted"))
        marks = [m for m, on in (("加分项", node.bonus), ("单项否决", node.veto)) if on]
        if marks:
            line.append(("  " + "·".join(marks), "lines--flag"))
        return Para(line)

    def _review_paras(self, node: Node) -> list[Para]:
        session = self.session
        stored = session.stored(node.id)
        paras: list[Para] = []
        if stored is None:
            adjust = "、".join(self.key(f"review.{status}") for status in ("met", "partial", "unmet", "na"))
            keys = f"{self.key('review.accept')} 认可 · {adjust} 调整 · {self.key('review.return')} 退回"
            paras.append(Para([("复核 ", "lines--label"), (reviewing.UNREVIEWED, "lines--none"),
                               (f"（{keys}）", "lines--muted")]))
        else:
            who = "，".join(p for p in (one_line(stored.reviewer), reviewing.when(stored.at)) if p)
            said = DECISION_LABELS.get(stored.decision, stored.decision)
            if stored.decision == "adjust" or (stored.decision == "return" and stored.status):
                outcome = f"{labels.symbol(stored.status, self.ascii_only)} {labels.word(stored.status)}"
                if stored.score is not None:
                    outcome += f"，得分 {number(stored.score)}"
                said += ("为 " if stored.decision == "adjust" else "，复核状态 ") + outcome
            if session.current(node.id) is None:
                changed = "，".join(session.changes(node.id))
                paras.append(Para([("复核后单位已修改：", "lines--flag"),
                                   (f"{changed}；上次复核（{said}{'，' + who if who else ''}）不再计入，待再次复核", None)],
                                  hang=2))
                if stored.reason:
                    paras.append(Para([("原理由：", "lines--label"), (stored.reason, None)], hang=2))
            else:
                paras.append(Para([("复核 ", "lines--label"), (said, _DECISION_STYLE.get(stored.decision)),
                                   (f"（{who}）" if who else "", "lines--muted")], hang=2))
                if stored.reason:
                    paras.append(Para([("理由：", "lines--label"), (stored.reason, None)], hang=2))
        claim = session.claims.get(node.id)
        if claim is not None:
            paras.append(Para([("文件中另有复核记录：", "lines--flag"), (reviewing.claim_text(claim), None)], hang=2))
        return paras

    def _flag_paras(self, node: Node, answer: Answer | None) -> list[Para]:
        paras = []
        if answer is not None and answer.carried:
            paras.append(Para([("沿用待确认：", "lines--flag"),
                               (f"答案沿用自 {answer.carried}，单位尚未确认", None)], hang=2))
        if self.session.reworded(node.id):
            paras.append(Para([("文字已改：", "lines--flag"), ("作答后清单中本条的文字有改动", None)], hang=2))
        return paras

    def _evidence_paras(self, answer: Answer | None) -> list[Para]:
        evidence = answer.evidence if answer is not None else []
        if not evidence:
            paras = [Para([("佐证：", "lines--label"), ("无", "lines--muted")])]
        else:
            by_index, left = reviewing.evidence_files(answer)
            paras = [Para([(f"佐证（{len(evidence)} 条）：", "lines--label")])]
            for i, text in enumerate(evidence):
                spans: list[Span] = [(f"{i + 1}. ", "lines--muted"), (text, None)]
                if i in by_index:
                    spans.append(self._file_span(by_index[i]))
                paras.append(Para(spans, hang=3))
            for record in left:
                paras.append(Para([("文件 ", "lines--muted"), (record.path, None), self._file_span(record)], hang=3))
        note = answer.note if answer is not None else ""
        paras.append(Para([("说明：", "lines--label"), (note, None) if note else ("无", "lines--muted")], hang=2))
        return paras

    def _file_span(self, record) -> Span:
        state = self.files.state(record)
        return (f"  [文件{state}]", "lines--muted" if state == "未变" else "lines--flag")

    def _submission_para(self) -> Para:
        scores = self.session.scores
        style = "lines--flag" if self.submission != reviewing.SUBMITTED else None
        extra = ""
        if scores.submitted is not None and self.submission != reviewing.DRAFT:
            extra = "，".join(p for p in (reviewing.when(scores.submitted.at), one_line(scores.submitted.by)) if p)
        return Para([("提交：", "lines--label"), (self.submission, style),
                     (f"（{extra}）" if extra else "", "lines--muted")], hang=2)


class ReviewDetail(LinesView):
    """The pane; Tab gives it focus so that a long text can be scrolled."""

    BINDINGS = bindings("detail")
    DEFAULT_CSS = """
    ReviewDetail { padding: 0 1; }
    """

    def __init__(self, view: ReviewView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.node: Node | None = None

    def show_node(self, node: Node, *, keep_scroll: bool = False) -> None:
        same = self.node is node
        self.node = node
        self.show(self.view.paras(node), keep_scroll=keep_scroll and same)

    def action_back(self) -> None:
        """Escape only moves focus back to the list: nothing changes."""
        self.screen.focus_previous()
