"""The report as one self-contained HTML page: the same tables as the workbook and SVG bar
charts, styled to print on A4 landscape (headers repeated on every page, each table from a
new page). Nothing is fetched: no script, no font, no image file, no link to follow. Every
piece of text is escaped (``html.escape``), so a unit named ``<script>`` is just text.
"""

from __future__ import annotations

import html
import math

from zwgk_tui.report.exporters.tables import TEXT, Heading, Table, fmt
from zwgk_tui.textsafe import one_line, width

UNITS_PER_CHART = 30
MAX_UNITS = 100
ROW, LABEL_PX, BAR_PX = 18, 7, 560       # SVG geometry: row height, px per display column, bar area
LABEL_COLUMNS = 44                       # a longer name is cut with … in a chart (whole in the tables)

STYLE = """
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10pt;
       color: #000; margin: 0 auto; max-width: 1100px; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
p.line { color: #404040; margin: 0 0 8pt; font-size: 9pt; }
section { break-before: page; }
section:first-of-type { break-before: auto; }
h2 { font-size: 12pt; margin: 0 0 4pt; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #808080; padding: 1pt 3pt; vertical-align: middle; }
th { background: #e7e6e6; font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
ul.legend { font-size: 9pt; margin: 4pt 0 0; padding-left: 14pt; }
figure { margin: 0 0 6pt; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 2pt; }
svg text { font-size: 9px; }
dl { display: grid; grid-template-columns: max-content auto; gap: 1pt 10pt; font-size: 9pt; }
dt { font-weight: bold; }
dd { margin: 0; }
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def render(heading: Heading, summary: list[tuple[str, str]], tables: list[Table]) -> bytes:
    title = f"{heading.title} · 汇总报告" if heading.title else "汇总报告"
    out = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width">',
           f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>",
           f"<h1>{esc(title)}</h1>", f'<p class="line">{esc(heading.line)}</p>', "<dl>"]
    out += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in summary]
    out.append("</dl>")
    by_name = {t.name: t for t in tables}
    out += _charts(by_name)
    for table in tables:
        out.append(f"<section><h2>{esc(table.title)}</h2>")
        out.append(_table(table))
        out.append("</section>")
    out.append("</body></html>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _table(table: Table) -> str:
    if not table.rows:
        return "<p>（无）</p>" + _legend(table)
    head = "".join(f'<th title="{esc(c.note)}">{esc(c.header)}</th>' if c.note else f"<th>{esc(c.header)}</th>"
                   for c in table.columns)
    body = []
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            shown = esc(fmt(value, column.kind))
            cells.append(f"<td>{shown}</td>" if column.kind == TEXT else f'<td class="num">{shown}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>" + _legend(table)


def _legend(table: Table) -> str:
    if not table.legend:
        return ""
    return '<ul class="legend">' + "".join(f"<li>{esc(line)}</li>" for line in table.legend) + "</ul>"


def _charts(by_name: dict[str, Table]) -> list[str]:
    """The units' percentages in rank order (30 to a chart, the first 100), then the
    sections' averages — the same charts as the workbook's 图表 sheet."""
    out = ["<section><h2>图表</h2>"]
    ranking = by_name.get("排名")
    if ranking is not None and ranking.rows:
        names = [c.header for c in ranking.columns]
        unit, percent = names.index("单位"), names.index("得分率")
        rows = [(str(r[unit]), r[percent]) for r in ranking.rows[:MAX_UNITS]]
        count = math.ceil(len(rows) / UNITS_PER_CHART)
        size = math.ceil(len(rows) / count)
        top = max(100.0, math.ceil(max((p for _, p in rows if p is not None), default=0) / 10) * 10)
        for first in range(0, len(rows), size):
            part = rows[first:first + size]
            more = f"，共 {len(ranking.rows)} 个单位" if len(ranking.rows) > MAX_UNITS else ""
            out.append(_bars(f"各单位得分率（按名次，第 {first + 1}–{first + len(part)} 名{more}）", part, top))
    sections = by_name.get("分项平均")
    if sections is not None and sections.rows:
        names = [c.header for c in sections.columns]
        label, percent = names.index("部分"), names.index("平均得分率")
        out.append(_bars("各部分平均得分率", [(str(r[label]), r[percent]) for r in sections.rows], 100.0))
    out.append("</section>")
    return out if len(out) > 2 else []


def _bars(caption: str, rows: list[tuple[str, float | None]], top: float) -> str:
    """Horizontal bars, each labelled with its figure (nothing said by length alone)."""
    rows = [(one_line(name, LABEL_COLUMNS), value) for name, value in rows]
    label = max(width(name) for name, _ in rows) * LABEL_PX + 8
    height = ROW * len(rows) + 24
    total = label + BAR_PX + 60
    parts = [f'<figure><figcaption>{esc(caption)}</figcaption>'
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(caption)}" '
             f'width="{total}" height="{height}" viewBox="0 0 {total} {height}">']
    for tick in range(0, int(top) + 1, 10):
        x = label + BAR_PX * tick / top
        parts.append(f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height}" stroke="#c0c0c0" stroke-width="0.5"/>'
                     f'<text x="{x:.1f}" y="10" text-anchor="middle">{tick}%</text>')
    for n, (name, value) in enumerate(rows):
        y = 16 + n * ROW
        parts.append(f'<text x="{label - 4}" y="{y + ROW * 0.65:.1f}" text-anchor="end">{esc(name)}</text>')
        if value is None:
            parts.append(f'<text x="{label + 4}" y="{y + ROW * 0.65:.1f}">—</text>')
            continue
        bar = BAR_PX * max(0.0, min(value, top)) / top
        parts.append(f'<rect x="{label}" y="{y + 2}" width="{bar:.1f}" height="{ROW - 5}" fill="#2f5597"/>'
                     f'<text x="{label + bar + 3:.1f}" y="{y + ROW * 0.65:.1f}">{value:.2f}%</text>')
    parts.append("</svg></figure>")
    return "".join(parts)
