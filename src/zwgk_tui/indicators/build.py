"""A published indicator table → a checklist: levels become sections and items, each row an
assessed item with its points, content, 细则 text and the rules read from it.

How rows become the tree (README, 从指标表导入):
- the level columns are read left to right; a cell merged down from the row above, or left
  blank under a filled one, is the same indicator as above; a cell merged from its left
  neighbour is no level of its own; the deepest filled level of a row is its item;
- a row whose levels are all the same as the row above (a merged 类别 over several 考核内容
  rows) is a further item under that indicator, titled by its content;
- a weight in a heading cell ("健康情况（15）", "区统计局（10.5分）") is taken out of the title
  and checked against the points below it; an item's points come from the 分值 column, else
  from its own cell's weight;
- a table with one level gets one section named after the table; an item at the first level
  of a deeper table becomes a section holding that one item;
- headings that say 加分 make their items bonus items; 扣分项 / 倒扣 / 减分项 make them penalties;
- ids come from the 编号 column when every row has one that fits, else by position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from zwgk_tui.indicators.columns import Columns, find_header
from zwgk_tui.indicators.criteria import ParsedPart, ParsedRule, number, parse_criteria
from zwgk_tui.indicators.grid import Grid

_WEIGHT = re.compile(r"\s*[（(]\s*(\d+(?:[.．]\d+)?)\s*分?\s*[）)]\s*$|\s*(\d+(?:[.．]\d+)?)\s*分\s*$")
_POINTS = re.compile(r"^\s*(\d+(?:[.．]\d+)?)\s*分?\s*$")
_ID = re.compile(r"^[0-9]+(?:\.(?:[0-9]+|u[0-9]+))*$")
BONUS_WORDS = ("加分",)
PENALTY_WORDS = ("扣分项", "倒扣", "减分项", "扣分因素", "扣分事项", "扣分情形", "减分因素", "扣分")
_CATEGORY = re.compile(r"([A-Z])\s*类")


@dataclass(slots=True)
class BuiltNode:
    title: str
    line: int
    weight: float | None = None
    id: str = ""
    points: float | None = None
    text: str = ""
    criteria: str = ""
    rules: list[ParsedRule] = field(default_factory=list)
    parts: list[ParsedPart] = field(default_factory=list)
    bonus: bool = False
    penalty: bool = False
    veto: bool = False
    only_for: list[str] = field(default_factory=list)
    given_id: str = ""
    has_row: bool = False
    children: list[BuiltNode] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    """What an indicator table holds, ready to be written as a checklist."""

    sections: list[BuiltNode]
    caption: list[str]
    warnings: list[tuple[int | None, str]]
    meta: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)


def split_weight(text: str) -> tuple[str, float | None]:
    """``健康情况（15）`` → (``健康情况``, 15.0); no weight → (text, None)."""
    found = _WEIGHT.search(text)
    if not found or found.start() == 0:
        return text.strip(), None
    return text[: found.start()].strip(), number(found.group(1) or found.group(2))


def title_from(text: str) -> str:
    """A short title from an item's content: its first clause, at most 40 characters."""
    first = re.split(r"[。；;：:（(，,\n]", text.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= 40 else first[:39] + "…"


def read_table(grids: list[Grid]) -> Table:
    """Every grid with a recognised header, in order; a second table for another category
    (its sheet or caption says "A类"/"B类") adds its sections for that category."""
    table = Table([], [], [])
    found_any = False
    for grid in grids:
        header = find_header(grid.rows)
        if header is None:
            if grid.sheet == "说明":
                continue
            continue
        found_any = True
        start, columns = header
        caption = [" ".join(cell for cell in _unique(row) if cell) for row in grid.rows[:start]]
        caption = [c for c in caption if c] or grid.caption
        if not table.caption:
            table.caption = caption
        sections = _grid_sections(grid, start, columns, table.warnings)
        category = _category(grid.sheet, caption)
        if category is not None:
            code, name = category
            table.categories[code] = name
            for section in sections:
                section.only_for = [code]
        table.sections.extend(sections)
        meta = grid.extra.get("说明")
        if meta and not table.meta:
            table.meta = {row[0].strip(): row[1].strip() for row in meta if len(row) >= 2 and row[0].strip()}
    if not found_any:
        table.warnings.append((None, "没有找到指标表：表头应有 一级指标/二级指标 或 类别/考核项目，以及 分值 或 评分细则"))
    return table


def _unique(row: list[str]) -> list[str]:
    out: list[str] = []
    for cell in row:
        if cell not in out:
            out.append(cell)
    return out


def _category(sheet: str, caption: list[str]) -> tuple[str, str] | None:
    for text in (sheet, *caption):
        found = _CATEGORY.search(unicodedata.normalize("NFKC", text or ""))
        if found:
            return found.group(1), text.strip()
    return None


def _grid_sections(grid: Grid, start: int, columns: Columns, warnings: list[tuple[int | None, str]]) -> list[BuiltNode]:
    roots: list[BuiltNode] = []
    stack: list[BuiltNode] = []
    last_leaf: BuiltNode | None = None
    for r in range(start + 1, len(grid.rows)):
        row, down, right, line = grid.rows[r], grid.down[r], grid.right[r], grid.line[r]
        cells = []
        for c in columns.levels:
            text = row[c] if c < len(row) else ""
            cells.append((text.strip(), down[c] if c < len(down) else False,
                          right[c] if c < len(right) else False))
        filled = [i for i, (text, _, merged_right) in enumerate(cells) if text and not merged_right]
        content = _cell(row, columns.text) or _cell(row, columns.criteria) or _cell(row, columns.points)
        if not filled:
            if not content:
                continue
            if last_leaf is None:
                warnings.append((line, "这一行没有指标名称，也不在任何指标之下，未导入"))
                continue
            _continue(last_leaf, row, columns, line, warnings)
            continue
        depth = filled[-1] + 1
        reused = True
        for k in range(depth):
            text, merged_down, _ = cells[k]
            same = k < len(stack) and reused and (not text or merged_down or split_weight(text)[0] == stack[k].title)
            if same:
                continue
            reused = False
            if not text:  # blank under nothing: no indicator to continue
                text = "（未命名）"
                warnings.append((line, f"第 {k + 1} 级指标为空，已记为“（未命名）”"))
            title, weight = split_weight(text)
            node = BuiltNode(title=title, line=line, weight=weight)
            del stack[k:]
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        del stack[depth:]
        leaf = stack[-1]
        if reused and leaf.has_row:
            if content and (_cell(row, columns.text) or _cell(row, columns.points)):
                leaf = _split_leaf(leaf, line)   # a merged 类别 over several 考核内容 rows
                stack.append(leaf)
            else:
                _continue(leaf, row, columns, line, warnings)
                continue
        _fill(leaf, row, columns, line, warnings)
        if leaf.title == "" or leaf.title.startswith("（第"):
            leaf.title = title_from(leaf.text or leaf.criteria) or leaf.title
        last_leaf = leaf
    return roots


def _cell(row: list[str], column: int) -> str:
    return row[column].strip() if 0 <= column < len(row) else ""


def _split_leaf(parent: BuiltNode, line: int) -> BuiltNode:
    """``parent`` had a row of its own and another row continues it: both become items."""
    if not parent.children:
        first = BuiltNode(title="", line=parent.line, points=parent.points, text=parent.text,
                          criteria=parent.criteria, rules=parent.rules, parts=parent.parts,
                          given_id=parent.given_id, has_row=True)
        first.title = title_from(first.text or first.criteria) or parent.title
        parent.children.append(first)
        parent.points, parent.text, parent.criteria, parent.rules, parent.parts = None, "", "", [], []
        parent.given_id, parent.has_row = "", False
    leaf = BuiltNode(title="", line=line)
    parent.children.append(leaf)
    return leaf


def _continue(leaf: BuiltNode, row: list[str], columns: Columns, line: int,
              warnings: list[tuple[int | None, str]]) -> None:
    """A row with no indicator of its own: its text and 细则 belong to the item above."""
    for attr, column in (("text", columns.text), ("criteria", columns.criteria)):
        extra = _cell(row, column)
        if extra:
            setattr(leaf, attr, (getattr(leaf, attr) + "\n" + extra).strip())
    extra_criteria = _cell(row, columns.criteria) or (_cell(row, columns.text) if columns.criteria < 0 else "")
    if extra_criteria:
        parsed = parse_criteria(extra_criteria, leaf.points)
        leaf.rules.extend(parsed.rules)
        leaf.parts.extend(parsed.parts)
        for clause in parsed.unparsed:
            warnings.append((line, f"未能解析为规则，保留在评分细则中：{_short(clause)}"))
    warnings.append((line, f"这一行没有自己的指标名称，内容并入上一项“{_short(leaf.title, 20)}”"))


def _fill(leaf: BuiltNode, row: list[str], columns: Columns, line: int,
          warnings: list[tuple[int | None, str]]) -> None:
    leaf.has_row = True
    leaf.line = line
    given = _cell(row, columns.points)
    if given:
        found = _POINTS.match(unicodedata.normalize("NFKC", given))
        if found:
            leaf.points = number(found.group(1))
        else:
            warnings.append((line, f"分值“{_short(given, 12)}”不是数字，未记分值"))
    elif leaf.weight is not None:
        leaf.points, leaf.weight = leaf.weight, None
    leaf.text = _cell(row, columns.text)
    leaf.criteria = _cell(row, columns.criteria)
    if columns.criteria < 0 and leaf.text:
        leaf.criteria, leaf.text = leaf.text, ""   # the content column is where the 细则 are
    code = _cell(row, columns.id)
    if code:
        leaf.given_id = unicodedata.normalize("NFKC", code).strip().rstrip(".")
    nature = _cell(row, columns.nature)
    leaf.bonus, leaf.penalty, leaf.veto = "加分" in nature, "扣分" in nature, "否决" in nature
    only = _cell(row, columns.only_for)
    if only:
        leaf.only_for = [c for c in re.split(r"[、,，\s]+", unicodedata.normalize("NFKC", only)) if c]
    if columns.rules:
        leaf.rules, leaf.parts = _explicit(row, columns, line, warnings)
        return
    parsed = parse_criteria(leaf.criteria, leaf.points)
    leaf.rules, leaf.parts = parsed.rules, parsed.parts
    for clause in parsed.unparsed:
        warnings.append((line, f"未能解析为规则，保留在评分细则中：{_short(clause)}"))


def _explicit(row: list[str], columns: Columns, line: int,
              warnings: list[tuple[int | None, str]]) -> tuple[list[ParsedRule], list[ParsedPart]]:
    """The 规则N / 部分N columns ``zwgk checklist export`` writes: taken as they are."""
    rules: list[ParsedRule] = []
    for n in sorted(columns.rules):
        fields = columns.rules[n]
        text = _cell(row, fields.get("text", -1))
        amount = _cell(row, fields.get("每次分值", -1))
        if not text and not amount:
            continue
        try:
            value = number(unicodedata.normalize("NFKC", amount))
        except ValueError:
            warnings.append((line, f"规则{n}的每次分值“{_short(amount, 12)}”不是数字，未导入"))
            continue
        how = _cell(row, fields.get("方式", -1))
        per = _cell(row, fields.get("计数单位", -1))
        cap = _cell(row, fields.get("上限", -1))
        rules.append(ParsedRule(text=text, kind="credit" if "得" in how or "加" in how else "deduct",
                                amount=value, per="" if per in ("", "一次性") else per,
                                cap=number(unicodedata.normalize("NFKC", cap)) if cap else None))
    parts: list[ParsedPart] = []
    for n in sorted(columns.parts):
        fields = columns.parts[n]
        text = _cell(row, fields.get("text", -1))
        share = _cell(row, fields.get("比例", -1)).rstrip("%％")
        if text and share:
            value = number(unicodedata.normalize("NFKC", share))
            parts.append(ParsedPart(text=text, share=value / 100 if value > 1 else value))
    return rules, parts


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
