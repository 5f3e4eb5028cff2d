"""A 任务分解表 that is the whole document, in every shape it reaches an author (task_tables.py
says which real published tables it is modelled on): the same sections (一、), items
(（一） groups), sub-items (tasks 1.–11. numbered through the table, 10 skipped), units
(a lead cell merged down is the row above's, marked), whatever the copy lost."""

from __future__ import annotations

import tomllib

import pytest
import task_tables
from wp_helpers import nodes

from zwgk_tui.workpoints.build import build_checklist

SHAPES = {
    "html-table": (task_tables.html_table, "t.html"),
    "docx-merged": (task_tables.docx_table, "t.docx"),
    "pdf-ruled": (task_tables.pdf_table, "t.pdf"),
    "cells-run-together": (task_tables.run_together, "t.txt"),
    "one-cell-a-line": (task_tables.one_cell_a_line, "t.txt"),
    "tab-separated": (task_tables.tab_separated, "t.txt"),
}
# the copies made from text keep the section row the page break repeated
REPEATS = {"cells-run-together", "one-cell-a-line", "tab-separated"}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_task_table_in_every_shape(tmp_path, shape):
    make, name = SHAPES[shape]
    result = build_checklist(make(tmp_path / name), checklist_id="fj-2016", convert=None)
    doc = tomllib.loads(result.toml)
    items = nodes(doc)
    expected = task_tables.expected()
    assert list(items) == list(expected)
    assert {k: v.get("units", []) for k, v in items.items()} == expected
    assert doc["title"] == task_tables.TITLE
    assert [items[s]["title"] for s in ("1", "2")] == ["推进重点领域信息公开", "加强政策解读和回应社会关切"]
    assert items["1.1"]["title"] == "推进行政权力清单公开"
    assert items["1.1.1"]["title"] == "全面公开省级政府工作部门权力清单和责任清单"
    assert items["1.1.1"]["text"] == "通过政府门户网站集中展示，并动态更新。"
    assert items["2.4.9"]["deadlines"] == ["24小时内"]
    assert items["2.3.8"]["targets"] == ["至少举办1次"] and items["2.3.8"]["deadlines"] == ["每季度"]
    report = result.report
    assert result.summary() == "2 个部分，4 个条目，10 个子条目，10 个评估项，总分 100"
    assert (report.table_rows, report.inherited) == (10, 4)  # tasks 2, 3, 6, 8 inherit their lead
    assert "单位一格为空（原表为合并单元格），沿用上一行的单位" in result.toml
    kinds = sorted(sign.kind for sign in report.warnings())
    assert kinds == sorted(["row-gap", *(["repeat"] if shape in REPEATS else [])])
