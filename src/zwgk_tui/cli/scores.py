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
    table = [("单位", "清单", "进度", "最后修改", "状态", "文件")]
    for row in rows:
        marks = " ".join(m for m in ("已提交" if row.submitted else "",
                                     f"有退回项{row.returned}" if row.returned else "") if m)
        table.append((
            one_line(row.unit, 24), one_line(row.checklist_id, 20), row.progress_text,
            row.updated_text, marks or "—", printable(str(row.path)),
        ))
    widths = [max(width(r[i]) for r in table) for i in range(5)]
    for r in table:
        print("  ".join(pad(cell, widths[i]) for i, cell in enumerate(r[:5])) + "  " + r[5])


def receive_command(
    returned: Annotated[Path, typer.Argument(help="上级写出的退回文件（zwgk review --return-to）")],
    scores: Annotated[Path | None, typer.Option(
        "--scores", help="本人的评估记录（默认按退回文件中的清单和单位在本人数据文件夹中找）")] = None,
) -> None:
    """接收上级的退回文件：把复核决定（退回理由、调整、认可）并入本人的评估记录。"""
    from zwgk_tui.model.assessment.receive import receive

    result = receive(returned, scores)
    print("\n".join(result.lines()))


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
    from zwgk_tui.textsafe import printable

    print("\n".join(printable(line) for line in result.lines()), file=sys.stderr)


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
        atomic_write(output, render(checklist, scores), mode=0o600)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", output) from None
    print(f"已写出自查自评报告：{printable(output)}", file=sys.stderr)
