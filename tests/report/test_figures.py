"""Every figure of a report over real exported files, against the computation in conftest
(written from the rules, not by calling the model's score())."""

from __future__ import annotations

import tomllib

import pytest

UNITS = {
    # unit: answers (status, or (status, explicit score))
    "甲县政务公开办": {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "met", "2.u1": "met"},
    "乙县政务公开办": {"1.1": "met", "1.2": "partial", "2.1.1": "partial", "2.1.3": "met", "2.u1": "partial"},
    "丙县政务公开办": {"1.1": "na", "1.2": "met", "2.1.1": ("partial", 25.0), "2.1.3": "met"},
    "丁县政务公开办": {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "unmet"},  # veto
    "戊县政务公开办": {"1.1": "unmet", "1.2": "partial", "2.1.1": "met"},              # incomplete
    "己县政务公开办": {"1.1": "met", "1.2": "partial", "2.1.1": "partial", "2.1.3": "met", "2.u1": "partial"},  # = 乙
}


@pytest.fixture
def received(make_unit):
    return {unit: make_unit(unit, answers) for unit, answers in UNITS.items()}


def report_doc(zwgk, inbox, tmp_path, *extra):
    out = tmp_path / "report.toml"
    run = zwgk("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "-o", out, "--plain", *extra)
    return run, tomllib.loads(out.read_text("utf-8"))


def test_every_unit_figure_matches_an_independent_computation(zwgk, inbox, tmp_path, received, expect):
    run, doc = report_doc(zwgk, inbox, tmp_path)
    assert run.code == 0, run.err
    units = {u["unit"]: u for u in doc["units"]}
    assert set(units) == set(UNITS)
    for unit, answers in UNITS.items():
        want = expect(answers)
        got = units[unit]
        assert got["total"] == pytest.approx(want["total"]), unit
        assert got["maximum"] == pytest.approx(want["maximum"]), unit
        assert got["percent"] == pytest.approx(want["percent"]), unit
        assert got["grade"] == want["grade"], unit
        for index, section in enumerate(("1", "2")):
            assert got["sections"][index]["earned"] == pytest.approx(want["sections"][section][0])
            assert got["sections"][index]["maximum"] == pytest.approx(want["sections"][section][1])
    assert units["丁县政务公开办"]["vetoed_by"] == ["2.1.3"]
    assert units["戊县政务公开办"]["answered"] == 3 and units["戊县政务公开办"]["items"] == 5


def test_ranking_is_by_grade_then_percentage_and_ties_share_a_rank(zwgk, inbox, tmp_path, received, expect):
    _, doc = report_doc(zwgk, inbox, tmp_path)
    figures = {unit: expect(answers) for unit, answers in UNITS.items()}
    bands = ["优秀", "良好", "合格", "不合格"]
    order = sorted(figures, key=lambda u: (bands.index(figures[u]["grade"]), -round(figures[u]["percent"], 2)))
    want_rank, previous = {}, None
    for position, unit in enumerate(order, 1):
        key = (figures[unit]["grade"], round(figures[unit]["percent"], 2))
        want_rank[unit] = want_rank[previous] if previous and key == (
            figures[previous]["grade"], round(figures[previous]["percent"], 2)) else position
        previous = unit
    got = {u["unit"]: u["rank"] for u in doc["units"]}
    assert got == want_rank
    assert got["乙县政务公开办"] == got["己县政务公开办"]          # a tie shares the rank …
    ranks = sorted(got.values())
    assert ranks[ranks.index(got["乙县政务公开办"]) + 2] == got["乙县政务公开办"] + 2  # … and the next skips
    # 丁 has 100 points of 100 but fails on its 单项否决 item: it ranks below every pass grade
    assert got["丁县政务公开办"] > max(r for u, r in got.items() if figures[u]["grade"] != "不合格")


def test_section_averages_and_unmet_items(zwgk, inbox, tmp_path, received, expect):
    _, doc = report_doc(zwgk, inbox, tmp_path)
    for index, section in enumerate(("1", "2")):
        pairs = [expect(a)["sections"][section] for a in UNITS.values()]
        percents = [100 * e / m for e, m in pairs if m]
        got = doc["sections"][index]
        assert got["mean_percent"] == pytest.approx(sum(percents) / len(percents))
        assert got["low"] == pytest.approx(min(percents)) and got["high"] == pytest.approx(max(percents))
    assert [s["points"] for s in doc["sections"]] == [30, 70]   # bonus points are outside
    items = {i["id"]: i for i in doc["items"]}
    assert items["2.1.3"]["unmet"] == 1 and items["2.1.3"]["unmet_units"] == ["丁县政务公开办"]
    assert items["1.1"]["unmet_units"] == ["戊县政务公开办"]
    assert items["2.1.3"]["unanswered"] == 1 and items["2.u1"]["unanswered"] == 3
    for item_id in ("1.1", "1.2", "2.1.1", "2.1.3", "2.u1"):
        statuses = [_status(UNITS[u].get(item_id)) for u in UNITS]
        assert items[item_id]["met"] == statuses.count("met")
        assert items[item_id]["partial"] == statuses.count("partial")
        assert items[item_id]["na"] == statuses.count("na")


def _status(answer):
    return answer[0] if isinstance(answer, tuple) else answer


def test_the_terminal_report_names_incomplete_units_and_unmet_items(zwgk, inbox, tmp_path, received):
    run = zwgk("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "--plain")
    assert run.code == 0
    lines = run.out.splitlines()
    assert "排名" in lines and "未达标最多的条目" in lines and "尚未评完的单位" in lines
    start = lines.index("尚未评完的单位")
    assert lines[start + 1:lines.index("", start)] == [       # one labelled line per unit
        "  丙县政务公开办：未评 1，未评条目 2.u1",
        "  丁县政务公开办：未评 1，未评条目 2.u1",
        "  戊县政务公开办：未评 2，未评条目 2.1.3、2.u1",
    ]
    unmet = run.out.split("未达标最多的条目")[1]
    assert "2.1.3" in unmet and "丁县政务公开办" in unmet
    first = next(line for line in lines if line.strip().startswith("第 1 名"))
    assert first == "  第 1 名 甲县政务公开办：得分 103.00，满分 100.00，得分率 103.00%，等级 优秀"
