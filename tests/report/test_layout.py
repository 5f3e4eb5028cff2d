"""Every figure readable at the edges: the terminal report at 80 and 60 columns (numbers never
cut, columns left out in the documented order, never the rank), a unit list longer than a
spreadsheet cell ("等 N 个" and the full list on its own sheet), and the rank change shown
as a whole number."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from zwgk_tui.model.assessment.synthetic import unit_names, write_score_files
from zwgk_tui.report.exporters.tables import LIST_CHARS
from zwgk_tui.textsafe import width

NOW = {  # unit: answers this year (mini checklist; names up to 10 characters)
    "县人力资源社会保障局": {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "met"},
    "县住房和城乡建设局": {"1.1": "met", "1.2": "partial", "2.1.1": "met", "2.1.3": "met"},
    "马家寨乡": {"1.1": "unmet", "1.2": "met", "2.1.1": "partial", "2.1.3": "met"},
    "城关镇": {"1.1": "met", "1.2": "unmet", "2.1.1": "met", "2.1.3": "unmet"},
}
BEFORE = {
    "县人力资源社会保障局": {"1.1": "met", "1.2": "partial", "2.1.1": "partial", "2.1.3": "met"},
    "县住房和城乡建设局": {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "met"},
    "马家寨乡": {"1.1": "unmet", "1.2": "unmet", "2.1.1": "partial", "2.1.3": "met"},
    "城关镇": {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "met"},
}


@pytest.fixture
def two_years(tmp_path, inbox, make_unit):
    last = tmp_path / "last"
    last.mkdir()
    for unit, answers in NOW.items():
        make_unit(unit, answers)
    for unit, answers in BEFORE.items():
        make_unit(unit, answers, folder=last)
    checklist = tmp_path / "checklists" / "mini.toml"
    return ("report", inbox, "--checklist", checklist, "--previous", last, "--previous-checklist", checklist)


def run_at(columns: int, *args, extra_env=None) -> str:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", **(extra_env or {})}
    result = subprocess.run([sys.executable, "-m", "zwgk_tui", *map(str, args)], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def block(out: str, title: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(title)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start + 1:end]


@pytest.mark.parametrize("columns", [80, 60])
def test_every_figure_is_whole_at_80_and_60_columns(two_years, columns):
    out = run_at(columns, *two_years, "--rows", "0")
    assert max(width(line) for line in out.splitlines()) <= columns
    assert "…" not in out                                   # nothing cut anywhere
    compare = block(out, "与上年对比")
    header = compare[0].split()
    assert header[0] == "单位" and header[-2:] == ["变化", "名次"]    # the rank change stays
    rows = {line.split()[0]: line.split() for line in compare[2:]}
    assert set(rows) == set(NOW)                              # names whole, one line each
    assert rows["城关镇"][-2:] == ["-60.00", "-3"]            # 100% → 40%, 1st → 4th
    assert rows["县人力资源社会保障局"][-1] == "+2" and rows["县人力资源社会保障局"][-2] == "+22.00"
    ranking = block(out, "排名")
    assert ranking[0].split()[:2] == ["排名", "单位"] and "得分率" in ranking[0]
    rows = [line for line in ranking[2:] if line[:4].strip()]     # not a note's second line
    assert [line.split()[0] for line in rows] == ["1", "2", "3", "4"]
    for line, unit in zip(rows, NOW, strict=True):
        assert re.search(r" \d+\.\d\d% ", line) and unit in line, line


def test_columns_leave_in_the_documented_order(two_years):
    wide = block(run_at(120, *two_years), "与上年对比")[0].split()
    assert wide == ["单位", "本年得分率", "本年等级", "上年得分率", "上年等级", "变化", "名次"]
    assert block(run_at(80, *two_years), "与上年对比")[0].split() == [
        "单位", "本年得分率", "本年等级", "上年得分率", "变化", "名次"]               # 上年等级 first
    assert block(run_at(64, *two_years), "与上年对比")[0].split() == [
        "单位", "本年得分率", "上年得分率", "变化", "名次"]                            # then 本年等级
    tight = block(run_at(44, *two_years), "与上年对比")
    assert tight[0].split() == ["单位", "本年得分率", "变化", "名次"]               # then 上年得分率
    assert "县人力资源社会保障局" not in "".join(tight)                           # names fold last
    assert block(run_at(120, *two_years), "排名")[0].split() == [
        "排名", "单位", "得分", "满分", "得分率", "图", "等级", "备注"]
    assert block(run_at(80, *two_years), "排名")[0].split() == ["排名", "单位", "得分", "得分率", "等级", "备注"]
    assert block(run_at(60, *two_years), "排名")[0].split() == ["排名", "单位", "得分率", "等级", "备注"]
    narrowest = block(run_at(40, *two_years), "排名")
    assert narrowest[0].split() == ["排名", "单位", "得分率", "等级", "备注"]
    assert all(re.search(r"\d+\.\d\d%", line) for line in narrowest[2:] if line[:4].strip())


def test_bars_read_under_ascii_and_no_color(two_years):
    out = run_at(80, *two_years, "--ascii")
    assert not re.search(r"[\u2500-\u259f]", out) and "\x1b" not in out
    means = block(out, "各部分平均得分")
    assert "图" in means[0]
    assert all(re.search(r"\d+\.\d\d% \| #+\.*", line) for line in means[2:] if line[:1].isdigit())
    ranking = block(run_at(120, *two_years, "--ascii"), "排名")
    assert "图" in ranking[0] and all(re.search(r"% \| #+\.* \|", line) for line in ranking[2:])
    unicode = block(run_at(80, *two_years), "各部分平均得分")             # NO_COLOR: bars, no colour
    assert all(re.search(r"\d+\.\d\d%\s+█+", line) for line in unicode[2:] if line[:1].isdigit())


def test_rank_change_is_a_whole_number_in_the_workbook(two_years, tmp_path, sheet_table):
    out = tmp_path / "r.xlsx"
    run_at(80, *two_years, "-o", out)
    book = load_workbook(out)
    header, rows = sheet_table(book["两年对比"])
    column = header.index("名次变化") + 1
    assert book["两年对比"].cell(4, column).number_format == "+0;-0;0"
    assert {r["单位"]: r["名次变化"] for r in rows}["城关镇"] == -3


def test_a_long_unit_list_ends_with_a_count_and_is_given_whole_on_its_own_sheet(tmp_path):
    checklist = tmp_path / "mini.toml"
    checklist.write_bytes((Path(__file__).parents[1] / "data" / "mini.toml").read_bytes())
    names = [*unit_names(299), '=HYPERLINK("http://x","点我")']       # a name that looks like a formula
    write_score_files(checklist, tmp_path / "inbox", 300, units=names, submitted=True, weights=(1, 0, 4, 0))
    env = {**os.environ, "ZWGK_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "zwgk_tui", "report", "inbox", "--checklist", str(checklist),
                             "-o", "r.xlsx", "-o", "r.md", "-o", "r.toml", "--plain"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    doc = tomllib.loads((tmp_path / "r.toml").read_text("utf-8"))
    unmet = {i["id"]: i["unmet_units"] for i in doc["items"] if not i.get("bonus")}
    book = load_workbook(tmp_path / "r.xlsx")
    assert "未达标单位" in book.sheetnames
    for row in book["未达标条目"].iter_rows(min_row=4, values_only=True):
        if row[0] not in unmet:
            break
        cell, count = row[9], len(unmet[row[0]])
        assert count > 200 and cell.endswith(f" 等 {count} 个"), cell[-40:]
        assert len(cell) <= LIST_CHARS + 20
        shown = cell.rsplit(" 等 ", 1)[0].split("、")
        assert shown == unmet[row[0]][:len(shown)]             # the first ones, in order
    sheet = book["未达标单位"]
    header = [c.value for c in sheet[3]]
    assert header[0] == "序号" and set(header[1:]) == set(unmet)
    full: dict[str, list[str]] = {item: [] for item in header[1:]}
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if row[0] is None:
            break
        for item, name in zip(header[1:], row[1:], strict=True):
            if name is not None:
                full[item].append(name)
    assert full == unmet                                       # every unit, no cut
    assert sheet["B3"].comment.text.startswith(f"{header[1]}：")     # the title in the note
    cells = [c for row in sheet.iter_rows(min_row=4) for c in row if c.value == names[-1]]
    assert cells and all(c.data_type == "s" for c in cells)              # text, never a formula
    assert "等 " in (tmp_path / "r.md").read_text("utf-8") and "## 未达标的单位（完整名单）" in (
        tmp_path / "r.md").read_text("utf-8")


def test_the_html_page_is_self_contained_escaped_and_prints_on_a4(tmp_path, inbox, make_unit):
    from html.parser import HTMLParser

    hostile = '<script>alert("x")</script>&县<b>'
    make_unit(hostile, NOW["县人力资源社会保障局"])
    make_unit("城关镇", NOW["城关镇"])
    out = tmp_path / "r.html"
    run_at(80, "report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "-o", out)
    page = out.read_text("utf-8")
    assert "<script" not in page and "<b>" not in page                     # file text is text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;县&lt;b&gt;" in page
    for fetch in ("src=", "href=", "<link", "url(", "@import", "https://"):
        assert fetch not in page, fetch                                     # nothing to fetch
    assert re.findall(r"http://[^\"]+", page) == ["http://www.w3.org/2000/svg"] * page.count("<svg")
    assert "size: A4 landscape" in page and "display: table-header-group" in page

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.text = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.text.append(data)

    tags = Tags()
    tags.feed(page)
    assert tags.tags.count("svg") == 2 and tags.tags.count("table") >= 6     # units, sections
    text = "".join(tags.text)
    assert hostile in text and "各部分平均得分率" in text and "城关镇" in text
    assert "加分：加分项的得分" in text                                       # the legend
