"""Builds 2020-licheng.xlsx: the rows of checklists/sources/005_licheng_2020.txt (the stored
copy of the published table) as the Excel sheet a supervisor would hand out, cell for cell.

Run from the repository root: python checklists/tables/make_2020_licheng.py
Only the four rows the stored copy holds whole are taken; the fifth (及时更新公开栏信息) is
cut off mid-sentence in the copy and is left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "checklists" / "sources" / "005_licheng_2020.txt"
WHOLE_ROWS = 4


def rows() -> tuple[str, list[str], list[list[str]]]:
    cells = [c.strip() for c in re.split(r"\n\s*\n", SOURCE.read_text(encoding="utf-8")) if c.strip()]
    title = cells[0].splitlines()[0]
    header = cells[1:4]
    body = cells[4:4 + 3 * WHOLE_ROWS]
    return title, header, [body[i:i + 3] for i in range(0, len(body), 3)]


def main() -> None:
    title, header, body = rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "考评标准"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    sheet.append(header)
    for category, points, criteria in body:
        sheet.append([category, int(points), criteria])
    for column, width in zip("ABC", (22, 8, 90), strict=True):
        sheet.column_dimensions[column].width = width
    book.properties.creator = "zwgk-tui"
    book.properties.created = book.properties.modified = __import__("datetime").datetime(2020, 12, 14, 16, 7)
    book.save(ROOT / "checklists" / "tables" / "2020-licheng.xlsx")


if __name__ == "__main__":
    main()
