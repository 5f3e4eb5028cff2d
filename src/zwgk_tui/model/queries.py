"""What both faces ask of an assessment, answered once: search, filters, where to go next,
the queues (returned, carried, reworded) and the words for the totals.

The TUI and the plain line mode each used to carry a copy of these, and the copies drifted
(the same unit name was found 0 times in one face and once in the other). Each question is
now one function here, and ``tests/cross/test_same_answers.py`` asks both faces the same
questions and compares what they say.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.model.assessment.answers import Answer, EvidenceFile
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Checklist, Node
from zwgk_tui.model.checklist.counted import applies
from zwgk_tui.model.scoring import LABELS, NO_GRADE, STATUSES, Totals

# ---------------------------------------------------------------- words for numbers


def number(value: float | None) -> str:
    """Points as people write them: 8.0 → 8, 12.5 → 12.5, 1/3 → 0.33; None → —."""
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def partial_points(node: Node, checklist: Checklist) -> float | None:
    """What 基本达标 earns on this item (its own fraction, else the checklist's)."""
    if node.points is None:
        return None
    fraction = node.partial if node.partial is not None else checklist.rules.partial
    return node.points * fraction


def points_sentence(node: Node, checklist: Checklist) -> str:
    """``6 分，基本达标得 3 分`` (the partial-credit rule in words)."""
    if node.points is None:
        return "本项未设分值，只评状态"
    return f"{number(node.points)} 分，基本达标得 {number(partial_points(node, checklist))} 分"


def score_text(totals: Totals) -> str:
    """``15.5 分，满分 100 分，得分率 15.5%`` ("" when nothing carries points)."""
    if not totals.maximum and not totals.total:
        return ""
    percent = "" if totals.percent is None else f"，得分率 {totals.percent:.1f}%"
    return f"{number(totals.total)} 分，满分 {number(totals.maximum)} 分{percent}"


def grade_text(totals: Totals) -> str:
    """The grade and why it is what it is: vetoed, provisional, or none at all."""
    grade = "暂无（没有计分的条目）" if totals.grade == NO_GRADE else totals.grade
    if totals.vetoed_by:
        return f"{grade}（单项否决：{'、'.join(totals.vetoed_by)} 未达标）"
    if not totals.complete:
        return f"{grade}（尚有 {len(totals.unanswered)} 项未评，等次为暂定）"
    return grade


def final_grade(totals: Totals) -> str:
    """The grade when it is settled (complete or vetoed), else "" (a grade mid-way misleads)."""
    if totals.grade == NO_GRADE or not (totals.complete or totals.vetoed_by):
        return ""
    return totals.grade


def totals_sentence(totals: Totals) -> str:
    """``得分 15.5 分，满分 100 分，得分率 15.5%，等次 合格（尚有 …）``: the one sentence."""
    score = score_text(totals)
    return (f"得分 {score}，" if score else "") + f"等次 {grade_text(totals)}"


def progress_text(totals: Totals) -> str:
    """``已评 3 项，共 19 项，未评 16 项``."""
    text = f"已评 {totals.answered} 项，共 {totals.leaves} 项"
    return text + (f"，未评 {len(totals.unanswered)} 项" if totals.unanswered else "")


# ---------------------------------------------------------------- statuses typed


STATUS_BY_KEY = {str(i): status for i, status in enumerate(STATUSES, start=1)}


def status_from_word(word: str) -> str | None:
    """``1``–``4`` or 达标 / 基本达标 / 未达标 / 不适用 → met / partial / unmet / na."""
    word = unicodedata.normalize("NFKC", word).strip()
    if word in STATUS_BY_KEY:
        return STATUS_BY_KEY[word]
    return next((status for status, label in LABELS.items() if status and label == word), None)


def status_key(status: str | None) -> str:
    return next((key for key, value in STATUS_BY_KEY.items() if value == status), "")


# ---------------------------------------------------------------- search


def fold(text: str) -> str:
    """Search form: NFKC (full-width = half-width), 。 as ., case-folded, 繁 as 简 (解讀 = 解读)."""
    return _t2s()(unicodedata.normalize("NFKC", text).replace("。", ".").casefold())


@functools.cache
def _t2s() -> Callable[[str], str]:
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except Exception:  # no OpenCC: the search still works, script by script
        return str


# by id(checklist), with the checklist itself to tell a reused id apart; a few at most
_INDEX: dict[int, tuple[Checklist, list[tuple[Node, str, str]]]] = {}


def _index(checklist: Checklist) -> list[tuple[Node, str, str]]:
    cached = _INDEX.get(id(checklist))
    if cached is None or cached[0] is not checklist:
        if len(_INDEX) > 8:
            _INDEX.clear()
        cached = _INDEX[id(checklist)] = (checklist, [
            (node, fold(node.id), fold("\n".join(_searched(node)))) for node in checklist.walk()])
    return cached[1]


def _searched(node: Node) -> Iterator[str]:
    """What a search looks in: title, text, units, and the task rows with their units."""
    yield node.title
    yield node.text
    yield from node.units
    for row in node.requirements:
        yield str(row.get("text", ""))
        units = row.get("units")
        if isinstance(units, list):
            yield from (str(u) for u in units)


def search(checklist: Checklist, query: str) -> list[Node]:
    """Nodes whose id starts with the query, then those whose words hold it, in document order."""
    needle = fold(query).strip()
    if not needle:
        return []
    index = _index(checklist)
    by_id = [node for node, item_id, _ in index if item_id.startswith(needle)]
    by_words = [node for node, item_id, words in index if needle in words and not item_id.startswith(needle)]
    return by_id + by_words


# ---------------------------------------------------------------- queues and filters


def is_open(answer: Answer | None, *, returned: bool = True) -> bool:
    """Still needs the officer: unanswered, carried and unconfirmed, or (``returned``) sent back."""
    return (answer is None or answer.status is None or bool(answer.carried)
            or (returned and answer.returned))


def reworded_items(session: Assessment) -> list[str]:
    return [leaf.id for leaf in session.checklist.leaves if session.reworded(leaf.id)]


def unit_items(checklist: Checklist) -> dict[str, list[str]]:
    """Each responsible unit named on a leaf or above it, with those leaves, in order."""
    units: dict[str, list[str]] = {}
    for leaf in checklist.leaves:
        named: list[str] = []
        for node in (leaf, *leaf.ancestors()):
            named.extend(u for u in node.units if u not in named)
        for unit in named:
            units.setdefault(unit, []).append(leaf.id)
    return units


UNIT_PREFIX = "责任单位："


@dataclass(frozen=True, slots=True)
class Filter:
    """A named subset of the leaves; ``ids`` None means every item."""

    label: str
    ids: tuple[str, ...] | None


def filters(session: Assessment) -> list[Filter]:
    """The filters both faces offer, with the leaves each keeps now."""
    leaves = session.checklist.leaves
    totals = session.totals()
    out = [
        Filter("全部条目", None),
        Filter("未评", tuple(totals.unanswered)),
        Filter("未达标", tuple(totals.unmet)),
        Filter("基本达标", tuple(n.id for n in leaves if (a := session.answer(n.id)) and a.status == "partial")),
        Filter("退回", tuple(session.returned_items())),
        Filter("沿用待确认", tuple(session.carried_items())),
        Filter("文字已改", tuple(reworded_items(session))),
    ]
    out.extend(Filter(UNIT_PREFIX + unit, tuple(ids)) for unit, ids in unit_items(session.checklist).items())
    return out


def find_filter(session: Assessment, name: str) -> Filter | None:
    """A filter by its label, or by a unit's name alone (folded like a search)."""
    wanted = fold(name).strip()
    if not wanted:
        return None
    options = filters(session)
    for option in options:
        if fold(option.label) == wanted or fold(option.label.removeprefix(UNIT_PREFIX)) == wanted:
            return option
    return None


def next_open(session: Assessment, after: str | None, *, step: int = 1,
              among: Collection[str] | None = None, returned: bool = True) -> tuple[str | None, bool]:
    """The next (``step`` 1) or previous (-1) open leaf, and whether the search wrapped round.
    An item not for this kind of unit (its category) is never asked for."""
    category = session.scores.category

    def wanted(leaf: Node) -> bool:
        return applies(leaf, category) and is_open(session.answer(leaf.id), returned=returned)

    return next_leaf(session.checklist, after, wanted, step=step, among=among)


def next_leaf(checklist: Checklist, after: str | None, wanted: Callable[[Node], bool], *, step: int = 1,
              among: Collection[str] | None = None) -> tuple[str | None, bool]:
    """The next (``step`` 1) or previous (-1) leaf that is ``wanted``, wrapping round; and
    whether it wrapped. ``after`` may be a parent (counting starts just before its first
    leaf) or None (from the start); ``among`` limits the search to these leaves (a filter)."""
    leaves = [leaf for leaf in checklist.leaves if among is None or leaf.id in among]
    if not leaves:
        return None, False
    order = {leaf.id: i for i, leaf in enumerate(checklist.leaves)}
    start = _position(checklist, after, order)
    # where ``after`` falls among the candidate leaves: the last one at or before it
    below = [i for i, leaf in enumerate(leaves) if order[leaf.id] <= start] if start is not None else []
    at = below[-1] if below else -1
    if step < 0 and not (below and order[leaves[at].id] == start):
        at += 1  # between two candidates: the previous one is the one below
    count = len(leaves)
    for offset in range(1, count + 1):
        index = at + step * offset
        leaf = leaves[index % count]
        if wanted(leaf):
            return leaf.id, start is not None and not 0 <= index < count
    return None, False


def _position(checklist: Checklist, item_id: str | None, order: dict[str, int]) -> float | None:
    """A leaf's place in document order; a parent sits just before its first leaf."""
    if item_id is None:
        return None
    if item_id in order:
        return order[item_id]
    node = checklist.by_id.get(item_id)
    first = next(node.leaves(), None) if node is not None else None
    return order[first.id] - 0.5 if first is not None else None


# ---------------------------------------------------------------- evidence that names a file


def local_path(text: str) -> Path | None:
    """The local file an evidence entry names (``/…``, ``~/…``, ``./…``, ``file://…``), or None
    for a link, a document number or words."""
    candidate = text.strip()
    if candidate.startswith("file://"):
        candidate = candidate[7:]
    elif not candidate.startswith(("/", "~", "./", "../")):
        return None
    if not candidate or "\n" in candidate or len(candidate) > 4096:
        return None
    return Path(os.path.expanduser(candidate))


def missing_file(text: str) -> Path | None:
    """The path an entry names when nothing is there: the faces ask before saving it."""
    path = local_path(text)
    if path is None:
        return None
    try:
        return None if path.exists() else path
    except OSError:
        return path


def file_words(record: EvidenceFile) -> str:
    """``已记录文件：183204 字节，SHA-256 dde5a1b2``: what was hashed when it was added."""
    return f"已记录文件：{record.size} 字节，SHA-256 {record.sha256[:8]}"


def recorded_file(answer: Answer | None, text: str) -> EvidenceFile | None:
    """The file record kept for an evidence entry, if it names a file that was hashed."""
    candidate = text.strip().removeprefix("file://")
    if answer is None or not answer.files or not candidate or "\n" in candidate:
        return None
    try:
        resolved = str(Path(os.path.expanduser(candidate)).resolve())
    except (OSError, RuntimeError):
        return None
    return next((f for f in answer.files if f.path == resolved), None)
