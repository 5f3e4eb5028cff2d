"""The read table made into a checklist's shape: sections above items, ids, bonus and penalty
items, weights checked, and nothing that ``zwgk checklist check`` would refuse."""

from __future__ import annotations

from zwgk_tui.indicators.build import BONUS_WORDS, PENALTY_WORDS, BuiltNode, Table
from zwgk_tui.indicators.criteria import ParsedRule

EPSILON = 1e-6


def shape(table: Table, title: str) -> list[BuiltNode]:
    """Sections holding items, ids assigned, flags and rules made consistent."""
    sections = table.sections
    if sections and all(not s.children for s in sections):
        sections = [BuiltNode(title=title, line=sections[0].line, children=sections,
                              only_for=sorted({c for s in sections for c in s.only_for}))]
        for item in sections[0].children:
            item.only_for = [] if item.only_for == sections[0].only_for else item.only_for
    else:
        for section in sections:
            if not section.children:  # a first-level row of its own in a deeper table
                item = BuiltNode(title=section.title, line=section.line)
                for attr in ("points", "text", "criteria", "rules", "parts", "bonus", "penalty",
                             "veto", "given_id", "has_row"):
                    setattr(item, attr, getattr(section, attr))
                section.points, section.rules, section.parts, section.given_id = None, [], [], ""
                section.text = section.criteria = ""
                section.bonus = section.penalty = section.veto = False
                section.children = [item]
    _ids(sections)
    for section in sections:
        _flags(section, [], table.warnings)
    for section in sections:
        _weights(section, table.warnings)
    return sections


def _ids(sections: list[BuiltNode]) -> None:
    leaves: list[tuple[BuiltNode, int]] = []

    def collect(node: BuiltNode, depth: int) -> None:
        if node.children:
            for child in node.children:
                collect(child, depth + 1)
        else:
            leaves.append((node, depth))

    for section in sections:
        collect(section, 1)
    given = [leaf.given_id.split(".") for leaf, _ in leaves]
    fits = bool(leaves) and all(len(g) == depth and all(g) for g, (_, depth) in zip(given, leaves, strict=True))
    if fits:
        fits = _assign_given(sections)
    if not fits:
        for number, section in enumerate(sections, start=1):
            _number(section, str(number))


def _assign_given(sections: list[BuiltNode]) -> bool:
    """Parents take the prefix their leaves share; False when the 编号 column disagrees."""
    seen: set[str] = set()

    def walk(node: BuiltNode) -> str | None:
        if not node.children:
            node.id = node.given_id
            if node.id in seen:
                return None
            seen.add(node.id)
            return node.id
        prefixes = set()
        for child in node.children:
            found = walk(child)
            if found is None:
                return None
            prefixes.add(found.rsplit(".", 1)[0])
        if len(prefixes) != 1:
            return None
        node.id = prefixes.pop()
        if node.id in seen:
            return None
        seen.add(node.id)
        return node.id

    return all(walk(section) is not None for section in sections)


def _number(node: BuiltNode, node_id: str) -> None:
    node.id = node_id
    for number, child in enumerate(node.children, start=1):
        _number(child, f"{node_id}.{number}")


def _flags(node: BuiltNode, heads: list[str], warnings: list[tuple[int | None, str]]) -> None:
    names = [*heads, node.title]
    if node.children:
        for child in node.children:
            _flags(child, names, warnings)
        return
    said = " ".join(names)
    if not (node.bonus or node.penalty or node.veto):
        if any(word in said for word in BONUS_WORDS):
            node.bonus = True
        elif any(word in said for word in PENALTY_WORDS) and node.rules and all(r.kind == "deduct" for r in node.rules):
            node.penalty = True
    if node.penalty:
        if node.points is not None:
            node.rules = [_capped(rule, node.points) for rule in node.rules]
            warnings.append((node.line, f"扣分项“{node.title}”在满分之外扣分：分值 {node.points:g} 作为各规则的扣分上限"))
            node.points = None
        if not node.rules or any(r.kind != "deduct" for r in node.rules):
            warnings.append((node.line, f"“{node.title}”标为扣分项，但没有读出扣分规则：按普通条目导入"))
            node.penalty = False
    if (node.rules or node.parts) and node.points is None and not node.bonus and not node.penalty:
        warnings.append((node.line, f"“{node.title}”没有分值，读出的规则未写入（细则原文保留）"))
        node.rules, node.parts = [], []
    if node.parts and sum(p.share for p in node.parts) > 1 + EPSILON:
        warnings.append((node.line, f"“{node.title}”各部分比例合计超过 100%，未按部分计分（细则原文保留）"))
        node.parts = []


def _capped(rule: ParsedRule, cap: float) -> ParsedRule:
    return ParsedRule(rule.text, rule.kind, rule.amount, rule.per, cap if rule.cap is None else min(rule.cap, cap))


def _weights(node: BuiltNode, warnings: list[tuple[int | None, str]]) -> float:
    """Points below ``node``; a heading's weight that differs is reported."""
    if not node.children:
        return 0.0 if node.bonus or node.penalty else node.points or 0.0
    total = sum(_weights(child, warnings) for child in node.children)
    if node.weight is not None and abs(total - node.weight) > EPSILON:
        warnings.append((node.line, f"“{node.title}”标注 {node.weight:g} 分，下级分值合计 {total:g} 分"))
    return total
