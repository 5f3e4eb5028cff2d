"""-o by extension: the workbook read back with openpyxl, the CSV with its BOM, Markdown,
TOML — and no cell or line that a spreadsheet or viewer would run as a formula or markup."""

from __future__ import annotations

import csv
import io
import re
import tomllib

import pytest
from openpyxl import load_workbook

from zwgk_tui.textsafe import width

ALL_MET = {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "met", "2.u1": "met"}
FORMULAS = ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\",\"点我\")"]


@pytest.fixture
def received(make_unit):
    make_unit("市公安局政务公开办公室", ALL_MET)
    make_unit("市财政局", {"1.1": "met", "1.2": "unmet", "2.1.1": "partial", "2.1.3": "met"})
    for n, unit in enumerate(FORMULAS):
        make_unit(unit, {"1.1": "met", "1.2": "partial", "2.1.1": "met", "2.1.3": "met"}, assessor=f"=A{n}")
    make_unit("未评完的乡镇", {"1.1": "met"})


def write(zwgk, tmp_path, inbox, name):
    out = tmp_path / name
    run = zwgk("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "-o", out, "--plain")
    assert run.code == 0, run.out + run.err
    return out


def test_workbook_sheets_headers_values_and_layout(zwgk, tmp_path, inbox, received, sheet_table):
    out = write(zwgk, tmp_path, inbox, "汇总.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["排名", "图表", "分项平均", "分项得分", "未达标条目", "条目统计", "未评完",
                               "问题文件", "说明"]
    ranking = book["排名"]
    header, rows = sheet_table(ranking)
    assert header[:6] == ["排名", "单位", "得分", "满分", "得分率", "等级"]
    assert "2026年示例政务公开工作要点" in ranking["A1"].value and "计入 8 个单位" in ranking["A2"].value
    first = rows[0]
    assert (first["排名"], first["单位"], first["等级"]) == (1, "市公安局政务公开办公室", "优秀")
    assert first["得分"] == pytest.approx(103) and first["满分"] == pytest.approx(100)
    assert first["得分率"] == pytest.approx(1.03)                      # a number, shown as 103.00%
    assert ranking["E4"].number_format == "0.00%" and ranking["C4"].number_format == "0.00"
    assert ranking["E4"].alignment.horizontal == "right"               # numbers right-aligned
    assert {r["单位"] for r in rows} >= set(FORMULAS)
    for sheet in book.worksheets:                                      # frozen header row
        if sheet.title == "图表":
            continue
        assert sheet.freeze_panes in ("A4", "B4", "C4"), sheet.title
        assert all(c.font.bold for c in sheet[3])
        assert all(c.border.left.style == "thin" for c in sheet[4]), sheet.title
    assert ranking.freeze_panes == "C4"                                # rank and unit stay in view
    widths = {k: d.width for k, d in ranking.column_dimensions.items()}
    assert widths["B"] == max(width(r["单位"]) for r in rows) + 2      # CJK counts double
    assert width("市公安局政务公开办公室") == 22
    assert 6 <= widths["A"] <= 8
    assert book["分项平均"].column_dimensions["B"].width == width("推进决策公开") + 2 == 14
    unmet = book["未达标条目"]
    assert [c.value for c in unmet[4]][:4] == ["1.2", "推进执行公开", 20, 1]
    assert unmet["J4"].value == "市财政局"
    _, problems = sheet_table(book["问题文件"])
    assert any(r["单位"] == "未评完的乡镇" and "未评 4 项" in r["问题"] for r in problems)


def test_no_cell_is_ever_a_formula(zwgk, tmp_path, inbox, received):
    out = write(zwgk, tmp_path, inbox, "r.xlsx")
    book = load_workbook(out)
    seen = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
    assert set(FORMULAS) <= seen and "=A0" in seen
    ranking = book["排名"]
    for row in ranking.iter_rows(min_row=4):
        if row[1].value in FORMULAS:
            assert row[1].data_type == "s" and row[1].quotePrefix
    raw = _sheet_xml(out)                                                 # and at the XML level
    assert "<f>" not in raw and "<f " not in raw


def _sheet_xml(path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_csv_has_a_bom_reads_back_and_defuses_formulas(zwgk, tmp_path, inbox, received):
    out = write(zwgk, tmp_path, inbox, "r.csv")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["排名", "单位", "得分", "满分", "得分率", "等级"]
    assert rows[1][:6] == ["1", "市公安局政务公开办公室", "103.00", "100.00", "103.00%", "优秀"]
    units = [r[1] for r in rows[1:]]
    for formula in FORMULAS:
        assert "'" + formula in units
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert not any(cell.startswith("-") and not cell[1:2].isdigit() for row in rows for cell in row)


def test_markdown_escapes_file_text(zwgk, tmp_path, inbox, make_unit):
    make_unit("<script>alert(1)</script>|[点我](http://x)", ALL_MET)
    out = write(zwgk, tmp_path, inbox, "r.md")
    text = out.read_text("utf-8")
    assert text.startswith("# 汇总报告：2026年示例政务公开工作要点\n")
    assert not re.search(r"(?<!\\)[<>]", text) and not re.search(r"(?<!\\)\]\(", text)
    assert r"\<script\>alert(1)\</script\>\|\[点我\](http://x)" in text
    ranking = text.split("## 排名")[1].split("##")[0].strip().splitlines()
    assert ranking[0].startswith("| 排名 | 单位 | 得分 |") and ranking[1].startswith("|---:|---|---:|")
    assert len({line.count(" | ") for line in ranking[2:]}) == 1     # every row has every cell


def test_toml_report_reads_back(zwgk, tmp_path, inbox, received):
    out = write(zwgk, tmp_path, inbox, "r.toml")
    doc = tomllib.loads(out.read_text("utf-8"))
    assert (doc["format"], doc["version"]) == ("zwgk-report", 1)
    assert doc["checklist"]["id"] == "mini-2026" and len(doc["checklist"]["sha256"]) == 64
    assert doc["files"] == {"total": 8, "counted": 8, "rejected": 0, "ignored": 0}
    assert [u["rank"] for u in doc["units"]] == sorted(u["rank"] for u in doc["units"])


def test_unknown_extension_is_a_usage_error_before_any_work(zwgk, tmp_path, inbox, received):
    run = zwgk("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "-o", tmp_path / "r.pdf")
    assert run.code == 2 and "不支持的输出格式 .pdf" in run.err and not run.out


def test_output_is_private_and_replaces_atomically(zwgk, tmp_path, inbox, received):
    out = write(zwgk, tmp_path, inbox, "r.xlsx")
    assert out.stat().st_mode & 0o777 == 0o600     # it holds every unit's figures
    out.chmod(0o640)
    write(zwgk, tmp_path, inbox, "r.xlsx")
    assert out.stat().st_mode & 0o777 == 0o640     # an existing file keeps its mode
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_csv_names_the_files_left_out(zwgk, tmp_path, inbox, make_unit):
    make_unit("市财政局", ALL_MET)
    (inbox / "bad.toml").write_text("=cmd|' /C calc'!A0\n", "utf-8")
    out = tmp_path / "r.csv"
    run = zwgk("report", inbox, "--checklist", tmp_path / "checklists" / "mini.toml", "-o", out, "--plain")
    assert run.code == 1 and out.exists()
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[1][1] == "市财政局"
    hint, file = rows[0].index("提示"), rows[0].index("文件")
    assert rows[-1][0] == "未计入" and "TOML 语法错误" in rows[-1][hint] and rows[-1][file].endswith("bad.toml")
