"""A score file's bytes, read through the guarded reader, and their TOML: bounded in size,
nesting and tables before any parser builds them, with a one-line error naming the file,
line and column.

Reading uses ``rtoml`` when the file is plain (about 10× faster than ``tomllib``, which
matters for a supervisor's 10,000 files) and ``tomllib`` to explain a file that does not
parse, with its line and column.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import rtoml

from zwgk_tui.errors import ZwgkError, toml_error
from zwgk_tui.model.assessment.answers import MAX_FILE_BYTES

MAX_NESTING = 24
MAX_ITEMS = 20_000    # answers in one file; the largest checklist has about 2,000 items


def parse_document(data: bytes, path: str | Path) -> tuple[dict[str, Any], str]:
    """Bytes → (TOML dict, text); ZwgkError naming file, line and column otherwise."""
    if len(data) > MAX_FILE_BYTES:
        raise ZwgkError(f"文件过大（{len(data) // 1024 // 1024} MB），不是评估记录", path)
    if b"\x00" in data:
        raise ZwgkError("这是二进制文件，不是评估记录", path)
    if (tables := data.count(b"\n[")) > 2 * MAX_ITEMS:  # refused before a parser builds them all
        raise ZwgkError(f"有 {tables} 个表，超过 {2 * MAX_ITEMS} 个：不是评估记录", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ZwgkError("不是 UTF-8 编码的文本", path, line) from None
    if _nesting(text) > MAX_NESTING:
        raise ZwgkError(f"嵌套层数超过 {MAX_NESTING}，不是评估记录", path)
    try:
        return rtoml.loads(text), text
    except Exception as exc:
        if "recursion" in str(exc):  # tomllib is quadratic on deep dotted keys: never ask it
            raise ZwgkError("嵌套过深，不是评估记录", path) from None
        # otherwise let tomllib say where and why
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(exc, path, text) from None
    except RecursionError:
        raise ZwgkError("嵌套过深，不是评估记录", path) from None


_NOT_NESTING = bytes(b for b in range(256) if b not in b"[{\n")
_CROWDED_LINE = re.compile(rb"[^\n]{%d}" % MAX_NESTING)


def _nesting(text: str) -> int:
    """An upper bound of bracket nesting (strings not excluded: over-counting is safe)."""
    if text.count("[") + text.count("{") < MAX_NESTING:
        return 0
    # Depth carries over a line break only once it has reached MAX_NESTING, so while no
    # line opens that many brackets, a line's own count bounds the scan below (which costs
    # half a millisecond on a 100-item file; this costs a few microseconds).
    if not _CROWDED_LINE.search(text.encode("utf-8").translate(None, _NOT_NESTING)):
        return MAX_NESTING - 1
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
        elif ch == "\n":
            depth = 0 if depth < MAX_NESTING else depth
    return deepest


def read_score_bytes(path: str | Path) -> bytes:
    """A score file's bytes through the guarded reader (``model.untrusted``): never through
    a symlink, never a FIFO or device, never over 8 MB; a ZwgkError naming the file."""
    return read_score_file(path)[0]


def read_score_file(path: str | Path):
    """(bytes, StatKey) of a score file, read as ``read_score_bytes`` reads it."""
    from zwgk_tui.model.untrusted import read_file

    return read_file(path)
