"""The review summary as plain lines (``s`` in ``zwgk review --plain``)."""

from __future__ import annotations

from zwgk_tui.model.queries import totals_sentence
from zwgk_tui.model.review import session as reviewing
from zwgk_tui.plain import render
from zwgk_tui.plain.render import Line
from zwgk_tui.textsafe import one_line


def summary_lines(dialogue) -> list[Line]:
    """Self-assessed against reviewed figures, per section, and who got which decision."""
    summary = reviewing.summarize(dialogue.session)
    scores = dialogue.session.scores
    out: list[Line] = [
        ("复核汇总", f"{one_line(scores.unit)}，评估人 {one_line(scores.assessor) or '未填'}，"
                     f"复核人 {one_line(dialogue.reviewer) or '未填'}"),
        ("提交", dialogue.submission_text()),
        ("自评", totals_sentence(summary.own)),
        ("复核后", totals_sentence(summary.reviewed)),
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

