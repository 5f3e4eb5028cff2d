"""What a checklist or a score file may hold, and how much of what is wrong with one is said.

Every number read from a file must be finite and in range (a TOML file may write ``nan``,
``inf`` or ``1e308``); a file with thousands of problems gets its first ``MAX_PROBLEMS``
listed and the rest counted, so that no terminal, report cell or CSV line is flooded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_POINTS = 10_000   # points of one item; a real checklist gives 1 to 100
MAX_PROBLEMS = 20     # problems listed per file; the rest are counted ("及另外 M 处")
MAX_NODES = 5_000     # sections and items of one checklist (a large one has 2,000)


def finite(value: float) -> bool:
    """Not nan, not ±inf (a TOML file may write ``nan`` and ``inf``)."""
    return math.isfinite(value)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, with the line it is on."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        from zwgk_tui.errors import format_problem

        return format_problem(self.path, self.line, None, self.message)


def bounded(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """The first ``limit`` problems of a file, then one line counting the rest: 100,000
    unknown keys must not make 100,000 lines (or a spreadsheet cell of megabytes)."""
    if len(problems) <= limit:
        return problems
    rest = len(problems) - limit
    return [*problems[:limit], Problem(problems[limit].path, None, f"及另外 {rest} 处问题（未逐一列出）")]
