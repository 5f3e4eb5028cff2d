"""The sheet of charts: leaders look at charts, not tables.

Native Excel charts (openpyxl), drawn from the cells of the ranking and section sheets, so
they stay true if a cell is corrected: the units' percentages as horizontal bars in rank
order (first place on top; at most 30 units to a chart, each chart a printed page, the
first 100 units in all), then the sections' average percentages. Every bar is labelled
with its figure: nothing is said by colour or length alone.
"""

from __future__ import annotations

import math

from zwgk_tui.report.exporters import xlsx_print
from zwgk_tui.report.exporters.tables import Heading, Table

AFTER = "排名"           # the sheet of charts follows the ranking
SHEET = "图表"
SECTIONS = "分项平均"
UNITS_PER_CHART = 30     # more, and spreadsheet programs leave out every other name
MAX_UNITS = 100
PAGE_ROWS = 28           # rows of default height (15 pt) on a landscape page below the title
CHART_WIDTH, CHART_HEIGHT = 25.0, 14.3    # centimetres: one landscape A4 page
UNIT_COLUMN, PERCENT_COLUMN = "B", "E"
SPAN, COLUMN_WIDTH = 10, 9.0   # columns narrower than a chart in any program: the title spans them


def add_sheet(book, tables: list[Table], heading: Heading, styles) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet.pagebreak import Break

    ranking = next(t for t in tables if t.name == AFTER)
    sections = next((t for t in tables if t.name == SECTIONS), None)
    sheet = book.create_sheet(SHEET)
    frame = Table(SHEET, "图表", [])
    title = f"{heading.title} · 图表" if heading.title else "图表"
    xlsx_print.set_up_page(sheet, frame, title, heading.line, [COLUMN_WIDTH] * SPAN)
    sheet.row_dimensions[xlsx_print.TITLE_ROW].height = 24
    for row, text, style in ((xlsx_print.TITLE_ROW, title, styles.title),
                             (xlsx_print.SUBTITLE_ROW, heading.line, styles.subtitle)):
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        sheet.append(xlsx_print.merged_row(sheet, row, SPAN, xlsx_print.styled(cell, style)))
    charts = []
    shown = min(len(ranking.rows), MAX_UNITS)
    if shown:
        count = math.ceil(shown / UNITS_PER_CHART)
        size = math.ceil(shown / count)
        top = _top_percent(ranking)
        for first in range(0, shown, size):
            last = min(shown, first + size)
            name = f"各单位得分率（按名次，第 {first + 1}–{last} 名"
            name += f"，共 {len(ranking.rows)} 个单位）" if len(ranking.rows) > shown else "）"
            charts.append(_bars(name, AFTER, UNIT_COLUMN, PERCENT_COLUMN, first, last, top))
    if sections is not None and sections.rows:
        charts.append(_bars("各部分平均得分率", SECTIONS, "B", "E", 0, len(sections.rows), 1.0))
    row = xlsx_print.FIRST_DATA_ROW
    for n, chart in enumerate(charts):
        if n:
            sheet.row_breaks.append(Break(id=row - 1))
        sheet.add_chart(chart, f"A{row}")
        row += PAGE_ROWS
    if not charts:
        cell = WriteOnlyCell(sheet, value="没有可计入的评估记录，没有图表。")
        sheet.append([])
        sheet.append([cell])


def _top_percent(ranking: Table) -> float:
    """The value axis ends at 100 %, or above when a bonus lifts a unit over it."""
    index = [c.header for c in ranking.columns].index("得分率")
    values = [row[index] for row in ranking.rows if row[index] is not None]
    return max(1.0, math.ceil(max(values, default=0) / 10) / 10)


def _font(size: int):
    """Text properties for a chart part: ``size`` in hundredths of a point."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    props = CharacterProperties(sz=size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _title(text: str):
    """A chart title in 12-point bold (the default is larger than the page needs)."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import (
        CharacterProperties,
        Paragraph,
        ParagraphProperties,
        RegularTextRun,
    )

    props = CharacterProperties(sz=1200, b=True)
    run = RegularTextRun(rPr=props, t=text)
    return Title(tx=Text(rich=RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), r=[run])])),
                 overlay=False)


def _bars(title: str, sheet_name: str, category: str, value: str, first: int, last: int, top: float):
    """Horizontal bars for rows ``first``…``last`` (0-based) of a table sheet."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.shapes import GraphicalProperties

    r1 = xlsx_print.FIRST_DATA_ROW + first
    r2 = xlsx_print.FIRST_DATA_ROW + last - 1
    chart = BarChart()
    chart.type = "bar"
    chart.title = _title(title)
    chart.add_data(Reference(range_string=f"'{sheet_name}'!${value}${r1}:${value}${r2}"))
    chart.series[0].cat = AxDataSource(strRef=StrRef(f=f"'{sheet_name}'!${category}${r1}:${category}${r2}"))
    chart.legend = None
    chart.gapWidth = 40
    chart.width, chart.height = CHART_WIDTH, CHART_HEIGHT
    chart.x_axis.scaling.orientation = "maxMin"        # first place on top
    chart.x_axis.tickLblSkip = 1                       # every unit named, none skipped
    chart.x_axis.delete = False
    labels = 900 if last - first <= 20 else 700
    chart.x_axis.txPr = _font(labels)
    chart.y_axis.txPr = _font(800)
    chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = top
    chart.y_axis.majorUnit = 0.1
    chart.y_axis.number_format = "0%"
    series = chart.series[0]
    series.graphicalProperties = GraphicalProperties(solidFill="2F5597")
    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    series.dLbls.txPr = _font(labels - 100)
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(series.dLbls, flag, False)
    return chart
