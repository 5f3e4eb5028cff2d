"""Next year: carry last year's answers and evidence into a new assessment.

Each leaf of the new checklist takes, in this order of preference, the old answer whose item
has the same wording (years ignored; from last year's checklist), the old answer recorded
against exactly this wording (its ``text_sha256``, which works without last year's
checklist), or the old answer with the same id — if last year's checklist shows its wording
is close, or, without that checklist, only when both files are of the same checklist (an
id of another checklist says nothing). Every leaf's exact match is settled before any
fallback, so an item that next year's document inserts before a similar one cannot take
that one's answer. Everything of an answer is carried — status, the manual score (unless it
exceeds this year's points, which is said), evidence with its file records, note; carried
answers are marked ``carried`` and stay queued until the officer confirms or changes them;
an answer already given this year is never replaced; old answers that match no item are
listed, never dropped silently.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.model.assessment.answers import Answer, EvidenceFile, now
from zwgk_tui.model.assessment.parse import read_scores
from zwgk_tui.model.checklist import Node

_YEAR = re.compile(r"(?:19|20)\d\d")
SIMILAR = 0.6


@dataclass(slots=True)
class CarryResult:
    source: str
    carried: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)
    skipped: int = 0  # new items already answered
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (old id, its title) left behind
    scores_dropped: list[tuple[str, float, float | None]] = field(default_factory=list)  # (new id, score, points)

    def lines(self) -> list[str]:
        """What both faces say after carrying: nothing is left behind without a word."""
        out = []
        if not self.carried:
            out.append(f"上年记录 {self.source} 中没有可沿用的答案")
        else:
            out.append(f"从 {self.source} 沿用 {len(self.carried)} 项答案（状态、得分、佐证、说明），"
                       "逐项确认后生效（未确认的标为“沿用待确认”）")
        if self.skipped:
            out.append(f"本年已作答的 {self.skipped} 项保持不变")
        for new_id, value, points in self.scores_dropped:
            limit = "本年没有分值" if points is None else f"超出本年分值 {points:g} 分"
            out.append(f"{new_id} 上年手动得分 {value:g} 分{limit}，未沿用得分（按状态计，请核对）")
        if self.unmatched:
            shown = "、".join(f"{old_id} {title}".strip() for old_id, title in self.unmatched[:20])
            more = f"等 {len(self.unmatched)} 项" if len(self.unmatched) > 20 else ""
            out.append(f"上年 {len(self.unmatched)} 项答案在本年清单中找不到对应条目，未沿用：{shown}{more}")
        return out


def wording(title: str, text: str) -> str:
    """An item's words for matching across years: width-normalised, no spacing, years as YYYY."""
    norm = unicodedata.normalize("NFKC", f"{title}\n{text}")
    return _YEAR.sub("YYYY", "".join(norm.split()))


def carry_into(session, old_path: Path) -> CarryResult:
    """Copy matching answers from ``old_path`` into ``session`` (an Assessment) and save."""
    from zwgk_tui.model.checklist import catalog

    old = read_scores(old_path)
    result = CarryResult(source=Path(old_path).name)
    old_checklist = catalog.for_scores(old.checklist_id, old.checklist_sha256, old.checklist_path)
    usable = {k: a for k, a in old.items.items() if a.status is not None or a.evidence or a.note}
    old_wording: dict[str, str] = {}
    if old_checklist is not None:
        for item_id in usable:
            node = old_checklist.by_id.get(item_id)
            if node is not None:
                old_wording[item_id] = wording(node.title, node.text)
    pending = []
    for leaf in session.checklist.leaves:
        current = session.answer(leaf.id)
        if current is not None and (current.status is not None or current.evidence or current.note):
            result.skipped += 1
        else:
            pending.append(leaf)
    same_checklist = old.checklist_id == session.checklist.id
    matches = _match_all(pending, usable, old_wording, same_checklist)
    for leaf in pending:
        source_id = matches.get(leaf.id)
        if source_id is None:
            continue
        source = usable[source_id]
        answer = session.scores.answer(leaf.id)
        answer.status = source.status
        answer.score = None
        if source.score is not None and source.status != "na":
            if leaf.points is not None and source.score <= leaf.points + 1e-9:
                answer.score = source.score
            else:
                result.scores_dropped.append((leaf.id, source.score, leaf.points))
        answer.evidence = list(source.evidence)
        answer.files = [EvidenceFile(f.path, f.sha256, f.size) for f in source.files]
        answer.note = source.note
        # counts follow when the item still has as many rules (and parts) to count
        answer.counts = list(source.counts) if source.counts is not None and len(source.counts) == len(leaf.rules) else None
        answer.parts = list(source.parts) if source.parts is not None and len(source.parts) == len(leaf.parts) else None
        answer.text_sha256 = leaf.text_hash
        answer.updated = now()
        answer.carried = f"{old.checklist_id} {source_id}"
        result.carried.append((source_id, leaf.id))
    taken = {old_id for old_id, _ in result.carried}
    for old_id in usable:
        if old_id not in taken:
            node = old_checklist.by_id.get(old_id) if old_checklist is not None else None
            title = node.title if node is not None else usable[old_id].title
            result.unmatched.append((old_id, title))
    if result.skipped:  # already answered this year: their old answers are not "unmatched"
        answered = {leaf.id for leaf in session.checklist.leaves} - {leaf.id for leaf in pending}
        result.unmatched = [(o, t) for o, t in result.unmatched if o not in answered]
    if result.carried:
        session.scores.carried_from = result.source
        session._changed()
    return result


def _match_all(
    leaves: list[Node], old_items: dict[str, Answer], old_wording: dict[str, str], same_checklist: bool,
) -> dict[str, str]:
    """New leaf id -> old item id, exact matches first for every leaf, then the fallbacks."""
    by_wording: dict[str, list[str]] = {}
    for item_id, words in old_wording.items():
        by_wording.setdefault(words, []).append(item_id)
    by_hash: dict[str, list[str]] = {}
    for item_id, answer in old_items.items():
        if answer.text_sha256:
            by_hash.setdefault(answer.text_sha256, []).append(item_id)
    matches: dict[str, str] = {}
    used: set[str] = set()

    def take(leaf: Node, candidates: list[str]) -> None:
        free = [c for c in candidates if c not in used]
        if free and leaf.id not in matches:
            choice = leaf.id if leaf.id in free else free[0]
            matches[leaf.id] = choice
            used.add(choice)

    for leaf in leaves:
        take(leaf, by_wording.get(wording(leaf.title, leaf.text), []))
    for leaf in leaves:
        take(leaf, by_hash.get(leaf.text_hash, []))
    for leaf in leaves:
        if leaf.id in matches or leaf.id not in old_items or leaf.id in used:
            continue
        old = old_wording.get(leaf.id)
        if old is None:
            close = same_checklist  # without last year's wording, only the same checklist's ids
        else:
            ratio = difflib.SequenceMatcher(None, old, wording(leaf.title, leaf.text), autojunk=False).ratio()
            close = ratio >= SIMILAR
        if close:
            take(leaf, [leaf.id])
    return matches
