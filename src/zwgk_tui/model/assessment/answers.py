"""The score file's model (``format = "zwgk-scores"``, version 1): a unit's answers, each
with its evidence, note and review. Reading is ``parse.py``, writing ``serialize.py``; the
format is documented key by key in the README."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

FORMAT = "zwgk-scores"
VERSION = 1
MAX_FILE_BYTES = 8 * 1024 * 1024  # a real score file is well under 1 MB
DECISIONS = ("accept", "adjust", "return")
DECISION_LABELS = {"accept": "认可", "adjust": "调整", "return": "退回"}


def now() -> dt.datetime:
    """Local time with offset, to the second: what every timestamp in a file uses."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


@dataclass(slots=True)
class EvidenceFile:
    """A local file named as evidence: its hash and size when it was added."""

    path: str
    sha256: str
    size: int


@dataclass(slots=True)
class Review:
    """A supervisor's decision on one item; the self-assessment stays beside it."""

    decision: str                 # accept | adjust | return
    status: str | None = None     # the reviewed status (accept: the officer's own)
    score: float | None = None
    reason: str = ""
    reviewer: str = ""
    at: dt.datetime | None = None
    self_status: str | None = None  # the self-assessment that was reviewed
    self_score: float | None = None
    counts: list[int] | None = None       # the reviewed counts of a counted item's rules
    parts: list[bool] | None = None
    self_counts: list[int] | None = None  # the counts that were reviewed
    self_parts: list[bool] | None = None
    self_digest: str = ""           # its fingerprint (status, score, evidence, files, note)


@dataclass(slots=True)
class Answer:
    """One item's answer. ``status`` None means not yet assessed."""

    status: str | None = None
    score: float | None = None
    evidence: list[str] = field(default_factory=list)
    counts: list[int] | None = None   # one per rule of a counted item (0 when not counted)
    parts: list[bool] | None = None   # one per part: met or not
    note: str = ""
    files: list[EvidenceFile] = field(default_factory=list)
    text_sha256: str = ""
    updated: dt.datetime | None = None
    carried: str = ""             # where a carried answer came from; "" once confirmed
    review: Review | None = None
    title: str = ""               # kept for orphans, so that a person knows what it was
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return (
            self.status is None and self.score is None and not self.evidence
            and not self.note and self.review is None and not self.carried
            and self.counts is None and self.parts is None
        )

    @property
    def review_current(self) -> bool:
        """A review (sent back by the supervisor) still speaks of this answer: nothing the
        officer gives — status, score, counts, parts, evidence, files, note — changed since it
        was made. Reviews from before fingerprints were recorded compare status, score and counts."""
        if self.review is None:
            return False
        if self.review.self_digest:
            from zwgk_tui.model.review.rule import fingerprint

            return self.review.self_digest == fingerprint(self)
        return (
            self.review.self_status == self.status
            and self.review.self_score == self.score
            and self.review.self_counts == self.counts
            and self.review.self_parts == self.parts
        )

    @property
    def returned(self) -> bool:
        """Sent back by the reviewer and not yet changed by the officer."""
        return self.review_current and self.review is not None and self.review.decision == "return"


@dataclass(slots=True)
class Submission:
    at: dt.datetime
    digest: str
    by: str = ""


@dataclass(slots=True)
class ScoreFile:
    checklist_id: str
    checklist_sha256: str
    unit: str
    assessor: str
    created: dt.datetime
    updated: dt.datetime
    checklist_title: str = ""
    items: dict[str, Answer] = field(default_factory=dict)
    orphans: dict[str, Answer] = field(default_factory=dict)
    submitted: Submission | None = None
    reviewer: str = ""
    reviewed: dt.datetime | None = None
    carried_from: str = ""
    checklist_path: str = ""      # where the checklist was when the assessment began
    category: str = ""            # the kind of unit (a code of the checklist's categories)
    extra: dict[str, Any] = field(default_factory=dict)

    def with_reviews(self, reviews: dict[str, Review] | None = None) -> ScoreFile:
        """A copy that shares everything but the review tables: ``reviews`` (by item id) or
        none (timestamps carry rtoml's tzinfo, which deepcopy cannot copy)."""
        from dataclasses import replace

        reviews = reviews or {}
        return replace(
            self, reviewer="", reviewed=None,
            items={k: replace(a, review=reviews.get(k)) for k, a in self.items.items()},
            orphans={k: replace(a, review=None) for k, a in self.orphans.items()},
        )

    def answer(self, item_id: str) -> Answer:
        """The answer for an item, created empty on first use."""
        found = self.items.get(item_id)
        if found is None:
            found = self.items[item_id] = Answer()
        return found
