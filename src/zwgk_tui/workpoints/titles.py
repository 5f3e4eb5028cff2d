"""Titles: an item's short name from its heading line or its first clause (at most ~40
characters), with a trailing (…负责) or a leading 由…牵头， that names units, not the task,
left out."""

from __future__ import annotations

import re

from zwgk_tui.workpoints.units import ROLE_END, UNIT_LABEL

TITLE_MAX = 40
_NAME_END = re.compile(r"(?:办公厅|办公室|辦公廳|辦公室|政府|局|委|办|辦|厅|廳|院|处|處|室|中心|部|所|站|队|隊)$")
_OPEN = "(（《“‘「『【〔[<"
_CLOSE = ")）》”’」』】〕]>"
_SENTENCE = set("。;；!！?？")
_CLAUSE = _SENTENCE | set("，,：:")


def _scan(text: str, stops: set[str]) -> int:
    """Index of the first stop character outside brackets and quotes (or len(text))."""
    depth = 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in stops:
            return index
    return len(text)


def _clean_title(text: str) -> str:
    text = text.strip(" \t\u3000")
    text = text.rstrip("。.;；,，:：!！?？、 ")
    return text.lstrip("。.;；,，:：!！?？、)） ")


def lead_phrase(text: str) -> str:
    """The first clause of a text (up to 。；：，), not cut for length."""
    text = text.strip(" \t\u3000").lstrip("。.;；,，:：!！?？、)） ")
    return _clean_title(text[: _scan(text, _CLAUSE)])


def is_heading_only(text: str) -> bool:
    """A heading line: one short sentence at most, e.g. 推进市场监管公开透明。"""
    text = text.strip(" \t\u3000")
    if not text or len(text) > TITLE_MAX + 10:
        return False
    end = _scan(text, _SENTENCE)
    return end >= len(text) - 1


def make_title(paragraphs: list[str], heading: bool = True) -> str:
    """A heading line's text, else the first clause; at most ~40 characters.

    ``heading``: the first paragraph stands as a heading (a section, or an item with
    sub-items or further paragraphs); a leaf item's only sentence is not a heading.
    """
    first = next((p for p in paragraphs if p.strip()), "")
    first = _strip_unit_tail(first)
    first = _strip_unit_lead(first)
    title = _clean_title(first)
    if not heading or not is_heading_only(first) or len(title) > TITLE_MAX:
        title = lead_phrase(first)
    if len(title) > TITLE_MAX:
        title = _shorten(title)
    return title


def _strip_unit_tail(text: str) -> str:
    """Drop a trailing (…负责落实) from a heading so the title is the heading itself."""
    text = text.rstrip(" \t\u3000。.")
    if text.endswith((")", "）")):
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            char = text[index]
            if char in ")）":
                depth += 1
            elif char in "(（":
                depth -= 1
                if depth == 0:
                    inner = text[index + 1 : -1]
                    if ROLE_END.search(inner) or UNIT_LABEL.search(inner):
                        return text[:index] if text[:index].strip() else text
                    break
    return text


_UNIT_LEAD = re.compile(r"\s*(?:由|请)?([^，,。;；:：\s]{2,60}?)(?:牵头|负责|配合|参与)[，,]\s*")


def _strip_unit_lead(text: str) -> str:
    """由市教育招生考试院牵头，(宣传处配合，)及时公开… : the task, not the unit, is the title."""
    position = 0
    for _ in range(2):
        match = _UNIT_LEAD.match(text, position)
        if not match or not all(_NAME_END.search(name) for name in re.split(r"[、和及與与]", match.group(1))):
            break
        position = match.end()
    if position and len(text) - position >= 4 and not ROLE_END.search(text[position : position + 8]):
        return text[position:]
    return text


def _shorten(title: str) -> str:
    cut = -1
    depth = 0
    for index, char in enumerate(title[:TITLE_MAX]):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in "、 ":
            cut = index
    if cut >= TITLE_MAX // 2:
        return title[:cut] + "…"
    return title[:TITLE_MAX] + "…"

