"""A published indicator table as a grid of cell texts, merged cells marked.

Supervisors publish their 考核评分细则 as Excel/WPS sheets or Word tables, with the 一级/二级
指标 cells merged down over their rows. Both become the same ``Grid``: every cell holds its
text, a merged cell's text is repeated in every cell it covers, and ``down`` / ``right`` say
which cells continue the one above or to the left, so that the builder can tell "the same
indicator" from "an indicator that happens to have the same name". The paragraphs or rows
above the table are kept as its ``caption`` (usually the table's title).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.errors import ZwgkError

MAX_BYTES = 32 * 1024 * 1024
MAX_CELLS = 200_000


@dataclass(slots=True)
class Grid:
    """One table: ``rows[r][c]`` texts; ``down[r][c]`` the cell continues the one above."""

    rows: list[list[str]]
    down: list[list[bool]]
    right: list[list[bool]]
    line: list[int]                     # the row number a person sees (sheet row, table row)
    caption: list[str] = field(default_factory=list)
    sheet: str = ""
    extra: dict[str, list[list[str]]] = field(default_factory=dict)  # other sheets by name


def read_grids(path: Path) -> list[Grid]:
    """Every table of an .xlsx workbook (one per sheet) or of a .docx document, in order."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ZwgkError(f"文件太大（{size // 1024 // 1024} MB），不像是指标表", path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ZwgkError("文件不存在", path) from None
    except IsADirectoryError:
        raise ZwgkError("这是一个文件夹，不是指标表", path) from None
    except OSError as exc:
        raise ZwgkError(f"无法读取：{exc.strerror or exc}", path) from None
    suffix = path.suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ZwgkError("这是旧版 Word/Excel 文件（.doc/.xls），请先在 WPS 或 Office 中另存为 .docx 或 .xlsx", path)
    if not data.startswith(b"PK\x03\x04") or suffix not in (".xlsx", ".docx"):
        raise ZwgkError("指标表应为 .xlsx（Excel、WPS 表格）或 .docx（Word、WPS 文字）文件", path)
    try:
        return _xlsx(data) if suffix == ".xlsx" else _docx(data)
    except ZwgkError as exc:
        raise ZwgkError(exc.message, path) from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise ZwgkError(f"不是有效的 {suffix} 文件（{type(exc).__name__}）", path) from None
    except Exception as exc:  # the readers raise many kinds on damaged files
        raise ZwgkError(f"无法读取 {suffix} 文件（{type(exc).__name__}）", path) from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _xlsx(data: bytes) -> list[Grid]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    grids: list[Grid] = []
    others: dict[str, list[list[str]]] = {}
    for sheet in book.worksheets:
        height, width = sheet.max_row, sheet.max_column
        if height * width > MAX_CELLS:
            raise ZwgkError(f"工作表 {sheet.title} 太大（{height} 行 × {width} 列）")
        values = [[_text(cell.value) for cell in row] for row in sheet.iter_rows(max_row=height, max_col=width)]
        down = [[False] * width for _ in range(height)]
        right = [[False] * width for _ in range(height)]
        for merged in sheet.merged_cells.ranges:
            top, left = merged.min_row - 1, merged.min_col - 1
            for r in range(top, min(merged.max_row, height)):
                for c in range(left, min(merged.max_col, width)):
                    if (r, c) == (top, left):
                        continue
                    values[r][c] = values[top][left]
                    if c == left:
                        down[r][c] = True
                    else:
                        right[r][c] = True
        grid = Grid(values, down, right, list(range(1, height + 1)), sheet=sheet.title)
        others[sheet.title] = values
        grids.append(grid)
    for grid in grids:
        grid.extra = {name: rows for name, rows in others.items() if name != grid.sheet}
    return grids


def _docx(data: bytes) -> list[Grid]:
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    grids: list[Grid] = []
    caption: list[str] = []
    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            text = block.text.strip()
            if text:
                caption = [*caption[-3:], text]
            continue
        rows: list[list[str]] = []
        down: list[list[bool]] = []
        right: list[list[bool]] = []
        above: list[object] = []
        for row in block.rows:
            cells = list(row.cells)
            rows.append([c.text.strip() for c in cells])
            right.append([i > 0 and cells[i]._tc is cells[i - 1]._tc for i in range(len(cells))])
            down.append([i < len(above) and cells[i]._tc is above[i] for i in range(len(cells))])
            above = [c._tc for c in cells]
            if sum(len(r) for r in rows) > MAX_CELLS:
                raise ZwgkError("表格太大")
        width = max((len(r) for r in rows), default=0)
        for texts in rows:
            texts.extend([""] * (width - len(texts)))
        for flags in (*down, *right):
            flags.extend([False] * (width - len(flags)))
        grids.append(Grid(rows, down, right, list(range(1, len(rows) + 1)), caption=caption))
        caption = []
    return grids
