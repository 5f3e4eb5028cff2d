"""A task table that is the whole document: its rows made into sections, items and
sub-items (categories → sections, tasks → items, numbered rows → sub-items)."""

from __future__ import annotations

import re
from typing import Any

from zwgk_tui.workpoints.markers import AR_DOT, CN_DUN, CN_PAREN, find_candidates, strip_marker
from zwgk_tui.workpoints.nodes import REPEAT, Node, Sign, assign_ids
from zwgk_tui.workpoints.numerals import cn_to_int
from zwgk_tui.workpoints.shadow import Shadow, squeeze
from zwgk_tui.workpoints.tables import Row
from zwgk_tui.workpoints.titles import make_title


def tree_from_rows(rows: list[Row], title: str, shadow: Shadow) -> Node:
    """A table that is the whole document: categories → sections, rows → items. Where the
    task cells print their own numbers ((七)公开就业信息) and the rows are numbered too
    (序号 1–66 over the whole table), a task is an item and each row one of its sub-items:
    row 17 under (七) in category 二、 is 2.7.17."""
    if any(row.level for row in rows):
        return _levels(rows, title, shadow)
    rows = [row for row in rows if not row.level]
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
            heading = strip_marker(shadow(key)) if key else ""
            section.paragraphs = [key[len(key) - len(heading):].strip() if key else (title or "工作任务")]
            sections[key] = section
            root.children.append(section)
        last = section.children[-1] if section.children else None
        if last is not None and row.task and squeeze(strip_marker(shadow(row.task))) == squeeze(
                shadow(last.title or "")):
            _add_row(last, row, shadow, grouped=True)
            continue
        numbers = {child.number for child in section.children if child.number is not None}
        marker = _task_marker(row.task, shadow) if row.task else None
        printed = _printed_number(row.number, shadow) if row.number else marker[0] if marker else None
        if printed is None or printed in numbers:
            printed = max(numbers, default=0) + 1
        item = Node(2, printed, row.line, parent=section)
        item.title = marker[1] if marker else row.task
        _add_row(item, row, shadow, grouped=False)
        section.children.append(item)
    for section in root.children:
        section.id = str(section.number)
        for child in section.children:
            child.id = f"{section.id}.{child.number}"
    return root


INHERITED = "单位一格为空（原表为合并单元格），沿用上一行的单位"


def _levels(rows: list[Row], title: str, shadow: Shadow) -> Node:
    """Section rows (一、…) and group rows (（一）…) across the table, task rows under them
    numbered 1.–N through the table: 一、 > （一） > 17. is 1.1.17 — the printed numbers, a
    skipped one left skipped. A heading the copy repeats (where a page broke) is the same
    section; a group without tasks is itself an item."""
    root = Node(None, None, 0)
    section: Node | None = None
    parent: Node | None = None
    for row in rows:
        if row.level == "section" or section is None:
            heading = row.category if row.level == "section" else (title or "工作任务")
            section = _heading(root, heading, row, shadow)
            parent = section
            if row.level:
                continue
        if row.level == "group":
            parent = _heading(section, row.category, row, shadow)
            continue
        assert parent is not None
        marker = _task_marker(row.task, shadow) if row.task else None
        number = _printed_number(row.number, shadow) if row.number else marker[0] if marker else None
        taken = {child.number for child in parent.children}
        if number is None or number in taken:
            number = max((n for n in taken if n is not None), default=0) + 1
        task = Node(AR_DOT, number, row.line, parent=parent)
        task.title = marker[1] if marker else make_title([row.task or row.text])
        task.paragraphs = [row.text or task.title]
        task.units = list(row.units)
        task.deadlines = list(row.deadlines)
        if row.inherited:
            task.notes.append(INHERITED)
        parent.children.append(task)
    for child in root.children:
        assign_ids(child, str(child.number))
    return root


def _heading(parent: Node, text: str, row: Row, shadow: Shadow) -> Node:
    """The section or group a heading row opens; the one already there if the copy
    printed it again."""
    shade = shadow(text.strip())
    body = text.strip()[len(shade) - len(strip_marker(shade)) :].strip()
    for node in parent.children:
        if squeeze(shadow(node.title)) == squeeze(shadow(body)):
            node.notes.append(f"任务分解表中重复的标题“{body}”已合并")
            node.signs.append(Sign(REPEAT, row.line, f"任务分解表中标题“{body}”重复出现，已合并为一项"))
            return node
    top = parent.parent is None
    number = _printed_number(text, shadow, top=top)
    taken = {child.number for child in parent.children}
    if number is None or number in taken:
        number = max((n for n in taken if n is not None), default=0) + 1
    node = Node(CN_DUN if top else CN_PAREN, number, row.line, parent=parent)
    node.title = body
    node.paragraphs = [body]
    parent.children.append(node)
    return node


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
        heading = strip_marker(shadow(key)) if key else ""
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
            numbers = {child.number for child in section.children if child.number is not None}
            number = marker[0] if marker else None
            if number is None or number in numbers:
                number = max(numbers, default=0) + 1
            item = Node(2, number, row.line, parent=section)
            item.title = marker[1] if marker else row.task
            item.paragraphs = [item.title]
            section.children.append(item)
        numbers = {child.number for child in item.children if child.number is not None}
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
        requirement: dict[str, Any] = {"text": text, "units": list(row.units)}
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
