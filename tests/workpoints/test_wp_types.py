"""The builder's types hold: ``mypy --strict`` on ``src/zwgk_tui/workpoints`` finds nothing.

Run as a subprocess (the installed mypy, a fresh cache in a temporary folder) with a
timeout, so a hang fails the test instead of the suite."""

from __future__ import annotations

import subprocess
import sys

from wp_helpers import ROOT

PACKAGES = ["src/zwgk_tui/workpoints"]


def test_mypy_strict_is_clean(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-color-output", "--cache-dir", str(tmp_path),
         *PACKAGES],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout
