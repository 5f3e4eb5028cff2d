"""Text hard-wrapped at a fixed width (copied from a PDF or an old e-mail): join the lines of
each paragraph again, so that a paragraph is one line as in every other copy.

Only a document that looks wrapped is touched: few blank lines, and many lines of one same
display width. A full-width line is joined to the next one unless the next one starts a
new paragraph: it is indented, is a signature (issuer, date), or starts with a numbering
marker after a sentence end (a "(市)" wrapped to the start of a line is not a heading).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_MARKER = re.compile(
    r"^(?:第\s*[一二三四五六七八九十]{1,3}\s*(?:部分|章|篇)|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,3}\s*[.．、]|[①-⑳]|"
    r"附\s*件|[)）])"
)
_INDENT = ("\u3000", "  ", "\t")
_SENTENCE_END = ("。", "；", ";", "！", "!", "？", "?", "：", ":")
# a table's units cell after a requirement: 市财政局、市农业农村局,各县(市、区)人民政府
_UNITS = r"^[^。；;：:]{2,200}(?:局|委|办|辦|厅|廳|政府|管委会|管委會|部门|部門|中心|办公室|辦公室)"
_UNITS_CELL = re.compile(_UNITS + "$")
_UNITS_START = re.compile(_UNITS + "[、，,]?$")  # the first line of one: …人民政府、 wrapped
# an item's responsible units close its paragraph: (市政府办公室、市考核办按职责分工负责)
_UNITS_CLOSE = re.compile(
    r"[(（](?:[^()（）]|[(（][^()（）]{0,16}[)）]){1,80}(?:牵头|牽頭|负责|負責|配合|落实|落實|分工|参与|參與)[)）]$"
)
_SIGNATURE = re.compile(
    r"^(?:[^\s，,。；;：:、《》“”]{2,40}(?:办公厅|办公室|辦公廳|辦公室|人民政府|委员会|委員會)|"
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发|印發)?|"
    r"[(（](?:此件|发至|發至|本件)[^)）]{0,30}[)）])$"
)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# a page number on a line of its own, as a copy out of a PDF keeps it: — 2 —, - 2 -, 2
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*)?\d{1,3}(?:\s*[-—–－])?\s*$|^\s*第\s*\d{1,3}\s*页\s*$")


def looks_wrapped(lines: list[str]) -> int | None:
    """The wrap width, if the document is hard-wrapped. Blank lines do not count: a copy
    out of a PDF may have one between paragraphs, or between every two lines."""
    filled = [line.rstrip() for line in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    if len(filled) < 15:
        return None
    widths = [width(line) for line in filled]
    common = Counter(w for w in widths if w >= 40).most_common(1)
    if not common:
        return None
    full = common[0][0]  # lines wrap at this width, give or take a half-width character
    near = sum(1 for w in widths if full - 3 <= w <= full + 4)
    if near >= len(filled) * 0.4:
        return full
    # many short lines (headings, 责任单位： lines): still wrapped if the text has a hard
    # right edge — a good share of lines at it and next to none beyond it
    over = sum(1 for w in widths if w > full + 4)
    cut = sum(1 for line, w in zip(filled, widths, strict=True)
              if full - 3 <= w <= full + 4 and not line.endswith(_PARAGRAPH_END))
    return full if cut >= max(5, len(filled) * 0.1) and over <= len(filled) * 0.03 else None


_PARAGRAPH_END = ("。", "；", ";", "！", "!", "？", "?", "：", ":", ")", "）", "”")


def unwrap(lines: list[str]) -> list[tuple[str, int]]:
    """(text, first line number) per paragraph; unchanged if the text is not wrapped.

    A wrapped line joins the next unless that one starts a new paragraph; blank lines and
    page numbers between them do not stop it (a page break, or a copy with a blank line
    after every line: …坚持稳 | | 中求进…) — only a sentence end before a blank line does."""
    full = looks_wrapped(lines)
    numbered = [(line, number) for number, line in enumerate(lines, start=1)]
    if full is None:
        return numbered
    out: list[tuple[str, int]] = []
    joining = False
    for line, number in numbered:
        stripped = line.strip()
        if not stripped or _PAGE_NUMBER.match(line):
            if joining and out[-1][0].rstrip().endswith(_SENTENCE_END):
                joining = False
            continue
        if joining:
            previous = out[-1][0].rstrip()
            ended = previous.endswith(_SENTENCE_END)
            addressee = previous.lstrip().startswith("各") and previous.endswith((":", "："))
            units_cell = not previous.startswith(_INDENT) and _UNITS_CELL.match(previous)
            starts_new = (
                line.startswith(_INDENT) or _SIGNATURE.match(stripped)
                or _UNITS_CLOSE.search(previous)
                or (ended and (_MARKER.match(stripped) or _UNITS_START.match(stripped)))
                or addressee or units_cell
            )
        if joining and not starts_new:
            text, first = out[-1]
            out[-1] = (text.rstrip() + stripped, first)
        else:
            out.append((line, number))
        # a line ending in 、 or ， never ends a paragraph (a list of units wrapped early)
        joining = width(line.rstrip()) >= full - 8 or line.rstrip().endswith(("、", "，", ","))
    return out
