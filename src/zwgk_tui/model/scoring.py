"""The one scoring function: the TUI, the plain mode and the report all call ``score``.

Rules (set in the checklist, see the README):
- a leaf worth ``points``: 达标 earns all of them, 基本达标 ``partial`` of them (item value,
  else the checklist's ``[scoring] partial``, default 0.5), 未达标 none; an explicit ``score``
  entered by the assessor replaces the status value;
- 不适用 takes the item out of the maximum;
- ``bonus = true`` items (加分项) are outside the maximum and add to the total up to
  ``bonus_cap``; where the cap cuts, each section's bonus is cut in proportion
  (``Totals.capped_bonus``);
- a ``veto = true`` item (单项否决) that is 未达标 makes the grade the fail grade whatever the
  total;
- the grade comes from the percentage (total / maximum × 100) and the grade bands;
- a parent's figures are the sum of its children's;
- a leaf with counted ``rules`` or ``parts`` earns what its counts say (``model/counting.py``),
  its status following from that score; a ``penalty`` leaf is outside the maximum and its
  deductions come off the total, up to ``penalty_cap``;
- a unit of one ``category`` is scored only on the items ``for`` it: the others are outside
  the maximum and are not asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from zwgk_tui.model import counting
from zwgk_tui.model.checklist import Checklist, Node
from zwgk_tui.model.checklist.counted import applies

STATUSES = ("met", "partial", "unmet", "na")
LABELS = {"met": "达标", "partial": "基本达标", "unmet": "未达标", "na": "不适用", None: "未评"}
NO_GRADE = "—"


class AnswerLike(Protocol):
    @property
    def status(self) -> str | None: ...
    @property
    def score(self) -> float | None: ...
    @property
    def counts(self) -> Sequence[int] | None: ...
    @property
    def parts(self) -> Sequence[bool] | None: ...


@dataclass(slots=True)
class NodeTotal:
    """Derived figures for one node (a leaf, an item with children, or a section)."""

    earned: float = 0.0
    maximum: float = 0.0
    bonus: float = 0.0
    answered: int = 0
    leaves: int = 0
    unmet: int = 0
    penalty: float = 0.0       # deducted by 扣分项 below this node (before the total's cap)

    @property
    def percent(self) -> float | None:
        return None if self.maximum <= 0 else 100.0 * self.earned / self.maximum

    @property
    def complete(self) -> bool:
        return self.answered == self.leaves


@dataclass(slots=True)
class Totals:
    """Everything derived from one set of answers; never read from a file."""

    nodes: dict[str, NodeTotal] = field(default_factory=dict)
    earned: float = 0.0        # from ordinary items
    maximum: float = 0.0       # points of ordinary items not marked 不适用
    bonus: float = 0.0         # from 加分项, after the cap
    bonus_uncapped: float = 0.0
    penalty: float = 0.0       # deducted by 扣分项 (penalty = true), after penalty_cap
    penalty_uncapped: float = 0.0
    answered: int = 0
    leaves: int = 0
    unanswered: list[str] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)
    vetoed_by: list[str] = field(default_factory=list)
    grade: str = ""

    @property
    def total(self) -> float:
        return self.earned + self.bonus - self.penalty

    @property
    def percent(self) -> float | None:
        return None if self.maximum <= 0 else 100.0 * self.total / self.maximum

    @property
    def complete(self) -> bool:
        return self.answered == self.leaves

    def capped_bonus(self, node_id: str) -> float:
        """A node's bonus after the cap: when the cap cuts the unit's bonus, every section's
        (and item's) bonus is cut in the same proportion, so the sections' bonuses add up to
        the unit's and none exceeds the cap."""
        node = self.nodes[node_id]
        if self.bonus_uncapped <= 0 or self.bonus >= self.bonus_uncapped:
            return node.bonus
        return node.bonus * self.bonus / self.bonus_uncapped


def leaf_value(leaf: Node, answer: AnswerLike | None, checklist: Checklist) -> float | None:
    """Points a leaf earns, or None when it does not count (unanswered or 不适用)."""
    if answer is None or answer.status is None or answer.status == "na":
        return None
    if counting.is_counted(leaf):  # a penalty leaf: the points it deducts
        return counting.value(leaf, answer.counts, answer.parts)
    points = leaf.points or 0.0
    if answer.score is not None:
        return min(max(float(answer.score), 0.0), points)
    if answer.status == "met":
        return points
    if answer.status == "partial":
        fraction = leaf.partial if leaf.partial is not None else checklist.rules.partial
        return points * fraction
    return 0.0


def status_of(leaf: Node, answer: AnswerLike | None) -> str | None:
    """The status that counts: a counted leaf's follows from its counts."""
    status = answer.status if answer is not None else None
    if answer is None or status in (None, "na") or not counting.is_counted(leaf):
        return status
    return counting.status_for(leaf, answer.counts, answer.parts)


def score(checklist: Checklist, answers: Mapping[str, AnswerLike], category: str | None = None) -> Totals:
    """Compute every figure for one unit's answers against a checklist (for a unit of
    ``category`` when the checklist has categories)."""
    totals = Totals()
    for section in checklist.sections:
        _score_node(section, answers, checklist, totals, category or None)
    for section in checklist.sections:
        node_total = totals.nodes[section.id]
        totals.earned += node_total.earned
        totals.maximum += node_total.maximum
        totals.bonus_uncapped += node_total.bonus
        totals.penalty_uncapped += node_total.penalty
        totals.answered += node_total.answered
        totals.leaves += node_total.leaves
    cap = checklist.rules.bonus_cap
    totals.bonus = totals.bonus_uncapped if cap is None else min(totals.bonus_uncapped, cap)
    cap = checklist.rules.penalty_cap
    totals.penalty = totals.penalty_uncapped if cap is None else min(totals.penalty_uncapped, cap)
    totals.grade = grade_for(checklist, totals)
    return totals


def grade_for(checklist: Checklist, totals: Totals) -> str:
    rules = checklist.rules
    if totals.vetoed_by:
        return rules.fail_grade
    percent = totals.percent
    if percent is None:  # nothing counts towards a maximum (e.g. every item 不适用)
        return NO_GRADE
    for name, minimum in rules.grades:
        if percent >= minimum - 1e-9:
            return name
    return rules.fail_grade


def _score_node(
    node: Node, answers: Mapping[str, AnswerLike], checklist: Checklist, totals: Totals,
    category: str | None,
) -> NodeTotal:
    result = NodeTotal()
    if category is not None and not applies(node, category):
        for below in node.walk():  # not for this kind of unit: outside every figure
            totals.nodes[below.id] = NodeTotal()
        return totals.nodes[node.id]
    if node.is_leaf:
        answer = answers.get(node.id)
        status = status_of(node, answer)
        result.leaves = 1
        if status is None:
            totals.unanswered.append(node.id)
        else:
            result.answered = 1
        if status == "unmet":
            result.unmet = 1
            totals.unmet.append(node.id)
            if node.veto:
                totals.vetoed_by.append(node.id)
        value = leaf_value(node, answer, checklist)
        if node.bonus:
            result.bonus = value or 0.0
        elif node.penalty:
            result.penalty = value or 0.0
        else:
            result.earned = value or 0.0
            if status != "na":
                result.maximum = node.points or 0.0
    else:
        for child in node.children:
            child_total = _score_node(child, answers, checklist, totals, category)
            result.earned += child_total.earned
            result.maximum += child_total.maximum
            result.bonus += child_total.bonus
            result.penalty += child_total.penalty
            result.answered += child_total.answered
            result.leaves += child_total.leaves
            result.unmet += child_total.unmet
    totals.nodes[node.id] = result
    return result
