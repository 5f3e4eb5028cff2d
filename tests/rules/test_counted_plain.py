"""``k`` in the plain mode, through a pipe to the installed ``zwgk``: counts set, read back,
saved, and the figures in the file checked by hand."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ZWGK = Path(sys.executable).with_name("zwgk")


def run_plain(tmp_path: Path, checklist: Path | str, lines: list[str], *extra: str) -> tuple[int, str, Path]:
    scores = tmp_path / "s.toml"
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(
        [str(ZWGK), "assess", str(checklist), "--unit", "示例区政务公开办", "--assessor", "张三",
         "--scores", str(scores), "--plain", *extra],
        input="".join(line + "\n" for line in lines).encode("utf-8"), capture_output=True, timeout=60, env=env)
    return done.returncode, done.stdout.decode("utf-8") + done.stderr.decode("utf-8"), scores


def test_k_reads_sets_and_saves_counts(tmp_path, counted_path):
    code, out, scores = run_plain(tmp_path, counted_path, [
        "k", "k 1 2", "k 2 1", "k 3 1", "3", "n",      # 1.1: 10 - 2×5 - 1×1 → 0
        "k 1", "n",                                     # 1.2: one-off 扣5分 → 5
        "k 4", "n",                                     # 1.3: 4 × 2, cap 6 → 6
        "k 1 1", "k 2 0", "n",                          # 1.4: 50% of 4 → 2
        "k 2", "n",                                     # 2.1 bonus: 2 × 3 = 6, bonus_cap 4
        "k 1", "n",                                     # 2.2 penalty: 1 × 3 = 3
        "1", "1", "s", "q",                             # 3.1, 4.1 met
    ], "--category", "A")
    assert code == 0, out
    assert "细则 1：公文提前或超期公开每条扣5分（每条扣 5 分）：计 0 条，扣 0 分" in out
    assert "已保存：1.1 细则 1 计 2 条。扣 2 条 × 5 分：得 0 分，满分 10 分；状态：未达标。" in out
    assert "已保存：1.1 细则 2 计 1 条。扣 2 条 × 5 分，扣 1 条 × 1 分：得 0 分，满分 10 分；状态：未达标。" in out
    assert "错误：没有细则 3；本项共 2 条细则" in out
    assert "错误：1.1 按评分细则计分" in out                  # a status key on a counted item
    assert "已保存：1.2 细则 1 有。扣 5 分：得 5 分，满分 10 分；状态：基本达标。" in out
    assert "已保存：1.3 细则 1 计 4 项。得 4 项 × 2 分（上限 6 分）：得 6 分，满分 6 分；状态：达标。" in out
    assert "已保存：1.4 细则 2 不符合。符合 1 项（50%）：得 2 分，满分 4 分；状态：基本达标。" in out
    assert "适用类别：部门专项" not in out
    assert "类别：A 县（区）人民政府" in out
    assert "扣分项：扣 3 分" in out
    # by hand: 0 + 5 + 6 + 2 + 10 (3.1) = 23 of 40; bonus min(6, 4) = 4; penalty 3 → 24
    assert "总分：24 分，满分 40 分，得分率 60.0%" in out
    doc = tomllib.loads(scores.read_text(encoding="utf-8"))
    items = doc["items"]
    assert doc["category"] == "A"
    assert items["1.1"]["counts"] == [2, 1] and items["1.1"]["status"] == "unmet"
    assert items["1.2"]["counts"] == [1] and items["1.2"]["status"] == "partial"
    assert items["1.4"]["parts"] == [True, False] and "counts" not in items["1.4"]
    assert items["2.2"]["counts"] == [1] and items["2.2"]["status"] == "unmet"
    assert "4.1" not in items          # not for category A: skipped, never asked


def test_k_alone_on_an_item_without_rules_and_bad_numbers(tmp_path, counted_path):
    code, out, scores = run_plain(tmp_path, counted_path, ["g 3.1", "k", "g 1.2", "k 2", "k 1 x", "k 1", "q"])
    assert code == 0
    assert "错误：3.1 没有评分细则规则，请直接输入状态 1 到 4" in out
    assert "错误：细则 1 是一次性规则，只能计 0（没有）或 1（有）" in out
    assert "错误：计数应为整数" in out
    assert tomllib.loads(scores.read_text(encoding="utf-8"))["items"]["1.2"]["counts"] == [1]


def test_the_bundled_indicator_table_assessed_with_k(tmp_path):
    code, out, scores = run_plain(tmp_path, "2020-licheng", [
        "k 1 1", "k 2 3", "n", "k 5 1", "n", "k 3 1", "n", "k", "q"])
    assert code == 0, out
    assert "已保存：1.1 细则 2 计 3 条。扣 1 条 × 5 分，扣 3 条 × 1 分：得 2 分，满分 10 分；状态：基本达标。" in out
    assert "已保存：1.2 细则 5 有。扣 5 分：得 5 分，满分 10 分；状态：基本达标。" in out
    assert "已保存：1.3 细则 3 计 1 次。扣 1 次 × 6 分：得 0 分，满分 6 分；状态：未达标。" in out
    assert "得分：未评（还没有输入计数；都计 0 时未扣分：得 6 分，满分 6 分）" in out   # 1.4: read, not scored
    items = tomllib.loads(scores.read_text(encoding="utf-8"))["items"]
    assert [items[i]["counts"] for i in ("1.1", "1.2", "1.3")] == [[1, 3, 0], [0, 0, 0, 0, 1], [0, 0, 1, 0]]


def test_a_reviewer_changes_a_count_with_a_reason(tmp_path, counted_path):
    code, out, scores = run_plain(tmp_path, counted_path, ["k 1 0", "k 2 1", "q"])
    assert code == 0, out
    received = tmp_path / "received.toml"
    done = subprocess.run([str(ZWGK), "export", str(scores), "-o", str(received), "--checklist", str(counted_path),
                           "--allow-incomplete"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    review = subprocess.run(
        [str(ZWGK), "review", str(received), "--plain", "--reviewer", "李四", "--checklist", str(counted_path),
         "--return-to", str(tmp_path / "returned.toml")],
        input="k 1 2 抽查发现 2 条超期公开\n3 不对\nk 1 x\ns\nq\n", capture_output=True, text=True, timeout=60, env=env)
    assert review.returncode == 0, review.stdout + review.stderr
    out = review.stdout
    assert "已保存：1.1 复核调整细则 1 为 2。扣 2 条 × 5 分，扣 1 条 × 1 分：得 0 分，满分 10 分；理由：抽查发现 2 条超期公开" in out
    assert "错误：1.1 按评分细则计分" in out          # a status adjustment on a counted item is refused
    assert "错误：请输入 k 序号 次数 理由" in out
    assert "review" not in tomllib.loads(received.read_text(encoding="utf-8"))["items"]["1.1"]  # never written
    doc = tomllib.loads((tmp_path / "returned.toml").read_text(encoding="utf-8"))     # what goes back
    item = doc["items"]["1.1"]
    assert item["counts"] == [0, 1]                      # the unit's own counts stay as they were
    assert item["review"]["counts"] == [2, 1] and item["review"]["self_counts"] == [0, 1]
    assert item["review"]["status"] == "unmet" and item["review"]["reason"] == "抽查发现 2 条超期公开"
    # the report counts the reviewed figure: 1.1 earns 0 (not 9), so the total is 0 of 40 here
    report = subprocess.run([str(ZWGK), "report", str(received), "--checklist", str(counted_path), "--plain"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert "扣分最多的规则" in report.stdout and "次数 2，合计扣分 10.00" in report.stdout
