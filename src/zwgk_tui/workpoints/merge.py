"""Table rows → the tree: merged into the items the text already has, or, where the table is
the document's only structure, made into sections and items.

A row goes to the item whose title its task cell matches best (fuzzy: the table's wording
may differ a little from the text's), preferring the section its category cell matches;
a row without a task cell goes by its requirement text. Rows are never added as more items:
each becomes a ``requirements`` entry, and the item's ``units`` get the union.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from zwgk_tui.workpoints.fields import deadlines, make_title
from zwgk_tui.workpoints.markers import CN_DUN, find_candidates
from zwgk_tui.workpoints.numerals import cn_to_int
from zwgk_tui.workpoints.shadow import Shadow, squeeze
from zwgk_tui.workpoints.structure import Node
from zwgk_tui.workpoints.tables import Row

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
        query = _Query(squeeze(self.shadow(_strip_marker(category))))
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

    def _best(self, query: _Query, squeezed: str, indexes, section: Node | None):
        best, best_score = None, 0.0
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
        else:
            placed += 1
        previous_task, previous_target = row.task, target
        requirement: dict = {"text": row.text or row.task or row.category, "units": list(row.units)}
        found = row.deadlines or deadlines(row.text, shadow(row.text))
        if found:
            requirement["deadlines"] = found
        target.requirements.append(requirement)
        for unit in row.units:
            if unit not in target.units:
                target.units.append(unit)
    return placed


def _strip_marker(text: str) -> str:
    cands = find_candidates(text)
    if cands and cands[0].start == 0:
        return text[cands[0].end :]
    return text


def tree_from_rows(rows: list[Row], title: str, shadow: Shadow) -> Node:
    """A table that is the whole document: categories → sections, rows → items. Where the
    task cells print their own numbers ((七)公开就业信息) and the rows are numbered too
    (序号 1–66 over the whole table), a task is an item and each row one of its sub-items:
    row 17 under (七) in category 二、 is 2.7.17."""
    tasks = [row.task for row in rows if row.task]
    if tasks and all(_task_marker(task, shadow) for task in tasks) and any(row.number for row in rows):
        return _three_levels(rows, title, shadow)
    root = Node(None, None, 0)
    sections: dict[str, Node] = {}
    used: set[int] = set()
    for row in rows:
        key = row.category or ""
        section = sections.get(key)
        if section is None:
            number = _printed_number(key, shadow, top=True) or len(sections) + 1
            while number in used:
                number += 1
            used.add(number)
            section = Node(CN_DUN, number, row.line, parent=root)
            heading = _strip_marker(shadow(key)) if key else ""
            section.paragraphs = [key[len(key) - len(heading):].strip() if key else (title or "工作任务")]
            sections[key] = section
            root.children.append(section)
        last = section.children[-1] if section.children else None
        if last is not None and row.task and squeeze(_strip_marker(shadow(row.task))) == squeeze(
                shadow(last.title or "")):
            _add_row(last, row, shadow, grouped=True)
            continue
        numbers = {child.number for child in section.children}
        marker = _task_marker(row.task, shadow) if row.task else None
        number = _printed_number(row.number, shadow) if row.number else marker[0] if marker else None
        if number is None or number in numbers:
            number = max(numbers, default=0) + 1
        item = Node(2, number, row.line, parent=section)
        item.title = marker[1] if marker else row.task
        _add_row(item, row, shadow, grouped=False)
        section.children.append(item)
    for section in root.children:
        section.id = str(section.number)
        for child in section.children:
            child.id = f"{section.id}.{child.number}"
    return root


def _section_for(root: Node, sections: dict[str, Node], used: set[int], row: Row, title: str,
                 shadow: Shadow) -> Node:
    key = row.category or ""
    section = sections.get(key)
    if section is None:
        number = _printed_number(key, shadow, top=True) or len(sections) + 1
        while number in used:
            number += 1
        used.add(number)
        section = Node(CN_DUN, number, row.line, parent=root)
        heading = _strip_marker(shadow(key)) if key else ""
        section.paragraphs = [key[len(key) - len(heading):].strip() if key else (title or "工作任务")]
        sections[key] = section
        root.children.append(section)
    return section


def _three_levels(rows: list[Row], title: str, shadow: Shadow) -> Node:
    root = Node(None, None, 0)
    sections: dict[str, Node] = {}
    used: set[int] = set()
    for row in rows:
        section = _section_for(root, sections, used, row, title, shadow)
        marker = _task_marker(row.task, shadow) if row.task else None
        item = section.children[-1] if section.children else None
        if item is None or (marker and squeeze(shadow(marker[1])) != squeeze(shadow(item.title))):
            numbers = {child.number for child in section.children}
            number = marker[0] if marker else None
            if number is None or number in numbers:
                number = max(numbers, default=0) + 1
            item = Node(2, number, row.line, parent=section)
            item.title = marker[1] if marker else row.task
            item.paragraphs = [item.title]
            section.children.append(item)
        numbers = {child.number for child in item.children}
        number = _printed_number(row.number, shadow) if row.number else None
        if number is None or number in numbers:
            number = max(numbers, default=0) + 1
        sub = Node(3, number, row.line, parent=item)
        _add_row(sub, row, shadow, grouped=False, task=False)
        item.children.append(sub)
    for section in root.children:
        section.id = str(section.number)
        for child in section.children:
            child.id = f"{section.id}.{child.number}"
            for sub in child.children:
                sub.id = f"{child.id}.{sub.number}"
    return root


def _task_marker(task: str, shadow: Shadow) -> tuple[int, str] | None:
    """(number, title) of a task cell that prints its own number: （七）公开就业信息."""
    text = task.strip()
    cands = find_candidates(shadow(text))
    if cands and cands[0].start == 0 and cands[0].number and text[cands[0].end :].strip():
        return cands[0].number, text[cands[0].end :].strip()
    return None


def _add_row(item: Node, row: Row, shadow: Shadow, grouped: bool, task: bool = True) -> None:
    text = row.text or row.task
    if grouped:
        if not item.requirements:
            first = item.paragraphs[-1] if item.paragraphs else ""
            item.requirements.append({"text": first, "units": list(item.units)})
            if item.deadlines:
                item.requirements[0]["deadlines"] = list(item.deadlines)
        requirement: dict = {"text": text, "units": list(row.units)}
        if row.deadlines:
            requirement["deadlines"] = list(row.deadlines)
        item.requirements.append(requirement)
    item.paragraphs.append(text)
    if not item.title:
        item.title = make_title([text if task else row.text or row.task])
    for unit in row.units:
        if unit not in item.units:
            item.units.append(unit)
    for deadline in row.deadlines:
        if deadline not in item.deadlines:
            item.deadlines.append(deadline)


def _printed_number(text: str, shadow: Shadow, top: bool = False) -> int | None:
    shade = shadow(text.strip())
    if re.fullmatch(r"\d{1,3}\.?", shade):
        return int(shade.rstrip("."))
    cands = find_candidates(shade)
    if cands and cands[0].start == 0 and cands[0].number:
        return cands[0].number
    if re.fullmatch(r"[一二三四五六七八九十]{1,3}", shade):
        return cn_to_int(shade)
    return None
