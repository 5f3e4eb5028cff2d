"""The unit's written 自查自评报告 as a Word document (``zwgk export 记录 -o 报告.docx``).

What units hand in beside their figures: a title with unit and year, who assessed and when,
the total, maximum, percentage and grade, one table per section (item, status, score, the
counted rules, evidence, note), the items not or partly met with their notes, and the list of
evidence with each local file's size and SHA-256. Every figure comes from
``model.scoring.score`` and ``model.counting``; every text is the score file's or the
checklist's, put into runs as plain text (never markup), with control characters removed. It
opens in WPS and Word.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from zwgk_tui.model import counting
from zwgk_tui.model.assessment.answers import Answer, ScoreFile
from zwgk_tui.model.checklist import Checklist, Node
from zwgk_tui.model.checklist.counted import applies
from zwgk_tui.model.review.session import evidence_files
from zwgk_tui.model.scoring import LABELS, NO_GRADE, leaf_value, score, status_of
from zwgk_tui.textsafe import clean

if TYPE_CHECKING:
    from docx.document import Document

NUMERALS = "一二三四五六七八九十"
COLUMNS = ("编号", "条目", "状态", "得分", "计分依据", "佐证", "说明")
WIDTHS_CM = (1.3, 3.0, 1.7, 1.6, 4.2, 2.7, 2.5)   # 17 cm: an A4 page's text width


def _text(value: str) -> str:
    """File text made safe for a .docx run: no escape sequences or XML-invalid characters."""
    return clean(value or "", keep_newlines=True).strip()


def _chinese_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    return str(n)


def render(checklist: Checklist, scores: ScoreFile) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    totals = score(checklist, scores.items, scores.category)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    year = checklist.year or scores.updated.year
    heading = document.add_heading(level=0)
    heading.add_run(f"{_text(scores.unit)}{year}年政务公开工作自查自评报告")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    facts = [
        ("清单", f"{_text(checklist.title)}（{_text(checklist.id)}）"),
        ("单位", _text(scores.unit)),
        ("评估人", _text(scores.assessor) or "未填"),
        ("日期", scores.updated.strftime("%Y年%m月%d日")),
    ]
    if scores.category:
        facts.append(("类别", f"{scores.category} {_text(checklist.categories.get(scores.category, ''))}".strip()))
    for label, value in facts:
        _labelled(document, label, value)
    document.add_heading("一、总体情况", level=1)
    percent = "—" if totals.percent is None else f"{totals.percent:.2f}%"
    grade = "暂无" if totals.grade == NO_GRADE else totals.grade
    summary = (f"总分 {counting.num(totals.total)} 分，满分 {counting.num(totals.maximum)} 分，"
               f"得分率 {percent}，等次：{grade}。")
    if totals.bonus_uncapped > 0:
        summary += f"其中加分 {counting.num(totals.bonus)} 分。"
    if totals.penalty_uncapped > 0:
        summary += f"扣分项扣 {counting.num(totals.penalty)} 分。"
    if totals.vetoed_by:
        summary += f"单项否决：{'、'.join(totals.vetoed_by)} 未达标，等次定为{checklist.rules.fail_grade}。"
    if totals.unanswered:
        summary += f"尚有 {len(totals.unanswered)} 项未评：{'、'.join(totals.unanswered[:20])}。"
    document.add_paragraph(summary)
    document.add_heading("二、各部分自评情况", level=1)
    for number, section in enumerate(checklist.sections, start=1):
        figures = totals.nodes[section.id]
        document.add_heading(f"（{_chinese_number(number)}）{_text(section.title)}", level=2)
        document.add_paragraph(f"得分 {counting.num(figures.earned)} 分，满分 {counting.num(figures.maximum)} 分；"
                               f"已评 {figures.answered} 项，共 {figures.leaves} 项。")
        leaves = [leaf for leaf in section.leaves() if applies(leaf, scores.category)]
        if leaves:
            _section_table(document, checklist, scores, leaves)
    document.add_heading("三、未达标和基本达标的条目", level=1)
    weak = [leaf for leaf in checklist.leaves
            if applies(leaf, scores.category) and status_of(leaf, scores.items.get(leaf.id)) in ("unmet", "partial")]
    if not weak:
        document.add_paragraph("没有。")
    for leaf in weak:
        answer = scores.items[leaf.id]
        status = LABELS[status_of(leaf, answer)]
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{leaf.id} {_text(leaf.title)}（{status}）").bold = True
        if counting.is_counted(leaf):
            paragraph.add_run(f"：{counting.describe(leaf, answer.counts, answer.parts)}")
        paragraph.add_run(f"。说明：{_text(answer.note) or '未写说明'}")
    document.add_heading("四、佐证材料清单", level=1)
    _evidence_table(document, checklist, scores)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _labelled(document: Document, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(value)


def _score_text(leaf: Node, answer: Answer | None, checklist: Checklist) -> str:
    value = leaf_value(leaf, answer, checklist)
    if value is None:
        return "—"
    if leaf.penalty:
        return f"-{counting.num(value)}"
    full = "" if leaf.points is None else f" / {counting.num(leaf.points)}"
    return f"{counting.num(value)}{full}"


def _section_table(document: Document, checklist: Checklist, scores: ScoreFile, leaves: list[Node]) -> None:
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    for leaf in leaves:
        answer = scores.items.get(leaf.id)
        status = status_of(leaf, answer)
        basis = ""
        if counting.is_counted(leaf) and answer is not None and status not in (None, "na"):
            basis = counting.describe(leaf, answer.counts, answer.parts)
        elif answer is not None and answer.score is not None:
            basis = "手动打分"
        row = table.add_row().cells
        values = (leaf.id, _text(leaf.title), LABELS[status], _score_text(leaf, answer, checklist), basis,
                  "\n".join(_text(e) for e in answer.evidence) if answer else "",
                  _text(answer.note) if answer else "")
        for cell, value in zip(row, values, strict=True):
            cell.text = value
    from docx.shared import Cm

    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)


def _evidence_table(document: Document, checklist: Checklist, scores: ScoreFile) -> None:
    rows: list[tuple[str, str, str, str]] = []
    for leaf in checklist.leaves:
        answer = scores.items.get(leaf.id)
        if answer is None:
            continue
        by_index, left = evidence_files(answer)
        for index, text in enumerate(answer.evidence):
            record = by_index.get(index)
            rows.append((leaf.id, _text(text), _size(record.size) if record else "", record.sha256 if record else ""))
        rows.extend((leaf.id, _text(f.path), _size(f.size), f.sha256) for f in left)
    if not rows:
        document.add_paragraph("没有登记佐证材料。")
        return
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("条目", "佐证材料", "文件大小", "SHA-256"), strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB（{size} 字节）"
    if size >= 1024:
        return f"{size / 1024:.1f} KB（{size} 字节）"
    return f"{size} 字节"
