"""A report as named tables with Chinese headers: one source for every output format.

Cells hold plain values (str, int, float or None) and each column says what kind of value it
holds, so that a spreadsheet stores numbers as numbers and text as text, and the text
formats print both the same way. Text from score files is cleaned of control characters
here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.report.aggregate import Report
from zwgk_tui.report.intake import SUBMITTED, Sheet
from zwgk_tui.report.roster import OUTSIDE
from zwgk_tui.textsafe import clean

TEXT, INT, SCORE, PERCENT, CHANGE = "text", "int", "score", "percent", "change"
RANK_CHANGE = "rank_change"    # places gained (+2) or lost (-1): a whole number with a sign
LIST_CHARS = 300    # characters of unit names in one cell; a longer list ends "等 N 个" and
                    # is given whole in the table 未达标单位 (Excel cuts a cell at 32,767)


@dataclass(slots=True)
class Column:
    header: str
    kind: str = TEXT
    note: str = ""                 # what a short header stands for (a spreadsheet's cell note)
    wrap: bool = False             # long text: wraps within a bounded width when printed
    width: int = 0                 # display columns before it wraps (0: the exporter decides)


@dataclass(slots=True)
class Table:
    name: str                      # sheet name (≤ 31 characters)
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    freeze_columns: int = 0        # columns kept in view when scrolling right
    legend: list[str] = field(default_factory=list)   # lines printed under the table
    plain: bool = False            # a long reference list: cells without borders (fast to write)


@dataclass(slots=True)
class Heading:
    """What every printed page says it is: the checklist, and a line with the year, the
    units counted and when the report was made."""

    title: str
    line: str


def heading(report: Report) -> Heading:
    cl = report.checklist
    year = f"{cl.year} 年度 · " if cl.year else ""
    line = (f"{year}计入 {len(report.rows)} 个单位（收到评估记录 {report.files} 份）"
            f" · 生成于 {report.generated:%Y-%m-%d %H:%M}")
    return Heading(text(cl.title), line)


MAX_CELL = 32_767     # characters Excel keeps in one cell; CSV readers split longer ones


def text(value: object) -> str:
    """File text as one safe line (no control characters, no newlines), within a cell's limit."""
    line = " ".join(clean(str(value), keep_newlines=False).split())
    return line if len(line) <= MAX_CELL else line[: MAX_CELL - 1] + "…"


def fmt(value: object, kind: str) -> str:
    """A cell as printed in the terminal, Markdown and CSV."""
    if value is None or value == "":
        return "" if kind == TEXT else "—"
    if kind == SCORE:
        return f"{value:.2f}"
    if kind == PERCENT:
        return f"{value:.2f}%"
    if kind == CHANGE:
        return f"{value:+.2f}"
    if kind == RANK_CHANGE:
        return f"{value:+d}"
    if kind == INT:
        return str(value)
    return text(value)


def submitted_text(sheet: Sheet) -> str:
    return "已提交" if sheet.submitted == SUBMITTED else "草稿"


def review_text(sheet: Sheet) -> str:
    if not sheet.reviewed:
        return ""
    adjusted = f"，调整 {sheet.adjusted} 项" if sheet.adjusted else ""
    return f"已复核 {sheet.reviewed} 项{adjusted}"


def warnings_text(sheet: Sheet) -> str:
    return "；".join(text(message) for _, message in sheet.warnings)


def counted_text(row) -> str:
    """Which submission of the unit counts, when it sent more than one."""
    s = row.sheet
    if not row.replaced:
        return ""
    at = s.submitted_at[:16].replace("T", " ")
    return f"计入 {Path(s.path).name}（{at} 提交），取代较早的 {row.replaced} 份"


def roster_mark(report: Report, sheet: Sheet) -> str:
    if report.roster is None:
        return ""
    from zwgk_tui.report.aggregate import unit_key

    return OUTSIDE if unit_key(sheet.unit) in {unit_key(u) for u in report.roster.outside} else "已提交"


def ranking(report: Report) -> Table:
    table = Table("排名", "排名", [
        Column("排名", INT), Column("单位"), Column("得分", SCORE), Column("满分", SCORE),
        Column("得分率", PERCENT), Column("等级"), Column("否决项", wrap=True), Column("自评得分", SCORE),
        Column("复核", wrap=True), Column("调整项", INT), Column("退回项", INT), Column("未评项", INT),
        Column("提交"), Column("评估人"), Column("提示", wrap=True), Column("文件", wrap=True), Column("名单"),
    ], freeze_columns=2)
    for row in report.rows:
        s = row.sheet
        hints = "；".join(t for t in (counted_text(row), warnings_text(s)) if t)
        table.rows.append([
            row.rank, text(s.unit), s.total, s.maximum, s.percent, text(s.grade),
            "、".join(text(v) for v in s.vetoed), s.self_total if s.adjusted else None, review_text(s),
            s.adjusted, s.returned, s.unanswered, submitted_text(s), text(s.assessor),
            hints, text(s.path), roster_mark(report, s),
        ])
    return table


def roster_table(report: Report) -> Table:
    """Every roster unit: 已提交 / 被拒收 (with the reason) / 未提交; then those not on it."""
    table = Table("名单", "应交单位（名单）", [Column("单位"), Column("状态"), Column("文件", wrap=True),
                                            Column("原因", wrap=True)],
                  freeze_columns=1)
    assert report.roster is not None
    for r in report.roster.rows:
        table.rows.append([text(r.unit), r.state, text(r.file), text(r.reason)])
    for unit in report.roster.outside:
        table.rows.append([text(unit), OUTSIDE, "", "不在名单上，照常计入"])
    return table


def section_means(report: Report) -> Table:
    table = Table("分项平均", "各部分平均得分", [
        Column("编号"), Column("部分", wrap=True), Column("满分", SCORE), Column("平均得分", SCORE),
        Column("平均得分率", PERCENT), Column("最低得分率", PERCENT),
        Column("最高得分率", PERCENT), Column("平均加分", SCORE),
    ], freeze_columns=2)
    for s in report.sections:
        table.rows.append([text(s.id), text(s.title), s.points, s.mean_earned, s.mean_percent,
                           s.low, s.high, s.mean_bonus])
    return table


def section_scores(report: Report) -> Table:
    """A column per section headed by its number (the titles, 40–50 characters, are in the
    legend and the header notes, so the sheet fits a page); with 加分项, a 加分 column, so
    that every row adds up to 得分."""
    columns = [Column("排名", INT), Column("单位")]
    legend = []
    for s in report.sections:
        title = f"{text(s.title)}（满分 {s.points:g} 分）"
        columns.append(Column(f"{s.id}", SCORE, note=f"{s.id}：{title}"))
        legend.append(f"{s.id}：{title}")
    bonus = has_bonus(report)
    if bonus:
        columns.append(Column("加分", SCORE, note=bonus_rule(report)))
        legend.append(f"加分：{bonus_rule(report)}")
    penalty = any(leaf.penalty for leaf in report.checklist.leaves)
    if penalty:
        cap = report.checklist.rules.penalty_cap
        rule = "扣分项扣的分，不计入满分" + ("" if cap is None else f"，合计最多 {cap:g} 分")
        columns.append(Column("扣分", SCORE, note=rule))
        legend.append(f"扣分：{rule}")
    columns.append(Column("得分", SCORE))
    sums = "各部分得分" + ("加上加分" if bonus else "") + ("减去扣分" if penalty else "")
    table = Table("分项得分", "各单位分项得分", columns, freeze_columns=2,
                  legend=[*legend, f"{sums}即得分。"])
    for row in report.rows:
        extra = ([row.sheet.bonus] if bonus else []) + ([row.sheet.penalty] if penalty else [])
        table.rows.append([row.rank, text(row.sheet.unit),
                           *(earned for earned, _, _ in row.sheet.sections), *extra, row.sheet.total])
    return table


def has_bonus(report: Report) -> bool:
    return any(leaf.bonus for leaf in report.checklist.leaves)


def bonus_rule(report: Report) -> str:
    cap = report.checklist.rules.bonus_cap
    limit = "不设上限" if cap is None else f"合计最多 {cap:g} 分；超过时各部分的加分按比例折算"
    return f"加分项的得分，不计入满分，{limit}"


def _item_columns() -> list[Column]:
    return [
        Column("编号"), Column("条目", wrap=True), Column("分值", SCORE), Column("未达标单位数", INT),
        Column("未达标占比", PERCENT), Column("基本达标", INT), Column("达标", INT),
        Column("不适用", INT), Column("未评", INT), Column("未达标的单位", wrap=True),
    ]


def unit_list(names: list[str]) -> str:
    """Unit names joined with 、, cut after about LIST_CHARS characters as "… 等 N 个"."""
    shown: list[str] = []
    used = 0
    for name in names:
        name = text(name)
        if used + len(name) > LIST_CHARS and shown:
            return "、".join(shown) + f" 等 {len(names)} 个"
        shown.append(name)
        used += len(name) + 1
    return "、".join(shown)


def is_cut(names: list[str]) -> bool:
    """Whether ``unit_list`` leaves names out."""
    return len(names) > 1 and sum(len(text(n)) + 1 for n in names) - 1 > LIST_CHARS


def _item_row(item, units: int) -> list:
    """A 加分项 not earned is not 未达标: its unmet figures are left empty."""
    c = item.counts
    if item.bonus:
        return [item.id, text(item.title) + "（加分项）", item.points, None, None, c["p"], c["m"],
                c["n"], c["-"], ""]
    share = 100.0 * c["u"] / units if units else None
    return [item.id, text(item.title), item.points, c["u"], share, c["p"], c["m"], c["n"],
            c["-"], unit_list(item.unmet_units)]


def _cut_note(items) -> list[str]:
    if any(is_cut(item.unmet_units) for item in items):
        return ["未达标的单位较多的条目只列出前几个（“等 N 个”），完整名单见“未达标单位”表。"]
    return []


def unmet_items(report: Report) -> Table:
    table = Table("未达标条目", "未达标最多的条目", _item_columns(), freeze_columns=2)
    table.rows = [_item_row(item, len(report.rows)) for item in report.unmet_items]
    table.legend = _cut_note(report.unmet_items)
    return table


def deduction_rules(report: Report) -> Table:
    """Every counted deduction rule, most points deducted first (扣分最多的规则)."""
    table = Table("扣分规则", "扣分最多的规则", [
        Column("编号"), Column("条目", wrap=True), Column("细则", INT), Column("规则", wrap=True),
        Column("扣分单位数", INT), Column("次数", INT), Column("合计扣分", SCORE), Column("扣分的单位", wrap=True),
    ], freeze_columns=2)
    table.rows = [[r.id, text(r.title), r.number, text(r.text), len(r.units), r.instances, r.points,
                   unit_list(r.units)] for r in report.deductions]
    return table


def item_counts(report: Report) -> Table:
    table = Table("条目统计", "各条目评估结果（按清单顺序）", _item_columns(), freeze_columns=2)
    table.rows = [_item_row(item, len(report.rows)) for item in report.items]
    table.legend = _cut_note(report.unmet_items)
    if has_bonus(report):
        table.legend.append("加分项没有得到加分不算未达标：其未达标栏留空。")
    return table


def unmet_units(report: Report) -> Table | None:
    """The whole list behind every cut one: a column per item (headed by its number, its
    title in the header note and the legend), its units down the column. None when no list
    was cut. One cell a unit: 10,000 units and 100 items are a million names at most."""
    cut = [item for item in report.unmet_items if is_cut(item.unmet_units)]
    if not cut:
        return None
    table = Table("未达标单位", "未达标的单位（完整名单）", [Column("序号", INT)] + [
        Column(item.id, note=f"{item.id}：{text(item.title)}（{len(item.unmet_units)} 个单位未达标）")
        for item in cut], freeze_columns=1, plain=True)
    table.legend = [c.note for c in table.columns[1:]]
    longest = max(len(item.unmet_units) for item in cut)
    for n in range(longest):
        table.rows.append([n + 1] + [text(item.unmet_units[n]) if n < len(item.unmet_units) else None
                                     for item in cut])
    return table


def incomplete(report: Report) -> Table:
    table = Table("未评完", "尚未评完的单位", [
        Column("单位"), Column("未评项", INT), Column("未评条目"), Column("文件"),
    ], freeze_columns=1)
    for row in report.incomplete:
        table.rows.append([text(row.sheet.unit), row.sheet.unanswered,
                           "、".join(report.missing_ids(row.sheet)), text(row.sheet.path)])
    return table


def problems(report: Report) -> Table:
    """Every rejection and every warning, one finding a row (both years)."""
    table = Table("问题文件", "未计入和有提示的文件", [
        Column("文件"), Column("单位"), Column("处理"), Column("行", INT), Column("问题"),
    ], freeze_columns=1)
    for label, rep in (("", report), ("上年", report.previous)):
        if rep is None:
            continue
        for sheet in rep.rejected:
            for line, message in sheet.rejected:
                table.rows.append([text(sheet.path), text(sheet.unit), f"{label}未计入", line, text(message)])
        for row in rep.warned:
            for line, message in row.sheet.warnings:
                table.rows.append([text(row.sheet.path), text(row.sheet.unit), f"{label}计入，有提示",
                                   line, text(message)])
        for old, winner in rep.superseded:
            table.rows.append([text(old.path), text(old.unit), f"{label}已被较新的提交取代", None,
                               f"计入较新的 {text(winner.path)}"])
    return table


def comparison(report: Report) -> Table:
    table = Table("两年对比", "与上年对比（按单位名称对应）", [
        Column("单位"), Column("本年排名", INT), Column("本年得分", SCORE), Column("本年得分率", PERCENT),
        Column("本年等级"), Column("上年排名", INT), Column("上年得分", SCORE),
        Column("上年得分率", PERCENT), Column("上年等级"), Column("得分率变化", CHANGE),
        Column("名次变化", RANK_CHANGE), Column("说明"),
    ], freeze_columns=1)
    for c in report.comparison:
        now, before = c.now, c.before
        note = presence_note(report, c)
        table.rows.append([
            text(c.unit),
            now.rank if now else None, now.sheet.total if now else None,
            now.sheet.percent if now else None, text(now.sheet.grade) if now else None,
            before.rank if before else None, before.sheet.total if before else None,
            before.sheet.percent if before else None, text(before.sheet.grade) if before else None,
            c.change, c.rank_change, note,
        ])
    return table


def about(report: Report) -> Table:
    """The report's provenance and the rules behind its figures, as a two-column table."""
    cl = report.checklist
    table = Table("说明", "说明", [Column("项目"), Column("内容", wrap=True, width=90)])
    grades = "，".join(f"{text(name)} {count} 个" for name, count in report.grade_counts) or "—"
    table.rows = [
        ["清单", f"{text(cl.title)}（{text(cl.id)}）"],
        ["清单 SHA-256", cl.sha256],
        ["生成时间", report.generated.isoformat()],
        ["评估记录", f"共 {report.files} 份：计入 {len(report.rows)} 份，未计入 {len(report.rejected)} 份"],
        ["等级分布", grades],
        ["平均得分率", fmt(report.mean_percent, PERCENT)],
        ["计分规则", "得分由清单和各条目状态按 zwgk 的计分规则算出，文件中的合计不被采信；"
                   "已复核的条目按复核结果（认可：按自评；调整：按复核状态和得分；"
                   "退回：给出复核状态的按复核状态，否则按自评）计分"],
        ["排名规则", "先按等级（单项否决的单位为否决等级），再按得分率；得分率保留两位小数相同者并列"],
    ]
    if has_bonus(report):
        table.rows.append(["加分", bonus_rule(report) + "；没有得到加分的加分项不算未达标"])
    if report.previous is not None:
        prev = report.previous.checklist
        table.rows.append(["上年清单", f"{text(prev.title)}（{text(prev.id)}）"])
    return table


def presence_note(report: Report, c) -> str:
    """A unit counted in one year only: 未提交 or 被拒收 in the other (the roster's words)."""
    from zwgk_tui.report.roster import presence

    if c.before is None and report.previous is not None:
        return f"上年{presence(report.previous, c.unit)}"
    if c.now is None:
        return f"本年{presence(report, c.unit)}"
    return ""


def all_tables(report: Report) -> list[Table]:
    tables = [ranking(report), section_means(report), section_scores(report),
              unmet_items(report), item_counts(report), incomplete(report), problems(report)]
    full = unmet_units(report)
    if full is not None:
        tables.insert(4, full)                  # after 未达标条目, whose lists it completes
    if report.deductions:
        tables.insert(4 + (full is not None), deduction_rules(report))
    if report.roster is not None:
        tables.insert(1, roster_table(report))
    if report.previous is not None:
        tables.insert(1, comparison(report))
    tables.append(about(report))
    return tables
