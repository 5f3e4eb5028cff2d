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

    # 2. The supervisor reviews it in plain mode: adjusts 1.2, returns 1.3 and 2.1 (as unmet);
    #    the returned copy is written for the unit when the session ends.
    returns = tmp_path / "退回"
    returns.mkdir()
    out = io.BytesIO()
    code = run_review(checklist, received, reviewer="李四", read_only=False, stdout=out, return_to=returns,
                      stdin=feed(["g 1.2", "2 解读材料只有一半", "g 1.3", f"r {REASON_13}", "g 2.1",
                                  f"r 3 {REASON_21}", "A", "y", "q"]))
    assert code == 0, out.getvalue().decode()
    assert "退回文件已写出" in out.getvalue().decode()
    before = received.read_bytes()

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
    assert received.read_bytes() == before          # the unit's file was never written

    # 4. The officer receives the returned copy into the own file, then opens it (plain): the
    #    worklist of returned items with the reasons.
    got = zwgk("scores", "receive", returns / "某县人民政府办公室.toml", "--scores", own)
    assert got.code == 0 and "退回 2 项：1.3、2.1" in got.out and "调整 1 项：1.2" in got.out
    shown = plain_assess(own, ["q"])
    assert "复核退回的条目 2 项，请逐项修改：" in shown
    assert f"退回 1.3 增強解讀回應效果：理由：{REASON_13}" in shown
    assert f"退回 2.1 推進重要決策公開：理由：{REASON_21}" in shown
    assert "复核退回：理由：" + REASON_13 + "；复核人：李四" in shown

    # 5. … and in the TUI: only the returned items, the reason in the detail; 1.3 corrected.
    app = make_app(target=AssessTarget(checklist, own))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        tree = app.screen.query_one(ChecklistTree)
        assert [n.id for n in tree.rows if n.is_leaf] == ["1.3", "2.1"]
        assert tree.node.id == "1.3"
        assert f"复核退回：{REASON_13}（李四）" in app.screen.query_one(ItemDetail).text
        assert "筛选：退回（2）" in await see(pilot)
        await pilot.press("1")                      # 基本达标 → 达标
        await pilot.press("q")
    # … and 2.1 in plain mode, evidence only: no longer returned either.
    shown = plain_assess(own, ["e https://www.example.gov.cn/zwgk/2.1-补充.html", "q"])
    assert "复核退回的条目 1 项" in shown
    assert "复核退回的条目" not in plain_assess(own, ["q"])

    # 6. Exported again into the same inbox: a new name, the earlier file kept; the report
    #    counts the newest submission, with the untouched decisions and both changes flagged.
    assert zwgk("export", own, "-o", inbox).code == 0
    second = inbox / "某县人民政府办公室-2.toml"
    assert second.exists() and received.read_bytes() == before
    run, unit = report(zwgk, inbox, tmp_path)
    assert run.code == 0, run.out + run.err
    corrected = {**answers, "1.2": ("partial", None), "1.3": ("met", None)}
    assert abs(unit["total"] - figures(corrected)[0]) < 1e-9
    assert (unit["reviewed"], unit["returned"]) == (17, 0) and unit["file"] == str(second)
    messages = " ".join(w["message"] for w in unit["warnings"])
    assert "2 项在复核后被单位修改，待再次复核" in messages
    assert "已被较新的提交取代" in run.out
    # … and the review shows what changed on each.
    out = io.BytesIO()
    run_review(checklist, second, reviewer="李四", read_only=True, stdin=feed(["g 1.3", "g 2.1", "s", "q"]),
               stdout=out)
    said = out.getvalue().decode()
    assert "复核后单位已修改：状态 基本达标→达标；待再次复核" in said
    assert "复核后单位已修改：佐证 新增 1 条；待再次复核" in said
    assert "复核后单位已修改：2 项：1.3、2.1，待重新复核" in said


async def test_the_review_tree_marks_a_changed_answer(tmp_path, received, review_app, see, checklist):
    from zwgk_tui.model.assessment.saver import SyncSaver
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.model.review.session import open_review

    session = open_review(checklist, received.path, saver=SyncSaver())
    session.review("1.3", "return", reason="请补充", reviewer="李四")
    session.close()
    officer = Assessment.open(checklist, received.path, saver=SyncSaver())
    officer.add_evidence("1.3", "补充的解读链接")   # evidence only: a change all the same
    officer.close()
    app = review_app(received.path)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await see(pilot)
        row = next(line for line in shown.splitlines() if "1.3 " in line)
        assert "[已修改]" in row and row.rstrip().endswith("未复核")
        await pilot.press("down", "down")
        detail = app.screen.query_one("#detail").text
        assert "复核后单位已修改：" in detail and "佐证 新增 1 条" in detail and "退回" in detail
        await pilot.press("q")
