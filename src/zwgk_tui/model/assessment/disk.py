"""What a session knows of its file on disk, so that a change made elsewhere is never lost.

A session remembers the version it last read or wrote (inode, size, mtime and the SHA-256
of the bytes). Before each save it looks again — one ``lstat`` when nothing changed — and
when the file is no longer that version (restored from a backup, edited, made read-only,
replaced), the save is refused and the faces ask the user:

- *overwrite* (y): the version found on disk is first kept beside the file as
  ``<file>.外部修改-<time>``, then the session's answers are written;
- *keep it* (n): the session's answers are kept beside it as ``<file>.本会话-<time>``, the
  file stays as it was changed, and the session ends (open it again to go on from there).

Neither side is ever destroyed. The kept copies do not end in ``.toml``, so a report over
the folder and ``zwgk scores list`` do not count them twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.model.atomic import atomic_write

OTHER_VERSION = "外部修改"     # the version found on disk, kept when the session overwrites it
SESSION_VERSION = "本会话"     # the session's own answers, kept when the user keeps the disk's


@dataclass(frozen=True, slots=True)
class Written:
    """The version of the file this session last read or wrote."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, st: os.stat_result, data: bytes) -> Written:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def same_stat(self, st: os.stat_result) -> bool:
        return (self.dev, self.ino, self.size, self.mtime_ns) == (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class ExternalChange:
    """The file on disk is not the version this session wrote: what happened, and when seen."""

    what: str
    seen: dt.datetime

    def message(self, path: Path) -> str:
        return f"记录文件 {path.name} {self.what}：本会话的修改暂未写入（覆盖与否，两个版本都会保留）"


def protected(st: os.stat_result) -> bool:
    """Someone made the file read-only on purpose (0400, 0444): no write bit at all, or none
    for its owner when that is us. Root can write anything, so permission checks alone would
    not tell; a file another account may write (a shared inbox) is not "protected"."""
    if not st.st_mode & 0o222:
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & stat.S_IWUSR


def look(path: Path, known: Written | None) -> tuple[ExternalChange | None, Written | None]:
    """Compare the file on disk with ``known``: (a change, or None; what is known now).

    One ``lstat`` when nothing changed. A file only touched (same bytes) is no change. A file
    that is gone is no change either: writing it again loses nothing.
    """
    if known is None:
        return None, None
    try:
        st = os.lstat(path)
    except OSError:
        return None, known
    seen = dt.datetime.now().astimezone().replace(microsecond=0)
    if not stat.S_ISREG(st.st_mode):
        return ExternalChange("已被换成符号链接、管道或其他非普通文件", seen), known
    if protected(st):
        return ExternalChange(f"已被设为只读（权限 {stat.S_IMODE(st.st_mode):04o}）", seen), known
    if known.same_stat(st):
        return None, known
    from zwgk_tui.model.untrusted import Unreadable, read_untrusted

    try:
        data, _ = read_untrusted(path)
    except Unreadable as exc:
        return ExternalChange(f"已在别处被改动，且现在无法读取（{exc}）", seen), known
    if hashlib.sha256(data).hexdigest() == known.sha256:
        return None, Written.of(st, data)  # touched or copied back unchanged
    return ExternalChange("已在别处被改动（例如从备份恢复或用编辑器修改）", seen), known


def aside_path(path: Path, label: str, when: dt.datetime | None = None) -> Path:
    """``<file>.<label>-YYYYmmdd-HHMMSS`` beside the file, never an existing name."""
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = path.name
    room = 255 - len(f".{label}-{stamp}-99".encode()) - 40  # and the temp name written first
    if len(name.encode()) > room:
        name = name.encode()[:room].decode("utf-8", "ignore")
    candidate = path.with_name(f"{name}.{label}-{stamp}")
    counter = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{name}.{label}-{stamp}-{counter}")
        counter += 1
    return candidate


def keep_aside(path: Path, data: bytes, label: str) -> Path:
    """Write ``data`` beside the file (atomically, 0600); OSError when it cannot be."""
    target = aside_path(path, label)
    atomic_write(target, data, mode=0o600)
    return target


def disk_version(path: Path) -> bytes | None:
    """The bytes of the file as it is now, when it is a regular file that can be read."""
    from zwgk_tui.model.untrusted import Unreadable, read_untrusted

    try:
        return read_untrusted(path)[0]
    except Unreadable:
        return None
