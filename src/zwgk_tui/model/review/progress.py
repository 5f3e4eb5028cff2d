"""What both review faces ask of a session: progress, the summary, what "accept all" takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zwgk_tui.model.assessment.answers import DECISION_LABELS, Answer, Review
from zwgk_tui.model.review.rule import reviewed_answers
from zwgk_tui.model.scoring import Totals, score

if TYPE_CHECKING:
    from zwgk_tui.model.review.session import ReviewSession

UNREVIEWED = "未复核"
CLAIM = "文件中的复核记录不是本人所作，不计入"


def decision_word(session: ReviewSession, item_id: str) -> str:
    """认可 / 调整 / 退回 / 未复核 (a decision the unit's change made void: not reviewed)."""
    found = session.decision(item_id)
    return DECISION_LABELS[found] if found else UNREVIEWED


def complete(answer: Answer | None) -> bool:
    """A self-assessment that can be accepted as it stands: a status, not a carried guess."""
    return answer is not None and answer.status is not None and not answer.carried


@dataclass(slots=True)
class ReviewSummary:
    """Self-assessed against reviewed figures, and which items got which decision."""

    own: Totals
    reviewed: Totals
    accepted: list[str] = field(default_factory=list)
    adjusted: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)   # changed ones included
    stale: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return len(self.accepted) + len(self.adjusted) + len(self.returned)


def summarize(session: ReviewSession) -> ReviewSummary:
    answers, _ = reviewed_answers(session.scores.items, session.decisions())
    summary = ReviewSummary(own=session.totals(), reviewed=score(session.checklist, answers, session.scores.category))
    groups = {"accept": summary.accepted, "adjust": summary.adjusted, "return": summary.returned}
    for leaf in session.checklist.leaves:
        found = session.decision(leaf.id)
        (groups[found] if found else summary.unreviewed).append(leaf.id)
        if session.stale(leaf.id):
            summary.stale.append(leaf.id)
    return summary


def unreviewed(session: ReviewSession) -> list[str]:
    """Leaves without a decision that applies, in checklist order."""
    return [leaf.id for leaf in session.checklist.leaves if session.decision(leaf.id) is None]


def acceptable(session: ReviewSession) -> list[str]:
    """What "accept all" accepts: unreviewed items whose self-assessment is complete."""
    return [item_id for item_id in unreviewed(session) if complete(session.answer(item_id))]


def opening_notes(session: ReviewSession) -> list[str]:
    """What the supervisor should know on opening (both faces): a newer submission of the
    unit, items the unit changed since they were reviewed, reviews inside the unit's file."""
    out = []
    newer = session.newer_submission()
    if newer is not None:
        out.append(f"注意：这不是该单位最新的提交；复核记录中有较新的提交 {newer.file}"
                   f"（{when(newer.at)} 提交）。汇总按较新的提交计。")
    kept = sum(1 for k in session.decisions() if session.current(k) is not None)
    changed = [leaf.id for leaf in session.checklist.leaves if session.stale(leaf.id)]
    sub = session.scores.submitted
    new = sub is not None and not any(s.digest == sub.digest for s in session.record.submissions)
    if kept and new and session.record.submissions:
        out.append(f"这是该单位的新提交：对未改动条目的 {kept} 项复核决定继续有效。")
    if changed:
        out.append(f"{len(changed)} 项在复核后被单位修改，待再次复核：{'、'.join(changed[:12])}"
                   f"{'等' if len(changed) > 12 else ''}；按 n 逐项查看改了什么。")
    if session.claims:
        out.append(f"单位文件中有 {len(session.claims)} 项复核记录：{CLAIM}。")
    return out


def when(value) -> str:
    """A timestamp as people read it: 2026-11-25 15:00."""
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def claim_text(review: Review) -> str:
    """A review table found in the unit's file, in words, marked as not counted."""
    from zwgk_tui.textsafe import one_line

    said = DECISION_LABELS.get(review.decision, review.decision)
    if review.reason.strip():
        said += f"；理由：{one_line(review.reason)}"
    who = "，".join(p for p in (one_line(review.reviewer), when(review.at)) if p)
    return f"{said}{'；复核人：' + who if who else ''}——{CLAIM}"
