"""Deadlines (年底前, 30个工作日内, 每季度, 完成时限：长期坚持) and numeric targets (不少于2次,
不低于4%, 100%), as printed in the document's own script."""

from __future__ import annotations

import re

from zwgk_tui.workpoints.shadow import dedupe

_DEADLINE = re.compile(
    r"(?:19|20)\d{2}年(?:年底|年末|底|末)(?:前|以前|之前)"
    r"|(?:(?:19|20)\d{2}年)?(?:年底|年末|年中|上半年|下半年|第?[一二三四1-4]季度末?)(?:前|以前|之前)"
    r"|(?:每年|(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日|底|末|上旬|中旬|下旬)?(?:前|以前|之前)"
    r"|(?:(?<!\d)\d{1,4}|(?<![一二三四五六七八九十两])[一二三四五六七八九十两]{1,4})\s*个?\s*"
    r"(?:工作日|自然日|日|天|小时|个月|周|星期)(?:内|以内|之内)"
    r"|每个?(?:季度|半年|月|周|星期|年|日|天|季)|按(?:季度|月|周|年|季)|年内|年度内"
)
_NUMBER = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两百千]+)"
_UNIT = (
    r"(?:%|个百分点|个工作日|人次|小时|万元|亿元|个月|次|个|项|家|期|人|条|篇|场|名|日|天|周|批|轮|份|"
    r"万|亿|倍|所|户|遍|件|部|分)"
)
_TARGET = re.compile(
    r"(?:不(?:得|应|宜|能)?(?:少于|低于|多于|高于|超过|晚于)|至少|最少|力争达到|确保达到|达到)"
    rf"(?:[\u4e00-\u9fff]{{0,4}}?|[\u4e00-\u9fff]{{1,10}}?的)(?<![\d.]){_NUMBER}\s*{_UNIT}"
    r"|(?<![\d.])\d+(?:\.\d+)?\s*%"
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

