"""The report as TOML (``format = "zwgk-report"``, version 1) for other tools: English keys,
numbers unrounded, every file left out named with its problems. See README.md."""

from __future__ import annotations

from typing import Any

import rtoml

from zwgk_tui.report.aggregate import Report, UnitRow
from zwgk_tui.report.exporters.tables import text

FORMAT, VERSION = "zwgk-report", 1


def _unit(row: UnitRow) -> dict[str, Any]:
    s = row.sheet
    out: dict[str, Any] = {
        "rank": row.rank, "unit": text(s.unit), "assessor": text(s.assessor), "file": text(s.path),
        "total": s.total, "maximum": s.maximum, "bonus": s.bonus, "grade": text(s.grade),
        "answered": s.answered, "items": s.leaves, "submitted": s.submitted == "submitted",
        "reviewed": s.reviewed, "adjusted": s.adjusted, "returned": s.returned,
        "sections": [{"earned": e, "maximum": m, "bonus": b} for e, m, b in s.sections],
    }
    if s.percent is not None:
        out["percent"] = s.percent
    if s.vetoed:
        out["vetoed_by"] = [text(v) for v in s.vetoed]
    if s.adjusted and s.self_total is not None:
        out["self_total"] = s.self_total
    if s.warnings:
        out["warnings"] = [_finding(f) for f in s.warnings]
    return out


def _finding(finding: list) -> dict[str, Any]:
    line, message = finding
    return {"message": text(message)} | ({"line": line} if line else {})


def _document(report: Report) -> dict[str, Any]:
    cl = report.checklist
    doc: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "generated": report.generated,
        "checklist": {"id": text(cl.id), "title": text(cl.title), "sha256": cl.sha256},
        "files": {"total": report.files, "counted": len(report.rows), "rejected": len(report.rejected),
                  "ignored": report.ignored},
        "units": [_unit(row) for row in report.rows],
        "sections": [],
        "items": [],
        "rejected": [
            {"file": text(s.path), "unit": text(s.unit), "problems": [_finding(f) for f in s.rejected]}
            for s in report.rejected
        ],
    }
    for s in report.sections:
        section: dict[str, Any] = {"id": text(s.id), "title": text(s.title), "points": s.points}
        for key in ("mean_earned", "mean_percent", "low", "high", "mean_bonus"):
            if getattr(s, key) is not None:
                section[key] = getattr(s, key)
        doc["sections"].append(section)
    for item in report.items:
        c = item.counts
        counts: dict[str, Any] = {
            "id": text(item.id), "met": c["m"], "partial": c["p"], "unmet": c["u"], "na": c["n"],
            "unanswered": c["-"], "unmet_units": [text(u) for u in item.unmet_units],
        }
        if item.bonus:  # not earned is not unmet: unmet_units stays empty
            counts["bonus"] = True
        doc["items"].append(counts)
    if report.superseded:
        doc["superseded"] = [{"file": text(old.path), "unit": text(old.unit), "counted": text(new.path)}
                             for old, new in report.superseded]
    if report.roster is not None:
        doc["roster"] = [{"unit": text(r.unit), "state": r.state} | ({"file": text(r.file)} if r.file else {})
                         | ({"reason": text(r.reason)} if r.reason else {}) for r in report.roster.rows]
        doc["outside_roster"] = [text(u) for u in report.roster.outside]
    if report.comparison:
        doc["comparison"] = []
        for row in report.comparison:
            entry: dict[str, Any] = {"unit": text(row.unit)}
            for side, unit_row in (("now", row.now), ("before", row.before)):
                if unit_row is not None:
                    entry[side] = {"rank": unit_row.rank, "total": unit_row.sheet.total,
                                   "grade": text(unit_row.sheet.grade)}
                    if unit_row.sheet.percent is not None:
                        entry[side]["percent"] = unit_row.sheet.percent
            if row.change is not None:
                entry["change"] = row.change
            doc["comparison"].append(entry)
    return doc


def render(report: Report) -> bytes:
    head = "# zwgk 汇总报告（zwgk-report）。格式说明见 README.md。\n"
    return (head + rtoml.dumps(_document(report), pretty=True)).encode("utf-8")
