"""``zwgk assess``: the officer's way into one assessment (the full screen or ``--plain``).

Each face is imported only inside the command, so ``zwgk --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_tui.cli.options import Ascii, ChecklistDirs, Plain, Theme, Width, check_theme, want_plain
from zwgk_tui.errors import ZwgkError


def assess(
    checklist: Annotated[str, typer.Argument(help="清单文件，或随附清单的编号（如 2019-guowuyuan）")],
    unit: Annotated[str | None, typer.Option("--unit", help="被评估单位（新建评估时必填）")] = None,
    assessor: Annotated[str | None, typer.Option("--assessor", help="评估人")] = None,
    scores: Annotated[
        Path | None, typer.Option("--scores", help="评估记录文件（默认放在本人数据文件夹，按清单和单位命名）")
    ] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="只读打开，不做任何修改")] = False,
    carry_from: Annotated[
        Path | None, typer.Option("--carry-from", help="沿用上一年的评估记录（答案和佐证，逐项确认）")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="单位类别（清单分类别时，如 A 县区政府、B 市直部门）：只评本类别的条目")
    ] = None,
    plain: Plain = None,
    width: Width = None,
    ascii_only: Ascii = False,
    theme: Theme = None,
    checklists: ChecklistDirs = None,
) -> None:
    """对一个单位逐项评估清单；每次修改立即保存，可随时退出、随时继续。"""
    from zwgk_tui.model.checklist import catalog
    from zwgk_tui.model.paths import default_score_path

    check_theme(theme)
    found = catalog.resolve(checklist, checklists or [])
    if scores is None:
        if not unit:
            raise ZwgkError("请用 --unit 给出单位名称，或用 --scores 指定评估记录文件")
        scores = default_score_path(found.id, unit)
    if category:
        _set_category(found, scores, category, unit or "", assessor or "")
    options = {
        "unit": unit or "",
        "assessor": assessor or "",
        "read_only": read_only,
        "carry_from": carry_from,
    }
    if want_plain(plain):
        from zwgk_tui.plain.assess import run_assess as run_plain_assess

        sys.exit(run_plain_assess(found, scores, width=width, **options))
    from zwgk_tui.tui.launch import run_assess

    sys.exit(run_assess(found, scores, ascii_only=ascii_only, theme=theme, **options))


def _set_category(checklist, scores: Path, category: str, unit: str, assessor: str) -> None:
    """Record the unit's category in its score file (made now if new) before either face opens it."""
    from zwgk_tui.model.assessment.lock import LockHeld
    from zwgk_tui.model.assessment.session import Assessment

    if category not in checklist.categories:
        known = "、".join(f"{c}（{n}）" for c, n in checklist.categories.items()) or "无（此清单不分类别）"
        raise ZwgkError(f"清单中没有类别 {category!r}；可选：{known}")
    try:
        session = Assessment.open(checklist, scores, unit=unit, assessor=assessor)
    except LockHeld:
        raise ZwgkError("评估记录正由另一个会话编辑，现在不能设置类别", scores) from None
    try:
        if session.scores.category and session.scores.category != category:
            raise ZwgkError(f"这份记录的类别是 {session.scores.category}，不能改为 {category}", scores)
        if session.scores.category != category:
            session.set_category(category)
    finally:
        session.close()
