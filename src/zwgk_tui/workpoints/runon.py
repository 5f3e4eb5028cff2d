"""Task-table cells that ran together with no separator (line breaks lost): cut them apart.

A row reads [category][task] requirement units. Requirements end with 。 and lists of units
contain none, so after each sentence end a run of unit names (…局、…委, …管委会) is a units
cell — unless the body prints that very run inside a sentence (then it is the sentence's
subject) or a verb follows it. The category and task cells at the start of a row are found
by the titles the text already has (the table may word them a little differently).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from zwgk_tui.workpoints.shadow import squeeze
from zwgk_tui.workpoints.units import UNIT_SUFFIX

_SUFFIX = re.compile(UNIT_SUFFIX)
_CONTINUES = re.compile(r"\s*(?:要|应|须|可|能|负责|会同|等|均|都|不得|不再|的|是|和|及|与|、)")
_STOP = re.compile(
    r"围绕|做好|加强|加大|推进|持续|深化|主动|多形式|及时|开展|建立|完善|健全|落实|提升|提高|"
    r"实施|强化|优化|抓好|严格|全面|准确|根据|按照|稳步|更新|列出|重点|进一步|积极|规范|扩大|"
    r"组织|研究|制定|探索|坚持|结合|统筹|依法|对|在|将|把|要|以"
)


def runon_cells(
    text: str, shade: str, line: int, titles: list[str], body: str = ""
) -> list[tuple[str, str, int]]:
    """Cells run together with no separator: cut after each sentence end where a list of
    units follows, and where a known item title starts a row."""
    cells: list[tuple[str, str, int]] = []
    position = 0
    for match in re.finditer(r"[。;]", shade):
        end = match.end()
        units_end = _units_run(shade, end)
        if units_end <= end or _CONTINUES.match(shade, units_end):
            continue
        probe = squeeze(shade[end : units_end + 4])
        if body and len(probe) >= 6 and probe in body:
            continue  # the body has this very sentence: a subject, not a cell of units
        chunk_text, chunk_shade = text[position:end], shade[position:end]
        cells.extend(_split_titles(chunk_text, chunk_shade, line, titles))
        # 牵头单位 and 配合单位 cells run together: 市税务局市财政局、市发展改革委
        left = end
        for cut in [*_glued_units(shade, end, units_end), units_end]:
            cells.append((text[left:cut], shade[left:cut], line))
            left = cut
        position = units_end
    if position < len(text) and text[position:].strip():
        cells.extend(_split_titles(text[position:], shade[position:], line, titles))
    return [piece for cell in cells for piece in _split_number(*cell)]


# Where one unit's name ends and the next one's begins with no separator between them.
_UNIT_START = re.compile(r"(?:省|市|县|区|州|盟|旗|乡|镇|各|国家)(?!属|级)")


def _glued_units(shade: str, start: int, end: int) -> list[int]:
    cuts: list[int] = []
    for match in _SUFFIX.finditer(shade, start, end):
        at = match.end()
        if at < end and shade[at - 1] != "(" and _UNIT_START.match(shade, at) and at - start >= 3 \
                and (not cuts or at - cuts[-1] >= 3) and shade[at - 1] not in "、,;":
            name = shade[cuts[-1] if cuts else start : at]
            if re.search(r"[、,;]", name):
                name = re.split(r"[、,;]", name)[-1]
            # 市政府各部门 is one unit: a bare 市政府 / 县委 before 各 is its head
            if len(name) >= (4 if shade.startswith("各", at) else 3):
                cuts.append(at)
    return cuts


# A 序号 cell glued to the end of the cell before it: 2019年12月底前2 | 推进…
_NUMBER_AFTER = re.compile(
    r"(?<=[前底末内度续持期月])(?<!\d月)(\d{1,3})\s*$"
)


def _split_number(text: str, shade: str, line: int) -> list[tuple[str, str, int]]:
    match = _NUMBER_AFTER.search(shade)
    if not match or not shade[: match.start()].strip():
        return [(text, shade, line)]
    at = match.start(1)
    return [(text[:at], shade[:at], line), (text[at:], shade[at:], line)]


def _units_run(shade: str, start: int) -> int:
    """End of a list of unit names starting at ``start`` (== start if there is none)."""
    token = re.compile(r"(?:[\u4e00-\u9fff]|\([^()]{1,16}\)){1,30}")
    position = start
    found = 0
    while True:
        match = token.match(shade, position)
        if not match:
            break
        candidate = match.group()
        if _STOP.match(candidate):
            break  # a sentence starts here, not a unit
        stop = _STOP.search(candidate, 2)
        if stop:
            candidate = candidate[: stop.start()]
        ends = [m.end() for k in range(len(candidate)) if (m := _SUFFIX.match(candidate, k))]
        if not ends or max(ends) < 3:
            break
        position += max(ends)
        found += 1
        if position < len(shade) and shade[position] in "、,;":
            position += 1
            continue
        break
    return position if found else start


def _split_titles(text: str, shade: str, line: int, titles: list[str]) -> list[tuple[str, str, int]]:
    """Leading category/task cells of a run-on row, found by the titles the text already has."""
    best = None
    window = shade[:160]
    for title in titles:
        if len(title) < 4:
            continue
        matcher = SequenceMatcher(None, window, title, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        if not blocks:
            continue
        score = sum(b.size for b in blocks) / len(title)
        start = max(0, blocks[0].a - blocks[0].b)
        end = blocks[-1].a + blocks[-1].size + (len(title) - blocks[-1].b - blocks[-1].size)
        if score >= 0.8 and end - start <= len(title) * 1.6 + 2 and (best is None or score > best[0]):
            best = (score, start, end)
    if best is None:
        return [(text, shade, line)]
    _, start, end = best
    out = []
    if text[:start].strip():
        out.append((text[:start], shade[:start], line))
    out.append((text[start:end], shade[start:end], line))
    if text[end:].strip():
        out.append((text[end:], shade[end:], line))
    return out
