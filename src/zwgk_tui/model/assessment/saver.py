"""Who writes the bytes: at once (plain mode, tools) or on a writer thread (the TUI).

The TUI must never wait on a slow disk between keystrokes, so its saver takes the newest
snapshot and writes it on a thread; a newer snapshot replaces one not yet written (each is
the whole file, so nothing is lost by skipping an older one). A failed write is reported
through ``on_result`` (with a short reason) and retried with the next snapshot.

``write`` is what writes: ``atomic_write`` by default; the session puts its own in front,
which first checks that the file on disk is still the one it wrote (``SaveRefused`` if not).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from zwgk_tui.errors import os_reason
from zwgk_tui.model.atomic import atomic_write

ResultCallback = Callable[[bool, str], None]   # (ok, reason when not ok)
Writer = Callable[[Path, bytes], object]


class SaveRefused(Exception):
    """The write was not attempted on purpose (the file changed on disk); str() says why."""


def describe_os_error(exc: OSError) -> str:
    return f"保存失败（{os_reason(exc, writing=True)}）：答案仍在内存中，下一次修改时会重试"


def _write(write: Writer, path: Path, data: bytes) -> tuple[bool, str]:
    try:
        write(path, data)
    except OSError as exc:
        return False, os_reason(exc, writing=True)
    except SaveRefused as exc:
        return False, str(exc)
    return True, ""


class Saver:
    on_result: ResultCallback = staticmethod(lambda ok, reason: None)
    write: Writer = staticmethod(atomic_write)

    def submit(self, path: Path, data: bytes) -> None:
        raise NotImplementedError

    def flush(self, timeout: float | None = None) -> bool:
        return True

    def close(self) -> None:
        pass


class SyncSaver(Saver):
    """Writes before returning."""

    def submit(self, path: Path, data: bytes) -> None:
        self.on_result(*_write(self.write, path, data))


class ThreadSaver(Saver):
    """Writes the newest snapshot on a daemon thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: tuple[Path, bytes] | None = None
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="zwgk-saver", daemon=True)
        self._thread.start()

    def submit(self, path: Path, data: bytes) -> None:
        with self._cond:
            self._pending = (path, data)
            self._cond.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def close(self) -> None:
        self.flush(5.0)
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return
                path, data = self._pending
                self._pending = None
                self._busy = True
            ok, reason = _write(self.write, path, data)
            with contextlib.suppress(Exception):  # a face's callback never kills the writer
                self.on_result(ok, reason)
            with self._cond:
                self._busy = False
                self._cond.notify_all()
