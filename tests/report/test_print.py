"""The workbook as a supervisor hands it on: 60 units of the 2019 national points (plus a
capped 加分项), some files broken, through the installed ``zwgk report -o``. Every sheet is
set to print (A4 landscape, one page wide, headers repeated, title, page numbers), the
charts are native chart parts, the 分项得分 rows add up with the bonus column, and — where
LibreOffice is installed (CI installs it) — each sheet prints on at most 4 pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from zwgk_tui.model.assessment.synthetic import unit_names, write_score_files

ROOT = Path(__file__).resolve().parents[2]
ZWGK = [sys.executable, "-m", "zwgk_tui"]
CAP = 3
BONUS = '''
[[sections.items]]
id = "5.u9"
title = "政务公开创新做法获上级推广"
text = "政务公开工作有创新做法，被上级通报表扬或推广的，予以加分。"
unnumbered = true
bonus = true
points = 5
'''


def with_bonus(target: Path) -> Path:
    """The shipped 2019 national checklist with a 5-point 加分项 capped at 3."""
    text = (ROOT / "checklists" / "2019-guowuyuan.toml").read_text("utf-8")
    text = text.replace("\n[[sections]]", f"\n[scoring]\nbonus_cap = {CAP}\n\n[[sections]]", 1)
    target.write_text(text.rstrip("\n") + "\n" + BONUS, "utf-8")
    return target


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("print")
    checklist = with_bonus(base / "2019-bonus.toml")
    inbox = base / "inbox"
    write_score_files(checklist, inbox, 60, units=unit_names(60), submitted=True, seed=7)
    (inbox / "会议通知.toml").write_text("关于召开政务公开工作会议的通知\n", "utf-8")   # left out
    write_score_files(checklist, base / "drafts", 1, units=["县档案馆"], seed=8)       # a draft
    (inbox / "draft.toml").write_bytes((base / "drafts" / "unit00000.toml").read_bytes())
    out = base / "汇总.xlsx"
    env = {**os.environ, "ZWGK_DATA_DIR": str(base / "data")}
    run = subprocess.run([*ZWGK, "report", "inbox", "--checklist", str(checklist), "-o", str(out),
                          "-o", str(base / "汇总.toml"), "--plain"],      # paths as typed: relative
                         capture_output=True, text=True, env=env, timeout=300, cwd=base)
    assert run.returncode == 1, run.stderr          # one file left out, the rest reported
    return {"xlsx": out, "base": base, "checklist": checklist}


def test_every_sheet_is_set_to_print(printed):
    book = load_workbook(printed["xlsx"])
    assert book.sheetnames[:2] == ["排名", "图表"]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert int(setup.paperSize) == 9, sheet.title                       # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), sheet.title
        assert "&P" in sheet.oddFooter.center.text, sheet.title           # page numbers
        assert sheet.oddFooter.right.text == f"工作表：{sheet.title}"
        title, line = sheet["A1"].value, sheet["A2"].value
        assert title.startswith("2019年政務公開工作要點 · "), (sheet.title, title)
        assert "2019 年度" in line and "计入 61 个单位" in line and "生成于 " in line
        if sheet.title != "图表":
            assert sheet.print_title_rows == "$3:$3", sheet.title          # headers on every page
            assert sheet["A3"].font.bold
    grades = {row[5] for row in book["排名"].iter_rows(min_row=4, max_row=64, values_only=True)}
    assert grades <= {"优秀", "良好", "合格", "不合格"}                   # the grade in words


def test_the_workbook_holds_native_charts_drawn_from_its_cells(printed):
    with zipfile.ZipFile(printed["xlsx"]) as archive:
        charts = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        xml = [archive.read(n).decode() for n in charts]
        drawings = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
    assert len(charts) == 4 and drawings         # 61 units in three charts, then the sections
    assert all('<barDir val="bar"/>' in x for x in xml)
    refs = [re.findall(r"<f>([^<]+)</f>", x) for x in xml]
    assert refs[0] == ["'排名'!$B$4:$B$24", "'排名'!$E$4:$E$24"]          # names, percentages
    assert refs[1] == ["'排名'!$B$25:$B$45", "'排名'!$E$25:$E$45"]
    assert refs[2] == ["'排名'!$B$46:$B$64", "'排名'!$E$46:$E$64"]
    assert refs[3] == ["'分项平均'!$B$4:$B$8", "'分项平均'!$E$4:$E$8"]
    assert '<orientation val="maxMin"/>' in xml[0]                      # first place on top
    assert '<tickLblSkip val="1"/>' in xml[0]                           # every unit named
    assert "按名次，第 1–21 名" in xml[0] and "各部分平均得分率" in xml[3]


def test_section_scores_add_up_with_the_bonus_column(printed, sheet_table):
    book = load_workbook(printed["xlsx"])
    header, rows = sheet_table(book["分项得分"])
    assert header == ["排名", "单位", "1", "2", "3", "4", "5", "加分", "得分"]
    assert len(rows) == 61
    for row in rows:
        parts = sum(row[h] for h in "12345")
        assert parts + row["加分"] == pytest.approx(row["得分"]), row
        assert 0 <= row["加分"] <= CAP
    assert any(row["加分"] == CAP for row in rows)                          # the cap bites
    legend = [c.value for c in book["分项得分"]["A"][3 + len(rows):] if c.value]
    assert legend[0].startswith("1：著眼穩定預期") and "满分 18 分" in legend[0]
    assert any(line.startswith("加分：") and f"最多 {CAP} 分" in line for line in legend)
    _, means = sheet_table(book["分项平均"])
    assert all(m["平均加分"] is None or m["平均加分"] <= CAP for m in means)
    _, unmet = sheet_table(book["未达标条目"])
    assert "5.u9" not in {r["编号"] for r in unmet}                      # a bonus is never unmet
    _, counts = sheet_table(book["条目统计"])
    bonus = next(r for r in counts if r["编号"] == "5.u9")
    assert bonus["未达标单位数"] is None and not bonus["未达标的单位"]


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found and shutil.which("pdftotext"):
        return found
    message = "LibreOffice (soffice) or pdftotext is not installed (apt-get install libreoffice-calc poppler-utils)"
    if os.environ.get("ZWGK_E2E") == "require":
        pytest.fail(message)
    pytest.skip(message)


def print_to_pdf(xlsx: Path, folder: Path) -> Path:
    """LibreOffice headless, with its own profile (a shared one can hang) and a timeout."""
    soffice = _soffice()
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        process = subprocess.Popen(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            process.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.communicate()
            pytest.fail("LibreOffice did not finish converting within 240 s")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = folder / (xlsx.stem + ".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


def pages_by_sheet(pdf: Path) -> dict[str, list[str]]:
    """Each page's text, grouped by the sheet named in its footer (工作表：…)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    out: dict[str, list[str]] = {}
    for page in text.split("\f")[:-1]:
        names = re.findall(r"工作表：(\S+)", page)
        assert len(names) == 1, page[-300:]
        out.setdefault(names[0], []).append(page)
    return out


def test_libreoffice_prints_each_sheet_on_at_most_four_pages(printed):
    pdf = print_to_pdf(printed["xlsx"], printed["base"])
    pages = pages_by_sheet(pdf)
    book = load_workbook(printed["xlsx"])
    assert set(pages) == set(book.sheetnames)
    assert {name: len(p) for name, p in pages.items() if len(p) > 4} == {}
    assert len(pages["图表"]) == 4                                          # one chart a page
    units = unit_names(60)
    charts = "".join(pages["图表"])
    assert [name for name in [*units, "县档案馆"] if name not in charts] == []   # no name skipped
    for page in pages["排名"]:                                              # names on every page
        assert sum(name in page for name in units) >= 10
        assert "得分率" in page and "排名" in page                          # the header repeated
    problems = "".join(pages["问题文件"])
    assert "会议通知.toml" in problems and "draft.toml" in problems and "未经导出提交" in problems
    assert len(pages["问题文件"]) == 1 and len(pages["分项得分"]) <= 3
