"""The checklist: a tree of sections and items, loaded fast with ``tomllib`` and validated.

A checklist file is the contract between `zwgk checklist build`, the checklist author and
every face of the app; its format is documented key by key in the README.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.checklist.counted import (
    Part,
    Rule,
    categories_from_toml,
    check_leaf_shape,
    read_counted,
)
from zwgk_tui.model.checklist.limits import MAX_NODES, MAX_POINTS, MAX_PROBLEMS, Problem, finite
from zwgk_tui.model.checklist.reading import decode_toml, read_bytes
from zwgk_tui.model.checklist.scoring_table import ScoringRules, rules_from_toml
from zwgk_tui.model.tomlpos import TableLines

FORMAT = "zwgk-checklist"
VERSION = 1
SEGMENT = re.compile(r"^(?:[0-9]+|u[0-9]+)$")
TOP_KEYS = {
    "format", "version", "id", "title", "year", "issuer", "doc_number", "date",
    "source", "preamble", "notice", "scoring", "sections", "closing", "categories",
}
NODE_KEYS = {
    "id", "title", "text", "units", "deadlines", "targets", "points", "partial",
    "bonus", "veto", "unnumbered", "items", "source_line", "requirements",
    "criteria", "rules", "parts", "penalty", "for",
}
LIST_KEYS = ("units", "deadlines", "targets")

@dataclass(eq=False, slots=True)
class Node:
    """A section (depth 1) or an item at any depth; leaves are the assessed items."""

    id: str
    title: str
    text: str = ""
    units: tuple[str, ...] = ()
    deadlines: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    points: float | None = None
    partial: float | None = None
    bonus: bool = False
    veto: bool = False
    unnumbered: bool = False
    requirements: tuple[Mapping[str, Any], ...] = ()
    criteria: str = ""            # the published 评分细则 text, shown wherever the item is
    rules: tuple[Rule, ...] = ()  # counted rules (model/checklist/counted.py)
    parts: tuple[Part, ...] = ()
    penalty: bool = False         # 扣分项: outside the maximum, subtracts its deductions
    only_for: tuple[str, ...] = ()  # ``for``: the categories of unit it counts for
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    depth: int = 1

    @property
    def is_leaf(self) -> bool:
        return not self.children and self.depth > 1

    @property
    def is_section(self) -> bool:
        return self.depth == 1

    def walk(self) -> Iterator[Node]:
        """This node and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self) -> Iterator[Node]:
        for node in self.walk():
            if node.is_leaf:
                yield node

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def text_hash(self) -> str:
        """A hash of the item's wording, used to re-find an answer when ids change."""
        return text_hash(self.title, self.text)


@dataclass(eq=False, slots=True)
class Checklist:
    id: str
    title: str
    year: int | None
    issuer: str
    doc_number: str
    date: str
    source: Mapping[str, Any]
    preamble: str
    sections: list[Node]
    rules: ScoringRules
    path: Path | None = None
    sha256: str = ""
    closing: str = ""
    categories: dict[str, str] = field(default_factory=dict)  # code → kind of unit
    by_id: dict[str, Node] = field(default_factory=dict)
    leaves: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        for section in self.sections:
            yield from section.walk()

    def leaf_index(self, item_id: str) -> int:
        """Position of a leaf in document order (0-based), or -1."""
        for index, leaf in enumerate(self.leaves):
            if leaf.id == item_id:
                return index
        return -1

    @property
    def max_points(self) -> float:
        return sum(leaf.points or 0 for leaf in self.leaves if not leaf.bonus and not leaf.penalty)


def text_hash(title: str, text: str) -> str:
    """SHA-256 of an item's wording with whitespace and punctuation width normalised."""
    norm = unicodedata.normalize("NFKC", f"{title}\n{text}")
    norm = "".join(norm.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]




def load_checklist(path: str | Path) -> Checklist:
    """Load and validate a checklist; the first problem is raised as a ZwgkError."""
    path = Path(path)
    data = read_bytes(path)
    doc, text = decode_toml(data, path)
    checklist, problems = _build(doc, text, str(path))
    if problems:
        first = problems[0]
        raise ZwgkError(first.message, first.path, first.line)
    checklist.path = path
    checklist.sha256 = hashlib.sha256(data).hexdigest()
    return checklist


def check_checklist(path: str | Path) -> list[Problem]:
    """Every problem with a checklist file (empty when it is sound)."""
    path = Path(path)
    try:
        doc, text = decode_toml(read_bytes(path), path, strict=True)
    except ZwgkError as exc:
        return [Problem(exc.path or str(path), exc.line, exc.message)]
    return _build(doc, text, str(path))[1]


class _LazyLines:
    """Scan for line numbers only when there is a problem to report."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: TableLines | None = None

    def __getattr__(self, name: str):
        if self._lines is None:
            self._lines = TableLines(self._text)
        return getattr(self._lines, name)


def _build(doc: dict[str, Any], text: str, where: str) -> tuple[Checklist, list[Problem]]:
    lines = _LazyLines(text)
    problems: list[Problem] = []

    def problem(line: int | Callable[[], int | None] | None, message: str) -> None:
        if len(problems) >= MAX_PROBLEMS:  # only counted from here on: no line looked up
            line = None
        problems.append(Problem(where, line() if callable(line) else line, message))

    if doc.get("format") != FORMAT:
        problem(lines.key_line((), "format") or 1, f'format 应为 "{FORMAT}"（现为 {doc.get("format")!r}）')
    version = doc.get("version")
    if version != VERSION:
        problem(lines.key_line((), "version") or 1, f"不支持的 version {version!r}（本程序读取 version = {VERSION}）")
    for key in doc:
        if key not in TOP_KEYS:
            problem(lambda key=key: lines.key_line((), key) or 1, f"未知的顶层键 {key!r}")
    for key in ("id", "title"):
        if not isinstance(doc.get(key), str) or not doc.get(key, "").strip():
            problem(lines.key_line((), key) or 1, f"缺少 {key}（应为非空字符串）")
    year = doc.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        problem(lines.key_line((), "year"), "year 应为整数")
    date = doc.get("date", "")
    if isinstance(date, dt.date):
        date = date.isoformat()
    elif not isinstance(date, str):
        problem(lines.key_line((), "date"), "date 应为日期或字符串")
        date = ""
    source = doc.get("source", {})
    if not isinstance(source, dict):
        problem(lines.key_line((), "source"), "source 应为表（file、sha256）")
        source = {}
    rules, rule_problems = rules_from_toml(doc.get("scoring", {}))
    for message in rule_problems:
        key = message.split()[0].removeprefix("scoring.")
        problem(lines.key_line(("scoring",), key) or lines.table_line(("scoring", key), 0)
                or lines.table_line(("scoring",), 0)
                or lines.key_line((), "scoring"), message)

    categories, category_problems = categories_from_toml(doc.get("categories"))
    for message in category_problems:
        problem(lines.key_line((), "categories") or lines.table_line(("categories",), 0) or 1, message)

    sections_raw = doc.get("sections")
    sections: list[Node] = []
    if not isinstance(sections_raw, list) or not sections_raw:
        problem(lines.key_line((), "sections") or 1, "缺少 [[sections]]：清单至少要有一个部分")
        sections_raw = []

    seen: dict[str, Callable[[], int | None]] = {}
    counters: dict[tuple[str, ...], int] = {}
    rule_counters: dict[tuple[str, ...], int] = {}  # [[…rules]] / [[…parts]] headers seen

    built = [0]

    def build_node(raw: Any, parent: Node | None, table: tuple[str, ...]) -> Node | None:
        index = counters.get(table, 0)
        counters[table] = index + 1
        built[0] += 1
        if built[0] == MAX_NODES + 1:
            problem(lines.table_line(table, index), f"条目超过 {MAX_NODES} 个，不是清单（其余不再检查）")
        if built[0] > MAX_NODES:
            return None
        def line() -> int | None:
            return lines.table_line(table, index)

        def at(key: str) -> Callable[[], int | None]:
            return lambda: lines.key_line(table, key, index) or line()

        if not isinstance(raw, dict):
            problem(line, "条目应为表")
            return None
        depth = len(table)
        kind = "部分" if depth == 1 else "条目"
        node_id = raw.get("id")
        if not isinstance(node_id, str) or not node_id:
            problem(line, f"{kind}缺少 id")
            node_id = f"?{index}"
        else:
            parts = node_id.split(".")
            if len(parts) != depth or not all(SEGMENT.match(p) for p in parts):
                problem(line, f"id {node_id!r} 与层级不符：第 {depth} 层的 id 应为 {depth} 段以点分隔的数字")
            elif parent is not None and parts[:-1] != parent.id.split("."):
                problem(line, f"id {node_id!r} 不在上级 {parent.id!r} 之下")
            if node_id in seen:
                first = seen[node_id]
                problem(line, f"id {node_id!r} 重复（第一次出现在第 {first()} 行）")
            else:
                seen[node_id] = line
            if len(node_id) > 40:  # named in every message below: keep them short
                node_id = node_id[:39] + "…"
        for key in raw:
            if key not in NODE_KEYS:
                problem(at(key), f"{kind} {node_id} 有未知的键 {key!r}")
        title = raw.get("title")
        if not isinstance(title, str) or not title.strip():
            problem(line, f"{kind} {node_id} 缺少 title")
            title = ""
        body = raw.get("text", "")
        if not isinstance(body, str):
            problem(line, f"{kind} {node_id} 的 text 应为字符串")
            body = ""
        lists: dict[str, tuple[str, ...]] = {}
        for key in LIST_KEYS:
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problem(at(key), f"{kind} {node_id} 的 {key} 应为字符串列表")
                value = []
            lists[key] = tuple(value)
        points = _number(raw, "points", node_id, at("points"), problem)
        partial = _number(raw, "partial", node_id, at("partial"), problem)
        if partial is not None and partial > 1:
            problem(at("partial"), f"条目 {node_id} 的 partial 应在 0 到 1 之间")
        flags = {}
        for key in ("bonus", "veto", "unnumbered"):
            value = raw.get(key, False)
            if not isinstance(value, bool):
                problem(at(key), f"{kind} {node_id} 的 {key} 应为 true 或 false")
                value = False
            flags[key] = value
        requirements = raw.get("requirements", [])
        if not isinstance(requirements, list) or not all(isinstance(r, dict) for r in requirements):
            problem(line, f"{kind} {node_id} 的 requirements 应为表的列表")
            requirements = []
        counted = read_counted(raw, node_id, kind)
        for key, item, message in counted.problems:
            problem(_array_line(lines, table, key, item, at(key), rule_counters), message)
        for code in counted.only_for:
            if code not in categories:
                problem(at("for"), f"{kind} {node_id} 的 for 中 {code!r} 不在顶层 categories 中")
        node = Node(
            id=node_id, title=title, text=body, points=points, partial=partial,
            requirements=tuple(requirements), parent=parent, depth=depth,
            criteria=counted.criteria, rules=counted.rules, parts=counted.parts,
            penalty=counted.penalty, only_for=counted.only_for, **lists, **flags,
        )
        rule_counters[(*table, "rules")] = rule_counters.get((*table, "rules"), 0) + len(raw.get("rules") or [])
        rule_counters[(*table, "parts")] = rule_counters.get((*table, "parts"), 0) + len(raw.get("parts") or [])
        children_raw = raw.get("items", [])
        if not isinstance(children_raw, list):
            problem(line, f"{kind} {node_id} 的 items 应为表的数组")
            children_raw = []
        for child_raw in children_raw:
            child = build_node(child_raw, node, (*table, "items"))
            if child is not None:
                node.children.append(child)
        if depth == 1 and not node.children:
            problem(line, f"部分 {node_id} 没有任何条目")
        if node.children and points is not None:
            problem(at("points"), f"条目 {node_id} 有下级条目，分值由下级合计，不应自带 points")
        if depth == 1 and (points is not None or flags["bonus"] or flags["veto"]):
            problem(line, f"部分 {node_id} 不能直接设 points、bonus 或 veto：请设在条目上")
        for key, message in check_leaf_shape(node_id, counted, leaf=node.is_leaf, points=points,
                                              bonus=flags["bonus"], veto=flags["veto"]):
            problem(at(key), message)
        return node

    for raw in sections_raw:
        node = build_node(raw, None, ("sections",))
        if node is not None:
            sections.append(node)

    checklist = Checklist(
        id=str(doc.get("id", "")),
        title=str(doc.get("title", "")),
        year=year if isinstance(year, int) else None,
        issuer=str(doc.get("issuer", "")),
        doc_number=str(doc.get("doc_number", "")),
        date=date,
        source=source,
        preamble=str(doc.get("preamble", "")),
        closing=str(doc.get("closing", "")),
        sections=sections,
        rules=rules,
        categories=categories,
    )
    for node in checklist.walk():
        checklist.by_id.setdefault(node.id, node)
        if node.is_leaf:
            checklist.leaves.append(node)
    if sections and not checklist.leaves:
        problem(1, "清单没有可评估的条目")
    return checklist, problems


def _array_line(lines: Any, table: tuple[str, ...], key: str, item: int | None,
                fallback: Callable[[], int | None], counters: dict[tuple[str, ...], int]) -> int | None:
    """The line of a node's ``[[…rules]]`` / ``[[…parts]]`` table ``item`` (counted over the file
    in document order), else of the key itself."""
    if item is not None and key in ("rules", "parts"):
        found = lines.table_line((*table, key), counters.get((*table, key), 0) + item)
        if found:
            return int(found)
    return fallback()


def _number(raw: dict, key: str, node_id: str, line, problem) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problem(line, f"条目 {node_id} 的 {key} 应为数字")
        return None
    if value < 0 or not finite(value):
        problem(line, f"条目 {node_id} 的 {key} 不能为负数、无穷大或 nan（现为 {value}）")
        return None
    if key == "points" and value > MAX_POINTS:
        problem(line, f"条目 {node_id} 的 points 为 {value:g}，超过 {MAX_POINTS}")
        return None
    return float(value)
