"""``zwgk checklist build | check | diff | import | export``: from a work-points document or a
published indicator table to a checklist file, checking it, comparing two, and back to a table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_tui.cli.options import ChecklistDirs
from zwgk_tui.errors import ZwgkError, format_problem, os_reason


def build(
    input: Annotated[Path, typer.Argument(help="工作要点文件：.txt、.html、.docx、.pdf、.doc 或 .wps")],
    output: Annotated[Path, typer.Option("-o", "--output", help="要写出的清单文件（.toml）")],
    checklist_id: Annotated[
        str | None, typer.Option("--id", help="清单编号，默认取输出文件名（如 2019-guowuyuan）")
    ] = None,
    to_simplified: Annotated[bool, typer.Option("--to-simplified", help="用 OpenCC 转为简体")] = False,
    to_traditional: Annotated[bool, typer.Option("--to-traditional", help="用 OpenCC 转为繁体")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="有警告时按错误处理：不写出清单，退出码为 2")
    ] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="输出文件已存在且不是本命令原样生成的（如手工改过）时，仍然覆盖")] = False,
) -> None:
    """从工作要点文件生成清单（TOML）；统计和警告显示在标准错误输出。"""
    from zwgk_tui.model.atomic import atomic_write
    from zwgk_tui.workpoints.build import build_checklist

    if to_simplified and to_traditional:
        raise ZwgkError("--to-simplified 与 --to-traditional 只能选一个")
    convert = "t2s" if to_simplified else "s2t" if to_traditional else None
    result = build_checklist(input, checklist_id=checklist_id or output.stem, convert=convert)
    warnings = result.report.warning_lines(str(input))
    if strict and warnings:
        print("\n".join(warnings), file=sys.stderr)
        raise ZwgkError(f"有 {len(warnings) - 1} 条警告（--strict），没有写出清单", input)
    if output.is_dir():
        raise ZwgkError("输出路径是一个文件夹", output)
    if not force:
        _refuse_to_overwrite(output, result.toml.encode("utf-8"))
    try:
        atomic_write(output, result.toml.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", output) from None
    summary = [f"{output}: {result.report.headline()}", *result.report.details(), *warnings]
    print("\n".join(summary), file=sys.stderr)


def _refuse_to_overwrite(output: Path, data: bytes) -> None:
    """An existing file is replaced only when it is this build's own output unchanged: its
    bytes equal what the build writes now (the build is deterministic). Anything else may
    hold an author's edits (points, bonus, titles), which a rebuild would silently lose."""
    if not output.exists() and not output.is_symlink():
        return
    try:
        same = output.is_file() and not output.is_symlink() and output.read_bytes() == data
    except OSError:
        same = False
    if not same:
        raise ZwgkError("文件已存在，且与本次生成的内容不同（可能有手工修改）：未覆盖。"
                        "确要覆盖请加 --force，或换一个输出文件名", output)


def check(
    files: Annotated[list[Path], typer.Argument(help="要检查的清单文件")],
) -> None:
    """检查清单文件：每个问题一行（文件:行: 说明），有问题时退出码为 2；提醒（如分值合计不是 100）写到标准错误输出，退出码为 0。"""
    from zwgk_tui.model.checklist import check_checklist
    from zwgk_tui.model.checklist.limits import bounded
    from zwgk_tui.model.checklist.lint import lint_file

    bad = 0
    for path in files:
        problems = check_checklist(path)
        warnings = []
        if not problems:  # the format is sound: now the authoring slips
            problems, warnings = lint_file(path)
        for problem in bounded(problems):  # 20 lines at most, then how many more
            print(problem)
        for warning in warnings:
            print(warning, file=sys.stderr)
        if problems:
            bad += 1
        else:
            noted = f"（{len(warnings)} 条提醒，见上）" if warnings else ""
            print(format_problem(str(path), None, None, f"通过{noted}"), file=sys.stderr)
    if bad:
        raise typer.Exit(2)


def import_command(
    table: Annotated[Path, typer.Argument(help="指标表（考核评分细则）：.xlsx（Excel、WPS 表格）或 .docx（Word、WPS 文字）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="要写出的清单文件（.toml）")],
    checklist_id: Annotated[
        str | None, typer.Option("--id", help="清单编号，默认取表中记录的编号或输出文件名")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="清单标题，默认取表格上方的标题")] = None,
) -> None:
    """从指标表（考核评分细则）导入清单：各级指标、分值、考评内容、评分细则及其中的计数规则。"""
    from zwgk_tui.errors import format_problem
    from zwgk_tui.indicators.importer import import_table
    from zwgk_tui.model.atomic import atomic_write

    if output.is_dir():
        raise ZwgkError("输出路径是一个文件夹", output)
    result = import_table(table, checklist_id=checklist_id, fallback_id=output.stem, title=title)
    for line, message in result.warnings:
        print(format_problem(str(table), line, None, message), file=sys.stderr)
    try:
        atomic_write(output, result.toml.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", output) from None
    print(f"{output}: {result.summary()}", file=sys.stderr)


def export_command(
    checklist: Annotated[str, typer.Argument(help="清单（文件或编号）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="要写出的指标表（.xlsx）")],
    checklists: ChecklistDirs = None,
) -> None:
    """把清单写成指标表（.xlsx），可在 WPS 或 Excel 中修改后再导入。"""
    from zwgk_tui.indicators.export import render
    from zwgk_tui.model.atomic import atomic_write
    from zwgk_tui.model.checklist import catalog

    if output.suffix.lower() != ".xlsx":
        raise ZwgkError("指标表只能写成 .xlsx（WPS 表格和 Excel 都能打开）", output)
    if output.is_dir():
        raise ZwgkError("输出路径是一个文件夹", output)
    found = catalog.resolve(checklist, checklists or [])
    try:
        atomic_write(output, render(found), mode=0o644)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", output) from None
    print(f"{output}: {len(found.leaves)} 个评估项", file=sys.stderr)


def diff_command(
    old: Annotated[str, typer.Argument(help="原清单（文件或编号）")],
    new: Annotated[str, typer.Argument(help="新清单（文件或编号）")],
    checklists: ChecklistDirs = None,
) -> None:
    """比较两份清单：新增、删除、编号变动、文字改动，以及责任单位、时限、目标、分值的变化。"""
    from zwgk_tui.model.checklist import catalog
    from zwgk_tui.model.checklist.diff import diff

    extra = checklists or []
    result = diff(catalog.resolve(old, extra), catalog.resolve(new, extra))
    sys.stdout.write("\n".join(diff_lines(result)) + "\n")


def diff_lines(result) -> list[str]:
    from zwgk_tui.textsafe import brief, one_line, printable, wrap

    def name(node) -> str:
        return f"{node.id}  {brief(node.title)}"

    def describe(cl) -> str:
        return f"{one_line(cl.title)}（{one_line(cl.id)}，{len(cl.leaves)} 项可评估，sha256 {cl.sha256[:12]}…）"

    out = ["比较清单", f"  原：{describe(result.old)}", f"  新：{describe(result.new)}"]
    for label, a, b in result.header:
        out.append(f"  {label}：{one_line(a)} → {one_line(b)}")
    if result.same:
        return [*out, "", "两份清单的条目完全相同。"]
    out.append(
        f"  条目：未变 {result.unchanged}，编号变动 {len(result.moved)}，文字改动 {len(result.reworded)}，"
        f"其他改动 {len(result.changed)}，新增 {len(result.added)}，删除 {len(result.removed)}"
    )
    if result.moved:
        out += ["", "编号变动（按文字对应）"]
        out += [f"  {p.old.id} → {p.new.id}  {brief(p.new.title)}"
                + ("（年份不同）" if p.years_only else "（文字也有改动）" if p.reworded else "")
                for p in result.moved]
    if result.reworded:
        out += ["", "文字改动"]
        for p in result.reworded:
            where = f"  {p.old.id}" + (f" → {p.new.id}" if p.moved else "")
            if p.years_only:
                out.append(f"{where}  {brief(p.new.title)}（只是年份不同）")
                continue
            out.append(where)
            for label, node in (("原", p.old), ("新", p.new)):
                body = f"{node.title}：{node.text}" if node.text and node.text != node.title else node.title
                lines = wrap(printable(body), 76)
                out.append(f"    {label}：{lines[0] if lines else ''}")
                out += [f"        {line}" for line in lines[1:]]
    if result.changed:
        out += ["", "责任单位、时限、目标、分值等的改动"]
        for p in result.changed:
            changes = "；".join(f"{label}：{one_line(a, 40)} → {one_line(b, 40)}" for label, a, b in p.fields)
            out.append(f"  {p.new.id}  {changes}")
    if result.added:
        out += ["", "新增"] + [f"  {name(n)}" for n in result.added]
    if result.removed:
        out += ["", "删除"] + [f"  {name(n)}" for n in result.removed]
    return out
