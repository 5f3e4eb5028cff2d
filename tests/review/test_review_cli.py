"""``zwgk review`` on the command line: finding the checklist, one-line errors with exit
status 2, files made against another version, and no Textual for --help."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zwgk_tui.model.review import session as reviewing

from .conftest import GUOWUYUAN


def test_help_does_not_load_textual(tmp_path):
    code = (
        "import sys\nsys.argv = ['zwgk', 'review', '--help']\n"
        "from zwgk_tui.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('TEXTUAL', sorted(m for m in sys.modules if m.split('.')[0] == 'textual'), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            timeout=120)
    assert "TEXTUAL []" in result.stderr
    assert "--reviewer" in result.stdout and "--read-only" in result.stdout


def test_the_checklist_is_found_from_the_file(received, zwgk):
    run = zwgk("review", received.path, "--plain", stdin="q\n")
    assert run.code == 0, run.err
    assert "2019年政務公開工作要點（2019-guowuyuan）" in run.out


@pytest.mark.parametrize("case", ["missing", "no checklist", "bad theme", "not toml"])
def test_errors_are_one_line_with_exit_status_2(tmp_path, zwgk, case):
    path = tmp_path / "记录.toml"
    args = ["review", path, "--plain"]
    if case == "no checklist":
        path.write_text('format = "zwgk-scores"\nversion = 1\nchecklist_id = "nowhere-2030"\n'
                        f'checklist_sha256 = "{"0" * 64}"\nunit = "某县"\nassessor = ""\n'
                        "created = 2026-11-20T09:00:00+08:00\nupdated = 2026-11-20T09:00:00+08:00\n",
                        encoding="utf-8")
    elif case == "bad theme":
        args += ["--theme", "pink"]
    elif case == "not toml":
        path.write_text("这不是 TOML = = \n", encoding="utf-8")
    run = zwgk(*args)
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1, run.err
    assert "Traceback" not in run.err
    expected = {"missing": "文件不存在", "no checklist": "找不到清单 'nowhere-2030'",
                "bad theme": "没有配色", "not toml": "记录.toml:1"}[case]
    assert expected in run.err


def test_a_file_made_against_another_version_is_only_shown_read_only(received, tmp_path, zwgk):
    """Decisions go to the store, never into the file: a file made against another version
    whose answered wording is unchanged (points moved) can be reviewed; reworded items can
    only be looked at."""
    edited = tmp_path / "2019-guowuyuan.toml"
    edited.write_text(GUOWUYUAN.read_text("utf-8").replace("points = 5", "points = 4", 1), encoding="utf-8")
    data = received.path.read_bytes()
    run = zwgk("review", received.path, "--checklist", edited, "--plain", stdin="a\nq\n")
    assert run.code == 0 and received.path.read_bytes() == data
    edited.write_text(GUOWUYUAN.read_text("utf-8").replace("積極回應社會關切。對政府", "積極回應社會關切。對各級政府"),
                      encoding="utf-8")
    run = zwgk("review", received.path, "--checklist", edited, "--plain", stdin="a\nq\n")
    assert run.code == 2 and "另一版本" in run.err and "--read-only" in run.err
    run = zwgk("review", received.path, "--checklist", edited, "--plain", "--read-only", stdin="q\n")
    assert run.code == 0 and "只读打开" in run.out
    assert received.path.read_bytes() == data


def test_the_reviewer_defaults_to_the_login_name(monkeypatch):
    assert reviewing.reviewer_name("  李四 ") == "李四"
    monkeypatch.setattr(reviewing.getpass, "getuser", lambda: "lisi")
    assert reviewing.reviewer_name(None) == "lisi"


def test_reviewed_by_default_as_the_login_name(received, zwgk, monkeypatch):
    monkeypatch.setattr(reviewing.getpass, "getuser", lambda: "lisi")
    assert zwgk("review", received.path, "--plain", stdin="a\nq\n").code == 0
    doc = received.doc()
    assert doc["items"]["1.1"]["review"]["reviewer"] == "lisi" and doc["review"]["reviewer"] == "lisi"
