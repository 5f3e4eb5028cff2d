"""``zwgk scores list`` and ``zwgk export``: the officer's own files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_tui.cli.options import ChecklistDirs
from zwgk_tui.errors import ZwgkError


def list_scores(checklists: ChecklistDirs = None) -> None:
    """列出本人的评估记录：单位、清单、进度、最后修改。"""
    from zwgk_tui.model.assessment.inventory import assessments
    from zwgk_tui.textsafe import one_line, pad, printable, width

    rows = assessments(checklists or [])
    if not rows:
        print("还没有评估记录。开始评估：zwgk assess 清单 --unit 单位 --assessor 姓名", file=sys.stderr)
        return
    table = [("单位", "清单", "进度", "最后修改", "文件")]
    for row in rows:
        table.append((
            one_line(row.unit, 24), one_line(row.checklist_id, 20), row.progress_text,
            row.updated_text, printable(str(row.path)),
        ))
    widths = [max(width(r[i]) for r in table) for i in range(4)]
    for r in table:
        print("  ".join(pad(cell, widths[i]) for i, cell in enumerate(r[:4])) + "  " + r[4])


def export_command(
    scorefile: Annotated[Path, typer.Argument(help="本人的评估记录（.toml）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="目标文件，或收件文件夹（按单位名命名）")],
    checklist: Annotated[str | None, typer.Option("--checklist", help="清单文件或编号（默认按记录查找）")] = None,
    allow_incomplete: Annotated[bool, typer.Option("--allow-incomplete", help="允许导出尚未评完的记录")] = False,
    checklists: ChecklistDirs = None,
) -> None:
    """导出评估记录交上级：标记为已提交，并附内容摘要（SHA-256），此后任何改动都可发现。
    目标为 .docx 时写出本单位的自查自评报告（Word），记录不变。"""
    from zwgk_tui.model.assessment.parse import read_scores
    from zwgk_tui.model.assessment.submit import export
    from zwgk_tui.model.checklist import catalog

    if checklist:
        found = catalog.resolve(checklist, checklists or [])
    else:
        scores = read_scores(scorefile)
        found = catalog.for_scores(scores.checklist_id, scores.checklist_sha256,
                                   scores.checklist_path, checklists or [])
        if found is None:
            raise ZwgkError(f"找不到清单 {scores.checklist_id!r}，请用 --checklist 指定", scorefile)
    if output.suffix.lower() == ".docx":
        _self_report(scorefile, output, found)
        return
    result = export(scorefile, output, found, allow_incomplete=allow_incomplete)
    note = f"（仍有 {result.unanswered} 项未评估）" if result.unanswered else ""
    from zwgk_tui.textsafe import printable

    print(f"已导出：{printable(result.path)}{note}\n摘要：{result.digest}", file=sys.stderr)


def _self_report(scorefile: Path, output: Path, checklist) -> None:
    """The written 自查自评报告 (.docx); the score file itself is left as it is."""
    from zwgk_tui.errors import os_reason
    from zwgk_tui.model.assessment.parse import read_scores
    from zwgk_tui.model.atomic import atomic_write
    from zwgk_tui.report.exporters.selfreport_docx import render
    from zwgk_tui.textsafe import printable

    if output.is_dir():
        raise ZwgkError("输出路径是一个文件夹；自查自评报告请给出 .docx 文件名", output)
    if not output.parent.is_dir():
        raise ZwgkError("输出文件夹不存在", output.parent)
    scores = read_scores(scorefile, checklist)
    try:
        atomic_write(output, render(checklist, scores), mode=0o644)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", output) from None
    print(f"已写出自查自评报告：{printable(output)}", file=sys.stderr)
