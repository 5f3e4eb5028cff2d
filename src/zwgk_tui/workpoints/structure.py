"""Markers → tree, by sequence expectation.

A candidate marker is accepted only where the numbering expects it: the next sibling of an
open node, the first child of the newest node (its family must rank below its parent's, in
the usual order 一、 > （一） > 1. > （1） > ①, and the family a node's first child uses is its
children's family), the next number at an ancestor's level, or a number running on from the
same family elsewhere ((七) opening section 二). That is what keeps ``第(一)项``, ``2019年``
or ``1.5倍`` in prose from becoming headings, and what lets one-line documents (line breaks
lost) be read at sentence boundaries.

Copy errors: a skipped number stays skipped; a repeated heading (same number, same title)
is one node; a repeated number with a different title where the next number is missing is
read as that next number; a heading whose number was lost (``)强化考核监督``) gets the
number its neighbours imply. Each of these leaves a note on the node.

Paragraphs without a marker are never dropped: before a heading's first child they are its
text; after a leaf they continue it; one that speaks for the whole section or document
(上述, 本要点, 本方案 …) becomes an unnumbered item of the section it stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zwgk_tui.workpoints.fields import lead_phrase
from zwgk_tui.workpoints.markers import (
    AR_HALF,
    AR_PAREN,
    CN_DUN,
    CN_PAREN,
    LOST,
    NONE,
    PART,
    STRONG,
    WEAK,
    Candidate,
    none_boundary_ok,
)
from zwgk_tui.workpoints.numerals import int_to_cn
from zwgk_tui.workpoints.shadow import squeeze

WHOLE = re.compile(
    r"上述|本(?:工作)?要点|本(?:实施|工作)?方案|本(?:实施)?意见|本通知|本(?:工作)?计划|"
    r"本(?:工作)?安排|本(?:实施)?细则|(?:^|[。;,])\s*以上"
)


@dataclass
class Para:
    """One paragraph of the cleaned text: original, shadow, and its (1-based) line."""

    text: str
    shadow: str
    line: int
    runon: bool = False


@dataclass(eq=False)
class Node:
    family: int | None
    number: int | None
    line: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # [0] is the heading text
    unnumbered: bool = False
    notes: list[str] = field(default_factory=list)
    child_family: int | None = None
    last_child: int = 0
    u_count: int = 0
    id: str = ""
    # filled by fields/merge
    title: str = ""
    text: str = ""
    units: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    requirements: list[dict] = field(default_factory=list)
    points: int | float | None = None
    synthetic: bool = False  # a section the document does not print (a flat list's frame)
    held: bool = False  # a section whose heading became its only item

    @property
    def depth(self) -> int:
        depth, node = 0, self
        while node.parent is not None:
            depth, node = depth + 1, node.parent
        return depth

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def section(self) -> Node:
        node = self
        while node.parent is not None and node.parent.parent is not None:
            node = node.parent
        return node


@dataclass
class _Action:
    kind: str  # next, first, run, skip, repeat, lost, dup
    depth: int
    number: int | None
    priority: int


class Parser:
    def __init__(self, root_family: int) -> None:
        self.root = Node(None, None, 0)
        self.root.child_family = root_family
        self.stack: list[Node] = [self.root]
        # last number per (family, parent's family): tasks 1.–66. running on under items
        # are counted apart from tasks numbered afresh directly under a section
        self.last_seen: dict[tuple[int, int | None], int] = {}
        self.loose_target: Node | None = None
        self.flat: list[Candidate] = []
        self.orphans: list[str] = []  # text before the first section (goes to the preamble)

    def parse(self, paras: list[Para], cands: list[list[Candidate]]) -> Node:
        for para_cands in cands:
            for cand in para_cands:
                cand.index = len(self.flat)
                self.flat.append(cand)
        for para, para_cands in zip(paras, cands, strict=True):
            self._paragraph(para, para_cands)
        self._finish()
        return self.root

    # -- one paragraph ---------------------------------------------------------------
    def _paragraph(self, para: Para, cands: list[Candidate]) -> None:
        pos = 0
        current: Node | None = None
        dup = False
        for k, cand in enumerate(cands):
            following = cands[k + 1].start if k + 1 < len(cands) else len(para.text)
            action = self._decide(cand, para, para.text[cand.end : following])
            if action is None:
                continue
            self._assign(para, pos, cand.start, current, dup)
            current, dup = self._apply(action, cand, para.line)
            pos = cand.end
        self._assign(para, pos, len(para.text), current, dup)

    def _assign(self, para: Para, start: int, end: int, node: Node | None, dup: bool) -> None:
        piece, shadow = _strip_pair(para.text[start:end], para.shadow[start:end])
        if node is not None:
            if dup:
                head = node.paragraphs[0] if node.paragraphs else ""
                if squeeze(piece) == squeeze(head):
                    return
                title = lead_phrase(piece)
                if title and squeeze(title) == squeeze(lead_phrase(head)):
                    rest = piece[piece.find(title) + len(title):].lstrip("。.;；:：,，!！?？ ")
                    if not rest or squeeze(rest) in squeeze(" ".join(node.paragraphs)):
                        return
                    piece = rest
                if piece:
                    node.paragraphs.append(piece)
                return
            if para.runon and not node.paragraphs:
                head = _heading_end(shadow)
                if head is not None:  # 加强疫情防控信息公开|及时准确发布疫情信息，…
                    node.paragraphs.append(piece[:head])
                    piece, shadow = _strip_pair(piece[head:], shadow[head:])
            cut = _paragraph_end(shadow) if para.runon else None
            if cut is None:
                node.paragraphs.append(piece)  # heading text, possibly empty
                return
            node.paragraphs.append(piece[:cut].rstrip())
            piece, shadow = _strip_pair(piece[cut:], shadow[cut:])
        if not piece:
            return
        self._loose(piece, shadow, para.line)

    def _loose(self, piece: str, shadow: str, line: int) -> None:
        """A paragraph that carries no marker of its own."""
        if self.loose_target is not None:
            self.loose_target.paragraphs.append(piece)
            return
        top = self.stack[-1]
        if top is self.root:
            self.orphans.append(piece)
            return
        if top.parent is not self.root and WHOLE.search(shadow):
            section = self.stack[1]
            section.u_count += 1
            node = Node(None, None, line, parent=section, unnumbered=True)
            node.paragraphs.append(piece)
            node.notes.append("原文无编号：总括性段落，作为可评估条目")
            section.children.append(node)
            self.loose_target = node
            return
        if not top.paragraphs:
            top.paragraphs.append("")
        top.paragraphs.append(piece)

    # -- deciding ---------------------------------------------------------------------
    def _decide(self, cand: Candidate, para: Para, after: str) -> _Action | None:
        boundary = cand.boundary
        if boundary == NONE and not (para.runon and none_boundary_ok(para.shadow, cand)):
            return None
        if cand.strict and boundary != STRONG and not (
            para.runon and cand.family in (AR_HALF, CN_PAREN) and (boundary == WEAK or self._goes_on(cand))
        ):
            return None  # 1) and 一) start a heading at a line start, or after 。 on one line
        if cand.family == LOST and not (boundary == STRONG or para.runon):
            return None
        if cand.family == PART and boundary == NONE:
            return None  # 本要点第二部分所列任务: a reference, not a heading
        strong = boundary == STRONG
        # line breaks lost: a skipped number or a hierarchy the other way round is taken
        # where the next marker of the family goes on from it
        confirmed = para.runon and self._goes_on(cand)
        best: _Action | None = None

        def consider(priority: int, kind: str, depth: int, number: int | None) -> None:
            nonlocal best
            if best is None or (priority, -depth) < (best.priority, -best.depth):
                best = _Action(kind, depth, number, priority)

        families = [node.family for node in self.stack]
        for depth in range(len(self.stack) - 1, -1, -1):
            node = self.stack[depth]
            family = node.child_family
            if cand.family == LOST:
                if family in (CN_PAREN, AR_PAREN) and node.last_child:
                    consider(5, "lost", depth, node.last_child + 1)
                    break
                continue
            if family == cand.family:
                expected = node.last_child + 1
                if cand.number == expected:
                    consider(0, "next", depth, expected)
                elif (strong or confirmed) and cand.number == expected + 1:
                    consider(3, "skip", depth, cand.number)
                elif (strong or (para.runon and boundary == WEAK)) and cand.number == node.last_child:
                    consider(4, "repeat", depth, cand.number)
            elif family is None and depth > 0:
                if node.family is None or cand.family == node.family:
                    continue
                if cand.family < node.family:
                    # a hierarchy the other way round (1. above （一）): a first child only,
                    # of a family no ancestor uses, and only where nothing else fits
                    if ((strong or confirmed) and cand.number == 1 and cand.family not in families
                            and cand.family != self.root.child_family):
                        consider(6, "first", depth, 1)
                    continue
                if cand.family in families[1 : depth + 1]:
                    continue
                if not (strong or para.runon):
                    continue
                seen = self.last_seen.get((cand.family, node.family), 0)
                if cand.number == 1:
                    consider(1, "first", depth, 1)
                elif seen and cand.number == seen + 1:
                    consider(2, "run", depth, cand.number)
                elif (strong or confirmed) and (cand.number == 2 or (seen and cand.number == seen + 2)):
                    consider(3, "skip", depth, cand.number)
        if best is not None and best.kind == "repeat":
            return self._repeat(best, cand, after, para.runon)
        return best

    def _goes_on(self, cand: Candidate) -> bool:
        """Is the next marker of this family (at a sentence boundary) the next number?"""
        for other in self.flat[cand.index + 1 : cand.index + 200]:
            if other.family == cand.family:
                if other.number == (cand.number or 0) + 1:
                    return True
                if other.boundary != NONE:
                    return False  # a number in prose (NONE) may stand between
            elif other.family < cand.family and other.boundary != NONE and other.family != LOST:
                return True  # the last of its section: a higher heading comes next
        return False

    def _repeat(self, action: _Action, cand: Candidate, after: str, runon: bool = False) -> _Action | None:
        parent = self.stack[action.depth]
        last = parent.children[-1] if parent.children else None
        if last is None:
            return None
        head = last.paragraphs[0] if last.paragraphs else ""
        if squeeze(lead_phrase(after)) == squeeze(lead_phrase(head)):
            return _Action("dup", action.depth, action.number, action.priority)
        # a different heading under the same number: the next number if it is missing
        for other in self.flat[cand.index + 1 :]:
            if (other.boundary != STRONG and not (runon and other.boundary == WEAK)) or other.family == LOST:
                continue
            if other.family < cand.family:
                break
            if other.family == cand.family:
                if other.number == cand.number + 1:
                    return None
                break
        return _Action("infer", action.depth, cand.number + 1, action.priority)

    def _apply(self, action: _Action, cand: Candidate, line: int) -> tuple[Node, bool]:
        del self.stack[action.depth + 1 :]
        parent = self.stack[-1]
        self.loose_target = None
        if action.kind == "dup":
            last = parent.children[-1]
            last.notes.append(f"原文第 {line} 行重复的标题已合并")
            self.stack.append(last)
            return last, True
        family = cand.family if cand.family != LOST else parent.child_family
        node = Node(family, action.number, line, parent=parent)
        if action.kind == "skip":
            node.notes.append(f"原文编号跳过了 {parent.last_child + 1}")
        elif action.kind == "lost":
            node.notes.append(f"原文编号缺失，按前后推断为 {_printed(family, action.number)}")
        elif action.kind == "infer":
            node.notes.append(
                f"原文编号重复为 {_printed(family, cand.number)}，按前后推断为 {_printed(family, action.number)}"
            )
        parent.child_family = family
        parent.last_child = action.number or parent.last_child
        parent.children.append(node)
        self.last_seen[(family, parent.family)] = action.number or 0
        self.stack.append(node)
        return node, False

    # -- finishing ----------------------------------------------------------------------
    def _finish(self) -> None:
        sections = self.root.children
        if len(sections) >= 2 and not any(s.children for s in sections):
            _wrap_flat(self.root)
        for section in self.root.children:
            if not [child for child in section.children if not child.unnumbered]:
                _hold_paragraphs(section)
        for section in self.root.children:
            _assign_ids(section, str(section.number))


def _wrap_flat(root: Node) -> None:
    """A flat list (（一）…（十）, nothing under any of them): the numbered entries are the
    items of one section, so they stay assessable items with their printed numbers."""
    wrapper = Node(None, 1, root.children[0].line, parent=root, synthetic=True)
    wrapper.notes.append("原文没有分部分：各编号条目归入同一部分")
    for child in root.children:
        child.parent = wrapper
    wrapper.children = root.children
    wrapper.child_family = wrapper.children[0].family
    root.children = [wrapper]


def _hold_paragraphs(section: Node) -> None:
    """A section without numbered items: its paragraphs (or its heading) become one item."""
    body = [p for p in section.paragraphs[1:] if p.strip()]
    if not body and section.children:
        return
    section.u_count += 1
    node = Node(None, None, section.line, parent=section, unnumbered=True)
    if body:
        node.paragraphs = body
        section.paragraphs = section.paragraphs[:1]
        node.notes.append("本部分没有编号条目：其段落作为一个可评估条目")
    else:
        node.paragraphs = list(section.paragraphs[:1])
        node.notes.append("本部分只有标题：标题作为一个可评估条目")
        section.held = True
    section.children.insert(0, node)


def _assign_ids(node: Node, node_id: str) -> None:
    node.id = node_id
    u = 0
    for child in node.children:
        if child.unnumbered:
            u += 1
            _assign_ids(child, f"{node_id}.u{u}")
        else:
            _assign_ids(child, f"{node_id}.{child.number}")


def _printed(family: int | None, number: int | None) -> str:
    if number is None:
        return "?"
    if family == PART:
        return f"第{int_to_cn(number)}部分"
    if family == CN_DUN:
        return f"{int_to_cn(number)}、"
    if family == CN_PAREN:
        return f"（{int_to_cn(number)}）"
    if family == AR_PAREN:
        return f"（{number}）"
    return f"{number}."


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


def _heading_end(shadow: str) -> int | None:
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


def _paragraph_end(shadow: str) -> int | None:
    """Offset in a run-on piece where the item's own paragraph ends, if text follows."""
    for match in _UNITS_CLOSE.finditer(shadow):
        if WHOLE.search(shadow, match.end()):
            return match.end()
    match = _WHOLE_START.search(shadow)
    if match and match.start() > 0:
        return match.start()
    return None


def _strip_pair(text: str, shadow: str) -> tuple[str, str]:
    """Strip spaces from a slice and its shadow alike (offsets stay aligned)."""
    blank = " \t\u3000\xa0"
    left = len(text) - len(text.lstrip(blank))
    right = len(text.rstrip(blank))
    if right <= left:
        return "", ""
    return text[left:right], shadow[left:right]
