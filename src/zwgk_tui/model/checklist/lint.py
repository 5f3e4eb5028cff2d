"""Authoring slips that a checklist parses with and is still wrong: checked by
``zwgk checklist check`` after the format itself is sound.

- an ordinary leaf without ``points`` where other ordinary leaves have them is an **error**:
  the unit could never earn it, and no figure says so (加分项 and 扣分项 are outside the full
  points: a counted bonus or a penalty has no ``points`` by design);
- full points other than 100, or the ``[scoring] total`` the author sets, is a **warning**
  (a mistyped 5 that should be 15 shows up as 95) — for each kind of unit where the checklist
  has ``categories`` (an A类 unit is assessed on its items only); so is a checklist with no
  points at all.

A warning names the file and line and leaves the exit status 0; an error makes it 2.
"""

from __future__ import annotations

from pathlib import Path

from zwgk_tui.model.checklist.counted import applies
from zwgk_tui.model.checklist.tree import Checklist, Problem, decode_toml, read_bytes
from zwgk_tui.model.tomlpos import TableLines

DEFAULT_TOTAL = 100.0
TOLERANCE = 0.005        # points are shown to two decimals


def lint(checklist: Checklist, text: str, where: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for a checklist that loaded without problems."""
    lines = TableLines(text)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    leaf_lines = _leaf_lines(checklist, lines)
    ordinary = [leaf for leaf in checklist.leaves if not leaf.bonus and not leaf.penalty]
    scored = [leaf for leaf in ordinary if leaf.points is not None]
    if not scored:
        warnings.append(Problem(where, lines.table_line(("sections",), 0) or 1,
                                "没有任何评估项设分值（points）：得分率和等级无法计算"))
        return errors, warnings
    for leaf in ordinary:
        if leaf.points is None:
            errors.append(Problem(where, leaf_lines.get(leaf.id), (
                f"评估项 {leaf.id} 没有分值（points），而另外 {len(scored)} 项有：请补上分值"
                "（不计分的写 points = 0）")))
    expected = checklist.rules.total if checklist.rules.total is not None else DEFAULT_TOTAL
    for category, label in [(c, f"{name}（{c} 类）") for c, name in checklist.categories.items()] or [(None, "")]:
        total = sum(leaf.points or 0.0 for leaf in ordinary if applies(leaf, category))
        if abs(total - expected) <= TOLERANCE:
            continue
        if checklist.rules.total is not None:
            line = lines.key_line(("scoring",), "total")
            hint = "请核对分值，或改正 [scoring] total"
        else:
            line = lines.table_line(("scoring",), 0) or lines.table_line(("sections",), 0) or 1
            hint = f"请核对分值；满分确为 {total:g} 的，在 [scoring] 中写 total = {total:g}"
        warnings.append(Problem(where, line, (
            f"{label}各评估项分值合计为 {total:g}（加分项、扣分项除外），不是 {expected:g}：{hint}")))
    return errors, warnings


def lint_file(path: str | Path) -> tuple[list[Problem], list[Problem]]:
    """``lint`` for a checklist file that ``check_checklist`` found sound."""
    from zwgk_tui.model.checklist.tree import load_checklist

    path = Path(path)
    checklist = load_checklist(path)
    _, text = decode_toml(read_bytes(path), path)
    return lint(checklist, text, str(path))


def _leaf_lines(checklist: Checklist, lines: TableLines) -> dict[str, int | None]:
    """Where each leaf's table starts: the n-th ``[[sections.items…]]`` header at its depth,
    counted in document order as the file lists them."""
    seen: dict[int, int] = {}
    out: dict[str, int | None] = {}
    for node in checklist.walk():
        index = seen.get(node.depth, 0)
        seen[node.depth] = index + 1
        if node.is_leaf:
            out[node.id] = lines.table_line(("sections", *("items",) * (node.depth - 1)), index)
    return out
