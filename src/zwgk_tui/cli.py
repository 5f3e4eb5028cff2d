"""The ``zwgk`` command. Faces (Textual, the plain mode) are imported inside the commands
that need them, so that ``zwgk --help`` and ``zwgk report`` start without Textual."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from zwgk_tui.errors import ZwgkError


class Group(TyperGroup):
    """Every command's ZwgkError becomes one line on stderr and exit status 2, whoever invokes
    the app (the console script, ``python -m zwgk_tui``, or a test's CliRunner)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ZwgkError as exc:
            typer.echo(str(exc) if exc.path else f"zwgk: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=Group,
    name="zwgk",
    help="政务公开工作要点：生成清单、逐项自评、复核与汇总。不带子命令时打开评估界面。",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
checklist_app = typer.Typer(help="清单：从工作要点文件生成、检查、比较。", no_args_is_help=True)
scores_app = typer.Typer(help="评估记录：列出本人的评估。", no_args_is_help=True)
app.add_typer(checklist_app, name="checklist")
app.add_typer(scores_app, name="scores")


def _register() -> None:
    """Each noun's commands live in their own module."""
    from zwgk_tui import cli_assess, cli_checklist, cli_report, cli_review, cli_scores  # noqa: F401


def main() -> None:
    """Entry point: every ZwgkError becomes one line on stderr and exit status 2."""
    _register()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
