"""What is said for an item, an answer and the totals: lines meant to be heard or brailled.

Each line starts with its label (正文、责任单位、当前答案 …) and makes sense on its own; statuses
are words, never symbols. These functions return logical lines; the console cleans and wraps
them. Nothing here assumes which face wrote the score file.
"""

from __future__ import annotations

from collections.abc import Iterable

from zwgk_tui.model import counting
from zwgk_tui.model.assessment.answers import DECISION_LABELS, Answer
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.checklist.counted import applies
from zwgk_tui.model.queries import grade_text, points_sentence, progress_text, score_text
from zwgk_tui.model.queries import number as num
from zwgk_tui.model.scoring import LABELS, leaf_value
from zwgk_tui.textsafe import one_line

Line = tuple[str, str] | str  # a (label, value) field, or a whole line


def title(node: Node) -> str:
    return one_line(node.title)


def joined(values: Iterable[str]) -> str:
    return "、".join(one_line(v) for v in values if one_line(v))


def position(session: Assessment, node: Node) -> str:
    """``第 3 项，共 41 项：1.3 推进市场监管公开透明`` (or a parent's heading)."""
    checklist = session.checklist
    if node.is_leaf:
        index = checklist.leaf_index(node.id)
        return f"第 {index + 1} 项，共 {len(checklist.leaves)} 项：{node.id} {title(node)}"
    kind = "部分" if node.is_section else "条目"
    return f"{kind} {node.id}：{title(node)}"


def item_lines(session: Assessment, node: Node) -> list[Line]:
    """The full view: heading, where it stands, the text and every field, then the answer.

    Items are ``(label, value)`` pairs or whole lines.
    """
    out: list[Line] = [position(session, node), *text_lines(node)]
    if node.is_leaf:
        out.extend(points_lines(session, node))
        out.extend(answer_lines(session, node))
    else:
        out.extend(_parent_lines(session, node))
    return out


def text_lines(node: Node) -> list[tuple[str, str]]:
    """The item as printed: where it belongs, its text, tasks, units, time limits, targets."""
    out: list[tuple[str, str]] = []
    parents = [p for p in reversed(list(node.ancestors()))]
    if parents:
        out.append(("所属", "；".join(f"{p.id} {title(p)}" for p in parents)))
    if node.text.strip():
        out.append(("正文", node.text.strip()))
    for number, row in enumerate(node.requirements, start=1):
        parts = [one_line(str(row.get("text", "")))]
        for key, label in (("units", "责任单位"), ("deadlines", "时限")):
            values = row.get(key)
            if isinstance(values, list) and values:
                parts.append(f"{label}：{joined(str(v) for v in values)}")
        out.append((f"分解任务 {number}", "；".join(p for p in parts if p)))
    for key, label in (("units", "责任单位"), ("deadlines", "时限"), ("targets", "指标")):
        values = getattr(node, key)
        if values:
            out.append((label, joined(values)))
    return out


def points_lines(session: Assessment, node: Node) -> list[tuple[str, str]]:
    rules = session.checklist.rules
    out: list[tuple[str, str]] = []
    if counting.is_counted(node):
        return counted_points_lines(session, node)
    if node.points is not None or session.checklist.max_points > 0:
        out.append(("分值", points_sentence(node, session.checklist)))
    if node.bonus:
        cap = f"，加分项合计最多加 {num(rules.bonus_cap)} 分" if rules.bonus_cap is not None else ""
        out.append(("加分项", f"是，不计入满分{cap}"))
    if node.veto:
        out.append(("单项否决", f"是，本项未达标时总评为{rules.fail_grade}"))
    if node.unnumbered:
        out.append(("无编号段落", f"原文此段没有编号，编号 {node.id} 是清单所加"))
    return out


def counted_points_lines(session: Assessment, node: Node) -> list[tuple[str, str]]:
    """分值, 评分细则 and each rule with its count: what ``k`` changes."""
    rules = session.checklist.rules
    answer = session.answer(node.id)
    if node.penalty:
        cap = f"；扣分项合计最多扣 {num(rules.penalty_cap)} 分" if rules.penalty_cap is not None else ""
        out = [("分值", f"扣分项，不计入满分，扣分从总分中减去{cap}")]
    elif node.points is not None:
        out = [("分值", f"{num(node.points)} 分，按评分细则计分")]
    else:
        cap = f"，加分项合计最多加 {num(rules.bonus_cap)} 分" if rules.bonus_cap is not None else ""
        out = [("分值", f"加分项，不计入满分{cap}")]
    if node.criteria.strip():
        out.append(("评分细则", node.criteria.strip()))
    out.extend(counting.rule_lines(node, answer.counts if answer else None, answer.parts if answer else None))
    out.append(("计数", "输入 k 序号 次数 设各条细则的计数（只有一条时 k 次数），状态随得分而定"))
    return out


def category_line(session: Assessment, node: Node) -> list[tuple[str, str]]:
    """An item not for this unit's kind: said, so that nobody answers it for nothing."""
    code = session.scores.category
    if not code or applies(node, code):
        return []
    kinds = "、".join(session.checklist.categories.get(c, c) for c in _only_for(node))
    return [("适用类别", f"{kinds}；本单位为 {code} 类，此项不评、不计分")]


def _only_for(node: Node) -> list[str]:
    for current in (node, *node.ancestors()):
        if current.only_for:
            return list(current.only_for)
    return []


def answer_lines(session: Assessment, node: Node) -> list[tuple[str, str]]:
    answer = session.answer(node.id)
    status = answer.status if answer else None
    out: list[tuple[str, str]] = [*category_line(session, node), ("当前答案", LABELS[status])]
    if answer is None:
        return out
    if counting.is_counted(node) and status not in (None, "na"):
        out.append(("得分", counting.describe(node, answer.counts, answer.parts)))
    elif answer.score is not None:
        out.append(("得分", f"{num(answer.score)} 分，手动打分"))
    elif node.points is not None and status not in (None, "na"):
        value = leaf_value(node, answer, session.checklist) or 0.0
        out.append(("得分", f"{num(value)} 分，按状态计"))
    for number, text in enumerate(answer.evidence, start=1):
        out.append((f"佐证 {number}", text))
    if answer.note.strip():
        out.append(("说明", answer.note))
    if answer.carried:
        out.append(("沿用待确认", f"答案沿用自上年记录 {one_line(answer.carried)}；输入 y 确认，或重新作答"))
    out.extend(review_lines(answer))
    if session.reworded(node.id):
        out.append(("文字已改动", "作答之后清单中本条的文字有改动，请核对答案；答案仍然有效时输入 y 确认"))
    return out


def review_lines(answer: Answer) -> list[tuple[str, str]]:
    review = answer.review
    if review is None or not answer.review_current:
        return []
    who = f"；复核人：{one_line(review.reviewer)}" if review.reviewer.strip() else ""
    reason = one_line(review.reason) or "未写理由"
    if review.decision == "return":
        return [("复核退回", f"理由：{reason}{who}")]
    outcome = DECISION_LABELS.get(review.decision, review.decision)
    if review.decision == "adjust":
        outcome += f"为{LABELS.get(review.status, '未评')}"
        if review.score is not None:
            outcome += f"，得分 {num(review.score)} 分"
        outcome += f"；理由：{reason}"
    return [("复核结果", outcome + who)]


def _parent_lines(session: Assessment, node: Node) -> list[Line]:
    leaves = list(node.leaves())
    figures = session.totals().nodes.get(node.id)
    children = "；".join(f"{c.id} {title(c)}" for c in node.children)
    out: list[Line] = [(f"下级条目 {len(node.children)} 项", children)]
    if figures is not None:
        progress = f"已评 {figures.answered} 项，共 {figures.leaves} 项"
        if figures.maximum > 0:
            progress += f"；得分 {num(figures.earned)} 分，满分 {num(figures.maximum)} 分"
        out.append(("进度", progress))
    if leaves:
        out.append(f"本条有下级条目，不直接评估。输入 n 转到第一项 {leaves[0].id}。")
    return out


def short_line(session: Assessment, node: Node) -> str:
    """One line for an empty input: where you are and what is answered."""
    if not node.is_leaf:
        return position(session, node) + "。本条有下级条目，不直接评估。"
    parts = [position(session, node)]
    answer = session.answer(node.id)
    status = answer.status if answer else None
    parts.append(f"当前答案：{LABELS[status]}")
    if answer is not None:
        if answer.score is not None:
            parts.append(f"得分 {num(answer.score)} 分")
        if answer.evidence:
            parts.append(f"佐证 {len(answer.evidence)} 条")
        if answer.note.strip():
            parts.append("有说明")
        if answer.carried:
            parts.append("沿用待确认")
        if answer.returned:
            parts.append("复核退回")
    return "。".join(parts[:2]) + ("，" + "，".join(parts[2:]) if parts[2:] else "") + "。"


def progress_line(session: Assessment) -> str:
    return f"进度：{progress_text(session.totals())}。"


def summary_lines(session: Assessment) -> list[Line]:
    """Totals by section, the grade (veto included), and which items are unanswered or unmet."""
    checklist = session.checklist
    totals = session.totals()
    scores = session.scores
    out: list[Line] = [
        ("汇总", f"{one_line(scores.unit)}，评估人 {one_line(scores.assessor) or '未填'}"),
        progress_line(session),
    ]
    if scores.category:
        out.append(("类别", f"{scores.category} {checklist.categories.get(scores.category, '')}".strip()))
    scored = checklist.max_points > 0
    for section in checklist.sections:
        figures = totals.nodes[section.id]
        line = f"已评 {figures.answered} 项，共 {figures.leaves} 项"
        if figures.maximum > 0 or figures.earned > 0:
            line += f"；得分 {num(figures.earned)} 分，满分 {num(figures.maximum)} 分"
        if figures.bonus > 0:
            line += f"；加分 {num(figures.bonus)} 分"
        if figures.penalty > 0:
            line += f"；扣分项扣 {num(figures.penalty)} 分"
        if figures.unmet:
            line += f"；未达标 {figures.unmet} 项"
        out.append((f"部分 {section.id} {title(section)}", line))
    if scored:
        if totals.bonus_uncapped > 0:
            capped = "" if totals.bonus == totals.bonus_uncapped else f"（加分项合计 {num(totals.bonus_uncapped)} 分，上限 {num(checklist.rules.bonus_cap or 0)} 分）"
            out.append(("加分", f"{num(totals.bonus)} 分{capped}"))
        if totals.penalty_uncapped > 0:
            capped = "" if totals.penalty == totals.penalty_uncapped else f"（扣分项合计 {num(totals.penalty_uncapped)} 分，上限 {num(checklist.rules.penalty_cap or 0)} 分）"
            out.append(("扣分项", f"扣 {num(totals.penalty)} 分{capped}"))
        out.append(("总分", score_text(totals)))
    out.append(("等次", grade_text(totals)))
    out.append(("未评条目", id_list(totals.unanswered)))
    out.append(("未达标条目", id_list(totals.unmet)))
    if carried := session.carried_items():
        out.append(("沿用待确认", id_list(carried)))
    if returned := session.returned_items():
        out.append(("复核退回", id_list(returned)))
    if scores.orphans:
        out.append(("清单中已不存在的答案", f"{len(scores.orphans)} 项，保存在记录文件的 [orphans] 中"))
    return out


def id_list(ids: list[str], limit: int = 30) -> str:
    """Ids joined with 、; a long list is cut so that it can still be listened to."""
    if not ids:
        return "没有"
    if len(ids) <= limit:
        return "、".join(ids)
    return "、".join(ids[:limit]) + f" 等，共 {len(ids)} 项"
