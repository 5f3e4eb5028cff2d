"""What changed between two checklists: items added, removed, renumbered, reworded, and
changes of units, deadlines, targets and points.

Nodes are paired first by the hash of their wording (``text_hash``: so a renumbered item is
*moved*, not removed and added), then by id (same number, new wording: *reworded*), then,
among what is left at the same depth, by similar wording (renumbered *and* reworded).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from zwgk_tui.model.checklist import Checklist, Node

SIMILAR = 0.6          # the threshold carry-forward uses too
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
    by_hash: dict[str, list[Node]] = {}
    for node in new_nodes:
        by_hash.setdefault(node.text_hash, []).append(node)
    left: list[Node] = []
    pairs: list[Pair] = []
    for node in old_nodes:  # 1. same wording
        candidates = [n for n in by_hash.get(node.text_hash, []) if id(n) not in taken]
        if candidates:
            match = next((n for n in candidates if n.id == node.id), candidates[0])
            taken.add(id(match))
            pairs.append(Pair(node, match))
        else:
            left.append(node)
    new_by_id = {n.id: n for n in new_nodes}
    still: list[Node] = []
    for node in left:  # 2. same number, new wording
        match = new_by_id.get(node.id)
        if match is not None and id(match) not in taken and match.depth == node.depth:
            taken.add(id(match))
            pairs.append(Pair(node, match))
        else:
            still.append(node)
    fresh = [n for n in new_nodes if id(n) not in taken]
    if len(still) * len(fresh) <= MAX_PAIRINGS:  # 3. renumbered and reworded
        for node in list(still):
            match = _similar(node, [n for n in fresh if id(n) not in taken])
            if match is not None:
                taken.add(id(match))
                pairs.append(Pair(node, match))
                still.remove(node)
    order = {id(n): i for i, n in enumerate(new_nodes)}
    pairs.sort(key=lambda p: order[id(p.new)])
    for pair in pairs:
        pair.fields = _fields(pair.old, pair.new)
    result.pairs = pairs
    result.removed = still
    result.added = [n for n in new_nodes if id(n) not in taken]
    return result


def _wording(node: Node) -> str:
    return "".join(f"{node.title}{node.text}".split())


def _similar(node: Node, candidates: list[Node]) -> Node | None:
    best, best_ratio = None, SIMILAR
    wording = _wording(node)
    for other in candidates:
        if other.depth != node.depth:
            continue
        matcher = difflib.SequenceMatcher(None, wording, _wording(other), autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = other, ratio
    return best


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
