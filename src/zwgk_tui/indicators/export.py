"""``zwgk checklist export``: a checklist as the indicator table an author edits in WPS or Excel.

One row per assessed item under a title row and a header row: 编号, the levels (一级指标 …,
a heading's points in brackets, cells of one indicator merged down), 分值, 考评内容, 评分细则,
性质 (加分项 / 扣分项 / 否决项), 适用 (categories), then each rule in its own columns (规则N,
规则N方式, 规则N每次分值, 规则N计数单位, 规则N上限) and each part (部分N, 部分N比例). A second
sheet 说明 keeps the checklist's id, title, year, issuer, categories and caps, so that
``zwgk checklist import`` gives the same checklist back. Text goes in as text, never as a
formula.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from zwgk_tui.model.checklist import Checklist, Node
from zwgk_tui.model.counting import num
from zwgk_tui.textsafe import clean

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

LEVEL_NAMES = ("一级指标", "二级指标", "三级指标", "四级指标", "五级指标")
MAX_LEVELS = len(LEVEL_NAMES)


def _safe(text: str) -> str:
    """Cell text: controls out; a leading = + - @ would start a formula in a spreadsheet."""
    value = clean(text, keep_newlines=True)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def render(checklist: Checklist) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    leaves = checklist.leaves
    levels = min(max((leaf.depth for leaf in leaves), default=2), MAX_LEVELS)
    rules = max((len(leaf.rules) for leaf in leaves), default=0)
    parts = max((len(leaf.parts) for leaf in leaves), default=0)
    headers = ["编号", *LEVEL_NAMES[:levels], "分值", "考评内容", "评分细则", "性质", "适用"]
    for n in range(1, rules + 1):
        headers += [f"规则{n}", f"规则{n}方式", f"规则{n}每次分值", f"规则{n}计数单位", f"规则{n}上限"]
    for n in range(1, parts + 1):
        headers += [f"部分{n}", f"部分{n}比例"]
    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    sheet.append([_safe(checklist.title)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    first = 3
    spans: dict[tuple[int, str], list[int]] = {}   # (level, node id) → rows
    for offset, leaf in enumerate(leaves):
        row = first + offset
        path = [*reversed(list(leaf.ancestors())), leaf][:levels]
        cells: list[object] = [leaf.id]
        for level in range(levels):
            if level < len(path):
                node = path[level]
                spans.setdefault((level, node.id), []).append(row)
                cells.append(_safe(node.title) + (_weight(node) if node.children else ""))
            else:
                cells.append("")
        nature = "加分项" if leaf.bonus else "扣分项" if leaf.penalty else "否决项" if leaf.veto else ""
        only = sorted({code for node in path for code in node.only_for})
        cells += [leaf.points, _safe(leaf.text), _safe(leaf.criteria), nature, "、".join(only)]
        for n in range(rules):
            if n < len(leaf.rules):
                rule = leaf.rules[n]
                cells += [_safe(rule.text), "扣分" if rule.is_deduct else "得分", rule.amount,
                          rule.per or "一次性", rule.cap]
            else:
                cells += ["", "", None, "", None]
        for n in range(parts):
            if n < len(leaf.parts):
                cells += [_safe(leaf.parts[n].text), f"{num(leaf.parts[n].share * 100)}%"]
            else:
                cells += ["", ""]
        sheet.append(cells)
        if len(path) < levels:  # a shallower item spans the level columns to its right
            sheet.merge_cells(start_row=row, start_column=1 + len(path), end_row=row, end_column=1 + levels)
    for (level, _), rows in spans.items():
        if len(rows) > 1:
            sheet.merge_cells(start_row=rows[0], start_column=2 + level, end_row=rows[-1], end_column=2 + level)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    widths = {"编号": 8, "分值": 6, "考评内容": 36, "评分细则": 48, "性质": 8, "适用": 6}
    for index, header in enumerate(headers, start=1):
        if header in widths:
            width = widths[header]
        elif header in LEVEL_NAMES:
            width = 16
        else:  # 规则N / 部分N hold text; their other columns a word or a number
            width = 24 if header[-1:].isdigit() else 10
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C3"
    sheet.print_title_rows = "2:2"
    _about(book.create_sheet("说明"), checklist)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _weight(node: Node) -> str:
    total = sum(leaf.points or 0.0 for leaf in node.leaves() if not leaf.bonus and not leaf.penalty)
    return f"（{num(total)}）" if total > 0 else ""


def _about(sheet: Worksheet, checklist: Checklist) -> None:
    rows: list[list[object]] = [
        ["项目", "内容"],
        ["清单编号", checklist.id],
        ["标题", _safe(checklist.title)],
        ["年份", str(checklist.year or "")],
        ["发文机关", _safe(checklist.issuer)],
        ["发文字号", _safe(checklist.doc_number)],
    ]
    rules = checklist.rules
    if rules.bonus_cap is not None:
        rows.append(["加分上限", num(rules.bonus_cap)])
    if rules.penalty_cap is not None:
        rows.append(["扣分上限", num(rules.penalty_cap)])
    for code, name in checklist.categories.items():
        rows.append([f"类别 {code}", _safe(name)])
    rows.append(["说明", "本表由 zwgk checklist export 写出。可在 WPS 或 Excel 中修改后用 zwgk checklist import 导回；"
                        "“规则N”各列是评分细则中计数的规则（方式：扣分或得分；计数单位为空或“一次性”表示只计有或没有）。"])
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 60
