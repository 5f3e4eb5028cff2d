"""Authoring slips through the real ``zwgk checklist check`` and ``build``: full points other
than 100 (or ``[scoring] total``) is a warning on stderr naming file and line, exit 0; a
leaf without points where others have them is an error, exit 2; ``build -o`` keeps a
hand-edited checklist unless ``--force``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "checklists" / "sources"


def zwgk(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk_tui", "checklist", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=60)


def _line_of(path: Path, needle: str) -> int:
    return path.read_text("utf-8").splitlines().index(needle) + 1


def test_a_sound_checklist_passes_quietly(mini_copy):
    run = zwgk("check", str(mini_copy), cwd=mini_copy.parent)
    assert run.returncode == 0 and run.stdout == ""
    assert run.stderr.strip() == f"{mini_copy}: 通过"


def test_full_points_other_than_100_is_a_warning_with_file_and_line(mini_copy):
    text = mini_copy.read_text("utf-8")
    mini_copy.write_text(text.replace('text = "推进执行公开。"\npoints = 20', 'text = "推进执行公开。"\npoints = 15'), "utf-8")
    run = zwgk("check", str(mini_copy), cwd=mini_copy.parent)
    assert run.returncode == 0 and run.stdout == ""
    first, last = run.stderr.strip().splitlines()
    assert first.startswith(f"{mini_copy}:{_line_of(mini_copy, '[scoring]')}: ")
    assert "合计为 95" in first and "不是 100" in first and "total = 95" in first
    assert last == f"{mini_copy}: 通过（1 条提醒，见上）"


def test_the_author_sets_another_total(mini_copy):
    text = mini_copy.read_text("utf-8").replace("bonus_cap = 3", "bonus_cap = 3\ntotal = 100")
    mini_copy.write_text(text, "utf-8")
    assert zwgk("check", str(mini_copy), cwd=mini_copy.parent).stderr.strip() == f"{mini_copy}: 通过"
    mini_copy.write_text(text.replace("total = 100", "total = 120"), "utf-8")
    run = zwgk("check", str(mini_copy), cwd=mini_copy.parent)
    assert run.returncode == 0
    assert run.stderr.startswith(f"{mini_copy}:{_line_of(mini_copy, 'total = 120')}: ")
    assert "合计为 100" in run.stderr and "不是 120" in run.stderr
    mini_copy.write_text(text.replace("total = 100", 'total = "一百"'), "utf-8")
    run = zwgk("check", str(mini_copy), cwd=mini_copy.parent)
    assert run.returncode == 2 and "scoring.total" in run.stdout


def test_a_leaf_without_points_among_scored_leaves_is_an_error(mini_copy):
    text = mini_copy.read_text("utf-8")
    mini_copy.write_text(text.replace('text = "推进执行公开。"\npoints = 20\n', 'text = "推进执行公开。"\n'), "utf-8")
    run = zwgk("check", str(mini_copy), cwd=mini_copy.parent)
    assert run.returncode == 2
    header = _line_of(mini_copy, 'id = "1.2"') - 1          # the item's [[sections.items]] line
    assert run.stdout.strip() == (f"{mini_copy}:{header}: 评估项 1.2 没有分值（points），"
                                  "而另外 3 项有：请补上分值（不计分的写 points = 0）")   # 加分项 not counted
    assert "合计为 80" in run.stderr                          # and the total is off as well
    assert "Traceback" not in run.stderr


def test_the_shipped_checklists_pass_and_the_partial_table_is_noticed(tmp_path):
    shipped = sorted((SEED.parent).glob("*.toml"))
    assert len(shipped) >= 6
    run = zwgk("check", *map(str, shipped), cwd=tmp_path)
    assert run.returncode == 0 and run.stdout == "", run.stdout + run.stderr
    notes = [line for line in run.stderr.strip().splitlines() if not line.endswith(": 通过")]
    # the bundled 鲤城区 table holds only the rows its stored copy has whole: 32 of 100 points
    partial = str(SEED.parent / "2020-licheng.toml")
    assert len(notes) == 2 and notes[0].startswith(f"{partial}:") and "合计为 32" in notes[0], notes
    assert notes[1] == f"{partial}: 通过（1 条提醒，见上）"


def test_build_keeps_a_hand_edited_checklist_unless_forced(tmp_path):
    source = sorted(SEED.glob("*.txt"))[0]
    out = tmp_path / "清单.toml"
    assert zwgk("build", str(source), "-o", str(out), cwd=tmp_path).returncode == 0
    built = out.read_bytes()
    again = zwgk("build", str(source), "-o", str(out), cwd=tmp_path)    # its own output: fine
    assert again.returncode == 0 and out.read_bytes() == built
    edited = built.replace(b"points = ", b"points = 1", 1)
    out.write_bytes(edited)
    refused = zwgk("build", str(source), "-o", str(out), cwd=tmp_path)
    assert refused.returncode == 2 and out.read_bytes() == edited      # the edit survives
    assert refused.stderr.strip().startswith(f"{out}: 文件已存在") and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    forced = zwgk("build", str(source), "-o", str(out), "--force", cwd=tmp_path)
    assert forced.returncode == 0 and out.read_bytes() == built
    other = tmp_path / "笔记.toml"                                     # any other file is kept too
    other.write_text("# 我的笔记\n", "utf-8")
    assert zwgk("build", str(source), "-o", str(other), cwd=tmp_path).returncode == 2
    assert other.read_text("utf-8") == "# 我的笔记\n"


def test_bonus_penalty_and_categories_are_checked_as_scored(tmp_path):
    """A counted bonus and a penalty have no points by design; an A类 unit and a B类 unit
    are each assessed on their own items, so each kind's total is checked."""
    counted = Path(__file__).resolve().parents[1] / "data" / "counted.toml"
    path = tmp_path / "counted.toml"
    path.write_bytes(counted.read_bytes())
    run = zwgk("check", str(path), cwd=tmp_path)
    assert run.returncode == 0 and run.stdout == ""                  # no "leaf without points"
    lines = run.stderr.strip().splitlines()
    assert [line.split(": ", 1)[1].split("各评估项")[0] for line in lines[:-1]] == [
        "县（区）人民政府（A 类）", "市直部门（B 类）"]
    assert all("合计为 40" in line for line in lines[:-1])
