"""Every key of the assessment screen, one test each: what it does on screen and on disk."""

from __future__ import annotations

from textual_access import notices
from zwgk_tui.tui.screens.assess import AssessScreen
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree
from zwgk_tui.tui.widgets.item_detail import ItemDetail


def tree(app) -> ChecklistTree:
    return app.screen.query_one(ChecklistTree)


def detail(app) -> ItemDetail:
    return app.screen.query_one(ItemDetail)


def read_items(path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8")).get("items", {})


async def test_starts_on_first_unanswered_item(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        assert tree(app).node.id == "1.1"
        assert "▶   ○ 1.1 实行重大决策预公开" in await see(pilot)
        assert "状态 ○ 未评" in detail(app).text


async def test_down_up_j_move_and_k_counts(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        assert tree(app).node.id == "1.2"
        assert detail(app).text.startswith("1.2 推进执行公开")
        await pilot.press("j", "j")
        assert tree(app).node.id == "2.1"
        await pilot.press("up")
        assert tree(app).node.id == "2"
        await pilot.press("k")  # k is 计数 (评分细则 counts): on a section it moves nothing
        assert tree(app).node.id == "2"
        await pilot.press("up")
        assert tree(app).node.id == "1.2"
        assert "▶   ○ 1.2 推进执行公开" in await see(pilot)


async def test_home_end_page(assess_app):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end")
        assert tree(app).node.id == "2.u1"
        await pilot.press("home")
        assert tree(app).node.id == "1"
        await pilot.press("G")
        assert tree(app).node.id == "2.u1"
        await pilot.press("g", "pagedown")
        assert tree(app).node.id == "2.u1"
        await pilot.press("pageup")
        assert tree(app).node.id == "1"


async def test_left_right_h_l_fold_and_unfold(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left")  # on a leaf: to its parent
        assert tree(app).node.id == "1"
        await pilot.press("left")  # on an open parent: fold
        assert "▸ 1 推进决策公开" in await see(pilot)
        assert "1.1 实行" not in await see(pilot)
        await pilot.press("right")  # unfold
        assert "1.1 实行重大决策预公开" in await see(pilot)
        await pilot.press("l")  # on an open parent: to its first child
        assert tree(app).node.id == "1.1"
        await pilot.press("h", "h")
        assert "▸ 1 推进决策公开" in await see(pilot)
        await pilot.press("l")
        assert "▾ 1 推进决策公开" in await see(pilot)
        await pilot.press("enter")  # Enter folds and unfolds too
        assert "▸ 1 推进决策公开" in await see(pilot)


async def test_status_keys_set_and_save(assess_app, scores_path, read_toml, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key, status, word in (("1", "met", "达标"), ("2", "partial", "基本达标"),
                                  ("3", "unmet", "未达标"), ("4", "na", "不适用")):
            await pilot.press(key)
            app.session.flush()
            assert read_toml(scores_path)["items"]["1.1"]["status"] == status
            assert f"状态 {'✔◐✘⊘'['1234'.index(key)]} {word}" in detail(app).text
            row = next(line for line in (await see(pilot)).splitlines() if "1.1 实行" in line)
            assert row.rstrip().endswith(word)
        await pilot.press("0")  # clear
        app.session.flush()
        assert "status" not in read_toml(scores_path)["items"].get("1.1", {})
        assert "已评 0/5" in await see(pilot)


async def test_status_on_a_heading_says_where_to_answer(assess_app, scores_path, read_toml):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("home", "1")
        await pilot.pause()
        assert any("请在下级条目上评定" in n for n in notices(app))
        app.session.flush()
        assert read_toml(scores_path)["items"] == {}


async def test_n_and_shift_n_find_unanswered(assess_app):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "n")
        assert tree(app).node.id == "1.2"
        await pilot.press("2", "n")
        assert tree(app).node.id == "2.1.1"
        await pilot.press("N")  # previous unanswered: wraps round to the last one
        assert tree(app).node.id == "2.u1"
        await pilot.press("N")
        assert tree(app).node.id == "2.1.3"
        for key in ("1", "n", "1", "n", "1", "n"):
            await pilot.press(key)
        await pilot.pause()
        assert any("全部条目都已评定" in n for n in notices(app))


async def test_e_adds_edits_and_deletes_evidence(assess_app, scores_path, read_toml, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")  # no evidence yet: straight to typing the first entry
        assert "添加佐证" in await see(pilot)
        await pilot.press(*"https://x.gov.cn/1")
        await pilot.press("enter")
        shown = await see(pilot)
        assert "佐证材料" in shown and "1. https://x.gov.cn/1" in shown and "共 1 条" in shown
        await pilot.press("a")
        await pilot.press(*"doc-2")
        await pilot.press("enter")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["evidence"] == ["https://x.gov.cn/1", "doc-2"]
        await pilot.press("up", "enter")  # edit the first
        await pilot.press("end", *"?a=1", "enter")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["evidence"][0] == "https://x.gov.cn/1?a=1"
        await pilot.press("down", "d")
        assert "删除第 2 条佐证？" in await see(pilot)
        await pilot.press("n")  # keep it
        assert len(read_toml(scores_path)["items"]["1.1"]["evidence"]) == 2
        await pilot.press("d", "y")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["evidence"] == ["https://x.gov.cn/1?a=1"]
        await pilot.press("escape")
        assert isinstance(app.screen, AssessScreen)
        assert "佐证（1 条" in detail(app).text
        assert "https://x.gov.cn/1?a=1" in detail(app).text


async def test_e_without_evidence_types_the_first_entry_at_once(assess_app, scores_path, read_toml, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        shown = await see(pilot)
        assert "添加佐证" in shown and "1.1 实行重大决策预公开" in shown
        assert "还没有佐证" not in shown  # the empty list is not in the way
        await pilot.press(*"abc")  # typed text lands in the entry, not in a list
        await pilot.press("enter")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["evidence"] == ["abc"]
        assert "1. abc" in await see(pilot)  # then the list, for more entries or changes
        await pilot.press("escape")
        assert isinstance(app.screen, AssessScreen)
        assert "abc" in detail(app).text


async def test_e_then_escape_without_typing_goes_back_with_nothing_saved(assess_app, scores_path, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert "添加佐证" in await see(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)  # no empty list left behind
        assert "佐证 无" in detail(app).text
        app.session.flush()
        assert not scores_path.exists() or "1.1" not in read_items(scores_path)
        await pilot.press("e", "enter")  # Enter on an empty entry adds nothing either
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)


async def test_e_with_evidence_opens_the_list(assess_app, scores_path, write_scores, see):
    from zwgk_tui.model.assessment.answers import Answer

    write_scores(scores_path, {"1.1": Answer(evidence=["已有一条"])})
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        shown = await see(pilot)
        assert "佐证材料" in shown and "1. 已有一条" in shown and "添加佐证" not in shown
        await pilot.press("a")
        assert "添加佐证" in await see(pilot)


async def test_e_without_evidence_read_only_shows_the_empty_list(assess_app, scores_path, write_scores, see):
    write_scores(scores_path, {})
    app = assess_app(read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        shown = await see(pilot)
        assert "还没有佐证。" in shown and "按 a 添加" not in shown and "添加佐证" not in shown


async def test_escape_in_an_entry_with_text_asks_before_discarding(assess_app, scores_path, read_toml, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", *"abc", "escape")
        assert "放弃刚才的修改？" in await see(pilot)
        await pilot.press("n")  # keep editing
        await pilot.press("enter")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["evidence"] == ["abc"]


async def test_c_writes_a_comment(assess_app, scores_path, read_toml, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.press(*"已公开草案", "enter", *"第二行")
        await pilot.press("ctrl+s")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["note"] == "已公开草案\n第二行"
        assert "说明：已公开草案" in detail(app).text
        await pilot.press("c", *"x", "escape")
        assert "放弃对说明的修改？" in await see(pilot)
        await pilot.press("y")
        assert isinstance(app.screen, AssessScreen)
        assert read_toml(scores_path)["items"]["1.1"]["note"] == "已公开草案\n第二行"
        await pilot.press("c", "escape")  # nothing typed: closes at once
        assert isinstance(app.screen, AssessScreen)


async def test_p_sets_a_score_within_the_points(assess_app, scores_path, read_toml, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "p")
        assert "得分（满分 10）" in await see(pilot)
        await pilot.press(*"12", "enter")
        assert "得分应在 0 到 10 之间" in await see(pilot)
        await pilot.press("backspace", "backspace", *"7.5", "enter")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["score"] == 7.5
        assert "得分 7.5（手工）" in detail(app).text
        await pilot.press("p", "ctrl+u", "enter")  # empty: back to the status value
        app.session.flush()
        assert "score" not in read_toml(scores_path)["items"]["1.1"]


async def test_slash_searches_ids_and_text(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"季度")
        assert "2.1.3 开展季度抽查" in await see(pilot)
        await pilot.press("enter")
        assert tree(app).node.id == "2.1.3"
        await pilot.press("slash", *"2.u", "enter")
        assert tree(app).node.id == "2.u1"
        await pilot.press("slash", *"没有这个", "enter", "escape")
        assert tree(app).node.id == "2.u1"


async def test_f_filters_unanswered_unmet_and_unit(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "n", "1")  # 1.1 unmet, 1.2 met
        await pilot.press("f")
        assert "责任单位：县政府办公室（1）" in await see(pilot)
        await pilot.press("down", "enter")  # 未评
        shown = await see(pilot)
        assert "筛选：未评（3）" in shown
        assert "1.1 实行" not in shown and "2.1.1 每周" in shown
        await pilot.press("f", "down", "enter")  # 未达标 (the list opens on the current filter)
        assert "1.1 实行" in await see(pilot) and "2.1.1" not in await see(pilot)
        await pilot.press("f", "end", "enter")  # the last unit
        assert "筛选：责任单位：各乡镇（1）" in await see(pilot)
        await pilot.press("f", "home", "enter")  # 全部条目
        assert "筛选：" not in await see(pilot) and "2.1.1 每周" in await see(pilot)


async def test_s_shows_summary_and_enter_jumps(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "s")
        shown = await see(pilot)
        assert "汇总 · 示例县政府办公室" in shown
        assert "未评（4 项）" in shown and "未达标（1 项）" in shown
        assert "单项否决" not in shown
        await pilot.press("end", "enter")  # the last listed item
        assert isinstance(app.screen, AssessScreen)
        assert tree(app).node.id == "1.1"
        await pilot.press("s", "escape")
        assert isinstance(app.screen, AssessScreen)


async def test_question_mark_and_f1_open_help(assess_app, see):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            shown = await see(pilot)
            assert "zwgk --plain" in shown
            assert "帮助" in shown
            await pilot.press("escape")
            assert isinstance(app.screen, AssessScreen)


async def test_q_quits_saved_and_unlocked(assess_app, scores_path, read_toml):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert read_toml(scores_path)["items"]["1.1"]["status"] == "met"
    assert not scores_path.with_name(scores_path.name + ".lock").exists()


async def test_bare_escape_changes_nothing(assess_app, scores_path, read_toml):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        before = scores_path.read_bytes()
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, AssessScreen)
        app.session.flush()
        assert scores_path.read_bytes() == before


async def test_tab_reads_the_item_in_full(assess_app):
    app = assess_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("tab")
        assert app.focused is detail(app)
        await pilot.press("down")
        await pilot.press("escape")  # back to the list, nothing changed
        assert app.focused is tree(app)
        await pilot.press("enter")  # Enter on an item: read it in full
        assert app.focused is detail(app)


async def test_cursor_position_follows_the_row(assess_app):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down")
        t = tree(app)
        assert app.cursor_position.y == t.content_region.y + t.cursor


async def test_moving_past_the_last_row_scrolls_the_cursor_into_view(assess_app, tmp_path, see):
    from zwgk_tui.model.assessment.synthetic import write_checklist

    big = write_checklist(tmp_path / "big.toml", 60)
    app = assess_app(big, tmp_path / "big-scores.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.press(*["down"] * 12)
            t = tree(app)
            rows = (await see(pilot)).splitlines()[1:15]
            cursor_rows = [row for row in rows if row.startswith("▶")]
            assert len(cursor_rows) == 1 and f" {t.node.id} " in cursor_rows[0]
        await pilot.press("pageup")
        assert (await see(pilot)).count("▶") == 1


async def test_search_finds_traditional_text_typed_in_simplified(assess_app, tmp_path, see, type_text):
    from zwgk_tui.model.paths import bundled_checklists_dir

    app = assess_app(bundled_checklists_dir() / "2019-guowuyuan.toml", tmp_path / "t.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "政府网站")  # 简体; the checklist says 政府網站
        assert "4.1 推進政府網站優質規範發展" in await see(pilot)
        await pilot.press("enter")
        assert tree(app).node.id == "4.1"


async def test_opened_before_the_app_starts_the_assessment_is_the_first_screen(mini_path, scores_path, read_toml):
    """What ``zwgk assess`` does: the factory opens the session, the app shows it at once."""
    from zwgk_tui.model.checklist import load_checklist
    from zwgk_tui.tui.factory import make_app
    from zwgk_tui.tui.flow import AssessTarget

    target = AssessTarget(load_checklist(mini_path), scores_path, unit="直接打开")
    app = make_app(target=target)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen) and len(app.screen_stack) == 1
        await pilot.press("2", "q")
    assert read_toml(scores_path)["items"]["1.1"]["status"] == "partial"
    assert not scores_path.with_name(scores_path.name + ".lock").exists()
