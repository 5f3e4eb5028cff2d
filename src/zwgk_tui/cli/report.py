"""``zwgk report``: the supervisor's aggregation.

Exit status: 0 when every file was sound (warnings allowed), 1 when some were left out (the
report for the rest is still shown and written), 2 for a usage error. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_tui.cli.options import ChecklistDirs, want_plain
from zwgk_tui.errors import ZwgkError

PROGRESS_FROM = 200   # files to examine before a progress bar is worth showing

Paths = Annotated[list[Path] | None, typer.Argument(
    help="评估记录文件或文件夹（文件夹中的 *.toml，含子文件夹；符号链接不跟随）", show_default=False)]


def report_command(
    paths: Paths = None,
    checklist: Annotated[str | None, typer.Option(
        "--checklist", help="清单文件或编号（默认按评估记录中的清单编号查找）")] = None,
    output: Annotated[list[Path] | None, typer.Option(
        "-o", "--output", help="写出报告，格式按扩展名：.xlsx、.csv、.md、.toml、.html（可多次给出）")] = None,
    previous: Annotated[list[Path] | None, typer.Option(
        "--previous", help="上一年的评估记录文件或文件夹，按单位名称对比（可多次给出）")] = None,
    previous_checklist: Annotated[str | None, typer.Option(
        "--previous-checklist", help="上一年的清单（默认按记录查找）")] = None,
    plain: Annotated[bool | None, typer.Option(
        "--plain", help="纯文本输出：无框线、无颜色、无控制字符（读屏软件、脚本）；ZWGK_PLAIN=1 设为默认")] = None,
    ascii_only: Annotated[bool, typer.Option("--ascii", help="表格和条形图只用 ASCII 字符")] = False,
    rows: Annotated[int, typer.Option("--rows", help="终端中最多列出的单位数（0 = 全部）")] = 40,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不用、也不更新缓存，逐个重新检查")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", help="并行检查的进程数（默认为可用的 CPU 数）")] = None,
    roster: Annotated[Path | None, typer.Option(
        "--roster", metavar="FILE",
        help="应交单位名单：UTF-8 文本每行一个单位，或带“单位”列的 .csv / .xlsx；名单上未提交或被拒收时退出码为 1")] = None,
    reviews: Annotated[Path | None, typer.Option(
        "--reviews", metavar="DIR", help="复核记录文件夹（默认为本人数据文件夹下的 reviews/）：只有其中的复核改变数字")] = None,
    checklists: ChecklistDirs = None,
) -> None:
    """汇总各单位的评估记录：排名、分项得分、未达标条目、问题文件；可写出 Excel 等。"""
    from zwgk_tui.report.aggregate import compare
    from zwgk_tui.report.exporters import check_target, write
    from zwgk_tui.textsafe import printable

    plain_mode = want_plain(plain)
    if not paths:
        raise ZwgkError("请给出评估记录文件或文件夹，如：zwgk report 收件箱/")
    targets = list(output or [])
    for target in targets:
        check_target(target)
    from zwgk_tui.model.review.store import store_root
    from zwgk_tui.report.roster import match, read_roster

    expected = read_roster(roster) if roster is not None else None
    extra = checklists or []
    store = store_root(reviews)
    report = _build(paths, checklist, extra, plain_mode, no_cache, jobs, store)
    if previous:
        compare(report, _build(previous, previous_checklist, extra, plain_mode, no_cache, jobs, store))
    if expected is not None:
        report.roster = match(expected, report)
    _show(report, plain_mode, ascii_only, rows)
    for target in targets:
        write(report, target)
        print(f"已写出：{printable(str(target))}", file=sys.stderr)
    left_out = len(report.rejected) + (len(report.previous.rejected) if report.previous else 0)
    failed = False
    if left_out:
        print(f"有 {left_out} 份评估记录未计入，见“未计入的文件”", file=sys.stderr)
        failed = True
    if report.roster is not None and not report.roster.complete:
        print(f"名单上有 {len(report.roster.missing)} 个单位未提交、{len(report.roster.rejected)} 个被拒收，"
              "见“名单”", file=sys.stderr)
        failed = True
    if failed:
        raise typer.Exit(1)


def _build(paths, checklist_name, extra, plain_mode, no_cache, jobs, store=None):
    from zwgk_tui.model.checklist import catalog
    from zwgk_tui.report.aggregate import build
    from zwgk_tui.report.cache import SheetCache
    from zwgk_tui.report.gather import common_checklist, find, gather

    found = find(paths)
    if not found.files and not found.refused:
        raise ZwgkError("没有找到评估记录（*.toml）：" + "、".join(str(p) for p in paths))
    if checklist_name:
        checklist = catalog.resolve(checklist_name, extra)
    else:
        named = common_checklist(found.files)
        if named is None:
            raise _no_checklist_id(found)
        # Only the catalogue is searched: a path written in a received file is never opened.
        checklist = catalog.for_scores(named[0], named[1], "", extra)
        if checklist is None:
            raise ZwgkError(f"找不到评估记录所用的清单 {named[0]!r}：请用 --checklist 指定清单文件")
    cache = SheetCache(checklist.sha256, enabled=not no_cache)
    with _Progress(enabled=not plain_mode and _is_tty(sys.stderr)) as progress:
        sheets = gather(found.files, checklist, cache=cache, jobs=jobs, progress=progress, store=store)
    return build(checklist, sheets + found.refused, ignored=found.ignored)


def _no_checklist_id(found) -> ZwgkError:
    """No file says which checklist it was made against: name the file (one alone: why)."""
    from zwgk_tui.report.gather import first_problem

    files = found.files or [sheet.path for sheet in found.refused]
    hint = "请用 --checklist 指定清单"
    if len(files) == 1:
        if found.files:
            line, why = first_problem(files[0])
        else:
            line, why = found.refused[0].rejected[0]
        return ZwgkError(f"无法读出清单编号（{why}）；{hint}", files[0], line)
    return ZwgkError(f"无法从这 {len(files)} 份文件中读出清单编号（都不是可读的评估记录，第一份是 {files[0]}）；{hint}")


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Progress:
    """A Rich progress bar on stderr, started only once enough files need examining (and
    after the worker processes have been forked: Rich draws from a thread)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None
        self._task = None

    def __enter__(self):
        return self if self.enabled else None

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("检查评估记录"), BarColumn(), MofNCompleteColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("", total=total)
        self._bar.update(self._task, completed=done)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


def _show(report, plain_mode: bool, ascii_only: bool, rows: int) -> None:
    from zwgk_tui.report import view as report_view

    columns = report_view.plain_columns(sys.stdout)
    try:
        if plain_mode:
            report_view.write_plain(report, sys.stdout, rows, columns)
        else:
            from rich.console import Console

            # Not a terminal and no COLUMNS (``zwgk report … | cat``, a redirect): Rich would
            # wrap at 80 and split a path or a reason; nothing wraps in output nobody sees.
            console = Console(highlight=False, emoji=False, markup=False, soft_wrap=False,
                              width=columns or report_view.UNWRAPPED)
            report_view.render_rich(report, console, rows, ascii_only, whole_names=columns is None)
        sys.stdout.flush()
    except BrokenPipeError:  # `zwgk report … | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
