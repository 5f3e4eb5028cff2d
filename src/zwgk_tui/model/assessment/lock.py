"""One writer per score file: a ``.lock`` file beside it, held with ``flock``.

The kernel drops an ``flock`` when its process dies (even by kill -9), so a lock file whose
lock can be taken again was left by a dead session and is taken over; its contents say who
held it (user, host, pid, since) so that a second SSH login can be told.

The lock file is opened through ``model.untrusted.open_lock`` (no symlink, no FIFO, never
blocking), what it says is read from that open file and capped, and a lock that cannot be
written (a full disk) is removed again rather than left empty.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.model.assessment.answers import now


@dataclass(frozen=True, slots=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        """Who holds it, fit for a terminal (another account may have written the file)."""
        from zwgk_tui.textsafe import printable

        text = f"{self.user[:64]}@{self.host[:64]}（进程 {self.pid}，自 {self.since[:40]} 起）"
        return printable(text)


class LockHeld(Exception):
    """Another live session holds the score file."""

    def __init__(self, path: Path, info: LockInfo | None) -> None:
        self.path = path
        self.info = info
        who = info.describe() if info else "另一个会话"
        super().__init__(f"{path}: 正由 {who} 编辑，可以只读打开")


def lock_path(score_path: Path) -> Path:
    return score_path.with_name(score_path.name + ".lock")


def read_info(fd: int) -> LockInfo | None:
    """The holder recorded in an open lock file (never more than a few kilobytes)."""
    from zwgk_tui.model.untrusted import read_lock_info

    try:
        raw = json.loads(read_lock_info(fd).decode("utf-8"))
        return LockInfo(str(raw["user"]), str(raw["host"]), int(raw["pid"]), str(raw["since"]))
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None


class ScoreLock:
    """Hold with ``acquire()``; ``took_over`` names a dead session whose lock was taken."""

    def __init__(self, score_path: Path) -> None:
        self.path = lock_path(Path(score_path))
        self.fd: int | None = None
        self.took_over: LockInfo | None = None

    def acquire(self) -> ScoreLock:
        from zwgk_tui.errors import ZwgkError, os_reason
        from zwgk_tui.model.untrusted import open_lock

        for _ in range(5):
            fd, _created = open_lock(self.path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                info = read_info(fd)
                os.close(fd)
                raise LockHeld(self.path.with_suffix(""), info) from None
            # The file may have been unlinked by its last holder between open and flock.
            try:
                same = os.stat(self.path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            previous = read_info(fd)
            if previous is not None:
                self.took_over = previous
            info = {
                "user": getpass.getuser(),
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "since": now().isoformat(),
            }
            try:
                os.ftruncate(fd, 0)
                data = json.dumps(info, ensure_ascii=False).encode("utf-8")
                if os.pwrite(fd, data, 0) != len(data):
                    raise OSError(28, "short write")
                os.fsync(fd)
            except OSError as exc:  # a full disk: leave no empty lock behind (we hold it)
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
                os.close(fd)
                raise ZwgkError(f"无法建立锁文件（{os_reason(exc, writing=True)}）；"
                                "可以加 --read-only 只读打开", self.path) from None
            self.fd = fd
            return self
        raise LockHeld(self.path.with_suffix(""), None)

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self.fd)
        self.fd = None

    @property
    def held(self) -> bool:
        return self.fd is not None
