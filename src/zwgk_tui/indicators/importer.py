"""``zwgk checklist import``: an indicator table (.xlsx or .docx) → checklist TOML text.

The output is written with tomlkit in the layout ``zwgk checklist build`` uses, so that an
author can read and edit it; the same table gives the same bytes. Every row that could not
be read completely is reported as (row, message); nothing in the table is dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import tomlkit

from zwgk_tui.errors import ZwgkError
from zwgk_tui.indicators.build import BuiltNode, read_table
from zwgk_tui.indicators.grid import read_grids
from zwgk_tui.indicators.shape import shape
from zwgk_tui.workpoints.shadow import strip_controls
from zwgk_tui.workpoints.writer import text_value

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
META_KEYS = {"清单编号": "id", "标题": "title", "年份": "year", "发文机关": "issuer", "发文字号": "doc_number"}


@dataclass(slots=True)
class Imported:
    toml: str
    warnings: list[tuple[int | None, str]]
    sections: int
    leaves: int
    rules: int
    points: float

    def summary(self) -> str:
        return (f"{self.sections} 个部分，{self.leaves} 个评估项，{self.rules} 条计数规则，"
                f"总分 {self.points:g}" + (f"；{len(self.warnings)} 处提示" if self.warnings else ""))


def import_table(path: Path, *, checklist_id: str | None, fallback_id: str, title: str | None = None) -> Imported:
    """``checklist_id`` (``--id``) wins, then the id an exported table records, then
    ``fallback_id`` (the output file's name)."""
    grids = read_grids(path)
    table = read_table(grids)
    if not table.sections:
        message = table.warnings[-1][1] if table.warnings else "表格中没有指标"
        raise ZwgkError(message, path)
    meta = {META_KEYS[k]: v for k, v in table.meta.items() if k in META_KEYS}
    for key, value in table.meta.items():
        if key.startswith("类别 ") and value:
            table.categories.setdefault(key.removeprefix("类别 ").strip(), value)
    name = title or meta.get("title") or (table.caption[0] if table.caption else "") or path.stem
    sections = shape(table, strip_controls(name))
    doc = tomlkit.document()
    doc.add("format", "zwgk-checklist")
    doc.add("version", 1)
    doc.add("id", checklist_id or meta.get("id") or fallback_id)
    doc.add("title", strip_controls(name))
    found_year = _YEAR.search(name)
    year = meta.get("year") or (found_year.group(1) if found_year else "")
    if year.isdigit():
        doc.add("year", int(year))
    doc.add("issuer", strip_controls(meta.get("issuer", "")))
    doc.add("doc_number", strip_controls(meta.get("doc_number", "")))
    source = tomlkit.inline_table()
    source.update({"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    doc.add("source", source)
    scoring = {key: float(table.meta[word]) for word, key in (("加分上限", "bonus_cap"), ("扣分上限", "penalty_cap"))
               if _is_number(table.meta.get(word, ""))}
    if scoring:
        doc.add("scoring", scoring)
    if table.categories:
        categories = tomlkit.inline_table()
        categories.update({code: strip_controls(value) for code, value in sorted(table.categories.items())})
        doc.add("categories", categories)
    aot = tomlkit.aot()
    for section in sections:
        aot.append(_node(section))
    doc.add("sections", aot)
    leaves = [leaf for section in sections for leaf in _leaves(section)]
    return Imported(
        toml=tomlkit.dumps(doc), warnings=table.warnings, sections=len(sections), leaves=len(leaves),
        rules=sum(len(leaf.rules) for leaf in leaves),
        points=sum(leaf.points or 0.0 for leaf in leaves if not leaf.bonus and not leaf.penalty),
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _leaves(node: BuiltNode) -> list[BuiltNode]:
    if not node.children:
        return [node]
    return [leaf for child in node.children for leaf in _leaves(child)]


def _points(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _node(node: BuiltNode) -> tomlkit.items.Table:
    table = tomlkit.table()
    table.add("id", node.id)
    table.add("title", strip_controls(node.title))
    if node.text:
        table.add("text", text_value(node.text))
    if node.points is not None:
        table.add("points", _points(node.points))
    for key in ("bonus", "penalty", "veto"):
        if getattr(node, key):
            table.add(key, True)
    if node.only_for:
        table.add("for", list(node.only_for))
    if node.criteria:
        table.add("criteria", text_value(node.criteria))
    if node.has_row and node.line:
        table.add("source_line", node.line)
    if node.rules:
        rules = tomlkit.aot()
        for rule in node.rules:
            entry = tomlkit.table()
            entry.add("text", text_value(rule.text))
            entry.add(rule.kind, _points(rule.amount))
            if rule.per:
                entry.add("per", rule.per)
            if rule.cap is not None:
                entry.add("cap", _points(rule.cap))
            rules.append(entry)
        table.add("rules", rules)
    if node.parts:
        parts = tomlkit.aot()
        for part in node.parts:
            entry = tomlkit.table()
            entry.add("text", text_value(part.text))
            entry.add("share", round(part.share, 6))
            parts.append(entry)
        table.add("parts", parts)
    if node.children:
        items = tomlkit.aot()
        for child in node.children:
            items.append(_node(child))
        table.add("items", items)
    return table
