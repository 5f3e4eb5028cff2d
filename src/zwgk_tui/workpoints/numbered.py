"""A task table whose cells ran together (a page saved as text, a crawler's copy), read by
what the table itself tells: its numbering and the unit names that recur in it.

…（一）推进行政权力清单公开1.全面公开省级政府工作部门权力清单和责任清单省编办(省审改办)省直各部门,
各设区市、平潭综合实验区通过政府门户网站集中展示… is cut where the numbering goes on — the
next section 二、 (or the same one again: a heading the copy repeated), the next group （二）,
the next task 2. (or 3. after a skipped 2.) — and each task into its cells: the task, then
a run of unit names (at least one of them recurring in the table: 省直各部门; names glued
without a separator are two cells, 牵头 and 责任: 省编办(省审改办)|省直各部门), then the
requirement. Only where the numbers run 1., 2., 3. … through the table is it used.
"""

from __future__ import annotations

import re

from zwgk_tui.workpoints.markers import AR_DOT, CN_DUN, CN_PAREN, PART, Candidate, find_candidates
from zwgk_tui.workpoints.units import UNIT_SUFFIX

_PREFIX = "省市县区州各国中共自"
_SEPARATORS = "、,;，；"
_LONG_SUFFIX = re.compile(r"(?:部门|政府|委员会|管委会|办公厅|办公室|中心|实验区|开发区|新区|设区市|单位|机构|机关)$")
_SUFFIX_END = re.compile(rf"(?:{UNIT_SUFFIX}|市|县|区)$")
_ALIAS = re.compile(r"\([^()]{1,16}\)")
_MAX_NAME = 16


def numbered_cells(text: str, shade: str, line: int) -> list[tuple[str, str, int]] | None:
    """The cells of a run-together table numbered 1.–N through, or None if it is not one."""
    cuts = _cuts(shade)
    if sum(1 for c in cuts if c.family == AR_DOT) < 3:
        return None
    out: list[tuple[str, str, int]] = []
    if shade[: cuts[0].start].strip():
        out.append((text[: cuts[0].start], shade[: cuts[0].start], line))
    for k, cut in enumerate(cuts):
        end = cuts[k + 1].start if k + 1 < len(cuts) else len(shade)
        if cut.family != AR_DOT:
            out.append((text[cut.start : end], shade[cut.start : end], line))
            continue
        for left, right in _task_cells(shade, cut.start, cut.end, end):
            out.append((text[left:right], shade[left:right], line))
    return out


def _cuts(shade: str) -> list[Candidate]:
    """Markers where the numbering goes on: the next (or the same) section, the next group,
    the next task (or the one after a skipped number)."""
    last = {CN_DUN: 0, CN_PAREN: 0, AR_DOT: 0}
    out: list[Candidate] = []
    for cand in find_candidates(shade):
        family = CN_DUN if cand.family == PART else cand.family
        if family not in last or cand.number is None:
            continue
        expected = (last[family], last[family] + 1) if family == CN_DUN else (last[family] + 1, last[family] + 2)
        if cand.number in expected:
            last[family] = cand.number
            out.append(cand)
    return out


def _task_cells(shade: str, start: int, body: int, end: int) -> list[tuple[int, int]]:
    """[task][units…][requirement] spans of one task's run-together text."""
    table = shade
    for p in range(body + 2, end):
        if shade[p] not in _PREFIX:
            continue
        run = _unit_run(shade, p, end, table)
        if run is None:
            continue
        run_end, glue = run
        spans = [(start, p)]
        left = p
        for cut in [*glue, run_end]:
            spans.append((left, cut))
            left = cut
        if shade[run_end:end].strip():
            spans.append((run_end, end))
        return spans
    return [(start, end)]


def _unit_run(shade: str, p: int, end: int, table: str) -> tuple[int, list[int]] | None:
    """End of a run of unit names starting at ``p`` and where names were glued together, if
    one of its names recurs in the table (a title's 省级政府 does not)."""
    position, glue, recurring = p, [], False
    while position < end:
        name_end = _name_end(shade, position, end, table, listed=position > p and shade[position - 1] in _SEPARATORS)
        if name_end is None:
            break
        recurring = recurring or table.count(shade[position:name_end]) >= 2
        position = name_end
        if position < end and shade[position] in _SEPARATORS and position + 1 < end \
                and _name_end(shade, position + 1, end, table, listed=True) is not None:
            position += 1
        elif position < end and shade[position] in _PREFIX and _name_end(shade, position, end, table):
            glue.append(position)
        else:
            break
    if position == p or not recurring:
        return None
    return position, glue


def _name_end(shade: str, p: int, end: int, table: str, depth: int = 0, listed: bool = False) -> int | None:
    """Where a unit name starting at ``p`` ends: the shortest one followed by a separator,
    its other name in brackets, or another name (省财政厅|省直各部门; but 市政府各部门 is one:
    a name before 各 has four characters at least); else (the requirement follows with no
    separator) the one with a long suffix that recurs most in the table. ``listed``: after a
    separator in a list, a name may start with any character (平潭综合实验区) if it recurs."""
    if p >= end or (shade[p] not in _PREFIX and not listed):
        return None
    loose: list[int] = []
    for e in range(p + 2, min(end, p + _MAX_NAME) + 1):
        name = shade[p:e]
        if not _SUFFIX_END.search(name) or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
            continue
        after = shade[e] if e < end else ""
        if shade[p] not in _PREFIX and table.count(name) < 2:
            continue
        if not after or after in _SEPARATORS or after == "(":
            return _with_alias(shade, e)
        if after in _PREFIX and len(name) >= (4 if after == "各" else 3) and depth < 3 \
                and _name_end(shade, e, end, table, depth + 1) is not None:
            return e
        if _LONG_SUFFIX.search(name):
            loose.append(e)
    if not loose:
        return None
    return _with_alias(shade, max(loose, key=lambda k: (table.count(shade[p:k]), -k)))


def _with_alias(shade: str, e: int) -> int:
    alias = _ALIAS.match(shade, e)
    return alias.end() if alias else e
