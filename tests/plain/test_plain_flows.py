"""Opening questions and worklists: carried answers, returned items, checklist drift, a lock."""

from __future__ import annotations

import re
from pathlib import Path

from zwgk_tui.model.assessment.lock import ScoreLock
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import load_checklist


def headings(out: str) -> list[str]:
    return [line.split("：", 1)[1].split()[0] for line in out.splitlines()
            if line.startswith("第 ") and "项，共" in line]


def last_year(tmp_path: Path, mini_path: Path) -> Path:
    """Last year's checklist: the same items under another id."""
    text = mini_path.read_text(encoding="utf-8")
    path = tmp_path / "mini-2025.toml"
    path.write_text(text.replace('id = "mini-2026"', 'id = "mini-2025"').replace("year = 2026", "year = 2025"),
                    encoding="utf-8")
    return path


def test_carry_from_last_year_then_confirm_or_change(plain, mini_path, tmp_path):
    old_checklist = last_year(tmp_path, mini_path)
    old = tmp_path / "2025.toml"
    plain(old_checklist, ["e 去年的佐证", "c 去年的说明", "1", "2", "3", "q"], scores=old)
    run = plain(mini_path, ["y", "1", "s", "u", "q"], carry_from=old)
    assert run.code == 0
    assert "从 2025.toml 沿用 3 项答案（状态、得分、佐证、说明），逐项确认后生效" in run.out
    assert "沿用待确认：答案沿用自上年记录 mini-2025 1.1；输入 y 确认，或重新作答" in run.out
    assert "佐证 1：去年的佐证" in run.out and "说明：去年的说明" in run.out
    assert "已确认：1.1 沿用的答案 达标。" in run.out
    assert "沿用待确认：2.1.1" in run.out  # in the summary: 1.2 was answered anew
    assert headings(run.out) == ["1.1", "1.2", "2.1.1", "2.1.3"]  # u: 2.1.3 was never answered
    items = run.items()
    assert items["1.1"]["status"] == "met" and "carried" not in items["1.1"]
    assert items["1.1"]["evidence"] == ["去年的佐证"]
    assert items["1.2"]["status"] == "met" and "carried" not in items["1.2"]
    assert items["2.1.1"]["status"] == "unmet" and items["2.1.1"]["carried"] == "mini-2025 2.1.1"
    again = plain(mini_path, ["y", "q"], scores=run.path)
    assert "从第一项未完成的条目继续：2.1.1。" in again.out
    assert "carried" not in again.items()["2.1.1"]


def test_carry_from_a_missing_file_exits_2(plain, mini_path, tmp_path, capsys):
    run = plain(mini_path, ["1"], carry_from=tmp_path / "nope.toml")
    assert run.code == 2
    assert "nope.toml: 文件不存在" in capsys.readouterr().err
    assert not (tmp_path / "scores.toml.lock").exists()


def review(path: Path, checklist_path: Path, returns: dict[str, str]) -> None:
    session = Assessment.open(load_checklist(checklist_path), path)
    for item_id, reason in returns.items():
        session.review(item_id, "return", reason=reason, reviewer="市政务公开办 李四")
    session.review("1.1", "accept", reviewer="市政务公开办 李四")
    session.close()


def test_returned_items_come_first_with_their_reasons(plain, mini_path, tmp_path):
    scores = tmp_path / "s.toml"
    plain(mini_path, ["1", "1", "1", "1", "1"], scores=scores)
    review(scores, mini_path, {"1.2": "佐证材料不足，请补充执行情况报告", "2.1.3": "抽查结果未公开"})
    run = plain(mini_path, ["e 执行情况报告", "2", "3", "s", "q"], scores=scores)
    out = run.out
    assert "复核退回的条目 2 项，请逐项修改：" in out
    assert "退回 1.2 推进执行公开：理由：佐证材料不足，请补充执行情况报告" in out
    assert "退回 2.1.3 开展季度抽查：理由：抽查结果未公开" in out
    assert "复核退回：理由：佐证材料不足，请补充执行情况报告；复核人：市政务公开办 李四" in out
    assert headings(out) == ["1.2", "2.1.3"]
    assert "退回的条目已逐项看过。" in out
    assert "全部 5 项都已评估；输入 s 查看汇总，q 退出。" in out
    assert "复核退回：" not in out.split("汇总：")[1]  # none left in the summary
    items = run.items()
    assert items["1.2"]["status"] == "partial" and items["1.2"]["evidence"] == ["执行情况报告"]
    assert items["2.1.3"]["status"] == "unmet"
    assert items["1.2"]["review"]["decision"] == "return"  # the reviewer's record stays
    later = plain(mini_path, ["g 1.1", "q"], scores=scores)
    assert "复核退回的条目" not in later.out
    assert "复核结果：认可；复核人：市政务公开办 李四" in later.out


def test_a_returned_item_answered_the_same_stays_returned(plain, mini_path, tmp_path):
    scores = tmp_path / "s.toml"
    plain(mini_path, ["1", "1", "1", "1", "1"], scores=scores)
    review(scores, mini_path, {"1.2": "请补充"})
    run = plain(mini_path, ["1", "q"], scores=scores)
    assert "退回的条目已逐项看过。仍为退回（状态和得分未改）：1.2。" in run.out


def reword(checklist: Path) -> None:
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text(text.replace('text = "推进执行公开。"', 'text = "全面推进执行公开。"'),
                         encoding="utf-8")


def test_checklist_drift_accept(plain, mini_copy, tmp_path):
    scores = tmp_path / "d.toml"
    plain(mini_copy, ["1", "2"], scores=scores)
    reword(mini_copy)
    run = plain(mini_copy, ["接受", "g 1.2", "q"], scores=scores)
    assert run.code == 0
    assert "清单在这份评估开始之后有改动：" in run.out
    assert "文字有改动：1.2（保留原答案，请核对）" in run.out
    assert "已按新清单调整答案并保存。" in run.out
    assert "文字已改动：作答之后清单中本条的文字有改动，请核对答案" in run.out
    assert run.doc()["checklist_sha256"] == load_checklist(mini_copy).sha256
    assert run.items()["1.2"]["status"] == "partial"


def test_checklist_drift_read_only_and_quit(plain, mini_copy, tmp_path):
    scores = tmp_path / "d.toml"
    plain(mini_copy, ["1", "2"], scores=scores)
    reword(mini_copy)
    before = scores.read_bytes()
    ro = plain(mini_copy, ["2", "g 1.2", "3", "q"], scores=scores)
    assert ro.code == 0
    assert "只读打开：按新清单显示答案，不修改文件。" in ro.out
    assert "当前答案：基本达标" in ro.out
    assert "错误：只读打开：不能修改" in ro.out
    for answer in (["3"], ["退出"], [], ["什么", "q"]):
        quit_run = plain(mini_copy, answer, scores=scores)
        assert quit_run.code == 1 and "没有打开评估记录。" in quit_run.out
    assert "请输入 1、2 或 3。" in quit_run.out
    assert scores.read_bytes() == before
    assert not (tmp_path / "d.toml.lock").exists()


def test_a_lock_left_by_a_dead_session_is_taken_over_and_said(plain, mini_path, tmp_path):
    scores = tmp_path / "s.toml"
    plain(mini_path, ["1"], scores=scores)
    (tmp_path / "s.toml.lock").write_text(
        '{"user": "wang", "host": "srv", "pid": 999999, "since": "2026-01-01T08:00:00+08:00"}',
        encoding="utf-8")
    run = plain(mini_path, ["q"], scores=scores)
    assert "上次打开这份记录的会话（wang@srv（进程 999999，自 2026-01-01T08:00:00+08:00 起））没有正常结束，已接管。" in run.out


def test_a_lock_held_in_this_process_asks_too(plain, mini_path, tmp_path):
    scores = tmp_path / "s.toml"
    plain(mini_path, ["1"], scores=scores)
    lock = ScoreLock(scores).acquire()
    try:
        run = plain(mini_path, ["好", "s", "q"], scores=scores)
    finally:
        lock.release()
    assert "只读打开：可以查看，不能修改。" in run.out
    assert "已退出，只读打开，没有修改文件。" in run.out


def test_plain_start_with_nothing_to_choose(tmp_path, monkeypatch):
    import io

    from zwgk_tui.plain import start

    monkeypatch.setattr(start.catalog, "entries", lambda dirs: [])
    out = io.BytesIO()
    code = start.run_start([], stdin=io.BytesIO(b""), stdout=out)
    text = out.getvalue().decode()
    assert code == 1
    assert "还没有评估记录。" in text and "没有找到清单" in text


def test_plain_start_lists_and_resumes_in_process(plain, mini_path, tmp_path):
    import io

    from zwgk_tui.model.paths import default_score_path
    from zwgk_tui.plain.start import run_start

    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "mini.toml").write_bytes(mini_path.read_bytes())
    path = default_score_path("mini-2026", "乙县")
    plain(folder / "mini.toml", ["1"], scores=path, unit="乙县")
    broken = path.with_name("坏文件.toml")
    broken.write_text("不是 TOML", encoding="utf-8")
    out = io.BytesIO()
    code = run_start([folder], stdin=io.BytesIO(b"?\n1\n2\nq\n"), stdout=out)
    text = out.getvalue().decode()
    assert code == 0
    assert text.count("本人的评估记录 1 份，选择后继续评估：") == 2  # ? lists again
    assert f"无法读取的记录：{broken}：" in text
    assert re.search(r"^编号 \d+：新建评估，清单 2026年示例政务公开工作要点（2026 年，mini-2026）。$",
                     text, re.MULTILINE)
    assert "新建评估，清单 2019年政務公開工作要點（2019 年，2019-guowuyuan）。" in text  # bundled
    assert "从第一项未完成的条目继续：1.2。" in text
