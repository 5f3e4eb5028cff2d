"""PDF → lines and tables, with pdfplumber (pdfminer.six underneath).

pdfplumber was chosen by measurement on Chinese PDFs with CID fonts (a Word/WPS/LibreOffice
export with embedded subset fonts, and a PDF that names STSong-Light without embedding it):
pdfminer.six maps both to the right characters and gives each glyph's box, so lines,
paragraphs, running heads and ruled tables can be rebuilt from the layout (``pdflines``);
pypdf's text inserted spaces between Chinese and digits (2019 年) and gives no glyph boxes.

Ruled tables (a 任务分解表) are read as grids of cells: a cell merged across columns is
marked as a repeat, one merged down rows repeats its text on each row it covers, as in an
HTML table. A table that goes on over a page break is one table. Scans (no text at all)
and fonts without a character map (text that comes out as ``(cid:…)``) are one-line
errors saying what to do.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

from zwgk_tui.errors import ZwgkError
from zwgk_tui.workpoints.decode import from_blocks
from zwgk_tui.workpoints.document import Block, Document, GridTable
from zwgk_tui.workpoints.pdflines import (
    Glyph,
    Line,
    Metrics,
    drop_running_heads,
    in_columns,
    make_lines,
    measure,
    paragraphs,
    shortfall,
)

MAX_PAGES = 500
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(path: Path, data: bytes) -> Document:
    """Read a PDF's text and ruled tables; every failure is a ZwgkError naming the file."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfplumber.utils.exceptions import PdfminerException

    for name in ("pdfminer", "pdfplumber"):  # their warnings are not the officer's business
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFEncryptionError):
            raise ZwgkError("PDF 文件有密码保护，请先去掉密码再生成", path) from None
        raise ZwgkError("不是有效的 PDF 文件", path) from None
    except Exception as exc:  # a damaged file can fail anywhere in the parser
        raise ZwgkError(f"不是有效的 PDF 文件（{type(exc).__name__}）", path) from None
    try:
        with pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ZwgkError(f"PDF 有 {len(pdf.pages)} 页，超过 {MAX_PAGES} 页，不像是工作要点文件", path)
            blocks = _read_pages(pdf.pages, path)
    except ZwgkError:
        raise
    except Exception as exc:
        raise ZwgkError(f"无法读取 PDF 文件（{type(exc).__name__}）", path) from None
    return from_blocks(path, data, blocks, "pdf")


def _read_pages(pages: Any, path: Path) -> list[Block]:
    text_lines: list[list[Line]] = []
    heights: list[float] = []
    widths: list[float] = []
    tables: list[list[tuple[float, GridTable]]] = []
    glyph_count = unreadable = 0
    for number, page in enumerate(pages, start=1):
        found = [t for t in page.find_tables(_TABLE_SETTINGS) if _is_table(t)]
        boxes = [t.bbox for t in found]
        glyphs: list[Glyph] = []
        for char in page.chars:
            if not char.get("upright", True) or _inside(char, boxes):
                continue
            text = str(char.get("text", ""))
            glyph_count += 1
            if text.startswith("(cid:") or any(0xE000 <= ord(c) <= 0xF8FF for c in text):
                unreadable += 1
                continue
            glyphs.append(_glyph(char))
        text_lines.append(make_lines(glyphs, number))
        heights.append(float(page.height))
        widths.append(float(page.width))
        tables.append([(float(t.bbox[1]), _grid(page, t)) for t in found])
        glyph_count += sum(len(page.crop(box).chars) for box in boxes)
    if glyph_count == 0:
        raise ZwgkError("PDF 里没有文字（可能是扫描件），请先做文字识别（OCR）或找文字版", path)
    if unreadable > glyph_count * 0.1:
        raise ZwgkError(
            "PDF 里的文字无法识别（字体缺少字符编码表），请用 WPS 或 Word 打开后另存为 .docx 再生成", path)
    drop_running_heads(text_lines, heights)
    text_lines = in_columns(text_lines, widths)
    metrics = measure([line for lines in text_lines for line in lines])
    blocks: list[Block] = []
    run: list[Line] = []
    for lines, page_tables in zip(text_lines, tables, strict=True):
        pending = sorted(page_tables, key=lambda item: item[0])
        for line in lines:
            while pending and pending[0][0] <= line.top:
                _flush(run, metrics, blocks)
                _add_table(blocks, pending.pop(0)[1])
            run.append(line)
        for _, table in pending:
            _flush(run, metrics, blocks)
            _add_table(blocks, table)
    _flush(run, metrics, blocks)
    return blocks


def _flush(run: list[Line], metrics: dict[int, Metrics], blocks: list[Block]) -> None:
    blocks.extend(text for text, _ in paragraphs(run, metrics))
    run.clear()


def _add_table(blocks: list[Block], table: GridTable) -> None:
    """A table straight after a table with as many columns goes on over a page break."""
    last = blocks[-1] if blocks else None
    if isinstance(last, GridTable) and last.rows and table.rows and len(last.rows[0]) == len(table.rows[0]):
        last.rows.extend(table.rows)
        last.dups.extend(table.dups)
        last.below.extend(table.below)
        return
    blocks.append(table)


def _glyph(char: dict[str, Any]) -> Glyph:
    return Glyph(str(char["text"]), float(char["x0"]), float(char["x1"]), float(char["top"]),
                 float(char["bottom"]), float(char.get("size") or (char["bottom"] - char["top"])))


def _inside(char: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _is_table(table: Any) -> bool:
    """At least two rows and two columns: a box drawn round a paragraph is not a table."""
    xs = {round(cell[0]) for cell in table.cells}
    tops = {round(cell[1]) for cell in table.cells}
    return len(xs) >= 2 and len(tops) >= 2


def _grid(page: Any, table: Any) -> GridTable:
    """Cells onto a grid: a cell covers the columns and rows whose edges it spans."""
    cells = [tuple(float(v) for v in cell) for cell in table.cells]
    xs = sorted({round(c[0], 1) for c in cells})
    tops = sorted({round(c[1], 1) for c in cells})
    rows = [["" for _ in xs] for _ in tops]
    dups = [[False for _ in xs] for _ in tops]
    below = [[False for _ in xs] for _ in tops]
    for x0, top, x1, bottom in cells:
        text = _cell_text(page, (x0, top, x1, bottom))
        columns = [k for k, x in enumerate(xs) if x0 - 1 <= x < x1 - 1]
        lines = [k for k, y in enumerate(tops) if top - 1 <= y < bottom - 1]
        for r in lines:
            for c in columns:
                rows[r][c] = text
                dups[r][c] = c != columns[0]
                below[r][c] = r != lines[0]
    return GridTable(rows=rows, dups=dups, below=below)


def _cell_text(page: Any, box: tuple[float, float, float, float]) -> str:
    """A cell's lines: a line that fills the cell's width goes on in the next; a short one
    ends a paragraph of the cell (several units, one per line, stay apart)."""
    x0, top, x1, bottom = box
    chars = [c for c in page.chars if c.get("upright", True)
             and x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    lines = make_lines([_glyph(c) for c in chars], page.page_number)
    out = ""
    previous: Line | None = None
    for line in lines:
        text = " ".join(line.text.split("\t"))
        if previous is None:
            out = text
        elif previous.x1 >= x1 - shortfall(text, previous.size) + previous.size * 0.6:
            out += text
        else:
            out += "\n" + text
        previous = line
    return out
