"""After a build: what the author should check before using the checklist.

A build that read the structure wrong must not look like a plain success. ``audit`` counts
what a reader counts (sections, items, sub-items, leaves, items without units, numbers
skipped, repeated or inferred, placeholder titles, task-table rows, text placed in no item)
and turns every suspicious sign into a warning that names the source line. The CLI prints
the summary and the warnings on stderr; ``--strict`` makes a warning an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from zwgk_tui.errors import format_problem
from zwgk_tui.textsafe import one_line
from zwgk_tui.workpoints.markers import AR_DOT, CN_DUN, CN_PAREN, PART, find_candidates
from zwgk_tui.workpoints.nodes import (
    DROPPED_CELL,
    EMPTY,
    GAP,
    LOST_NUMBER,
    MARKER_IN_TITLE,
    PLACEHOLDER_TITLE,
    REPEAT,
    ROW_GAP,
    ROW_REPEAT,
    ROW_WITHOUT_UNITS,
    UNMATCHED_ROW,
    UNPLACED,
    Node,
    Para,
    Sign,
    printed,
)
from zwgk_tui.workpoints.shadow import Shadow, squeeze
from zwgk_tui.workpoints.tables import Row

PLACEHOLDER = re.compile(r"^第 \S+ 项$")
# clauses: a unit parenthesis may end an item and the next text start a new one
_CLAUSE = re.compile(r"[^。；;！!？?\n，,：:（）()]+")
_MIN_PIECE = 6  # squeezed characters: shorter pieces ("一是", "2019年") prove nothing
QUOTE = 24  # display columns of source text quoted in a warning



@dataclass
class Report:
    """The build's counts and the signs a reader should check."""

    sections: int = 0
    items: int = 0
    subitems: int = 0
    leaves: int = 0
    unnumbered: int = 0
    total: float = 0
    without_units: int = 0
    table_rows: int = 0
    inherited: int = 0
    signs: list[Sign] = field(default_factory=list)

    def count(self, *kinds: str) -> int:
        return sum(1 for sign in self.signs if sign.kind in kinds)

    def headline(self) -> str:
        """Counts as a reader counts the printed numbers; unnumbered items are told apart."""
        total = int(self.total) if float(self.total).is_integer() else round(self.total, 2)
        line = (
            f"{self.sections} 个部分，{self.items} 个条目，{self.subitems} 个子条目，"
            f"{self.leaves - self.unnumbered} 个评估项，总分 {total}"
        )
        if self.unnumbered:
            line += f"（另有 {self.unnumbered} 个无编号段落也作为评估项计分）"
        return line

    def details(self) -> list[str]:
        """The summary's further lines (indented), one screen at most."""
        numbered = self.leaves - self.unnumbered
        lines = [
            f"  没有责任单位的评估项：{self.without_units} 个（共 {numbered} 个）",
            f"  编号：跳号 {self.count(GAP)} 处，重复 {self.count(REPEAT)} 处，"
            f"缺号推断 {self.count(LOST_NUMBER)} 处",
            f"  占位标题 {self.count(PLACEHOLDER_TITLE)} 个，空条目 {self.count(EMPTY)} 个，"
            f"标题里夹着编号 {self.count(MARKER_IN_TITLE)} 个",
            f"  未归入任何条目的文字：{self.count(UNPLACED, DROPPED_CELL)} 处",
        ]
        if self.table_rows:
            lines.append(
                f"  任务分解表：{self.table_rows} 行，沿用上一行单位 {self.inherited} 行，"
                f"对应不上 {self.count(UNMATCHED_ROW)} 行，没有单位 {self.count(ROW_WITHOUT_UNITS)} 行，"
                f"序号跳号 {self.count(ROW_GAP)} 处、重复 {self.count(ROW_REPEAT)} 处"
            )
        return lines

    def warnings(self) -> list[Sign]:
        return sorted(self.signs, key=lambda sign: sign.line)

    def warning_lines(self, source: str) -> list[str]:
        """``source:line: 警告：…`` for each sign, then what to do about them."""
        signs = self.warnings()
        if not signs:
            return []
        # messages quote the document: never raw to the terminal
        lines = [format_problem(source, sign.line or None, None, f"警告：{one_line(sign.message)}")
                 for sign in signs]
        lines.append(f"共 {len(signs)} 条警告：生成的结构可能有误，请对照原文核对以上各处"
                     "（加 --strict 时按错误处理）")
        return lines


def audit(root: Node, body: list[Para], placed: Iterable[str], signs: Iterable[Sign],
          shadow: Shadow, total: float, rows: list[Row]) -> Report:
    """Count the tree and collect every sign: the nodes' own, those the caller found (table
    rows, cells), and the body's text that is in no item (``placed`` is every text a reader
    finds in the checklist: titles, texts, requirement rows, preamble, notice)."""
    report = Report(total=total, signs=list(signs))
    nodes = [n for s in root.children for n in s.walk() if n is not s]
    report.sections = len(root.children)
    report.items = sum(1 for n in nodes if n.depth == 2 and not n.unnumbered)
    report.subitems = sum(1 for n in nodes if n.depth > 2 and not n.unnumbered)
    report.leaves = sum(1 for n in nodes if not n.children)
    report.unnumbered = sum(1 for n in nodes if n.unnumbered)
    report.without_units = sum(1 for n in nodes if not n.children and not n.unnumbered and not n.units)
    for section in root.children:
        for node in section.walk():
            report.signs.extend(node.signs)
            report.signs.extend(_node_signs(node, node is section, shadow))
    report.signs.extend(_unplaced(body, placed))
    rows = [row for row in rows if not row.level]  # heading rows are not tasks
    report.table_rows = len(rows)
    report.inherited = sum(1 for row in rows if row.inherited)
    report.signs.extend(_row_signs(rows))
    return report


def _row_number(row: Row) -> int | None:
    """A task row's number: its 序号 cell, or the 17. its task cell starts with."""
    printed = row.number.strip(" .、．")
    if printed.isdigit():
        return int(printed)
    cands = find_candidates(row.task.strip()[:8]) if row.task else []
    if cands and cands[0].start == 0 and cands[0].family == AR_DOT:
        return cands[0].number
    return None


def _row_signs(rows: list[Row]) -> list[Sign]:
    """Task-table rows: numbers (序号 1–N) that skip or repeat, rows without a unit where
    the table names units."""
    out: list[Sign] = []
    with_units = any(row.units for row in rows)
    previous: int | None = None
    previous_task = ""
    for row in rows:
        if with_units and not row.units:
            out.append(Sign(ROW_WITHOUT_UNITS, row.line,
                            f"任务分解表的这一行没有责任单位：“{one_line(row.task or row.text, QUOTE)}”"))
        number = _row_number(row)
        if number is None:
            continue
        if previous is not None and number == previous and row.task != previous_task:
            out.append(Sign(ROW_REPEAT, row.line, f"任务分解表序号 {number} 出现了两次"))
        elif previous is not None and number > previous + 1:
            skipped = f"{previous + 1}" if number == previous + 2 else f"{previous + 1}–{number - 1}"
            out.append(Sign(ROW_GAP, row.line, f"任务分解表序号跳过了 {skipped}"))
        previous, previous_task = number, row.task
    return out


def _node_signs(node: Node, section: bool, shadow: Shadow) -> list[Sign]:
    out: list[Sign] = []
    if PLACEHOLDER.match(node.title):
        out.append(Sign(PLACEHOLDER_TITLE, node.line, f"条目 {node.id} 找不到标题，暂用“{node.title}”"))
    if not section and not node.children and not node.text.strip() and not node.requirements:
        out.append(Sign(EMPTY, node.line, f"条目 {node.id} 没有正文"))
    if not node.unnumbered and node.number is not None:
        marker = _next_marker_in(node.title, node, shadow)
        if marker:
            out.append(Sign(MARKER_IN_TITLE, node.line,
                            f"条目 {node.id} 的标题里有编号 {marker}，可能把后面的标题并了进来"))
    return out


def _next_marker_in(title: str, node: Node, shadow: Shadow) -> str | None:
    """A marker inside a title that the numbering expects next: the node's next sibling, or
    the next of an ancestor (…推进政务公开二、加强…: a heading run into a title)."""
    expected: set[tuple[int, int]] = set()
    current: Node | None = node
    while current is not None and current.parent is not None:
        if current.family is not None and current.number is not None and not current.unnumbered:
            expected.add((current.family, current.number + 1))
        current = current.parent
    for cand in find_candidates(shadow(title)):
        if cand.start > 0 and cand.family in (PART, CN_DUN, CN_PAREN, AR_DOT) and cand.number \
                and (cand.family, cand.number) in expected:
            return printed(cand.family, cand.number)
    return None


def _unplaced(body: list[Para], placed: Iterable[str]) -> list[Sign]:
    """One warning per paragraph of the body with a sentence that no text of the checklist
    holds (compared squeezed, between the numbering markers)."""
    haystack = squeeze("\n".join(placed))
    out: list[Sign] = []
    for para in body:
        missing = _first_missing(para, haystack)
        if missing is not None:
            quote = one_line(missing.strip(), QUOTE)
            out.append(Sign(UNPLACED, para.line, f"这段文字没有归入任何条目：“{quote}”"))
    return out


def _first_missing(para: Para, haystack: str) -> str | None:
    cuts = [0]
    for cand in find_candidates(para.shadow):
        cuts += [cand.start, cand.end]
    cuts.append(len(para.text))
    for left, right in zip(cuts[::2], cuts[1::2], strict=True):
        for match in _CLAUSE.finditer(para.text, left, max(left, right)):
            piece = squeeze(match.group())
            if len(piece) >= _MIN_PIECE and piece not in haystack:
                return match.group()
    return None
