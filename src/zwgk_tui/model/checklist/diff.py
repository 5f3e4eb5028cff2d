"""What changed between two checklists: items added, removed, renumbered, reworded, and
changes of units, deadlines, targets and points.

Nodes are paired first by the hash of their wording (``text_hash``: so a renumbered item is
*moved*, not removed and added), then, at the same depth, by similar wording with years
ignored (best match first: *reworded*, and *moved* too where the number changed), then by
id (the same number, rewritten). What is left is added or removed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from zwgk_tui.model.assessment.carry import SIMILAR, wording
from zwgk_tui.model.checklist.tree import Checklist, Node

MAX_PAIRINGS = 40_000  # similarity is quadratic: beyond this, what is left is added/removed
FIELDS = (("units", "责任单位"), ("deadlines", "时限"), ("targets", "目标"), ("points", "分值"),
          ("partial", "基本达标比例"), ("bonus", "加分项"), ("veto", "单项否决"))


@dataclass(slots=True)
class Pair:
    old: Node
    new: Node
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)

    @property
    def moved(self) -> bool:
        return self.old.id != self.new.id

    @property
    def reworded(self) -> bool:
        return self.old.text_hash != self.new.text_hash

    @property
    def years_only(self) -> bool:
        """The wording differs only in the years it names."""
        return self.reworded and _words(self.old) == _words(self.new)


@dataclass(slots=True)
class ChecklistDiff:
    old: Checklist
    new: Checklist
    header: list[tuple[str, str, str]] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    added: list[Node] = field(default_factory=list)
    removed: list[Node] = field(default_factory=list)

    @property
    def moved(self) -> list[Pair]:
        return [p for p in self.pairs if p.moved]

    @property
    def reworded(self) -> list[Pair]:
        return [p for p in self.pairs if p.reworded]

    @property
    def changed(self) -> list[Pair]:
        return [p for p in self.pairs if p.fields]

    @property
    def unchanged(self) -> int:
        return sum(1 for p in self.pairs if not (p.moved or p.reworded or p.fields))

    @property
    def same(self) -> bool:
        return not (self.header or self.added or self.removed) and self.unchanged == len(self.pairs)


def diff(old: Checklist, new: Checklist) -> ChecklistDiff:
    result = ChecklistDiff(old, new, header=_header(old, new))
    old_nodes, new_nodes = list(old.walk()), list(new.walk())
    taken: set[int] = set()
    pairs: list[Pair] = []

    def pair(a: Node, b: Node) -> None:
        taken.add(id(b))
        pairs.append(Pair(a, b))

    by_hash: dict[str, list[Node]] = {}
    for node in new_nodes:
        by_hash.setdefault(node.text_hash, []).append(node)
    left: list[Node] = []
    for node in old_nodes:  # 1. the same wording
        candidates = [n for n in by_hash.get(node.text_hash, []) if id(n) not in taken]
        if candidates:
            pair(node, next((n for n in candidates if n.id == node.id), candidates[0]))
        else:
            left.append(node)
    fresh = [n for n in new_nodes if id(n) not in taken]
    matched: set[int] = set()
    for a, b in _similar_pairs(left, fresh):  # 2. similar wording (years ignored), best first
        if id(a) not in matched and id(b) not in taken:
            matched.add(id(a))
            pair(a, b)
    new_by_id = {n.id: n for n in new_nodes}
    still: list[Node] = []
    for node in left:
        if id(node) in matched:
            continue
        match = new_by_id.get(node.id)  # 3. the same number, rewritten
        if match is not None and id(match) not in taken and match.depth == node.depth:
            pair(node, match)
        else:
            still.append(node)
    order = {id(n): i for i, n in enumerate(new_nodes)}
    pairs.sort(key=lambda p: order[id(p.new)])
    for p in pairs:
        p.fields = _fields(p.old, p.new)
    result.pairs = pairs
    result.removed = still
    result.added = [n for n in new_nodes if id(n) not in taken]
    return result


def _words(node: Node) -> str:
    return wording(node.title, node.text)  # years as YYYY: next year's points say 2020 for 2019


def _similar_pairs(old_nodes: list[Node], new_nodes: list[Node]) -> list[tuple[Node, Node]]:
    """Pairs at the same depth whose wording is at least SIMILAR alike, best first (the same
    number wins a tie)."""
    if len(old_nodes) * len(new_nodes) > MAX_PAIRINGS:
        return []
    scored = []
    new_words = [(n, _words(n)) for n in new_nodes]
    for a in old_nodes:
        words = _words(a)
        for b, other in new_words:
            if b.depth != a.depth:
                continue
            matcher = difflib.SequenceMatcher(None, words, other, autojunk=False)
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILAR:
                scored.append((-ratio, a.id != b.id, a, b))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [(a, b) for _, _, a, b in scored]


def _show(value: object) -> str:
    if value is None or value == () or value is False:
        return "无"
    if value is True:
        return "是"
    if isinstance(value, tuple):
        return "、".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _fields(old: Node, new: Node) -> list[tuple[str, str, str]]:
    out = []
    for attr, label in FIELDS:
        a, b = getattr(old, attr), getattr(new, attr)
        if a != b:
            out.append((label, _show(a), _show(b)))
    return out


def _header(old: Checklist, new: Checklist) -> list[tuple[str, str, str]]:
    out = []
    for attr, label in (("id", "编号"), ("title", "标题"), ("year", "年份"), ("issuer", "发文单位"),
                        ("doc_number", "文号"), ("date", "成文日期")):
        a, b = getattr(old, attr), getattr(new, attr)
        if a != b:
            out.append((label, _show(a), _show(b)))
    if old.rules != new.rules:
        out.append(("计分规则", _rules(old), _rules(new)))
    if old.max_points != new.max_points:
        out.append(("满分", _show(old.max_points), _show(new.max_points)))
    return out


def _rules(checklist: Checklist) -> str:
    r = checklist.rules
    grades = "、".join(f"{name}≥{minimum:g}" for name, minimum in r.grades)
    cap = "无上限" if r.bonus_cap is None else f"{r.bonus_cap:g}"
    return f"基本达标 {r.partial:g}，加分上限 {cap}，等级 {grades}，否决等级 {r.fail_grade}"
