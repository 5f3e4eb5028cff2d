"""Deadlines (年底前, 30个工作日内, 每季度, 完成时限：长期坚持) and numeric targets (不少于2次,
不低于4%, 100%), as printed in the document's own script."""

from __future__ import annotations

import re

from zwgk_tui.workpoints.shadow import dedupe

# A copy out of a PDF or a web page may put spaces anywhere: 2021 年 6 月底前, 不低于 4 %.
# (Full-width digits and signs are ASCII in the shadow already.)
_S = r"[ \t]*"
_YEAR = rf"(?:19|20)\d{{2}}{_S}年{_S}"
_BEFORE = rf"{_S}(?:前|以前|之前)"
_DEADLINE = re.compile(
    rf"{_YEAR}(?:年底|年末|底|末){_BEFORE}"
    rf"|(?:{_YEAR})?(?:年底|年末|年中|上半年|下半年|第?{_S}[一二三四1-4]{_S}季度末?){_BEFORE}"
    rf"|(?:每年{_S}|{_YEAR})?\d{{1,2}}{_S}月{_S}(?:\d{{1,2}}{_S}日|底|末|上旬|中旬|下旬)?{_BEFORE}"
    rf"|(?:(?<!\d)\d{{1,4}}|(?<![一二三四五六七八九十两])[一二三四五六七八九十两]{{1,4}}){_S}个?{_S}"
    rf"(?:工作日|自然日|日|天|小时|个月|周|星期){_S}(?:内|以内|之内)"
    rf"|每{_S}个?{_S}(?:季度|半年|月|周|星期|年|日|天|季)|按{_S}(?:季度|月|周|年|季)|年内|年度内"
)
_NUMBER = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两百千]+)"
_UNIT = (
    r"(?:%|个百分点|个工作日|人次|小时|万元|亿元|个月|次|个|项|家|期|人|条|篇|场|名|日|天|周|批|轮|份|"
    r"万|亿|倍|所|户|遍|件|部|分)"
)
_TARGET = re.compile(
    r"(?:不(?:得|应|宜|能)?(?:少于|低于|多于|高于|超过|晚于)|至少|最少|力争达到|确保达到|达到)"
    rf"(?:{_S}[\u4e00-\u9fff]{{0,4}}?|{_S}[\u4e00-\u9fff]{{1,10}}?的){_S}(?<![\d.]){_NUMBER}{_S}{_UNIT}"
    rf"|(?<![\d.])\d+(?:\.\d+)?{_S}%"
)


_DEADLINE_LABEL = re.compile(
    r"(?:完成时限|完成时间|完成期限|时限要求|时间要求|时间节点|时限)\s*:\s*([^。;\n()]{2,30}?)\s*(?=[。;\n()]|$)"
)


def deadlines(text: str, shadow: str) -> list[str]:
    """Time limits as printed; a 完成时限：… sentence gives its whole value (长期坚持)."""
    found: list[tuple[int, str]] = []
    inside = bytearray(len(shadow))
    for match in _DEADLINE_LABEL.finditer(shadow):
        start, end = match.span(1)
        inside[start:end] = b"\x01" * (end - start)
        found.append((start, _squash(text[start:end])))
    for match in _DEADLINE.finditer(shadow):
        if not inside[match.start()]:
            found.append((match.start(), _squash(text[match.start() : match.end()])))
    return dedupe(value for _, value in sorted(found))


def targets(text: str, shadow: str) -> list[str]:
    return dedupe(_squash(text[m.start() : m.end()]) for m in _TARGET.finditer(shadow))


def _squash(value: str) -> str:
    return "".join(value.split())

