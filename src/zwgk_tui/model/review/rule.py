"""Which figure counts for each item once a supervisor has reviewed a score file.

One rule, used by ``zwgk report`` and by the review screens of both faces: a review applies
while the self-assessment it looked at is unchanged (``Answer.review_current``). Then
*accept* keeps the unit's own answer, *adjust* uses the reviewer's status and score, and
*return* uses the reviewer's status when one was given (else the unit's own stands until
corrected). A review the unit's later change made void ("stale") counts the unit's answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from zwgk_tui.model.assessment.answers import Answer


class Figure(NamedTuple):
    """What ``score()`` needs of an answer, when a review replaces the unit's own."""

    status: str | None
    score: float | None
    counts: list[int] | None = None
    parts: list[bool] | None = None


@dataclass(slots=True)
class ReviewCounts:
    reviewed: int = 0   # items with a current review
    adjusted: int = 0   # items whose figure the review changed
    returned: int = 0   # items sent back (current reviews only)
    stale: int = 0      # reviews made void by the unit's later change


def reviewed_answers(items: Mapping[str, Answer]) -> tuple[dict[str, Answer | Figure], ReviewCounts]:
    """The answers to score with reviews applied, and what the reviews did."""
    answers: dict[str, Answer | Figure] = dict(items)
    counts = ReviewCounts()
    for item_id, answer in items.items():
        review = answer.review
        if review is None:
            continue
        if not answer.review_current:
            counts.stale += 1
            continue
        counts.reviewed += 1
        if review.decision == "return":
            counts.returned += 1
        if review.decision == "accept" or (review.decision == "return" and review.status is None):
            continue  # the unit's own answer stands
        figure = Figure(review.status if review.status is not None else answer.status, review.score,
                        review.counts if review.counts is not None else answer.counts,
                        review.parts if review.parts is not None else answer.parts)
        if figure != (answer.status, answer.score, answer.counts, answer.parts):
            answers[item_id] = figure
            counts.adjusted += 1
    return answers, counts
