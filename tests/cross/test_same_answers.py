"""Both faces, asked the same questions on the same checklist and answers, say the same.

Each question (search, filter, next and previous open item, the totals sentence) is put to
the full-screen TUI (driven by Pilot, read from the screen) and to the plain line mode (fed
through a pipe, read from what it prints), and the two answers are compared with each other
and with ``model/queries.py``. The copies these replaced drifted: 市交通运输局 was found 0
times in the TUI and once in the plain mode.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from textual_access import screen_text
from zwgk_tui.model import queries
from zwgk_tui.model.assessment.answers import Answer
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.paths import bundled_checklists_dir
from zwgk_tui.plain.assess import run_assess
from zwgk_tui.tui.dialogs.find import FilterDialog, SearchDialog
from zwgk_tui.tui.factory import make_app
from zwgk_tui.tui.flow import AssessTarget
from zwgk_tui.tui.screens.assess import AssessScreen
from zwgk_tui.tui.screens.summary import SummaryScreen

LIAOCHENG = bundled_checklists_dir() / "2021-liaocheng.toml"
GUOWUYUAN = bundled_checklists_dir() / "2019-guowuyuan.toml"
UNIT = "测试县政务公开办"


def answered(path: Path, checklist: Path, answers: dict[str, str], carried: tuple[str, ...] = ()) -> Path:
    """A score file with these statuses (and these answers carried, unconfirmed)."""
    session = Assessment.open(load_checklist(checklist), path, unit=UNIT, assessor="张三")
    for item_id, status in answers.items():
        session.set_status(item_id, status)
    for item_id in carried:
        session.scores.items.setdefault(item_id, Answer()).carried = "2018-old 1.1"
    session.save()
    session.close()
    return path


def plain(path: Path, checklist: Path, lines: list[str]) -> str:
    out = io.BytesIO()
    code = run_assess(load_checklist(checklist), path, unit=UNIT, assessor="张三", read_only=False,
                      carry_from=None, stdin=io.BytesIO("".join(f"{x}\n" for x in lines).encode()), stdout=out)
    assert code == 0
    return out.getvalue().decode("utf-8")


def tui(path: Path, checklist: Path):
    return make_app(target=AssessTarget(load_checklist(checklist), path, unit=UNIT, assessor="张三"))


def plain_counts(out: str) -> list[int]:
    """What the plain mode said after each search: ``找到 N 项`` / ``没有找到``, in order."""
    said = re.findall(r"^(?:找到 (\d+) 项|没有找到)", out, re.M)
    return [int(n) if n else 0 for n in said]


QUERIES_EXTRA = ["１.１", "1.1", "公開", "公开", "政务公开", "网站", "2021"]


async def test_search_finds_the_same_in_both_faces(tmp_path):
    """All 27 unit names of 2021-liaocheng, an id typed full-width, 繁 and 简."""
    checklist = load_checklist(LIAOCHENG)
    names = list(queries.unit_items(checklist)) + QUERIES_EXTRA
    assert len(queries.unit_items(checklist)) == 27
    expected = [len(queries.search(checklist, name)) for name in names]
    assert expected[names.index("市交通运输局")] == 1 and expected[names.index("１.１")] >= 1

    scores = answered(tmp_path / "s.toml", LIAOCHENG, {})
    out = plain(scores, LIAOCHENG, [line for name in names for line in (f"/{name}", "")] + ["q"])
    assert plain_counts(out) == expected

    shown = []
    app = tui(scores, LIAOCHENG)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchDialog)
        for name in names:
            app.screen.query_one("#query", Input).value = name
            await pilot.pause()
            said = str(app.screen.query_one("#search-count", Static).render())
            found = re.match(r"找到 (\d+) 项", said)
            shown.append(int(found.group(1)) if found else 0)
            assert said == ("没有找到" if not found else said)
    app.close_session()
    assert shown == expected


async def test_filters_keep_the_same_items_in_both_faces(tmp_path):
    checklist = load_checklist(LIAOCHENG)
    leaves = [leaf.id for leaf in checklist.leaves]
    scores = answered(tmp_path / "s.toml", LIAOCHENG,
                      {leaves[0]: "met", leaves[1]: "unmet", leaves[2]: "partial", leaves[5]: "unmet"})
    session = Assessment.open(checklist, scores, read_only=True)
    expected = [(f.label, None if f.ids is None else len(f.ids)) for f in queries.filters(session)]
    session.close()
    assert len(expected) == 7 + 27

    out = plain(scores, LIAOCHENG, ["f", "", "q"])
    listed = re.findall(r"^筛选 \d+：(.+?)(?:（(\d+) 项）)?(?:，当前)?$", out, re.M)
    assert [(label, int(n) if n else None) for label, n in listed] == expected

    app = tui(scores, LIAOCHENG)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FilterDialog)
        options = app.screen.query_one(OptionList).options
        on_screen = []
        for option in options:
            prompt = str(option.prompt).removesuffix("  ← 当前")
            found = re.fullmatch(r"(.+?)（(\d+)）", prompt)
            on_screen.append((found.group(1), int(found.group(2))) if found else (prompt, None))
    app.close_session()
    assert on_screen == expected

    # choosing the same unit's filter, both faces then move among the same items
    unit = "市交通运输局"
    ids = dict(expected)
    out = plain(scores, LIAOCHENG, [f"f {unit}", "q"])
    assert f"筛选：责任单位：{unit}，{ids[queries.UNIT_PREFIX + unit]} 项：" in out


@pytest.mark.parametrize("start, step", [("1.2", 1), ("3.1", 1), ("3.1", -1), ("5.4", 1), ("1.1", -1)])
async def test_next_and_previous_open_item_are_the_same(tmp_path, start, step):
    """``n``/``N`` in the TUI and ``u``/``U`` in plain land on the same item, from the same one
    (unanswered, carried and unconfirmed, or returned count as open in both)."""
    checklist = load_checklist(GUOWUYUAN)
    done = {leaf.id: "met" for leaf in checklist.leaves[:6]} | {"3.4": "partial", "5.3": "na"}
    scores = answered(tmp_path / "s.toml", GUOWUYUAN, done, carried=("1.2",))
    session = Assessment.open(checklist, scores, read_only=True)
    expected, _ = queries.next_open(session, start, step=step)
    session.close()

    out = plain(scores, GUOWUYUAN, [f"g {start}", "u" if step > 0 else "U", "q"])
    headings = re.findall(r"^第 \d+ 项，共 \d+ 项：(\S+) ", out, re.M)
    assert headings[-1] == expected

    app = tui(scores, GUOWUYUAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessScreen)
        screen.tree.select(start)
        await pilot.press("n" if step > 0 else "N")
        assert screen.tree.node.id == expected
    app.close_session()


async def test_the_totals_sentence_is_the_same(tmp_path):
    checklist = load_checklist(GUOWUYUAN)
    done = {leaf.id: status for leaf, status in zip(checklist.leaves, ["met", "partial", "unmet", "na"] * 2,
                                                    strict=False)}
    scores = answered(tmp_path / "s.toml", GUOWUYUAN, done)
    session = Assessment.open(checklist, scores, read_only=True)
    sentence = queries.totals_sentence(session.totals())
    session.close()
    assert sentence.startswith("得分 ") and "等次 " in sentence

    out = plain(scores, GUOWUYUAN, ["s", "q"])
    flat = "".join(out.split())
    assert f"总分：{queries.score_text(session.totals())}" in out
    assert f"等次：{queries.grade_text(session.totals())}" in out

    app = tui(scores, GUOWUYUAN)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SummaryScreen)
        shown = "".join(screen_text(app).split())
    app.close_session()
    assert "".join(sentence.split()) in shown
    assert flat  # the plain summary was printed
