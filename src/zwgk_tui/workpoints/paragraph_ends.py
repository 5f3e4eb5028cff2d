"""Where the line breaks were lost (run-on text), where an item's own paragraph ends and
where a heading printed without 。 ends and its text begins."""

from __future__ import annotations

import re

WHOLE = re.compile(
    r"上述|本(?:工作)?要点|本(?:实施|工作)?方案|本(?:实施)?意见|本通知|本(?:工作)?计划|"
    r"本(?:工作)?安排|本(?:实施)?细则|(?:^|[。;,])\s*以上"
)



# Where the line breaks were lost, an item's paragraph still ends at its units' parenthesis
# ((州政府办公室负责)各县(市)人民政府…要对照本要点…) or before a sentence that speaks for the
# whole document (…关停"僵尸"账号。本要点落实情况纳入…).
_UNITS_CLOSE = re.compile(
    r"(?:\((?:[^()]|\([^()]{0,16}\)){1,80}(?:牵头|负责|配合|落实|分工|参与)\)|(?:责任|牵头)(?:单位|部门)\s*:[^。()]{1,80}。)"
    r"(?=\s*[\u4e00-\u9fff])"
)
_WHOLE_START = re.compile(
    r"(?<=[。;])\s*(?=本(?:工作)?要点|本(?:实施|工作)?方案|本(?:实施)?意见|本通知|上述|以上各项|"
    r"各[^。;]{0,40}?(?:上述|本(?:工作)?要点|本(?:实施|工作)?方案|本(?:实施)?意见))"
)


# A heading printed without 。 whose line break was lost runs into its text. Inside the
# first clause, the heading ends where a heading's last word meets a sentence's first one.
_HEAD_LAST = (
    r"(?:公开|建设|管理|解读|回应|关切|机制|制度|平台|水平|工作|服务|监督|考核|领导|保障|质量|效能|"
    r"能力|体系|力度|目录|清单|培训|措施|基础|要求|思想|原则|目标|任务|专区|专栏|标准化|规范化|"
    r"透明度|实效|作用|渠道|阵地)"
)
_TEXT_FIRST = (  # not 加强/提升/推进/规范/完善…: a heading's second half starts with those too
    r"(?:及时|全面|各级|各地|各部门|各单位|各|按照|根据|围绕|依托|坚持|严格|进一步|积极|主动|持续|认真|"
    r"切实|结合|聚焦|以|对|在|将|把|由|通过|针对|鼓励|支持|开展|组织|编制|制定|发布|设置|确保|实现|"
    r"打造|发挥|集中|梳理|探索|注重|突出|着力|定期|每年|每季度|全年|年内|今年|"
    r"(?:省|市|县|区|乡|镇)(?:政府|委|级|直|属))"
)
_HEADING_END = re.compile(rf"{_HEAD_LAST}(?={_TEXT_FIRST})")


def heading_end(shadow: str) -> int | None:
    """Where a heading run into its text ends (run-on text only), if it can be told."""
    clause = len(shadow)
    for stop in "。;,:":
        at = shadow.find(stop)
        if 0 <= at < clause:
            clause = at
    if clause < 10:
        return None
    for match in _HEADING_END.finditer(shadow, 2, clause - 4):
        if match.end() >= 4:
            return match.end()
    return None


def paragraph_end(shadow: str) -> int | None:
    """Offset in a run-on piece where the item's own paragraph ends, if text follows."""
    for match in _UNITS_CLOSE.finditer(shadow):
        if WHOLE.search(shadow, match.end()):
            return match.end()
    start = _WHOLE_START.search(shadow)
    if start and start.start() > 0:
        return start.start()
    return None


def strip_pair(text: str, shadow: str) -> tuple[str, str]:
    """Strip spaces from a slice and its shadow alike (offsets stay aligned)."""
    blank = " \t\u3000\xa0"
    left = len(text) - len(text.lstrip(blank))
    right = len(text.rstrip(blank))
    if right <= left:
        return "", ""
    return text[left:right], shadow[left:right]
