"""The arithmetic of counted rules and parts, and the sentence that explains it.

``model.scoring.score`` calls these for leaves that carry ``rules`` or ``parts`` (see
``model/checklist/counted.py``); both faces and the reports show ``describe`` and
``rule_lines``, so the wording is the same everywhere. Rules (README, 计分规则):

- a leaf with deduction rules only starts from its ``points``; a leaf with a credit rule
  starts from 0; a leaf scored by parts starts from ``points`` × the shares of the parts met;
- then each rule takes (``deduct``) or gives (``credit``) its amount per counted instance,
  up to its ``cap``; the result stays between 0 and ``points`` (扣完为止); a bonus leaf
  without ``points`` has no ceiling (the checklist's ``bonus_cap`` applies to the total);
- a ``penalty`` leaf is outside the maximum: its deductions are subtracted from the total;
- the status follows from the score: all the points 达标, none 未达标, else 基本达标; a
  penalty leaf is 达标 with nothing deducted, else 未达标.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zwgk_tui.model.checklist.counted import Rule
from zwgk_tui.model.checklist.tree import Node

EPSILON = 1e-9
COUNTED_HINT = "{} 按评分细则计分：请输入各条细则的计数（全屏界面按 k，逐行模式输入 k 序号 次数），状态随得分而定"


def num(value: float) -> str:
    """8.0 → 8, 12.5 → 12.5, 1/3 → 0.33: points as people write them."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def is_counted(leaf: Node) -> bool:
    """Scored by counting (rules, parts or penalty), not by a status alone."""
    return bool(leaf.rules or leaf.parts or leaf.penalty)


def counts_for(leaf: Node, counts: Sequence[int] | None) -> list[int]:
    """One count per rule: missing ones are 0, extra ones (an older checklist) dropped."""
    given = list(counts or ())
    out = [max(int(c), 0) for c in given[: len(leaf.rules)]]
    return out + [0] * (len(leaf.rules) - len(out))


def parts_for(leaf: Node, parts: Sequence[bool] | None) -> list[bool]:
    given = [bool(p) for p in (parts or ())][: len(leaf.parts)]
    return given + [False] * (len(leaf.parts) - len(given))


@dataclass(frozen=True, slots=True)
class Outcome:
    """One rule as counted: how many instances and the points they took or gave (capped)."""

    rule: Rule
    count: int
    points: float


def outcomes(leaf: Node, counts: Sequence[int] | None) -> list[Outcome]:
    return [Outcome(rule, n, rule.points(n)) for rule, n in zip(leaf.rules, counts_for(leaf, counts), strict=True)]


def ceiling(leaf: Node) -> float:
    """The most a counted leaf can earn (a bonus without points: no ceiling)."""
    if leaf.points is not None:
        return leaf.points
    return float("inf") if leaf.bonus else 0.0


def base(leaf: Node, parts: Sequence[bool] | None) -> float:
    if leaf.parts:
        shares = sum(p.share for p, met in zip(leaf.parts, parts_for(leaf, parts), strict=True) if met)
        return (leaf.points or 0.0) * shares
    if any(not rule.is_deduct for rule in leaf.rules):
        return 0.0
    return leaf.points or 0.0


def value(leaf: Node, counts: Sequence[int] | None, parts: Sequence[bool] | None) -> float:
    """What an ordinary or bonus counted leaf earns; for a penalty leaf, what it deducts."""
    found = outcomes(leaf, counts)
    deducted = sum(o.points for o in found if o.rule.is_deduct)
    if leaf.penalty:
        return deducted
    credited = sum(o.points for o in found if not o.rule.is_deduct)
    return min(max(base(leaf, parts) + credited - deducted, 0.0), ceiling(leaf))


def status_for(leaf: Node, counts: Sequence[int] | None, parts: Sequence[bool] | None) -> str:
    """达标 / 基本达标 / 未达标 as the score says."""
    earned = value(leaf, counts, parts)
    if leaf.penalty:
        return "met" if earned <= EPSILON else "unmet"
    if earned <= EPSILON:
        return "unmet"
    full = ceiling(leaf)
    if full == float("inf"):
        return "met"
    return "met" if earned >= full - EPSILON else "partial"


def rule_label(rule: Rule) -> str:
    """``每条扣 5 分``, ``一次性扣 5 分``, ``每项得 2 分，最多 6 分``."""
    verb = "扣" if rule.is_deduct else "得"
    head = f"每{rule.per}{verb} {num(rule.amount)} 分" if rule.per else f"一次性{verb} {num(rule.amount)} 分"
    return head + (f"，最多 {num(rule.cap)} 分" if rule.cap is not None else "")


def counted_phrase(outcome: Outcome) -> str:
    """``扣 2 条 × 5 分`` (``扣 5 分`` for a one-off), with the cap when it cut."""
    rule = outcome.rule
    verb = "扣" if rule.is_deduct else "得"
    if rule.one_off:
        phrase = f"{verb} {num(rule.amount)} 分"
    else:
        phrase = f"{verb} {outcome.count} {rule.per} × {num(rule.amount)} 分"
    if rule.cap is not None and outcome.points < rule.amount * outcome.count - EPSILON:
        phrase += f"（上限 {num(rule.cap)} 分）"
    return phrase


def describe(leaf: Node, counts: Sequence[int] | None, parts: Sequence[bool] | None) -> str:
    """``扣 2 条 × 5 分，扣 1 条 × 1 分：得 3 分，满分 10 分`` — the counts and their result."""
    phrases = [counted_phrase(o) for o in outcomes(leaf, counts) if o.count > 0]
    if leaf.parts:
        met = [p for p, ok in zip(leaf.parts, parts_for(leaf, parts), strict=True) if ok]
        shares = "＋".join(f"{num(p.share * 100)}%" for p in met)
        phrases.insert(0, f"符合 {len(met)} 项（{shares}）" if met else "各部分都不符合")
    said = "，".join(phrases)
    earned = value(leaf, counts, parts)
    if leaf.penalty:
        result = f"在满分之外扣 {num(earned)} 分" if earned > 0 else "不扣分"
        return f"{said}：{result}" if said else result
    if not said:
        said = "未扣分" if not any(not r.is_deduct for r in leaf.rules) else "未计得分"
    full = "" if leaf.points is None else f"，满分 {num(leaf.points)} 分"
    return f"{said}：得 {num(earned)} 分{full}"


def rule_lines(leaf: Node, counts: Sequence[int] | None, parts: Sequence[bool] | None) -> list[tuple[str, str]]:
    """One (label, line) per rule and part, numbered as ``k I N`` numbers them."""
    out: list[tuple[str, str]] = []
    for number, outcome in enumerate(outcomes(leaf, counts), start=1):
        rule = outcome.rule
        verb = "扣" if rule.is_deduct else "得"
        counted = (("有" if outcome.count else "没有") if rule.one_off
                   else f"计 {outcome.count} {rule.per}")
        out.append((f"细则 {number}", f"{rule.text}（{rule_label(rule)}）：{counted}，{verb} {num(outcome.points)} 分"))
    offset = len(leaf.rules)
    for number, (part, met) in enumerate(zip(leaf.parts, parts_for(leaf, parts), strict=True), start=offset + 1):
        out.append((f"细则 {number}", f"{part.text}（占 {num(part.share * 100)}%）：{'符合' if met else '不符合'}"))
    return out


def checked(leaf: Node, counts: Sequence[int] | None,
            parts: Sequence[bool] | None) -> tuple[list[int] | None, list[bool] | None]:
    """Counts and parts as they are stored for ``leaf``: one per rule and part, in range.

    Raises ZwgkError (a sentence for the officer) when the item is not counted or a number
    does not fit its rule.
    """
    from zwgk_tui.errors import ZwgkError

    if not is_counted(leaf):
        raise ZwgkError(f"{leaf.id} 没有评分细则规则，请直接评定状态")
    new_counts = None if not leaf.rules else list(counts or ())
    new_parts = None if not leaf.parts else list(parts or ())
    if new_counts is not None:
        if len(new_counts) > len(leaf.rules):
            raise ZwgkError(f"{leaf.id} 只有 {len(leaf.rules)} 条计数规则")
        new_counts += [0] * (len(leaf.rules) - len(new_counts))
        for number, (rule, count) in enumerate(zip(leaf.rules, new_counts, strict=True), start=1):
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ZwgkError(f"细则 {number} 的计数应为不小于 0 的整数")
            if rule.one_off and count > 1:
                raise ZwgkError(f"细则 {number} 是一次性规则，只能计 0（没有）或 1（有）")
    if new_parts is not None:
        if len(new_parts) > len(leaf.parts):
            raise ZwgkError(f"{leaf.id} 只有 {len(leaf.parts)} 个部分")
        new_parts = [bool(p) for p in new_parts] + [False] * (len(leaf.parts) - len(new_parts))
    return new_counts, new_parts


def entries(leaf: Node) -> int:
    """How many numbered entries ``k`` has on a leaf: its rules, then its parts."""
    return len(leaf.rules) + len(leaf.parts)


def with_entry(leaf: Node, counts: Sequence[int] | None, parts: Sequence[bool] | None,
               index: int, amount: int) -> tuple[list[int], list[bool]]:
    """Counts and parts with entry ``index`` (0-based: rules, then parts) set to ``amount``.

    Raises ValueError with a sentence for the officer when the number does not fit.
    """
    new_counts, new_parts = counts_for(leaf, counts), parts_for(leaf, parts)
    if not 0 <= index < entries(leaf):
        raise ValueError(f"没有细则 {index + 1}；本项共 {entries(leaf)} 条细则")
    if amount < 0:
        raise ValueError("计数不能为负数")
    if index < len(leaf.rules):
        rule = leaf.rules[index]
        if rule.one_off and amount > 1:
            raise ValueError(f"细则 {index + 1} 是一次性规则，只能计 0（没有）或 1（有）")
        new_counts[index] = amount
    else:
        if amount > 1:
            raise ValueError(f"细则 {index + 1} 是按部分计分：输入 1 表示符合，0 表示不符合")
        new_parts[index - len(leaf.rules)] = bool(amount)
    return new_counts, new_parts
