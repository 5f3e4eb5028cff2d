"""Atomic file writes: temp file in the same folder, fsync, ``os.replace``, fsync the folder.

A reader (or a crash) only ever sees the old file or the new one, never a half-written one.
A temp file is named ``.<name>.<pid>.<n>.tmp``; one left by a killed process is removed by
``remove_stale_temps`` the next time the file is opened.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import stat
import time
from pathlib import Path

_counter = itertools.count()
STALE_AFTER = 5.0   # seconds: a temp file older than this belongs to no save in progress


NAME_MAX = 255       # bytes in one file name on Linux file systems
_TEMP_ROOM = 40      # bytes the temp name adds: ".", ".<pid>.<n>.tmp"


def temp_stem(path: Path) -> str:
    """The part of a temp file's name that says which file it is for: the name itself, or,
    for a name near the limit, a cut of it and a hash (so the temp name fits too)."""
    name = path.name
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) + _TEMP_ROOM <= NAME_MAX:
        return name
    import hashlib

    head = encoded[:120].decode("utf-8", "ignore")
    return f"{head}~{hashlib.sha256(encoded).hexdigest()[:12]}"


def temp_name(path: Path) -> Path:
    return path.with_name(f".{temp_stem(path)}.{os.getpid()}.{next(_counter)}.tmp")


def atomic_write(
    path: str | Path, data: bytes, *, mode: int | None = None, group: int | None = None
) -> os.stat_result:
    """Replace ``path`` with ``data`` atomically; returns the new file's stat (its inode,
    size and mtime stay the same through the rename: what a session compares later).

    ``mode`` defaults to the existing file's mode, else 0600 (private to its owner). The temp
    file is created with O_EXCL | O_NOFOLLOW, so a symlink planted in the folder is never
    followed; ``os.replace`` swaps a planted symlink at ``path`` itself rather than writing
    through it.
    """
    path = Path(path)
    if mode is None:
        try:
            existing = os.lstat(path)
            mode = stat.S_IMODE(existing.st_mode) if stat.S_ISREG(existing.st_mode) else 0o600
        except FileNotFoundError:
            mode = 0o600
    tmp = temp_name(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(tmp, flags, 0o600)
    try:
        try:
            os.fchmod(fd, mode)
            if group is not None:
                os.fchown(fd, -1, group)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            written = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return written


def remove_stale_temps(path: Path, *, older_than: float = STALE_AFTER) -> int:
    """Remove temp files that interrupted saves of ``path`` left (kill -9 mid-write).

    Only ours: our naming (``.<name>.<pid>.<n>.tmp``), a regular file (a symlink is never
    followed: ``unlink`` removes the entry itself), owned by this account, not written for
    ``older_than`` seconds, and not this process's. Returns how many were removed.
    """
    prefix = f".{temp_stem(path)}."
    pattern = re.compile(re.escape(prefix) + r"(\d+)\.\d+\.tmp")
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        match = pattern.fullmatch(entry.name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or now - st.st_mtime < older_than:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename is still atomic
    finally:
        os.close(fd)


def ensure_private_dir(path: Path) -> Path:
    """Create a folder and any missing parents so that only their owner can enter (0700)."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    return path
