"""Responsible units: parentheses that name roles (…牵头，…负责), 责任单位：… sentences, and
units named in prose (由…牵头, …配合, …负责公开…), split into names as printed.

Matching runs on the shadow (simplified, ASCII punctuation); every value is sliced from the
original text, so it comes out in the document's own script, as printed.
"""

from __future__ import annotations

import re

from zwgk_tui.workpoints.shadow import dedupe

ROLE_TAIL = re.compile(
    r"(?:按(?:照)?职责分工|根据职责分工|按职能分工|按职责|分别|分工|共同|牵头|负责|落实|配合|参与|"
    r"协助|协同|协办|主办|承办|具体|组织实施|组织|实施|抓好|为主|督促|指导|等部门)+\s*[。.]?$"
)
ROLE_END = re.compile(r"(?:牵头|负责|落实|配合|参与|协助|协办|主办|承办|分工|实施)\s*[。.]?$")
UNIT_LABEL = re.compile(
    r"(?:责任|牵头|配合|协办|主办|承办|落实|参与|协作|实施)(?:单位|部门)\s*:\s*"
)
_SPLIT = set("、,;，；")
# another label after a unit list (line breaks lost): 责任单位:镇党政办完成时限:长期坚持
_NEXT_LABEL = re.compile(
    r"(?:完成时限|完成时间|完成期限|时限要求|时间要求|时间节点|时限|牵头领导|分管领导|联系人|备注|"
    r"(?:责任|牵头|配合|协办|主办|承办|落实|参与|协作|实施)(?:单位|部门))\s*:"
)
# How the name of a responsible unit ends (局, 委, 办公室, 人民政府, 管委会, 中心 …).
UNIT_SUFFIX = (
    r"(?:办公厅|办公室|人民政府|政府|管委会|委员会|部门|单位|机关|机构|中心|局|委|办|厅|部|院|"
    r"研究所|事务所|派出所|协会|学会|商会|工会|联合会|处|室|署|银行|支行|分行|司|馆|社|集团|公司|"
    r"街道|乡镇|各地|团委|站|队|联|科)"
)



def units(text: str, shadow: str) -> list[str]:
    """Responsible units: parentheses that name roles, 责任单位：… sentences, and units
    named in prose (由市政务服务管理局牵头, 宣传处配合, 各区教育局负责公开…)."""
    found: list[str] = []
    inside = _Depth(shadow)
    for start, end in _paren_spans(shadow):
        inner = shadow[start:end]
        if ROLE_END.search(inner) or UNIT_LABEL.match(inner.strip()):
            found.extend(unit_names(text, shadow, start, end))
        elif ";" in inner:
            # (教育督导室负责;责任单位:各区教育局): each part on its own
            part_start = start
            for part_end in [*(k for k in range(start, end) if shadow[k] == ";"), end]:
                part = shadow[part_start:part_end]
                if ROLE_END.search(part) or UNIT_LABEL.match(part.strip()):
                    found.extend(unit_names(text, shadow, part_start, part_end))
                part_start = part_end + 1
    for match in UNIT_LABEL.finditer(shadow):
        if inside(match.start()):
            continue
        end = match.end()
        depth = 0
        while end < len(shadow) and shadow[end] not in "。\n" and not (
            shadow[end] == ";" and UNIT_LABEL.match(shadow, end + 1)
        ) and not _NEXT_LABEL.match(shadow, end):
            if shadow[end] == "(":
                depth += 1
            elif shadow[end] == ")":
                if not depth:
                    break
                depth -= 1
            end += 1
        found.extend(unit_names(text, shadow, match.end(), end))
    found.extend(name for name, _ in prose_units(text, shadow, inside))
    return dedupe(found)


class _Depth:
    """Is an offset inside parentheses? (more ( than ) before it) — counted once, not per
    question, so long texts with many matches stay linear."""

    def __init__(self, shadow: str) -> None:
        self.shadow = shadow
        self.balance: list[int] | None = None

    def __call__(self, position: int) -> bool:
        if self.balance is None:
            balance, running = [0], 0
            for char in self.shadow:
                running += 1 if char == "(" else -1 if char == ")" else 0
                balance.append(running)
            self.balance = balance
        return self.balance[position] > 0


# Units named in a sentence. A clause that is only units and a role (宣传处配合), units after
# 由 and before a role (由办公室牵头), or units opening a clause before 负责 + a task
# (各区教育局负责公开…; not 负责同志, 负责人, 负责解释). The regex takes one bounded lazy
# span (no nested repetition: names may hold 和, so name(和name)* would backtrack
# exponentially); what it takes is then checked to be unit names.
_SPAN = r"(?:[^,。;:()\s]|\([^()]{1,16}\)){2,80}?"
_PROSE_ROLE = (
    r"(?:按(?:照)?职责分工|共同|分别)?(?:牵头|负责落实|负责|配合|参与|协助|协同|协办|落实)"
)
_CLAUSE_START = r"(?:^|(?<=[。;,:\s]))"
_CLAUSE_END = r"(?=[。;,]|$)"
PROSE_UNITS = re.compile(
    rf"{_CLAUSE_START}(?:由|请)(?P<a>{_SPAN})(?:会同[^,。;]{{2,30}}?)?(?:牵头|负责|统筹|组织)(?!解释|同志|人)"
    rf"|{_CLAUSE_START}(?P<b>{_SPAN}){_PROSE_ROLE}{_CLAUSE_END}"
    rf"|{_CLAUSE_START}(?P<c>{_SPAN})负责(?!人|同志|解释|的)(?=[\u4e00-\u9fff])"
)


def prose_units(text: str, shadow: str, inside: _Depth | None = None) -> list[tuple[str, str]]:
    """(name, shadow) of every unit named in prose outside parentheses."""
    inside = inside or _Depth(shadow)
    out: list[tuple[str, str]] = []
    for match in PROSE_UNITS.finditer(shadow):
        if inside(match.start()):
            continue
        group = next(g for g in ("a", "b", "c") if match.group(g) is not None)
        start, end = match.span(group)
        spans = unit_spans(text, shadow, start, end)
        if spans and all(_is_named_unit(shade) for _, shade in spans):
            out.extend(spans)
    return out


_ORG = re.compile(rf"(?:[\u4e00-\u9fff]|\([^()]{{1,16}}\)){{1,30}}{UNIT_SUFFIX}")
# 起草部门, 宣传部门, 业务主管部门: a role, not a unit; 市直各部门, 各有关单位: units
_GENERIC = re.compile(r"(?:部门|单位|机构|主体|机关)$")
_QUANTIFIED = re.compile(r"各|有关|相关|直|属|本级")
_NOT_NAME = re.compile(r"[对向在把将按的或为从是]")


def _is_named_unit(shade: str) -> bool:
    if not _ORG.fullmatch(shade) or _NOT_NAME.search(shade) or len(shade) > 20:
        return False
    if shade.startswith(("本级", "上级", "下级", "同级", "涉事", "责任", "牵头", "主管", "相关部门")):
        return False
    return not _GENERIC.search(shade) or bool(_QUANTIFIED.search(shade[:-2]))


def _paren_spans(shadow: str) -> list[tuple[int, int]]:
    """(start, end) of the content of every top-level ( … ) pair."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for index, char in enumerate(shadow):
        if char == "(":
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index))
    return spans


def _inside_parens(shadow: str, position: int) -> bool:
    return shadow.count("(", 0, position) > shadow.count(")", 0, position)


def unit_names(text: str, shadow: str, start: int, end: int) -> list[str]:
    return [name for name, _ in unit_spans(text, shadow, start, end)]


def unit_spans(text: str, shadow: str, start: int, end: int) -> list[tuple[str, str]]:
    """Unit names (and their shadows) in text[start:end], split at 、，；outside brackets.

    Place names that share the head noun of the next name stay together, as printed:
    ``各市(州)、县政府`` and ``西宁市、海东市政府`` are one entry each.
    """
    spans: list[tuple[int, int]] = []
    for left, right in _raw_unit_spans(shadow, start, end):
        previous = spans[-1] if spans else None
        if (previous and _AREA_END.search(_BRACKETS.sub("", shadow[previous[0] : previous[1]]))
                and _SHARED_HEAD.search(shadow[left:right])
                and shadow[previous[1] : left].strip() in ("、",)):
            spans[-1] = (previous[0], right)
        else:
            spans.append((left, right))
    return [(text[left:right], shadow[left:right]) for left, right in spans]


_AREA_END = re.compile(r"(?:市|州|县|区|盟|旗|乡|镇|街道)$")
_BRACKETS = re.compile(r"\([^()]*\)$")
_SHARED_HEAD = re.compile(r"(?:人民政府|政府|党委)$")


def _raw_unit_spans(shadow: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    depth = 0
    piece_start = start
    for index in range(start, end + 1):
        char = shadow[index] if index < end else ";"
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and char in _SPLIT:
            for left, right in _conjoined(shadow, piece_start, index):
                span = _unit_name(shadow, left, right)
                if span:
                    spans.append(span)
            piece_start = index + 1
    return spans


_CONJ = re.compile(r"以及|和|及|与")
_ENDS_AS_UNIT = re.compile(rf"{UNIT_SUFFIX}$")
_IS_UNIT = re.compile(rf"[^和及与]{{2,30}}?{UNIT_SUFFIX}")


def _conjoined(shadow: str, start: int, end: int) -> list[tuple[int, int]]:
    """省政府办公厅和省直各部门 is two units; 住房和城乡建设局 is one (住房 is no unit)."""
    pieces: list[tuple[int, int]] = []
    left = start
    for match in _CONJ.finditer(shadow, start, end):
        head = shadow[left : match.start()]
        if _inside_parens(shadow[start:end], match.start() - start):
            continue
        rest = ROLE_TAIL.sub("", shadow[match.end() : end]).rstrip(" 。.")
        if _ENDS_AS_UNIT.search(head) and len(head.strip()) >= 2 and _IS_UNIT.fullmatch(
            re.split(r"和|及|与", rest, maxsplit=1)[0] if not _IS_UNIT.fullmatch(rest) else rest
        ):
            pieces.append((left, match.start()))
            left = match.end()
    pieces.append((left, end))
    return pieces


def _unit_name(shadow: str, start: int, end: int) -> tuple[int, int] | None:
    """The name inside shadow[start:end]: labels, 由, and role words (牵头, 负责落实 …) cut."""
    piece = shadow[start:end]
    lead = len(piece) - len(piece.lstrip())
    label = UNIT_LABEL.match(piece, lead)
    if label:
        lead = label.end()
    if piece[lead:].startswith("由"):
        lead += 1
    tail = ROLE_TAIL.search(piece, lead)
    stop = tail.start() if tail else len(piece)
    while lead < stop and piece[lead] in " \t\u3000。.":
        lead += 1
    while stop > lead and piece[stop - 1] in " \t\u3000。.":
        stop -= 1
    name = piece[lead:stop]
    if not name or len(name) > 40 or not re.search(r"[\u3400-\u9fff]", name):
        return None
    return start + lead, start + stop

