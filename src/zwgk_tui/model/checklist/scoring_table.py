"""The checklist's ``[scoring]`` table (all keys optional): partial share, bonus and penalty
caps, grades. Counted rules on leaves (``rules``, ``parts``) are in ``counted.py``."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

DEFAULT_GRADES: tuple[tuple[str, float], ...] = (
    ("优秀", 90.0),
    ("良好", 80.0),
    ("合格", 60.0),
    ("不合格", 0.0),
)
FAIL_GRADE = "不合格"
MAX_CAP = 10_000          # points a bonus or penalty cap may name
MAX_GRADE_MIN = 1_000     # percentages; above 100 only with 加分项
MAX_GRADE_NAME = 20       # characters
# A grade name is printed in every report: no control character, no bidi override.
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _name_problem(name: str, where: str) -> str | None:
    if not name.strip():
        return f"{where} 不能为空"
    if _UNSAFE_NAME.search(name):
        return f"{where} 含控制字符或双向控制符：{name!r}"
    if len(name) > MAX_GRADE_NAME:
        return f"{where} 超过 {MAX_GRADE_NAME} 个字"
    return None


@dataclass(frozen=True, slots=True)
class ScoringRules:
    partial: float = 0.5          # share of points for 基本达标
    bonus_cap: float | None = None  # most that 加分项 can add; None = no cap
    grades: tuple[tuple[str, float], ...] = field(default=DEFAULT_GRADES)
    fail_grade: str = FAIL_GRADE  # what a 单项否决 item that is 未达标 forces
    penalty_cap: float | None = None  # most that 扣分项 (penalty = true) can take; None = no cap
    total: float | None = None    # the full points the author means (checked, default 100)


def rules_from_toml(raw: Any) -> tuple[ScoringRules, list[str]]:
    """Read ``[scoring]``; return the rules and every problem found (in Chinese)."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        return ScoringRules(), ["[scoring] 应为表"]
    known = {"partial", "bonus_cap", "grades", "fail_grade", "penalty_cap", "total"}
    for key in raw:
        if key not in known:
            problems.append(f"[scoring] 中有未知的键 {key!r}")
    partial = raw.get("partial", 0.5)
    if not _number(partial) or not 0 <= partial <= 1:
        problems.append(f"scoring.partial 应为 0 到 1 之间的数（现为 {partial!r}）")
        partial = 0.5
    caps: dict[str, float | None] = {}
    for key in ("bonus_cap", "penalty_cap"):
        cap = raw.get(key)
        if cap is not None and (not _number(cap) or not 0 <= cap <= MAX_CAP):
            problems.append(f"scoring.{key} 应为 0 到 {MAX_CAP} 之间的数（现为 {cap!r}）")
            cap = None
        caps[key] = None if cap is None else float(cap)
    total = raw.get("total")
    if total is not None and (
        isinstance(total, bool) or not isinstance(total, int | float) or not 0 < total < 1e9
    ):
        problems.append("scoring.total 应为大于 0 的数（清单的满分合计）")
        total = None
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
                    or not _number(entry.get("min"))
                    or not 0 <= entry["min"] <= MAX_GRADE_MIN
                ):
                    problems.append(f'scoring.grades 的每一项应为 {{ name = "…", min = 0 到 {MAX_GRADE_MIN} 的数 }}')
                    parsed = []
                    break
                trouble = _name_problem(entry["name"], "scoring.grades 的等级名称")
                if trouble:
                    problems.append(trouble)
                    parsed = []
                    break
                parsed.append((entry["name"], float(entry["min"])))
            if parsed:
                grades = tuple(sorted(parsed, key=lambda g: -g[1]))
    fail_grade = raw.get("fail_grade", grades[-1][0])
    if not isinstance(fail_grade, str):
        problems.append("scoring.fail_grade 应为字符串")
        fail_grade = grades[-1][0]
    elif trouble := _name_problem(fail_grade, "scoring.fail_grade"):
        problems.append(trouble)
        fail_grade = grades[-1][0]
    rules = ScoringRules(
        partial=float(partial),
        bonus_cap=caps["bonus_cap"],
        grades=grades,
        fail_grade=fail_grade,
        penalty_cap=caps["penalty_cap"],
        total=None if total is None else float(total),
    )
    return rules, problems
