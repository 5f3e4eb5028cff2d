"""Which column of an indicator table is which: the header words published tables use.

Levels (一级指标 … 四级指标, 类别 / 考核项目 / 考评项目) in the order they stand; points (分值 /
权重 / 分数); the content (考评内容 / 考核内容 / 评估要点); the 细则 (评分细则 / 评分标准 /
考核标准 / 评分方法); and the columns ``zwgk checklist export`` adds so that a table comes back
the same (编号, 性质, 适用, 规则1 …, 部分1 …).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

LEVEL_WORDS = ("一级指标", "二级指标", "三级指标", "四级指标", "五级指标",
               "类别", "考核项目", "考评项目", "考核类别", "考评类别")
POINTS_WORDS = ("分值", "权重", "分数", "标准分", "满分")
TEXT_WORDS = ("考评内容", "考核内容", "评估要点", "考核要点", "考评要点", "评价要点", "指标说明")
CRITERIA_WORDS = ("评分细则", "评分标准", "考核标准", "评分方法", "评分办法", "考评标准", "评价标准")
ID_WORDS = ("编号", "序号")
NATURE_WORD = "性质"
FOR_WORD = "适用"
RULE_FIELDS = ("方式", "每次分值", "计数单位", "上限")   # after 规则N: how, amount, per, cap
_RULE = re.compile(r"^规则(\d{1,2})(方式|每次分值|计数单位|上限)?$")
_PART = re.compile(r"^部分(\d{1,2})(比例)?$")


def header_key(text: str) -> str:
    """A header cell as compared: width folded, spaces and a trailing （分） dropped."""
    norm = "".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r"\(.*\)$", "", norm)


@dataclass(slots=True)
class Columns:
    """Column positions by role (−1: absent)."""

    levels: list[int] = field(default_factory=list)
    points: int = -1
    text: int = -1
    criteria: int = -1
    id: int = -1
    nature: int = -1
    only_for: int = -1
    rules: dict[int, dict[str, int]] = field(default_factory=dict)   # rule number → field → column
    parts: dict[int, dict[str, int]] = field(default_factory=dict)

    @property
    def recognised(self) -> int:
        singles = (self.points, self.text, self.criteria, self.id)
        return len(self.levels) + sum(1 for c in singles if c >= 0)

    @property
    def usable(self) -> bool:
        return bool(self.levels) and (self.points >= 0 or self.criteria >= 0 or self.text >= 0) and self.recognised >= 2


def read_header(row: list[str]) -> Columns:
    found = Columns()
    for index, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        if match := _RULE.match(key):
            found.rules.setdefault(int(match.group(1)), {})[match.group(2) or "text"] = index
        elif match := _PART.match(key):
            found.parts.setdefault(int(match.group(1)), {})[match.group(2) or "text"] = index
        elif any(key.startswith(w) for w in LEVEL_WORDS):
            found.levels.append(index)
        elif found.points < 0 and any(key.startswith(w) for w in POINTS_WORDS):
            found.points = index
        elif found.text < 0 and any(key.startswith(w) for w in TEXT_WORDS):
            found.text = index
        elif found.criteria < 0 and any(key.startswith(w) for w in CRITERIA_WORDS):
            found.criteria = index
        elif found.id < 0 and key in ID_WORDS:
            found.id = index
        elif key == NATURE_WORD:
            found.nature = index
        elif key.startswith(FOR_WORD):
            found.only_for = index
    return found


def find_header(rows: list[list[str]], limit: int = 12) -> tuple[int, Columns] | None:
    """The first row (within the first ``limit``) that reads as an indicator table's header."""
    for index, row in enumerate(rows[:limit]):
        columns = read_header(row)
        if columns.usable:
            return index, columns
    return None
