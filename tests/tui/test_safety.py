"""Nothing lost, nothing misread: lock held, drift, failed saves, returned and carried answers,
text from files shown as text, unreadable score files left alone."""

from __future__ import annotations

import errno
import json

import pytest

from textual_access import notices
from zwgk_tui.model.assessment import saver as saver_module
from zwgk_tui.model.assessment.answers import Answer
from zwgk_tui.tui.screens.assess import AssessScreen
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree
from zwgk_tui.tui.widgets.item_detail import ItemDetail


async def test_lock_held_offers_read_only_and_every_change_key_says_so(
        assess_app, scores_path, write_scores, see, hold_lock):
    write_scores(scores_path, {"1.1": Answer(status="met")})
    before = scores_path.read_bytes()
    hold_lock(scores_path)
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await see(pilot)
        assert "这份评估记录正在别处编辑" in shown
        assert "wangwu@zwgk-server（进程 4242" in shown
        await pilot.press("r")
        assert isinstance(app.screen, AssessScreen)
        assert " 只读 " in await see(pilot)
        for key in ("1", "2", "3", "4", "0", "c", "p", "y"):
            app.clear_notifications()
            await pilot.press(key)
            assert isinstance(app.screen, AssessScreen)
            assert any("只读" in n for n in notices(app)), key
        await pilot.press("e", "a")
        assert any("只读" in n for n in notices(app))
        await pilot.press("escape", "q")
    assert scores_path.read_bytes() == before


async def test_lock_held_quit_leaves_everything(assess_app, scores_path, write_scores, see, hold_lock):
    write_scores(scores_path, {})
    lock = hold_lock(scores_path)
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await see(pilot)
        await pilot.press("escape")  # Escape = 退出 here: nothing opened, nothing changed
        await pilot.pause()
    assert app.return_code == 0
    assert lock.held


async def test_stale_lock_taken_over_is_mentioned(assess_app, scores_path, write_scores):
    write_scores(scores_path, {})
    scores_path.with_name(scores_path.name + ".lock").write_text(json.dumps(
        {"user": "zhaoliu", "host": "old", "pid": 1, "since": "2026-11-19T08:00:00+08:00"}))
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("zhaoliu@old" in n and "已接管" in n for n in notices(app))


def _reword(path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


async def test_drift_dialog_accept_marks_reworded_items(assess_app, mini_copy, scores_path, write_scores,
                                                        read_toml, see):
    write_scores(scores_path, {"1.1": Answer(status="met"), "1.2": Answer(status="unmet")}, checklist=mini_copy)
    _reword(mini_copy, "推进执行公开。", "全面推进执行公开。")
    app = assess_app(mini_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await see(pilot)
        assert "清单有改动" in shown and "文字有改动：1.2" in shown
        assert "a 接受" in shown and "r 只读打开" in shown
        await pilot.press("a")
        assert isinstance(app.screen, AssessScreen)
        row = next(line for line in (await see(pilot)).splitlines() if "1.2 推进" in line)
        assert "[文字已改]" in row and row.rstrip().endswith("未达标")
        app.screen.query_one(ChecklistTree).select("1.2")
        await pilot.press("y")  # confirm: the answer still holds for the new wording
        app.session.flush()
        assert not app.session.reworded("1.2")
        assert read_toml(scores_path)["items"]["1.2"]["status"] == "unmet"
        assert "[文字已改]" not in await see(pilot)


async def test_drift_dialog_read_only_and_quit(assess_app, mini_copy, scores_path, write_scores, see):
    write_scores(scores_path, {"1.2": Answer(status="unmet")}, checklist=mini_copy)
    _reword(mini_copy, "推进执行公开。", "全面推进执行公开。")
    before = scores_path.read_bytes()
    app = assess_app(mini_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await see(pilot)
        await pilot.press("r")
        assert " 只读 " in await see(pilot)
        await pilot.press("q")
    assert scores_path.read_bytes() == before
    app = assess_app(mini_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await see(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert scores_path.read_bytes() == before
    assert not scores_path.with_name(scores_path.name + ".lock").exists()


async def test_failed_save_is_shown_and_retried(assess_app, scores_path, read_toml, monkeypatch, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        real = saver_module.atomic_write

        def full_disk(path, data, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(saver_module, "atomic_write", full_disk)
        await pilot.press("1")
        app.session.flush()
        shown = await see(pilot)
        assert "保存失败（磁盘已满）：答案仍在内存中，下一次修改时会重试" in shown
        assert " 保存失败 " in shown.splitlines()[0]
        assert app.session.answer("1.1").status == "met"  # kept in memory
        assert "items" not in read_toml(scores_path) or "1.1" not in read_toml(scores_path)["items"]
        monkeypatch.setattr(saver_module, "atomic_write", real)
        await pilot.press("j", "2")  # the next change writes everything
        app.session.flush()
        shown = await see(pilot)
        assert "保存失败" not in shown
        assert "已保存" in shown.splitlines()[0]
        items = read_toml(scores_path)["items"]
        assert items["1.1"]["status"] == "met" and items["1.2"]["status"] == "partial"


async def test_returned_items_open_as_a_worklist(assess_app, scores_path, write_scores, make_returned, see):
    write_scores(scores_path, {
        "1.1": Answer(status="met"), "1.2": Answer(status="met"),
        "2.1.3": make_returned("met", "抽查结果未公开，请补充链接"),
    })
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await see(pilot)
        assert "筛选：退回（1）" in shown
        assert "1.1 实行" not in shown
        tree = app.screen.query_one(ChecklistTree)
        assert tree.node.id == "2.1.3"
        row = next(line for line in shown.splitlines() if "2.1.3" in line)
        assert "[退回]" in row
        assert "复核退回：抽查结果未公开，请补充链接（李复核）" in app.screen.query_one(ItemDetail).text
        await pilot.press("3")  # the officer changes the answer: no longer returned
        assert "[退回]" not in await see(pilot)


async def test_carried_answers_are_confirmed_with_y(assess_app, tmp_path, scores_path, write_scores,
                                                   read_toml, see):
    last_year = write_scores(tmp_path / "2025.toml", {
        "1.1": Answer(status="met", evidence=["2025年草案公开链接"], note="去年已完成"),
        "1.2": Answer(status="partial", score=4.5),
    })
    app = assess_app(carry_from=last_year)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await see(pilot)
        assert "沿用上年的答案" in shown and "沿用2项答案" in "".join(shown.replace("│", "").split())
        await pilot.press("enter")
        shown = await see(pilot)
        row = next(line for line in shown.splitlines() if "1.1 实行" in line)
        assert "[沿用待确认]" in row and row.rstrip().endswith("达标")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["carried"]
        assert read_toml(scores_path)["items"]["1.2"]["score"] == 4.5   # a manual score is carried too
        tree = app.screen.query_one(ChecklistTree)
        tree.select("1.1")
        await pilot.press("y")
        app.session.flush()
        item = read_toml(scores_path)["items"]["1.1"]
        assert "carried" not in item and item["evidence"] == ["2025年草案公开链接"]
        assert read_toml(scores_path)["items"]["1.2"]["carried"]
        await pilot.press("j", "y", "j", "y")  # nothing to confirm on 2 (a heading)
        assert app.session.carried_items() == []


async def test_markup_and_escape_sequences_in_a_checklist_are_shown_as_text(
        assess_app, mini_copy, tmp_path, see):
    _reword(mini_copy, 'title = "实行重大决策预公开"', 'title = "[bold]加粗[/] \\u001b[31m红色 [link=x]链接[/link]"')
    _reword(mini_copy, 'title = "2026年示例政务公开工作要点"', 'title = "要点[/]\\u001b]0;标题\\u0007"')
    app = assess_app(mini_copy, tmp_path / "m.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        shown = await see(pilot)
        assert "1.1 [bold]加粗[/] 红色 [link=x]链接[/link]" in shown
        assert "要点[/]" in shown.splitlines()[0]
        assert "\x1b" not in shown and "]0;" not in shown
        detail = app.screen.query_one(ItemDetail).text
        assert "[bold]加粗[/] 红色" in detail
        await pilot.press("slash", *"加粗")
        assert "1.1 [bold]加粗[/] 红色" in await see(pilot)
        await pilot.press("escape", "s")
        assert "要点[/]" in await see(pilot)


def test_unreadable_score_file_exit_2_untouched(mini_path, tmp_path, capsys):
    from zwgk_tui.model.checklist import load_checklist
    from zwgk_tui.tui.launch import run_assess

    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'format = "zwgk-scores"\nversion = 1\nunit = \n')
    code = run_assess(load_checklist(mini_path), bad, unit="u", assessor="", read_only=False,
                      carry_from=None, ascii_only=False, theme=None)
    assert code == 2
    err = capsys.readouterr().err
    assert str(bad) in err and ":3" in err and err[-1] == "\n" and err.count("\n") == 1
    assert bad.read_bytes() == b'format = "zwgk-scores"\nversion = 1\nunit = \n'
    assert not bad.with_name("bad.toml.lock").exists()


async def test_unreadable_score_file_from_the_start_screen_says_so(assess_app, scores_path, see, mini_path):
    """``zwgk assess`` reports it before the screen (above); opened from the start screen, the
    same first step (flow.begin) shows it in a dialog and the start screen stays."""
    from zwgk_tui.errors import ZwgkError
    from zwgk_tui.model.checklist import load_checklist
    from zwgk_tui.tui.factory import make_app
    from zwgk_tui.tui.flow import AssessTarget

    scores_path.parent.mkdir(parents=True)
    scores_path.write_text("这不是 TOML", encoding="utf-8")
    with pytest.raises(ZwgkError):
        assess_app()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_target(AssessTarget(load_checklist(mini_path), scores_path))
        shown = await see(pilot)
        assert "无法打开评估记录" in shown and "文件未做任何改动" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "StartScreen"
    assert scores_path.read_text(encoding="utf-8") == "这不是 TOML"


async def test_quitting_while_saves_fail_asks_first(assess_app, scores_path, read_toml, monkeypatch, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        real = saver_module.atomic_write

        def full_disk(path, data, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(saver_module, "atomic_write", full_disk)
        await pilot.press("1")
        app.session.flush()
        await pilot.press("q")
        assert "现在退出，没保存上的答案会丢失" in await see(pilot)
        await pilot.press("escape")  # Escape = stay
        assert isinstance(app.screen, AssessScreen)
        await pilot.press("s", "ctrl+q")  # any way out asks the same question
        assert "现在退出，没保存上的答案会丢失" in await see(pilot)
        await pilot.press("n", "escape")
        assert isinstance(app.screen, AssessScreen)
        monkeypatch.setattr(saver_module, "atomic_write", real)  # the disk has room again
        await pilot.press("q")  # saved on the way out, nothing to ask
        await pilot.pause()
    assert app.return_code == 0
    assert read_toml(scores_path)["items"]["1.1"]["status"] == "met"
