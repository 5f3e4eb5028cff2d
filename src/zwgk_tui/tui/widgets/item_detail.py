"""The current item in full: text, units, deadlines, targets, points, and the officer's answer."""

from __future__ import annotations

from collections.abc import Callable

from zwgk_tui.model import counting
from zwgk_tui.model.assessment.answers import DECISION_LABELS
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.checklist.counted import applies
from zwgk_tui.model.queries import number
from zwgk_tui.model.scoring import leaf_value
from zwgk_tui.textsafe import one_line
from zwgk_tui.tui import labels
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.widgets.lines_view import LinesView, Para, Span

KeyName = Callable[[str], str]  # binding id → the key the user presses now


def item_paras(node: Node, session: Assessment, *, ascii_only: bool, key: KeyName) -> list[Para]:
    """What the detail pane shows for a node, most important first (the pane may be short)."""
    paras: list[Para] = [Para([(f"{node.id} ", "lines--label"), (node.title, "lines--title")])]
    totals = session.totals().nodes.get(node.id)
    if node.children:
        line: list[Span] = [("已评 ", "lines--label"), (f"{totals.answered}/{totals.leaves}" if totals else "—", None)]
        if totals is not None and totals.maximum:
            line += [("  得分 ", "lines--label"),
                     (f"{number(totals.earned)}/{number(totals.maximum)}", None)]
        if totals is not None and totals.unmet:
            line += [("  未达标 ", "lines--label"), (str(totals.unmet), "lines--unmet")]
        paras.append(Para(line))
        paras.append(Para([(f"（{'部分' if node.is_section else '条目'}，下有 {len(node.children)} 项；"
                            f"请在下级条目上评定）", "lines--muted")]))
    else:
        paras.extend(_answer_paras(node, session, ascii_only=ascii_only, key=key))
        paras.extend(_counted_paras(node, session, key))
    paras.extend(text_paras(node))
    if node.is_leaf:
        paras.extend(_evidence_paras(node, session, key))
    return paras


def text_paras(node: Node) -> list[Para]:
    """The item as printed: its text, responsible units, time limits, targets and tasks."""
    paras: list[Para] = []
    if node.text and one_line(node.text) != one_line(node.title):
        paras.append(Para([(node.text, None)]))
    for label, values in (("责任单位", node.units), ("时限", node.deadlines), ("目标", node.targets)):
        if values:
            paras.append(Para([(f"{label}：", "lines--label"), ("、".join(values), None)], hang=2))
    for row in node.requirements:
        text = str(row.get("text", ""))
        units = row.get("units") or []
        extra = f"（{'、'.join(str(u) for u in units)}）" if isinstance(units, list) and units else ""
        paras.append(Para([("任务：", "lines--label"), (text + extra, None)], hang=2))
    return paras


def _answer_paras(node: Node, session: Assessment, *, ascii_only: bool, key: KeyName) -> list[Para]:
    answer = session.answer(node.id)
    status = answer.status if answer is not None else None
    line: list[Span] = [
        ("状态 ", "lines--label"),
        (f"{labels.symbol(status, ascii_only)} {labels.word(status)}", f"lines--{status or 'none'}"),
    ]
    if node.points is not None:
        value = leaf_value(node, answer, session.checklist)
        line += [("  分值 ", "lines--label"), (number(node.points), None),
                 ("  得分 ", "lines--label"), (number(value), None)]
        if answer is not None and answer.score is not None:
            line.append(("（手工）", "lines--muted"))
    evidence = len(answer.evidence) if answer is not None else 0
    line += [("  佐证 ", "lines--label"), (f"{evidence} 条" if evidence else "无", None),
             ("  说明 ", "lines--label"), ("有" if answer is not None and answer.note else "无", None)]
    marks = [m for m, on in (("加分项", node.bonus), ("单项否决", node.veto), ("扣分项", node.penalty)) if on]
    if marks:
        line.append(("  " + "·".join(marks), "lines--flag"))
    paras = [Para(line)]
    if answer is None:
        return paras
    review = answer.review
    if answer.returned and review is not None:
        who = f"（{review.reviewer}）" if review.reviewer else ""
        paras.append(Para([("复核退回：", "lines--flag"), (review.reason or "未写理由", None), (who, "lines--muted")], hang=2))
    elif review is not None and answer.review_current:
        shown = labels.word(review.status) if review.status else ""
        paras.append(Para([(f"复核{DECISION_LABELS.get(review.decision, review.decision)}：", "lines--label"),
                           (shown + (f"  {review.reason}" if review.reason else ""), None)], hang=2))
    if answer.carried:
        paras.append(Para([("沿用待确认：", "lines--flag"),
                           (f"答案沿用自 {answer.carried}；按 {key('item.confirm')} 确认，或直接修改", None)], hang=2))
    if session.reworded(node.id):
        paras.append(Para([("文字已改：", "lines--flag"),
                           (f"作答后条目文字有改动；核对后按 {key('item.confirm')} 确认，或修改答案", None)], hang=2))
    return paras


def _counted_paras(node: Node, session: Assessment, key: KeyName) -> list[Para]:
    """The 评分细则 of a counted item: the score they give, the text, each rule's count."""
    paras: list[Para] = []
    code = session.scores.category
    if code and not applies(node, code):
        paras.append(Para([("适用类别：", "lines--flag"), (f"本单位为 {code} 类，此项不评、不计分", None)], hang=2))
    if not counting.is_counted(node):
        if node.criteria.strip():
            paras.append(Para([("评分细则：", "lines--label"), (node.criteria.strip(), None)], hang=2))
        return paras
    answer = session.answer(node.id)
    counts, parts = (answer.counts, answer.parts) if answer is not None else (None, None)
    if answer is not None and answer.status not in (None, "na"):
        paras.append(Para([("计分：", "lines--label"), (counting.describe(node, counts, parts), None)], hang=2))
    else:
        paras.append(Para([("计分：", "lines--label"), (f"未评；按 {key('item.counts')} 逐条输入计数", "lines--muted")], hang=2))
    for label, line in counting.rule_lines(node, counts, parts):
        paras.append(Para([(f"{label}：", "lines--label"), (line, None)], hang=2))
    if node.criteria.strip():
        paras.append(Para([("评分细则：", "lines--label"), (node.criteria.strip(), None)], hang=2))
    return paras


def _evidence_paras(node: Node, session: Assessment, key: KeyName) -> list[Para]:
    answer = session.answer(node.id)
    evidence = answer.evidence if answer is not None else []
    note = answer.note if answer is not None else ""
    if evidence:
        paras = [Para([(f"佐证（{len(evidence)} 条，{key('item.evidence')} 修改）：", "lines--label")])]
        paras.extend(Para([(f"{i}. ", "lines--muted"), (text, None)], hang=3) for i, text in enumerate(evidence, 1))
    else:
        paras = [Para([("佐证：", "lines--label"), (f"无（按 {key('item.evidence')} 添加）", "lines--muted")])]
    if note:
        paras.append(Para([("说明：", "lines--label"), (note, None)], hang=2))
    else:
        paras.append(Para([("说明：", "lines--label"), (f"无（按 {key('item.note')} 填写）", "lines--muted")]))
    return paras


class ItemDetail(LinesView):
    """The detail pane; Tab gives it focus so that a long text can be scrolled."""

    BINDINGS = bindings("detail")
    DEFAULT_CSS = """
    ItemDetail { padding: 0 1; }
    """

    def __init__(self, session: Assessment, *, ascii_only: bool, key: KeyName, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.ascii_only = ascii_only
        self.key = key
        self.node: Node | None = None

    def show_node(self, node: Node, *, keep_scroll: bool = False) -> None:
        same = self.node is node
        self.node = node
        self.show(item_paras(node, self.session, ascii_only=self.ascii_only, key=self.key),
                  keep_scroll=keep_scroll and same)

    def action_back(self) -> None:
        """Escape only moves focus back to the list: nothing changes."""
        self.screen.focus_previous()

    def on_focus(self) -> None:
        super().on_focus()
        self.border_title = "条目详情（↓ 滚动，Esc 回到列表）"

    def on_blur(self) -> None:
        super().on_blur()
        self.border_title = "条目详情（Tab 进入）"
