""".docx (Word 2007 and later) → lines and tables, with python-docx: paragraphs and tables in
document order; a merged cell is marked as a repeat, a one-column layout table is text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.table import Table, _Cell

from zwgk_tui.errors import ZwgkError
from zwgk_tui.workpoints.decode import from_blocks
from zwgk_tui.workpoints.document import Block, Document, GridTable


def read_docx(path: Path, data: bytes) -> Document:
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        blocks: list[Block] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.extend(_docx_table(block))
            else:
                blocks.append(block.text)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ZwgkError(f"不是有效的 .docx 文件（{type(exc).__name__}）", path) from None
    except ZwgkError:
        raise
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise ZwgkError(f"无法读取 .docx 文件（{type(exc).__name__}）", path) from None
    return from_blocks(path, data, blocks, "docx")


def _docx_table(table: Table) -> list[Block]:
    """Rows of cell texts; a cell spanning columns comes back once per column: mark repeats."""
    rows: list[list[str]] = []
    dups: list[list[bool]] = []
    below: list[list[bool]] = []
    above: list[object] = []
    for row in table.rows:
        texts: list[str] = []
        flags: list[bool] = []
        merged: list[bool] = []
        previous = None
        cells = row.cells  # a cell merged down is the same element in each row it covers
        for k, cell in enumerate(cells):
            texts.append(_cell_text(cell))
            flags.append(previous is not None and cell._tc is previous)
            merged.append(k < len(above) and cell._tc is above[k])
            previous = cell._tc
        above = [cell._tc for cell in cells]
        rows.append(texts)
        dups.append(flags)
        below.append(merged)
    filled = sum(1 for row, flag in zip(rows, dups, strict=True)
                 if sum(1 for t, d in zip(row, flag, strict=True) if t and not d) >= 2)
    if filled >= 2:
        return [GridTable(rows=rows, dups=dups, below=below)]
    # a one-column (layout) table: its cells are paragraphs
    out: list[Block] = []
    for row, flag in zip(rows, dups, strict=True):
        out.extend(text for text, dup in zip(row, flag, strict=True) if text and not dup)
    return out


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs, one a line (several lead units, one paragraph each)."""
    return "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
