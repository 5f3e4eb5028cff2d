"""Moving through a checklist: the leaves in document order, what is still open, search.

Parents (sections, items with sub-items) can be shown but not answered; from a parent, "next"
is its first leaf and "previous" the leaf before it.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Checklist, Node
from zwgk_tui.model.checklist.counted import applies


class Walk:
    def __init__(self, session: Assessment) -> None:
        self.session = session
        self.checklist: Checklist = session.checklist
        self.leaves = self.checklist.leaves
        self.index = {leaf.id: i for i, leaf in enumerate(self.leaves)}
        self._haystacks: list[tuple[Node, str]] | None = None  # made on the first search

    def first_leaf_index(self, node: Node) -> int:
        """Index of the first leaf at or after ``node`` in document order."""
        first = next(node.leaves(), None)
        return self.index[first.id] if first is not None else len(self.leaves)

    def after(self, node: Node) -> Node | None:
        """The next leaf for this unit (one not for its category is passed over)."""
        at = self.index[node.id] + 1 if node.id in self.index else self.first_leaf_index(node)
        while at < len(self.leaves) and not applies(self.leaves[at], self.session.scores.category):
            at += 1
        return self.leaves[at] if at < len(self.leaves) else None

    def before(self, node: Node) -> Node | None:
        at = self.index[node.id] if node.id in self.index else self.first_leaf_index(node)
        while at > 0 and not applies(self.leaves[at - 1], self.session.scores.category):
            at -= 1
        return self.leaves[at - 1] if at > 0 else None

    def next_open(self, node: Node | None = None, *, returned: bool = True) -> Node | None:
        """The next leaf after ``node`` (from the start when None), wrapping, that is
        unanswered, carried and unconfirmed, or (with ``returned``) sent back by the reviewer."""
        start = -1 if node is None else self.index.get(node.id, self.first_leaf_index(node) - 1)
        count = len(self.leaves)
        for step in range(1, count + 1):
            leaf = self.leaves[(start + step) % count]
            if not applies(leaf, self.session.scores.category):
                continue  # not for this kind of unit: never asked for
            answer = self.session.answer(leaf.id)
            if (answer is None or answer.status is None or answer.carried
                    or (returned and answer.returned)):
                return leaf
        return None

    def search(self, words: str) -> list[Node]:
        """Nodes whose id, title, text or units hold ``words`` (script and width folded)."""
        needle = fold(words).strip()
        if self._haystacks is None:
            self._haystacks = [
                (n, fold("\n".join([n.id, n.title, n.text, *n.units]))) for n in self.checklist.walk()
            ]
        return [n for n, haystack in self._haystacks if needle in haystack]


def fold(text: str) -> str:
    """Search form: NFKC, case-folded, traditional characters as simplified (解讀 = 解读)."""
    return _converter()(unicodedata.normalize("NFKC", text).replace("。", ".").casefold())


@functools.cache
def _converter() -> Callable[[str], str]:
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except Exception:  # the search still works, script by script
        return str
