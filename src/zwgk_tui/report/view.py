"""The report in the terminal: Rich tables with bar charts, or plain lines (``--plain``).

Both draw the same blocks. Every piece of file text goes through textsafe and, for Rich,
into ``Text`` objects — never into markup — so a unit name holding escape sequences or
``[bold red]`` prints as the characters it is. ``--plain`` uses no Rich at all: no box
drawing, no colour, no escape sequences, and no bars (a screen reader would read them out
character by character; the figures say the same). Each row is one labelled line that
makes sense read alone (``第 1 名 某县：得分 95.00，得分率 95.00%，…``), wrapped at the
terminal's width as the plain mode wraps.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TextIO

from zwgk_tui.errors import format_problem
from zwgk_tui.report.aggregate import Report
from zwgk_tui.report.columns import BAR_COLUMN, fit, natural_widths
from zwgk_tui.report.exporters.tables import (
    CHANGE,
    PERCENT,
    SCORE,
    counted_text,
    fmt,
    review_text,
    roster_mark,
    text,
)
from zwgk_tui.report.intake import SUBMITTED
from zwgk_tui.report.roster import OUTSIDE, presence
from zwgk_tui.textsafe import one_line, printable, wrap

UNIT_COLUMNS = 28     # display columns a unit name may take in a table
NARROW_NAME = 20      # … in a terminal narrower than 100 columns (县人力资源社会保障局)
TOP_ITEMS = 10        # unmet items shown
BAR = 20              # columns of a full bar
UNWRAPPED = 100_000   # the console width when the output is not a terminal: no line wraps


@dataclass(slots=True)
class Block:
    title: str
    headers: list[str] = field(default_factory=list)
    right: frozenset[int] = frozenset()          # right-aligned columns
    rows: list[list[str]] = field(default_factory=list)
    bars: list[float | None] | None = None       # 0–100 per row, drawn after column bar_after
    bar_after: int = 0
    flex: int = -1                               # the column that takes the spare width
    wraps: frozenset[int] = frozenset()          # text columns that wrap (never cut) when short
    drop: tuple[int, ...] = ()                   # columns left out, in order, when too narrow
    name: int = -1                               # the unit-name column (its width is bounded)
    lead: int = 2                                # columns that name a row in plain text
    lines: list[str] = field(default_factory=list)  # free lines (problems, notes)
    note: str = ""


def _unit(name: str) -> str:
    """Whole in plain text (lines wrap); Rich cuts the name column to its width."""
    return one_line(name)


def _marks(row, report: Report | None = None) -> str:
    s = row.sheet
    marks = []
    if report is not None and roster_mark(report, s) == OUTSIDE:
        marks.append(OUTSIDE)
    if row.replaced:
        marks.append(counted_text(row))
    if s.vetoed:
        marks.append("单项否决 " + "、".join(one_line(v) for v in s.vetoed[:3]))
    if s.reviewed:
        marks.append(review_text(s))
    if s.unanswered:
        marks.append(f"未评 {s.unanswered} 项")
    if s.submitted != SUBMITTED:
        marks.append("草稿")
    if s.returned:
        marks.append(f"退回 {s.returned} 项")
    return "；".join(marks)


def blocks(report: Report, limit: int = 40) -> list[Block]:
    out = [_summary(report)]
    rows = report.rows if limit <= 0 else report.rows[:limit]
    ranking = Block("排名", ["排名", "单位", "得分", "满分", "得分率", "等级", "备注"],
                    frozenset({0, 2, 3, 4}), bar_after=4, bars=[], flex=6,
                    wraps=frozenset({1, 6}), drop=(3, BAR_COLUMN, 2), name=1)
    for row in rows:
        s = row.sheet
        ranking.rows.append([str(row.rank), _unit(s.unit), fmt(s.total, SCORE), fmt(s.maximum, SCORE),
                             fmt(s.percent, PERCENT), one_line(s.grade), _marks(row, report)])
        ranking.bars.append(s.percent)
    if len(rows) < len(report.rows):
        ranking.note = f"只列出前 {len(rows)} 名，另有 {len(report.rows) - len(rows)} 个单位：完整排名请用 -o 输出或 --rows 0"
    if not report.rows:
        ranking.note = "没有可计入的评估记录"
    out.append(ranking)

    sections = Block("各部分平均得分", ["编号", "部分", "满分", "平均得分", "平均得分率"],
                     frozenset({2, 3, 4}), bar_after=4, bars=[], flex=1,
                     wraps=frozenset({1}), drop=(BAR_COLUMN, 2, 3))
    for sec in report.sections:
        sections.rows.append([sec.id, one_line(sec.title), fmt(sec.points, SCORE),
                              fmt(sec.mean_earned, SCORE), fmt(sec.mean_percent, PERCENT)])
        sections.bars.append(sec.mean_percent)
    out.append(sections)

    unmet = report.unmet_items
    units = len(report.rows) or 1
    items = Block("未达标最多的条目", ["编号", "条目", "未达标", "占比", "未达标的单位"],
                  frozenset({2, 3}), bar_after=3, bars=[], flex=4,
                  wraps=frozenset({1, 4}), drop=(BAR_COLUMN, 3))
    for item in unmet[:TOP_ITEMS]:
        names = "、".join(_unit(u) for u in item.unmet_units[:2])
        if len(item.unmet_units) > 2:
            names += f" 等 {len(item.unmet_units)} 个"
        share = 100.0 * item.counts["u"] / units
        items.rows.append([item.id, one_line(item.title), str(item.counts["u"]),
                           fmt(share, PERCENT), names])
        items.bars.append(share)
    items.note = "没有未达标的条目" if not unmet else (
        f"另有 {len(unmet) - TOP_ITEMS} 个条目有单位未达标，见 -o 输出" if len(unmet) > TOP_ITEMS else "")
    out.append(items)
    if report.deductions:
        out.append(_deductions(report))

    if report.comparison:
        out.append(_comparison(report, limit))
    if report.roster is not None:
        out.append(_roster(report))

    incomplete = report.incomplete
    if incomplete:
        block = Block("尚未评完的单位", ["单位", "未评", "未评条目"], frozenset({1}), lead=1,
                      wraps=frozenset({0, 2}), flex=2, name=0)
        shown = incomplete if limit <= 0 else incomplete[:limit]
        for row in shown:
            missing = report.missing_ids(row.sheet)
            listed = "、".join(missing[:8]) + ("…" if len(missing) > 8 else "")
            block.rows.append([_unit(row.sheet.unit), str(row.sheet.unanswered), listed])
        if len(shown) < len(incomplete):
            block.note = f"另有 {len(incomplete) - len(shown)} 个单位未评完"
        out.append(block)
    out.extend(_problems(report, limit))
    return out


def _deductions(report: Report) -> Block:
    """扣分最多的规则: beside the most often unmet items, the counted deductions behind them."""
    block = Block("扣分最多的规则", ["编号", "规则", "扣分单位", "次数", "合计扣分", "单位"],
                  frozenset({2, 3, 4}), flex=1, wraps=frozenset({1, 5}), drop=(3, 2))
    for row in report.deductions[:TOP_ITEMS]:
        names = "、".join(_unit(u) for u in row.units[:2])
        if len(row.units) > 2:
            names += f" 等 {len(row.units)} 个"
        block.rows.append([row.id, f"细则 {row.number}：{one_line(row.text)}", str(len(row.units)),
                           str(row.instances), fmt(row.points, SCORE), names])
    if len(report.deductions) > TOP_ITEMS:
        block.note = f"另有 {len(report.deductions) - TOP_ITEMS} 条规则有扣分，见 -o 输出"
    return block


def _summary(report: Report) -> Block:
    cl = report.checklist
    lines = [f"清单：{one_line(cl.title)}（{one_line(cl.id)}）"]
    counted = f"评估记录 {report.files} 份：计入 {len(report.rows)} 份"
    if report.rejected:
        counted += f"，未计入 {len(report.rejected)} 份（见“未计入的文件”）"
    lines.append(counted)
    if report.rows:
        grades = "，".join(f"{one_line(name)} {count}" for name, count in report.grade_counts)
        lines.append(f"平均得分率 {fmt(report.mean_percent, PERCENT)}；等级：{grades}")
    if report.reviewed_units:
        adjusted = sum(row.sheet.adjusted for row in report.rows)
        lines.append(f"已复核的单位 {report.reviewed_units} 个，复核调整 {adjusted} 项：按复核结果计分")
    if report.superseded:
        lines.append(f"另有 {len(report.superseded)} 份较早的提交已被同一单位较新的提交取代（见下文）")
    roster = report.roster
    if roster is not None:
        lines.append(f"名单 {len(roster.rows)} 个单位：已提交 {roster.count('已提交')}，"
                     f"被拒收 {roster.count('被拒收')}，未提交 {roster.count('未提交')}"
                     + (f"；名单外 {len(roster.outside)} 个" if roster.outside else ""))
    claims = sum(1 for row in report.rows if row.sheet.claims)
    if claims:
        lines.append(f"{claims} 个单位的文件中有复核记录：不是本人所作，不计入")
    if report.ignored:
        lines.append(f"文件夹中另有 {report.ignored} 个非 .toml 或隐藏文件，未读取")
    return Block(f"汇总报告：{one_line(cl.title)}", lines=lines)


def _comparison(report: Report, limit: int) -> Block:
    block = Block("与上年对比", ["单位", "本年得分率", "本年等级", "上年得分率", "上年等级", "变化", "名次"],
                  frozenset({1, 3, 5, 6}), lead=1, wraps=frozenset({0}), flex=0, drop=(4, 2, 3), name=0)
    rows = report.comparison if limit <= 0 else report.comparison[:limit]
    for c in rows:
        now, before = c.now, c.before
        block.rows.append([
            _unit(c.unit),
            fmt(now.sheet.percent, PERCENT) if now else presence(report, c.unit),
            one_line(now.sheet.grade) if now else "",
            fmt(before.sheet.percent, PERCENT) if before else presence(report.previous, c.unit),
            one_line(before.sheet.grade) if before else "",
            fmt(c.change, CHANGE) if c.change is not None else "—",
            "—" if c.rank_change is None else f"{c.rank_change:+d}",
        ])
    if len(rows) < len(report.comparison):
        block.note = f"另有 {len(report.comparison) - len(rows)} 个单位，见 -o 输出"
    return block


def _roster(report: Report) -> Block:
    """Every roster unit whose file did not count, always all of them, and those not on it."""
    roster = report.roster
    assert roster is not None
    block = Block(f"名单（{one_line(roster.source)}）：未提交 {len(roster.missing)} 个，"
                  f"被拒收 {len(roster.rejected)} 个")
    for r in roster.rows:
        if r.state == "被拒收":
            block.lines.append(f"被拒收 {_unit(r.unit)}：{text(r.file)}：{text(r.reason)}")
    for r in roster.rows:
        if r.state == "未提交":
            block.lines.append(f"未提交 {_unit(r.unit)}")
    for unit in roster.outside:
        block.lines.append(f"名单外 {_unit(unit)}：不在名单上，照常计入")
    if roster.complete and not roster.outside:
        block.lines.append(f"名单上的 {len(roster.rows)} 个单位都已提交")
    return block


def _problems(report: Report, limit: int) -> list[Block]:
    out = []
    for label, rep in (("", report), ("上年", report.previous)):
        if rep is None:
            continue
        if rep.rejected:  # every one of them, always: a left-out file is never hidden
            block = Block(f"{label}未计入的文件（{len(rep.rejected)} 份）")
            for sheet in rep.rejected:
                for line, message in sheet.rejected:
                    block.lines.append(format_problem(sheet.path, line, None, message))
            out.append(block)
        warned = rep.warned
        if warned:
            block = Block(f"{label}计入但有提示的文件（{len(warned)} 份）")
            shown = warned if limit <= 0 else warned[:limit]
            for row in shown:
                for line, message in row.sheet.warnings:
                    block.lines.append(format_problem(row.sheet.path, line, None, message))
            if len(shown) < len(warned):
                block.note = f"另有 {len(warned) - len(shown)} 份有提示，见 -o 输出的“问题文件”"
            out.append(block)
        if rep.superseded:
            block = Block(f"{label}已被较新的提交取代的文件（{len(rep.superseded)} 份，不计入，不是问题）")
            for old, winner in rep.superseded:
                block.lines.append(f"{text(old.path)}：已被较新的提交取代，计入 {text(winner.path)}")
            out.append(block)
    return out


# ------------------------------------------------------------------ plain text


def plain_columns(stream: TextIO) -> int | None:
    """Where plain lines wrap (as in the plain mode): COLUMNS, else the terminal; None: not."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return os.get_terminal_size(stream.fileno()).columns if stream.isatty() else None
    except (AttributeError, OSError, ValueError):
        return None


def _labelled(block: Block, row: list[str]) -> str:
    """A row as one line that makes sense read alone: ``第 1 名 某县：得分 95.00，…``."""
    head = " ".join(cell for cell in row[:block.lead] if cell)
    if block.headers[0] == "排名":
        head = f"第 {row[0]} 名 {row[1]}"
    rest = "，".join(f"{h} {v}" for h, v in zip(block.headers[block.lead:], row[block.lead:], strict=True) if v)
    return f"{head}：{rest}" if rest else head


def write_plain(report: Report, stream: TextIO, limit: int = 40, columns: int | None = None) -> None:
    """One labelled line per row, wrapped at ``columns`` (continuations indented)."""
    for block in blocks(report, limit):
        lines = [block.title, *("  " + line for line in block.lines)]
        lines += ["  " + _labelled(block, row) for row in block.rows]
        if block.note:
            lines.append("  " + block.note)
        for line in lines:
            line = printable(line)  # whatever a cell holds, no control byte reaches the terminal
            body = line.lstrip(" ")
            margin = line[: len(line) - len(body)]
            parts = wrap(body, columns - len(margin), "  ") if columns else [body]
            for part in parts:
                stream.write(margin + part + "\n")
        stream.write("\n")


# ------------------------------------------------------------------ Rich


def _bar(percent: float | None, ascii_only: bool, columns: int):
    from rich.text import Text

    if percent is None:
        return Text("")
    filled = max(0.0, min(percent, 100.0)) * columns / 100
    whole = int(filled)
    if ascii_only:
        return Text("#" * whole + "." * (columns - whole), style=_colour(percent))
    eighths = "▏▎▍▌▋▊▉"
    part = eighths[int((filled - whole) * 8) - 1] if filled - whole >= 0.125 else ""
    return Text("█" * whole + part, style=_colour(percent))


def _colour(percent: float) -> str:
    return "green" if percent >= 90 else "yellow" if percent >= 60 else "red"


def render_rich(report: Report, console, limit: int = 40, ascii_only: bool = False,
                whole_names: bool = False) -> None:
    """Print to a Rich console; text is always Text, so markup in files stays literal.
    ``whole_names``: unit names are not cut to a column (output that is not a terminal)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    bar = BAR if console.width >= 110 else BAR // 2
    for block in blocks(report, limit):
        console.print(Text(printable(block.title), style="bold"))
        for line in block.lines:
            console.print(Text("  " + printable(line)), soft_wrap=False, overflow="fold")
        if block.headers:
            table = Table(box=box.ASCII if ascii_only else box.SIMPLE_HEAD, show_edge=False,
                          pad_edge=False, highlight=False)
            flex = block.flex % len(block.headers)
            name_width = UNWRAPPED if whole_names else NARROW_NAME if console.width < 100 else UNIT_COLUMNS
            shown, show_bar, names_whole = fit(block, console.width, bar, name_width)
            natural = natural_widths(block.headers, block.rows)
            if block.name >= 0:
                natural[block.name] = min(natural[block.name], name_width)
            for i in shown:
                wraps = i in block.wraps and not (names_whole and i == block.name)
                table.add_column(Text(block.headers[i]), justify="right" if i in block.right else "left",
                                 no_wrap=not wraps, overflow="fold",
                                 ratio=1 if i == flex else None,
                                 min_width=None if wraps else natural[i],
                                 max_width=name_width if i == block.name else None)
                if show_bar and i == block.bar_after:
                    table.add_column(Text("图"), no_wrap=True, min_width=bar)
            for r, row in enumerate(block.rows):
                cells = []
                for i in shown:
                    cells.append(Text(printable(row[i])))
                    if show_bar and i == block.bar_after:
                        cells.append(_bar(block.bars[r], ascii_only, bar))
                table.add_row(*cells)
            console.print(table)
        if block.note:
            console.print(Text("  " + printable(block.note), style="dim"))
        console.print()
