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
    return ZwgkError(f"TOML 语法错误：{toml_words(message.strip())}", path, line, column)


# tomllib's messages (Python 3.11–3.13), in the words an officer reads; line and column
# stay in the file:line:col prefix.
_TOML_WORDS = [
    (re.compile(r"^Invalid statement$"), "这一行不是合法的 TOML 语句"),
    (re.compile(r"^Invalid value$"), "值无效（文字要加引号，如 \"达标\"）"),
    (re.compile(r"^Expected '=' after a key in a key/value pair$"), "键后面缺少 ="),
    (re.compile(r"^Expected newline or end of document after a statement$"), "一条语句之后应当换行"),
    (re.compile(r"^Expected ']' at the end of a table declaration$"), "表头缺少结尾的 ]"),
    (re.compile(r"^Expected ']]' at the end of an array declaration$"), "表数组的表头缺少结尾的 ]]"),
    (re.compile(r"^Expected (.+)$"), r"这里应当是 \1"),
    (re.compile(r"^Unclosed array$"), "列表缺少结尾的 ]"),
    (re.compile(r"^Unclosed inline table$"), "内联表缺少结尾的 }"),
    (re.compile(r"^Unterminated string$"), "字符串缺少结尾的引号"),
    (re.compile(r"^Unescaped '\\' in a string$"), "字符串中的 \\ 没有转义（写成 \\\\）"),
    (re.compile(r"^Escaped character is not a Unicode scalar value$"), "转义的字符不是有效的 Unicode 字符"),
    (re.compile(r"^Invalid hex value$"), "十六进制值无效"),
    (re.compile(r"^Invalid date or datetime$"), "日期或时间无效"),
    (re.compile(r"^Invalid initial character for a key part$"), "键的第一个字符无效"),
    (re.compile(r"^Cannot overwrite a value$"), "不能覆盖已有的值"),
    (re.compile(r"^Cannot declare (.+) twice$"), r"\1 声明了两次"),
    (re.compile(r"^Cannot redefine namespace (.+)$"), r"不能重新定义表 \1"),
    (re.compile(r"^Cannot mutate immutable namespace (.+)$"), r"不能修改已定义完的表 \1"),
    (re.compile(r"^Duplicate inline table key (.+)$"), r"内联表中的键 \1 重复"),
    (re.compile(r"^Found invalid character (.+)$"), r"有无效字符 \1"),
    (re.compile(r"^Illegal character (.+)$"), r"有不允许的字符 \1"),
]


def toml_words(message: str) -> str:
    """A tomllib message in Chinese (one it does not know keeps its text in parentheses)."""
    for pattern, words in _TOML_WORDS:
        if pattern.search(message):
            return pattern.sub(words, message)
    return f"无法解析（{message}）"


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
