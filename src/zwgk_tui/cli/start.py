"""Bare ``zwgk``: the start screen (bundled checklists, assessments in progress, a new one)."""

from __future__ import annotations

import sys

import typer

from zwgk_tui.cli.options import Ascii, ChecklistDirs, Plain, Theme, Width, check_theme, want_plain


def root(
    ctx: typer.Context,
    checklists: ChecklistDirs = None,
    plain: Plain = None,
    width: Width = None,
    ascii_only: Ascii = False,
    theme: Theme = None,
) -> None:
    """不带子命令：打开开始界面（清单、进行中的评估、新建评估）。"""
    if ctx.invoked_subcommand is not None:
        return
    check_theme(theme)
    if want_plain(plain):
        from zwgk_tui.plain.start import run_start as run_plain_start

        sys.exit(run_plain_start(checklist_dirs=checklists or [], width=width))
    from zwgk_tui.tui.launch import run_start

    sys.exit(run_start(checklist_dirs=checklists or [], ascii_only=ascii_only, theme=theme))
