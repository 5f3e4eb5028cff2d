"""Real score files for the report tests: made through Assessment (as the TUI and the plain
mode make them) and exported with the model behind ``zwgk export``; reviews recorded the
way the supervisor's review screen records them (Assessment.review)."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.export import export
from zwgk_tui.model.saver import SyncSaver
from zwgk_tui.model.session import Assessment

# The mini checklist (tests/data/mini.toml), written out independently of the model:
# id -> (points, share of points for 基本达标); 2.1.3 is 单项否决; 2.u1 is a 加分项 (cap 3).
MINI_POINTS = {"1.1": (10, 0.5), "1.2": (20, 0.5), "2.1.1": (30, 0.6), "2.1.3": (40, 0.5)}
MINI_SECTIONS = {"1": ("1.1", "1.2"), "2": ("2.1.1", "2.1.3")}
MINI_BONUS = ("2.u1", 5, 0.5, 3)   # id, points, partial share, cap
MINI_VETO = "2.1.3"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def checklist_file(tmp_path, mini_path) -> Path:
    target = tmp_path / "checklists" / "mini.toml"
    target.parent.mkdir()
    target.write_bytes(mini_path.read_bytes())
    return target


@pytest.fixture
def checklist(checklist_file):
    return load_checklist(checklist_file)


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def make_unit(tmp_path, checklist, inbox):
    """make_unit(unit, {item: status or (status, score)}, notes=…, submit=True) -> the file
    the supervisor received."""
    drafts = tmp_path / "drafts"
    drafts.mkdir(exist_ok=True)
    count = [0]

    def make(unit: str, answers: dict, *, notes: dict | None = None, submit: bool = True,
             folder: Path | None = None, assessor: str = "评估人") -> Path:
        count[0] += 1
        draft = drafts / f"draft{count[0]}.toml"
        session = Assessment.open(checklist, draft, unit=unit, assessor=assessor, saver=SyncSaver())
        for item_id, answer in answers.items():
            status, value = answer if isinstance(answer, tuple) else (answer, None)
            session.set_status(item_id, status)
            if value is not None:
                session.set_score(item_id, value)
            session.add_evidence(item_id, f"https://example.gov.cn/{count[0]}/{item_id}")
        for item_id, note in (notes or {}).items():
            session.set_note(item_id, note)
        session.close()
        target = folder or inbox
        if not submit:
            received = target / f"draft-{count[0]}.toml"
            received.write_bytes(draft.read_bytes())
            return received
        return export(draft, target / f"unit{count[0]:03d}.toml", checklist, allow_incomplete=True).path

    return make


@pytest.fixture
def review(checklist):
    """review(received_file, item, decision, status=…, score_value=…, reason=…)"""
    def do(path: Path, item_id: str, decision: str, **kwargs) -> None:
        session = Assessment.open(checklist, path, saver=SyncSaver())
        kwargs.setdefault("reviewer", "上级复核人")
        session.review(item_id, decision, **kwargs)
        session.close()
        (path.parent / (path.name + ".lock")).unlink(missing_ok=True)

    return do


@pytest.fixture
def zwgk(monkeypatch):
    """Run the real command in this process (its main(): exit statuses included)."""
    from zwgk_tui.cli import main

    def run(*args: str) -> Run:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "argv", ["zwgk", *map(str, args)])
        code = 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        return Run(code, out.getvalue(), err.getvalue())

    return run


def expected_totals(answers: dict) -> dict:
    """The mini checklist's figures, computed here from the rules as written in the README,
    not by the model: {total, maximum, percent, grade, sections: {id: (earned, maximum)}}."""
    earned = maximum = 0.0
    sections = {}
    for section, ids in MINI_SECTIONS.items():
        s_earned = s_max = 0.0
        for item_id in ids:
            points, share = MINI_POINTS[item_id]
            status, value = _split(answers.get(item_id))
            if status == "na":
                continue
            s_max += points
            if value is not None:
                s_earned += min(value, points)
            elif status == "met":
                s_earned += points
            elif status == "partial":
                s_earned += points * share
        sections[section] = (s_earned, s_max)
        earned += s_earned
        maximum += s_max
    bonus_id, bonus_points, bonus_share, cap = MINI_BONUS
    status, value = _split(answers.get(bonus_id))
    bonus = 0.0
    if value is not None and status not in (None, "na"):
        bonus = min(value, bonus_points)
    elif status == "met":
        bonus = bonus_points
    elif status == "partial":
        bonus = bonus_points * bonus_share
    bonus = min(bonus, cap)
    total = earned + bonus
    percent = 100 * total / maximum if maximum else None
    if _split(answers.get(MINI_VETO))[0] == "unmet":
        grade = "不合格"
    elif percent is None:
        grade = "—"
    else:
        grade = next(g for g, m in (("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)) if percent >= m)
    return {"total": total, "maximum": maximum, "percent": percent, "grade": grade,
            "sections": sections}


def _split(answer):
    if answer is None:
        return None, None
    return answer if isinstance(answer, tuple) else (answer, None)


@pytest.fixture
def expect():
    """The independent computation above, for the tests."""
    return expected_totals
