"""Aggregation over many units' Sheets: ranking, section averages, unmet items, two years.

Every per-unit figure was computed by ``model.scoring.score`` when the file was examined
(``model.intake``); this module only orders, counts and averages them. Rules (also in
README.md):
- ranking is by grade band, then percentage (so a unit failed by a 单项否决 item ranks
  among the fail grade whatever its points), units with no maximum last; units equal to two
  decimals share a rank (1, 2, 2, 4);
- several files for the same unit (name compared without spaces and width differences):
  the newest sound submission counts, by its own export record (``submitted.at``); older
  submissions are listed as replaced by it (not rejected); a draft counts only when the unit
  has no sound submission; a byte-identical copy is named as a duplicate;
- section averages are over the units counted; a section's percentage is earned / maximum
  of that unit (不适用 items leave the maximum); a section's bonus is after the cap;
- a 加分项 not earned is never counted as unmet.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from zwgk_tui.model.checklist import Checklist
from zwgk_tui.model.scoring import NO_GRADE
from zwgk_tui.report.intake import Sheet
from zwgk_tui.report.roster import Roster

TIE_DECIMALS = 2


@dataclass(slots=True)
class UnitRow:
    sheet: Sheet
    rank: int
    replaced: int = 0             # older files of this unit that this one replaced


@dataclass(slots=True)
class SectionRow:
    id: str
    title: str
    points: float                 # the section's full points in the checklist (no bonus)
    mean_earned: float | None
    mean_percent: float | None
    low: float | None
    high: float | None
    mean_bonus: float | None


@dataclass(slots=True)
class ItemRow:
    id: str
    title: str
    points: float | None
    counts: Counter                       # status code -> units
    unmet_units: list[str] = field(default_factory=list)   # never for a 加分项
    bonus: bool = False


@dataclass(slots=True)
class RuleRow:
    """One counted deduction rule across the units: how often and how much it took."""

    id: str
    title: str
    number: int                           # the rule's number within its item (1-based)
    text: str
    instances: int = 0
    points: float = 0.0
    units: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CompareRow:
    unit: str
    now: UnitRow | None
    before: UnitRow | None

    @property
    def change(self) -> float | None:
        """Percentage points gained since the previous year."""
        if self.now is None or self.before is None:
            return None
        a, b = self.now.sheet.percent, self.before.sheet.percent
        return None if a is None or b is None else a - b

    @property
    def rank_change(self) -> int | None:
        if self.now is None or self.before is None:
            return None
        return self.before.rank - self.now.rank


@dataclass(slots=True)
class Report:
    checklist: Checklist
    generated: dt.datetime
    rows: list[UnitRow]
    rejected: list[Sheet]
    sections: list[SectionRow]
    items: list[ItemRow]
    ignored: int = 0
    previous: Report | None = None
    comparison: list[CompareRow] = field(default_factory=list)
    deductions: list[RuleRow] = field(default_factory=list)   # most points deducted first
    superseded: list[tuple[Sheet, Sheet]] = field(default_factory=list)   # (older file, the one counted)
    roster: Roster | None = None

    @property
    def files(self) -> int:
        return len(self.rows) + len(self.rejected)

    @property
    def warned(self) -> list[UnitRow]:
        return [row for row in self.rows if row.sheet.warnings]

    @property
    def incomplete(self) -> list[UnitRow]:
        return [row for row in self.rows if row.sheet.unanswered]

    @property
    def unmet_items(self) -> list[ItemRow]:
        """Items at least one unit did not meet, most often unmet first; a 加分项 not earned
        is not unmet."""
        order = {item.id: n for n, item in enumerate(self.items)}
        found = [item for item in self.items if item.counts["u"] and not item.bonus]
        return sorted(found, key=lambda item: (-item.counts["u"], order[item.id]))

    def missing_ids(self, sheet: Sheet) -> list[str]:
        return [self.items[i].id for i, code in enumerate(sheet.statuses) if code == "-"]

    @property
    def grade_counts(self) -> list[tuple[str, int]]:
        counts = Counter(row.sheet.grade for row in self.rows)
        names = [name for name, _ in self.checklist.rules.grades]
        extra = [g for g in counts if g not in names]
        return [(g, counts[g]) for g in names + sorted(extra) if counts[g]]

    @property
    def mean_percent(self) -> float | None:
        values = [row.sheet.percent for row in self.rows if row.sheet.percent is not None]
        return sum(values) / len(values) if values else None

    @property
    def reviewed_units(self) -> int:
        return sum(1 for row in self.rows if row.sheet.reviewed)


@lru_cache(maxsize=65536)
def unit_key(name: str) -> str:
    """Two spellings of one unit name are the same unit (full/half width, spaces, case)."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def build(checklist: Checklist, sheets: list[Sheet], *, ignored: int = 0,
          generated: dt.datetime | None = None) -> Report:
    counted = [s for s in sheets if s.ok]
    rejected = [s for s in sheets if not s.ok]
    counted, doubles, superseded = _one_per_unit(counted)
    rejected.extend(doubles)
    rows = rank(checklist, counted)
    replaced = Counter(id(winner) for _, winner in superseded)
    for row in rows:
        row.replaced = replaced[id(row.sheet)]
    return Report(
        checklist=checklist,
        generated=generated or dt.datetime.now().astimezone().replace(microsecond=0),
        rows=rows, rejected=rejected,
        sections=_sections(checklist, counted),
        items=_items(checklist, [row.sheet for row in rows]),
        ignored=ignored, superseded=superseded,
        deductions=_deductions(checklist, [row.sheet for row in rows]),
    )


def compare(current: Report, previous: Report) -> Report:
    """Put last year's report beside this one, units matched by name."""
    before = {unit_key(row.sheet.unit): row for row in previous.rows}
    out: list[CompareRow] = []
    for row in current.rows:
        out.append(CompareRow(row.sheet.unit, row, before.pop(unit_key(row.sheet.unit), None)))
    for row in previous.rows:
        if unit_key(row.sheet.unit) in before:
            out.append(CompareRow(row.sheet.unit, None, row))
    current.previous = previous
    current.comparison = out
    return current


def _one_per_unit(sheets: list[Sheet]) -> tuple[list[Sheet], list[Sheet], list[tuple[Sheet, Sheet]]]:
    """Per unit: the newest sound submission (its own export record), else the draft the
    unit changed last. Older submissions are superseded, not rejected."""
    groups: dict[str, list[Sheet]] = {}
    for sheet in sheets:
        groups.setdefault(unit_key(sheet.unit), []).append(sheet)
    kept: list[Sheet] = []
    doubles: list[Sheet] = []
    superseded: list[tuple[Sheet, Sheet]] = []
    for group in groups.values():
        group.sort(key=lambda s: s.path)  # of two identical files the first named is kept
        group.sort(key=lambda s: (s.submitted == "submitted", s.submitted_at, s.updated), reverse=True)
        winner = group[0]
        kept.append(winner)
        sound = winner.submitted == "submitted"
        for other in group[1:]:
            if other.sha256 == winner.sha256:
                other.reject(f"与 {winner.path} 内容相同（重复文件），只计一次")
                doubles.append(other)
            elif sound:
                superseded.append((other, winner))
            else:
                other.reject(f"与 {winner.path} 是同一单位「{winner.unit}」的草稿；"
                             "计入最后修改的那份（updated 较新），这份未计入")
                doubles.append(other)
    return kept, doubles, superseded


def rank(checklist: Checklist, sheets: list[Sheet]) -> list[UnitRow]:
    names = [name for name, _ in checklist.rules.grades]

    def key(sheet: Sheet) -> tuple[int, float]:
        if sheet.grade == NO_GRADE or sheet.percent is None:
            return (len(names) + 1, 0.0)
        band = names.index(sheet.grade) if sheet.grade in names else len(names)
        return (band, -round(sheet.percent, TIE_DECIMALS))

    ordered = sorted(((key(s), unit_key(s.unit), s.path, s) for s in sheets), key=lambda t: t[:3])
    rows: list[UnitRow] = []
    previous = None
    for position, (band, _, _, sheet) in enumerate(ordered, 1):
        rows.append(UnitRow(sheet, rows[-1].rank if band == previous else position))
        previous = band
    return rows


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _sections(checklist: Checklist, sheets: list[Sheet]) -> list[SectionRow]:
    out = []
    for index, section in enumerate(checklist.sections):
        figures = [s.sections[index] for s in sheets]
        percents = [100.0 * e / m for e, m, _ in figures if m > 0]
        has_bonus = any(leaf.bonus for leaf in section.leaves())
        out.append(SectionRow(
            id=section.id, title=section.title,
            points=sum(leaf.points or 0.0 for leaf in section.leaves() if not leaf.bonus),
            mean_earned=_mean([e for e, m, _ in figures if m > 0]),
            mean_percent=_mean(percents),
            low=min(percents) if percents else None,
            high=max(percents) if percents else None,
            mean_bonus=_mean([b for _, _, b in figures]) if has_bonus else None,
        ))
    return out


def _items(checklist: Checklist, sheets: list[Sheet]) -> list[ItemRow]:
    leaves = checklist.leaves
    rows = [ItemRow(leaf.id, leaf.title, leaf.points, Counter(), bonus=leaf.bonus) for leaf in leaves]
    if not sheets:
        return rows
    for row, column in zip(rows, zip(*(s.statuses for s in sheets), strict=True), strict=True):
        row.counts.update(column)
    for sheet in sheets:
        at = sheet.statuses.find("u")
        while at != -1:
            if not rows[at].bonus:
                rows[at].unmet_units.append(sheet.unit)
            at = sheet.statuses.find("u", at + 1)
    return rows


def _deductions(checklist: Checklist, sheets: list[Sheet]) -> list[RuleRow]:
    """扣分最多的规则: every counted deduction, summed per rule, most points first."""
    rows: dict[tuple[int, int], RuleRow] = {}
    leaves = checklist.leaves
    for sheet in sheets:
        for leaf_index, rule_index, count, points in sheet.deductions:
            if not 0 <= leaf_index < len(leaves) or not 0 <= rule_index < len(leaves[leaf_index].rules):
                continue
            leaf = leaves[leaf_index]
            row = rows.get((leaf_index, rule_index))
            if row is None:
                row = rows[(leaf_index, rule_index)] = RuleRow(
                    leaf.id, leaf.title, rule_index + 1, leaf.rules[rule_index].text)
            row.instances += count
            row.points += points
            row.units.append(sheet.unit)
    return sorted(rows.values(), key=lambda r: (-r.points, -len(r.units), checklist.leaf_index(r.id), r.number))
