"""Bare ``zwgk`` (the start screen) and ``zwgk assess``: the officer's way in.

Each face is imported only here, inside the command, so ``zwgk --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_tui.cli import app
from zwgk_tui.cli_scores import ChecklistDirs
from zwgk_tui.errors import ZwgkError

THEMES = ("default", "high-contrast", "ansi-dark", "ansi-light")

Plain = Annotated[
    bool | None,
    typer.Option(
        "--plain/--tui",
        help="逐行模式（读屏软件、盲文点显器、脚本），不用全屏界面；环境变量 ZWGK_PLAIN=1 设为默认",
    ),
]
Ascii = Annotated[bool, typer.Option("--ascii", help="只用 ASCII 字符画框线和状态符号（终端显示方框乱码时用）")]
Theme = Annotated[
    str | None,
    typer.Option("--theme", help="配色：default、high-contrast、ansi-dark、ansi-light（终端自身 16 色）"),
]


def want_plain(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return os.environ.get("ZWGK_PLAIN", "").strip().lower() in ("1", "yes", "true", "on")


def check_theme(theme: str | None) -> str | None:
    if theme is not None and theme not in THEMES:
        raise ZwgkError(f"没有配色 {theme!r}；可选：{'、'.join(THEMES)}")
    return theme


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    checklists: ChecklistDirs = None,
    plain: Plain = None,
    ascii_only: Ascii = False,
    theme: Theme = None,
) -> None:
    """不带子命令：打开开始界面（清单、进行中的评估、新建评估）。"""
    if ctx.invoked_subcommand is not None:
        return
    check_theme(theme)
    if want_plain(plain):
        from zwgk_tui.plain.start import run_start as run_plain_start

        sys.exit(run_plain_start(checklist_dirs=checklists or []))
    from zwgk_tui.tui.launch import run_start

    sys.exit(run_start(checklist_dirs=checklists or [], ascii_only=ascii_only, theme=theme))


@app.command("assess")
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
    plain: Plain = None,
    ascii_only: Ascii = False,
    theme: Theme = None,
    checklists: ChecklistDirs = None,
) -> None:
    """对一个单位逐项评估清单；每次修改立即保存，可随时退出、随时继续。"""
    from zwgk_tui.model import catalog
    from zwgk_tui.model.paths import default_score_path

    check_theme(theme)
    found = catalog.resolve(checklist, checklists or [])
    if scores is None:
        if not unit:
            raise ZwgkError("请用 --unit 给出单位名称，或用 --scores 指定评估记录文件")
        scores = default_score_path(found.id, unit)
    options = {
        "unit": unit or "",
        "assessor": assessor or "",
        "read_only": read_only,
        "carry_from": carry_from,
    }
    if want_plain(plain):
        from zwgk_tui.plain.assess import run_assess as run_plain_assess

        sys.exit(run_plain_assess(found, scores, **options))
    from zwgk_tui.tui.launch import run_assess

    sys.exit(run_assess(found, scores, ascii_only=ascii_only, theme=theme, **options))
