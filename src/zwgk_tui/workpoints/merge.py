"""Table rows → the items the text already has (``tabletree`` makes a tree of a table that
is the whole document).

A row goes to the item whose title its task cell matches best (fuzzy: the table's wording
may differ a little from the text's), preferring the section its category cell matches;
a row without a task cell goes by its requirement text. Rows are never added as more items:
each becomes a ``requirements`` entry, and the item's ``units`` get the union.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from zwgk_tui.textsafe import one_line
from zwgk_tui.workpoints.markers import strip_marker
from zwgk_tui.workpoints.nodes import UNMATCHED_ROW, Node, Sign
from zwgk_tui.workpoints.shadow import Shadow, squeeze
from zwgk_tui.workpoints.tables import Row
from zwgk_tui.workpoints.targets import deadlines

TASK_MATCH = 0.55


def similarity(a: str, b: str) -> float:
    """How alike two titles are (0–1), on squeezed text; containment counts as 0.85."""
    return _Query(squeeze(a)).score(squeeze(b))


class _Query:
    """One text compared with many: difflib is fastest with the fixed side as seq2, and the
    cheap upper bounds skip most candidates before the real ratio is computed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matcher = SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(text)

    def score(self, other: str, floor: float = 0.0) -> float:
        a, b = other, self.text
        if not a or not b:
            return 0.0
        if a == b:
            return 1.0
        contained = len(a) >= 4 and len(b) >= 4 and (a in b or b in a)
        matcher = self.matcher
        matcher.set_seq1(a)
        if not contained and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
            return 0.0
        score = matcher.ratio()
        return max(score, 0.85) if contained else score


def _bigrams(text: str) -> set[str]:
    text = squeeze(text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


class Matcher:
    """Finds the section / item a table cell refers to."""

    def __init__(self, root: Node, shadow: Shadow) -> None:
        self.shadow = shadow
        self.sections = list(root.children)
        self.items = [n for s in self.sections for n in s.walk() if n is not s and not n.unnumbered]
        self._section_titles = [squeeze(shadow(s.title)) for s in self.sections]
        self._titles = [squeeze(shadow(n.title)) for n in self.items]
        self._heads = [squeeze(shadow(n.paragraphs[0] if n.paragraphs else "")) for n in self.items]
        self._section_of = [n.section() for n in self.items]
        self._by_title: dict[str, list[int]] = {}
        for k, title in enumerate(self._titles):
            self._by_title.setdefault(title, []).append(k)
        self._bigram_cache: dict[int, set[str]] = {}
        self._kinds: dict[str, str] = {}

    def section(self, category: str) -> Node | None:
        if not category:
            return None
        query = _Query(squeeze(self.shadow(strip_marker(category))))
        best, best_score = None, 0.0
        for section, title in zip(self.sections, self._section_titles, strict=True):
            score = query.score(title, 0.5)
            if score > best_score:
                best, best_score = section, score
        return best if best_score >= 0.5 else None

    def item(self, task: str, section: Node | None) -> tuple[Node | None, float]:
        """The item a task cell names: its exact title, else the most alike title in the
        cell's section, else the most alike anywhere (at least TASK_MATCH alike)."""
        squeezed = squeeze(self.shadow(task))
        exact = self._by_title.get(squeezed, [])
        if exact:
            k = next((k for k in exact if self._section_of[k] is section), exact[0])
            return self.items[k], 1.0
        query = _Query(squeezed)
        if section is not None:
            inside = [k for k, s in enumerate(self._section_of) if s is section]
            best = self._best(query, squeezed, inside, section)
            if best[0] is not None:
                return best
        return self._best(query, squeezed, range(len(self.items)), section)

    def _best(self, query: _Query, squeezed: str, indexes: Iterable[int],
              section: Node | None) -> tuple[Node | None, float]:
        best: Node | None = None
        best_score = 0.0
        for k in indexes:
            node = self.items[k]
            score = query.score(self._titles[k], TASK_MATCH)
            if score < 1.0 and self._heads[k]:
                score = max(score, query.score(self._heads[k][: len(squeezed) + 8], TASK_MATCH))
            if score < TASK_MATCH:
                continue
            bonus = 0.1 if section is not None and self._section_of[k] is section else 0.0
            bonus -= 0.01 * (node.depth - 2)
            if score + bonus > best_score:
                best, best_score = node, score + bonus
        return best, best_score

    def by_text(self, text: str, section: Node | None, better_than: Node | None = None) -> Node | None:
        """The leaf whose text shares most with ``text``; with ``better_than``, only a leaf
        that shares far more than that one does (a row carried under the wrong task)."""
        grams = _bigrams(self.shadow(text))
        if not grams:
            return None
        best, best_score = None, 0.0
        for k, node in enumerate(self.items):
            if node.children:
                continue
            score = len(grams & self._grams(node)) / len(grams)
            if section is not None and self._section_of[k] is section:
                score += 0.05
            if score > best_score:
                best, best_score = node, score
        if better_than is not None:
            if better_than.children or best is better_than:
                return None
            current = len(grams & self._grams(better_than)) / len(grams)
            return best if best_score >= 0.6 and current < 0.3 else None
        return best

    def _grams(self, node: Node) -> set[str]:
        key = id(node)
        if key not in self._bigram_cache:
            self._bigram_cache[key] = _bigrams(self.shadow(node.text))
        return self._bigram_cache[key]

    def kind_of(self, text: str) -> str:
        """Is a short table cell a category (section) or a task (item)?"""
        squeezed = squeeze(self.shadow(text))
        if squeezed not in self._kinds:
            if squeezed in self._by_title:
                kind = "task"
            elif squeezed in self._section_titles:
                kind = "category"
            else:
                query = _Query(squeezed)
                section = max((query.score(t) for t in self._section_titles), default=0)
                item = max((query.score(t, section) for t in self._titles), default=0)
                kind = "category" if section > item else "task"
            self._kinds[squeezed] = kind
        return self._kinds[squeezed]


def merge_rows(root: Node, rows: list[Row], shadow: Shadow) -> int:
    """Merge table rows into the tree; returns how many rows matched an item by title or
    text. A row that matches nothing is still kept (on the item before it, or the first
    item), with a note asking the author to check it: nothing in the table is dropped."""
    matcher = Matcher(root, shadow)
    if not matcher.items:
        return 0
    placed = 0
    previous_task, previous_target = None, None
    for row in rows:
        section = matcher.section(row.category)
        target = None
        if row.task and row.task == previous_task:
            target = previous_target
            moved = matcher.by_text(row.text, section, better_than=target) if row.text else None
            target = moved or target
        elif row.task:
            target, _ = matcher.item(row.task, section)
        if target is None and row.text:
            target = matcher.by_text(row.text, section)
        if target is None:
            target = previous_target or next(n for n in matcher.items if not n.children)
            note = "任务分解表中有对应不上的行，已附在此条目下，请核对"
            if note not in target.notes:
                target.notes.append(note)
            quote = one_line(row.task or row.text or row.category, 24)
            target.signs.append(Sign(UNMATCHED_ROW, row.line,
                                     f"任务分解表的这一行对应不上正文中的条目，已附在 {target.id} 下：“{quote}”"))
        else:
            placed += 1
        previous_task, previous_target = row.task, target
        requirement: dict[str, Any] = {"text": row.text or row.task or row.category, "units": list(row.units)}
        found = row.deadlines or deadlines(row.text, shadow(row.text))
        if found:
            requirement["deadlines"] = found
        target.requirements.append(requirement)
        for unit in row.units:
            if unit not in target.units:
                target.units.append(unit)
    return placed
