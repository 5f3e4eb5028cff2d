"""The ``zwgk`` command: one Typer app, each command group added here explicitly.

One module per noun (``start``, ``assess``, ``review``, ``report``, ``checklist``, ``scores``);
shared options in ``options.py``. Faces (Textual, the plain mode) are imported inside the
commands that need them, so that ``zwgk --help`` and ``zwgk report`` start without Textual.
"""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from zwgk_tui.cli import assess, checklist, report, review, scores, start, zh
from zwgk_tui.errors import ZwgkError

zh.install()  # Click's own messages (usage errors, --help headings) in Chinese


class Group(TyperGroup):
    """Every command's ZwgkError becomes one line on stderr and exit status 2, whoever invokes
    the app (the console script, ``python -m zwgk_tui``, or a test's CliRunner)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ZwgkError as exc:
            typer.echo(str(exc) if exc.path else f"zwgk: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


def build_app() -> typer.Typer:
    """The whole command tree; the names and options are a contract for scripts."""
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
    app.callback(invoke_without_command=True)(start.root)
    app.command("assess")(assess.assess)
    app.command("export")(scores.export_command)
    app.command("review")(review.review_command)
    app.command("report")(report.report_command)

    checklist_app = typer.Typer(help="清单：从工作要点文件或指标表生成、检查、比较，写成指标表。", no_args_is_help=True)
    checklist_app.command("build")(checklist.build)
    checklist_app.command("check")(checklist.check)
    checklist_app.command("diff")(checklist.diff_command)
    checklist_app.command("import")(checklist.import_command)
    checklist_app.command("export")(checklist.export_command)
    app.add_typer(checklist_app, name="checklist")

    scores_app = typer.Typer(help="评估记录：列出本人的评估，接收上级的退回文件。", no_args_is_help=True)
    scores_app.command("list")(scores.list_scores)
    scores_app.command("receive")(scores.receive_command)
    app.add_typer(scores_app, name="scores")
    return app


app = build_app()


def main() -> None:
    """Entry point of the console script and ``python -m zwgk_tui``."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
