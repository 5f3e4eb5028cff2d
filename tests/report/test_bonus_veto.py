"""Bonus and veto figures over generated files, against a computation written here from the
README's rules (reading the checklist and score files with tomllib, never the model's
``score``): the bonus capped for the unit and, in proportion, for each section; rows of
分项得分 that add up; a 加分项 never unmet; a 单项否决 item that is unmet failing the unit
whatever its points, and the ranking that follows."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import tomllib

import pytest
from openpyxl import load_workbook

from zwgk_tui.model.assessment.synthetic import checklist_text, unit_names, write_score_files

CAP, BONUS_POINTS = 6.0, 5.0
BONUS_LEAVES, VETO_LEAVES = frozenset({3, 8, 14, 19}), frozenset({6, 13})
GRADES = (("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0))


def leaves_of(checklist: dict) -> list[tuple[str, dict]]:
    """(section id, leaf) in document order."""
    out = []

    def walk(section_id, node):
        if node.get("items"):
            for child in node["items"]:
                walk(section_id, child)
        else:
            out.append((section_id, node))

    for section in checklist["sections"]:
        for item in section["items"]:
            walk(section["id"], item)
    return out


def expected(checklist: dict, scores: dict) -> dict:
    """One unit's figures from the rules as the README states them."""
    partial = checklist.get("scoring", {}).get("partial", 0.5)
    sections: dict[str, list[float]] = {s["id"]: [0.0, 0.0, 0.0] for s in checklist["sections"]}
    vetoed, unmet = [], []
    for section_id, leaf in leaves_of(checklist):
        answer = scores["items"].get(leaf["id"], {})
        status = answer.get("status")
        points = leaf.get("points", 0.0)
        value = {"met": points, "partial": points * leaf.get("partial", partial), "unmet": 0.0}.get(status)
        if "score" in answer and status not in (None, "na"):
            value = min(max(answer["score"], 0.0), points)
        if status == "unmet" and leaf.get("veto"):
            vetoed.append(leaf["id"])
        if leaf.get("bonus"):
            sections[section_id][2] += value or 0.0
            continue
        if status == "unmet":
            unmet.append(leaf["id"])
        if status != "na":
            sections[section_id][1] += points
        sections[section_id][0] += value or 0.0
    earned = sum(s[0] for s in sections.values())
    maximum = sum(s[1] for s in sections.values())
    uncapped = sum(s[2] for s in sections.values())
    bonus = min(uncapped, CAP)
    for figures in sections.values():           # each section's share of the capped bonus
        figures[2] = figures[2] * bonus / uncapped if uncapped else 0.0
    total = earned + bonus
    percent = 100 * total / maximum
    grade = "不合格" if vetoed else next(name for name, low in GRADES if percent >= low)
    return {"total": total, "bonus": bonus, "uncapped": uncapped, "maximum": maximum,
            "percent": percent, "grade": grade, "vetoed": vetoed, "unmet": unmet,
            "sections": [sections[s["id"]] for s in checklist["sections"]]}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    base = tmp_path_factory.mktemp("bonus")
    path = base / "checklist.toml"
    path.write_text(checklist_text(20, sections=4, bonus=BONUS_LEAVES, veto=VETO_LEAVES, bonus_cap=CAP,
                                   bonus_points=BONUS_POINTS), "utf-8")
    files = write_score_files(path, base / "inbox", 40, units=unit_names(40), submitted=True,
                              weights=(5, 2, 2, 1), seed=15)
    env = {**os.environ, "ZWGK_DATA_DIR": str(base / "data")}
    run = subprocess.run([sys.executable, "-m", "zwgk_tui", "report", "inbox", "--checklist", str(path),
                          "-o", "r.toml", "-o", "r.xlsx", "--plain"],
                         cwd=base, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    checklist = tomllib.loads(path.read_text("utf-8"))
    units = {}
    for file in files:
        doc = tomllib.loads(file.read_text("utf-8"))
        units[doc["unit"]] = expected(checklist, doc)
    report = tomllib.loads((base / "r.toml").read_text("utf-8"))
    return {"checklist": checklist, "units": units, "report": report,
            "book": load_workbook(base / "r.xlsx")}


def test_the_scenario_covers_the_edges(generated):
    units = generated["units"].values()
    assert sum(u["uncapped"] > CAP for u in units) >= 5          # the cap cuts
    assert sum(0 < u["uncapped"] <= CAP for u in units) >= 5     # and does not
    assert sum(bool(u["vetoed"]) for u in units) >= 5
    assert any(u["vetoed"] and u["percent"] >= 60 for u in units)  # vetoed despite its points


def test_every_unit_figure_with_bonus_and_veto(generated):
    report = {u["unit"]: u for u in generated["report"]["units"]}
    assert set(report) == set(generated["units"])
    for name, want in generated["units"].items():
        got = report[name]
        assert got["total"] == pytest.approx(want["total"]), name
        assert got["bonus"] == pytest.approx(want["bonus"]) and got["bonus"] <= CAP, name
        assert got["maximum"] == pytest.approx(want["maximum"]), name
        assert got["percent"] == pytest.approx(want["percent"]), name
        assert got["grade"] == want["grade"], name
        assert got.get("vetoed_by", []) == want["vetoed"], name
        for section, (earned, maximum, bonus) in zip(got["sections"], want["sections"], strict=True):
            assert section["earned"] == pytest.approx(earned), name
            assert section["maximum"] == pytest.approx(maximum), name
            assert section["bonus"] == pytest.approx(bonus) and section["bonus"] <= CAP, name
        assert sum(s["bonus"] for s in got["sections"]) == pytest.approx(got["bonus"]), name


def test_ranking_puts_vetoed_units_among_the_failed(generated):
    bands = [name for name, _ in GRADES]
    want = sorted(generated["units"].items(),
                  key=lambda kv: (bands.index(kv[1]["grade"]), -round(kv[1]["percent"], 2)))
    got = generated["report"]["units"]
    assert [u["rank"] for u in got] == sorted(u["rank"] for u in got)
    keys = [(bands.index(v["grade"]), -round(v["percent"], 2)) for _, v in want]
    assert [(bands.index(u["grade"]), -round(u["percent"], 2)) for u in got] == keys
    for earlier, later in itertools.pairwise(got):        # ties share a rank, the next one skips
        same = earlier["grade"] == later["grade"] and round(earlier["percent"], 2) == round(later["percent"], 2)
        assert (later["rank"] == earlier["rank"]) == same
    assert all(u["grade"] == "不合格" for u in got if u.get("vetoed_by"))


def test_section_averages_and_unmet_items_leave_bonus_items_out(generated):
    units = list(generated["units"].values())
    sections = generated["report"]["sections"]
    for index, section in enumerate(sections):
        mean = sum(u["sections"][index][2] for u in units) / len(units)
        assert section["mean_bonus"] == pytest.approx(mean) and section["mean_bonus"] <= CAP
    leaves = leaves_of(generated["checklist"])
    bonus_ids = {leaf["id"] for _, leaf in leaves if leaf.get("bonus")}
    assert len(bonus_ids) == len(BONUS_LEAVES)
    for item in generated["report"]["items"]:
        if item["id"] in bonus_ids:
            assert item["bonus"] is True and item["unmet_units"] == []
        else:
            assert len(item["unmet_units"]) == sum(item["id"] in u["unmet"] for u in units)
    book = generated["book"]
    listed = [row[0] for row in book["未达标条目"].iter_rows(min_row=4, values_only=True) if row[0]]
    listed = [i for i in listed if i in {leaf["id"] for _, leaf in leaves}]
    assert listed and not set(listed) & bonus_ids
    counts = [sum(i in u["unmet"] for u in units) for i in listed]
    assert counts == sorted(counts, reverse=True)                         # most often unmet first


def test_the_section_sheet_adds_up_and_averages_stay_under_the_cap(generated):
    book = generated["book"]
    sheet = book["分项得分"]
    header = [c.value for c in sheet[3]]
    assert header[-2:] == ["加分", "得分"]
    by_unit = generated["units"]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=4, max_row=43, values_only=True)]
    assert len(rows) == 40
    for row in rows:
        want = by_unit[row["单位"]]
        parts = [row[s["id"]] for s in generated["checklist"]["sections"]]
        assert parts == pytest.approx([s[0] for s in want["sections"]])
        assert row["加分"] == pytest.approx(want["bonus"])
        assert sum(parts) + row["加分"] == pytest.approx(row["得分"])
    means = [dict(zip([c.value for c in book["分项平均"][3]], r, strict=True))
             for r in book["分项平均"].iter_rows(min_row=4, max_row=7, values_only=True)]
    assert all(m["平均加分"] <= CAP for m in means)


def test_with_penalties_too_the_section_rows_add_up(tmp_path, counted_path, sheet_table):
    """扣分项 (outside the maximum, capped by penalty_cap) get their own column: each row of
    分项得分 is its sections plus 加分 minus 扣分."""
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.model.assessment.submit import export
    from zwgk_tui.model.checklist import load_checklist

    checklist = load_checklist(counted_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # unit: category, 2.1 bonus 每次加3 (cap 4), 2.2 penalty 每次扣3 (cap 5) → (bonus, penalty)
    units = {"乙区": ("A", 1, 2, (3.0, 5.0)), "丙局": ("B", 2, 1, (4.0, 3.0))}
    for unit, (category, praised, criticised, _) in units.items():
        path = tmp_path / f"{unit}.toml"
        session = Assessment.open(checklist, path, unit=unit, assessor="张三")
        session.set_category(category)
        for item_id, values in {"1.1": [0, 0], "1.2": [0], "1.3": [3], "2.1": [praised], "2.2": [criticised]}.items():
            session.set_counts(item_id, values)
        session.set_counts("1.4", None, [True, True])
        session.set_status("3.1" if category == "A" else "4.1", "met")
        session.close()
        export(path, inbox / f"{unit}.toml", checklist)
    env = {**os.environ, "ZWGK_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run([sys.executable, "-m", "zwgk_tui", "report", "inbox", "--checklist", str(counted_path),
                          "-o", "r.xlsx", "--plain"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    book = load_workbook(tmp_path / "r.xlsx")
    header, rows = sheet_table(book["分项得分"])
    assert header == ["排名", "单位", "1", "2", "3", "4", "加分", "扣分", "得分"]
    for row in rows:
        bonus, penalty = units[row["单位"]][3]
        assert (row["加分"], row["扣分"]) == (bonus, penalty)
        parts = sum(row[s] for s in "1234")
        assert parts + row["加分"] - row["扣分"] == pytest.approx(row["得分"]), row
        assert parts == pytest.approx(39.2)            # 1.4 gives 50% + 30% of 4, the rest in full
