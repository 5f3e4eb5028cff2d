"""The start screen (bare ``zwgk``) and export from the summary screen."""

from __future__ import annotations

import tomllib

from zwgk_tui.model.assessment.answers import Answer
from zwgk_tui.model.assessment.submit import verify
from zwgk_tui.model.checklist import catalog
from zwgk_tui.model.paths import default_score_path, scores_dir
from zwgk_tui.tui.factory import make_app
from zwgk_tui.tui.screens.assess import AssessScreen
from zwgk_tui.tui.screens.start import StartScreen
from zwgk_tui.tui.screens.summary import SummaryScreen
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree


def only_mini(monkeypatch, mini_path, tmp_path_factory):
    """The start screen lists mini.toml alone (tests/data holds other checklists too)."""
    folder = tmp_path_factory.mktemp("only-mini")
    (folder / mini_path.name).write_bytes(mini_path.read_bytes())
    monkeypatch.setattr(catalog, "bundled_checklists_dir", lambda: folder)


async def test_new_assessment_from_the_start_screen(monkeypatch, mini_path, see, type_text, tmp_path_factory):
    only_mini(monkeypatch, mini_path, tmp_path_factory)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await see(pilot)
        assert "还没有进行中的评估" in shown and "mini-2026 2026年示例政务公开工作要点" in shown
        await pilot.press("enter")  # choose the checklist: on to the unit
        await type_text(pilot, "示例县〔2026〕办公室")
        await pilot.press("enter")
        await type_text(pilot, "李四")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        await pilot.press("1", "q")
    path = default_score_path("mini-2026", "示例县〔2026〕办公室")
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["unit"] == "示例县〔2026〕办公室" and doc["assessor"] == "李四"
    assert doc["items"]["1.1"]["status"] == "met"


async def test_start_screen_needs_a_unit(monkeypatch, mini_path, see, tmp_path_factory):
    only_mini(monkeypatch, mini_path, tmp_path_factory)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "enter")
        assert "请填写单位名称" in await see(pilot)
        assert not any(scores_dir().glob("*.toml")) if scores_dir().exists() else True


async def test_resume_with_enter_shows_progress_and_markers(monkeypatch, mini_path, write_scores, make_returned, see, tmp_path_factory):
    only_mini(monkeypatch, mini_path, tmp_path_factory)
    write_scores(scores_dir() / "a.toml", {"1.1": Answer(status="met")}, unit="甲单位")
    write_scores(scores_dir() / "b.toml", {"1.1": make_returned("met", "缺链接")}, unit="乙单位", submitted=True)
    (scores_dir() / "broken.toml").write_text("不是 TOML", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        shown = await see(pilot)
        assert "甲单位" in shown and "1/5" in shown and "2026-11-20 09:30" in shown
        assert "已提交" in shown and "有退回项1" in shown and "无法读取" in shown
        rows = [line for line in shown.splitlines() if "单位" in line and "mini-2026" in line]
        target = "乙单位" if "乙单位" in rows[0] else "甲单位"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        assert app.session.scores.unit == target


async def test_an_unreadable_row_says_so_and_changes_nothing(monkeypatch, mini_path, see, tmp_path_factory):
    only_mini(monkeypatch, mini_path, tmp_path_factory)
    scores_dir().mkdir(parents=True)
    (scores_dir() / "broken.toml").write_text("不是 TOML", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert "无法开始" in await see(pilot) and "文件未做任何改动" in await see(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
    assert (scores_dir() / "broken.toml").read_text(encoding="utf-8") == "不是 TOML"


async def test_export_refuses_while_unanswered_unless_confirmed(assess_app, tmp_path, see, type_text):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "s", "x")
        await pilot.press("ctrl+u")
        await type_text(pilot, str(outbox))
        await pilot.press("enter")
        assert "还有 4 项未评，仍要导出吗？" in await see(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, SummaryScreen)
        assert list(outbox.iterdir()) == []
        await pilot.press("x", "ctrl+u")
        await type_text(pilot, str(outbox))
        await pilot.press("enter", "y")
        shown = await see(pilot)
        assert "已导出" in shown and "sha256:" in shown and "仍有 4 项未评估" in shown
    exported = outbox / "示例县政府办公室.toml"
    doc = tomllib.loads(exported.read_text(encoding="utf-8"))
    assert verify(doc) is True
    assert doc["submitted"]["digest"] in shown.replace("\n", "") or doc["submitted"]["digest"][:30] in shown


async def test_export_complete_needs_no_confirmation_and_errors_are_shown(assess_app, tmp_path, see, type_text):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.press("1", "n")
        await pilot.press("s", "x", "ctrl+u")
        await type_text(pilot, str(tmp_path / "no-such-folder" / "x.toml"))
        await pilot.press("enter")
        shown = await see(pilot)
        assert "导出失败" in shown and "目标文件夹不存在" in shown
        await pilot.press("escape", "x", "ctrl+u")
        await type_text(pilot, str(tmp_path / "done.toml"))
        await pilot.press("enter")
        assert "已导出" in await see(pilot)
    assert verify(tomllib.loads((tmp_path / "done.toml").read_text(encoding="utf-8"))) is True


async def test_60x20_layout_works(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(60, 20)) as pilot:
        shown = await see(pilot)
        lines = shown.splitlines()
        assert len(lines) == 20 and all(len(line) <= 60 for line in lines)
        assert "1.1 实行重大决策预公开" in shown and "状态 ○ 未评" in shown and "? 帮助" in lines[-1]
        await pilot.press("2", "e", "x", "enter", "escape", "c", "y", "ctrl+s")
        assert "佐证 1 条" in await see(pilot)
        await pilot.press("s")
        assert "汇总" in await see(pilot)
        await pilot.press("escape")
        assert app.screen.query_one(ChecklistTree).node.id == "1.1"


async def test_veto_is_shown_in_the_status_line_and_the_summary(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "2", ".", "1", ".", "3", "enter", "3")  # 2.1.3 is 单项否决
        shown = await see(pilot)
        assert "否决·不合格" in shown.splitlines()[0]
        assert "单项否决" in shown  # marked on the item itself
        await pilot.press("s")
        assert "等次 不合格（单项否决：2.1.3 未达标）" in await see(pilot)
