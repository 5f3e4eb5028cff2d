"""``zwgk checklist build | check``: from a work-points document to a checklist file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_tui.cli import checklist_app
from zwgk_tui.errors import ZwgkError, os_reason


@checklist_app.command("build")
def build(
    input: Annotated[Path, typer.Argument(help="工作要点文件：.txt、.html 或 .docx（UTF-8 或 GB18030）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="要写出的清单文件（.toml）")],
    checklist_id: Annotated[
        str | None, typer.Option("--id", help="清单编号，默认取输出文件名（如 2019-guowuyuan）")
    ] = None,
    to_simplified: Annotated[bool, typer.Option("--to-simplified", help="用 OpenCC 转为简体")] = False,
    to_traditional: Annotated[bool, typer.Option("--to-traditional", help="用 OpenCC 转为繁体")] = False,
) -> None:
    """从工作要点文件生成清单（TOML）。"""
    from zwgk_tui.model.atomic import atomic_write
    from zwgk_tui.workpoints.build import build_checklist

    if to_simplified and to_traditional:
        raise ZwgkError("--to-simplified 与 --to-traditional 只能选一个")
    convert = "t2s" if to_simplified else "s2t" if to_traditional else None
    result = build_checklist(input, checklist_id=checklist_id or output.stem, convert=convert)
    if output.is_dir():
        raise ZwgkError("输出路径是一个文件夹", output)
    try:
        atomic_write(output, result.toml.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", output) from None
    print(f"{output}: {result.summary()}", file=sys.stderr)


@checklist_app.command("check")
def check(
    files: Annotated[list[Path], typer.Argument(help="要检查的清单文件")],
) -> None:
    """检查清单文件；每个问题一行（文件:行: 说明），有问题时退出码为 2。"""
    from zwgk_tui.model.checklist import check_checklist

    bad = 0
    for path in files:
        problems = check_checklist(path)
        for problem in problems:
            print(problem)
        if problems:
            bad += 1
        else:
            print(f"{path}: 通过", file=sys.stderr)
    if bad:
        raise typer.Exit(2)
