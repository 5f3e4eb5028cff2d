"""Reading files that other accounts can write (an inbox, received score files, locks):
never through a symlink, never a FIFO or device (which could block or never end), never
more than a size cap. One place, so that every such read has the same guards.

Every open here is ``O_NONBLOCK``: opening a FIFO for reading would otherwise wait for a
writer for ever. The file type is then checked on the open descriptor (``fstat``), so a
file swapped between a check and the open is caught too. Paths a user typed (a checklist
named on the command line, or recorded in the officer's *own* score file) may be read
through a symlink (``follow=True``), but never from anything but a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import NamedTuple

from zwgk_tui.errors import ZwgkError, os_reason
from zwgk_tui.model.assessment.answers import MAX_FILE_BYTES

SCORE_FILE = "评估记录"


class Unreadable(Exception):
    """The file could not be read at all (not cached: it says nothing about content)."""


class StatKey(NamedTuple):
    """What identifies a file's content without reading it (ctime cannot be set by users)."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> StatKey:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


SYMLINK = "是符号链接：为安全起见不跟随、不读取（请给出实际文件）"


def refuse_stat(
    st: os.stat_result, max_bytes: int = MAX_FILE_BYTES, what: str = SCORE_FILE, *, allow_empty: bool = False,
) -> str | None:
    """Why a file with this (l)stat is not read, or None."""
    if stat.S_ISLNK(st.st_mode):
        return SYMLINK
    if stat.S_ISDIR(st.st_mode):
        return f"是文件夹，不是{what}"
    if not stat.S_ISREG(st.st_mode):
        return "不是普通文件（设备、管道或套接字），不读取"
    if st.st_size == 0 and not allow_empty:
        return f"空文件，不是{what}"
    if st.st_size > max_bytes:
        return f"文件过大（{_megabytes(st.st_size)}），不是{what}"
    return None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def open_guarded(path: str | os.PathLike, *, follow: bool = False) -> int:
    """A read-only descriptor of ``path`` that never blocks and never followed a symlink
    (unless ``follow``); raises Unreadable. The caller checks the type with ``fstat``."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        return os.open(path, flags)
    except ValueError:  # a NUL in a path written in a file
        raise Unreadable("路径含有 NUL 字符，不是有效的文件名") from None
    except FileNotFoundError:
        raise Unreadable("文件不存在") from None
    except PermissionError:
        raise Unreadable("没有读取权限") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:  # O_NOFOLLOW met a symlink
            raise Unreadable(SYMLINK) from None
        if exc.errno == errno.ENXIO:  # a socket or a device without its driver
            raise Unreadable("不是普通文件（设备、管道或套接字），不读取") from None
        raise Unreadable(f"无法读取：{os_reason(exc)}") from None


def read_untrusted(
    path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES, *, follow: bool = False,
    what: str = SCORE_FILE, allow_empty: bool = False,
) -> tuple[bytes, StatKey]:
    """The file's bytes, never through a symlink, never a FIFO or device, never over-size."""
    fd = open_guarded(path, follow=follow)
    try:
        st = os.fstat(fd)
        reason = refuse_stat(st, max_bytes, what, allow_empty=allow_empty)
        if reason:
            raise Unreadable(reason)
        os.set_blocking(fd, True)  # a regular file: reads end, and EAGAIN is not a worry
        chunks = []
        left = max_bytes + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:  # it grew while we read it
            raise Unreadable(f"文件过大（超过 {_megabytes(max_bytes)}），不是{what}")
        return data, StatKey.of(st)
    except OSError as exc:
        raise Unreadable(f"无法读取：{os_reason(exc)}") from None
    finally:
        os.close(fd)


def read_head(path: str | os.PathLike, size: int = 4096) -> bytes | None:
    """The first ``size`` bytes of a regular file, or None: a quick look (which checklist
    a file names) with the same guards as a full read."""
    try:
        fd = open_guarded(path)
    except Unreadable:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)


def read_file(
    path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES, *, follow: bool = False,
    what: str = SCORE_FILE,
) -> tuple[bytes, StatKey]:
    """``read_untrusted`` for a file a command was asked to open: a ZwgkError naming it (an
    empty file is read: the parser then says what is missing, with a line)."""
    try:
        return read_untrusted(path, max_bytes, follow=follow, what=what, allow_empty=True)
    except Unreadable as exc:
        raise ZwgkError(str(exc), os.fspath(path)) from None


MAX_EVIDENCE_BYTES = 256 * 1024 * 1024


def sha256_file(path: str | os.PathLike, max_bytes: int = MAX_EVIDENCE_BYTES) -> str | None:
    """The SHA-256 of a regular file (a path a received file names as evidence), or None:
    never a FIFO or device, never more than ``max_bytes`` read, never blocking."""
    import hashlib

    try:
        fd = open_guarded(path, follow=True)
    except Unreadable:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            return None
        os.set_blocking(fd, True)
        digest = hashlib.sha256()
        left = max_bytes + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            digest.update(chunk)
            left -= len(chunk)
        return digest.hexdigest() if left > 0 else None
    except OSError:
        return None
    finally:
        os.close(fd)


# ---------------------------------------------------------------- lock files


def open_lock(path: str | os.PathLike) -> tuple[int, bool]:
    """A read-write descriptor of the lock file at ``path`` and whether this call created it.

    The lock sits beside a score file, where whoever can write the folder can put anything
    at its name. A FIFO, symlink, socket or device there is never opened (opening a FIFO
    waits for ever; a symlink leads elsewhere): it is removed — the entry itself, never what
    it points to — and a regular file made in its place. Where it cannot be removed (a
    sticky shared folder, another account's entry) the lock is refused with a ZwgkError.
    """
    path = os.fspath(path)
    flags = os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    for _ in range(5):
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise _lock_error(path, os_reason(exc)) from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise _lock_error(path, "锁文件的位置上是一个文件夹")
        if st is not None and not stat.S_ISREG(st.st_mode):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise _lock_error(path, f"锁文件的位置上是管道、符号链接或设备，为安全起见不打开，"
                                        f"也无法删除它（{os_reason(exc, writing=True)}）；请管理员删除") from None
            continue
        try:
            if st is None:
                fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o600)
            else:
                fd = os.open(path, flags)
        except (FileExistsError, FileNotFoundError):
            continue  # someone made or removed it meanwhile: look again
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENXIO):  # swapped for a symlink or a socket
                continue
            raise _lock_error(path, os_reason(exc, writing=True)) from None
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            regular = False
        if regular:
            os.set_blocking(fd, True)
            return fd, st is None
        os.close(fd)
    raise _lock_error(path, "锁文件的位置不断被换成别的东西")


def _lock_error(path: str, reason: str) -> ZwgkError:
    return ZwgkError(f"无法建立锁文件（{reason}）；可以加 --read-only 只读打开", path)


MAX_LOCK_INFO = 4096


def read_lock_info(fd: int) -> bytes:
    """What a lock file says about its holder: at most a few kilobytes, from an open file."""
    try:
        return os.pread(fd, MAX_LOCK_INFO, 0)
    except OSError:
        return b""
