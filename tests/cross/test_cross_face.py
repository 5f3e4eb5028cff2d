"""One assessment, two faces: begun in the plain line mode and resumed in the full-screen
TUI, and the other way round. Every answer (status, score, evidence, comment) made in one
face is shown by the other, and carrying on there works; the file is read back at the end.

The plain face runs in-process on byte streams (``run_assess`` with stdin/stdout); the TUI
runs through the app factory with Pilot, as tests/tui does.
"""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

from textual_access import screen_text as text
from textual_access import type_text
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.paths import bundled_checklists_dir
from zwgk_tui.plain.assess import run_assess
from zwgk_tui.tui.dialogs.evidence import EvidenceDialog
from zwgk_tui.tui.factory import make_app
from zwgk_tui.tui.flow import AssessTarget
from zwgk_tui.tui.screens.assess import AssessScreen
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree
from zwgk_tui.tui.widgets.item_detail import ItemDetail

CHECKLIST = bundled_checklists_dir() / "2019-guowuyuan.toml"
UNIT = "测试县政务公开办"
DOC = "国办发〔2019〕14号"
URL = "https://www.gov.cn/zhengce/2019-04/17/content.htm"


def plain(scores: Path, lines: list[str]) -> tuple[int, str]:
    """One plain session, typed line by line; (exit status, everything it printed)."""
    out = io.BytesIO()
    code = run_assess(load_checklist(CHECKLIST), scores, unit=UNIT, assessor="张三", read_only=False,
                      carry_from=None, stdin=io.BytesIO("".join(f"{line}\n" for line in lines).encode()),
                      stdout=out)
    return code, out.getvalue().decode("utf-8")


def tui(scores: Path):
    """The full-screen app on the same file, as ``zwgk assess … --scores`` builds it."""
    target = AssessTarget(load_checklist(CHECKLIST), scores, unit=UNIT, assessor="张三")
    return make_app(target=target)


def read(scores: Path) -> dict:
    return tomllib.loads(scores.read_text(encoding="utf-8"))


def row(screen: str, text: str) -> str:
    return next(line for line in screen.splitlines() if text in line)


async def test_begun_in_plain_resumed_in_the_tui(tmp_path):
    scores = tmp_path / "交替.toml"
    code, out = plain(scores, [
        f"e {DOC}", f"e {URL}", "c 门户网站开设政策解读专栏。", "1",
        "e 舆情回应〔2019〕2号", "c 部分回应不够及时", "2 4.5分",
        "3",
        "4",
        "q",
    ])
    assert code == 0, out
    assert f"已保存：1.1 佐证 2：{URL}" in out and "已保存：1.2 基本达标，得分 4.5 分。" in out
    assert "已保存：2.1 不适用。" in out

    app = tui(scores)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        screen = text(app)
        assert "已评 4/19" in screen and "得分 10.5/94" in screen  # 6 + 4.5 + 0; 2.1 leaves the maximum
        for item, mark, word in (("1.1", "✔", "达标"), ("1.2", "◐", "基本达标"), ("1.3", "✘", "未达标"),
                                 ("2.1", "⊘", "不适用")):
            line = row(screen, f" {item} ")
            assert f"{mark} {item}" in line and line.rstrip().endswith(word), line
        tree = app.screen.query_one(ChecklistTree)
        assert tree.node.id == "2.2"  # the first unanswered item
        assert row(screen, "▶").find("2.2 推進重要部署執行公開") > 0

        tree.select("1.2")
        await pilot.pause()
        detail = app.screen.query_one(ItemDetail).text
        assert "状态 ◐ 基本达标" in detail and "得分 4.5（手工）" in detail
        assert "1. 舆情回应〔2019〕2号" in detail and "说明：部分回应不够及时" in detail
        tree.select("1.1")
        await pilot.press("e")  # entries exist: the list, every one of them
        assert isinstance(app.screen, EvidenceDialog)
        shown = text(app)
        assert f"1. {DOC}" in shown and f"2. {URL}" in shown and "共 2 条" in shown
        await pilot.press("escape", "c")
        assert "门户网站开设政策解读专栏。" in text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, AssessScreen)

        # carrying on in the TUI: n goes to 2.2, which gets a status, evidence and a comment
        await pilot.press("n", "1", "e")
        await type_text(pilot, "TUI补录〔2019〕3号")
        await pilot.press("enter", "escape", "c")
        await type_text(pilot, "全屏界面补充")
        await pilot.press("ctrl+s")
        assert "已评 5/19" in text(app)
        await pilot.press("q")
    app.close_session()

    doc = read(scores)
    items = doc["items"]
    assert items["1.1"]["status"] == "met" and items["1.1"]["evidence"] == [DOC, URL]
    assert items["1.1"]["note"] == "门户网站开设政策解读专栏。"
    assert items["1.2"]["status"] == "partial"
    assert items["1.2"]["score"] == 4.5 and items["1.2"]["evidence"] == ["舆情回应〔2019〕2号"]
    assert items["1.2"]["note"] == "部分回应不够及时"
    assert items["1.3"]["status"] == "unmet" and items["2.1"]["status"] == "na"
    assert items["2.2"]["status"] == "met" and items["2.2"]["evidence"] == ["TUI补录〔2019〕3号"]
    assert items["2.2"]["note"] == "全屏界面补充"
    assert set(items) == {"1.1", "1.2", "1.3", "2.1", "2.2"}
    assert not scores.with_name(scores.name + ".lock").exists()


async def test_begun_in_the_tui_resumed_in_plain(tmp_path):
    scores = tmp_path / "交替.toml"
    app = tui(scores)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "e")  # 1.1: no evidence yet, so typing starts at once
        await type_text(pilot, DOC)
        await pilot.press("enter", "a")
        await type_text(pilot, URL)
        await pilot.press("enter", "escape", "c")
        await type_text(pilot, "解读专栏已开设，更新不及时")
        await pilot.press("ctrl+s", "p")
        await type_text(pilot, "4")
        await pilot.press("enter")
        await pilot.press("n", "3", "n", "4")
        screen = text(app)
        assert "已评 3/19" in screen and "得分 4/94" in screen
        await pilot.press("q")
    app.close_session()
    assert read(scores)["items"]["1.1"]["score"] == 4

    code, out = plain(scores, ["g 1.1", "l", "u", "1", "e 逐行补录〔2019〕9号", "c 逐行模式补充", "1", "q"])
    assert code == 0, out
    assert "进度：已评 3 项，共 19 项，未评 16 项。" in out
    assert "从第一项未完成的条目继续：2.1。" in out
    shown_1_1 = out[out.index("第 1 项，共 19 项：1.1"):out.index("1.1 请输入：")]
    assert "当前答案：基本达标" in shown_1_1 and "得分：4 分，手动打分" in shown_1_1
    assert f"佐证 1：{DOC}" in shown_1_1 and f"佐证 2：{URL}" in shown_1_1
    assert "说明：解读专栏已开设，更新不及时" in shown_1_1
    assert "1.1 佐证共 2 条。" in out
    assert "已保存：2.1 达标。" in out
    assert "已保存：2.2 佐证 1：逐行补录〔2019〕9号" in out and "已保存：2.2 达标。" in out

    items = read(scores)["items"]
    assert items["1.1"]["status"] == "partial" and items["1.1"]["score"] == 4
    assert items["1.1"]["evidence"] == [DOC, URL] and items["1.1"]["note"] == "解读专栏已开设，更新不及时"
    assert items["1.2"]["status"] == "unmet" and items["1.3"]["status"] == "na"
    assert items["2.1"]["status"] == "met"
    assert items["2.2"]["status"] == "met" and items["2.2"]["evidence"] == ["逐行补录〔2019〕9号"]
    assert items["2.2"]["note"] == "逐行模式补充"
    assert not scores.with_name(scores.name + ".lock").exists()
