"""The report as an Excel workbook (openpyxl): a sheet per table, Chinese headers, frozen
header row, column widths that suit Chinese text, and no formula ever made from file text."""

from __future__ import annotations

import io
import math
import re

from zwgk_tui.report.exporters.tables import CHANGE, INT, MAX_CELL, PERCENT, SCORE, Table
from zwgk_tui.textsafe import width

NUMBER_FORMATS = {SCORE: "0.00", PERCENT: "0.00%", CHANGE: "+0.00;-0.00;0.00", INT: "0"}
MIN_WIDTH, MAX_WIDTH = 6, 60
# What the XML of a workbook cannot hold (openpyxl raises IllegalCharacterError on them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.freeze_panes = f"{get_column_letter(table.freeze_columns + 1)}2"
        for index, column_width in enumerate(_widths(table), 1):
            sheet.column_dimensions[get_column_letter(index)].width = column_width
        header = []
        for column in table.columns:
            cell = _text_cell(sheet, WriteOnlyCell, column.header)
            cell.font = bold
            cell.alignment = Alignment(vertical="center")
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            cells = []
            for column, value in zip(table.columns, row, strict=True):
                if value is None or value == "":
                    cells.append(None)
                elif isinstance(value, float) and not math.isfinite(value):
                    cells.append(None)  # never reached by checked files; never an "inf" cell
                elif isinstance(value, int | float) and not isinstance(value, bool) and column.kind != "text":
                    cell = WriteOnlyCell(sheet, value=value / 100 if column.kind == PERCENT else value)
                    cell.number_format = NUMBER_FORMATS[column.kind]
                    cells.append(cell)
                else:
                    cells.append(_text_cell(sheet, WriteOnlyCell, str(value)))
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet, cell_class, value: str):
    """A string cell that stays a string: never a formula, even after editing in Excel;
    characters a workbook cannot hold are replaced, and it is cut to Excel's cell limit."""
    value = _ILLEGAL.sub("\ufffd", value)
    if len(value) > MAX_CELL:
        value = value[: MAX_CELL - 1] + "…"
    cell = cell_class(sheet, value=value)
    cell.data_type = "s"          # openpyxl would make "=…" a formula
    if value[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True   # Excel keeps it text when the cell is edited
    return cell


def _widths(table: Table) -> list[float]:
    """Display width of the widest cell (CJK characters count double), within limits."""
    from zwgk_tui.report.exporters.tables import fmt

    out = []
    for index, column in enumerate(table.columns):
        widest = width(column.header)
        for row in table.rows[:2000]:  # enough to judge; a long tail does not change it
            widest = max(widest, width(fmt(row[index], column.kind)))
        out.append(float(min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)))
    return out
