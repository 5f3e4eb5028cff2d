"""Reviewed figures: where a file holds a current review, the report counts the reviewed
status and score, says so, and keeps the unit's own total beside it."""

from __future__ import annotations

import tomllib

import pytest

from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.session import Assessment

ALL_MET = {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "met", "2.u1": "met"}


def run_report(zwgk, inbox, tmp_path, *extra):
    out = tmp_path / "r.toml"
    run = zwgk("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "-o", out, "--plain", *extra)
    return run, {u["unit"]: u for u in tomllib.loads(out.read_text("utf-8"))["units"]}


def test_reviewed_status_and_score_replace_the_self_assessment(zwgk, inbox, tmp_path, make_unit, review, expect):
    path = make_unit("甲县", ALL_MET)
    make_unit("乙县", ALL_MET)
    review(path, "1.1", "accept")
    review(path, "1.2", "adjust", status="partial")
    review(path, "2.1.1", "adjust", status="partial", score_value=10.0)
    review(path, "2.1.3", "return", reason="佐证材料不全")               # no reviewed status: own stands
    review(path, "2.u1", "return", status="unmet", reason="无加分依据")   # reviewed status counts
    run, units = run_report(zwgk, inbox, tmp_path)
    assert run.code == 0, run.out + run.err
    reviewed = {"1.1": "met", "1.2": "partial", "2.1.1": ("partial", 10.0), "2.1.3": "met", "2.u1": "unmet"}
    got = units["甲县"]
    assert got["total"] == pytest.approx(expect(reviewed)["total"])         # 10 + 10 + 10 + 40 = 70
    assert got["percent"] == pytest.approx(expect(reviewed)["percent"])
    assert got["grade"] == expect(reviewed)["grade"] == "合格"
    assert got["self_total"] == pytest.approx(expect(ALL_MET)["total"])     # 103
    assert (got["reviewed"], got["adjusted"], got["returned"]) == (5, 3, 2)
    assert units["乙县"]["reviewed"] == 0 and "self_total" not in units["乙县"]
    assert units["甲县"]["rank"] == 2 and units["乙县"]["rank"] == 1
    assert any("退回 2 项" in w["message"] for w in got["warnings"])
    # the terminal says which figures are reviewed ones
    assert "已复核 5 项，调整 3 项" in run.out
    assert "按复核结果计分" in run.out


def test_a_review_the_unit_changed_afterwards_is_void(zwgk, inbox, tmp_path, make_unit, review, checklist, expect):
    path = make_unit("丙县", ALL_MET)
    review(path, "1.2", "adjust", status="unmet")
    session = Assessment.open(checklist, path, saver=SyncSaver())   # the unit answers again
    session.set_status("1.2", "partial")
    session.close()
    (path.parent / (path.name + ".lock")).unlink(missing_ok=True)
    run, units = run_report(zwgk, inbox, tmp_path)
    got = units["丙县"]
    own = dict(ALL_MET, **{"1.2": "partial"})
    assert got["total"] == pytest.approx(expect(own)["total"])
    assert got["reviewed"] == 0 and got["adjusted"] == 0
    messages = " ".join(w["message"] for w in got["warnings"])
    assert "待再次复核" in messages and "草稿" in messages   # changed after export: a draft again
    assert run.code == 0


def test_reviewed_figures_reach_the_spreadsheet(zwgk, inbox, tmp_path, make_unit, review, sheet_table):
    from openpyxl import load_workbook

    path = make_unit("丁县", ALL_MET)
    review(path, "1.2", "adjust", status="unmet")
    out = tmp_path / "r.xlsx"
    assert zwgk("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "-o", out, "--plain").code == 0
    _, (row,) = sheet_table(load_workbook(out)["排名"])
    assert row["得分"] == pytest.approx(83.0) and row["自评得分"] == pytest.approx(103.0)
    assert row["复核"] == "已复核 1 项，调整 1 项" and row["调整项"] == 1


def test_reviews_written_into_the_unit_file_are_claims_and_change_no_figure(zwgk, tmp_path, inbox, make_unit, expect):
    """A unit adds "adjust to met" reviews after export (the digest leaves reviews out): they
    are shown as someone else's claim, and the figures stay the unit's own."""
    from zwgk_tui.model.assessment.answers import Review
    from zwgk_tui.model.assessment.parse import read_scores
    from zwgk_tui.model.assessment.serialize import dumps

    answers = {"1.1": "unmet", "1.2": "unmet", "2.1.1": "met", "2.1.3": "met", "2.u1": "met"}
    path = make_unit("丁县", answers)
    scores = read_scores(path)
    for item_id in ("1.1", "1.2"):
        answer = scores.items[item_id]
        answer.review = Review("adjust", status="met", reviewer="上级", self_status=answer.status)
    path.write_text(dumps(scores), "utf-8")
    run, units = run_report(zwgk, inbox, tmp_path)
    assert run.code == 0
    got = units["丁县"]
    assert got["total"] == pytest.approx(expect(answers)["total"])
    assert got["reviewed"] == 0 and got["adjusted"] == 0
    assert any("不是本人所作，不计入" in w["message"] for w in got["warnings"])
