"""``zwgk report`` over counted score files: totals with penalties, categories, and 扣分最多的规则,
every figure worked out here from the counts (never through model.scoring)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.assessment.submit import export
from zwgk_tui.model.checklist import load_checklist

ZWGK = Path(sys.executable).with_name("zwgk")

# unit → (category, counts per item); 3.1 / 4.1 met. Rules (counted.toml): 1.1 每条扣5 / 每条扣1,
# 1.2 一次性扣5, 1.3 每项得2 (cap 6), 1.4 parts 50% / 30% of 4, 2.1 bonus 每次加3 (cap 4),
# 2.2 penalty 每次扣3 (penalty_cap 5).
UNITS = {
    "甲区": ("A", {"1.1": [1, 2], "1.2": [0], "1.3": [3], "1.4": [True, True], "2.1": [0], "2.2": [0]}),
    "乙区": ("A", {"1.1": [2, 0], "1.2": [1], "1.3": [1], "1.4": [True, False], "2.1": [1], "2.2": [2]}),
    "丙局": ("B", {"1.1": [0, 3], "1.2": [1], "1.3": [0], "1.4": [False, False], "2.1": [0], "2.2": [1]}),
}


def by_hand(category: str, counts: dict) -> tuple[float, float]:
    """(total, maximum) from the rules as the checklist states them."""
    earned = max(10 - 5 * counts["1.1"][0] - 1 * counts["1.1"][1], 0)
    earned += 10 - 5 * counts["1.2"][0]
    earned += min(2 * counts["1.3"][0], 6)
    earned += 4 * (0.5 * counts["1.4"][0] + 0.3 * counts["1.4"][1])
    earned += 10  # 3.1 or 4.1, met
    bonus = min(3 * counts["2.1"][0], 4)
    penalty = min(3 * counts["2.2"][0], 5)
    return earned + bonus - penalty, 40.0


def make_inbox(tmp_path: Path, counted_path: Path) -> Path:
    checklist = load_checklist(counted_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for unit, (category, counts) in UNITS.items():
        path = tmp_path / f"{unit}.toml"
        session = Assessment.open(checklist, path, unit=unit, assessor="张三")
        session.set_category(category)
        for item_id, values in counts.items():
            if item_id == "1.4":
                session.set_counts(item_id, None, values)
            else:
                session.set_counts(item_id, values)
        session.set_status("3.1" if category == "A" else "4.1", "met")
        session.close()
        export(path, inbox / f"{unit}.toml", checklist)
    return inbox


def test_report_totals_and_the_rules_that_took_most(tmp_path, counted_path):
    inbox = make_inbox(tmp_path, counted_path)
    run = subprocess.run([str(ZWGK), "report", str(inbox), "--checklist", str(counted_path), "--plain"],
                         capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                                                           "ZWGK_DATA_DIR": str(tmp_path / "d")})
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for unit, (category, counts) in UNITS.items():
        total, maximum = by_hand(category, counts)
        assert f"{unit}：得分 {total:.2f}，满分 {maximum:.2f}，得分率 {100 * total / maximum:.2f}%" in out, (unit, out)
    # 扣分最多的规则, by hand: 1.1 rule 1: 甲 1×5 + 乙 2×5 = 15 (2 units, 3 条); 1.2 rule 1: 乙 + 丙 = 10;
    # 1.1 rule 2: 甲 2 + 丙 3 = 5 (2 units, 5 条); penalty 2.2: 乙 2×3 = 6, 丙 1×3 = 3 → 9
    block = out[out.index("扣分最多的规则"):]
    lines = [line.strip() for line in block.splitlines()[1:5]]
    assert lines[0].startswith("1.1 细则 1：公文提前或超期公开每条扣5分：扣分单位 2，次数 3，合计扣分 15.00")
    assert lines[1].startswith("1.2 细则 1：未及时向区政务公开办备案的扣5分：扣分单位 2，次数 2，合计扣分 10.00")
    assert lines[2].startswith("2.2 细则 1：受到市政府以上通报批评的，每次扣3分：扣分单位 2，次数 3，合计扣分 9.00")
    assert lines[3].startswith("1.1 细则 2：标题、索引号等要素未规范录入每条扣1分：扣分单位 2，次数 5，合计扣分 5.00")
    assert out.index("未达标最多的条目") < out.index("扣分最多的规则")


def test_report_workbook_has_the_rules_sheet(tmp_path, counted_path):
    from openpyxl import load_workbook

    inbox = make_inbox(tmp_path, counted_path)
    target = tmp_path / "汇总.xlsx"
    run = subprocess.run([str(ZWGK), "report", str(inbox), "--checklist", str(counted_path), "-o", str(target)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    sheet = load_workbook(target)["扣分规则"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if row[0] == "编号")
    first = rows[header + 1]
    assert first[:8] == ["1.1", "政府信息主动公开", 1, "公文提前或超期公开每条扣5分", 2, 3, 15, "甲区、乙区"]
