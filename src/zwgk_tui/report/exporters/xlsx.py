"""The report as an Excel workbook (openpyxl): a sheet per table that prints on its own (see
``xlsx_print``), a sheet of charts after the ranking (``xlsx_charts``), Chinese headers,
frozen header row, numbers stored as numbers, and no formula ever made from file text.

Each sheet: row 1 the title (checklist and table), row 2 the year, units counted and when
the report was made, row 3 the column headers, the data from row 4, and under it the
table's legend. Written in openpyxl's write-only mode: rows stream to the file, so 10,000
units need little memory (see BENCHMARKS.md for the time).
"""

from __future__ import annotations

import io
import math
import re

from zwgk_tui.report.exporters import xlsx_charts, xlsx_print
from zwgk_tui.report.exporters.tables import (
    CHANGE,
    INT,
    MAX_CELL,
    PERCENT,
    RANK_CHANGE,
    SCORE,
    Heading,
    Table,
)

LEGEND_POINTS = 10
FORMULA_START = ("=", "+", "-", "@")
NUMBER_FORMATS = {SCORE: "0.00", PERCENT: "0.00%", CHANGE: "+0.00;-0.00;0.00",
                  RANK_CHANGE: "+0;-0;0", INT: "0"}
# What the XML of a workbook cannot hold (openpyxl raises IllegalCharacterError on them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(tables: list[Table], heading: Heading | None = None) -> bytes:
    from openpyxl import Workbook

    heading = heading or Heading("", "")
    book = Workbook(write_only=True)
    styles = None
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        styles = styles or xlsx_print.Styles(sheet)
        _write_table(sheet, table, heading, styles)
        if table.name == xlsx_charts.AFTER:
            xlsx_charts.add_sheet(book, tables, heading, styles)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_table(sheet, table: Table, heading: Heading, styles: xlsx_print.Styles) -> None:
    from openpyxl.cell import WriteOnlyCell

    column_widths = xlsx_print.widths(table)
    title = f"{heading.title} · {table.title}" if heading.title else table.title
    xlsx_print.set_up_page(sheet, table, title, heading.line, column_widths)
    span = len(table.columns)
    total_width = sum(column_widths)
    for row, text, style, points in ((xlsx_print.TITLE_ROW, title, styles.title, 14),
                                     (xlsx_print.SUBTITLE_ROW, heading.line, styles.subtitle, 10)):
        lines = xlsx_print.lines_needed(text, total_width, points)
        sheet.row_dimensions[row].height = xlsx_print.height(lines, points) + (6 if row == 1 else 0)
        sheet.append(xlsx_print.merged_row(sheet, row, span, xlsx_print.styled(
            _text_cell(sheet, WriteOnlyCell, text), style)))
    header = []
    lines = max((xlsx_print.lines_needed(c.header, w) for c, w in zip(table.columns, column_widths, strict=True)),
                default=1)
    if lines > 1:
        sheet.row_dimensions[xlsx_print.HEADER_ROW].height = xlsx_print.height(lines)
    for column in table.columns:
        cell = xlsx_print.styled(_text_cell(sheet, WriteOnlyCell, column.header), styles.header)
        if column.note:
            from openpyxl.comments import Comment

            cell.comment = Comment(column.note, "zwgk")
        header.append(cell)
    sheet.append(header)
    looks = [styles.text if c.kind == "text" else styles.number(NUMBER_FORMATS[c.kind])
             for c in table.columns]
    texts = [i for i, c in enumerate(table.columns) if c.kind == "text"]
    if table.plain:
        _write_plain_rows(sheet, table)
    for number, row in enumerate([] if table.plain else table.rows, xlsx_print.FIRST_DATA_ROW):
        lines = max((xlsx_print.lines_needed(str(row[i]), column_widths[i]) for i in texts if row[i]),
                    default=1)
        if lines > 1:
            sheet.row_dimensions[number].height = xlsx_print.height(lines)
        cells = []
        for column, style, value in zip(table.columns, looks, row, strict=True):
            if value is None or value == "" or (isinstance(value, float) and not math.isfinite(value)):
                cell = WriteOnlyCell(sheet)           # empty, but boxed like the rest; never "inf"
            elif isinstance(value, int | float) and not isinstance(value, bool) and column.kind != "text":
                cell = WriteOnlyCell(sheet, value=value / 100 if column.kind == PERCENT else value)
            else:
                cell = _text_cell(sheet, WriteOnlyCell, str(value))
            cells.append(xlsx_print.styled(cell, style))
        sheet.append(cells)
    legend = table.legend if table.rows else ["（无）", *table.legend]
    if legend:
        sheet.append([])
        row = xlsx_print.FIRST_DATA_ROW + len(table.rows) + 1
        for line in legend:
            lines = xlsx_print.lines_needed(line, total_width, LEGEND_POINTS)
            sheet.append(xlsx_print.merged_row(sheet, row, span, xlsx_print.styled(
                _text_cell(sheet, WriteOnlyCell, line), styles.legend), lines, LEGEND_POINTS))
            row += 1


def _write_plain_rows(sheet, table: Table) -> None:
    """Rows of a long reference list, no styles: a plain value is written through one reused
    cell (fast); text that openpyxl or Excel would take for a formula, or that a workbook
    cannot hold as it is, goes through ``_text_cell``."""
    from openpyxl.cell import WriteOnlyCell

    for row in table.rows:
        sheet.append([_text_cell(sheet, WriteOnlyCell, value) if isinstance(value, str) and _special(value)
                      else value for value in row])


def _special(value: str) -> bool:
    return value[:1] in FORMULA_START or len(value) > MAX_CELL or _ILLEGAL.search(value) is not None


def _text_cell(sheet, cell_class, value: str):
    """A string cell that stays a string: never a formula, even after editing in Excel;
    characters a workbook cannot hold are replaced, and it is cut to Excel's cell limit."""
    value = _ILLEGAL.sub("\ufffd", value)
    if len(value) > MAX_CELL:
        value = value[: MAX_CELL - 1] + "…"
    cell = cell_class(sheet, value=value)
    cell.data_type = "s"          # openpyxl would make "=…" a formula
    if value[:1] in FORMULA_START:
        cell.quotePrefix = True   # Excel keeps it text when the cell is edited
    return cell
