"""The README's quick start is what CI runs, and the code is ruff clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README 快速开始 has no ```sh block"
    return [
        line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]


def test_quick_start_is_exactly_two_commands_launch_then_test():
    commands = _quick_start_commands()
    assert len(commands) == 2, commands
    launch, test = commands
    assert launch.startswith("python3 -m venv .venv && ")
    assert re.search(r"\.venv/bin/zwgk assess \S+ --unit \S+ --assessor \S+$", launch), launch
    bundled = re.search(r"zwgk assess (\S+)", launch).group(1)
    assert (ROOT / "checklists" / f"{bundled}.toml").is_file(), bundled
    assert test.startswith("python3 -m venv .venv && ")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    test = _quick_start_commands()[1]
    ci_lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci_lines[-1] == test, (ci_lines[-1], test)


def test_the_code_is_ruff_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: it is part of the test extra (pip install -e '.[test]')")
    done = subprocess.run(
        [ruff, "check", "--no-cache", "src", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
