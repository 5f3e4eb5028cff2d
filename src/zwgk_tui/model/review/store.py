"""The supervisor's review store: decisions are kept here, never in a received file.

``format = "zwgk-reviews"``, ``version = 1``; one file per checklist and unit, by default
``<data dir>/reviews/<checklist_id>/<unit>.toml`` (``--reviews DIR`` for another store, e.g.
one a supervisor team shares). Folders 0700, files 0600, written atomically, one writer at a
time (a ``.lock`` beside the file, as for score files). The format is documented in the README.

Each item keeps the current decision with the fingerprint of the self-answer it looked at
(and a bounded copy of that answer's evidence and note, so that "what changed" can be said);
earlier decisions of the item are kept in its ``history``, never deleted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rtoml

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.answers import DECISIONS, Answer, Review
from zwgk_tui.model.assessment.parse import MAX_COUNT
from zwgk_tui.model.paths import data_dir, safe_name
from zwgk_tui.model.review.rule import fingerprint, what_changed
from zwgk_tui.model.scoring import STATUSES
from zwgk_tui.model.untrusted import Unreadable, read_untrusted

FORMAT = "zwgk-reviews"
VERSION = 1
SEEN_ENTRIES = 200      # evidence entries copied into a decision
SEEN_CHARS = 500        # characters of one evidence entry kept
SEEN_NOTE = 2000        # characters of the note kept


def store_root(override: Path | None = None) -> Path:
    """``--reviews DIR``, else ``<data dir>/reviews``."""
    return Path(override) if override is not None else data_dir() / "reviews"


def record_path(root: Path, checklist_id: str, unit: str) -> Path:
    return root / safe_name(checklist_id, "checklist") / f"{safe_name(unit)}.toml"


def clip_evidence(evidence: list[str]) -> list[str]:
    return [e[:SEEN_CHARS] for e in evidence[:SEEN_ENTRIES]]


@dataclass(slots=True)
class Decision:
    """One decision on one item, with what it looked at."""

    decision: str
    status: str | None = None
    score: float | None = None
    reason: str = ""
    reviewer: str = ""
    at: dt.datetime | None = None
    self_status: str | None = None
    self_score: float | None = None
    self_digest: str = ""
    seen_evidence: list[str] = field(default_factory=list)
    seen_note: str = ""
    counts: list[int] | None = None       # a counted item: the reviewer's counts and parts
    parts: list[bool] | None = None
    self_counts: list[int] | None = None  # the unit's counts and parts that were reviewed
    self_parts: list[bool] | None = None

    @classmethod
    def looking_at(cls, answer: Answer | None, decision: str, **kwargs) -> Decision:
        return cls(decision=decision, self_status=answer.status if answer else None,
                   self_score=answer.score if answer else None, self_digest=fingerprint(answer),
                   seen_evidence=clip_evidence(list(answer.evidence)) if answer else [],
                   seen_note=(answer.note if answer else "")[:SEEN_NOTE],
                   self_counts=list(answer.counts) if answer and answer.counts is not None else None,
                   self_parts=list(answer.parts) if answer and answer.parts is not None else None,
                   **kwargs)

    def changes(self, answer: Answer | None) -> list[str]:
        """What the unit changed since this decision (words for both faces and the report)."""
        clipped = Answer() if answer is None else Answer(
            status=answer.status, score=answer.score, evidence=clip_evidence(answer.evidence),
            note=answer.note[:SEEN_NOTE], counts=answer.counts, parts=answer.parts)
        return what_changed(self.self_status, self.self_score, self.seen_evidence, self.seen_note, clipped,
                            seen_counts=(self.self_counts, self.self_parts))

    def as_review(self) -> Review:
        """The decision as the score file's ``review`` table (the returned copy)."""
        return Review(decision=self.decision, status=self.status, score=self.score, reason=self.reason,
                      reviewer=self.reviewer, at=self.at, self_status=self.self_status,
                      self_score=self.self_score, self_digest=self.self_digest, counts=self.counts,
                      parts=self.parts, self_counts=self.self_counts, self_parts=self.self_parts)


@dataclass(slots=True)
class ItemRecord:
    current: Decision | None = None
    history: list[Decision] = field(default_factory=list)


@dataclass(slots=True)
class SeenSubmission:
    digest: str
    at: dt.datetime | None
    file: str
    first_reviewed: dt.datetime | None = None


@dataclass(slots=True)
class ReviewRecord:
    checklist_id: str
    unit: str
    updated: dt.datetime | None = None
    submissions: list[SeenSubmission] = field(default_factory=list)
    items: dict[str, ItemRecord] = field(default_factory=dict)

    def decisions(self) -> dict[str, Decision]:
        """The current decision of every item that has one."""
        return {k: r.current for k, r in self.items.items() if r.current is not None}

    def newest(self) -> SeenSubmission | None:
        dated = [s for s in self.submissions if s.at is not None]
        return max(dated, key=lambda s: s.at) if dated else None  # type: ignore[arg-type, return-value]


# ------------------------------------------------------------------ reading and writing


def load_record(path: Path, checklist_id: str, unit: str) -> ReviewRecord:
    """The store's record for a unit (empty when there is none); ZwgkError when the file is
    not a review record of this checklist and unit (it is never overwritten then)."""
    try:
        data, _ = read_untrusted(str(path))
    except Unreadable as exc:
        if not Path(path).exists() and not Path(path).is_symlink():
            return ReviewRecord(checklist_id, unit)
        raise ZwgkError(f"复核记录无法读取：{exc}", path) from None
    return parse_record(data, path, checklist_id, unit)


def parse_record(data: bytes, path: Path | str, checklist_id: str, unit: str) -> ReviewRecord:
    from zwgk_tui.model.assessment.parse import parse_document

    doc, _ = parse_document(data, path)
    if doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise ZwgkError(f'不是复核记录：format 应为 "{FORMAT}"，version = {VERSION}', path)
    if doc.get("checklist_id") != checklist_id or doc.get("unit") != unit:
        raise ZwgkError(f"这份复核记录属于 {doc.get('checklist_id')!r} / {doc.get('unit')!r}，"
                        f"不是 {checklist_id!r} / {unit!r}", path)
    record = ReviewRecord(checklist_id, unit, _time(doc.get("updated")))
    for raw in _list(doc.get("submissions")):
        if isinstance(raw, dict) and isinstance(raw.get("digest"), str):
            record.submissions.append(SeenSubmission(raw["digest"], _time(raw.get("at")), str(raw.get("file", "")),
                                                     _time(raw.get("first_reviewed"))))
    items = doc.get("items", {})
    if not isinstance(items, dict):
        raise ZwgkError("items 应为表", path)
    for item_id, raw in items.items():
        if not isinstance(raw, dict):
            raise ZwgkError(f"条目 {item_id} 应为表", path)
        entry = ItemRecord(current=_decision(raw, path, item_id) if "decision" in raw else None)
        for old in _list(raw.get("history")):
            entry.history.append(_decision(old, path, item_id))
        record.items[str(item_id)] = entry
    return record


def dumps_record(record: ReviewRecord) -> str:
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "checklist_id": record.checklist_id,
                           "unit": record.unit}
    if record.updated is not None:
        doc["updated"] = record.updated
    if record.submissions:
        doc["submissions"] = [_drop_none({"digest": s.digest, "at": s.at, "file": s.file,
                                          "first_reviewed": s.first_reviewed}) for s in record.submissions]
    items: dict[str, Any] = {}
    for item_id, entry in record.items.items():
        table = _decision_doc(entry.current) if entry.current is not None else {}
        if entry.history:
            table["history"] = [_decision_doc(d) for d in entry.history]
        if table:
            items[item_id] = table
    doc["items"] = items
    return "# zwgk-tui 复核记录（review store）。格式说明见 README。\n" + rtoml.dumps(doc, pretty=True)


def _decision_doc(d: Decision) -> dict[str, Any]:
    return _drop_none({
        "decision": d.decision, "status": d.status, "score": d.score, "reason": d.reason or None,
        "reviewer": d.reviewer or None, "at": d.at, "self_status": d.self_status,
        "self_score": d.self_score, "self_digest": d.self_digest,
        "seen_evidence": d.seen_evidence or None, "seen_note": d.seen_note or None,
        "counts": d.counts, "parts": d.parts, "self_counts": d.self_counts, "self_parts": d.self_parts,
    })


def _decision(raw: Any, path, item_id: str) -> Decision:
    if not isinstance(raw, dict) or raw.get("decision") not in DECISIONS:
        raise ZwgkError(f"条目 {item_id} 的 decision 应为 accept / adjust / return", path)
    decision = Decision(raw["decision"])
    for key in ("status", "self_status"):
        value = raw.get(key)
        if value is not None and value not in STATUSES:
            raise ZwgkError(f"条目 {item_id} 的 {key} {value!r} 无效", path)
        setattr(decision, key, value)
    for key in ("score", "self_score"):
        value = raw.get(key)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < float("inf"):
                raise ZwgkError(f"条目 {item_id} 的 {key} 应为非负数", path)
            setattr(decision, key, float(value))
    for key in ("reason", "reviewer", "self_digest", "seen_note"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise ZwgkError(f"条目 {item_id} 的 {key} 应为字符串", path)
        setattr(decision, key, value)
    seen = raw.get("seen_evidence", [])
    if isinstance(seen, list) and all(isinstance(e, str) for e in seen):
        decision.seen_evidence = list(seen)
    for key in ("counts", "self_counts"):
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, list) or not all(
                    isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_COUNT for n in value):
                raise ZwgkError(f"条目 {item_id} 的 {key} 应为 0 到 {MAX_COUNT} 之间的整数列表", path)
            setattr(decision, key, list(value))
    for key in ("parts", "self_parts"):
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, list) or not all(isinstance(b, bool) for b in value):
                raise ZwgkError(f"条目 {item_id} 的 {key} 应为 true / false 的列表", path)
            setattr(decision, key, list(value))
    decision.at = _time(raw.get("at"))
    return decision


def _time(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _drop_none(table: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in table.items() if v is not None}
