"""Scoring as the published 评分细则 do it: counted rules, parts, penalties and categories.

A leaf may carry the 细则 text (``criteria``), rules counted per instance (``rules``: 每条扣5分,
一项可得2分最高不超过6分, a one-off 扣5分), parts each worth a share of its points (``parts``:
可得50%), and may be a penalty outside the maximum (``penalty = true``: 通报批评每次扣3分). A
section or item may be only for some kinds of unit (``for = ["A"]``, the kinds named in the
checklist's top-level ``categories``). This module reads and checks those keys; the arithmetic
is in ``model/counting.py`` and the format is documented in the README.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zwgk_tui.model.checklist.limits import MAX_POINTS

if TYPE_CHECKING:
    from zwgk_tui.model.checklist.tree import Node

RULE_KEYS = frozenset({"text", "deduct", "credit", "per", "cap"})
PART_KEYS = frozenset({"text", "share"})
MAX_ONE_OFF = 1  # a rule without ``per`` happens or does not


@dataclass(frozen=True, slots=True)
class Rule:
    """One counted rule of a leaf: ``deduct`` or ``credit`` points per instance."""

    text: str
    deduct: float | None = None
    credit: float | None = None
    per: str = ""                 # the counting word (条, 次, 月 …); "" = one-off, counted 0 or 1
    cap: float | None = None      # the most this rule takes or gives

    @property
    def is_deduct(self) -> bool:
        return self.deduct is not None

    @property
    def amount(self) -> float:
        """Points per instance (always positive)."""
        return self.deduct if self.deduct is not None else self.credit or 0.0

    @property
    def one_off(self) -> bool:
        return not self.per

    def points(self, count: int) -> float:
        """What ``count`` instances take or give, the rule's cap applied (always ≥ 0)."""
        value = self.amount * max(count, 0)
        return value if self.cap is None else min(value, self.cap)


@dataclass(frozen=True, slots=True)
class Part:
    """One part of an indicator scored by parts: met or not, worth ``share`` of the points."""

    text: str
    share: float


@dataclass(slots=True)
class CountedKeys:
    """What a node's counted keys hold, and what is wrong with them."""

    criteria: str = ""
    rules: tuple[Rule, ...] = ()
    parts: tuple[Part, ...] = ()
    penalty: bool = False
    only_for: tuple[str, ...] = ()
    # (key, index in the array or None, message): the tree turns these into file:line
    problems: list[tuple[str, int | None, str]] = field(default_factory=list)


def _finite(value: Any) -> float | None:
    """A finite number from a file, as a float; None for anything else (bools included)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def read_counted(raw: Mapping[str, Any], node_id: str, kind: str) -> CountedKeys:
    """Read ``criteria``, ``rules``, ``parts``, ``penalty`` and ``for`` of one node."""
    out = CountedKeys()

    def problem(key: str, index: int | None, message: str) -> None:
        out.problems.append((key, index, message))

    criteria = raw.get("criteria", "")
    if isinstance(criteria, str):
        out.criteria = criteria
    else:
        problem("criteria", None, f"{kind} {node_id} 的 criteria 应为字符串")
    penalty = raw.get("penalty", False)
    if isinstance(penalty, bool):
        out.penalty = penalty
    else:
        problem("penalty", None, f"{kind} {node_id} 的 penalty 应为 true 或 false")
    only_for = raw.get("for", [])
    if isinstance(only_for, list) and all(isinstance(v, str) and v for v in only_for):
        out.only_for = tuple(only_for)
    else:
        problem("for", None, f'{kind} {node_id} 的 for 应为类别代号的列表，如 for = ["A"]')
    out.rules = tuple(_rules(raw.get("rules", []), node_id, problem))
    out.parts = tuple(_parts(raw.get("parts", []), node_id, problem))
    return out


def _rules(raw: Any, node_id: str, problem: Any) -> Iterator[Rule]:
    if not isinstance(raw, list):
        problem("rules", None, f"条目 {node_id} 的 rules 应为表的数组（[[…rules]]）")
        return
    for index, entry in enumerate(raw):
        where = f"条目 {node_id} 的第 {index + 1} 条规则"
        if not isinstance(entry, dict):
            problem("rules", index, f"{where}应为表（text、deduct 或 credit、per、cap）")
            continue
        unknown = sorted(set(entry) - RULE_KEYS)
        if unknown:
            problem("rules", index, f"{where}有未知的键 {unknown[0]!r}")
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            problem("rules", index, f"{where}缺少 text（细则原文）")
            text = ""
        deduct, credit = entry.get("deduct"), entry.get("credit")
        if (deduct is None) == (credit is None):
            problem("rules", index, f"{where}应有 deduct（每次扣分）或 credit（每次得分）之一")
            continue
        raw_amount = deduct if deduct is not None else credit
        name = "deduct" if deduct is not None else "credit"
        amount = _finite(raw_amount)
        if amount is None or not 0 < amount <= MAX_POINTS:
            problem("rules", index, f"{where}的 {name} 应为大于 0、不超过 {MAX_POINTS} 的数（现为 {raw_amount!r}）")
            continue
        per = entry.get("per", "")
        if not isinstance(per, str):
            problem("rules", index, f"{where}的 per 应为计数单位（条、次、月……）")
            per = ""
        raw_cap = entry.get("cap")
        cap = _finite(raw_cap)
        if raw_cap is not None and (cap is None or not 0 <= cap <= MAX_POINTS):
            problem("rules", index, f"{where}的 cap 应为 0 到 {MAX_POINTS} 之间的数")
            cap = None
        yield Rule(
            text=text, deduct=amount if name == "deduct" else None,
            credit=amount if name == "credit" else None, per=per.strip(), cap=cap,
        )


def _parts(raw: Any, node_id: str, problem: Any) -> Iterator[Part]:
    if not isinstance(raw, list):
        problem("parts", None, f"条目 {node_id} 的 parts 应为表的数组（[[…parts]]）")
        return
    total = 0.0
    for index, entry in enumerate(raw):
        where = f"条目 {node_id} 的第 {index + 1} 个部分"
        if not isinstance(entry, dict):
            problem("parts", index, f"{where}应为表（text、share）")
            continue
        unknown = sorted(set(entry) - PART_KEYS)
        if unknown:
            problem("parts", index, f"{where}有未知的键 {unknown[0]!r}")
        text = entry.get("text")
        share = _finite(entry.get("share"))
        if not isinstance(text, str) or not text.strip():
            problem("parts", index, f"{where}缺少 text")
            text = ""
        if share is None or not 0 < share <= 1:
            problem("parts", index, f"{where}的 share 应为 0 到 1 之间的数（如 0.5 表示 50%）")
            continue
        total += share
        if total > 1 + 1e-9:
            problem("parts", index, f"条目 {node_id} 各部分的 share 合计 {total:g}，超过 1")
        yield Part(text=text, share=share)


def check_leaf_shape(
    node_id: str, keys: CountedKeys, *, leaf: bool, points: float | None, bonus: bool, veto: bool,
) -> list[tuple[str, str]]:
    """What the counted keys must agree with: (key, message) for each disagreement."""
    out: list[tuple[str, str]] = []
    if not leaf:
        for key, present in (("rules", keys.rules), ("parts", keys.parts), ("penalty", keys.penalty)):
            if present:
                out.append((key, f"{node_id} 有下级条目或是部分，{key} 只能设在可评估的末级条目上"))
        return out
    if keys.penalty:
        if bonus or veto:
            out.append(("penalty", f"条目 {node_id} 是扣分项（penalty），不能同时是加分项或否决项"))
        if points is not None:
            out.append(("points", f"条目 {node_id} 是扣分项，在满分之外扣分，不设 points"))
        if not keys.rules or any(not r.is_deduct for r in keys.rules):
            out.append(("rules", f"条目 {node_id} 是扣分项，应有 rules 且每条都是 deduct"))
        if keys.parts:
            out.append(("parts", f"条目 {node_id} 是扣分项，不能按部分计分"))
        return out
    if (keys.rules or keys.parts) and points is None and not bonus:
        out.append(("points", f"条目 {node_id} 有评分细则规则，需要 points（分值）"))
    return out


def categories_from_toml(raw: Any) -> tuple[dict[str, str], list[str]]:
    """The top-level ``categories`` table: code → name (``{ A = "县（区）人民政府" }``)."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict) or not raw:
        return {}, ['categories 应为表，如 categories = { A = "县（区）人民政府", B = "市直部门" }']
    out: dict[str, str] = {}
    problems: list[str] = []
    for code, name in raw.items():
        if not isinstance(name, str) or not name.strip():
            problems.append(f"categories 中 {code} 的名称应为非空字符串")
            continue
        out[str(code)] = name
    return out, problems


def applies(node: Node, category: str | None) -> bool:
    """Whether a node counts for a unit of ``category`` (no category: every node counts)."""
    if not category:
        return True
    current: Node | None = node
    while current is not None:
        only = current.only_for
        if only and category not in only:
            return False
        current = current.parent
    return True
