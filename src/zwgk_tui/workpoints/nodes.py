"""The tree the builder makes: paragraphs of the cleaned text (``Para``) and the sections
and items read from them (``Node``), with the printed form of a number for notes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from zwgk_tui.workpoints.markers import AR_PAREN, CN_DUN, CN_PAREN, PART
from zwgk_tui.workpoints.numerals import int_to_cn


@dataclass
class Para:
    """One paragraph of the cleaned text: original, shadow, and its (1-based) line."""

    text: str
    shadow: str
    line: int
    runon: bool = False


# Kinds of Sign, counted in the build summary (``audit``).
GAP, REPEAT, LOST_NUMBER = "gap", "repeat", "lost"
PLACEHOLDER_TITLE, EMPTY, MARKER_IN_TITLE = "placeholder", "empty", "marker"
UNMATCHED_ROW, ROW_WITHOUT_UNITS, ROW_GAP, ROW_REPEAT = "unmatched", "no-units", "row-gap", "row-repeat"
UNPLACED, DROPPED_CELL = "unplaced", "dropped"


@dataclass(frozen=True)
class Sign:
    """Something a reader should check: a number the builder inferred, text it could not
    place… ``kind`` is counted in the build summary; ``message`` (Chinese) is the warning."""

    kind: str
    line: int
    message: str


@dataclass(eq=False)
class Node:
    family: int | None
    number: int | None
    line: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # [0] is the heading text
    unnumbered: bool = False
    notes: list[str] = field(default_factory=list)  # comments in the checklist file
    signs: list[Sign] = field(default_factory=list)  # warnings after the build
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
    requirements: list[dict[str, Any]] = field(default_factory=list)
    points: int | float | None = None
    synthetic: bool = False  # a section the document does not print (a flat list's frame)
    held: bool = False  # a section whose heading became its only item

    @property
    def depth(self) -> int:
        depth, node = 0, self
        while node.parent is not None:
            depth, node = depth + 1, node.parent
        return depth

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def section(self) -> Node:
        node = self
        while node.parent is not None and node.parent.parent is not None:
            node = node.parent
        return node



def assign_ids(node: Node, node_id: str) -> None:
    node.id = node_id
    u = 0
    for child in node.children:
        if child.unnumbered:
            u += 1
            assign_ids(child, f"{node_id}.u{u}")
        else:
            assign_ids(child, f"{node_id}.{child.number}")


def printed(family: int | None, number: int | None) -> str:
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
