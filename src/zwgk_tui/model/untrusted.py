"""Reading files that other accounts can write (an inbox, received score files, locks):
never through a symlink, never a FIFO or device (which could block or never end), never
more than a size cap. One place, so that every such read has the same guards."""

from __future__ import annotations

import errno
import os
import stat
from typing import NamedTuple

from zwgk_tui.errors import os_reason
from zwgk_tui.model.assessment.answers import MAX_FILE_BYTES


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


def refuse_stat(st: os.stat_result, max_bytes: int = MAX_FILE_BYTES) -> str | None:
    """Why a file with this (l)stat is not read, or None."""
    if stat.S_ISLNK(st.st_mode):
        return "是符号链接：为安全起见不跟随、不读取（请给出实际文件）"
    if stat.S_ISDIR(st.st_mode):
        return "是文件夹，不是评估记录"
    if not stat.S_ISREG(st.st_mode):
        return "不是普通文件（设备、管道或套接字），不读取"
    if st.st_size == 0:
        return "空文件，不是评估记录"
    if st.st_size > max_bytes:
        return f"文件过大（{st.st_size / 1024 / 1024:.0f} MB），不是评估记录"
    return None


def read_untrusted(path: str, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes, StatKey]:
    """The file's bytes, never through a symlink, never a FIFO or device, never over-size."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise Unreadable("文件不存在（可能已被移走）") from None
    except PermissionError:
        raise Unreadable("没有读取权限") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symlink
            raise Unreadable("是符号链接：为安全起见不跟随、不读取（请给出实际文件）") from None
        raise Unreadable(f"无法读取：{os_reason(exc)}") from None
    try:
        st = os.fstat(fd)
        reason = refuse_stat(st, max_bytes)
        if reason:
            raise Unreadable(reason)
        chunks = []
        left = max_bytes + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:  # it grew while we read it
            raise Unreadable(f"文件过大（超过 {max_bytes // 1024 // 1024} MB），不是评估记录")
        return data, StatKey.of(st)
    except OSError as exc:
        raise Unreadable(f"无法读取：{os_reason(exc)}") from None
    finally:
        os.close(fd)
