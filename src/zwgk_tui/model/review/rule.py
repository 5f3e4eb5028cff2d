"""Which figure counts for each item once a supervisor has reviewed a unit's submission.

One rule, used by ``zwgk report`` and by the review screens of both faces. Decisions come
only from the supervisor's own review store (``store.py``), never from the received file: a
review table inside a unit's file is someone else's claim and changes no figure.

A stored decision counts for an item while the item's officer content — status, score,
evidence, file records, note — still has the fingerprint the decision looked at. Then
*accept* keeps the unit's own answer, *adjust* uses the reviewer's status and score, and
*return* uses the reviewer's status when one was given (else the unit's own stands until
corrected). Any change (adding evidence only, too) makes the item *changed since review*:
it awaits review again, and the unit's own answer counts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from zwgk_tui.model.assessment.answers import Answer
from zwgk_tui.model.scoring import LABELS


class Figure(NamedTuple):
    """What ``score()`` needs of an answer, when a review replaces the unit's own."""

    status: str | None
    score: float | None
    counts: list[int] | None = None
    parts: list[bool] | None = None


class Decided(Protocol):
    """A decision as the rule reads it (``store.Decision``)."""

    decision: str
    status: str | None
    score: float | None
    counts: list[int] | None
    parts: list[bool] | None
    self_digest: str


@dataclass(slots=True)
class ReviewCounts:
    reviewed: int = 0   # items with a decision that applies
    adjusted: int = 0   # items whose figure the review changed
    returned: int = 0   # items sent back (decisions that apply only)
    stale: int = 0      # decided, then changed by the unit: awaiting review again


def fingerprint(answer: Answer | None) -> str:
    """A digest of one item's officer content, canonicalised like the submission digest
    (sorted-key JSON, no spaces, UTF-8): what a decision looked at."""
    if answer is None:
        content: dict = {}
    else:
        content = {"status": answer.status, "score": answer.score, "evidence": list(answer.evidence),
                   "files": [[f.path, f.sha256, f.size] for f in answer.files], "note": answer.note}
        if answer.counts is not None:   # counted items only, so other fingerprints stay as they were
            content["counts"] = list(answer.counts)
        if answer.parts is not None:
            content["parts"] = list(answer.parts)
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def applies(decision: Decided | None, answer: Answer | None, digest: str | None = None) -> bool:
    """The decision looked at exactly this content (``digest``: the answer's fingerprint, when
    the caller has it already)."""
    if decision is None:
        return False
    return decision.self_digest == (digest if digest is not None else fingerprint(answer))


def reviewed_answers(
    items: Mapping[str, Answer], decisions: Mapping[str, Decided],
) -> tuple[dict[str, Answer | Figure], ReviewCounts]:
    """The answers to score with the supervisor's decisions applied, and what they did."""
    answers: dict[str, Answer | Figure] = dict(items)
    counts = ReviewCounts()
    for item_id, decided in decisions.items():
        answer = items.get(item_id)
        if not applies(decided, answer):
            counts.stale += 1
            continue
        counts.reviewed += 1
        if decided.decision == "return":
            counts.returned += 1
        own = (Figure(answer.status, answer.score, answer.counts, answer.parts)
               if answer is not None else Figure(None, None))
        if decided.decision == "accept" or (decided.decision == "return" and decided.status is None):
            continue  # the unit's own answer stands
        figure = Figure(decided.status if decided.status is not None else own.status, decided.score,
                        decided.counts if decided.counts is not None else own.counts,
                        decided.parts if decided.parts is not None else own.parts)
        if figure != own:
            answers[item_id] = figure
            counts.adjusted += 1
    return answers, counts


def what_changed(seen_status: str | None, seen_score: float | None, seen_evidence: list[str] | None,
                 seen_note: str | None, answer: Answer | None,
                 seen_counts: tuple[list[int] | None, list[bool] | None] | None = None) -> list[str]:
    """What the unit changed since the review looked at the item, in words
    (``状态 达标→基本达标``, ``佐证 新增 1 条``, ``说明 已修改``)."""
    now_status = answer.status if answer is not None else None
    now_score = answer.score if answer is not None else None
    out = []
    if seen_status != now_status:
        out.append(f"状态 {LABELS.get(seen_status, '未评')}→{LABELS.get(now_status, '未评')}")
    if seen_score != now_score:
        out.append(f"得分 {_num(seen_score)}→{_num(now_score)}")
    if seen_counts is not None and answer is not None and seen_counts != (answer.counts, answer.parts):
        out.append("计数 已修改")
    if seen_evidence is not None:
        now = list(answer.evidence) if answer is not None else []
        added = sum(1 for e in now if e not in seen_evidence)
        removed = sum(1 for e in seen_evidence if e not in now)
        if added:
            out.append(f"佐证 新增 {added} 条")
        if removed:
            out.append(f"佐证 删除 {removed} 条")
        if not added and not removed and now != seen_evidence:
            out.append("佐证 已修改")
    if seen_note is not None and seen_note != (answer.note if answer is not None else ""):
        out.append("说明 已修改")
    return out or ["佐证文件或其他内容已修改"]


def _num(value: float | None) -> str:
    return "按状态计" if value is None else f"{value:g} 分"
