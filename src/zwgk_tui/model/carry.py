"""Next year: carry last year's answers and evidence into a new assessment.

Each leaf of the new checklist takes the old answer with the same wording (text hash, with
years ignored), else the old answer with the same id whose wording is close. Carried answers
are marked ``carried`` and stay queued until the officer confirms or changes them; an answer
already given this year is never replaced.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.model.checklist import Node
from zwgk_tui.model.scores import Answer, EvidenceFile, now, read_scores

_YEAR = re.compile(r"(?:19|20)\d\d")
SIMILAR = 0.6


@dataclass(slots=True)
class CarryResult:
    source: str
    carried: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)
    skipped: int = 0  # new items already answered

    def lines(self) -> list[str]:
        if not self.carried:
            return [f"上年记录 {self.source} 中没有可沿用的答案"]
        return [f"从 {self.source} 沿用 {len(self.carried)} 项答案，逐项确认后生效（未确认的标为“沿用待确认”）"]


def _wording(title: str, text: str) -> str:
    norm = unicodedata.normalize("NFKC", f"{title}\n{text}")
    return _YEAR.sub("YYYY", "".join(norm.split()))


def carry_into(session, old_path: Path) -> CarryResult:
    """Copy matching answers from ``old_path`` into ``session`` (an Assessment) and save."""
    from zwgk_tui.model import catalog

    old = read_scores(old_path)
    result = CarryResult(source=Path(old_path).name)
    old_checklist = catalog.for_scores(old.checklist_id, old.checklist_sha256, old.checklist_path)
    old_wording: dict[str, str] = {}
    if old_checklist is not None:
        for item_id in old.items:
            node = old_checklist.by_id.get(item_id)
            if node is not None:
                old_wording[item_id] = _wording(node.title, node.text)
    by_wording: dict[str, str] = {}
    for item_id, wording in old_wording.items():
        by_wording.setdefault(wording, item_id)
    used: set[str] = set()
    for leaf in session.checklist.leaves:
        current = session.answer(leaf.id)
        if current is not None and (current.status is not None or current.evidence or current.note):
            result.skipped += 1
            continue
        source_id = _match(leaf, old.items, old_wording, by_wording, used)
        if source_id is None:
            continue
        used.add(source_id)
        source = old.items[source_id]
        if source.status is None and not source.evidence and not source.note:
            continue
        answer = session.scores.answer(leaf.id)
        answer.status = source.status
        answer.evidence = list(source.evidence)
        answer.files = [EvidenceFile(f.path, f.sha256, f.size) for f in source.files]
        answer.note = source.note
        answer.text_sha256 = leaf.text_hash
        answer.updated = now()
        answer.carried = f"{old.checklist_id} {source_id}"
        result.carried.append((source_id, leaf.id))
    if result.carried:
        session.scores.carried_from = result.source
        session._changed()
    return result


def _match(
    leaf: Node, old_items: dict[str, Answer], old_wording: dict[str, str],
    by_wording: dict[str, str], used: set[str],
) -> str | None:
    wording = _wording(leaf.title, leaf.text)
    exact = by_wording.get(wording)
    if exact is not None and exact not in used:
        return exact
    if leaf.id in old_items and leaf.id not in used:
        old = old_wording.get(leaf.id)
        if old is None:  # old checklist not at hand: the id is all we have
            return leaf.id
        if difflib.SequenceMatcher(None, old, wording, autojunk=False).ratio() >= SIMILAR:
            return leaf.id
    return None
