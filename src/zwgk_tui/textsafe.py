"""Text from files is data: strip terminal control characters, measure CJK display width.

Used by every face that prints (the plain mode, reports, CLI tables). Width follows East
Asian Width: wide and full-width characters take two columns, combining marks none.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# C0 and C1 controls, DEL, and the bidi overrides/isolates that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPE_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """Remove escape sequences and control characters; tabs become spaces."""
    if not text:
        return ""
    text = _ESCAPE_SEQ.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _CONTROL.sub("", text)
    if not keep_newlines:
        text = " ".join(text.split("\n"))
    return text


def one_line(text: str, limit: int | None = None) -> str:
    """A single display line (newlines folded), cut to ``limit`` columns with …"""
    text = " ".join(clean(text, keep_newlines=False).split())
    if limit is not None and width(text) > limit:
        return truncate(text, limit)
    return text


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    if width(text) <= limit:
        return text
    room = limit - width(ellipsis)
    out = []
    used = 0
    for ch in text:
        w = char_width(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + ellipsis


def pad(text: str, columns: int, align: str = "<") -> str:
    gap = max(columns - width(text), 0)
    if align == ">":
        return " " * gap + text
    if align == "^":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


# Characters a line should not start with (closing punctuation) in Chinese typesetting.
_NO_START = set("，。、；：！？）》」』】〕’”,.;:!?)]}%")


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """Wrap by display width; CJK may break anywhere, Latin words stay whole where they fit."""
    columns = max(columns, 8)
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        lines.extend(_wrap_paragraph(paragraph.rstrip(), columns, indent))
    return lines


def _token_at(line: str, starts: list[int], k: int) -> str:
    end = starts[k + 1] if k + 1 < len(starts) else len(line)
    return line[starts[k]:end].rstrip()


def _wrap_paragraph(paragraph: str, columns: int, indent: str) -> list[str]:
    tokens = re.findall(r"[A-Za-z0-9_./:@%#&?=+\-~]+|\s+|.", paragraph)
    out: list[str] = []
    line = ""
    used = 0
    starts: list[int] = []  # where each token on the line starts
    limit = columns
    for token in tokens:
        w = width(token)
        if token.isspace():
            if used + w <= limit and line:
                line += " "
                used += 1
            continue
        if used + w > limit and line:
            cut = len(line)
            if len(token) == 1 and token in _NO_START:
                # closing punctuation never starts a line: the word before it (and any
                # punctuation between) goes along, if something is left behind
                k = len(starts) - 1
                while k > 0 and _token_at(line, starts, k) in _NO_START:
                    k -= 1
                if k > 0 or (k == 0 and starts[0] > len(indent)):
                    cut = starts[k]
                if width(indent + line[cut:].rstrip()) + w > limit:
                    cut = len(line)  # what would go along does not fit either
            carry, line = line[cut:].rstrip(), line[:cut]
            out.append(line.rstrip())
            line, used = indent + carry, width(indent + carry)
            starts = [len(indent)] if carry else []
        while w > limit - used and len(token) > 1:  # a word longer than a line
            room = limit - used
            head = truncate(token, room, ellipsis="")
            if not head:
                break
            out.append(line + head)
            token = token[len(head):]
            w = width(token)
            line, used = indent, width(indent)
            starts = []
        starts.append(len(line))
        line += token
        used += w
    if line.strip():
        out.append(line.rstrip())
    return out


ECHO_COLUMNS = 60  # how much of a typed text is said back after saving it


def brief(text: str) -> str:
    """A typed text said back on one line, cut at ``ECHO_COLUMNS`` (evidence, comments, reasons)."""
    return one_line(text, ECHO_COLUMNS)
