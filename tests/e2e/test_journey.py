"""The yearly journey through the installed ``zwgk`` command, as officers and a supervisor
take it: year N−1 assessed by two units (plain mode, pipes) → exported to an inbox →
reviewed (accept, adjust, return with a reason; the returned copy written) → received by
the officer → the worklist with the reason, fixed (evidence only on one item, status on
another) → exported again (the inbox keeps the reviewed file) → the new submission carries
the untouched decisions and flags both changes → reviewed again → the report against a
roster with one unit missing and one rejected; then year N: ``zwgk checklist diff``,
``zwgk assess NEW --carry-from`` in tmux (the carried items, not a blank screen), and a
drifted checklist's dialog through ``zwgk assess``.

Each account is its own data folder (``ZWGK_DATA_DIR``); every subprocess has a timeout.
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest

from zwgk_tui.model.checklist import catalog, load_checklist

pytestmark = pytest.mark.e2e

CHECKLIST = "2019-guowuyuan"
A, B, C = "县民政局", "县教育局", "县财政局"
REASON = "未附解读材料链接，请补充后重新提交"


def zwgk(bin_: Path, data: Path, *args: object, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "ZWGK_PLAIN")}
    env.update(ZWGK_DATA_DIR=str(data), ZWGK_CONFIG=str(data / "config.toml"), LANG="C.UTF-8")
    return subprocess.run([str(bin_), *map(str, args)], input=stdin, capture_output=True, text=True,
                          timeout=120, env=env)


def assess_all(bin_: Path, data: Path, unit: str, checklist: str = CHECKLIST) -> Path:
    """Every item answered in plain mode: evidence, then 达标 (1.3 基本达标)."""
    leaves = load_checklist(catalog.resolve(checklist).path).leaves
    lines = []
    for leaf in leaves:
        lines += [f"g {leaf.id}", f"e https://www.example.gov.cn/{leaf.id}.html", "2" if leaf.id == "1.3" else "1"]
    done = zwgk(bin_, data, "assess", checklist, "--unit", unit, "--assessor", "张三", "--plain",
                stdin="\n".join([*lines, "q"]) + "\n")
    assert done.returncode == 0, done.stderr
    return data / "scores" / f"{CHECKLIST}--{unit}.toml"


def test_the_yearly_journey(tmp_path, zwgk_bin, tmux):
    inbox, returns = tmp_path / "收件箱", tmp_path / "退回"
    inbox.mkdir()
    returns.mkdir()
    officer_a, officer_b, boss = tmp_path / "a", tmp_path / "b", tmp_path / "boss"

    # Year N−1: two units assess and export into the inbox.
    own_a = assess_all(zwgk_bin, officer_a, A)
    own_b = assess_all(zwgk_bin, officer_b, B)
    for data, own in ((officer_a, own_a), (officer_b, own_b)):
        done = zwgk(zwgk_bin, data, "export", own, "-o", inbox)
        assert done.returncode == 0 and "已导出" in done.stderr, done.stderr
    first_a = inbox / f"{A}.toml"
    reviewed_bytes = first_a.read_bytes()

    # The supervisor reviews A: accept 1.1, adjust 1.2, return 1.3, accept the rest; the
    # returned copy is written when the session ends. B: all accepted.
    done = zwgk(zwgk_bin, boss, "review", first_a, "--plain", "--reviewer", "李四", "--return-to", returns,
                stdin=f"g 1.1\na\ng 1.2\n2 解读材料只有一半\ng 1.3\nr {REASON}\nA\ny\nq\n")
    assert done.returncode == 0, done.stderr + done.stdout
    assert "退回文件已写出" in done.stdout
    assert first_a.read_bytes() == reviewed_bytes                 # the unit's file is never written
    done = zwgk(zwgk_bin, boss, "review", inbox / f"{B}.toml", "--plain", stdin="A\ny\nq\n")
    assert done.returncode == 0

    # The returned copy reaches the officer (documented channel: zwgk scores receive).
    done = zwgk(zwgk_bin, officer_a, "scores", "receive", returns / f"{A}.toml")
    assert done.returncode == 0, done.stderr
    assert "退回 1 项：1.3" in done.stdout and REASON in done.stdout and "调整 1 项：1.2" in done.stdout
    listed = zwgk(zwgk_bin, officer_a, "scores", "list")
    assert "有退回项1" in listed.stdout

    # The officer sees the worklist with the reason; fixes 1.3 with evidence only, 1.2's status.
    done = zwgk(zwgk_bin, officer_a, "assess", CHECKLIST, "--unit", A, "--plain",
                stdin="e https://www.example.gov.cn/1.3-解读.html\ng 1.2\n3\nq\n")
    assert done.returncode == 0, done.stderr
    assert "复核退回的条目 1 项" in done.stdout and f"理由：{REASON}" in done.stdout
    assert "复核退回的条目" not in zwgk(zwgk_bin, officer_a, "assess", CHECKLIST, "--unit", A, "--plain",
                                       stdin="q\n").stdout

    # Exported again: the inbox still holds the reviewed file; the new one has its own name.
    done = zwgk(zwgk_bin, officer_a, "export", own_a, "-o", inbox)
    assert done.returncode == 0 and "较早的提交" in done.stderr, done.stderr
    second_a = inbox / f"{A}-2.toml"
    assert second_a.exists() and first_a.read_bytes() == reviewed_bytes
    assert "review" not in tomllib.loads(second_a.read_text("utf-8"))["items"]["1.3"]   # not sent up

    # The new submission carries the untouched decisions and flags both changed items.
    done = zwgk(zwgk_bin, boss, "review", second_a, "--plain", "--read-only",
                stdin="g 1.1\ng 1.2\ng 1.3\ns\nq\n")
    said = done.stdout
    assert "复核后单位已修改：状态 达标→未达标" in said            # 1.2: the status
    assert "复核后单位已修改：佐证 新增 1 条" in said               # 1.3: evidence only
    assert "复核：认可" in said                                      # 1.1: carried over
    assert "2 项在复核后被单位修改" in said

    # Reviewed again: the two changed items.
    done = zwgk(zwgk_bin, boss, "review", second_a, "--plain", "--reviewer", "李四",
                stdin="g 1.2\na\ng 1.3\na\nq\n")
    assert done.returncode == 0

    # B's file is tampered with after export (rejected); C never sends one.
    tampered = inbox / f"{B}.toml"
    tampered.write_text(tampered.read_text("utf-8").replace("https://www.example.gov.cn/2.1.html",
                                                            "https://www.example.gov.cn/改过.html"), "utf-8")
    roster = tmp_path / "名单.txt"
    roster.write_text(f"{A}\n{B}\n{C}\n", "utf-8")
    report = tmp_path / "汇总.toml"
    done = zwgk(zwgk_bin, boss, "report", inbox, "--roster", roster, "-o", report, "--plain")
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert f"被拒收 {B}：{tampered}：提交后内容被改动" in out
    assert f"未提交 {C}" in out
    assert f"计入 {A}-2.toml（" in out and "已被较新的提交取代" in out
    doc = tomllib.loads(report.read_text("utf-8"))
    states = {r["unit"]: r["state"] for r in doc["roster"]}
    assert states == {A: "已提交", B: "被拒收", C: "未提交"}
    unit = doc["units"][0]
    assert unit["file"] == str(second_a) and unit["reviewed"] == 19 and unit["returned"] == 0

    # Year N: the checklist of next year, its differences, and the carried answers in tmux.
    new = tmp_path / "2020-guowuyuan.toml"
    text = catalog.resolve(CHECKLIST).path.read_text("utf-8")
    new.write_text(text.replace('id = "2019-guowuyuan"', 'id = "2020-guowuyuan"', 1)
                   .replace("積極回應社會關切。對政府", "積極回應社會關切。對各級政府"), "utf-8")
    diff = zwgk(zwgk_bin, officer_a, "checklist", "diff", CHECKLIST, new)
    assert diff.returncode == 0 and "1.2" in diff.stdout, diff.stdout + diff.stderr
    env = {"ZWGK_DATA_DIR": str(officer_a), "ZWGK_CONFIG": str(officer_a / "config.toml"), "LANG": "C.UTF-8",
           "LC_ALL": "C.UTF-8", "ESCDELAY": "25"}
    tmux.start(f"{zwgk_bin} assess {new} --unit {A} --assessor 张三 --carry-from {own_a}", env=env)
    screen = tmux.wait_for("沿用上年的答案")
    tmux.keys("Enter")
    screen = tmux.wait_for("沿用待确认")
    assert "1.1" in next(line for line in screen.splitlines() if "沿用待确认" in line)
    tmux.keys("q")
    tmux.wait_gone()

    # A drifted checklist shows its dialog through zwgk assess (not a blank screen).
    new.write_text(new.read_text("utf-8").replace("增強解讀回應效果。", "增強解讀回應的效果。", 1), "utf-8")
    tmux.start(f"{zwgk_bin} assess {new} --unit {A}", env=env)
    screen = tmux.wait_for("清单有改动")
    tmux.keys("q")
    tmux.wait_gone()
