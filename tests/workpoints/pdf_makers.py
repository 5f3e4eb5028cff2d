"""PDFs made in the tests from the seed texts, with reportlab: Chinese without font files
through the CID fonts every PDF reader knows (``UnicodeCIDFont("STSong-Light")``, Adobe-GB1,
which also holds the traditional characters of GBK), paragraphs with a first-line indent
as in a printed 红头文件, optionally set in two columns with a running head (the title on the
left, the page on the right) and a running foot (— 2 —), optionally with a ruled table
whose cells are merged down rows (a 任务分解表)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
HEAD = "2019年政务公开工作要点（印发稿）"


def _style(size: float, indent: bool) -> ParagraphStyle:
    return ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.6,
                          firstLineIndent=size * 2 if indent else 0, wordWrap="CJK",
                          spaceAfter=0, alignment=4)  # justified, as a printed document


def _on_page(canvas, doc) -> None:
    width, height = A4
    canvas.setFont(FONT, 9)
    canvas.drawString(60, height - 40, HEAD)
    canvas.drawRightString(width - 60, height - 40, f"第 {doc.page} 页")
    canvas.drawCentredString(width / 2, 30, f"— {doc.page} —")


def text_pdf(path: Path, lines: list[str], *, columns: int = 1, heads: bool = False,
             size: float = 12, table: tuple[list[str], list[list[str]], tuple[int, ...]] | None = None,
             after: int | None = None) -> Path:
    """A PDF of ``lines`` (one paragraph each; blank lines dropped). ``table``: (header,
    rows, merged) — a ruled table after paragraph ``after``, its columns ``merged`` merged
    down over runs of equal cells (a span must fit on a page: reportlab cannot split one)."""
    width, height = A4
    margin = 60
    if columns == 2:
        gap = 24
        column = (width - 2 * margin - gap) / 2
        frames = [Frame(margin, margin, column, height - 2 * margin, id="left"),
                  Frame(margin + column + gap, margin, column, height - 2 * margin, id="right")]
    else:
        frames = [Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="body")]
    document = BaseDocTemplate(str(path), pagesize=A4, title="", author="")
    template = PageTemplate(frames=frames, onPage=_on_page) if heads else PageTemplate(frames=frames)
    document.addPageTemplates([template])
    style = _style(size, indent=True)
    story: list = []
    paragraphs = [line.strip() for line in lines if line.strip()]
    for k, line in enumerate(paragraphs):
        story.append(Paragraph(escape(line.replace("\xa0", " ")), style))  # pdftotext misorders NBSP runs
        if table is not None and after == k:
            story.append(_table(*table, width=width - 2 * margin, size=size))
    document.build(story)
    return path


def _table(header: list[str], rows: list[list[str]], merged: tuple[int, ...], *, width: float,
           size: float) -> Table:
    cell = _style(size * 0.8, indent=False)
    cell.alignment = 0
    data = [[Paragraph(escape(h), cell) for h in header]]
    data += [[Paragraph(escape(value), cell) for value in row] for row in rows]
    commands: list = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for k, head in enumerate(header):
        if not head and k:  # a header cell over two columns: 工作任务 over category and task
            commands.append(("SPAN", (k - 1, 0), (k, 0)))
    for column in merged:
        r = 0
        while r < len(rows):
            span = 1
            while r + span < len(rows) and rows[r + span][: column + 1] == rows[r][: column + 1]:
                span += 1
            if span > 1:
                commands.append(("SPAN", (column, r + 1), (column, r + span)))
                for k in range(r + 1, r + span):
                    data[k + 1][column] = ""
            r += span
    share = [0.16, 0.16, 0.42, 0.26] if len(header) == 4 else [1 / len(header)] * len(header)
    table = Table(data, colWidths=[width * s for s in share], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table
