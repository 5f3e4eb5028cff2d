"""How commands are run against the hostile corpus and judged.

Commands run two ways: in bulk, many calls through the CLI entry in one child process
(``bulk.py``), and as the installed ``zwgk`` for a sample. Either way the child is waited for
with ``os.wait4`` so that its own peak memory is known, and killed after a timeout.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from zwgk_tui.textsafe import printable

HERE = Path(__file__).resolve().parent
ZWGK = Path(sys.executable).with_name("zwgk")
MINI = HERE.parent / "data" / "mini.toml"
MAX_SECONDS = 5.0            # any one command
MAX_MEMORY = 300 * 1024      # kilobytes of peak resident memory (ru_maxrss)

# What must never reach a terminal or a pipe from file content: C0 controls but newline,
# DEL, C1 controls, bidi controls, line/paragraph separators.
_BAD_BYTES = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]")
_BAD_CHARS = re.compile("[\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dirty(data: bytes) -> str | None:
    """Why ``data`` is not clean terminal output, or None."""
    match = _BAD_BYTES.search(data)
    if match:
        return f"byte {match.group()!r} at {match.start()}: …{data[max(0, match.start() - 60):match.end() + 20]!r}"
    text = data.decode("utf-8", "replace")
    found = _BAD_CHARS.search(text)
    if found:
        return f"character {found.group()!r} at {found.start()}: …{text[max(0, found.start() - 60):found.end() + 20]!r}"
    return None


def named(path: Path | str, text: str) -> bool:
    """The message names the file as it is printed (controls shown as escapes)."""
    return printable(str(path)) in text or printable(Path(path).name) in text


@dataclass
class Outcome:
    args: list[str]
    code: int
    out: bytes
    err: bytes
    elapsed: float
    exception: str | None = None

    def describe(self) -> str:
        return (f"zwgk {' '.join(printable(a)[:120] for a in self.args)} → {self.code} in {self.elapsed:.2f} s\n"
                f"stderr: {self.err[:600]!r}\nstdout tail: {self.out[-600:]!r}")


@dataclass
class Child:
    """What ``os.wait4`` says of a finished child."""

    status: int
    max_rss_kb: int
    seconds: float
    killed: bool = False
    outcomes: list[Outcome] = field(default_factory=list)


def wait_child(argv: list[str], *, env: dict, timeout: float, stdin: bytes = b"",
               cwd: Path | None = None) -> tuple[Child, bytes, bytes]:
    """Run ``argv`` through ``measure.py`` (so its peak memory is its own, not this worker's);
    output to files; kill the whole group after ``timeout``."""
    with tempfile.TemporaryDirectory() as scratch:
        files = {name: Path(scratch) / name for name in ("in", "out", "err", "result")}
        files["in"].write_bytes(stdin)
        launcher = [sys.executable, str(HERE / "measure.py"), str(files["result"]), "--", *argv]
        with files["in"].open("rb") as given, files["out"].open("wb") as out, files["err"].open("wb") as err:
            proc = subprocess.Popen(launcher, stdin=given, stdout=out, stderr=err, env=env, cwd=cwd,
                                    start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            proc.wait()
        finally:
            timer.cancel()
        with contextlib.suppress(ProcessLookupError):  # anything it left running
            os.killpg(proc.pid, signal.SIGKILL)
        if killed.is_set() or not files["result"].exists():
            child = Child(-9, 0, timeout, killed=True)
        else:
            measured = json.loads(files["result"].read_text())
            child = Child(os.waitstatus_to_exitcode(measured["status"]), measured["max_rss_kb"],
                          measured["seconds"])
        return child, files["out"].read_bytes(), files["err"].read_bytes()


def child_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "ZWGK_PLAIN", "NO_COLOR")}
    env.update(ZWGK_DATA_DIR=str(data_dir), ZWGK_CONFIG=str(data_dir / "config.toml"), LANG="C.UTF-8")
    return env


def run_bulk(jobs: list[dict], folder: Path, data_dir: Path, timeout: float = 600.0) -> Child:
    """Every job through the CLI entry in one child process; fails on a hang (naming the job)."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs_file, progress, results = folder / "jobs.json", folder / "progress", folder / "results.jsonl"
    jobs_file.write_text(json.dumps(jobs), "utf-8")
    child, _, err = wait_child([sys.executable, str(HERE / "bulk.py"), str(jobs_file), str(progress), str(results)],
                               env=child_env(data_dir), timeout=timeout, cwd=folder)
    lines = results.read_text("utf-8").splitlines() if results.exists() else []
    for line in lines:
        raw = json.loads(line)
        child.outcomes.append(Outcome(jobs[raw["i"]]["args"], raw["code"], raw["out"].encode("latin-1"),
                                      raw["err"].encode("latin-1"), raw["elapsed"], raw["exception"]))
    if child.killed or len(child.outcomes) < len(jobs):
        stuck = progress.read_text().split()[-1:] if progress.exists() else []
        job = jobs[int(stuck[0])]["args"] if stuck else "?"
        pytest.fail(f"the bulk run did not finish ({'killed after timeout' if child.killed else child.status}); "
                    f"it was running: zwgk {job}\n{err[-2000:]!r}")
    return child


@dataclass
class Corpus:
    root: Path
    scores: list[Path]          # hostile score files (and special entries) in ``inbox``
    checklists: list[Path]      # hostile checklists
    inbox: Path
    checklist_dir: Path         # the real mini checklist, for --checklists
    mini: Path
    good: Path                  # one sound exported file
    specials: list[Path]


