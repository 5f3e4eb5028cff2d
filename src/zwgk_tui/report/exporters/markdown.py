"""The report as Markdown: a summary list and the same tables, file text escaped so that no
viewer turns it into links, HTML or formatting."""

from __future__ import annotations

import re

from zwgk_tui.report.exporters.tables import TEXT, Table, fmt

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!#])")


def escape(value: str) -> str:
    return _SPECIAL.sub(r"\\\1", value.replace("&", "&amp;"))


def render(title: str, summary: list[tuple[str, str]], tables: list[Table]) -> bytes:
    lines = [f"# {escape(title)}", ""]
    lines += [f"- {escape(key)}：{escape(value)}" for key, value in summary]
    for table in tables:
        lines += ["", f"## {escape(table.title)}", ""]
        if not table.rows:
            lines.append("（无）")
            continue
        lines.append("| " + " | ".join(escape(c.header) for c in table.columns) + " |")
        lines.append("|" + "|".join("---" if c.kind == TEXT else "---:" for c in table.columns) + "|")
        for row in table.rows:
            cells = (escape(fmt(v, c.kind)) for c, v in zip(table.columns, row, strict=True))
            lines.append("| " + " | ".join(cells) + " |")
        if table.legend:
            lines.append("")
            lines += [f"- {escape(line)}" for line in table.legend]
    return ("\n".join(lines) + "\n").encode("utf-8")
