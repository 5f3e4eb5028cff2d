"""``zwgk review``: the supervisor reviews a unit's score file, item by item.

Each face is imported only inside the command, so ``zwgk --help`` never loads Textual.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_tui.cli.options import Ascii, ChecklistDirs, Plain, Theme, Width, check_theme, want_plain


def review_command(
    scorefile: Annotated[Path, typer.Argument(help="下级单位交来的评估记录（.toml）")],
    checklist: Annotated[str | None, typer.Option(
        "--checklist", help="清单文件或编号（默认按记录中的清单编号和 SHA-256 在随附清单和 --checklists 中查找）")] = None,
    reviewer: Annotated[str | None, typer.Option("--reviewer", help="复核人（默认为登录名）")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="只读打开，只看不改")] = False,
    reviews: Annotated[Path | None, typer.Option(
        "--reviews", metavar="DIR", help="复核记录文件夹（默认为本人数据文件夹下的 reviews/；复核小组可共用一个）")] = None,
    return_to: Annotated[Path | None, typer.Option(
        "--return-to", metavar="PATH",
        help="复核结束时把退回文件（单位的记录加上复核决定）写到这个文件夹或文件，交给单位")] = None,
    plain: Plain = None,
    width: Width = None,
    ascii_only: Ascii = False,
    theme: Theme = None,
    checklists: ChecklistDirs = None,
) -> None:
    """复核一个单位的评估记录：逐项认可、调整或退回（写明理由）；决定保存在本人的复核记录中，单位的文件不改动。"""
    from zwgk_tui.model.review.session import find_checklist, reviewer_name

    check_theme(theme)
    found = find_checklist(scorefile, checklist, checklists or [])
    name = reviewer_name(reviewer)
    if want_plain(plain):
        from zwgk_tui.plain.review import run_review as run_plain_review

        sys.exit(run_plain_review(found, scorefile, reviewer=name, read_only=read_only, store=reviews,
                                  return_to=return_to, width=width))
    from zwgk_tui.tui.launch import run_review

    sys.exit(run_review(found, scorefile, reviewer=name, read_only=read_only, ascii_only=ascii_only, theme=theme,
                        store=reviews, return_to=return_to))
