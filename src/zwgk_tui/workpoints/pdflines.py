"""Positioned characters of a PDF page → the document's lines and paragraphs.

A PDF has no paragraphs, only glyphs at positions. Here glyphs become visual lines (one
baseline, read left to right; a wide gap is a tab, as between the cells of an unruled
table), running heads and feet are dropped (page numbers, and text repeated at the top or
bottom of most pages), a page set in two columns is read column by column, and lines are
joined back into paragraphs: a line goes on the paragraph before it unless that one ended
short of the right margin, this one is indented or set apart, or the type size changes.
Pure geometry: no PDF library is imported here.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－‒_·•\s]*\d{1,4}[-—–－‒_·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|[-—–－]?\s*[ivxlcdmIVXLCDM]{1,6}\s*[-—–－]?)$"
)
HEAD_ZONE = 0.1  # the top and bottom tenth of a page hold running heads and feet
_SENTENCE_END = ("。", "；", ";", "！", "!", "？", "?", "：", ":")
_MARKER = re.compile(
    r"^(?:第\s*[一二三四五六七八九十]{1,3}\s*(?:部分|章|篇)|[一二三四五六七八九十]+\s*[、.．]|"
    r"[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,3}\s*[.．、]|[①-⑳]|附\s*件)"
)


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Line:
    """One visual line of a page: its text (segments joined by a tab) and where it stands."""

    segments: list[tuple[float, float, str]]  # (x0, x1, text) of runs without a wide gap
    top: float
    bottom: float
    size: float
    page: int
    column: int = 0  # 0: the page's full width; 1, 2: the left and right of two columns

    @property
    def x0(self) -> float:
        return self.segments[0][0]

    @property
    def x1(self) -> float:
        return self.segments[-1][1]

    @property
    def text(self) -> str:
        return "\t".join(text for _, _, text in self.segments)


def make_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Glyphs → lines, top to bottom: glyphs share a line when their vertical middles are
    within half a glyph of the line's; inside a line a gap of over two glyph widths starts a
    new segment, a smaller one between two Latin letters or digits is a space."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: ((g.top + g.bottom) / 2, g.x0)):
        middle = (glyph.top + glyph.bottom) / 2
        if rows:
            last = rows[-1]
            line_middle = statistics.fmean((g.top + g.bottom) / 2 for g in last[-8:])
            if abs(middle - line_middle) <= max(glyph.size, last[-1].size) * 0.5:
                last.append(glyph)
                continue
        rows.append([glyph])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        size = statistics.median(g.size for g in row)
        segments: list[tuple[float, float, str]] = []
        start, text, previous = row[0].x0, "", None
        for glyph in row:
            if previous is not None:
                gap = glyph.x0 - previous.x1
                if gap > size * 2:
                    segments.append((start, previous.x1, text))
                    start, text = glyph.x0, ""
                elif gap > size * 0.25 and _ASCII_WORD.match(glyph.text[:1]) \
                        and _ASCII_WORD.match(previous.text[-1:]):
                    text += " "
            if glyph.text.strip() or text:
                text += glyph.text if glyph.text.strip() else " "
            previous = glyph
        segments.append((start, previous.x1 if previous else start, text))
        segments = [(a, b, t.strip()) for a, b, t in segments if t.strip()]
        if segments:
            lines.append(Line(segments, min(g.top for g in row), max(g.bottom for g in row), size, page))
    return lines


def drop_running_heads(pages: list[list[Line]], heights: list[float]) -> None:
    """Remove page numbers and the text repeated at the top or bottom of pages (a running
    title, the issuer's name), segment by segment: a head may be a title on the left and a
    page number on the right."""
    def zone(line: Line, height: float) -> str | None:
        if line.bottom <= height * HEAD_ZONE:
            return "head"
        if line.top >= height * (1 - HEAD_ZONE):
            return "foot"
        return None

    seen: Counter[tuple[str, str]] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        keys = {(z, _shape(text)) for line in lines if (z := zone(line, height))
                for _, _, text in line.segments}
        seen.update(keys)
    repeated = {key for key, count in seen.items() if count >= 2 and count >= len(pages) * 0.5}
    for k, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        kept = []
        for line in lines:
            where = zone(line, height)
            if where is not None:
                line.segments = [s for s in line.segments
                                 if not (_PAGE_NUMBER.match(s[2]) or (where, _shape(s[2])) in repeated)]
                if not line.segments:
                    continue
            kept.append(line)
        pages[k] = kept


def _shape(text: str) -> str:
    """Text with its numbers blanked: 第 3 页 and 第 4 页 are the same running foot."""
    return re.sub(r"\d+", "#", "".join(text.split()))


def in_columns(pages: list[list[Line]], widths: list[float]) -> list[list[Line]]:
    """Pages set in two columns, read left column then right (per band between lines that
    cross the gutter, such as a title across both); other pages as they are. A page too
    short to show its gutter (the last, half full) takes the one its neighbours have, if no
    line of it crosses that."""
    gutters = [_gutter(lines, width) for lines, width in zip(pages, widths, strict=True)]
    common = Counter(round(g) for g in gutters if g is not None).most_common(1)
    out = []
    for lines, gutter in zip(pages, gutters, strict=True):
        if gutter is None and common:
            size = statistics.median(line.size for line in lines) if lines else 0
            middle = common[0][0]
            if not any(s[0] < middle + size and s[1] > middle - size for line in lines for s in line.segments):
                gutter = float(middle)
        out.append(_split(lines, gutter) if gutter is not None else lines)
    return out


def _split(lines: list[Line], middle: float) -> list[Line]:
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in lines:
        crossing = [s for s in line.segments if s[0] < middle < s[1]]
        if crossing:
            out += left + right + [line]
            left, right = [], []
            continue
        parts = ([s for s in line.segments if s[1] <= middle], [s for s in line.segments if s[0] >= middle])
        for column, (side, segments) in enumerate(zip((left, right), parts, strict=True), start=1):
            if segments:
                side.append(Line(segments, line.top, line.bottom, line.size, line.page, column))
    return out + left + right


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of a vertical white band near the middle that most lines leave empty on both
    sides, if there is one."""
    if len(lines) < 8:
        return None
    size = statistics.median(line.size for line in lines)
    for candidate in sorted(range(int(width * 0.35), int(width * 0.65)), key=lambda x: abs(x - width / 2)):
        band = (candidate - size, candidate + size)
        segments = [s for line in lines for s in line.segments]
        crossing = sum(1 for s in segments if s[0] < band[1] and s[1] > band[0])
        left = sum(1 for s in segments if s[1] <= band[0])
        right = sum(1 for s in segments if s[0] >= band[1])
        if crossing <= len(lines) * 0.1 and min(left, right) >= len(lines) * 0.25:
            return float(candidate)
    return None


@dataclass
class Metrics:
    """The body text's left and right edges, size and line pitch, over the whole document."""

    left: float
    right: float
    size: float
    pitch: float


def measure(lines: list[Line]) -> dict[int, Metrics]:
    """Metrics per column (0: full width; 1 and 2: the columns of two-column pages)."""
    return {column: _measure([line for line in lines if line.column == column])
            for column in {line.column for line in lines} | {0}}


def _measure(lines: list[Line]) -> Metrics:
    size = _mode(round(line.size * 2) / 2 for line in lines) if lines else 12.0
    body = [line for line in lines if abs(line.size - size) <= size * 0.15] or lines
    # the left edge: the leftmost x where a good share of lines start (first lines of
    # paragraphs are indented, so the most common start may be the indent)
    starts = Counter(round(line.x0) for line in body)
    common = [x for x, count in starts.items() if count >= max(2, len(body) * 0.05)]
    left = float(min(common)) if common else _mode(round(line.x0) for line in body) if body else 0.0
    rights = sorted(line.x1 for line in body)
    right = rights[int(len(rights) * 0.9)] if rights else 0.0
    pitches = [b.top - a.top for a, b in pairwise(body)
               if a.page == b.page and 0 < b.top - a.top < size * 3]
    pitch = statistics.median(pitches) if pitches else size * 1.5
    return Metrics(left, right, size, pitch)


def _mode(values: object) -> float:
    counts = Counter(values)  # type: ignore[call-overload]
    return float(counts.most_common(1)[0][0]) if counts else 0.0


def paragraphs(lines: list[Line], metrics: dict[int, Metrics]) -> list[tuple[str, int]]:
    """Lines → (paragraph, page): a line continues the paragraph before it when that one
    ran to the right margin, this one starts at the left margin with the same size, and
    no wider gap than a line's stands between them (a page break may fall inside)."""
    out: list[tuple[str, int]] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, metrics.get(previous.column, metrics[0]),
                                               metrics.get(line.column, metrics[0])):
            text, page = out[-1]
            out[-1] = (_join(text, line.text), page)
        else:
            out.append((line.text, line.page))
        previous = line
    return out


def _continues(previous: Line, line: Line, before: Metrics, m: Metrics) -> bool:
    """``before``: the metrics of the previous line's column, ``m`` those of this one's (a
    paragraph may go on from the foot of the left column to the head of the right)."""
    em = m.size
    if len(previous.segments) > 1 or len(line.segments) > 1:
        return False  # table-like rows stay rows
    if abs(previous.size - line.size) > em * 0.15 or abs(line.size - m.size) > em * 0.15:
        return False
    if previous.x1 < before.right - shortfall(line.text, em):
        return False  # the paragraph ended short of the margin
    if line.x0 > m.left + em * 0.8 or previous.x0 > before.left + em * 3:
        return False  # an indented first line; a centred or deeply indented line before
    if line.page == previous.page and line.column == previous.column \
            and line.top - previous.top > m.pitch * 1.45:
        return False  # set apart by space
    # text set without indents: a heading after a sentence that happened to fill its line
    return not (previous.text.endswith(_SENTENCE_END) and _MARKER.match(line.text))


_LEAD_WORD = re.compile(r"[A-Za-z0-9.%/\-]+")


def shortfall(following: str, em: float) -> float:
    """How far short of the right edge a line may stop and still go on in the next: two
    characters (a ragged edge, a character pushed down so that a line does not start with
    punctuation), or as wide as the Latin word or number the next line starts with, which
    did not fit (…及时公开 | 2021年…)."""
    word = _LEAD_WORD.match(following)
    return max(em * 2.2, (len(word.group()) * 0.6 + 1) * em if word else 0.0)


def _join(text: str, more: str) -> str:
    if _ASCII_WORD.match(text[-1:]) and _ASCII_WORD.match(more[:1]):
        return f"{text} {more}"
    return text + more
