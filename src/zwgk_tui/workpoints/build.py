"""``build_checklist``: a work-points document in, the checklist file's text out.

decode → tables → paragraphs → layout (notice / title / preamble / body) → metadata →
structure → fields → task-table merge → default points → TOML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.workpoints.audit import Report, audit
from zwgk_tui.workpoints.clean import METADATA_LABEL
from zwgk_tui.workpoints.decode import load_document
from zwgk_tui.workpoints.document import Document
from zwgk_tui.workpoints.layout import find_layout, make_paras, split_para
from zwgk_tui.workpoints.markers import find_candidates
from zwgk_tui.workpoints.merge import Matcher, merge_rows
from zwgk_tui.workpoints.metadata import read_metadata
from zwgk_tui.workpoints.nodes import Node, Sign
from zwgk_tui.workpoints.shadow import Shadow, squeeze
from zwgk_tui.workpoints.structure import Parser
from zwgk_tui.workpoints.tables import Row, find_text_table, rows_from_grid, text_table_rows
from zwgk_tui.workpoints.tabletree import tree_from_rows
from zwgk_tui.workpoints.targets import deadlines, targets
from zwgk_tui.workpoints.titles import is_heading_only, make_title
from zwgk_tui.workpoints.units import units
from zwgk_tui.workpoints.writer import render


@dataclass
class BuildResult:
    toml: str
    report: Report

    def summary(self) -> str:
        """The one-line count (the first line the CLI prints)."""
        return self.report.headline()


def build_checklist(path: Path, *, checklist_id: str, convert: str | None) -> BuildResult:
    """Read a work-points document and return the checklist file's text and its counts.

    ``convert`` is None (keep the document's script), "t2s" or "s2t" (OpenCC). Every problem
    with the input is a ZwgkError naming the file."""
    path = Path(path)
    if convert not in (None, "t2s", "s2t"):
        raise ZwgkError(f"未知的繁简转换方式 {convert!r}（应为 t2s 或 s2t）")
    document = load_document(path)
    if convert:
        _convert(document, convert)
    sample = "\n".join(document.lines) + "".join(c for t in document.tables for r in t.rows for c in r)
    shadow = Shadow(sample)

    grid_rows: list[Row] = []
    signs: list[Sign] = []  # what the tables' readers could not place
    lines = _place_tables(document, shadow, grid_rows)
    paras = make_paras(lines, shadow)
    text_table = find_text_table(paras)
    if text_table is not None and text_table.offset > 0:
        head, rest = split_para(paras[text_table.start], text_table.offset)
        paras[text_table.start : text_table.start + 1] = [head, rest]
        text_table.start += 1
        text_table.offset = 0
    layout = find_layout(paras, text_table.start if text_table else None)
    meta = read_metadata(layout, paras)
    preamble = [p.text for p in layout.preamble]

    if layout.root_family is None:
        rows = grid_rows or (
            text_table_rows(text_table, paras, shadow, lambda _text: "task", []) if text_table else []
        )
        if not rows:
            raise ZwgkError(
                "没有找到编号结构（一、（一）1. 等）或任务分解表，无法生成清单", path
            )
        root = tree_from_rows(rows, meta.title, shadow)
        _fill_fields(root, shadow)
    else:
        parser = Parser(layout.root_family)
        root = parser.parse(layout.body, [find_candidates(p.shadow) for p in layout.body])
        if not any(p.strip() for node in root.walk() for p in node.paragraphs):
            raise ZwgkError("只有编号，没有任何条目内容，无法生成清单", path)
        preamble.extend(parser.orphans)
        for section in root.children:
            if section.synthetic:
                section.title = meta.title or "工作要点"
        _fill_fields(root, shadow)
        rows = list(grid_rows)
        if text_table is not None:
            matcher = Matcher(root, shadow)
            titles = [n.title for n in matcher.items]
            body = squeeze("".join(p.shadow for p in layout.body))
            rows += text_table_rows(text_table, paras, shadow, matcher.kind_of, titles, body)
        rows = [row for row in rows if not row.level]  # headings: the text has its own
        if rows:
            merge_rows(root, rows, shadow)

    total = _assign_points(root)
    notice = "\n\n".join(p.text for p in layout.notice)
    preamble_text = "\n\n".join(preamble)
    toml = render(
        checklist_id=checklist_id,
        meta=meta,
        source={"file": path.name, "sha256": hashlib.sha256(document.data).hexdigest()},
        notice=notice,
        preamble=preamble_text,
        sections=root.children,
    )
    report = audit(root, layout.body, _placed(root, notice, preamble_text), signs, shadow, total, rows)
    return BuildResult(toml=toml, report=report)


def _placed(root: Node, *more: str) -> list[str]:
    """Every text a reader finds in the checklist."""
    out = list(more)
    for node in root.walk():
        out += [node.title, node.text]
        out += [str(row.get("text", "")) for row in node.requirements]
    return out


def _convert(document: Document, direction: str) -> None:
    """--to-simplified / --to-traditional: convert the text before anything reads it."""
    import opencc

    converter = opencc.OpenCC(direction)
    document.lines = [converter.convert(line) for line in document.lines]
    for table in document.tables:
        table.rows = [[converter.convert(cell) for cell in row] for row in table.rows]


def _place_tables(document: Document, shadow: Shadow, grid_rows: list[Row]) -> list[str]:
    """Task tables give rows; any other table is kept as text lines where it stood."""
    lines = list(document.lines)
    for table in sorted(document.tables, key=lambda t: t.line, reverse=True):
        rows = rows_from_grid(table, shadow)
        if rows is not None:
            grid_rows[:0] = rows
            continue
        text_rows = ["  ".join(_labelled(c, shadow) for k, c in enumerate(row)
                               if c.strip() and not table.is_dup(r, k))
                     for r, row in enumerate(table.rows)]
        at = max(0, table.line - 1)
        lines[at:at] = [row for row in text_rows if row.strip()]
    return lines


def _labelled(cell: str, shadow: Shadow) -> str:
    """A label cell of an index-number table (文号 | 青府办发〔2025〕4号) reads as 文号：…"""
    text = cell.strip()
    return f"{text}：" if METADATA_LABEL.fullmatch(shadow(text)) else text


def _fill_fields(root: Node, shadow: Shadow) -> None:
    for section in root.children:
        for node in section.walk():
            paragraphs = [p for p in node.paragraphs if p.strip()]
            if node is section:
                head = section.paragraphs[0] if section.paragraphs else ""
                body = section.paragraphs[1:] if is_heading_only(head) else section.paragraphs
                node.text = "" if section.held else "\n\n".join(p for p in body if p.strip())
            else:
                node.text = "\n\n".join(paragraphs)
            if not node.title:
                heading = node is section or bool(node.children) or len(paragraphs) > 1
                node.title = (make_title(paragraphs, heading) or node.text[:20]
                              or f"第 {node.id} 项")
            shade = shadow(node.text)
            for unit in units(node.text, shade):
                if unit not in node.units:
                    node.units.append(unit)
            node.deadlines = deadlines(node.text, shade) + [
                d for d in node.deadlines if d not in deadlines(node.text, shade)
            ]
            node.targets = targets(node.text, shade)


def _assign_points(root: Node) -> float:
    """Default points per leaf, totalling exactly 100 (integers up to 100 leaves)."""
    leaves = [n for s in root.children for n in s.walk() if n is not s and not n.children]
    count = len(leaves)
    if not count:
        return 0
    if count <= 100:
        base, extra = divmod(100, count)
        for k, leaf in enumerate(leaves):
            leaf.points = base + (1 if k < extra else 0)
        return 100
    base, extra = divmod(10000, count)
    for k, leaf in enumerate(leaves):
        leaf.points = (base + (1 if k < extra else 0)) / 100
    return 100
