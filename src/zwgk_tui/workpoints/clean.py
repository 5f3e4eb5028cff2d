"""Page chrome: what a web copy carries around the document and is never a requirement.

All patterns run on the shadow (simplified script, ASCII punctuation). A line is chrome when
it is short and made of navigation, share buttons, banners, labels of the index-number
block, timestamps, URLs or code; a long line (a paragraph) is never dropped as a whole, only
known chrome phrases are cut out of it (for text whose line breaks were lost). Metadata that
lives only in such lines (doc number, dates, issuer) is read by ``metadata`` before this.
"""

from __future__ import annotations

import re

_LABELS = (
    r"索\s*引\s*号|主\s*题\s*分\s*类|发\s*文\s*机\s*关|成\s*文\s*日\s*期|标\s*题|"
    r"发\s*文\s*字\s*号|发\s*布\s*日\s*期|主\s*题\s*词|有\s*效\s*性|体\s*裁\s*分\s*类|"
    r"组\s*配\s*分\s*类|服\s*务\s*对\s*象|发\s*布\s*机\s*构|公\s*开\s*方\s*式|"
    r"公\s*开\s*范\s*围|信\s*息\s*来\s*源|生\s*效\s*日\s*期|废\s*止\s*日\s*期|文\s*号"
)
LABEL_LINE = re.compile(rf"^(?:{_LABELS})\s*:")
METADATA_LABEL = re.compile(rf"(?:{_LABELS}|发\s*布\s*机\s*关|制\s*发\s*机\s*关|文\s*件\s*编\s*号)\s*")
# Short lines that are chrome wherever they stand.
_SHORT = re.compile(
    r"^(?:EN|English|ENGLISH|中文|简体|繁体|简|繁|无障碍|无障碍阅读|关怀版|长者版|适老版|"
    r"返回首页|首页|返回|分享到|分享|扫一扫|关闭窗口|关闭|打印|打印本页|打印此页|收藏|"
    r"我要纠错|纠错|微信|微博|QQ空间|朋友圈|附件下载|相关附件|相关链接|相关文章|相关稿件|"
    r"相关阅读|相关新闻|目录导读|上一篇|下一篇|网站地图|联系我们|版权所有|主办单位|"
    r"承办单位|技术支持|政府信息公开|政务公开|信息公开|有效|失效|废止|字号|大|中|小|默认|"
    r"超大|正文|全文|视频|图片|解读|图解|回到顶部|TOP|top|Top|访谈|文章|详情)"
    r"(?:\s*[|/、·]?\s*(?:微信|微博|QQ空间|QQ|朋友圈|收藏|打印|关闭|纠错|大|中|小|默认|超大|"
    r"简|繁|无障碍|关怀版|返回首页))*\s*[|:]?$"
)
_PHRASES = re.compile(
    r"(?:当前位置|您现在的位置|您的位置|当前的位置|所在位置|现在位置|欢迎访问|欢迎来到|欢迎光临|"
    r"扫一扫在手机|在手机打开当前页|分享到|关闭窗口|打印本页|附件下载|我要纠错|责任编辑|"
    r"Produced By|produced by|版权所有|ICP备|网站标识码|公网安备|浏览次数|"
    r"点击数|阅读次数|访问量|字号\s*:|【打印】|【关闭】|【大】|【中】|【小】|目录导读|"
    r"上一篇|下一篇|返回顶部|无障碍阅读|关怀版|返回首页|网站地图|联系我们)"
)
_FIELD = re.compile(
    r"^(?:来源|信息来源|文章来源|稿件来源|发布时间|发布日期|发文时间|更新时间|时间|作者|"
    r"编辑|责任编辑|浏览次数|点击数|阅读次数)\s*:"
)
_STAMP = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?")
_BREADCRUMB = re.compile(r"\S\s*[>»›]\s*\S")
_CODE = re.compile(r"^(?:var |let |const |function\b|document\.|window\.|<!--|-->|<|\$\(|//|/\*|\*/|[{}])")
_URL = re.compile(r"https?://\S+|www\.[A-Za-z0-9.-]+\.[a-z]{2,}\S*")
_PAGE = re.compile(r"^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_MARKER_START = re.compile(
    r"^(?:第\s*[一二三四五六七八九十]{1,3}\s*(?:部分|章|篇)|[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,3}\s*[.、)]|[①-⑳])"
)
# Inside a long (run-on) line: phrases that are chrome wherever they stand.
INLINE = re.compile(
    r"扫一扫在手机打开当前页|【我要纠错】\s*(?:责任编辑\s*:\s*\S{1,8})?|责任编辑\s*:\s*\S{1,8}|"
    r"分享到\s*:?|关闭窗口|打印本页|【打印】|【关闭】|附件下载|目录导读|无障碍阅读|关怀版|"
    r"返回首页|Produced By[ A-Za-z]*(?:\s*\S{1,12}网络\s*\S{1,12}系统)?|https?://\S+"
)


def is_chrome(line: str) -> bool:
    """Is this (shadow, stripped) line page chrome?"""
    text = line.strip()
    if not text or _MARKER_START.match(text):
        return False
    if _URL.fullmatch(text) or _PAGE.match(text) or LABEL_LINE.match(text):
        return True
    if len(text) <= 80 and (_SHORT.match(text) or _FIELD.match(text)):
        return True
    if len(text) <= 80 and _STAMP.match(text):
        return True
    if len(text) <= 60 and (_PHRASES.search(text) or _BREADCRUMB.search(text)):
        return True
    if _CODE.match(text) and len(text) <= 400:
        return True
    if not _CJK.search(text):
        # No Chinese at all: URLs, "EN", index numbers, code; but keep bare markers like "1."
        return bool(re.search(r"[A-Za-z]{2,}|\d+/\d{4}|\d{6,}|\d{4}-\d{1,2}-\d{1,2}", text))
    return False


def inline_chrome_spans(shadow: str) -> list[tuple[int, int]]:
    return [m.span() for m in INLINE.finditer(shadow)]


def summary_lines(shadows: list[str]) -> set[int]:
    """Indexes of run-on lines that only repeat the lines after them (a notice summary).

    Seed 002 has the whole notice once as one line ending in "…" before the real notice.
    """
    out: set[int] = set()
    squeezed = ["".join(line.split()) for line in shadows]
    for index, line in enumerate(squeezed):
        if len(line) < 40:
            continue
        following = [s for s in squeezed[index + 1 : index + 30] if len(s) >= 6]
        hits = sum(1 for s in following if s in line)
        truncated = line.endswith(("...", "…", "……"))
        if hits >= 2 or (hits >= 1 and truncated):
            out.add(index)
    return out
