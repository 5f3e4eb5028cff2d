"""Run a terminal program under a pseudo-terminal and count what it costs: time and bytes.

    python benchmarks/ptyharness.py [--items 2000] [--keys 200] [--cols 80 --rows 24]

compares ``zwgk assess`` on a generated checklist with a bare Textual app showing an
OptionList of as many lines (benchmarks/bare_app.py):
- start-up: from spawn until a known string has been drawn and output goes quiet;
- keystroke latency: from writing a key until the screen update has been written (p50/p95);
- bytes written to the terminal per navigation keystroke.

``Pty`` is the reusable part (the benchmark engineer's harness builds on it).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOWN = b"\x1b[B"
UP = b"\x1b[A"


@dataclass
class Keystroke:
    key: bytes
    bytes_out: int
    first_byte: float  # seconds from write to the first byte of the answer
    done: float        # seconds from write to the last byte before output went quiet


@dataclass
class Pty:
    """A program on a pseudo-terminal of a given size."""

    argv: list[str]
    cols: int = 80
    rows: int = 24
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    fd: int = -1
    output: bytearray = field(default_factory=bytearray)
    started: float = 0.0

    def spawn(self) -> Pty:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(self.cols),
               "LINES": str(self.rows), **self.env}
        env.pop("TEXTUAL", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            self.argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
            start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.fd = master
        return self

    def read(self, timeout: float) -> bytes:
        """What arrives within ``timeout`` seconds (b"" if nothing)."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the program has gone
            return b""
        self.output.extend(data)
        return data

    def wait_for(self, needle: bytes, timeout: float = 20.0) -> float:
        """Seconds since spawn when ``needle`` had been written."""
        deadline = time.perf_counter() + timeout
        start = len(self.output)
        while needle not in self.output[max(start - len(needle), 0):]:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{needle!r} not shown within {timeout}s; got {bytes(self.output[-400:])!r}")
            self.read(0.05)
        return time.perf_counter() - self.started

    def quiet(self, gap: float = 0.15, timeout: float = 10.0) -> tuple[int, float]:
        """Read until nothing arrives for ``gap`` seconds: (bytes read, time of the last byte)."""
        count = 0
        last = time.perf_counter()
        deadline = last + timeout
        while time.perf_counter() < deadline:
            data = self.read(gap)
            if not data:
                break
            count += len(data)
            last = time.perf_counter()
        return count, last

    def answer_queries(self) -> None:
        """Nothing to do: Textual does not wait for answers to its terminal queries."""

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def key(self, data: bytes, gap: float = 0.08) -> Keystroke:
        self.quiet(0.02)
        sent = time.perf_counter()
        self.send(data)
        first = sent
        count = 0
        data_in = self.read(2.0)
        if data_in:
            first = time.perf_counter()
            count = len(data_in)
        more, last = self.quiet(gap)
        return Keystroke(data, count + more, first - sent, (last if more else first) - sent)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 5.0) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        return code


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(round(p / 100 * (len(ordered) - 1)), len(ordered) - 1)]


def measure(argv: list[str], needle: bytes, *, cols: int, rows: int, keys: int, env: dict | None = None,
            sequence: list[bytes] | None = None) -> dict:
    term = Pty(argv, cols, rows, env or {}).spawn()
    try:
        first_frame = term.wait_for(needle)
        _, last = term.quiet(0.3)
        startup = last - term.started
        sequence = sequence or ([DOWN] * (keys // 2) + [UP] * (keys - keys // 2))
        strokes = [term.key(k) for k in sequence]
    finally:
        term.stop()
    done = [s.done * 1000 for s in strokes]
    sizes = [s.bytes_out for s in strokes]
    return {
        "first_frame_ms": round(first_frame * 1000),
        "startup_ms": round(startup * 1000),
        "key_p50_ms": round(statistics.median(done), 1),
        "key_p95_ms": round(percentile(done, 95), 1),
        "bytes_mean": round(statistics.mean(sizes)),
        "bytes_p95": percentile([float(s) for s in sizes], 95),
        "bytes_max": max(sizes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from zwgk_tui.model.assessment.synthetic import write_checklist

    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    checklist = write_checklist(folder / "synthetic.toml", args.items)
    zwgk = shutil.which("zwgk") or str(Path(sys.executable).with_name("zwgk"))
    env = {"ZWGK_DATA_DIR": str(folder / "data"), "ZWGK_CONFIG": str(folder / "config.toml")}
    results: dict[str, list[dict]] = {"bare OptionList": [], "zwgk assess": [], "without the CLI": []}
    for run in range(args.runs):
        results["bare OptionList"].append(measure(
            [sys.executable, str(HERE / "bare_app.py"), str(args.items)], "条目 1 ".encode(),
            cols=args.cols, rows=args.rows, keys=args.keys, env=env))
        results["zwgk assess"].append(measure(
            [zwgk, "assess", str(checklist), "--unit", f"基准单位{run}"], "已保存".encode(),
            cols=args.cols, rows=args.rows, keys=args.keys, env=env))
        results["without the CLI"].append(measure(
            [sys.executable, str(HERE / "direct_assess.py"), str(checklist), f"直接{run}"], "已保存".encode(),
            cols=args.cols, rows=args.rows, keys=args.keys, env=env))
    print(f"{args.items} items, {args.cols}×{args.rows}, {args.keys} keys (Down then Up), best of {args.runs}")
    for name, runs in results.items():
        best = min(runs, key=lambda r: r["first_frame_ms"])
        print(f"{name:16} " + "  ".join(f"{k}={v}" for k, v in best.items()))
    bare = min(r["first_frame_ms"] for r in results["bare OptionList"])
    for name in ("zwgk assess", "without the CLI"):
        ours = min(r["first_frame_ms"] for r in results[name])
        print(f"first frame, {name}: {ours / bare:.2f}× the bare app")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
