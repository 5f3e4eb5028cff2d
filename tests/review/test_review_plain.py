"""The same review through ``--plain``: in-process streams, and the installed command with
standard input from a pipe."""

from __future__ import annotations

import io
import subprocess

from zwgk_tui.model.assessment.lock import ScoreLock
from zwgk_tui.model.assessment.serialize import digest
from zwgk_tui.model.assessment.submit import verify
from zwgk_tui.plain.review import run_review

from .conftest import ZWGK, assert_plain_text, figures, num

SESSION = [
    "a",                              # 1.1 认可
    "2 佐证只有一半，请补充。",          # 1.2 调整为基本达标, reason on the same line
    "r",                              # 1.3 退回, reason on the next line
    "未附解读材料链接",
    "r 2 4分 没有按季度公开",           # 2.1 退回 as 基本达标 with 4 points
    "1 5分 不应为不适用",               # 2.2 调整为达标 5 points …
    "g 2.2",
    "x",                              # … then cleared: it has a reason, so asked
    "y",
    "g 1.1",
    "０",                              # full-width 0 clears too; an accept has no reason
    "A",                              # accept every other complete item
    "y",
    "s",
    "q",
]


def lines(items: list[str]) -> bytes:
    return "".join(item + "\n" for item in items).encode("utf-8")


def run(checklist, path, items, **options):
    out = io.BytesIO()
    code = run_review(checklist, path, reviewer="李四", read_only=options.pop("read_only", False),
                      stdin=io.BytesIO(lines(items)), stdout=out, **options)
    return code, out.getvalue().decode("utf-8")


def check_file(received, before: dict) -> None:
    doc = received.doc()
    items = doc["items"]
    assert items["1.1"]["review"]["decision"] == "accept"
    assert (items["1.2"]["review"]["decision"], items["1.2"]["review"]["status"],
            items["1.2"]["review"]["reason"]) == ("adjust", "partial", "佐证只有一半，请补充。")
    assert items["1.3"]["review"]["decision"] == "return" and "status" not in items["1.3"]["review"]
    assert items["1.3"]["review"]["reason"] == "未附解读材料链接"
    review = items["2.1"]["review"]
    assert (review["decision"], review["status"], review["score"], review["reason"]) == \
        ("return", "partial", 4.0, "没有按季度公开")
    assert items["2.2"]["review"]["decision"] == "accept"
    for item_id, (status, _) in received.answers.items():
        assert items[item_id]["review"]["self_status"] == status
        assert items[item_id]["review"]["reviewer"] == "李四"
    assert verify(doc) is True and digest(doc) == digest(before)


def test_a_whole_review_in_process(received, checklist):
    before = received.doc()
    code, out = run(checklist, received.path, SESSION)
    assert code == 0, out
    check_file(received, before)
    assert_plain_text(out)
    assert "提交：已提交，内容未改动" in out
    assert "第 1 项，共 19 项：1.1 深入解讀重要政策措施" in out
    assert "佐证 2：" in out and "文件未变" in out
    assert "已保存：1.2 调整为基本达标；理由：佐证只有一半，请补充。" in out
    assert "请输入退回理由（必填），直接回车取消：" in out
    assert "已保存：2.1 退回，复核状态基本达标；理由：没有按季度公开" in out
    assert "已保存：2.2 的复核已清除" in out and "已保存：1.1 的复核已清除" in out
    assert "将认可 16 项" in out
    own = figures(received.answers)
    after = figures({**received.answers, "1.2": ("partial", None), "2.1": ("partial", 4.0)})
    assert f"自评：得分 {num(own[0])} 分，满分 {num(own[1])} 分，得分率 {own[2]:.1f}%，等次 {own[3]}" in out
    assert f"复核后：得分 {num(after[0])} 分，满分 {num(after[1])} 分，得分率 {after[2]:.1f}%，等次 {after[3]}" in out
    assert "认可：16 项" in out and "调整：1 项：1.2" in out and "退回：2 项：1.3、2.1" in out
    assert "已退出。复核已保存在" in out


def test_a_whole_review_from_a_pipe(received):
    before = received.doc()
    done = subprocess.run([str(ZWGK), "review", str(received.path), "--plain", "--reviewer", "李四"],
                          input=lines(SESSION), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    check_file(received, before)
    assert_plain_text(done.stdout.decode("utf-8"))
    assert not received.path.with_name(received.path.name + ".lock").exists()


def test_end_of_input_ends_saved_and_a_missing_reason_changes_nothing(received, checklist):
    code, out = run(checklist, received.path, ["a", "3"])
    assert code == 0
    assert "输入已结束，没有调整" in out and "复核已保存在" in out
    items = received.doc()["items"]
    assert items["1.1"]["review"]["decision"] == "accept" and "review" not in items["1.2"]
    code, out = run(checklist, received.path, ["r", "", "q"])   # Enter alone cancels
    assert "已取消，没有退回" in out
    assert "review" not in received.doc()["items"]["1.2"]


def test_mistakes_are_one_line_and_change_nothing(received, checklist):
    code, out = run(checklist, received.path,
                    ["2 99分 太高", "r 8分 没有状态", "g 1", "a", "zz", "u", "q"])
    assert code == 0
    assert "错误：复核得分应在 0 到 6 分之间，1.1 没有修改" in out
    assert "错误：给出复核得分时，请同时给出复核状态" in out
    assert "错误：1 有下级条目，请在下级条目上复核" in out
    assert "错误：不认识的命令“zz”" in out
    assert "review" not in received.doc()["items"]["1.1"]


def test_read_only_and_the_lock(received, checklist):
    data = received.path.read_bytes()
    code, out = run(checklist, received.path, ["a", "q"], read_only=True)
    assert "错误：只读打开：不能复核" in out and "只读，1.1 复核：" in out
    from .conftest import store_path

    doc = received.file_doc()
    store = store_path(doc["checklist_id"], doc["unit"])   # another supervisor reviewing this unit
    store.parent.mkdir(parents=True, exist_ok=True)
    lock = ScoreLock(store).acquire()
    try:
        code, out = run(checklist, received.path, ["n"])
        assert code == 1 and "没有打开评估记录" in out
        code, out = run(checklist, received.path, ["y", "a", "q"])
        assert code == 0 and "只读打开" in out and "错误：只读打开：不能复核" in out
    finally:
        lock.release()
    assert received.path.read_bytes() == data


def test_hostile_text_in_the_file_is_printed_as_plain_text(received, checklist):
    from zwgk_tui.model.assessment.answers import Review
    from zwgk_tui.model.assessment.parse import read_scores
    from zwgk_tui.model.assessment.serialize import dumps
    from zwgk_tui.model.assessment.submit import submit

    scores = read_scores(received.path)
    scores.items["1.1"].note = "说明\x1b[2J\x1b]0;标题\x07[bold]粗[/bold]\u202e"
    scores.items["1.1"].review = Review("return", reason="理由\x1b[31m红\u2028分行", reviewer="王\x00五",
                                        self_status="met")
    submit(scores)
    received.path.write_text(dumps(scores), encoding="utf-8")
    code, out = run(checklist, received.path, ["g 1.1", "s", "q"])
    assert code == 0
    assert_plain_text(out)
    assert "说明：说明标题[bold]粗[/bold]" in out or "说明：说明[bold]粗[/bold]" in out
    assert "退回；理由：理由红 分行；复核人：王五" in out
