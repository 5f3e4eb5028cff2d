"""The review screen driven by Pilot on a real exported file: accept, adjust with a reason,
return with a reason (with and without a reviewed status), clear, accept all; then the file
read back with tomllib and the summary checked against figures computed here."""

from __future__ import annotations

import tomllib

import pytest

from textual_access import notices
from zwgk_tui.model.assessment.lock import ScoreLock
from zwgk_tui.model.assessment.serialize import digest
from zwgk_tui.model.assessment.submit import verify
from zwgk_tui.tui.screens.review import ReviewScreen
from zwgk_tui.tui.widgets.review_detail import ReviewDetail
from zwgk_tui.tui.widgets.review_tree import ReviewTree

from .conftest import HOSTILE_NOTE, figures, num

OFFICER_KEYS = ("status", "score", "evidence", "note", "files", "text_sha256", "updated")


def tree(app) -> ReviewTree:
    return app.screen.query_one(ReviewTree)


def detail(app) -> ReviewDetail:
    return app.screen.query_one(ReviewDetail)


def officer_content(doc: dict) -> dict:
    return {k: {f: v for f, v in item.items() if f != "review"} for k, item in doc["items"].items()}


@pytest.mark.parametrize("size", [(80, 24), (140, 40)], ids=["80x24", "140x40"])
async def test_a_whole_review(received, review_app, see, type_text, size):
    before = received.doc()
    app = review_app(received.path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert tree(app).node.id == "1.1"
        shown = await see(pilot)
        assert "已复核 0/19" in shown and "已提交" in shown
        assert "达标 未复核" in shown  # the self-assessed word, then the decision
        text = detail(app).text
        assert "自评 ✔ 达标" in text and "复核 未复核" in text
        assert "[文件未变]" in text                       # the recorded evidence file is the same
        assert "[bold]不是标记[/bold]" in text and "\x1b" not in text and "\u202e" not in text
        assert "提交：已提交，内容未改动" in text

        await pilot.press("a")                               # 1.1 accepted
        assert "达标   认可" in await see(pilot)
        await pilot.press("n")
        assert tree(app).node.id == "1.2"
        await pilot.press("2")                               # 1.2 adjusted to 基本达标
        await type_text(pilot, "佐证只有一半，请补充。")
        await pilot.press("enter")
        assert "复核 调整为 ◐ 基本达标" in detail(app).text
        assert "理由：佐证只有一半，请补充。" in detail(app).text
        await pilot.press("n")
        assert tree(app).node.id == "1.3"
        await pilot.press("r")                               # 1.3 returned, no reviewed status
        await pilot.press("enter")                           # no reason: refused, dialog stays
        assert "请写明理由" in await see(pilot)
        await type_text(pilot, "未附解读材料链接")
        await pilot.press("enter")
        assert "基本达标   退回" in await see(pilot)
        await pilot.press("n")
        assert tree(app).node.id == "2.1"
        await pilot.press("r")                               # 2.1 returned as 基本达标, 4 points
        await type_text(pilot, "没有按季度公开")
        await pilot.press("tab")
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "4")
        await pilot.press("enter")
        assert "退回，复核状态 ◐ 基本达标，得分 4" in detail(app).text
        await pilot.press("n")
        assert tree(app).node.id == "2.2"
        await pilot.press("1")                               # 2.2 adjusted, then cleared
        await type_text(pilot, "不应为不适用")
        await pilot.press("enter")
        await pilot.press("x")                               # it has a reason: asks first
        assert "清除 2.2 的复核" in await see(pilot)
        await pilot.press("y")
        assert "⊘ 2.2" in await see(pilot) and "复核 未复核" in detail(app).text

        await pilot.press("slash")                           # back to 1.1: clear the accept
        await type_text(pilot, "1.1")
        await pilot.press("enter")
        assert tree(app).node.id == "1.1"
        await pilot.press("x")                               # no reason: cleared at once
        assert "复核 未复核" in detail(app).text
        await pilot.press("3")                               # typed, then Escape: asked first
        await type_text(pilot, "草稿理由")
        await pilot.press("escape")
        assert "放弃刚才填写的理由" in await see(pilot)
        await pilot.press("n")                               # keep typing: the text is still there
        assert "草稿理由" in await see(pilot)
        await pilot.press("escape", "y")
        assert "复核 未复核" in detail(app).text

        await pilot.press("A")                               # accept every other complete item
        assert "认可全部 16 项" in await see(pilot)
        await pilot.press("y")
        assert "已复核 19/19" in await see(pilot)

        await pilot.press("s")
        own = figures(received.answers)
        after = figures({**received.answers, "1.2": ("partial", None), "2.1": ("partial", 4.0)})
        summary = await see(pilot)
        flat = "".join(summary.split())  # the head wraps at 80 columns
        assert f"自评：得分{num(own[0])}分，满分{num(own[1])}分，得分率{own[2]:.1f}%，等次{own[3]}" in flat
        assert f"复核后：得分{num(after[0])}分，满分{num(after[1])}分，得分率{after[2]:.1f}%，等次{after[3]}" in flat
        assert "认可 16 项 · 调整 1 项 · 退回 2 项 · 未复核 0 项" in summary
        assert "1.3 增強解讀回應效果：未附解读材料链接" in summary
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("q")

    doc = received.doc()
    items = doc["items"]
    for item_id, (status, _) in received.answers.items():
        review = items[item_id]["review"]
        assert review["reviewer"] == "李四" and review["self_status"] == status, item_id
    assert items["1.2"]["review"] == {**items["1.2"]["review"], "decision": "adjust", "status": "partial",
                                      "reason": "佐证只有一半，请补充。"}
    assert items["1.3"]["review"]["decision"] == "return" and "status" not in items["1.3"]["review"]
    assert items["1.3"]["review"]["reason"] == "未附解读材料链接"
    assert (items["2.1"]["review"]["decision"], items["2.1"]["review"]["status"],
            items["2.1"]["review"]["score"], items["2.1"]["review"]["reason"]) == ("return", "partial", 4.0, "没有按季度公开")
    for item_id in set(received.answers) - {"1.2", "1.3", "2.1"}:
        assert items[item_id]["review"]["decision"] == "accept", item_id
        assert items[item_id]["review"]["status"] == received.answers[item_id][0]
        assert "reason" not in items[item_id]["review"]
    assert doc["review"]["reviewer"] == "李四"
    # the officer's content and the submission are as they were
    assert officer_content(doc) == officer_content(before)
    assert doc["submitted"] == before["submitted"] and verify(doc) is True
    assert digest(doc) == digest(before)
    assert not received.path.with_name(received.path.name + ".lock").exists()


async def test_read_only_changes_nothing(received, review_app, see):
    data = received.path.read_bytes()
    app = review_app(received.path, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "2", "r", "x", "A")
        await pilot.pause()
        assert any("只读" in n for n in notices(app))
        assert "只读" in await see(pilot)
        await pilot.press("q")
    assert received.path.read_bytes() == data


async def test_a_file_open_elsewhere_can_be_reviewed_read_only(received, review_app, see):
    """Another session reviewing the same unit holds the store record's lock."""
    from .conftest import store_path

    doc = received.file_doc()
    store = store_path(doc["checklist_id"], doc["unit"])
    store.parent.mkdir(parents=True, exist_ok=True)
    lock = ScoreLock(store).acquire()
    data = received.path.read_bytes()
    try:
        app = review_app(received.path)
        async with app.run_test(size=(80, 24)) as pilot:
            shown = await see(pilot)
            assert "正在别处打开" in shown and "只读打开" in shown
            await pilot.press("r")
            assert isinstance(app.screen, ReviewScreen) and app.screen.session.read_only
            await pilot.press("a")
            assert "只读" in await see(pilot)
            await pilot.press("q")
    finally:
        lock.release()
    assert received.path.read_bytes() == data


async def test_escape_in_an_empty_reason_just_closes(received, review_app, see):
    app = review_app(received.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert "退回单位修改" in await see(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("q")
    assert "review" not in received.doc()["items"]["1.1"]


async def test_unanswered_items_cannot_be_accepted_and_changed_files_are_named(tmp_path, review_app, see, checklist):
    from zwgk_tui.model.assessment.saver import SyncSaver
    from zwgk_tui.model.assessment.session import Assessment

    path = tmp_path / "draft.toml"
    officer = Assessment.open(checklist, path, unit="某镇", assessor="王五", saver=SyncSaver())
    evidence = [tmp_path / f"e{i}.pdf" for i in range(3)]
    for i, file in enumerate(evidence):
        file.write_bytes(b"x" * (i + 1))
        officer.add_evidence("1.2", str(file))
    officer.set_status("1.2", "met")
    officer.close()
    evidence[0].write_bytes(b"y")            # same size, other content
    evidence[1].unlink()
    evidence[2].chmod(0)
    app = review_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert tree(app).node.id == "1.1"
        await pilot.press("a")
        await pilot.pause()
        assert any("未评，不能认可" in n for n in notices(app))
        assert "草稿" in await see(pilot)
        await pilot.press("down")
        text = detail(app).text
        assert "[文件已改变]" in text and "[文件不存在]" in text
        assert "[文件无法读取]" in text or "[文件未变]" in text   # root reads a 000 file
        assert "提交：草稿（未经导出提交）" in text
        await pilot.press("q")
    evidence[2].chmod(0o600)
    assert "review" not in tomllib.loads(path.read_text("utf-8"))["items"].get("1.1", {})


async def test_text_from_the_file_is_shown_as_text(received, review_app, see):
    """Another tool may write anything into a note or a reason: no markup, no controls."""
    from zwgk_tui.model.assessment.answers import Review
    from zwgk_tui.model.assessment.parse import read_scores
    from zwgk_tui.model.assessment.serialize import dumps
    from zwgk_tui.model.assessment.submit import submit

    scores = read_scores(received.path)
    scores.items["1.1"].note = HOSTILE_NOTE
    scores.items["1.1"].evidence.append("[link=http://x]点我[/link]\x1b]0;标题\x07")
    scores.items["1.2"].review = Review("return", reason="[red]理由[/red]\x1b[2J清屏", reviewer="王\x1b[1m五",
                                        self_status="met")
    submit(scores)
    received.path.write_text(dumps(scores), encoding="utf-8")
    app = review_app(received.path)
    async with app.run_test(size=(120, 40)) as pilot:
        text = detail(app).text
        assert "[bold]不是标记[/bold]" in text and "[link=http://x]点我[/link]" in text
        shown = await see(pilot)
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in text and bad not in shown
        await pilot.press("down")
        text = detail(app).text
        assert "理由：[red]理由[/red]清屏" in text and "王五" in text
        await pilot.press("q")
