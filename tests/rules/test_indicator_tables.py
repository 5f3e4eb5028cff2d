"""Importing published indicator tables (generated here as .xlsx and .docx, with merged cells
and every recognised header) and the export → import round trip, through the installed zwgk."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from zwgk_tui.indicators.criteria import parse_criteria
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.checklist.counted import applies

LEVELS = [("一级指标", "二级指标", "三级指标"), ("类别", "考核项目", "考评项目")]
POINTS = ["分值", "权重", "分数"]
CONTENT = ["考评内容", "考核内容", "评估要点"]
CRITERIA = ["评分细则", "评分标准", "考核标准", "评分方法"]

# (level 1, level 2, level 3, points, content, criteria); None = merged with the cell above
ROWS = [
    ("健康情况（15）", "常态化监管（13）", "可用情况", 6, "监测网站能否正常访问。", "发现问题每次扣1分，扣完为止。"),
    (None, None, "更新情况", 6, "各栏目更新维护情况。", "①栏目空白每个扣2分；②信息超期未更新每条扣0.5分。"),
    (None, "商业广告", "刊登商业广告", 3, "是否存在刊登商业广告问题。", "发现刊登商业广告的，此项不得分。"),
    ("平台建设（10）", "开办规范（10）", "党政机关网站标识", 4, "首页是否加挂标识。",
     "1.清晰显示党政机关网站标识图标的，可得50%；2.可通过标识查看网站基本信息的，可得30%"),
    (None, None, "公开载体", 6, "政务微博、公开栏等。", "一项可得2分，最高不超过6分"),
    ("加分项", "通报表彰", "受到表彰", 5, "", "受到市政府以上通报表彰的，每次加3分"),
    ("扣分项", "通报批评", "受到批评", "", "", "受到市政府以上通报批评的，每次扣3分"),
]


def zwgk(*args: object, timeout: float = 120) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("zwgk")
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def write_xlsx(path: Path, headers: tuple[str, ...], rows=ROWS, title="2020年政府网站考评指标及评分细则") -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(list(headers))
    starts: dict[int, int] = {}
    for offset, row in enumerate(rows):
        excel_row = 3 + offset
        sheet.append(["" if cell is None else cell for cell in row])
        for column in range(3):
            if row[column] is not None:
                if column in starts and starts[column] < excel_row - 1:
                    sheet.merge_cells(start_row=starts[column], start_column=column + 1,
                                      end_row=excel_row - 1, end_column=column + 1)
                starts[column] = excel_row
    for column, first in starts.items():
        last = 2 + len(rows)
        if first < last:
            sheet.merge_cells(start_row=first, start_column=column + 1, end_row=last, end_column=column + 1)
    book.save(path)


def write_docx(path: Path, headers: tuple[str, ...], rows=ROWS) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2020年政府网站考评指标及评分细则")
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    for column, header in enumerate(headers):
        table.cell(0, column).text = header
    for r, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is not None:
                table.cell(r, column).text = str(value)
    for column in range(3):  # merge each None with the filled cell above it (vMerge)
        top = None
        for r, row in enumerate(rows, start=1):
            if row[column] is not None:
                top = r
            elif top is not None:
                table.cell(top, column).merge(table.cell(r, column))
    document.save(path)


def imported(path: Path, tmp_path: Path) -> tuple[dict, str]:
    out = tmp_path / "out.toml"
    run = zwgk("checklist", "import", path, "-o", out)
    assert run.returncode == 0, run.stderr
    assert zwgk("checklist", "check", out).returncode == 0
    return tomllib.loads(out.read_text(encoding="utf-8")), run.stderr


def check_tree(doc: dict) -> None:
    sections = doc["sections"]
    assert [s["title"] for s in sections] == ["健康情况", "平台建设", "加分项", "扣分项"]
    health = sections[0]
    assert [i["title"] for i in health["items"]] == ["常态化监管", "商业广告"]
    usable = health["items"][0]["items"]
    assert [(i["id"], i["title"], i["points"]) for i in usable] == [("1.1.1", "可用情况", 6), ("1.1.2", "更新情况", 6)]
    assert usable[0]["criteria"] == "发现问题每次扣1分，扣完为止。"
    assert usable[0]["rules"] == [{"text": "发现问题每次扣1分，扣完为止", "deduct": 1, "per": "次"}]
    assert usable[1]["rules"] == [{"text": "栏目空白每个扣2分", "deduct": 2, "per": "个"},
                                  {"text": "信息超期未更新每条扣0.5分", "deduct": 0.5, "per": "条"}]
    ads = health["items"][1]["items"][0]
    assert ads["rules"] == [{"text": "发现刊登商业广告的，此项不得分", "deduct": 3}]
    platform = sections[1]["items"][0]["items"]
    assert [p["share"] for p in platform[0]["parts"]] == [0.5, 0.3]
    assert platform[1]["rules"] == [{"text": "一项可得2分，最高不超过6分", "credit": 2, "per": "项", "cap": 6}]
    bonus = sections[2]["items"][0]["items"][0]
    assert bonus["bonus"] is True and bonus["rules"][0]["credit"] == 3
    penalty = sections[3]["items"][0]["items"][0]
    assert penalty["penalty"] is True and "points" not in penalty and penalty["rules"][0]["deduct"] == 3
    assert doc["title"] == "2020年政府网站考评指标及评分细则" and doc["year"] == 2020


@pytest.mark.parametrize("names", range(3))
def test_xlsx_with_merged_cells_and_every_header(tmp_path, names):
    headers = (*LEVELS[names % 2], POINTS[names], CONTENT[names], CRITERIA[names])
    path = tmp_path / "t.xlsx"
    write_xlsx(path, headers)
    doc, stderr = imported(path, tmp_path)
    check_tree(doc)
    assert "标注 15 分，下级分值合计 15 分" not in stderr
    assert "“常态化监管”标注 13 分，下级分值合计 12 分" in stderr   # a weight that disagrees is reported


def test_fourth_criteria_header_and_docx_vertical_merges(tmp_path):
    headers = ("一级指标", "二级指标", "三级指标", "分值", "考评内容", "评分方法")
    path = tmp_path / "t.docx"
    write_docx(path, headers)
    doc, _ = imported(path, tmp_path)
    check_tree(doc)


def test_unparsed_criteria_kept_with_a_warning_naming_the_row(tmp_path):
    rows = [("信息公开", "目录", "公开目录", 5, "", "参照普查评分要求，发现问题按比重扣分。")]
    path = tmp_path / "t.xlsx"
    write_xlsx(path, ("一级指标", "二级指标", "三级指标", "分值", "考评内容", "评分细则"), rows)
    doc, stderr = imported(path, tmp_path)
    leaf = doc["sections"][0]["items"][0]["items"][0]
    assert leaf["criteria"] == "参照普查评分要求，发现问题按比重扣分。" and "rules" not in leaf
    assert f"{path}:3: 未能解析为规则，保留在评分细则中：参照普查评分要求，发现问题按比重扣分" in stderr


def test_one_level_table_with_weights_in_cells(tmp_path):
    rows = [("主动公开（10分）", "", "①公文超期公开每条扣5分"), ("依申请公开", "6", "超期办理每条扣6分")]
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2020年某区政务公开考评标准表"])
    sheet.append(["类别", "分值", "考核标准"])
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / "one.xlsx"
    book.save(path)
    doc, _ = imported(path, tmp_path)
    section = doc["sections"][0]
    assert section["title"] == "2020年某区政务公开考评标准表"
    assert [(i["id"], i["title"], i["points"]) for i in section["items"]] == [("1.1", "主动公开", 10), ("1.2", "依申请公开", 6)]


def test_criteria_phrases():
    parsed = parse_criteria("①拒绝配合的，每次扣6分，未及时送交的，每次扣3分；②数量低于规定标准，出现一个月扣5分，扣完为止", 10)
    assert [(r.text, r.amount, r.per) for r in parsed.rules] == [
        ("拒绝配合的，每次扣6分", 6, "次"), ("未及时送交的，每次扣3分", 3, "次"),
        ("数量低于规定标准，出现一个月扣5分，扣完为止", 5, "月")]
    assert parse_criteria("未及时备案的扣五分", 10).rules[0].amount == 5


def test_export_then_import_gives_the_same_checklist(tmp_path, counted_path):
    table = tmp_path / "细则.xlsx"
    assert zwgk("checklist", "export", counted_path, "-o", table).returncode == 0
    back_path = tmp_path / "back.toml"
    run = zwgk("checklist", "import", table, "-o", back_path)
    assert run.returncode == 0 and run.stderr.count("\n") == 1, run.stderr   # the summary only
    original, back = load_checklist(counted_path), load_checklist(back_path)
    assert back.id == original.id and back.title == original.title and back.year == original.year
    assert back.categories == original.categories
    assert (back.rules.bonus_cap, back.rules.penalty_cap) == (original.rules.bonus_cap, original.rules.penalty_cap)
    assert [n.id for n in back.walk()] == [n.id for n in original.walk()]
    for a, b in zip(original.walk(), back.walk(), strict=True):
        assert (a.title, a.points, a.text, a.criteria, a.rules, a.parts) == (b.title, b.points, b.text, b.criteria, b.rules, b.parts)
        assert (a.bonus, a.penalty, a.veto) == (b.bonus, b.penalty, b.veto)
    for leaf, other in zip(original.leaves, back.leaves, strict=True):
        assert [applies(leaf, c) for c in "AB"] == [applies(other, c) for c in "AB"]


def test_export_round_trips_a_bundled_checklist(tmp_path):
    table = tmp_path / "t.xlsx"
    assert zwgk("checklist", "export", "2019-guowuyuan", "-o", table).returncode == 0
    back_path = tmp_path / "back.toml"
    assert zwgk("checklist", "import", table, "-o", back_path).returncode == 0
    original, back = load_checklist(load_checklist_path("2019-guowuyuan")), load_checklist(back_path)
    assert [(n.id, n.title, n.points, n.text) for n in original.walk()] == [(n.id, n.title, n.points, n.text) for n in back.walk()]


def load_checklist_path(name: str) -> Path:
    return Path(__file__).resolve().parents[2] / "checklists" / f"{name}.toml"


def test_bad_tables_are_one_line_errors(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    run = zwgk("checklist", "import", tmp_path / "x.xlsx", "-o", tmp_path / "o.toml")
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "x.xlsx" in run.stderr
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["姓名", "电话"])
    book.save(tmp_path / "y.xlsx")
    run = zwgk("checklist", "import", tmp_path / "y.xlsx", "-o", tmp_path / "o.toml")
    assert run.returncode == 2 and "没有找到指标表" in run.stderr and not (tmp_path / "o.toml").exists()
    run = zwgk("checklist", "export", "2019-guowuyuan", "-o", tmp_path / "t.csv")
    assert run.returncode == 2 and ".xlsx" in run.stderr


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_merged_cells_are_seen_as_merged(tmp_path, suffix):
    from zwgk_tui.indicators.grid import read_grids

    path = tmp_path / f"t{suffix}"
    headers = ("一级指标", "二级指标", "三级指标", "分值", "考评内容", "评分细则")
    (write_xlsx if suffix == ".xlsx" else write_docx)(path, headers)
    grid = read_grids(path)[0]
    first = 2 if suffix == ".xlsx" else 1        # the data rows (the sheet has a title row)
    assert grid.rows[first + 1][0] == "健康情况（15）" and grid.down[first + 1][0]
    assert grid.down[first + 2][1] is False and grid.rows[first + 2][1] == "商业广告"
    assert not grid.down[first][0] and not grid.down[first + 1][2]


def test_bundled_licheng_table_is_the_published_text_and_imports_to_the_shipped_checklist(tmp_path):
    from openpyxl import load_workbook

    root = Path(__file__).resolve().parents[2]
    table = root / "checklists" / "tables" / "2020-licheng.xlsx"
    source = (root / "checklists" / "sources" / "005_licheng_2020.txt").read_text(encoding="utf-8")
    for row in load_workbook(table).active.iter_rows(values_only=True):
        for cell in row:
            if cell is not None:
                assert str(cell) in source     # every cell is the published text, word for word
    out = tmp_path / "2020-licheng.toml"
    assert zwgk("checklist", "import", table, "-o", out).returncode == 0
    assert out.read_bytes() == (root / "checklists" / "2020-licheng.toml").read_bytes()
    checklist = load_checklist(out)
    assert [len(leaf.rules) for leaf in checklist.leaves] == [3, 5, 4, 3]
    assert checklist.max_points == 32
