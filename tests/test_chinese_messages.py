"""Every message a user can meet is Chinese: the command line's own usage errors and --help,
TOML parse errors (with line and column), and the TUI's help names commands that work."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from zwgk_tui.errors import toml_error

ZWGK = Path(sys.executable).with_name("zwgk")
ENGLISH = re.compile(r"Usage:|Options:|Arguments:|Commands:|Error:|Show this message|Missing|No such|<=x|"
                     r"requires an argument|Try '|Invalid|Aborted|\[required\]")


def zwgk(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([str(ZWGK), *args], input=stdin, capture_output=True, timeout=60)


@pytest.mark.parametrize("args, said", [
    ((), None),
    (("assess",), "缺少参数 checklist"),
    (("nosuch",), "没有命令 nosuch"),
    (("assess", "x", "--bogus"), "没有选项 --bogus"),
    (("assess", "x", "--unit"), "选项 --unit 后面需要一个值"),
    (("report", "x", "--rows", "abc"), "不是有效的数字"),
    (("checklist",), None),
])
def test_usage_errors_are_chinese(args, said):
    if not args:
        args = ("--bogus-flag",)
        said = "没有选项 --bogus-flag"
    run = zwgk(*args)
    out = (run.stdout + run.stderr).decode("utf-8")
    assert not ENGLISH.search(out), out
    if said is not None:
        assert run.returncode == 2 and "错误：" in out and said in out, out
        assert "用法：zwgk" in out or "错误：" in out


@pytest.mark.parametrize("command", [(), ("assess",), ("review",), ("report",), ("checklist", "build"),
                                     ("scores", "list"), ("export",)])
def test_help_is_chinese_but_the_flag_names(command):
    run = zwgk(*command, "--help")
    out = run.stdout.decode("utf-8")
    assert run.returncode == 0 and "用法：zwgk" in out and "显示本帮助并退出。" in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize("text, line, column, words", [
    ("a = b", 1, 5, "值无效"),
    ('a = "x', 1, None, "字符串缺少结尾的引号"),
    ("a=1\na=2", 2, None, "不能覆盖已有的值"),
    ("[a\nb=1", 1, 3, "表头缺少结尾的 ]"),
    ("x", 1, None, "键后面缺少 ="),
])
def test_toml_errors_are_chinese_with_line_and_column(text, line, column, words):
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    error = toml_error(caught.value, "记录.toml", text)
    assert error.line == line and (column is None or error.column == column)
    assert words in str(error) and str(error).startswith(f"记录.toml:{line}")
    assert not re.search(r"[A-Za-z]{4,}", error.message.replace("TOML", "")), error.message


def test_the_help_screen_names_plain_commands_that_work():
    from zwgk_tui.tui.screens.help import INTRO

    assert "zwgk --plain" in INTRO
    run = zwgk("--plain")  # what the help tells a screen-reader user to type
    assert run.returncode == 0, run.stderr
    assert "逐行模式" in run.stdout.decode("utf-8")
