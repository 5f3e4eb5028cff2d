"""The whole loop: the officer assesses and exports; the supervisor reviews (returns 2 items,
adjusts 1, accepts the rest); ``zwgk report`` counts the reviewed figures and says so; the
officer reopens the file (TUI and plain) on a worklist of the returned items with the
reasons, corrects them; and the file still passes every tool."""

from __future__ import annotations

import io
import tomllib

from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.plain.assess import run_assess
from zwgk_tui.plain.review import run_review
from zwgk_tui.tui.factory import make_app
from zwgk_tui.tui.flow import AssessTarget
from zwgk_tui.tui.screens.assess import AssessScreen
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree
from zwgk_tui.tui.widgets.item_detail import ItemDetail

from .conftest import CYCLE, GUOWUYUAN, figures

REASON_13 = "未附解读材料链接，请补充后重新提交"
REASON_21 = "决策预公开只有一次，请核实"


def feed(items: list[str]) -> io.BytesIO:
    return io.BytesIO("".join(i + "\n" for i in items).encode("utf-8"))


def plain_assess(path, items: list[str]) -> str:
    out = io.BytesIO()
    code = run_assess(load_checklist(GUOWUYUAN), path, unit="某县人民政府办公室", assessor="张三",
                      read_only=False, carry_from=None, stdin=feed(items), stdout=out)
    assert code == 0
    return out.getvalue().decode("utf-8")


def report(zwgk, path, tmp_path) -> tuple[object, dict]:
    out = tmp_path / "report.toml"
    run = zwgk("report", path, "--plain", "--no-cache", "-o", out)
    return run, tomllib.loads(out.read_text("utf-8"))["units"][0]


async def test_assess_export_review_report_correct(tmp_path, zwgk, see):
    checklist = load_checklist(GUOWUYUAN)
    leaves = [leaf.id for leaf in checklist.leaves]
    # 1. The officer assesses every item in plain mode (a status advances) and exports.
    own = tmp_path / "officer" / "记录.toml"
    statuses = {item_id: CYCLE[n % len(CYCLE)] for n, item_id in enumerate(leaves)}
    plain_assess(own, ["e https://www.example.gov.cn/zwgk/1.1.html", *["1234"[("met", "partial", "unmet", "na").index(
        statuses[i])] for i in leaves], "q"])
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    exported = zwgk("export", own, "-o", inbox)
    assert exported.code == 0, exported.err
    received = inbox / "某县人民政府办公室.toml"
    assert received.exists()

    # 2. The supervisor reviews it in plain mode: adjusts 1.2, returns 1.3 and 2.1 (as unmet).
    out = io.BytesIO()
    code = run_review(checklist, received, reviewer="李四", read_only=False, stdout=out, stdin=feed([
        "g 1.2", "2 解读材料只有一半", "g 1.3", f"r {REASON_13}", "g 2.1", f"r 3 {REASON_21}", "A", "y", "q"]))
    assert code == 0, out.getvalue().decode()

    # 3. The report counts the reviewed figures and says so.
    run, unit = report(zwgk, received, tmp_path)
    answers = {i: (s, None) for i, s in statuses.items()}
    reviewed = {**answers, "1.2": ("partial", None), "2.1": ("unmet", None)}   # 2.1 was unmet already
    assert run.code == 0, run.out + run.err
    assert abs(unit["total"] - figures(reviewed)[0]) < 1e-9
    assert abs(unit["self_total"] - figures(answers)[0]) < 1e-9
    assert unit["grade"] == figures(reviewed)[3]
    assert (unit["reviewed"], unit["adjusted"], unit["returned"]) == (19, 1, 2)
    assert "按复核结果计分" in run.out and "已复核 19 项，调整 1 项" in run.out
    assert any("退回 2 项" in w["message"] for w in unit["warnings"])

    # 4. The officer reopens it (plain): the worklist of returned items with the reasons.
    shown = plain_assess(received, ["q"])
    assert "复核退回的条目 2 项，请逐项修改：" in shown
    assert f"退回 1.3 增強解讀回應效果：理由：{REASON_13}" in shown
    assert f"退回 2.1 推進重要決策公開：理由：{REASON_21}" in shown
    assert "复核退回：理由：" + REASON_13 + "；复核人：李四" in shown

    # 5. … and in the TUI: only the returned items, the reason in the detail; 1.3 corrected.
    app = make_app(target=AssessTarget(checklist, received))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        tree = app.screen.query_one(ChecklistTree)
        assert [n.id for n in tree.rows if n.is_leaf] == ["1.3", "2.1"]
        assert tree.node.id == "1.3"
        assert f"复核退回：{REASON_13}（李四）" in app.screen.query_one(ItemDetail).text
        assert "筛选：退回（2）" in await see(pilot)
        await pilot.press("1")                      # 基本达标 → 达标, with the link added
        await pilot.press("q")
    # … and 2.1 in plain mode: the worklist now holds only 2.1.
    shown = plain_assess(received, ["2", "q"])
    assert "复核退回的条目 1 项" in shown and "已保存：2.1 基本达标。" in shown

    # 6. The file passes every tool: the report counts it (a draft again, the two reviews void) …
    run, unit = report(zwgk, received, tmp_path)
    assert run.code == 0, run.out + run.err
    corrected = {**answers, "1.2": ("partial", None), "1.3": ("met", None), "2.1": ("partial", None)}
    assert abs(unit["total"] - figures(corrected)[0]) < 1e-9
    assert (unit["reviewed"], unit["returned"]) == (17, 0)
    messages = " ".join(w["message"] for w in unit["warnings"])
    assert "2 项在复核后被单位修改，原复核作废" in messages and "草稿" in messages
    # … the review shows them as changed and awaiting a new review …
    out = io.BytesIO()
    run_review(checklist, received, reviewer="李四", read_only=True, stdin=feed(["g 1.3", "s", "q"]), stdout=out)
    said = out.getvalue().decode()
    assert "复核：未复核。上次复核之后单位改了答案，原复核作废，待重新复核" in said
    assert "复核后单位已修改：2 项：1.3、2.1，待重新复核" in said
    # … it exports again, and the exported file reports cleanly.
    again = tmp_path / "again"
    again.mkdir()
    assert zwgk("export", received, "-o", again).code == 0
    run, unit = report(zwgk, again, tmp_path)
    assert run.code == 0 and unit["submitted"] is True


async def test_the_review_tree_marks_a_changed_answer(tmp_path, received, review_app, see, checklist):
    from zwgk_tui.model.assessment.saver import SyncSaver
    from zwgk_tui.model.assessment.session import Assessment

    session = Assessment.open(checklist, received.path, saver=SyncSaver())
    session.review("1.3", "return", reason="请补充", reviewer="李四")
    session.close()
    officer = Assessment.open(checklist, received.path, saver=SyncSaver())
    officer.set_status("1.3", "met")
    officer.close()
    app = review_app(received.path)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await see(pilot)
        assert "[已修改]     达标 未复核" in shown
        await pilot.press("down", "down")
        assert "复核作废：上次复核（退回" in app.screen.query_one("#detail").text
        await pilot.press("q")
