"""The checklist's ``[scoring]`` table (all keys optional): partial share, bonus and penalty
caps, grades. Counted rules on leaves (``rules``, ``parts``) are in ``counted.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_GRADES: tuple[tuple[str, float], ...] = (
    ("优秀", 90.0),
    ("良好", 80.0),
    ("合格", 60.0),
    ("不合格", 0.0),
)
FAIL_GRADE = "不合格"


@dataclass(frozen=True, slots=True)
class ScoringRules:
    partial: float = 0.5          # share of points for 基本达标
    bonus_cap: float | None = None  # most that 加分项 can add; None = no cap
    grades: tuple[tuple[str, float], ...] = field(default=DEFAULT_GRADES)
    fail_grade: str = FAIL_GRADE  # what a 单项否决 item that is 未达标 forces
    penalty_cap: float | None = None  # most that 扣分项 (penalty = true) can take; None = no cap


def rules_from_toml(raw: Any) -> tuple[ScoringRules, list[str]]:
    """Read ``[scoring]``; return the rules and every problem found (in Chinese)."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        return ScoringRules(), ["[scoring] 应为表"]
    known = {"partial", "bonus_cap", "grades", "fail_grade", "penalty_cap"}
    for key in raw:
        if key not in known:
            problems.append(f"[scoring] 中有未知的键 {key!r}")
    partial = raw.get("partial", 0.5)
    if isinstance(partial, bool) or not isinstance(partial, int | float) or not 0 <= partial <= 1:
        problems.append("scoring.partial 应为 0 到 1 之间的数")
        partial = 0.5
    caps: dict[str, float | None] = {}
    for key in ("bonus_cap", "penalty_cap"):
        cap = raw.get(key)
        if cap is not None and (
            isinstance(cap, bool) or not isinstance(cap, int | float) or not 0 <= cap < float("inf")
        ):
            problems.append(f"scoring.{key} 应为不小于 0 的数")
            cap = None
        caps[key] = None if cap is None else float(cap)
    grades = DEFAULT_GRADES
    if "grades" in raw:
        parsed: list[tuple[str, float]] = []
        value = raw["grades"]
        if not isinstance(value, list) or not value:
            problems.append('scoring.grades 应为 [{ name = "优秀", min = 90 }, …] 形式的列表')
        else:
            for entry in value:
                if (
                    not isinstance(entry, dict)
                    or not isinstance(entry.get("name"), str)
                    or isinstance(entry.get("min"), bool)
                    or not isinstance(entry.get("min"), int | float)
                ):
                    problems.append('scoring.grades 的每一项应为 { name = "…", min = 数字 }')
                    parsed = []
                    break
                parsed.append((entry["name"], float(entry["min"])))
            if parsed:
                grades = tuple(sorted(parsed, key=lambda g: -g[1]))
    fail_grade = raw.get("fail_grade", grades[-1][0])
    if not isinstance(fail_grade, str):
        problems.append("scoring.fail_grade 应为字符串")
        fail_grade = grades[-1][0]
    rules = ScoringRules(
        partial=float(partial),
        bonus_cap=caps["bonus_cap"],
        grades=grades,
        fail_grade=fail_grade,
        penalty_cap=caps["penalty_cap"],
    )
    return rules, problems
