"""Drive the plain mode with whole assessments: in-process through byte streams, or through
the installed ``zwgk`` command with standard input from a pipe or a file."""

from __future__ import annotations

import io
import os
import subprocess
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.plain.assess import run_assess

ROOT = Path(__file__).resolve().parents[2]
ZWGK = ROOT / ".venv" / "bin" / "zwgk"


@dataclass
class Run:
    code: int
    out: str
    path: Path

    def doc(self) -> dict:
        return tomllib.loads(self.path.read_text(encoding="utf-8"))

    def items(self) -> dict:
        return self.doc().get("items", {})


def feed(lines: str | bytes | list[str]) -> io.BytesIO:
    if isinstance(lines, list):
        lines = "".join(line + "\n" for line in lines)
    return io.BytesIO(lines if isinstance(lines, bytes) else lines.encode("utf-8"))


@pytest.fixture
def plain(tmp_path: Path):
    """``plain(checklist, lines, scores=..., **options)``: one in-process session."""

    def run(checklist_path, lines, *, scores: Path | None = None, unit="测试县政务公开办",
            assessor="张三", read_only=False, carry_from=None, width=None) -> Run:
        scores = scores or tmp_path / "scores.toml"
        out = io.BytesIO()
        code = run_assess(
            load_checklist(checklist_path), scores, unit=unit, assessor=assessor,
            read_only=read_only, carry_from=carry_from, stdin=feed(lines), stdout=out, width=width,
        )
        return Run(code, out.getvalue().decode("utf-8"), scores)

    return run


@pytest.fixture
def zwgk():
    """``zwgk(*args, input=...)``: the installed command, stdin from a pipe."""

    def run(*args: str, input: str | bytes = b"", env: dict | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
        data = input.encode("utf-8") if isinstance(input, str) else input
        return subprocess.run(
            [str(ZWGK), *args], input=data, capture_output=True, timeout=timeout,
            env=plain_env(env), cwd=ROOT,
        )

    return run


def plain_env(extra: dict | None = None) -> dict:
    """The test's environment without the developer's COLUMNS: no terminal, no wrapping."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return {**env, **(extra or {})}


@pytest.fixture
def hostile_checklist(tmp_path: Path) -> Path:
    """A checklist whose text holds escape sequences, NUL, bidi overrides and Rich markup."""
    esc = "\\u001b"
    text = f'''format = "zwgk-checklist"
version = 1
id = "hostile"
title = "恶意{esc}]0;窗口标题\\u0007文本清单[link=http://x]点我[/link]"
year = 2026
issuer = "测试"
doc_number = ""
date = 2026-01-01
source = {{ file = "x", sha256 = "" }}

[[sections]]
id = "1"
title = "第一部分{esc}[2J{esc}[H清屏"

[[sections.items]]
id = "1.1"
title = "推进{esc}[31m红色{esc}[0m公开[bold]加粗[/bold]\\u202e倒序\\u0000"
text = "正文\\u0000含空字符\\u0007响铃\\r回车\\u2066隔离\\u2069{esc}[5A上移\\u009b31m八位控制\\u2028分行\\t制表"
units = ["单位{esc}[1m粗体", "[red]红色单位[/red]"]
deadlines = ["年底前\\u200f"]
targets = ["不少于{esc}(0x{esc}(B2次"]
points = 10

[[sections.items]]
id = "1.2"
title = "普通条目"
text = "没有特殊字符。"
points = 10
'''
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


BIDI = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check_plain(out: str | bytes) -> None:
    """No escape, no control character but newline, no bidi control, no line separator."""
    data = out if isinstance(out, bytes) else out.encode("utf-8")
    assert b"\x1b" not in data
    text = data.decode("utf-8")
    for ch in text:
        if ch == "\n":
            continue
        assert unicodedata.category(ch) != "Cc", f"control character {ch!r}"
        assert ch not in BIDI, f"bidi control {ch!r}"
        assert ch not in "\u2028\u2029", f"separator {ch!r}"


@pytest.fixture
def assert_plain():
    return check_plain
