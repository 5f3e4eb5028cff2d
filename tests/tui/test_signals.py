"""The SSH link drops (SIGHUP) or the server stops the session (SIGTERM): a real ``zwgk assess``
in a pseudo-terminal flushes, releases the lock and exits; the file on disk parses."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import tomllib
from pathlib import Path

import pytest

ZWGK = Path(sys.executable).with_name("zwgk")


class Terminal:
    def __init__(self, argv: list[str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
            start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.fd = master
        self.output = bytearray()

    def read_until(self, needle: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while needle.encode() not in self.output:
            assert time.monotonic() < deadline, f"{needle!r} not shown: {bytes(self.output[-300:])!r}"
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    self.output.extend(os.read(self.fd, 65536))
                except OSError:
                    break

    def drain(self) -> None:
        while select.select([self.fd], [], [], 0.05)[0]:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.output.extend(data)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def wait_for(predicate, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def status_of(path: Path, item: str) -> str | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get("items", {}).get(item, {}).get("status")
    except (OSError, tomllib.TOMLDecodeError):
        return None


@pytest.fixture
def session(tmp_path, mini_path):
    scores = tmp_path / "scores.toml"
    term = Terminal([str(ZWGK), "assess", str(mini_path), "--unit", "信号测试单位", "--scores", str(scores)])
    term.read_until("已保存")
    yield term, scores
    term.close()


@pytest.mark.parametrize("how", ["kill -HUP", "terminal closed", "kill -TERM"])
def test_signal_flushes_unlocks_and_exits(session, how):
    term, scores = session
    lock = scores.with_name(scores.name + ".lock")
    os.write(term.fd, b"1")
    wait_for(lambda: status_of(scores, "1.1") == "met")
    os.write(term.fd, b"j3")  # the keystroke in flight when the line drops
    term.drain()
    assert lock.exists()
    if how == "kill -HUP":
        term.process.send_signal(signal.SIGHUP)
    elif how == "terminal closed":
        os.close(term.fd)  # what sshd does when the link drops: the kernel sends SIGHUP
        term.fd = -1
    else:
        term.process.send_signal(signal.SIGTERM)
    code = term.process.wait(10)
    expected = signal.SIGTERM if how == "kill -TERM" else signal.SIGHUP
    assert code == 128 + expected
    doc = tomllib.loads(scores.read_text(encoding="utf-8"))  # parses
    assert doc["items"]["1.1"]["status"] == "met"
    assert doc["items"].get("1.2", {}).get("status") in (None, "unmet")
    assert not lock.exists()
    if how == "kill -TERM":  # a terminal still attached gets its screen back
        term.drain()
        assert b"\x1b[?1049l" in term.output
