"""One 任务分解表 in the shapes it reaches an author: an HTML <table>, a .docx table with merged
cells, cells run together, one cell a line, tab-separated columns.

Modelled on real published tables found with the search tools (the task names and unit
names are theirs, abridged; the requirement sentences are written for these tests):
- 福建省人民政府办公厅《2015年政府信息公开工作主要任务分解表》,
  http://fgw.fj.gov.cn/ztzl/szfjzt/tzgg/201804/t20180417_2797667.htm — header 工作任务 /
  牵头单位 / 责任单位; section rows (一、推进重点领域信息公开) and group rows (（一）推进行政
  权力清单公开) across the table; tasks 1.–N. numbered through the whole table; a lead unit
  cell merged down over the tasks of its group, so a copy shows those rows with empty cells.
- 福建省人民政府办公厅《2016年政务公开工作主要任务分解表》(闽政办〔2016〕83号),
  http://www.gov.cn/zhuanti/2016-08/03/content_5097243.htm — the same shape with a 工作要求
  column; its crawled copy runs the cells together: 1.全面公开…责任清单省编办（省审改办）
  省直各部门，各设区市、平潭综合实验区通过政府门户网站集中展示…
- 厦门市集美区人民政府办公室《2021年政务公开工作主要任务分解表》,
  http://www.jimei.gov.cn/zfxxgk/F1783/202107/t20210701_791510.htm — 工作任务 / 工作要求 /
  牵头单位 / 责任单位, section rows spanning the table, several lead units in one cell.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

HEADER = ["工作任务", "牵头单位", "责任单位", "工作要求"]
TITLE = "2016年政务公开工作主要任务分解表"


@dataclass
class Task:
    number: int
    title: str
    lead: list[str]  # [] : the cell is empty in a copy (merged down from the task above)
    units: list[str]
    requirement: str


@dataclass
class Group:
    title: str  # （一）推进行政权力清单公开
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Section:
    title: str  # 一、推进重点领域信息公开
    groups: list[Group] = field(default_factory=list)


AREAS = ["各设区市", "平潭综合实验区"]
TABLE = [
    Section("一、推进重点领域信息公开", [
        Group("（一）推进行政权力清单公开", [
            Task(1, "全面公开省级政府工作部门权力清单和责任清单", ["省编办（省审改办）"], ["省直各部门", *AREAS],
                 "通过政府门户网站集中展示，并动态更新。"),
            Task(2, "推进市县两级政府工作部门权力清单公开", [], [*AREAS],
                 "年底前全面公开市县两级权力清单和责任清单。"),
            Task(3, "做好行政审批事项取消下放的公开工作", [], ["省直各部门"],
                 "及时公开取消、下放和保留的行政审批事项。"),
        ]),
        Group("（二）推进财政资金信息公开", [
            Task(4, "财政预算、决算及“三公”经费公开", ["省财政厅"], ["省直各部门", *AREAS],
                 "除涉密信息外，部门预算、决算全部公开，细化到项级科目。"),
            Task(5, "政府采购信息公开", ["省财政厅"], [*AREAS], "公开采购项目信息、采购结果和中标成交信息。"),
            Task(6, "地方政府债券发行信息公开", [], [*AREAS], "及时公开债券发行额度、期限和资金用途。"),
        ]),
    ]),
    Section("二、加强政策解读和回应社会关切", [
        Group("（三）做好政策解读工作", [
            Task(7, "加强重要政策解读", ["省政府办公厅", "省政府新闻办"], ["省直各部门"],
                 "重要政策文件与解读方案、解读材料同步组织、同步审签、同步部署。"),
            Task(8, "开展在线访谈和新闻发布", [], ["省直各部门", *AREAS], "每季度至少举办1次新闻发布会。"),
        ]),
        Group("（四）积极回应社会关切", [
            Task(9, "健全政务舆情回应机制", ["省委网信办"], ["省直各部门", *AREAS],
                 "对涉及本地区本部门的重大政务舆情，要在24小时内作出回应。"),
            Task(11, "办好政府网站互动栏目", ["省政府办公厅"], ["省直各部门"], "网民留言在5个工作日内答复。"),
        ]),
    ]),
]
# the copy repeats this section row where the table breaks across pages
REPEATED = "二、加强政策解读和回应社会关切"


def expected() -> dict[str, list[str]]:
    """Every id in order, with the units a reader sees: each task's lead units (the row
    above's where its cell is empty) and its responsible units."""
    out: dict[str, list[str]] = {}
    for s, section in enumerate(TABLE, start=1):
        out[str(s)] = []
        for group in section.groups:
            g = int("一二三四五六七八九".index(group.title[1]) + 1)
            out[f"{s}.{g}"] = []
            lead: list[str] = []
            for task in group.tasks:
                lead = task.lead or lead
                out[f"{s}.{g}.{task.number}"] = [*lead, *task.units]
    return out


def _cells(task: Task) -> list[str]:
    return [f"{task.number}.{task.title}", "、".join(task.lead), "，".join(task.units), task.requirement]


def html_table(path: Path) -> Path:
    """A page with a real <table>: section and group rows spanning it (colspan), lead units
    one <p> each, the lead cell merged down (rowspan) where the copy shows it empty."""
    rows = ["<tr><th>" + "</th><th>".join(HEADER) + "</th></tr>"]
    for section in TABLE:
        rows.append(f"<tr><td colspan='4'>{html.escape(section.title)}</td></tr>")
        for group in section.groups:
            rows.append(f"<tr><td colspan='4'><p>{html.escape(group.title)}</p></td></tr>")
            for k, task in enumerate(group.tasks):
                span = 1
                while k + span < len(group.tasks) and not group.tasks[k + span].lead:
                    span += 1
                cells = [f"<td>{task.number}.{html.escape(task.title)}</td>"]
                if task.lead:
                    units = "".join(f"<p>{html.escape(u)}</p>" for u in task.lead)
                    cells.append(f"<td rowspan='{span}'>{units}</td>")
                cells += [f"<td>{html.escape('，'.join(task.units))}</td>", f"<td>{html.escape(task.requirement)}</td>"]
                rows.append("<tr>" + "".join(cells) + "</tr>")
    page = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<div class='nav'>首页 &gt; 政务公开</div><h1>{TITLE}</h1>"
            f"<table border='1'>{''.join(rows)}</table><div>版权所有：福建省人民政府办公厅</div></body></html>")
    path.write_text(page, "utf-8")
    return path


def docx_table(path: Path) -> Path:
    """A Word table: section and group rows merged across, lead cells merged down."""
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=1, cols=4)
    for cell, head in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = head
    for section in TABLE:
        cells = table.add_row().cells
        cells[0].merge(cells[3]).text = section.title
        for group in section.groups:
            cells = table.add_row().cells
            cells[0].merge(cells[3]).text = group.title
            first = None
            for task in group.tasks:
                row = table.add_row()
                for cell, value in zip(row.cells, _cells(task), strict=True):
                    cell.text = value
                if task.lead:
                    first = row.cells[1]
                elif first is not None:
                    first = first.merge(row.cells[1])
                    first.text = "、".join(next(t.lead for t in group.tasks if t.lead))
    document.save(path)
    return path


def _lines() -> list[list[str]]:
    """The table as rows of cell texts, section and group rows one cell, the repeated
    section row where a page breaks, empty lead cells where the original merged them."""
    out: list[list[str]] = [HEADER]
    for section in TABLE:
        out.append([section.title])
        for group in section.groups:
            if section.title == REPEATED and group is section.groups[-1]:
                out.append([section.title])  # the page break repeats the section row
            out.append([group.title])
            out += [_cells(task) for task in group.tasks]
    return out


def run_together(path: Path) -> Path:
    """A crawler's copy: every cell run into the next, no separator at all."""
    text = "".join("".join(row) for row in _lines())
    path.write_text(f"{TITLE}\n{text}\n", "utf-8")
    return path


def one_cell_a_line(path: Path) -> Path:
    """A page saved as text: one cell a line, empty cells gone."""
    lines = [cell for row in _lines() for cell in row if cell]
    path.write_text(TITLE + "\n" + "\n".join(lines) + "\n", "utf-8")
    return path


def tab_separated(path: Path) -> Path:
    """Copied out of a spreadsheet: one row a line, cells separated by tabs (empty ones too)."""
    lines = ["\t".join(row) for row in _lines()]
    path.write_text(TITLE + "\n" + "\n".join(lines) + "\n", "utf-8")
    return path


def pdf_table(path: Path) -> Path:
    """A PDF with the table ruled: heading rows spanning it, lead cells merged down."""
    from xml.sax.saxutils import escape

    from pdf_makers import _style
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    cell = _style(9, indent=False)
    cell.alignment = 0
    data = [[Paragraph(escape(h), cell) for h in HEADER]]
    commands: list = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for section in TABLE:
        for title, tasks in [(section.title, [])] + [(g.title, g.tasks) for g in section.groups]:
            commands.append(("SPAN", (0, len(data)), (3, len(data))))
            data.append([Paragraph(escape(title), cell), "", "", ""])
            first = None
            for task in tasks:
                row = [Paragraph(escape(value), cell) if value else "" for value in _cells(task)]
                if task.lead:
                    first = len(data)
                elif first is not None:
                    commands.append(("SPAN", (1, first), (1, len(data))))
                data.append(row)
    title = _style(14, indent=False)
    title.alignment = 1
    document = SimpleDocTemplate(str(path), pagesize=A4)
    table = Table(data, colWidths=[150, 90, 110, 130], repeatRows=1)
    table.setStyle(TableStyle(commands))
    document.build([Paragraph(escape(TITLE), title), table])
    return path
