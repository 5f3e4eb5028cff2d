"""Line numbers for TOML tables and keys, so that problems found after parsing name a line.

``tomllib`` reports positions only for syntax errors. For everything found later (a duplicate
id, an unknown status) this light scanner maps table headers and keys back to their lines.
It understands exactly what it needs: headers, bare/quoted keys and multi-line strings.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
# the common line: a bare key and its value (no need for the general key parser)
_BARE_KEY_LINE = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=")


def _unescape(raw: str) -> str:
    """A basic string's escapes decoded as TOML decodes them (``\\u001B`` is ESC), so that a
    key written with escapes is found under the key the parser returned."""
    if "\\" not in raw:
        return raw

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            try:
                return chr(int(code[1:], 16))
            except (ValueError, OverflowError):
                return code
        return _SIMPLE_ESCAPES.get(code, code)

    return _ESCAPE.sub(one, raw)


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
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                return None
            parts.append(_unescape(text[i + 1 : j]))
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
    """Where each table header and each key of a TOML text is (1-based lines).

    The text is scanned only as far as a question needs: the first problems of a file are
    usually near its top, and a hostile file of 100,000 keys must not cost a full scan per
    run (a key that is not there still costs one scan, once).
    """

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, ...], list[int]] = {}
        self.keys: dict[tuple[tuple[str, ...], int, str], int] = {}
        self._lines = iter(enumerate(text.splitlines(), start=1))
        self._done = False
        self._current: tuple[str, ...] = ()
        self._occurrence = 0
        self._in_string: str | None = None

    def _scan(self, found) -> None:
        """Read on until ``found()`` is true or the text ends."""
        while not self._done and not found():
            for number, line in self._lines:
                if self._read(number, line):
                    break
            else:
                self._done = True

    def _read(self, number: int, line: str) -> bool:
        """Take in one line; True when it added a header or a key."""
        if self._in_string is not None:
            if _closes(line, self._in_string):
                self._in_string = None
            return False
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            return False
        if stripped.startswith("["):
            array = stripped.startswith("[[")
            end = stripped.find("]]" if array else "]")
            inner = stripped[2 if array else 1 : end] if end > 0 else ""
            path = parse_key_path(inner)
            if path is None:
                return False
            self._current = path
            self.tables.setdefault(path, []).append(number)
            self._occurrence = len(self.tables[path]) - 1
            return True
        simple = _BARE_KEY_LINE.match(stripped)
        if simple is not None:
            key: tuple[str, ...] | None = (simple.group(1),)
            eq = simple.end() - 1
        else:
            eq = _find_equals(stripped)
            if eq < 0:
                return False
            key = parse_key_path(stripped[:eq])
        if key:
            if len(key) == 1:
                self.keys.setdefault((self._current, self._occurrence, key[0]), number)
            else:  # dotted key: a sub-table of the current one
                self.keys.setdefault(((*self._current, *key[:-1]), 0, key[-1]), number)
        rest = stripped[eq + 1 :].lstrip()
        for quote in ('"""', "'''"):
            if rest.startswith(quote) and not _closes(rest[3:], quote):
                self._in_string = quote
                break
        return bool(key)

    def table_line(self, path: tuple[str, ...], index: int) -> int | None:
        """Line of the ``index``-th header for ``path`` (arrays of tables repeat)."""
        path = tuple(path)
        self._scan(lambda: len(self.tables.get(path, ())) > index)
        found = self.tables.get(path)
        if found and index < len(found):
            return found[index]
        return None

    def key_line(self, table: tuple[str, ...], key: str, index: int = 0) -> int | None:
        """Line of ``key`` in the ``index``-th table ``table`` (top level: ``()``)."""
        wanted = (tuple(table), index, key)
        self._scan(lambda: wanted in self.keys)
        return self.keys.get(wanted)


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
