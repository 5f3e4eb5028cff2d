"""The roster: which units are expected to hand in, and what came from each.

``zwgk report … --roster FILE``: UTF-8 text with one unit name a line (a BOM, blank lines and
lines starting with ``#`` are allowed), or a ``.csv`` / ``.xlsx`` with a ``单位`` column.
Every roster unit is one of 已提交 (a sound file is counted), 被拒收 (a file came but was
rejected: with the reason) or 未提交 (no file); counted units not on the roster are 名单外.
Names are compared as unit names everywhere in the report (spaces and width ignored).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.paths import safe_name
from zwgk_tui.model.untrusted import Unreadable, read_untrusted

SUBMITTED, REJECTED, MISSING, OUTSIDE = "已提交", "被拒收", "未提交", "名单外"
COLUMN = "单位"
MAX_ROSTER_BYTES = 16 * 1024 * 1024


@dataclass(slots=True)
class RosterRow:
    unit: str
    state: str               # SUBMITTED / REJECTED / MISSING
    file: str = ""
    reason: str = ""


@dataclass(slots=True)
class Roster:
    source: str
    names: list[str]
    rows: list[RosterRow] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)   # counted units not on the roster

    @property
    def missing(self) -> list[RosterRow]:
        return [r for r in self.rows if r.state == MISSING]

    @property
    def rejected(self) -> list[RosterRow]:
        return [r for r in self.rows if r.state == REJECTED]

    @property
    def complete(self) -> bool:
        return all(r.state == SUBMITTED for r in self.rows)

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)


def read_roster(path: Path) -> Roster:
    """The expected units, in the file's order, each once; ZwgkError (exit 2) otherwise."""
    try:
        data, _ = read_untrusted(str(path), MAX_ROSTER_BYTES)
    except Unreadable as exc:
        raise ZwgkError(f"名单{exc}", path) from None
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        names = _xlsx(data, path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ZwgkError("名单不是 UTF-8 编码的文本（请另存为 UTF-8）", path) from None
        names = _csv(text, path) if suffix == ".csv" else _lines(text)
    out: list[str] = []
    seen: set[str] = set()
    from zwgk_tui.report.aggregate import unit_key

    for name in names:
        name = " ".join(name.split())
        if name and unit_key(name) not in seen:
            seen.add(unit_key(name))
            out.append(name)
    if not out:
        raise ZwgkError("名单中没有单位名称", path)
    return Roster(str(path), out)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.lstrip().startswith("#")]


def _csv(text: str, path: Path) -> list[str]:
    rows = list(csv.reader(io.StringIO(text)))
    return _column(rows, path)


def _xlsx(data: bytes, path: Path) -> list[str]:
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as exc:  # a damaged workbook raises many kinds of errors
        raise ZwgkError(f"名单无法读取（{type(exc).__name__}）：请确认是 Excel 的 .xlsx 文件", path) from None
    return _column(rows, path)


def _column(rows: list[list[str]], path: Path) -> list[str]:
    for n, row in enumerate(rows[:20]):
        cells = [c.strip() for c in row]
        if COLUMN in cells:
            at = cells.index(COLUMN)
            return [r[at] for r in rows[n + 1:] if at < len(r)]
    raise ZwgkError(f"名单中找不到“{COLUMN}”列（表头一行写“{COLUMN}”）", path)


def match(roster: Roster, report) -> Roster:
    """Fill in what came from each roster unit (``report``: an aggregate.Report)."""
    from zwgk_tui.report.aggregate import unit_key

    counted = {unit_key(row.sheet.unit): row.sheet for row in report.rows}
    rejected: dict[str, object] = {}
    for sheet in report.rejected:
        key = unit_key(sheet.unit) if sheet.unit else _from_name(sheet.path)
        rejected.setdefault(key, sheet)
    by_safe = {unit_key(safe_name(n)): unit_key(n) for n in roster.names}
    rejected = {by_safe.get(k, k): v for k, v in rejected.items()}
    roster.rows = []
    for name in roster.names:
        key = unit_key(name)
        if key in counted:
            roster.rows.append(RosterRow(name, SUBMITTED, counted[key].path))
        elif key in rejected:
            sheet = rejected[key]
            reason = "；".join(str(m) for _, m in sheet.rejected[:2])  # type: ignore[attr-defined]
            roster.rows.append(RosterRow(name, REJECTED, sheet.path, reason))  # type: ignore[attr-defined]
        else:
            roster.rows.append(RosterRow(name, MISSING))
    expected = {unit_key(n) for n in roster.names}
    roster.outside = [row.sheet.unit for row in report.rows if unit_key(row.sheet.unit) not in expected]
    return roster


def presence(report, name: str) -> str:
    """已提交 / 被拒收 / 未提交 for one unit in one year's report."""
    from zwgk_tui.report.aggregate import unit_key

    key = unit_key(name)
    if any(unit_key(row.sheet.unit) == key for row in report.rows):
        return SUBMITTED
    for sheet in report.rejected:
        if (unit_key(sheet.unit) if sheet.unit else _from_name(sheet.path)) in (key, unit_key(safe_name(name))):
            return REJECTED
    return MISSING


def _from_name(path: str) -> str:
    """A rejected file that says no unit: its name, as export names files (``县民政局-2.toml``)."""
    from zwgk_tui.report.aggregate import unit_key

    stem = re.sub(r"-\d+$", "", Path(path).stem)
    return unit_key(stem)
