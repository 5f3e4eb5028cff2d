"""Writing a report to a file; the format follows the extension."""

from __future__ import annotations

from pathlib import Path

from zwgk_tui.errors import ZwgkError, os_reason
from zwgk_tui.report.aggregate import Report

FORMATS = (".xlsx", ".csv", ".md", ".toml", ".html")


def check_target(path: Path) -> None:
    """Refuse, before any work, an output the report could not be written to (exit 2)."""
    if path.suffix.lower() not in FORMATS:
        raise ZwgkError(f"不支持的输出格式 {path.suffix or '（无扩展名）'}：可用 {'、'.join(FORMATS)}", path)
    if path.is_dir():
        raise ZwgkError("输出路径是一个文件夹", path)
    if not path.parent.is_dir():
        raise ZwgkError("输出文件夹不存在", path.parent)


def render(report: Report, suffix: str) -> bytes:
    from zwgk_tui.report.exporters import tables

    suffix = suffix.lower()
    if suffix == ".xlsx":
        from zwgk_tui.report.exporters import xlsx

        return xlsx.render(tables.all_tables(report), tables.heading(report))
    if suffix == ".csv":
        from zwgk_tui.report.exporters import csv_file

        rows = []
        on_roster = set()
        if report.roster is not None:
            for r in report.roster.rows:
                if r.state != "已提交":
                    rows.append([r.state, tables.text(r.unit), tables.text(r.reason), tables.text(r.file)])
                    on_roster.add(r.file)
        rows += [["未计入", tables.text(s.unit), "；".join(tables.text(m) for _, m in s.rejected), tables.text(s.path)]
                 for s in report.rejected if s.path not in on_roster]
        return csv_file.render(tables.ranking(report), rows)
    if suffix == ".md":
        from zwgk_tui.report.exporters import markdown

        about = tables.about(report)
        summary = [(str(k), str(v)) for k, v in about.rows]
        body = [t for t in tables.all_tables(report) if t.name != about.name]
        return markdown.render(f"汇总报告：{tables.text(report.checklist.title)}", summary, body)
    if suffix == ".html":
        from zwgk_tui.report.exporters import html

        about = tables.about(report)
        summary = [(str(k), str(v)) for k, v in about.rows]
        body = [t for t in tables.all_tables(report) if t.name != about.name]
        return html.render(tables.heading(report), summary, body)
    if suffix == ".toml":
        from zwgk_tui.report.exporters import toml_file

        return toml_file.render(report)
    raise ZwgkError(f"不支持的输出格式 {suffix}")


def write(report: Report, path: Path) -> None:
    """Render and replace ``path`` atomically (a reader never sees half a report)."""
    from zwgk_tui.model.atomic import atomic_write

    data = render(report, path.suffix)
    try:
        atomic_write(path, data)  # 0600 for a new file: it holds every unit's figures
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", path) from None
