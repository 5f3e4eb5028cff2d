"""zwgk checklist diff: renumbered items show as moved, reworded ones with both texts,
changed points and units, additions and removals; plain text, exit 0."""

from __future__ import annotations

import re

import pytest

from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.checklist.diff import diff


@pytest.mark.parametrize("name", ["2019-guowuyuan", "2018-xiaozhoushan", "2021-liaocheng"])
def test_a_next_year_checklist_against_this_years(bundled_checklist, next_year, name):
    old = load_checklist(bundled_checklist(name))
    plan = next_year(old.path)
    result = diff(old, load_checklist(plan.path))
    leaf_moves = {p.old.id: p for p in result.moved if p.old.is_leaf}
    # renumbered items are moved, not removed and added; where only the year changed, it says so
    for old_id, new_id in plan.moved.items():
        assert leaf_moves[old_id].new.id == new_id, old_id
        years = bool(re.search(r"(?:19|20)\d\d年", old.by_id[old_id].text))
        assert leaf_moves[old_id].years_only == years
    assert plan.reworded[0] in {p.new.id for p in result.reworded}
    assert [n.id for n in result.added if n.is_leaf] == [plan.inserted]
    assert [n.id for n in result.removed] == [plan.removed]
    changed = {p.new.id: p.fields for p in result.changed}
    label, before, after = changed[plan.points][0]
    assert label == "分值" and float(after) == float(before) + 1
    header = dict((label, (a, b)) for label, a, b in result.header)
    assert header["年份"] == (str(old.year), str(old.year + 1))


def test_the_command_prints_plain_text(zwgk, bundled_checklist, next_year):
    old = bundled_checklist("2019-guowuyuan")
    plan = next_year(old)
    run = zwgk("checklist", "diff", old, plan.path)
    assert run.code == 0, run.err
    assert not re.search(r"[\x1b\x07\u2500-\u257f]", run.out)
    lines = run.out.splitlines()
    assert lines[0] == "比较清单"
    moved = lines[lines.index("编号变动（按文字对应）") + 1:]
    assert any(re.match(rf"  {re.escape(a)} → {re.escape(b)}  ", line) for a, b in plan.moved.items() for line in moved)
    assert "文字改动" in lines and "新增" in lines and "删除" in lines
    assert f"  {plan.removed}  " in run.out
    assert re.search(rf"  {re.escape(plan.points)}  分值：\d+ → \d+", run.out)
    reworded = run.out.split("\n文字改动\n")[1]
    assert "    原：" in reworded and "    新：" in reworded and "：切实" in reworded


def test_identical_and_unrelated_checklists(zwgk, bundled_checklist):
    same = zwgk("checklist", "diff", bundled_checklist("2019-guowuyuan"), bundled_checklist("2019-guowuyuan"))
    assert same.code == 0 and "两份清单的条目完全相同。" in same.out
    other = zwgk("checklist", "diff", "2017-qinghai", "2019-guowuyuan")   # by id, from the catalogue
    assert other.code == 0 and "新增" in other.out and "删除" in other.out
    missing = zwgk("checklist", "diff", "no-such", "2019-guowuyuan")
    assert missing.code == 2 and "找不到清单" in missing.err
