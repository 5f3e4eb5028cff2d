"""Metadata: title, issuer, year, doc number, date (成文日期) — read before chrome is dropped.

Sources, best first: the notice's own signature (issuer lines above the date), standalone
doc-number lines, the index-number block (发文机关 / 成文日期 / 发文字号, label and value on
one line or on two), the notice heading, and the print line (…印发) at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from zwgk_tui.workpoints.layout import (
    DATE,
    DATE_ONLY,
    DOC_NUMBER,
    NOTICE,
    ORG_LINE,
    ORG_SUFFIX,
    PRINTED,
    RUNON_TITLE,
    Layout,
    is_title_like,
    title_start,
)
from zwgk_tui.workpoints.nodes import Para
from zwgk_tui.workpoints.numerals import digits_to_int

_DATE_PARTS = re.compile(
    r"((?:19|20)\d{2}|[〇○零一二三四五六七八九0-9]{4})\s*年\s*([0-9一二三四五六七八九十]{1,2})\s*月\s*"
    r"([0-9一二三四五六七八九十]{1,3})\s*日"
)
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_LABEL = re.compile(
    r"(发\s*文\s*机\s*关|成\s*文\s*日\s*期|发\s*文\s*字\s*号|标\s*题|发\s*布\s*日\s*期|"
    r"索\s*引\s*号|主\s*题\s*分\s*类|(?<!发)文\s*号|文\s*件\s*编\s*号|发\s*布\s*机\s*[构关]|"
    r"制\s*发\s*机\s*关)\s*:\s*"
)
# other names index-number blocks give the same fields
_SAME_LABEL = {"文号": "发文字号", "文件编号": "发文字号", "制发机关": "发文机关"}
_NOTICE_HEAD = re.compile(r"^(.{2,60}?)关于印发(.{2,80}?)的通知")
_QUOTED = re.compile(r"《([^《》]{4,60})》")


@dataclass
class Metadata:
    title: str = ""
    issuer: str = ""
    year: int | None = None
    doc_number: str = ""
    date: dt.date | None = None


def read_metadata(layout: Layout, all_paras: list[Para]) -> Metadata:
    meta = Metadata()
    header = layout.header
    labels = _labels(header)
    meta.doc_number = _doc_number(header, labels)
    signature_at = _signature_date(header, layout)
    if signature_at is not None:
        meta.date = parse_date(header[signature_at].shadow)
        meta.issuer = _issuer_above(header, signature_at)
    else:
        meta.issuer, meta.date = _runon_signature(header)
    if meta.date is None and "成文日期" in labels:
        meta.date = parse_date(labels["成文日期"][1])
    for label in ("发文机关", "发布机构", "发布机关"):
        if not meta.issuer and label in labels:
            meta.issuer = labels[label][0].strip()
    if (not meta.issuer or meta.date is None) and not layout.notice:
        # no covering notice: the points are signed at their end (issuer lines, date line)
        issuer, date = _end_signature(layout.tail)
        meta.issuer = meta.issuer or issuer
        meta.date = meta.date or date
    if not meta.issuer or meta.date is None:
        issuer, date = _printed_line(layout.tail or all_paras)
        meta.issuer = meta.issuer or issuer
        meta.date = meta.date or date
    heading = next((m for p in header if (m := _NOTICE_HEAD.search(p.shadow))), None)
    if not meta.issuer and heading:
        para = next(p for p in header if _NOTICE_HEAD.search(p.shadow))
        name = re.search(r"[\u4e00-\u9fff()]+$", heading.group(1).strip())
        if name:
            end = heading.start(1) + len(heading.group(1).rstrip())
            meta.issuer = para.text[end - len(name.group()) : end]
    meta.title = _title(layout, header, heading)
    meta.year = _year(meta)
    return meta


def parse_date(shadow: str) -> dt.date | None:
    match = _DATE_PARTS.search(shadow)
    if match:
        year, month, day = (digits_to_int(part) for part in match.groups())
    else:
        match = _ISO_DATE.search(shadow)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year or 0, month or 0, day or 0)
    except (ValueError, TypeError):
        return None


def normalise_doc_number(text: str) -> str:
    """国办发 〔2019〕 14 号 → 国办发〔2019〕14号 (brackets unified to 〔〕, spaces dropped)."""
    text = "".join(text.split())
    text = re.sub(r"[\[【﹝(（]((?:19|20)\d{2})[\]】﹞)）]", r"〔\1〕", text)
    return text


def _labels(header: list[Para]) -> dict[str, tuple[str, str]]:
    """Index-number block: label → (value text, value shadow)."""
    found: dict[str, tuple[str, str]] = {}
    for k, para in enumerate(header):
        matches = list(_LABEL.finditer(para.shadow))
        for j, match in enumerate(matches):
            key = "".join(match.group(1).split())
            key = _SAME_LABEL.get(key, key)
            end = matches[j + 1].start() if j + 1 < len(matches) else len(para.text)
            value, shade = para.text[match.end() : end].strip(), para.shadow[match.end() : end].strip()
            if not value and k + 1 < len(header) and not _LABEL.match(header[k + 1].shadow):
                value, shade = header[k + 1].text.strip(), header[k + 1].shadow.strip()
            if value and key not in found:
                found[key] = (value, shade)
    return found


def _doc_number(header: list[Para], labels: dict[str, tuple[str, str]]) -> str:
    if "发文字号" in labels:
        value, shade = labels["发文字号"]
        match = DOC_NUMBER.search(shade)
        if match:
            return normalise_doc_number(value[match.start() : match.end()])
    for para in header:
        match = DOC_NUMBER.fullmatch(para.shadow.strip())
        if match:
            start = len(para.shadow) - len(para.shadow.lstrip())
            return normalise_doc_number(para.text[start + match.start() : start + match.end()])
    for para in header:  # a number standing on its own inside a run-on line
        for match in DOC_NUMBER.finditer(para.shadow):
            start = match.start()
            header_end = para.shadow.rfind("文件", start, match.start(1))
            if header_end >= 0:  # a red header run on: …人民政府办公室文件桐政办发〔2021〕9号
                start = header_end + 2
            before = para.shadow[:start].rstrip()
            after = para.shadow[match.end() :].lstrip()
            if ((not before or before.endswith(("通知", ":", "文件"))) and (not after or after[0] in "各\n")) \
                    or (after.startswith("各") and ":" in after[:120]) \
                    or (before.endswith("文件") and header_end >= 0):
                return normalise_doc_number(para.text[start : match.end()])
    return ""


def _signature_date(header: list[Para], layout: Layout) -> int | None:
    """Index (in header) of the notice's signature date: the first date line after the
    notice paragraph, or the last date line before the body."""
    notice_ids = {id(p) for p in layout.notice}
    after_notice = False
    last = None
    for k, para in enumerate(header):
        if id(para) in notice_ids:
            after_notice = True
        if DATE_ONLY.match(para.shadow.strip()) and not PRINTED.match(para.shadow):
            if after_notice:
                return k
            last = k
    return last


def _issuer_above(header: list[Para], at: int) -> str:
    names: list[str] = []
    k = at - 1
    while k >= 0 and len(names) < 4:
        shade = header[k].shadow.strip()
        if ORG_LINE.match(shade) and len(shade) <= 40:
            names.insert(0, header[k].text.strip())
            k -= 1
            continue
        break
    if not names and at >= 0:
        # run-on: "… 青海省人民政府办公厅 2017年3月12日" on one line
        para = header[at]
        match = re.search(rf"([\u4e00-\u9fff()]{{2,40}}{ORG_SUFFIX})\s*{DATE}", para.shadow)
        if match:
            names.append(para.text[match.start(1) : match.end(1)])
    return "、".join(names)


def _runon_signature(header: list[Para]) -> tuple[str, dt.date | None]:
    """Issuer and date right after the notice sentence, in a line whose breaks were lost:
    "…请遵照执行。[附件：…]青海省人民政府办公厅2017年3月12日…"."""
    for para in header:
        notices = list(NOTICE.finditer(para.shadow))
        if not notices:
            continue
        end = para.shadow.find("。", notices[-1].end())
        start = end + 1 if end >= 0 else notices[-1].end()
        date = re.compile(DATE).search(para.shadow, start, start + 160)
        if not date or para.shadow[date.end() :].lstrip().startswith("印发"):
            continue
        between = para.shadow[start : date.start()]
        cut = max((m.end() for m in _NAME_END.finditer(between)), default=0)
        name = between[cut:].strip()
        if re.fullmatch(rf"[\u4e00-\u9fff()]{{2,60}}{ORG_SUFFIX}", name):
            offset = start + between.index(name, cut)
            return "、".join(split_issuers(para.text[offset : offset + len(name)], name)), \
                parse_date(date.group())
    return "", None


_NAME_END = re.compile(r"方案|要点|意见|通知|办法|计划|细则|》|:|\s")
_JOINT = re.compile(r"办公厅|办公室|委员会|人民政府(?!办公)")


def split_issuers(text: str, shadow: str) -> list[str]:
    """中共哈尔滨市委办公厅哈尔滨市人民政府办公厅 → the two offices it names."""
    cuts = [m.end() for m in _JOINT.finditer(shadow) if len(shadow) - m.end() >= 4]
    cuts = [c for c in cuts if re.fullmatch(rf".{{2,40}}?{ORG_SUFFIX}", shadow[c:])]
    parts, last = [], 0
    for cut in cuts:
        if re.fullmatch(rf".{{2,40}}{ORG_SUFFIX}", shadow[last:cut]):
            parts.append(text[last:cut])
            last = cut
    parts.append(text[last:])
    return parts


def _end_signature(tail: list[Para]) -> tuple[str, dt.date | None]:
    """The signature after the body: issuer line(s), then a date line."""
    for k, para in enumerate(tail[:12]):
        if DATE_ONLY.match(para.shadow.strip()):
            return _issuer_above(tail, k) if k else "", parse_date(para.shadow)
        match = _ONE_LINE_SIGNATURE.match(para.shadow)
        if match:  # line breaks lost: 松阳湾县人民政府办公室2023年3月10日
            return para.text[match.start(1) : match.end(1)], parse_date(match.group(2))
    return "", None


_ONE_LINE_SIGNATURE = re.compile(rf"\s*([\u4e00-\u9fff()]{{2,40}}?{ORG_SUFFIX})\s*({DATE})\s*$")


def _printed_line(paras: list[Para]) -> tuple[str, dt.date | None]:
    """The print line at the end: 青海省人民政府办公厅 2017年3月14日印发."""
    for k, para in enumerate(paras):
        if PRINTED.match(para.shadow.strip()):
            match = re.match(rf"^(.*?){DATE}", para.shadow.strip())
            issuer = match.group(1).strip() if match else ""
            if not issuer and k > 0 and ORG_LINE.match(paras[k - 1].shadow.strip()):
                issuer = paras[k - 1].text.strip()
            elif issuer:
                start = para.text.find(para.text.strip())
                issuer = para.text[start : start + len(issuer)]
            return issuer, parse_date(para.shadow)
    return "", None


def _title(layout: Layout, header: list[Para], heading: re.Match[str] | None) -> str:
    if layout.title is not None:
        return layout.title.text.strip()
    for para in reversed(header):
        if para.runon or len(para.text) > 200:
            for match in reversed(list(RUNON_TITLE.finditer(para.shadow))):
                if not para.shadow[: match.start()].endswith(("《", "印发")):
                    return para.text[title_start(para.shadow, match.start()) : match.end()]
    for para in header:
        quoted = _QUOTED.search(para.shadow)
        if quoted and is_title_like(quoted.group(1)):
            return para.text[quoted.start(1) : quoted.end(1)]
    if heading is not None:
        para = next(p for p in header if _NOTICE_HEAD.search(p.shadow))
        return para.text[heading.start(2) : heading.end(2)].strip("《》 ")
    return ""


def _year(meta: Metadata) -> int | None:
    match = re.search(r"((?:19|20)\d{2})\s*年", meta.title)
    if match:
        return int(match.group(1))
    match = re.search(r"〔((?:19|20)\d{2})〕", meta.doc_number)
    if match:
        return int(match.group(1))
    return meta.date.year if meta.date else None
