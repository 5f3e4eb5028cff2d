"""What both review faces ask of a session: progress, the summary, what "accept all" takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zwgk_tui.model.assessment.answers import DECISION_LABELS, Answer
from zwgk_tui.model.review.rule import reviewed_answers
from zwgk_tui.model.scoring import Totals, score

if TYPE_CHECKING:
    from zwgk_tui.model.review.session import ReviewSession

UNREVIEWED = "未复核"


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
    summary = ReviewSummary(own=session.totals(), reviewed=score(session.checklist, answers))
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


