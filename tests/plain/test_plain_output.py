"""What reaches the terminal: plain text only, wrapped by display width, no UI libraries."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap

from zwgk_tui.textsafe import width

EVERYTHING = ["r", "", "e 佐证\x1b[31m红\x07", "c 说明\u202e倒", "l", "s", "?", "/红色", "1",
              "g 1", "/公开", "1", "1", "s", "q"]


def test_hostile_checklist_prints_as_plain_text(plain, hostile_checklist, assert_plain):
    run = plain(hostile_checklist, EVERYTHING)
    assert run.code == 0
    assert_plain(run.out)
    # markup is text, shown as it is; escape sequences and controls are gone
    assert "第 1 项，共 2 项：1.1 推进红色公开[bold]加粗[/bold]倒序" in run.out
    assert "责任单位：单位粗体、[red]红色单位[/red]" in run.out
    assert "部分 1：第一部分清屏" in run.out
    assert "清单：恶意文本清单[link=http://x]点我[/link]（hostile）" in run.out
    items = run.items()
    assert items["1.1"]["evidence"] == ["佐证红"]  # typed escape sequences are not stored
    assert items["1.1"]["note"] == "说明倒"


def test_hostile_score_file_text_prints_as_plain_text(plain, hostile_checklist, tmp_path, assert_plain):
    """Text in a score file made elsewhere (a reviewer's reason, the unit) is cleaned too."""
    from zwgk_tui.model.assessment.serialize import dumps
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.model.checklist import load_checklist

    scores = tmp_path / "s.toml"
    checklist = load_checklist(hostile_checklist)
    session = Assessment.open(checklist, scores, unit="单位")
    session.set_status("1.1", "met")
    session.review("1.1", "return", reason="理由", reviewer="李四")
    session.close()
    # What another tool may have written: the model's own setters would have cleaned it.
    made = session.scores
    made.unit, made.assessor = "单位\x1b[2J\u202e", "评\x00估"
    answer = made.items["1.1"]
    answer.evidence.append("证\x1b]8;;http://x\x07链接\x1b]8;;\x07")
    answer.note = "注\r\n第二行\x9b1m"
    answer.review.reason, answer.review.reviewer = "理由\x1b[5m闪烁", "李\u2066四"
    scores.write_text(dumps(made), encoding="utf-8")
    run = plain(hostile_checklist, ["", "r", "s", "q"], scores=scores)
    assert_plain(run.out)
    assert "复核退回：理由：理由闪烁；复核人：李四" in run.out
    assert "佐证 1：证链接" in run.out
    assert "说明：注\n  第二行1m" in run.out
    assert "单位：单位；评估人：评估。" in run.out


def test_lines_follow_the_given_width_by_display_width(plain, mini_path, tmp_path, assert_plain):
    from zwgk_tui.model.assessment.synthetic import write_checklist

    path = write_checklist(tmp_path / "c.toml", 12)
    run = plain(path, ["r", "s", "?", "/任务", "", "q"], width=30)
    lines = run.out.splitlines()
    assert max(width(line) for line in lines) <= 30
    assert any(line.startswith("  ") for line in lines)  # continuation lines are indented
    assert_plain(run.out)


def test_a_width_wraps_and_no_terminal_means_no_wrapping(plain, mini_path, monkeypatch):
    narrow = plain(mini_path, ["q"], width=24)  # --width 24
    body = [line for line in narrow.out.splitlines() if "请输入" not in line]
    assert max(width(line) for line in body) <= 24
    monkeypatch.setenv("COLUMNS", "24")  # a terminal's COLUMNS does not wrap a pipe or a file
    wide = plain(mini_path, ["q"])
    assert ("正文：实行重大决策预公开。重要改革方案在决策前向社会公布草案，征求意见时间不少于30日。"
            "（县政府办公室牵头，各乡镇负责落实）") in wide.out.splitlines()


def test_closing_punctuation_starts_a_line_only_after_a_word_that_filled_one(plain, mini_path):
    """Punctuation goes with the word before it; only when that word alone fills a line (a
    word is never split for it) does the punctuation begin the next one."""
    run = plain(mini_path, ["q"], width=20)
    lines = run.out.splitlines()
    for before, line in itertools.pairwise(lines):
        if line.lstrip().startswith(("，", "。", "；", "：", "）")):
            assert width(before) + 2 > 20, (before, line)


def test_the_plain_package_never_imports_textual_or_rich(tmp_path, mini_path):
    script = textwrap.dedent(f"""
        import io, sys
        from zwgk_tui.model.checklist import load_checklist
        from zwgk_tui.plain.assess import run_assess
        from zwgk_tui.plain.start import run_start
        lines = "r\\n\\ns\\n?\\n/公开\\n1\\ne 甲\\nc 乙\\nl\\nd 1\\ng 2.1\\n1\\nq\\n".encode()
        out = io.BytesIO()
        code = run_assess(load_checklist({str(mini_path)!r}), {str(tmp_path / 's.toml')!r},
                          unit="单位", assessor="", read_only=False, carry_from=None,
                          stdin=io.BytesIO(lines), stdout=out)
        assert code == 0, code
        run_start([], stdin=io.BytesIO(b"1\\nq\\n"), stdout=io.BytesIO())
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
        print(",".join(loaded))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_every_field_of_an_item_is_labelled(plain, tmp_path):
    path = tmp_path / "fields.toml"
    path.write_text('''format = "zwgk-checklist"
version = 1
id = "fields"
title = "字段清单"
[scoring]
bonus_cap = 2
fail_grade = "不合格"
[[sections]]
id = "1"
title = "部分一"
[[sections.items]]
id = "1.1"
title = "任务分解"
text = "按任务分解表落实。"
deadlines = ["6月底前", "每季度"]
targets = ["100%"]
points = 4
partial = 0.25
veto = true
[[sections.items.requirements]]
text = "建立政策解读机制"
units = ["市政府办公室", "各县区"]
deadlines = ["年底前"]
[[sections.items]]
id = "1.u1"
title = "无编号段落"
text = "各地要加强组织领导。"
unnumbered = true
bonus = true
points = 1
''', encoding="utf-8")
    run = plain(path, ["q"])
    assert run.code == 0, run.out
    for line in (
        "第 1 项，共 2 项：1.1 任务分解",
        "所属：1 部分一",
        "正文：按任务分解表落实。",
        "分解任务 1：建立政策解读机制；责任单位：市政府办公室、各县区；时限：年底前",
        "时限：6月底前、每季度",
        "指标：100%",
        "分值：4 分，基本达标得 1 分",
        "单项否决：是，本项未达标时总评为不合格",
        "当前答案：未评",
    ):
        assert line in run.out.splitlines(), line
    run = plain(path, ["g 1.u1", "q"])
    assert "加分项：是，不计入满分，加分项合计最多加 2 分" in run.out
    assert "无编号段落：原文此段没有编号，编号 1.u1 是清单所加" in run.out


def test_zwgk_assess_plain_never_loads_textual_or_rich(tmp_path, mini_path):
    """The whole command, Typer included, on the plain path."""
    script = textwrap.dedent(f"""
        import io, sys
        sys.argv = ["zwgk", "assess", {str(mini_path)!r}, "--unit", "县", "--plain",
                    "--scores", {str(tmp_path / 's.toml')!r}]
        sys.stdin = io.TextIOWrapper(io.BytesIO("1\\ns\\n/公开\\n?\\nq\\n".encode()))
        from zwgk_tui.cli import main
        try:
            main()
        except SystemExit as exc:
            assert exc.code == 0, exc.code
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
        print(",".join(loaded), file=sys.stderr)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""
