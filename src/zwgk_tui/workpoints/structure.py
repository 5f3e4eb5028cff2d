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

from dataclasses import dataclass

from zwgk_tui.workpoints.markers import (
    AR_HALF,
    AR_PAREN,
    CN_PAREN,
    LOST,
    NONE,
    PART,
    STRONG,
    WEAK,
    Candidate,
    none_boundary_ok,
)
from zwgk_tui.workpoints.nodes import (
    GAP,
    LOST_NUMBER,
    REPEAT,
    Node,
    Para,
    Sign,
    assign_ids,
    printed,
)
from zwgk_tui.workpoints.paragraph_ends import WHOLE, heading_end, paragraph_end, strip_pair
from zwgk_tui.workpoints.shadow import squeeze
from zwgk_tui.workpoints.titles import lead_phrase


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
        piece, shadow = strip_pair(para.text[start:end], para.shadow[start:end])
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
                cut_at = heading_end(shadow)
                if cut_at is not None:  # 加强疫情防控信息公开|及时准确发布疫情信息，…
                    node.paragraphs.append(piece[:cut_at])
                    piece, shadow = strip_pair(piece[cut_at:], shadow[cut_at:])
            cut = paragraph_end(shadow) if para.runon else None
            if cut is None:
                node.paragraphs.append(piece)  # heading text, possibly empty
                return
            node.paragraphs.append(piece[:cut].rstrip())
            piece, shadow = strip_pair(piece[cut:], shadow[cut:])
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
                if other.number == (cand.number or 0) + 1:
                    return None
                break
        return _Action("infer", action.depth, (cand.number or 0) + 1, action.priority)

    def _apply(self, action: _Action, cand: Candidate, line: int) -> tuple[Node, bool]:
        del self.stack[action.depth + 1 :]
        parent = self.stack[-1]
        self.loose_target = None
        if action.kind == "dup":
            last = parent.children[-1]
            last.notes.append(f"原文第 {line} 行重复的标题已合并")
            last.signs.append(Sign(REPEAT, line, f"标题重复出现，已与第 {last.line} 行的合并为一项"))
            self.stack.append(last)
            return last, True
        family = cand.family if cand.family != LOST else parent.child_family
        node = Node(family, action.number, line, parent=parent)
        number = printed(family, action.number)
        if action.kind == "skip":
            skipped = (action.number or 1) - 1
            node.notes.append(f"原文编号跳过了 {skipped}")
            node.signs.append(Sign(GAP, line, f"编号跳过了 {printed(family, skipped)}，下一个是 {number}，请核对是否漏抄"))
        elif action.kind == "lost":
            node.notes.append(f"原文编号缺失，按前后推断为 {number}")
            node.signs.append(Sign(LOST_NUMBER, line, f"标题缺少编号，按前后推断为 {number}"))
        elif action.kind == "infer":
            again = printed(family, cand.number)
            node.notes.append(f"原文编号重复为 {again}，按前后推断为 {number}")
            node.signs.append(Sign(REPEAT, line, f"编号 {again} 出现了两次，第二个按前后推断为 {number}"))
        parent.child_family = family
        parent.last_child = action.number or parent.last_child
        parent.children.append(node)
        if family is not None:
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
            assign_ids(section, str(section.number))


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


