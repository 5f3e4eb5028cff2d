"""What a 任务分解表's rows say beyond their cells: which rows are section and group headings
(一、… and （一）… across the table), which unit column a lone units cell belongs to, and
which units a row inherits from the row above (its cell was merged down in the original,
so a copy shows it empty).

A table with 牵头单位 and 责任单位 columns whose copy dropped the empty cells leaves rows
with one units cell: the unit names that recur in each column across the table tell which
column it is (各设区市 was a 责任单位 everywhere else), and the missing column is the row
above's, marked as inherited. Inheritance stops at a section or group heading.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from zwgk_tui.workpoints.markers import CN_DUN, CN_PAREN, PART, find_candidates
from zwgk_tui.workpoints.shadow import Shadow

if TYPE_CHECKING:
    from zwgk_tui.workpoints.tables import Row

SECTION, GROUP = "section", "group"
_HEADING_MAX = 60
# a cheap look before the marker scan: most cells of a long table are no heading
_MAY_BE_HEADING = re.compile(r"^\s*(?:第|[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十]{1,3}\s*\))")


def heading_level(text: str, shadow: Shadow) -> str | None:
    """"section" for 一、… or 第一部分…, "group" for （一）…, of a short title-like cell."""
    shade = shadow(text.strip())
    if not shade or len(shade) > _HEADING_MAX or "。" in shade or not _MAY_BE_HEADING.match(shade):
        return None
    cands = find_candidates(shade)
    if not cands or cands[0].start != 0 or not shade[cands[0].end :].strip():
        return None
    if cands[0].family in (PART, CN_DUN):
        return SECTION
    if cands[0].family == CN_PAREN:
        return GROUP
    return None


def settle_units(rows: list[Row], columns: int) -> list[Row]:
    """Each row's unit cells onto the table's unit columns, then the columns a row leaves
    empty taken from the task row above (in the same group), marked as inherited."""
    columns = max(columns, 1)
    seen: list[Counter[str]] = [Counter() for _ in range(columns)]
    for row in rows:
        if len(row.unit_cells) == columns:
            for k, cell in enumerate(row.unit_cells):
                seen[k].update(cell)
    for row in rows:
        cells = [cell for cell in row.unit_cells if cell] if not row.known_columns else row.unit_cells
        if row.known_columns or len(cells) >= columns:
            placed = list(cells[:columns]) + [[] for _ in range(columns - len(cells))]
            if len(cells) > columns:  # more cells than columns: the rest goes on the last
                placed[-1] = placed[-1] + [n for cell in cells[columns:] for n in cell]
        else:
            placed = [[] for _ in range(columns)]
            free = list(range(columns))
            for cell in cells:
                votes = [sum(seen[k][name] for name in cell) for k in free]
                best = free[votes.index(max(votes))] if any(votes) else free[0]
                placed[best] = cell
                free.remove(best)
        row.unit_cells = placed
    return _inherit(rows, columns)


def _inherit(rows: list[Row], columns: int) -> list[Row]:
    above: list[list[str]] = [[] for _ in range(columns)]
    for row in rows:
        if row.level:
            above = [[] for _ in range(columns)]
            continue
        cells = row.unit_cells
        for k in range(columns):
            if cells[k]:
                above[k] = cells[k]
            elif above[k] and (not row.known_columns or k in row.merged_columns):
                cells[k] = list(above[k])
                row.inherited = True
        units: list[str] = []
        for cell in cells:
            units += [name for name in cell if name not in units]
        row.units = units
    return rows
