"""The installed ``zwgk`` on a pseudo-terminal, its raw bytes read into a terminal emulator.

What a braille display, a screen magnifier or an SSH link gets is the byte stream, not what
Pilot sees: these tests send keys as a terminal sends them, keep every byte the program
writes (to count colour codes and drawn characters), and feed the bytes to ``pyte`` (a VT
emulator) to know where the terminal cursor was left and what each row shows. Every wait is
bounded and the program is always stopped.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte

ZWGK = Path(sys.executable).with_name("zwgk")
KEYS = {"up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C", "left": b"\x1b[D", "home": b"\x1b[H",
        "end": b"\x1b[F", "pgup": b"\x1b[5~", "pgdn": b"\x1b[6~", "tab": b"\t", "esc": b"\x1b",
        "enter": b"\r", "space": b" ", "bs": b"\x7f", "ctrl-c": b"\x03", "ctrl-s": b"\x13"}
_CSI = re.compile(rb"\x1b\[([0-9;:?<>=]*)([A-Za-z])")


def colour_sgrs(data: bytes) -> list[bytes]:
    """Every SGR that sets a colour: 30–37, 40–47, 90–97, 100–107, 38;…, 48;…, 58;…."""
    found = []
    for params, final in _CSI.findall(data):
        if final != b"m":
            continue
        parts = [p for p in re.split(rb"[;:]", params) if p]
        i = 0
        while i < len(parts):
            value = int(parts[i]) if parts[i].isdigit() else -1
            if value in (38, 48, 58):
                found.append(params)
                i += 3 if i + 1 < len(parts) and parts[i + 1] == b"5" else 5
                continue
            if 30 <= value <= 37 or 40 <= value <= 47 or 90 <= value <= 97 or 100 <= value <= 107:
                found.append(params)
            i += 1
    return found


def shown_text(data: bytes) -> str:
    """The characters written, without escape sequences."""
    text = re.sub(rb"\x1b(?:\[[0-9;:?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_=>])", b"", data)
    return text.decode("utf-8", "replace")


class Terminal:
    """``zwgk`` running on a pty of ``columns`` × ``rows``."""

    def __init__(self, args: list[str], *, env: dict[str, str], columns: int = 80, rows: int = 24,
                 cwd: Path | None = None) -> None:
        self.columns, self.rows = columns, rows
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL")}
        self.process = subprocess.Popen(
            [str(ZWGK), *args], stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
            env={**base, "TERM": "xterm-256color", "LANG": "C.UTF-8", **env},
            start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.fd = master

    # ---------------------------------------------------------------- reading

    def _read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the program is gone
            return b""
        self.output.extend(data)
        self.stream.feed(data)
        return data

    def settle(self, quiet: float = 0.4, limit: float = 15.0) -> bytes:
        """Read until nothing arrives for ``quiet`` seconds (at most ``limit``); what came."""
        got = bytearray()
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            data = self._read(min(quiet, deadline - time.monotonic()))
            if not data:
                break
            got += data
        return bytes(got)

    def wait_for(self, text: str, limit: float = 20.0) -> None:
        """Until ``text`` is on the screen (bounded), then until output is quiet."""
        deadline = time.monotonic() + limit
        while text not in self.text():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{text!r} did not appear; screen:\n{self.text()}")
            self._read(0.1)
        self.settle()

    def press(self, *keys: str, quiet: float = 0.4) -> bytes:
        """Send keys one by one, each followed by the screen settling; the bytes they caused."""
        got = bytearray()
        for key in keys:
            os.write(self.fd, KEYS.get(key, key.encode("utf-8")))
            got += self.settle(quiet)
        return bytes(got)

    def idle(self, seconds: float) -> bytes:
        """What is written while no key is pressed for ``seconds``."""
        got = bytearray()
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            got += self._read(left)
        return bytes(got)

    # ---------------------------------------------------------------- the screen

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def line(self, row: int) -> str:
        return self.screen.display[row]

    @property
    def cursor(self) -> tuple[int, int]:
        """(row, column) of the terminal cursor, 0-based."""
        return self.screen.cursor.y, self.screen.cursor.x

    def cursor_line(self) -> str:
        return self.line(self.screen.cursor.y)

    def at_cursor(self) -> str:
        """The row's text from the cursor's column on (cells, so wide characters count two)."""
        y, x = self.cursor
        return "".join(self.screen.buffer[y][col].data for col in range(x, self.columns)).rstrip()

    def reversed_lines(self) -> list[int]:
        """Rows with reverse-video cells (the highlight under NO_COLOR)."""
        return [y for y in range(self.rows) if any(self.screen.buffer[y][x].reverse for x in range(self.columns))]

    # ---------------------------------------------------------------- ending

    def close(self) -> int | None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        return self.process.returncode

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
