"""Text from files is data: strip terminal control characters, measure CJK display width.

Two ways to make file text safe for a terminal, a pipe or a spreadsheet:
- ``clean`` *removes* escape sequences and controls: for content shown as content (a title,
  a note), where the reader wants the words;
- ``printable`` *shows* them (``\x1b``, ``\u202e``): for every message that names something
  from a file (an item key, a path, a grade name), so that a hostile value is visible for
  what it is and can be found in the file. ``errors.format_problem`` applies it to every
  one-line message.

Used by every face that prints (the plain mode, reports, CLI tables). Width follows East
Asian Width: wide and full-width characters take two columns, combining marks none.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# C0 and C1 controls, DEL, and the bidi marks/overrides/isolates that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What ``printable`` shows as an escape: the same, plus CR and the line/paragraph separators
# (some terminals treat them as line ends). Tab and newline are whitespace, handled apart.
_UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
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


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, keep_newlines: bool = False) -> str:
    """Text made safe for a terminal with nothing hidden: every control character, C1 code
    and bidi control is shown as its escape (ESC as ``\x1b``), tabs become a space and, unless
    ``keep_newlines``, so do newlines. No byte below 0x20 but a kept newline survives."""
    text = str(text)
    if text.isascii() and text.isprintable():
        return text
    text = _UNPRINTABLE.sub(_shown, text.replace("\r\n", "\n")).replace("\t", " ")
    return text if keep_newlines else text.replace("\n", " ")


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


def fits(text: str, limit: int) -> bool:
    """``width(text) <= limit``, looking no further than the limit (text may be megabytes)."""
    if text.isascii():
        return len(text) <= limit
    used = 0
    for ch in text:
        used += char_width(ch)
        if used > limit:
            return False
    return True


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    if fits(text, limit):
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


# Where a line may break: after a space, after Chinese closing or middle punctuation, before
# Chinese opening punctuation. Nowhere else: a run of Han characters (随时继续, 政策措施) is a
# word to a listener, and a Latin word, number or link is one too. Only a run longer than a
# whole line is cut.
_BREAK_AFTER = set("，。、；：！？）》」』】〕〉”’…—～·,;!?")
_OPEN = set("（《「『【〔〈“‘")


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """Wrap by display width at spaces and punctuation only; continuation lines get ``indent``."""
    columns = max(columns, 8)
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        lines.extend(_wrap_paragraph(paragraph.rstrip(), columns, indent))
    return lines


def _units(paragraph: str) -> list[str]:
    """The paragraph cut at every place a line may break (each unit keeps its trailing
    spaces and punctuation)."""
    units: list[str] = []
    current = ""
    for i, ch in enumerate(paragraph):
        if ch in _OPEN and current.strip():
            units.append(current)
            current = ""
        current += ch
        following = paragraph[i + 1] if i + 1 < len(paragraph) else ""
        if not following:
            break
        ends = ch.isspace() and not following.isspace()
        # ASCII , ; ! ? break too (checklists often write 目标,坚持), but not inside 1,000
        ends = ends or (ch in _BREAK_AFTER and following not in _BREAK_AFTER and not following.isspace()
                        and not (ch in ",;!?" and following.isascii() and following.isalnum()))
        if ends:
            units.append(current)
            current = ""
    if current:
        units.append(current)
    return units


def _wrap_paragraph(paragraph: str, columns: int, indent: str) -> list[str]:
    out: list[str] = []
    line = ""
    for unit in _units(paragraph):
        shown = unit.rstrip()
        if line.strip() and not fits(shown, columns - width(line)):
            out.append(line.rstrip())
            line = indent
            unit = unit.lstrip()
            shown = unit.rstrip()
        elif not line:
            unit = unit.lstrip()
            shown = unit.rstrip()
        while len(shown) > 1 and not fits(shown, columns - width(line)):  # longer than a line: cut
            core = shown.rstrip("".join(_BREAK_AFTER))
            head = truncate(shown, columns - width(line), ellipsis="")
            if core and len(head) >= len(core):
                pass  # the word fits with what punctuation fits: the word stays whole
            elif core[:1] in _OPEN and width(indent) + width(core[1:]) <= columns:
                head = core[:1]  # the word after an opening bracket fits on the next line
            else:  # a word longer than a line: cut it
                if not head:
                    break
                if len(head) > 1 and shown[len(head):][:1] in _BREAK_AFTER:
                    head = head[:-1]  # closing punctuation does not start the next line alone
            out.append(line + head)
            unit = unit[len(head):]
            shown = unit.rstrip()
            line = indent
        line += unit
    if line.strip():
        out.append(line.rstrip())
    return out

ECHO_COLUMNS = 60  # how much of a typed text is said back after saving it


def brief(text: str) -> str:
    """A typed text said back on one line, cut at ``ECHO_COLUMNS`` (evidence, comments, reasons)."""
    return one_line(text, ECHO_COLUMNS)
