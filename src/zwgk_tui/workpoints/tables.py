"""任务分解表 (attached task tables): header roles, and rows out of every shape they come in.

Shapes: a real grid (HTML, .docx; merged cells repeated), tab- or space-separated lines, one
cell a line (seed 003), and cells run together in one line. Columns are recognised by their
header (序号 / 类别 / 工作任务 / 具体要求 / 牵头单位 / 责任单位 / 配合单位 / 完成时限 …) in
any order. A header may name fewer columns than the rows have (seed 003's 工作任务 covers a
category column and a task column); cells are then placed by what they look like.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from zwgk_tui.workpoints.clean import is_chrome
from zwgk_tui.workpoints.document import GridTable
from zwgk_tui.workpoints.nodes import Para
from zwgk_tui.workpoints.numbered import numbered_cells
from zwgk_tui.workpoints.runon import runon_cells
from zwgk_tui.workpoints.shadow import Shadow, squeeze
from zwgk_tui.workpoints.taskrows import heading_level, settle_units
from zwgk_tui.workpoints.units import UNIT_SUFFIX, unit_names, unit_spans

ROLE_WORDS = {
    "number": "序号 编号 序 号",
    "category": "类别 分类 工作类别 任务类别 重点领域 领域 板块 部分 一级指标 项目类别 工作板块 "
                "工作领域 方面",
    "task": "工作任务 重点任务 主要任务 任务 工作事项 工作内容 二级指标 工作项目 任务名称 "
            "重点工作任务 事项 工作重点 公开事项 重点事项 重点工作 任务事项",
    "text": "具体要求 具体措施 工作要求 任务要求 主要内容 具体任务 工作措施 要求 内容 具体内容 "
            "工作目标 目标要求 任务内容 主要措施 推进措施 具体工作 三级指标 评估要点 公开内容 "
            "工作举措 主要举措 具体举措 任务分解 具体工作任务",
    "units": "牵头单位 责任单位 配合单位 协办单位 主办单位 责任部门 牵头部门 配合部门 落实单位 "
             "参与单位 责任主体 承办单位 主责单位 责任处室 牵头处室 责任科室",
    "deadline": "完成时限 时间要求 完成时间 时限 时间节点 进度安排 时限要求 完成期限 时间安排 "
                "完成时限要求",
    "note": "备注 说明",
}
ROLE_OF = {word: role for role, words in ROLE_WORDS.items() for word in words.split()}
_HEADER_RUN = re.compile(
    "(?:" + "|".join(sorted((w for w in ROLE_OF if len(w) >= 2), key=len, reverse=True)) + ")"
)
# a unit in a table's units cell: 省编办(省审改办) with its other name, and the areas a
# table names as units: 各设区市, 平潭综合实验区, 各县(市、区)
_AREA = r"(?:各[\u4e00-\u9fff()、]{1,10}?(?:市|县|区|州|盟|旗|乡|镇|街道|社区|村)|[\u4e00-\u9fff]{2,10}(?:实验区|开发区|高新区|新区))"
_UNIT_NAME = re.compile(
    rf"^(?:(?:[\u4e00-\u9fffA-Za-z0-9]|\([^()]{{1,16}}\)){{1,30}}{UNIT_SUFFIX}|{_AREA})(?:\([^()]{{1,16}}\))?$"
)
_TASK_NUMBER = re.compile(r"^\d{1,3}\s*[.、．]\s*\S")
_NUMBER_CELL = re.compile(r"^\(?[\d一二三四五六七八九十]{1,4}\)?[.、]?$")
_DEADLINE_CELL = re.compile(r"年|月|日|前|底|季度|长期|持续|常态|每|全年|年内|及时|按期|按时")
@dataclass
class Row:
    category: str = ""
    number: str = ""
    task: str = ""
    text: str = ""
    units: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    line: int = 0
    inherited: bool = False  # a units cell was empty: its units are the row's above
    level: str = ""  # "section" (一、…) or "group" (（一）…): a heading row across the table
    group: str = ""  # the group heading the row stands under
    unit_cells: list[list[str]] = field(default_factory=list)  # per units column
    known_columns: bool = False  # unit_cells stand in their columns (a grid), else as found
    merged_columns: set[int] = field(default_factory=set)  # units cells merged from above


def role_of(cell: str) -> str | None:
    word = squeeze(re.sub(r"[(（][^)）]*[)）]", "", cell))
    if not word or len(word) > 10:
        return None
    if word in ROLE_OF:
        return ROLE_OF[word]
    for known, role in ROLE_OF.items():
        if len(known) >= 4 and (word.startswith(known) or word.endswith(known)):
            return role
    return None


def header_roles(cells: list[str]) -> list[str | None] | None:
    roles = [role_of(cell) if cell.strip() else None for cell in cells]
    named = [r for r in roles if r]
    if len(named) < 2 or not {"task", "text"} & set(named):
        return None
    if not {"units", "deadline", "number", "category"} & set(named) and len(set(named)) < 2:
        return None
    if "category" not in named and named.count("task") >= 2:
        roles[roles.index("task")] = "category"
    return roles


def unit_list(text: str, shadow: str) -> list[str]:
    """The units of a cell that is nothing but a list of units, else []."""
    if not shadow.strip() or "。" in shadow or len(shadow) > 400:
        return []
    pieces = unit_spans(text, shadow, 0, len(shadow))
    if pieces and all(_UNIT_NAME.match(shade) for _, shade in pieces):
        return [name for name, _ in pieces]
    return []


# -- grids ---------------------------------------------------------------------------------
def rows_from_grid(table: GridTable, shadow: Shadow) -> list[Row] | None:
    """Rows of a real table, or None if it has no task-table header."""
    header_at = None
    roles: list[str | None] | None = None
    for r, row in enumerate(table.rows[:6]):
        roles = header_roles([shadow(c) for c in row])
        if roles:
            header_at = r
            break
    if header_at is None or roles is None:
        return None
    header_sig = [squeeze(shadow(c)) for c in table.rows[header_at]]
    rows: list[Row] = []
    for r in range(header_at + 1, len(table.rows)):
        cells = table.rows[r]
        if [squeeze(shadow(c)) for c in cells] == header_sig:
            continue  # the header repeated where the table breaks across pages
        distinct = [c.strip() for k, c in enumerate(cells) if c.strip() and not table.is_dup(r, k)]
        level = heading_level(distinct[0], shadow) if len(set(distinct)) == 1 else None
        if len(set(distinct)) == 1 and (level or len(cells) > 1) and "units" in roles:
            rows.append(Row(category=distinct[0], line=table.line, level=level or "section"))
            continue
        merged = partial(table.is_below, r) if table.spans_known else partial(_empty, cells)
        rows.append(_row_from_roles(cells, roles, partial(table.is_dup, r), merged, shadow, table.line))
    return carry(rows, roles.count("units"))


def _empty(cells: list[str], k: int) -> bool:
    return not cells[k].strip()


def _row_from_roles(cells: list[str], roles: list[str | None], is_dup: Callable[[int], bool],
                    merged: Callable[[int], bool], shadow: Shadow, line: int) -> Row:
    row = Row(line=line, known_columns=True)
    texts: dict[str, list[str]] = {}
    for k, cell in enumerate(cells):
        role = roles[k] if k < len(roles) else None
        value = cell.strip()
        if role == "units" and not is_dup(k):
            if merged(k):  # merged down from the row above (or empty in a copy): inherited
                row.merged_columns.add(len(row.unit_cells))
                row.unit_cells.append([])
            else:
                row.unit_cells.append(cell_units(value, shadow) if value else [])
            continue
        if not role or not value or is_dup(k):
            continue
        if role == "deadline":
            row.deadlines.append(" ".join(value.split()))
        elif value not in texts.get(role, []):
            texts.setdefault(role, []).append(value)
    row.category = "\n".join(texts.get("category", []))
    row.number = " ".join(texts.get("number", []))
    row.task = "\n".join(texts.get("task", []))
    row.text = "\n".join(texts.get("text", []))
    return row


def cell_units(value: str, shadow: Shadow) -> list[str]:
    """The unit names of a units cell (one a line, or separated by 、，；)."""
    names: list[str] = []
    for line in value.split("\n"):
        line = line.strip()
        if line:
            names += unit_names(line, shadow(line), 0, len(line)) or [line]
    return names


def carry(rows: list[Row], unit_columns: int) -> list[Row]:
    """Section and group heading rows set the category and group of the rows under them
    (a heading repeated by the copy is the same one); empty category/task cells (merged,
    or left blank) carry the value from above; units cells are settled (``taskrows``)."""
    for row in rows:  # a row that is only a category cell is a heading across the table
        if row.category and not (row.level or row.task or row.text or row.number or row.deadlines
                                 or any(row.unit_cells)):
            row.level = "section"
    rows = settle_units(rows, unit_columns)
    out: list[Row] = []
    category = task = group = ""
    for row in rows:
        if row.level == "group":
            group, task = row.category, ""
            out.append(row)
            continue
        if row.category and row.category != category:
            category, task, group = row.category, "", ""
        if row.level:
            out.append(row)
            continue
        if not (row.text or row.task or row.units or row.deadlines):
            continue
        row.group = group
        row.category = row.category or category
        if row.task:
            task = row.task
        elif row.text:
            row.task = task
        out.append(row)
    return out


# -- text tables ---------------------------------------------------------------------------
@dataclass
class TextTable:
    start: int  # paragraph index where the table (its header) starts
    offset: int  # offset inside that paragraph (run-on text)
    roles: list[str | None]
    form: str  # "cells", "grid" or "runon"


def find_text_table(paras: list[Para]) -> TextTable | None:
    for index, para in enumerate(paras):
        role = role_of(para.shadow) if len(para.shadow) <= 12 else None
        if role:
            cells = [para.shadow]
            k = index + 1
            while k < len(paras) and len(paras[k].shadow) <= 12 and role_of(paras[k].shadow):
                cells.append(paras[k].shadow)
                k += 1
            roles = header_roles(cells)
            if roles:
                return TextTable(index, 0, roles, "cells")
        if "\t" in para.text or re.search(r"\S\s{2,}\S", para.shadow):
            roles = header_roles(_split_grid(para.shadow))
            if roles and all(roles):
                return TextTable(index, 0, roles, "grid")
        if len(para.shadow) > 12:
            for match in re.finditer(f"(?:{_HEADER_RUN.pattern})(?:\\s*(?:{_HEADER_RUN.pattern}))+",
                                     para.shadow):
                words = _HEADER_RUN.findall(match.group())
                roles = header_roles(words)
                if (roles and len(words) >= 3) or (roles and len(words) >= 2 and match.start() == 0):
                    return TextTable(index, match.start(), roles, "runon")
    return None


def _split_grid(text: str) -> list[str]:
    if "\t" in text:
        return [cell.strip() for cell in text.split("\t")]
    return [cell.strip() for cell in re.split(r"\s{2,}", text.strip())]


def text_table_rows(
    table: TextTable, paras: list[Para], shadow: Shadow, kind_of: Callable[[str], str],
    titles: list[str], body: str = "",
) -> list[Row]:
    """Rows of a table found in the text. ``titles`` and ``body`` (the items' titles and the
    squeezed body text) help cut cells that ran together: a table copies the text's titles,
    and a "list of units" that the body prints inside a sentence is that sentence's subject."""
    if table.form == "grid":
        header = paras[table.start]
        grid = GridTable(rows=[_split_grid(p.text) for p in paras[table.start + 1 :]],
                         line=header.line, spans_known=False)
        grid.rows.insert(0, _split_grid(header.text))
        return rows_from_grid(grid, shadow) or []
    if table.form == "cells":
        count = len([r for r in table.roles if r])
        cells = [(p.text, p.shadow, p.line) for p in paras[table.start + count :]
                 if not is_chrome(p.shadow)]
    else:
        para = paras[table.start]
        run = re.match(f"(?:{_HEADER_RUN.pattern})(?:\\s*(?:{_HEADER_RUN.pattern}))+",
                       para.shadow[table.offset :])
        header_end = table.offset + (len(run.group()) if run else 0)
        rest = [(para.text[header_end:], para.shadow[header_end:], para.line)]
        rest += [(p.text, p.shadow, p.line) for p in paras[table.start + 1 :] if not is_chrome(p.shadow)]
        numbered = numbered_cells("".join(r[0] for r in rest), "".join(r[1] for r in rest), rest[0][2])
        cells = numbered or []
        for text, shade, line in rest if numbered is None else []:
            cells.extend(runon_cells(text, shade, line, titles, body))
    return carry(rows_from_cells(table.roles, cells, shadow, kind_of), table.roles.count("units"))


def rows_from_cells(roles: list[str | None], cells: list[tuple[str, str, int]], shadow: Shadow,
                    kind_of: Callable[[str], str]) -> list[Row]:
    """One cell a line: place each cell in the next column that fits it."""
    columns = [r for r in roles if r and r != "note"]
    if "category" not in columns and "task" in columns:
        columns.insert(columns.index("task"), "category")
    rows: list[Row] = []
    row, last = Row(), -1
    for i, (text, shade, line) in enumerate(cells):
        text, shade = text.strip(), shade.strip()
        if not text:
            continue
        level = heading_level(text, shadow) if "units" in columns else None
        if level:  # 一、… or （一）… across the table: a heading row of its own
            rows += [row, Row(category=text, level=level, line=line)]
            row, last = Row(), -1
            continue
        if _TASK_NUMBER.match(shade) and "task" in columns and (row.task or row.text):
            rows.append(row)  # 17.… starts the next task row
            row, last = Row(), -1
        nxt = cells[i + 1][1].strip() if i + 1 < len(cells) else ""
        placed = _place(columns, last, text, shade, nxt, kind_of)
        if placed is None:
            rows.append(row)
            row, last = Row(), -1
            placed = _place(columns, -1, text, shade, nxt, kind_of)
            if placed is None:
                continue
        row.line = row.line or line
        _fill(row, columns[placed], text, shade)
        last = placed
        if placed == len(columns) - 1:
            rows.append(row)
            row, last = Row(), -1
    rows.append(row)
    return [r for r in rows if r.text or r.task or any(r.unit_cells) or r.category]


def _title_like(shade: str) -> bool:
    return len(shade) <= 60 and "。" not in shade and not shade.endswith((";", "；"))


def _place(columns: list[str], last: int, text: str, shade: str, nxt: str,
           kind_of: Callable[[str], str]) -> int | None:
    """The column a cell goes in, after column ``last`` of the row (None: a new row)."""
    unit = bool(unit_list(text, shade))
    title = _title_like(shade) and not unit and not _NUMBER_CELL.match(shade)
    if last >= 0 and columns[last] == "text" and not title and not unit:
        return last  # a requirement that runs over several lines
    for j in range(last + 1, len(columns)):
        role = columns[j]
        if role == "number" and _NUMBER_CELL.match(shade):
            return j
        if role == "units" and unit:
            return j
        if role == "deadline" and len(shade) <= 30 and _DEADLINE_CELL.search(shade) and "。" not in shade:
            return j
        if role == "category" and title:
            next_title = bool(nxt) and _title_like(nxt) and not unit_list(nxt, nxt)
            if "task" in columns[j + 1 :] and not next_title and kind_of(text) == "task":
                continue
            return j
        if role == "task" and title:
            return j
        if role == "text" and not _NUMBER_CELL.match(shade) and not (unit and "units" in columns[j + 1 :]):
            return j
    return None


def _fill(row: Row, role: str, text: str, shade: str) -> None:
    if role == "units":
        row.unit_cells.append(unit_list(text, shade))
    elif role == "deadline":
        row.deadlines.append(" ".join(text.split()))
    elif role == "text":
        row.text = f"{row.text}\n{text}" if row.text else text
    elif role == "number":
        row.number = text
    elif role == "category":
        row.category = text
    elif role == "task":
        row.task = text
