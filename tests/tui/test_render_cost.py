"""What a keystroke costs over the wire: a real ``zwgk assess`` in an 80×24 pseudo-terminal.

Byte counts do not depend on the machine's speed, so unlike timings they can be a test;
start-up and latency are measured by benchmarks/ptyharness.py instead.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from zwgk_tui.model.assessment.synthetic import write_checklist

ZWGK = Path(sys.executable).with_name("zwgk")
DOWN = b"\x1b[B"


def read_quiet(fd: int, gap: float = 0.25, limit: float = 10, first: float = 5) -> bytes:
    """Wait up to ``first`` seconds for output, then read until ``gap`` seconds pass quietly."""
    out = bytearray()
    deadline = time.monotonic() + limit
    if not select.select([fd], [], [], first)[0]:
        return b""
    while time.monotonic() < deadline and select.select([fd], [], [], gap if out else first)[0]:
        try:
            out.extend(os.read(fd, 65536))
        except OSError:
            break
    return bytes(out)


def test_moving_the_cursor_costs_under_2000_bytes_at_80x24(tmp_path):
    checklist = write_checklist(tmp_path / "big.toml", 2000)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [str(ZWGK), "assess", str(checklist), "--unit", "字节", "--scores", str(tmp_path / "s.toml")],
        stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "TERM": "xterm-256color"},
        close_fds=True, start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    try:
        first = b""
        deadline = time.monotonic() + 30
        while "已保存".encode() not in first and time.monotonic() < deadline:
            first += read_quiet(master, 0.3)
        sizes = []
        for _ in range(40):
            os.write(master, DOWN)
            sizes.append(len(read_quiet(master, 0.08)))
        os.write(master, b"q")
        assert process.wait(10) == 0
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    moves = sorted(sizes)
    assert all(sizes), sizes  # every key was answered
    assert sum(sizes) / len(sizes) <= 2000, sizes
    # Only the scrolls (about one key in seven) repaint the whole list.
    assert moves[int(len(moves) * 0.8)] <= 2000, sizes
