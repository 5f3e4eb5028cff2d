"""The 评分细则 text of an indicator → counted rules and parts, as far as the words say.

Published criteria read like "①公文提前或超期公开每条扣5分；②标题、索引号等要素未规范录入每条扣1分",
"数量低于规定标准，出现一个月扣5分，扣完为止", "一项可得2分，最高不超过6分", "每次加3分",
"清晰显示…的，可得50%", "发现…的，此项不得分". The text is split into clauses (①②…, 1、 2、…,
then sentences), each clause into one rule per "扣N分" / "得N分" / "加N分" it holds; the counting
word comes from "每条""每次""出现一个月""一项"…; "最多""最高不超过""上限" give the cap. A clause
that speaks of points but fits none of these stays in the criteria text only, and is
reported so that the author can write the rule by hand. The criteria text is always kept
whole; this only adds structure beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5}
NUM = r"(\d+(?:[.．]\d+)?|[一二两三四五六七八九十半]{1,3})"
UNITS = "个月|人次|季度|小时|工作日|条|次|例|件|项|个|处|篇|天|日|家|期|月|周|份|栏|名|批"
_EVERY = re.compile(rf"每[^，,。；;]{{0,10}}?({UNITS})")
_ONE = re.compile(rf"(?:出现|发现|缺|少|超过|超|有)?\s*(?:一|1)\s*({UNITS})")
_DEDUCT = re.compile(rf"(?:扣|减)除?\s*{NUM}\s*分")
_CREDIT = re.compile(rf"(?:可得|得|加|计)\s*{NUM}\s*分")
_SHARE = re.compile(rf"(?:可得|得|计)\s*{NUM}\s*[%％]")
_CAP = re.compile(rf"(?:最多|最高|上限|封顶|不超过|累计不超过)[^，,。；;\d]{{0,4}}?{NUM}\s*分")
_NOTHING = re.compile(r"(?:此项|该项|本项)?不得分|不计分|得0分|计0分")
_SCORE_WORDS = re.compile(r"[扣减加得计]\s*[\d一二两三四五六七八九十半]+\s*(?:分|[%％])|不得分|按比[例重]")
_NUMBERED = re.compile(r"(?:^|(?<=[。；;：:\n]))\s*(?:\d{1,2}\s*[、．.](?!\d)|[（(]\d{1,2}[）)])")
_SENTENCE = re.compile(r"(?<=[。；;\n])")
_SEGMENT_END = "，,、"


@dataclass(slots=True)
class ParsedRule:
    text: str
    kind: str                     # "deduct" or "credit"
    amount: float
    per: str = ""
    cap: float | None = None


@dataclass(slots=True)
class ParsedPart:
    text: str
    share: float


@dataclass(slots=True)
class Parsed:
    rules: list[ParsedRule] = field(default_factory=list)
    parts: list[ParsedPart] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)   # clauses about points that fit no rule


def number(text: str) -> float:
    """``5``, ``0.5``, ``５``, ``五``, ``十二`` → a float."""
    text = text.replace("．", ".")
    if text and all(ch in _CN for ch in text):
        if text == "十":
            return 10.0
        if text.startswith("十"):
            return 10.0 + _CN[text[1:]] if len(text) == 2 else 10.0
        if "十" in text:
            tens, _, ones = text.partition("十")
            return _CN[tens] * 10 + (_CN[ones] if ones else 0)
        return float(_CN[text[0]])
    return float(text)


def clauses(text: str) -> list[str]:
    """①… or 1、… items; otherwise sentences. Leading numbering and spaces removed."""
    body = text.strip()
    if any(ch in body for ch in CIRCLED):
        pieces = re.split(f"[{CIRCLED}]", body)
    elif len(_NUMBERED.findall(body)) >= 2:
        pieces = _NUMBERED.split(body)
    else:
        pieces = [body]
    out: list[str] = []
    for piece in pieces:
        for sentence in _SENTENCE.split(piece):
            sentence = sentence.strip().strip("。；; \n")
            if sentence:
                out.append(sentence)
    return out


def parse_criteria(text: str, points: float | None) -> Parsed:
    """Rules and parts the criteria text states; clauses that could not be read listed."""
    result = Parsed()
    for clause in clauses(text):
        found = _clause(clause, points)
        if found:
            for item in found:
                if isinstance(item, ParsedPart):
                    result.parts.append(item)
                else:
                    result.rules.append(item)
        elif _SCORE_WORDS.search(clause):
            result.unparsed.append(clause)
    return result


def _clause(clause: str, points: float | None) -> list[ParsedRule | ParsedPart]:
    out: list[ParsedRule | ParsedPart] = []
    matches = sorted(
        [(m, "deduct") for m in _DEDUCT.finditer(clause)]
        + [(m, "credit") for m in _CREDIT.finditer(clause)]
        + [(m, "share") for m in _SHARE.finditer(clause)],
        key=lambda pair: pair[0].start(),
    )
    matches = [(m, kind) for m, kind in matches if not _inside_cap(clause, m)]
    if not matches:
        if _NOTHING.search(clause) and points:
            return [ParsedRule(text=clause, kind="deduct", amount=points)]
        return []
    start = 0
    for index, (match, kind) in enumerate(matches):
        # this rule's words: from the previous rule's end to the comma after its points (and
        # after a cap that follows them: "，扣完为止", "，最高不超过6分")
        cut = _rule_end(clause, match.end(), matches[index + 1][0].start()) if index + 1 < len(matches) else len(clause)
        words = clause[start:cut].strip(_SEGMENT_END + " ")
        before = clause[start:match.start()]
        after = clause[match.end():cut]
        start = cut
        amount = number(match.group(1))
        if kind == "share":
            out.append(ParsedPart(text=words, share=amount / 100))
            continue
        per = _per(before)
        cap_match = _CAP.search(after)
        cap = number(cap_match.group(1)) if cap_match else None
        out.append(ParsedRule(text=words, kind=kind, amount=amount, per=per, cap=cap))
    return out


def _inside_cap(clause: str, match: re.Match[str]) -> bool:
    """``最高不超过6分`` reads as 得/计 N 分 to the credit pattern: it is a cap, not a rule."""
    return any(cap.start() <= match.start() < cap.end() for cap in _CAP.finditer(clause))


def _rule_end(clause: str, after: int, limit: int) -> int:
    """Where a rule's words end: at the first comma after its points that does not open a
    cap phrase, and never past the next rule's points."""
    position = after
    while position < limit:
        comma = next((i for i in range(position, limit) if clause[i] in _SEGMENT_END), -1)
        if comma < 0:
            return limit
        nxt = next((i for i in range(comma + 1, limit) if clause[i] in _SEGMENT_END), limit)
        piece = clause[comma + 1:nxt]
        if not (_CAP.search(piece) or "扣完为止" in piece or "扣满为止" in piece):
            return comma + 1
        position = nxt
    return limit


def _per(before: str) -> str:
    """The counting word said before 扣N分: 每条 → 条, 出现一个月 → 月, 一项 → 项; "" = one-off."""
    segment = re.split(r"[，,；;。]", before)[-1]
    found = _EVERY.search(segment) or _ONE.search(segment)
    if found is None:
        return ""
    word = found.group(1)
    return {"个月": "月", "工作日": "个工作日"}.get(word, word)
