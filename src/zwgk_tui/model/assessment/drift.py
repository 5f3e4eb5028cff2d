"""Checklist drift: the checklist changed after scoring began; map answers, never drop one.

Only the answers are known of the old checklist, not its items, so the plan speaks of what
happens to answers; new items simply show as unanswered.

Answers are matched by id and by the hash of the item's wording recorded with each answer
(``text_sha256``). What cannot be matched is moved to ``[orphans]``, kept in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zwgk_tui.model.assessment.answers import ScoreFile
from zwgk_tui.model.checklist import Checklist


@dataclass(slots=True)
class DriftPlan:
    """What applying the new checklist would do to the answers."""

    kept: list[str] = field(default_factory=list)                 # same id, same wording
    reworded: list[str] = field(default_factory=list)             # same id, new wording
    moved: list[tuple[str, str]] = field(default_factory=list)    # renumbered: (old, new)
    orphaned: list[str] = field(default_factory=list)             # no home in the new checklist

    @property
    def changes_answers(self) -> bool:
        return bool(self.reworded or self.moved or self.orphaned)

    def lines(self) -> list[str]:
        """A plain description, one line each, for both faces."""
        out = []
        for old, new in self.moved:
            out.append(f"编号变动：{old} → {new}（按条目文字匹配）")
        for item_id in self.reworded:
            out.append(f"文字有改动：{item_id}（保留原答案，请核对）")
        for item_id in self.orphaned:
            out.append(f"无法对应：{item_id}（答案保留在文件的 [orphans] 中）")
        return out


def plan(scores: ScoreFile, checklist: Checklist) -> DriftPlan:
    result = DriftPlan()
    by_hash: dict[str, list[str]] = {}
    for leaf in checklist.leaves:
        by_hash.setdefault(leaf.text_hash, []).append(leaf.id)
    taken: set[str] = set()
    pending: list[tuple[str, str]] = []
    for item_id, answer in scores.items.items():
        node = checklist.by_id.get(item_id)
        if node is not None and node.is_leaf and answer.text_sha256 in ("", node.text_hash):
            result.kept.append(item_id)
            taken.add(item_id)
        else:
            pending.append((item_id, answer.text_sha256))
    for item_id, old_hash in pending:
        candidates = [c for c in by_hash.get(old_hash, []) if c not in taken] if old_hash else []
        node = checklist.by_id.get(item_id)
        if candidates:
            target = item_id if item_id in candidates else candidates[0]
            taken.add(target)
            if target == item_id:
                result.kept.append(item_id)
            else:
                result.moved.append((item_id, target))
        elif node is not None and node.is_leaf and item_id not in taken:
            taken.add(item_id)
            result.reworded.append(item_id)
        else:
            result.orphaned.append(item_id)
    return result


def apply(scores: ScoreFile, drift: DriftPlan, checklist: Checklist) -> None:
    """Rewrite the answers for the new checklist; unmatched ones go to ``orphans``."""
    old = scores.items
    new: dict[str, object] = {}
    for item_id in drift.kept + drift.reworded:
        new[item_id] = old[item_id]
    for old_id, new_id in drift.moved:
        new[new_id] = old[old_id]
    for item_id in drift.orphaned:
        key = item_id
        while key in scores.orphans:
            key += "'"
        scores.orphans[key] = old[item_id]
    order = {leaf.id: i for i, leaf in enumerate(checklist.leaves)}
    scores.items = dict(sorted(new.items(), key=lambda kv: order.get(kv[0], 1 << 30)))
    for item_id in drift.kept + [n for _, n in drift.moved]:
        scores.items[item_id].text_sha256 = checklist.by_id[item_id].text_hash
    scores.checklist_sha256 = checklist.sha256
