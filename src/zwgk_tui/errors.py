"""Errors a user can act on: one line naming the file (and line/column), exit status 2."""

from __future__ import annotations

import re
from pathlib import Path

_TOMLLIB_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOMLLIB_EOF = re.compile(r"\s*\(at end of document\)\s*$")
MAX_MESSAGE = 2000    # characters of one message: a hostile key must not make it a megabyte
MAX_PATH = 1000


class ZwgkError(Exception):
    """A problem with a file or an argument, reported as ``file:line:col: message``."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return format_problem(self.path, self.line, self.column, self.message)


def format_problem(
    path: str | None, line: int | None, column: int | None, message: str
) -> str:
    """The one-line form used everywhere: ``path:line:col: message``.

    Path and message may hold text from a file (a key, a file name planted in an inbox):
    ``textsafe.printable`` shows any control character as its escape, so none reaches the
    terminal, and both are cut to a bounded length.
    """
    from zwgk_tui.textsafe import printable

    where = []
    if path:
        where.append(_cut(printable(path), MAX_PATH))
    if line:
        where.append(str(line))
        if column:
            where.append(str(column))
    head = ":".join(where)
    message = _cut(" ".join(printable(message).split()), MAX_MESSAGE)  # always one line
    return f"{head}: {message}" if head else message


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def toml_error(exc: Exception, path: str | Path, text: str | None = None) -> ZwgkError:
    """Turn a ``tomllib.TOMLDecodeError`` into a ZwgkError with line and column."""
    message = str(exc)
    line = column = None
    if match := _TOMLLIB_POS.search(message):
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif _TOMLLIB_EOF.search(message):
        message = _TOMLLIB_EOF.sub("", message)
        if text is not None:
            line = text.count("\n") + 1
    return ZwgkError(f"TOML 语法错误：{message}", path, line, column)


def os_reason(exc: OSError, *, writing: bool = False) -> str:
    """A short Chinese reason for a failed read or write (never the English strerror)."""
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限" if writing else "没有读取权限"
    reasons = {
        errno.ENOSPC: "磁盘已满",
        errno.EDQUOT: "超出磁盘配额",
        errno.EROFS: "文件系统只读",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.EFBIG: "文件超出允许的大小",
        errno.ENOENT: "文件或文件夹不存在",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.EISDIR: "这是一个文件夹",
        errno.ENAMETOOLONG: "文件名过长",
        errno.ELOOP: "符号链接层数过多",
        errno.EIO: "读写出错（I/O 错误）",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
