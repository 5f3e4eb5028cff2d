"""The user's assessments in progress (``zwgk scores list`` and the start screen)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.parse import read_scores
from zwgk_tui.model.checklist import catalog
from zwgk_tui.model.paths import scores_dir
from zwgk_tui.model.scoring import score


@dataclass(frozen=True, slots=True)
class Row:
    path: Path
    unit: str
    assessor: str
    checklist_id: str
    checklist_path: str
    answered: int | None
    leaves: int | None
    updated: dt.datetime | None
    submitted: bool
    returned: int
    error: str = ""

    @property
    def progress_text(self) -> str:
        if self.error:
            return "无法读取"
        if self.leaves is None:
            return f"{self.answered} 项 / ?"
        return f"{self.answered}/{self.leaves}"

    @property
    def updated_text(self) -> str:
        return self.updated.strftime("%Y-%m-%d %H:%M") if self.updated else "—"


def assessments(extra_dirs: Iterable[str | Path] = (), folder: Path | None = None) -> list[Row]:
    """Score files in the data folder, newest first; unreadable ones listed with the reason."""
    folder = folder or scores_dir()
    if not folder.is_dir():
        return []
    extra = list(extra_dirs)
    rows: list[Row] = []
    cache: dict[tuple[str, str], object] = {}
    for path in folder.glob("*.toml"):
        if path.name.startswith("."):
            continue
        try:
            scores = read_scores(path)
        except ZwgkError as exc:
            rows.append(Row(path, "", "", "", "", None, None, None, False, 0, error=exc.message))
            continue
        key = (scores.checklist_id, scores.checklist_sha256)
        if key not in cache:
            cache[key] = catalog.for_scores(*key, scores.checklist_path, extra)
        checklist = cache[key]
        answered = sum(1 for a in scores.items.values() if a.status is not None)
        leaves = None
        if checklist is not None:
            totals = score(checklist, scores.items, scores.category)  # type: ignore[arg-type]
            answered, leaves = totals.answered, totals.leaves
        rows.append(Row(
            path=path, unit=scores.unit, assessor=scores.assessor,
            checklist_id=scores.checklist_id, checklist_path=scores.checklist_path,
            answered=answered, leaves=leaves, updated=scores.updated,
            submitted=scores.submitted is not None,
            returned=sum(1 for a in scores.items.values() if a.returned),
        ))
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    rows.sort(key=lambda r: r.updated or epoch, reverse=True)
    return rows
