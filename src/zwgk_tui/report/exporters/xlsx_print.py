"""How each sheet of the workbook prints: A4 landscape, one page wide, the column headers on
every page, a title and a footer with page numbers, columns as wide as their content (headers
wrap), thin borders, numbers right-aligned.

A supervisor prints the result, stamps it and circulates it; so every sheet must print
readably on its own. The settings are plain worksheet properties, which openpyxl's
write-only mode supports as long as the sheet properties are set before the first row.
"""

from __future__ import annotations

import math
from copy import copy

from zwgk_tui.report.exporters.tables import TEXT, Table, fmt
from zwgk_tui.textsafe import width

TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
MIN_WIDTH = 6          # column width in Excel units (the width of a "0"; a CJK character ≈ 2)
TEXT_WIDTH = 30        # widest a text column grows before it wraps …
WRAP_WIDTH = 40        # … and a column of long text (problems, file names, unit lists)
SAMPLE_ROWS = 2000     # rows measured for a column's width: a long tail does not change it
PAGE_WIDTH = 140       # printable width of A4 landscape in Excel units, before fitting
WRAP_MIN = 22          # a long-text column is not narrowed below this to fit the page
LINE_POINTS = 15       # height of one line of 11-point text
MAX_ROW_POINTS = 409   # the tallest row Excel accepts


class Styles:
    """The few cell styles of the workbook, made once: a cell takes a copy of one (copying
    a style is much cheaper than setting font, border and alignment on 100,000 cells)."""

    def __init__(self, sheet) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="808080")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)

        def make(**attrs):
            cell = WriteOnlyCell(sheet)
            for name, value in attrs.items():
                setattr(cell, name, value)
            return cell._style

        self.title = make(font=Font(bold=True, size=14), alignment=Alignment(vertical="center", wrap_text=True))
        self.subtitle = make(font=Font(size=10, color="404040"),
                             alignment=Alignment(vertical="center", wrap_text=True))
        self.header = make(font=Font(bold=True), border=box, fill=PatternFill("solid", fgColor="E7E6E6"),
                           alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
        self.text = make(border=box, alignment=Alignment(vertical="center", wrap_text=True))
        self.legend = make(font=Font(size=10), alignment=Alignment(vertical="top", wrap_text=True))
        self._box = box
        self._numbers: dict[str, object] = {}
        self._make = make

    def number(self, number_format: str):
        if number_format not in self._numbers:
            from openpyxl.styles import Alignment

            self._numbers[number_format] = self._make(
                border=self._box, number_format=number_format,
                alignment=Alignment(horizontal="right", vertical="center"))
        return self._numbers[number_format]


def styled(cell, style):
    """Give ``cell`` a copy of ``style``, keeping its quote prefix (text that looks like a
    formula stays text when edited in Excel)."""
    quote = cell._style.quotePrefix if cell._style is not None else 0
    cell._style = copy(style)
    if quote:
        cell._style.quotePrefix = quote
    return cell


def widths(table: Table) -> list[float]:
    """Each column as wide as its widest cell (CJK characters count double) up to a limit,
    then wrapped; a long header wraps rather than widen its column."""
    out = []
    for index, column in enumerate(table.columns):
        widest = 0
        for row in table.rows[:SAMPLE_ROWS]:
            widest = max(widest, width(fmt(row[index], column.kind)))
        header = width(column.header)
        # a header of up to four characters on one line; a longer one three a line
        header = header + 2 if header <= 8 else 7
        limit = column.width or (WRAP_WIDTH if column.wrap else TEXT_WIDTH if column.kind == TEXT else 16)
        out.append(float(min(max(widest + 2, header, MIN_WIDTH), limit + 2)))
    return _narrowed(table, out)


def _narrowed(table: Table, out: list[float]) -> list[float]:
    """A table wider than the page is fitted by scaling everything down; before that, its
    long-text columns give up width (down to ``WRAP_MIN``) and wrap more, so the figures
    print larger."""
    excess = sum(out) - PAGE_WIDTH
    wide = [i for i, c in enumerate(table.columns) if c.wrap and out[i] > WRAP_MIN]
    if excess <= 0 or not wide:
        return out
    spare = sum(out[i] - WRAP_MIN for i in wide)
    share = min(1.0, excess / spare)
    for i in wide:
        out[i] = float(round(out[i] - (out[i] - WRAP_MIN) * share))
    return out


def lines_needed(text: str, column_width: float, points: float = 11) -> int:
    """Lines a text wraps to in a column ``column_width`` units wide. Neither LibreOffice
    nor Excel grows a row for wrapped text in a file it opens (nor ever for a merged cell),
    so the row is given its height: ``LINE_POINTS`` a line."""
    if len(text) * 2.2 * points / 11 <= column_width - 1:     # surely one line: no measuring
        return 1
    shown = width(text) * points / 11
    if shown + 2 <= column_width:                             # the column was made to fit it
        return 1
    return max(1, math.ceil(shown * 1.05 / max(column_width - 1, 1)))


def height(lines: int, points: float = 11) -> float:
    """Points for ``lines`` lines; Excel refuses a row taller than 409 points."""
    return min(round(LINE_POINTS * points / 11 * lines + (2 if lines > 1 else 0), 1), MAX_ROW_POINTS)


def set_up_page(sheet, table: Table, header_text: str, footer_text: str, column_widths: list[float]) -> None:
    """A4 landscape, fitted to one page wide, the column headers repeated on every page, a
    page header naming the table, page numbers in the footer. Call before the first row."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9                      # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0                    # as many pages down as needed
    sheet.page_setup.firstPageNumber = 1                # every sheet numbers from 1
    sheet.page_setup.useFirstPageNumber = True
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    if table.columns:
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        sheet.freeze_panes = f"{get_column_letter(table.freeze_columns + 1)}{FIRST_DATA_ROW}"
    sheet.oddHeader.center.text = _escape(header_text)
    sheet.oddHeader.center.size = 9
    sheet.oddFooter.left.text = _escape(footer_text)
    sheet.oddFooter.left.size = 8
    sheet.oddFooter.center.text = "第 &P 页"
    sheet.oddFooter.center.size = 9
    sheet.oddFooter.right.text = _escape(f"工作表：{table.name}")
    sheet.oddFooter.right.size = 8
    for index, column_width in enumerate(column_widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width


def _escape(text: str) -> str:
    """A page header or footer treats ``&`` as a code (``&P`` page number): keep it text."""
    return text.replace("&", "&&")


def merged_row(sheet, row: int, columns: int, cell, lines: int = 1, points: float = 11) -> list:
    """``cell`` spanning ``columns`` columns of row ``row`` (a title, a legend line)."""
    from openpyxl.worksheet.cell_range import CellRange

    if columns > 1:
        sheet.merged_cells.add(CellRange(min_col=1, min_row=row, max_col=columns, max_row=row))
    if lines > 1:
        sheet.row_dimensions[row].height = height(lines, points)
    return [cell]
