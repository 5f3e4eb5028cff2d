"""The checklist tree of the review screen: each row shows the unit's own status (word and
symbol) and the review decision (认可 / 调整 / 退回 / 未复核) as a word."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style

from zwgk_tui.model.checklist import Node
from zwgk_tui.model.review import session as reviewing
from zwgk_tui.textsafe import width
from zwgk_tui.tui import labels
from zwgk_tui.tui.widgets.checklist_tree import WORD_COLUMNS, ChecklistTree

DECISION_COLUMNS = 6  # 未复核

Part = Callable[[str | None], Style]


class ReviewTree(ChecklistTree):
    KEEP_WHEN_NARROW = 2  # the status word and the decision
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "review--accept", "review--adjust", "review--return", "review--none",
    }
    DEFAULT_CSS = """
    ReviewTree {
        & > .review--accept { color: $success; }
        & > .review--adjust { color: $warning; text-style: bold; }
        & > .review--return { color: $error; text-style: bold; }
        & > .review--none { color: $text-muted; }
    }
    """

    def _parent_right(self, node: Node, part: Part) -> list[tuple[str, Style]]:
        """Reviewed / leaves below a parent (a void review does not count)."""
        leaves = list(node.leaves())
        done = sum(1 for leaf in leaves if self.session.decision(leaf.id))
        return [(f"复核 {done}/{len(leaves)} ", part("tree--count"))]

    def _leaf_right(self, node: Node, part: Part) -> list[tuple[str, Style]]:
        answer = self.session.answer(node.id)
        status = answer.status if answer is not None else None
        right: list[tuple[str, Style]] = []
        flags = labels.flags(answer, self.session.reworded(node.id))
        flags = [f for f in flags if f != labels.RETURNED]  # the decision column says it
        if self.session.stale(node.id):
            flags.insert(0, reviewing.STALE)
        if flags:
            right.append(("[" + "·".join(flags) + "] ", part("tree--flag")))
        word = labels.word(status)
        right.append((" " * max(WORD_COLUMNS - width(word), 0) + word + " ", part(f"tree--{status or 'none'}")))
        decision = self.session.decision(node.id)
        said = reviewing.decision_word(self.session, node.id)
        right.append((" " * max(DECISION_COLUMNS - width(said), 0) + said + " ",
                      part(f"review--{decision or 'none'}")))
        return right
