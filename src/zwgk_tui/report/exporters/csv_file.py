"""The ranking as CSV: UTF-8 with a byte-order mark (so Excel and WPS read Chinese right),
and file text that could start a formula prefixed with an apostrophe."""

from __future__ import annotations

import csv
import io

from zwgk_tui.report.exporters.tables import MAX_CELL, TEXT, Table, fmt

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(table: Table, rejected: list[list[str]]) -> bytes:
    """``table`` (the ranking) then one row per file left out and per roster unit whose file
    did not count (``[label, unit, reason, path]``), so nobody forwards the spreadsheet
    without seeing which units are missing."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(v, c.kind) for c, v in zip(table.columns, row, strict=True)])
    hint, file = [c.header for c in table.columns].index("提示"), [c.header for c in table.columns].index("文件")
    for label, unit, reason, path in rejected:
        cells = [""] * len(table.columns)
        cells[0], cells[1] = label, safe(unit)
        cells[hint], cells[file] = safe(reason), safe(path)
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object, kind: str) -> str:
    if value is None or value == "":
        return ""
    return safe(fmt(value, kind)) if kind == TEXT else fmt(value, kind)


def safe(value: str) -> str:
    """Never a formula, never more than a spreadsheet cell holds."""
    value = "'" + value if value.startswith(FORMULA_START) else value
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"
