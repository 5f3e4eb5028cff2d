"""The command as a supervisor meets it: exit statuses, plain output, colour, import
hygiene, the progress bar."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

ALL_MET = {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "met", "2.u1": "met"}
ESCAPE_OR_BOX = re.compile(r"[\x1b\x07\u2500-\u259f]")


def zwgk_process(*args, env=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk_tui", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120, **kwargs)


def test_exit_status_zero_one_two(zwgk, tmp_path, inbox, make_unit):
    checklist = tmp_path / "checklists" / "mini.toml"
    make_unit("甲", ALL_MET)
    assert zwgk("report", inbox, "--checklist", checklist).code == 0
    (inbox / "bad.toml").write_text("不是 TOML")
    run = zwgk("report", inbox, "--checklist", checklist)
    # a long temp path folds at 80 columns, maybe inside the name: look at it unfolded
    assert run.code == 1 and "bad.toml" in run.out.replace("\n", "") and "未计入" in run.err
    empty = tmp_path / "empty"
    empty.mkdir()
    usage = {
        "no files": ("report",),
        "missing": ("report", tmp_path / "nowhere", "--checklist", checklist),
        "empty folder": ("report", empty, "--checklist", checklist),
        "extension": ("report", inbox, "--checklist", checklist, "-o", tmp_path / "r.docx"),
        "output folder": ("report", inbox, "--checklist", checklist, "-o", tmp_path / "no" / "r.xlsx"),
        "checklist": ("report", inbox, "--checklist", tmp_path / "nosuch.toml"),
        "checklist id": ("report", inbox, "--checklist", "no-such-list"),
    }
    for case, args in usage.items():
        run = zwgk(*args)
        assert run.code == 2, (case, run)
        assert run.err.strip() and "Traceback" not in run.err, case
        assert len(run.err.strip().splitlines()) == 1, (case, run.err)


def test_the_checklist_is_found_from_the_files(zwgk, tmp_path, inbox, make_unit):
    make_unit("甲", ALL_MET)
    run = zwgk("report", inbox, "--checklists", tmp_path / "checklists", "--plain")
    assert run.code == 0 and "2026年示例政务公开工作要点" in run.out
    run = zwgk("report", inbox, "--plain")          # not in the catalogue: say how to fix it
    assert run.code == 2 and "mini-2026" in run.err and "--checklist" in run.err


def test_plain_output_has_no_escape_bytes_or_box_drawing(tmp_path, inbox, make_unit, review):
    path = make_unit("[bold]甲[/bold]\x1b[31m", ALL_MET)
    review(path, "1.2", "adjust", status="partial")
    make_unit("乙", {"1.1": "unmet"})
    (inbox / "bad.toml").write_bytes(b"\x1b[2J\x1b]0;pwned\x07 = 1\n")
    result = zwgk_process("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "--plain",
                          env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "120"})
    assert result.returncode == 1
    assert not ESCAPE_OR_BOX.search(result.stdout), ESCAPE_OR_BOX.search(result.stdout)
    assert not ESCAPE_OR_BOX.search(result.stderr)
    assert "[bold]甲[/bold]" in result.stdout and "bad.toml" in result.stdout
    assert "已复核 1 项，调整 1 项" in result.stdout


def test_no_color_means_no_colour_codes(tmp_path, inbox, make_unit):
    make_unit("甲", ALL_MET)
    make_unit("乙", {"1.1": "unmet", "1.2": "unmet"})
    args = ("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml")
    coloured = zwgk_process(*args, env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert re.search(r"\x1b\[[0-9;]*3[0-7]m", coloured.stdout)      # bars are coloured …
    plain = zwgk_process(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"})
    assert not re.search(r"\x1b\[[0-9;]*(3[0-9]|9[0-7]|4[0-9])m", plain.stdout)   # … never under NO_COLOR
    assert "甲" in plain.stdout and "█" in plain.stdout
    ascii_only = zwgk_process(*args, "--ascii", env={"NO_COLOR": "1", "COLUMNS": "120"})
    assert ascii_only.returncode == 0 and not re.search(r"[^\x00-\x7f\u3000-\u9fff\uff00-\uffef]",
                                                        re.sub(r"[“”…—]", "", ascii_only.stdout))


def test_report_and_diff_never_import_textual(tmp_path, inbox, make_unit):
    make_unit("甲", ALL_MET)
    checklist = tmp_path / "checklists" / "mini.toml"
    for args in ([ "report", str(inbox), "--checklist", str(checklist), "-o", str(tmp_path / "r.xlsx")],
                 ["checklist", "diff", str(checklist), str(checklist)]):
        code = (
            "import sys\n"
            f"sys.argv = ['zwgk', *{args!r}]\n"
            "from zwgk_tui.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
            "print('TEXTUAL', bad, file=sys.stderr)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert "TEXTUAL []" in result.stderr, result.stderr[-2000:]


@pytest.fixture
def many(tmp_path) -> tuple[Path, Path]:
    from zwgk_tui.model.assessment.synthetic import write_checklist, write_score_files

    checklist = write_checklist(tmp_path / "big.toml", 20)
    folder = tmp_path / "many"
    write_score_files(checklist, folder, 260)
    return checklist, folder


def test_progress_only_on_a_terminal(many):
    checklist, folder = many
    piped = zwgk_process("report", folder, "--checklist", checklist, "--no-cache")
    assert piped.returncode == 0 and "检查评估记录" not in piped.stderr
    main, child = pty.openpty()
    with open(os.devnull, "w") as null:
        process = subprocess.Popen([sys.executable, "-m", "zwgk_tui", "report", str(folder), "--checklist",
                                    str(checklist), "--no-cache"], stdout=null, stderr=child)
    os.close(child)
    seen = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if not select.select([main], [], [], 0.2)[0]:
                continue
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        os.close(main)
    assert "检查评估记录".encode() in seen
    plain_main, plain_child = pty.openpty()
    result = subprocess.run([sys.executable, "-m", "zwgk_tui", "report", str(folder), "--checklist",
                             str(checklist), "--no-cache", "--plain"], stdout=subprocess.DEVNULL,
                            stderr=plain_child, timeout=120)
    os.close(plain_child)
    os.set_blocking(plain_main, False)
    try:
        tail = os.read(plain_main, 65536)
    except OSError:
        tail = b""
    os.close(plain_main)
    assert result.returncode == 0 and "检查评估记录".encode() not in tail


def test_the_terminal_view_fits_80_columns(zwgk, tmp_path, inbox, make_unit, review, monkeypatch):
    from zwgk_tui.textsafe import width

    monkeypatch.setenv("COLUMNS", "80")
    path = make_unit("县人力资源社会保障局", ALL_MET)
    review(path, "1.2", "adjust", status="partial")
    make_unit("城关镇", {"1.1": "unmet"})
    run = zwgk("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml")
    assert run.code == 0
    assert max(width(line) for line in run.out.splitlines()) <= 80
    assert "县人力资源社会保障局" in run.out                      # a long name is not cut
    assert "已复核 1" in run.out and "已复核1项，调整1项" in re.sub(r"\s+", "", run.out)


def test_plain_lines_wrap_at_columns_for_braille_displays(zwgk, tmp_path, inbox, make_unit, monkeypatch):
    from zwgk_tui.textsafe import width

    make_unit("县人力资源社会保障局政务公开办公室", ALL_MET)
    args = ("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "--plain")
    unwrapped = zwgk(*args).out                         # not a terminal, no COLUMNS: lines stay whole
    assert "  第 1 名 县人力资源社会保障局政务公开办公室：得分 103.00，满分 100.00，得分率 103.00%，等级 优秀\n" in unwrapped
    monkeypatch.setenv("COLUMNS", "40")
    wrapped = zwgk(*args).out.splitlines()
    assert max(width(line) for line in wrapped) <= 40
    first = wrapped.index("排名") + 1
    assert wrapped[first].startswith("  第 1 名") and wrapped[first + 1].startswith("    ")


def test_output_that_is_not_a_terminal_is_never_wrapped(tmp_path, checklist, make_unit):
    """``zwgk report DIR | cat`` and a redirect: a path, a unit name and a reason each stay on
    one line however long (Rich alone wraps at 80 when stdout is not a terminal)."""
    deep = tmp_path / ("收件箱" + "子" * 60) / ("x" * 120)
    deep.mkdir(parents=True)
    name = "县人力资源和社会保障局政务公开办公室" * 3
    make_unit(name, ALL_MET, folder=deep)
    bad = deep / ("坏文件" * 20 + ".toml")
    bad.write_text("不是 TOML")
    args = ("report", tmp_path / ("收件箱" + "子" * 60), "--checklist", tmp_path / "checklists" / "mini.toml")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    for extra in ((), ("--plain",)):
        piped = subprocess.run([sys.executable, "-m", "zwgk_tui", *map(str, args), *extra],
                               capture_output=True, text=True, env=env, timeout=120)
        with open(tmp_path / "out.txt", "w") as out:
            redirected = subprocess.run([sys.executable, "-m", "zwgk_tui", *map(str, args), *extra],
                                        stdout=out, stderr=subprocess.DEVNULL, env=env, timeout=120)
        for code, text in ((piped.returncode, piped.stdout),
                           (redirected.returncode, (tmp_path / "out.txt").read_text())):
            assert code == 1, extra
            lines = text.splitlines()
            problem = [line for line in lines if str(bad) in line]
            assert problem and "TOML" in problem[0], (extra, text)   # path and reason, one line
            assert any(name in line for line in lines), (extra, text)
