"""--previous: last year's files beside this year's, units matched by name."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.assessment.submit import export
from zwgk_tui.model.checklist import load_checklist


@pytest.fixture
def last_year(tmp_path, mini_path) -> Path:
    """Last year's checklist: another id and year, item 1.2 worth 40 instead of 20."""
    text = mini_path.read_text("utf-8")
    text = text.replace('id = "mini-2026"', 'id = "mini-2025"').replace("year = 2026", "year = 2025")
    text = text.replace("2026年示例", "2025年示例").replace("points = 20", "points = 40")
    path = tmp_path / "checklists" / "mini-2025.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def submitted(checklist_path: Path, folder: Path, unit: str, answers: dict) -> Path:
    checklist = load_checklist(checklist_path)
    folder.mkdir(exist_ok=True)
    draft = folder.parent / f"draft-{folder.name}-{len(list(folder.iterdir()))}.toml"
    session = Assessment.open(checklist, draft, unit=unit, assessor="某人", saver=SyncSaver())
    for item_id, status in answers.items():
        session.set_status(item_id, status)
    session.close()
    return export(draft, folder / f"{len(list(folder.iterdir()))}.toml", checklist, allow_incomplete=True).path


def test_two_years_side_by_side(zwgk, tmp_path, checklist_file, last_year):
    now, before = tmp_path / "2026", tmp_path / "2025"
    every = ("1.1", "1.2", "2.1.1", "2.1.3")
    submitted(checklist_file, now, "甲县", dict.fromkeys(every, "met"))
    submitted(checklist_file, now, "乙县", {"1.1": "met", "1.2": "unmet", "2.1.1": "met", "2.1.3": "met"})
    submitted(checklist_file, now, "新设区", dict.fromkeys(every, "met"))
    submitted(last_year, before, "甲县", {"1.1": "met", "1.2": "unmet", "2.1.1": "met", "2.1.3": "met"})
    submitted(last_year, before, "乙 县", dict.fromkeys(every, "met"))       # spacing differs
    submitted(last_year, before, "撤并镇", dict.fromkeys(every, "met"))
    (before / "broken.toml").write_text("坏文件")
    out = tmp_path / "r.toml"
    run = zwgk("report", now, "--checklist", checklist_file, "--previous", before,
               "--previous-checklist", last_year, "-o", out, "--plain")
    assert run.code == 1                     # last year's broken file is named and counts
    assert "上年未计入的文件" in run.out and "broken.toml" in run.out
    doc = tomllib.loads(out.read_text("utf-8"))
    rows = {r["unit"]: r for r in doc["comparison"]}
    # 甲: 100/100 now; last year 60 of 120 (1.2 worth 40 and unmet) = 50 %
    assert rows["甲县"]["now"]["percent"] == pytest.approx(100)
    assert rows["甲县"]["before"]["percent"] == pytest.approx(100 * 80 / 120)
    assert rows["甲县"]["change"] == pytest.approx(100 - 100 * 80 / 120)
    assert rows["乙县"]["before"]["percent"] == pytest.approx(100)
    assert rows["乙县"]["change"] == pytest.approx(80 - 100)
    assert "before" not in rows["新设区"] and "now" not in rows["撤并镇"]
    lines = run.out.split("与上年对比")[1].split("\n\n")[0]
    assert "新设区" in lines and "上年得分率 未提交" in lines and "撤并镇" in lines and "本年得分率 未提交" in lines
    assert "-20.00" in lines and "+33.33" in lines
