"""Numbering markers: where a 一、 / （一） / 1. / （1） / ① could start a heading.

This module only finds candidates and says how plausible their position is; ``structure``
decides which ones the numbering actually expects. Patterns run on the shadow, so
（一）/(一), 1．/1./1、 and 繁體 all look alike here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zwgk_tui.workpoints.numerals import cn_to_int

# Families, in the usual Chinese order of hierarchy (lower = higher up); 第一部分 stands
# above 一、 where a document groups its sections into parts.
PART = -1
CN_DUN, CN_PAREN, AR_DOT, AR_PAREN, AR_HALF, CIRCLED = range(6)
LOST = 9  # a closing parenthesis whose number was lost in the copy: ")强化考核监督"

STRONG, WEAK, NONE = 2, 1, 0

_CN = "一二三四五六七八九十百"
_PATTERN = re.compile(
    rf"(?P<part>第\s*[{_CN}]{{1,3}}\s*(?:部分|章|篇))\s*[、.:]?"
    rf"|(?P<cnd>(?<![{_CN}零〇两第之])[{_CN}]{{1,4}})\s*(?P<cnd_sep>[、.])(?![\d.])"
    rf"|\(\s*(?P<cnp>[{_CN}]{{1,4}})\s*\)"
    rf"|(?P<cnp_open>(?<![{_CN}(第])[{_CN}]{{1,3}})\)"
    r"|\(\s*(?P<arp>\d{1,3})\s*\)"
    r"|(?P<ard>(?<![\d.第])\d{1,3})\s*(?P<ard_sep>[.、,])(?![\d.%])"
    r"|(?P<arh>(?<![\d(])\d{1,3})\)"
    r"|(?P<circ>[①-⑳])"
    r"|(?P<pcirc>[⑴-⒇])"
    r"|(?P<lost>(?:^|(?<=[。;!?)]))\s*\)(?=[\u4e00-\u9fff]))"
)
_WEAK_BEFORE = set("。;!?”’」』)】")
_NO_BOUNDARY_BLOCK = set("第之条款项章节号表图件的至、" + _CN + "零〇两(")


@dataclass(slots=True)
class Candidate:
    family: int
    number: int | None
    start: int  # where the marker starts in the paragraph
    end: int  # where the text after it starts (spaces skipped)
    boundary: int
    strict: bool = False  # only acceptable at a strong boundary (1, / 三) / lost number)
    index: int = 0  # running index over the whole body, for look-ahead


def find_candidates(shadow: str) -> list[Candidate]:
    """All marker candidates in one paragraph (its shadow), in order."""
    out: list[Candidate] = []
    depth: list[int] | None = None
    for match in _PATTERN.finditer(shadow):
        kind = match.lastgroup
        strict = False
        if match.group("part") is not None:
            family, number = PART, cn_to_int(match.group("part").strip("第部分章篇 "))
        elif match.group("cnd") is not None:
            family, number = CN_DUN, cn_to_int(match.group("cnd"))
        elif match.group("cnp") is not None:
            family, number = CN_PAREN, cn_to_int(match.group("cnp"))
        elif match.group("cnp_open") is not None:
            family, number, strict = CN_PAREN, cn_to_int(match.group("cnp_open")), True
        elif match.group("arp") is not None:
            family, number = AR_PAREN, int(match.group("arp"))
        elif match.group("ard") is not None:
            family, number = AR_DOT, int(match.group("ard"))
            strict = match.group("ard_sep") == ","
        elif match.group("arh") is not None:
            family, number, strict = AR_HALF, int(match.group("arh")), True
        elif kind == "circ":
            family, number = CIRCLED, ord(match.group("circ")) - ord("①") + 1
        elif kind == "pcirc":
            family, number = AR_PAREN, ord(match.group("pcirc")) - ord("⑴") + 1
        else:
            family, number = LOST, None
            if match.start() > 0 and shadow[match.start() - 1] == ")":
                # "…负责))强化…": a lost number only where that ) closes nothing
                if depth is None:
                    depth = _depths(shadow)
                if depth[match.end()] >= 0:
                    continue
        if number == 0:
            continue
        start = match.start() if kind != "lost" else match.end() - 1
        end = match.end()
        while end < len(shadow) and shadow[end] in " \t":
            end += 1
        if end >= len(shadow) and family in (AR_DOT, AR_HALF, CN_DUN) and start > 0:
            continue  # a bare "3." or "二、" ending a paragraph is a number in prose
        boundary = _boundary(shadow, start)
        out.append(Candidate(family, number, start, end, boundary, strict))
    return out


def _depths(shadow: str) -> list[int]:
    """Parenthesis balance before each offset (negative: more ) than ( so far)."""
    out, running = [0], 0
    for char in shadow:
        running += 1 if char == "(" else -1 if char == ")" else 0
        out.append(running)
    return out


def _boundary(shadow: str, start: int) -> int:
    """STRONG at the start of a paragraph, WEAK after a sentence end, a closing quote or a
    space (where line breaks were lost), NONE in the middle of a sentence."""
    index = start - 1
    spaced = False
    while index >= 0 and shadow[index] in " \t":
        index -= 1
        spaced = True
    if index < 0:
        return STRONG
    if shadow[index] in _WEAK_BEFORE or spaced:
        return WEAK
    return NONE


def none_boundary_ok(shadow: str, cand: Candidate) -> bool:
    """May a candidate with no boundary before it start a heading (run-on text only)?"""
    if cand.start == 0:
        return True
    before = shadow[cand.start - 1]
    return not (before in _NO_BOUNDARY_BLOCK or before.isdigit() or (before.isascii() and before.isalpha()))


def strip_marker(text: str) -> str:
    """The text after a leading numbering marker (（一）公开就业信息 → 公开就业信息)."""
    cands = find_candidates(text)
    if cands and cands[0].start == 0:
        return text[cands[0].end :]
    return text
