"""Line numbers for TOML tables and keys, so that problems found after parsing name a line.

``tomllib`` reports positions only for syntax errors. For everything found later (a duplicate
id, an unknown status) this light scanner maps table headers and keys back to their lines.
It understands exactly what it needs: headers, bare/quoted keys and multi-line strings.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def parse_key_path(text: str) -> tuple[str, ...] | None:
    """``a."b.c".d`` → ("a", "b.c", "d"); None if it is not a key path."""
    parts: list[str] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            return None
        if text[i] == '"':
            j = i + 1
            buf = []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j + 1])
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            if j >= n:
                return None
            parts.append("".join(buf))
            i = j + 1
        elif text[i] == "'":
            j = text.find("'", i + 1)
            if j < 0:
                return None
            parts.append(text[i + 1 : j])
            i = j + 1
        else:
            match = _BARE.match(text, i)
            if not match:
                return None
            parts.append(match.group())
            i = match.end()
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            return tuple(parts)
        if text[i] != ".":
            return None
        i += 1


class TableLines:
    """Where each table header and each key of a TOML text is (1-based lines)."""

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, ...], list[int]] = {}
        self.keys: dict[tuple[tuple[str, ...], int, str], int] = {}
        current: tuple[str, ...] = ()
        occurrence = 0
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string is not None:
                if _closes(line, in_string):
                    in_string = None
                continue
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("["):
                array = stripped.startswith("[[")
                end = stripped.find("]]" if array else "]")
                inner = stripped[2 if array else 1 : end] if end > 0 else ""
                path = parse_key_path(inner)
                if path is not None:
                    current = path
                    self.tables.setdefault(path, []).append(number)
                    occurrence = len(self.tables[path]) - 1
                continue
            eq = _find_equals(stripped)
            if eq < 0:
                continue
            key = parse_key_path(stripped[:eq])
            if key:
                if len(key) == 1:
                    self.keys.setdefault((current, occurrence, key[0]), number)
                else:  # dotted key: a sub-table of the current one
                    self.keys.setdefault(((*current, *key[:-1]), 0, key[-1]), number)
            rest = stripped[eq + 1 :].lstrip()
            for quote in ('"""', "'''"):
                if rest.startswith(quote) and not _closes(rest[3:], quote):
                    in_string = quote
                    break

    def table_line(self, path: tuple[str, ...], index: int) -> int | None:
        """Line of the ``index``-th header for ``path`` (arrays of tables repeat)."""
        found = self.tables.get(tuple(path))
        if found and index < len(found):
            return found[index]
        return None

    def key_line(self, table: tuple[str, ...], key: str, index: int = 0) -> int | None:
        """Line of ``key`` in the ``index``-th table ``table`` (top level: ``()``)."""
        return self.keys.get((tuple(table), index, key))


def _closes(fragment: str, quote: str) -> bool:
    i = 0
    while True:
        j = fragment.find(quote, i)
        if j < 0:
            return False
        if quote == '"""':
            backslashes = 0
            k = j - 1
            while k >= 0 and fragment[k] == "\\":
                backslashes += 1
                k -= 1
            if backslashes % 2:
                i = j + 1
                continue
        return True


def _find_equals(line: str) -> int:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "=":
            return i
    return -1
