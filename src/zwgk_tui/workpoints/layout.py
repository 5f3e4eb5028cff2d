"""Where things are: page header, covering notice, the work points' title, preamble, body, tail.

The body starts at the numbering that runs longest (一、二、三… at paragraph starts; at
sentence boundaries when the line breaks were lost) and ends at the first 附件 line, the
signature (issuer + date, …印发), or an attached task table. Everything before it is read
for metadata; only the notice, the preamble and the body are ever written out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zwgk_tui.workpoints.clean import inline_chrome_spans, is_chrome, summary_lines
from zwgk_tui.workpoints.markers import (
    AR_DOT,
    AR_HALF,
    AR_PAREN,
    CN_DUN,
    CN_PAREN,
    NONE,
    PART,
    STRONG,
    Candidate,
    find_candidates,
    none_boundary_ok,
)
from zwgk_tui.workpoints.nodes import Para
from zwgk_tui.workpoints.shadow import Shadow
from zwgk_tui.workpoints.unwrap import unwrap

RUNON_LINE = 1500
NOTICE = re.compile(
    r"印发给你们|印发给你|现印发|印发你们|现将.{0,80}印发|请遵照执行|请认真贯彻|请结合实际|"
    r"请认真组织实施|请抓好贯彻落实|请认真抓好落实"
)
DATE = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九0-9]{4})\s*年\s*[0-9一二三四五六七八九十]{1,2}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日"
DATE_ONLY = re.compile(rf"^[(\[]?\s*{DATE}\s*[)\]]?$")
PRINTED = re.compile(rf"^(?:.{{0,30}}?)\s*{DATE}\s*印发$")
ORG_SUFFIX = (
    r"(?:办公厅|办公室|人民政府|政府|委员会|管委会|委|局|厅|办|部|署|中心|小组|党委|党组|"
    r"总局|政府办|街道办事处|办事处|领导小组)"
)
ORG_LINE = re.compile(rf"^[\u4e00-\u9fff()]{{2,40}}{ORG_SUFFIX}$")
ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*(?::|$)")
SIDE_NOTE = re.compile(r"^\((?:此件|发至|联系人|本件|此文)[^)]{0,40}\)$")
CC_LINE = re.compile(r"^抄\s*送\s*:")
TITLE_WORDS = re.compile(r"要点|方案|意见|计划|安排|任务|清单|办法|措施|细则|规划|重点|工作")
NAMES_POINTS = re.compile(r"(?:19|20)\d{2}\s*年|要点|方案|意见|计划|安排|清单|细则")
NOT_TITLE = re.compile(r"关于印发|的通知$|^附\s*件|^各.{0,40}:$|^\d{4}-\d")
RUNON_SIGNATURE = re.compile(rf"{ORG_SUFFIX}\s*{DATE}(?!\s*(?:前|以前|之前))(?:\s*印发)?")
RUNON_ATTACHMENT = re.compile(r"附\s*件\s*\d*\s*:")
RUNON_SIGNATURE_AT = re.compile(rf"\s*[\u4e00-\u9fff()]{{2,40}}?{ORG_SUFFIX}\s*{DATE}(?!\s*印发)")
RUNON_TITLE = re.compile(
    r"(?:19|20)\d{2}年(?![0-9一二三四五六七八九十]{1,2}月)[^。;:,()《》\s]{2,40}?"
    r"(?:工作要点|实施方案|工作方案|工作安排|要点|方案)"
)
# the place a run-on title names before its year: …2018年6月12日石桥镇2018年…实施方案
_PLACE_BEFORE = re.compile(
    r"(?:^|(?<=[。;:》\s)日号])|(?<=通知|印发|文件))"
    r"([\u4e00-\u9fff]{1,10}?(?:省|市|县|区|州|盟|旗|镇|乡|街道|自治区|自治州))$"
)


def title_start(shadow: str, start: int) -> int:
    """Where a run-on title found at ``start`` (its year) really starts."""
    match = _PLACE_BEFORE.search(shadow, max(0, start - 12), start)
    return match.start(1) if match else start


DOC_NUMBER = re.compile(
    r"(?<!通)(?:(?!通知)[\u4e00-\u9fff]){1,12}\s*[〔\[【(]\s*((?:19|20)\d{2})\s*[〕\]】)]\s*(\d{1,4})\s*号"
)


@dataclass
class Layout:
    header: list[Para] = field(default_factory=list)  # everything before the body
    notice: list[Para] = field(default_factory=list)
    title: Para | None = None
    preamble: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    tail: list[Para] = field(default_factory=list)
    root_family: int | None = None
    chrome: set[int] = field(default_factory=set)  # ids of chrome paras


def make_paras(lines: list[str], shadow: Shadow) -> list[Para]:
    """Lines → paragraphs. Hard-wrapped text is joined back into paragraphs; a very long line
    (line breaks lost) is split where spaces stand (lines joined with spaces come apart
    again), and known chrome phrases are cut out of it."""
    paras: list[Para] = []
    for line, number in unwrap(lines):
        text = line.strip(" \t\u3000\xa0")
        if not text:
            continue
        shade = shadow(text)
        if not is_runon(shade):
            paras.append(Para(text, shade, number))
            continue
        for start, end in reversed(inline_chrome_spans(shade)):
            text, shade = text[:start] + " " + text[end:], shade[:start] + " " + shade[end:]
        position = 0
        for gap in [*_GAP.finditer(shade), None]:
            end = gap.start() if gap else len(shade)
            if gap and (_ENDS_WITH_MARKER.search(shade, max(0, end - 24), end) or _GLUED.match(shade, gap.end())
                        or shade[end - 1] in "〔〕[]【】"):
                continue  # "1. 实行…", "5 号": the space is inside one piece
            part, part_shade = _strip_pair(text[position:end], shade[position:end])
            if part:
                paras.append(Para(part, part_shade, number, True))
            position = gap.end() if gap else end
    return paras


_GAP = re.compile(r"\s+")
_GLUED = re.compile(r"[号年月日%个次]")
_ENDS_WITH_MARKER = re.compile(
    r"(?:第\s*[一二三四五六七八九十]{1,3}\s*(?:部分|章|篇)|(?<![\d.])\d{1,3}\s*[.、,]|\(\s*[\d一二三四五六七八九十]{1,4}\s*\)|[一二三四五六七八九十]{1,3}\s*[、.])$"
)


def _strip_pair(text: str, shadow: str) -> tuple[str, str]:
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return (text[left:right], shadow[left:right]) if right > left else ("", "")


def is_runon(shadow: str) -> bool:
    """A line whose line breaks were lost: very long, or several headings inside it."""
    if len(shadow) > RUNON_LINE:
        return True
    if len(shadow) < 80:
        return False
    inline = [c for c in find_candidates(shadow)
              if c.start > 0 and c.boundary != STRONG
              and c.family in (PART, CN_DUN, CN_PAREN, AR_DOT, AR_HALF)]
    return len(inline) >= 3 and len({c.family for c in inline}) >= 2


def split_para(para: Para, offset: int) -> tuple[Para, Para]:
    head, tail = para.text[:offset].rstrip(), para.text[offset:]
    return (Para(head, para.shadow[: len(head)], para.line, para.runon),
            Para(tail, para.shadow[offset:], para.line, para.runon))


def acceptable(para: Para, cand: Candidate) -> bool:
    if cand.strict and cand.boundary != STRONG:
        return False
    if cand.boundary == STRONG:
        return True
    if not para.runon:
        return False
    return cand.boundary != NONE or none_boundary_ok(para.shadow, cand)


def find_start(paras: list[Para], limit: int) -> tuple[int, int, int] | None:
    """(paragraph index, offset, family) where the longest top-level numbering begins."""
    flat: list[tuple[int, Candidate]] = []
    for index, para in enumerate(paras[:limit]):
        flat.extend((index, cand) for cand in find_candidates(para.shadow) if acceptable(para, cand))
    best: dict[int, tuple[int, int, int]] = {}
    for family in (PART, CN_DUN, CN_PAREN, AR_DOT, AR_PAREN):
        seq = [(i, c) for i, c in flat if c.family == family]
        # run[k]: how long the numbering that reaches seq[k] goes on from it, taking each
        # time the first later marker that numbers on (n+1, or n+2: a skipped number)
        run = [1] * len(seq)
        ahead: dict[int, int] = {}  # number -> nearest position after the one looked at
        for k in range(len(seq) - 1, -1, -1):
            number = seq[k][1].number or 0
            nearest = [ahead[n] for n in (number + 1, number + 2) if n in ahead]
            if nearest:
                run[k] = 1 + run[min(nearest)]
            ahead[number] = k
        for k, (index, cand) in enumerate(seq):
            if cand.number == 1 and (family not in best or run[k] > best[family][0]):
                best[family] = (run[k], index, cand.start)
    order = [f for f in (PART, CN_DUN, CN_PAREN, AR_DOT, AR_PAREN) if f in best]
    if not order:
        return None
    chosen = next((f for f in order if best[f][0] >= 2), order[0])
    # a single 一、 heading standing before a longer run of （一） is still the top level
    for family in order:
        if family < chosen and best[family][1:] < best[chosen][1:]:
            chosen = family
            break
    return best[chosen][1], best[chosen][2], chosen


def is_signature(shadow: str) -> bool:
    text = shadow.strip()
    return bool(
        DATE_ONLY.match(text) or PRINTED.match(text) or SIDE_NOTE.match(text)
        or (ORG_LINE.match(text) and len(text) <= 40) or CC_LINE.match(text)
    )


def is_title_like(shadow: str) -> bool:
    text = shadow.strip()
    return (
        4 <= len(text) <= 60 and not text.endswith(("。", ":", ";", ",")) and "," not in text
        and bool(TITLE_WORDS.search(text)) and not NOT_TITLE.search(text)
        and not DATE_ONLY.match(text) and "。" not in text
    )


def find_layout(paras: list[Para], table_start: int | None) -> Layout:
    layout = Layout()
    shadows = [p.shadow for p in paras]
    summaries = summary_lines(shadows)
    layout.chrome = {id(p) for i, p in enumerate(paras) if i in summaries or is_chrome(p.shadow)}
    limit = table_start if table_start is not None else len(paras)
    start = find_start(paras, limit)
    if start is None:
        layout.header = paras[:limit]
        layout.tail = paras[limit:]
        _split_header(layout, layout.header)
        return layout
    index, offset, layout.root_family = start
    paras = list(paras)
    if offset > 0:
        head, body_first = split_para(paras[index], offset)
        paras[index : index + 1] = [head, body_first]
        index += 1
        limit += 1
    header = paras[:index]
    end = _find_end(paras, index, limit)
    layout.header = header
    layout.body = [p for p in paras[index:end] if id(p) not in layout.chrome]
    layout.tail = paras[end:]
    _split_header(layout, header)
    return layout


def _find_end(paras: list[Para], start: int, limit: int) -> int:
    for index in range(start, limit):
        shade = paras[index].shadow
        if index > start and (ATTACHMENT.match(shade) or CC_LINE.match(shade) or PRINTED.match(shade)
                              or DATE_ONLY.match(shade) or SIDE_NOTE.match(shade)):
            while index - 1 > start and ORG_LINE.match(paras[index - 1].shadow):
                index -= 1
            return index
        if paras[index].runon:
            cut = _runon_end(shade)
            if cut is not None and (index > start or cut > 0):
                head, tail = split_para(paras[index], cut)
                paras[index : index + 1] = [head, tail] if head.text else [tail]
                return index + 1 if head.text else index
    return limit


def _runon_end(shadow: str) -> int | None:
    cuts = [m.start() for m in (RUNON_ATTACHMENT.search(shadow), RUNON_SIGNATURE.search(shadow)) if m]
    if not cuts:
        return None
    cut = min(cuts)
    match = RUNON_SIGNATURE.search(shadow)
    if match and match.start() == cut:
        # back up over the issuer's name (the characters before the suffix, no punctuation)
        back = cut
        while back > 0 and re.match(r"[\u4e00-\u9fff()]", shadow[back - 1]) and cut - back < 30:
            back -= 1
        cut = back
    return cut


def _split_header(layout: Layout, header: list[Para]) -> None:
    """Notice, title and preamble out of the paragraphs before the body."""
    live = [p for p in header if id(p) not in layout.chrome]
    notice_at = None
    for k, para in enumerate(live):
        if NOTICE.search(para.shadow):
            notice_at = k
    after = 0
    if notice_at is not None and live[notice_at].runon and _runs_past_notice(live[notice_at]):
        notice, tail = _cut_runon_notice(live[notice_at])
        layout.notice = [notice]
        live[notice_at : notice_at + 1] = [tail] if tail.text else []
        after = notice_at
    elif notice_at is not None:
        first = notice_at
        if first > 0 and live[first - 1].shadow.rstrip().endswith(":") and len(live[first - 1].text) < 200:
            first -= 1
        end = notice_at + 1
        while end < len(live) and (is_signature(live[end].shadow) or ATTACHMENT.match(live[end].shadow)):
            end += 1
        layout.notice = [p for p in live[first:end] if not _is_signature_core(p.shadow)]
        after = end
    rest = live[after:]
    title_at = None
    for k, para in enumerate(rest):
        if is_title_like(para.shadow):
            title_at = k
    named = [k for k, para in enumerate(rest) if is_title_like(para.shadow) and NAMES_POINTS.search(para.shadow)]
    if named and title_at not in named:
        # 第二章 重点任务 after 2022年某县政务公开工作要点: the title names the year or the
        # kind of document; what follows it is preamble, never dropped
        title_at = named[-1]
    if title_at is not None:
        layout.title = rest[title_at]
        rest = rest[title_at + 1 :]
    else:
        found = _runon_title(rest)
        if found is not None:
            layout.title, rest = found
        elif notice_at is None:
            # no notice, no title: keep only what reads as prose, not page furniture
            rest = [p for p in rest if "。" in p.shadow or p.shadow.rstrip().endswith(":")]
    layout.preamble = [p for p in rest if not is_signature(p.shadow) and not ATTACHMENT.match(p.shadow)]


def _runs_past_notice(para: Para) -> bool:
    """A run-on line that holds more than the notice (its signature, the title, the preamble)."""
    if len(para.text) > 200:
        return True
    match = list(NOTICE.finditer(para.shadow))[-1]
    end = para.shadow.find("。", match.end())
    return end >= 0 and len(para.shadow[end + 1 :].strip()) >= 20


def _cut_runon_notice(para: Para) -> tuple[Para, Para]:
    """Line breaks lost in the header: the notice is the addressee and the sentence that
    hands the points on; what follows its signature is the title and preamble."""
    shade = para.shadow
    match = list(NOTICE.finditer(shade))[-1]
    end = shade.find("。", match.end())
    end = end + 1 if end >= 0 else match.end()
    anchors = [0]
    anchors += [m.end() for m in DOC_NUMBER.finditer(shade, 0, match.start())]
    heading = shade.rfind("通知", 0, match.start())
    if heading >= 0:
        anchors.append(heading + 2)
    start = max(anchors)
    signature = RUNON_SIGNATURE_AT.match(shade, end)
    tail_start = signature.end() if signature else end
    side = re.compile(r"\s*\((?:此件|发至|本件)[^)]{0,40}\)").match(shade, tail_start)
    if side:
        tail_start = side.end()
    notice = Para(para.text[start:end].strip(), shade[start:end].strip(), para.line, True)
    tail_text = para.text[tail_start:]
    lead = len(tail_text) - len(tail_text.lstrip())
    tail = Para(tail_text.strip(), shade[tail_start + lead : tail_start + lead + len(tail_text.strip())],
                para.line, True)
    return notice, tail


def _runon_title(rest: list[Para]) -> tuple[Para, list[Para]] | None:
    """A title run together with the preamble: 2024年…工作要点2024年全市…"""
    for k, para in enumerate(rest):
        for match in RUNON_TITLE.finditer(para.shadow):
            before = para.shadow[: match.start()]
            if before.endswith(("《", "印发", "关于")):
                continue
            begin = title_start(para.shadow, match.start())
            title = Para(para.text[begin : match.end()], para.shadow[begin : match.end()], para.line,
                         para.runon)
            remainder = para.text[match.end() :]
            lead = len(remainder) - len(remainder.lstrip())
            tail = Para(remainder.strip(), para.shadow[match.end() + lead : match.end() + lead
                                                      + len(remainder.strip())], para.line, para.runon)
            return title, ([tail] if tail.text else []) + rest[k + 1 :]
    return None


def _is_signature_core(shadow: str) -> bool:
    """Issuer and date lines of the notice's signature (metadata, not notice text)."""
    text = shadow.strip()
    return bool(DATE_ONLY.match(text) or (ORG_LINE.match(text) and len(text) <= 40))

