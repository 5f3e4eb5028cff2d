"""Mistakes are one plain line and the prompt again; nothing typed before them is lost."""

from __future__ import annotations

import errno
import hashlib

from zwgk_tui.plain.console import MAX_LINE


def error_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("错误：")]


def test_each_mistake_is_one_line_and_the_answers_survive(plain, mini_path):
    run = plain(mini_path, [
        "1",              # 1.1 met
        "foo",            # unknown command
        "55",             # a number without 分
        "21分",           # out of range for 1.2 (20 points)
        "-1分",
        "g 9.9",          # no such item
        "g",              # no id
        "g 2.1", "1",     # a status for a parent item
        "e 给上级", "c 说明", "l", "3分",  # the same for every answer command
        "g 1.2", "2",
    ])
    assert run.code == 0
    assert error_lines(run.out) == [
        "错误：不认识的命令“foo”；输入 ? 查看全部命令",
        "错误：不认识的命令“55”；要转到条目请输入 g 编号，打分请在数字后加“分”；输入 ? 查看全部命令",
        "错误：得分应在 0 到 20 分之间，1.2 没有修改",
        "错误：得分应在 0 到 20 分之间，1.2 没有修改",
        "错误：没有编号为 9.9 的条目",
        "错误：请在 g 后输入条目编号，如 g 2.1.3",
        *["错误：2.1 有下级条目，请对下级条目逐项评估"] * 5,
    ]
    items = run.items()
    assert items == {"1.1": items["1.1"], "1.2": items["1.2"]}
    assert items["1.1"]["status"] == "met" and items["1.2"]["status"] == "partial"
    assert "score" not in items["1.2"]


def test_a_status_with_a_bad_score_changes_nothing(plain, mini_path):
    run = plain(mini_path, ["1 11分", "2 2分"])
    assert error_lines(run.out) == ["错误：得分应在 0 到 10 分之间，1.1 没有修改"]
    answer = run.items()["1.1"]
    assert answer["status"] == "partial" and answer["score"] == 2


def test_scores_need_points_and_a_status_other_than_na(plain, tmp_path):
    path = tmp_path / "nopoints.toml"
    path.write_text(
        'format = "zwgk-checklist"\nversion = 1\nid = "np"\ntitle = "无分值清单"\n'
        '[[sections]]\nid = "1"\ntitle = "部分"\n'
        '[[sections.items]]\nid = "1.1"\ntitle = "无分值"\ntext = "只评状态。"\n'
        '[[sections.items]]\nid = "1.2"\ntitle = "有分值"\ntext = "打分。"\npoints = 5\n',
        encoding="utf-8",
    )
    run = plain(path, ["3分", "1", "4", "g 1.2", "2分", "2 1分"])
    assert error_lines(run.out) == [
        "错误：条目 1.1 没有分值，不能打分",
        "错误：1.2 为不适用，不计分；请先改为其他状态",
    ]
    assert "分值：本项未设分值，只评状态" in run.out
    items = run.items()
    assert items["1.1"] == {**items["1.1"], "status": "met"} and "score" not in items["1.1"]
    assert items["1.2"]["status"] == "partial" and items["1.2"]["score"] == 1


def test_a_gb18030_line_is_refused_not_fatal(plain, mini_path):
    data = b"1\n" + "e 国办发".encode("gb18030") + b"\n" + "e 国办发〔2019〕14号\n".encode()
    run = plain(mini_path, data)
    assert run.code == 0
    assert error_lines(run.out) == [
        "错误：这一行不是 UTF-8 编码（可能是 GBK 或 GB18030），没有执行；请把终端或文件的编码设为 UTF-8",
    ]
    assert run.items()["1.2"]["evidence"] == ["国办发〔2019〕14号"]


def test_a_gb18030_line_where_text_was_expected_cancels_that_command(plain, mini_path):
    data = b"e\n" + "佐证".encode("gb18030") + b"\nc\n\xff\xfe\n"
    run = plain(mini_path, data)
    assert run.code == 0
    assert len(error_lines(run.out)) == 2
    assert "1.1" not in run.items()


def test_an_overlong_line_is_dropped_whole(plain, mini_path):
    data = b"e " + b"x" * (MAX_LINE + 10) + b"\n1\n"
    run = plain(mini_path, data)
    assert error_lines(run.out) == ["错误：这一行太长（超过 1024 KB），没有执行"]
    assert run.items() == {"1.1": run.items()["1.1"]}
    assert run.items()["1.1"]["status"] == "met" and "evidence" not in run.items()["1.1"]


def test_end_of_input_in_the_middle_of_a_command(plain, mini_path, tmp_path):
    for n, (lines, lost) in enumerate([
        (["1", "e"], "佐证未添加"),
        (["1", "c"], "说明未修改"),
        (["1", "e 甲", "d"], "没有删除"),
        (["1", "/公开"], "留在本项"),
    ]):
        scores = tmp_path / f"eof{n}.toml"
        run = plain(mini_path, lines, scores=scores)
        assert run.code == 0
        assert f"输入已结束，{lost}。" in run.out
        assert run.out.rstrip().endswith("下次用同样的命令继续。")
        assert run.items()["1.1"]["status"] == "met"
        assert not (tmp_path / f"eof{n}.toml.lock").exists()


def test_end_of_input_without_a_trailing_newline_still_runs_the_last_line(plain, mini_path):
    run = plain(mini_path, b"1\n2")
    assert run.items()["1.2"]["status"] == "partial"


def test_crlf_and_a_bom_from_a_windows_answer_file(plain, mini_path):
    run = plain(mini_path, "\ufeff1\r\ne 文号\r\n2\r\n".encode())
    items = run.items()
    assert items["1.1"]["status"] == "met"
    assert items["1.2"]["evidence"] == ["文号"] and items["1.2"]["status"] == "partial"


def test_a_score_file_that_does_not_parse_exits_2_untouched(plain, mini_path, tmp_path, capsys):
    path = tmp_path / "broken.toml"
    data = b'format = "zwgk-scores"\nversion = 1\nunit = "x\n[items."1.1"]\n'
    path.write_bytes(data)
    run = plain(mini_path, ["1", "q"], scores=path)
    assert run.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}:3:")
    assert path.read_bytes() == data
    assert not (tmp_path / "broken.toml.lock").exists()
    assert run.out == ""


def test_a_score_file_of_another_checklist_exits_2(plain, mini_path, tmp_path, capsys):
    other = tmp_path / "other.toml"
    from zwgk_tui.model.assessment.synthetic import write_checklist

    write_checklist(other, 3)
    scores = tmp_path / "s.toml"
    plain(other, ["1"], scores=scores)
    before = hashlib.sha256(scores.read_bytes()).hexdigest()
    run = plain(mini_path, ["1"], scores=scores)
    assert run.code == 2
    assert "属于清单 'synthetic'" in capsys.readouterr().err
    assert hashlib.sha256(scores.read_bytes()).hexdigest() == before


def test_read_only_refuses_changes_but_shows_everything(plain, mini_path, tmp_path):
    scores = tmp_path / "ro.toml"
    plain(mini_path, ["1", "e 甲"], scores=scores)
    before = scores.read_bytes()
    run = plain(mini_path, ["g 1.1", "2", "e 乙", "c 丙", "d 1", "3分", "y", "s"],
                scores=scores, read_only=True)
    assert run.code == 0
    assert "只读打开：可以查看，不能修改。" in run.out
    assert "只读，1.1 请输入：" in run.out
    assert error_lines(run.out) == ["错误：只读打开：不能修改"] * 5
    assert "1.1 没有待确认的沿用答案或文字改动。" in run.out
    assert "已退出，只读打开，没有修改文件。" in run.out
    assert scores.read_bytes() == before


def test_a_failed_save_is_said_and_the_next_change_writes_everything(plain, mini_path, monkeypatch):
    import zwgk_tui.model.assessment.saver as saver

    real = saver.atomic_write
    calls = {"n": 0}

    def flaky(path, data, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:  # the second answer
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data, **kwargs)

    monkeypatch.setattr(saver, "atomic_write", flaky)
    run = plain(mini_path, ["1", "2", "3"])
    assert ("已记录但未保存：1.2 基本达标。\n保存失败（磁盘已满）：答案仍在内存中，下一次修改时会重试"
            in run.out)
    assert "已保存：2.1.1 未达标。" in run.out
    items = run.items()
    assert [items[i]["status"] for i in ("1.1", "1.2", "2.1.1")] == ["met", "partial", "unmet"]
