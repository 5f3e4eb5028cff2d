"""The review summary as plain lines (``s`` in ``zwgk review --plain``)."""

from __future__ import annotations

from zwgk_tui.model.review import session as reviewing
from zwgk_tui.model.scoring import NO_GRADE, Totals
from zwgk_tui.plain import render
from zwgk_tui.textsafe import one_line

Line = tuple[str, str] | str


def summary_lines(dialogue) -> list[Line]:
    """Self-assessed against reviewed figures, per section, and who got which decision."""
    summary = reviewing.summarize(dialogue.session)
    scores = dialogue.session.scores
    out: list[Line] = [
        ("复核汇总", f"{one_line(scores.unit)}，评估人 {one_line(scores.assessor) or '未填'}，"
                     f"复核人 {one_line(dialogue.reviewer) or '未填'}"),
        ("提交", dialogue.submission_text()),
        ("自评", _figures(summary.own)),
        ("复核后", _figures(summary.reviewed)),
    ]
    for section in dialogue.checklist.sections:
        own, after = summary.own.nodes[section.id], summary.reviewed.nodes[section.id]
        if own.maximum or after.maximum:
            out.append((f"部分 {section.id} {render.title(section)}",
                        f"自评 {render.num(own.earned)} 分，复核后 {render.num(after.earned)} 分，"
                        f"满分 {render.num(after.maximum)} 分"))
    for label, ids in (("认可", summary.accepted), ("调整", summary.adjusted),
                       ("退回", summary.returned), ("未复核", summary.unreviewed)):
        out.append((label, f"{len(ids)} 项" + (f"：{render.id_list(ids)}" if ids else "")))
    if summary.stale:
        out.append(("复核后单位已修改", f"{len(summary.stale)} 项：{render.id_list(summary.stale)}，待重新复核"))
    return out


def _figures(totals: Totals) -> str:
    parts = []
    if totals.maximum:
        percent = "" if totals.percent is None else f"，得分率 {totals.percent:.1f}%"
        parts.append(f"得分 {render.num(totals.total)} 分，满分 {render.num(totals.maximum)} 分{percent}")
    grade = "暂无" if totals.grade == NO_GRADE else totals.grade
    if totals.vetoed_by:
        grade += f"（单项否决：{'、'.join(totals.vetoed_by)} 未达标）"
    elif not totals.complete:
        grade += f"（尚有 {len(totals.unanswered)} 项未评，等次为暂定）"
    parts.append(f"等次 {grade}")
    return "，".join(parts)
