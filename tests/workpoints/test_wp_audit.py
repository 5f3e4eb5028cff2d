"""A build says when it is unsure: every build prints its summary; each suspicious sign is a
warning naming the source line (exit status 0); ``--strict`` turns warnings into an error
and writes nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from wp_helpers import SEEDS

from zwgk_tui.workpoints.build import build_checklist

# The seeds, read by hand: only 002 has a copy error (")强化考核监督" lost its "(三").
SEED_SIGNS = {"000": [], "001": [], "002": [("lost", 111)], "003": [], "004": []}


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_summary_and_warnings(key):
    name, path = SEEDS[key]
    report = build_checklist(path, checklist_id=name, convert=None).report
    assert [(s.kind, s.line) for s in report.warnings()] == SEED_SIGNS[key]
    details = report.details()
    assert details[0].startswith("  没有责任单位的评估项：")
    assert any(line.startswith("  编号：跳号 0 处") for line in details)
    assert (key == "003") == any("任务分解表：35 行" in line for line in details)


def _damaged(tmp_path):
    """Seed 004 with three copy errors: (三) printed as (四), a second (一) for (二), and a
    heading whose "(三" was lost."""
    lines = SEEDS["004"][1].read_text("utf-8").split("\n")
    for index, old, new in ((67, "(三)", "(四)"), (73, "(二)", "(一)"), (75, "(三)", ")")):
        assert lines[index].startswith(old)
        lines[index] = new + lines[index][len(old):]
    path = tmp_path / "damaged.txt"
    path.write_text("\n".join(lines), "utf-8")
    return path


def zwgk(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zwgk_tui", "checklist", "build", *args],
        capture_output=True, text=True, cwd=cwd, timeout=60,
    )


WARNINGS = [
    "68: 警告：编号跳过了 （三），下一个是 （四），请核对是否漏抄",
    "74: 警告：编号 （一） 出现了两次，第二个按前后推断为 （二）",
    "76: 警告：标题缺少编号，按前后推断为 （三）",
]


def test_damaged_document_prints_its_warnings_and_still_succeeds(tmp_path):
    source = _damaged(tmp_path)
    out = tmp_path / "out.toml"
    result = zwgk(str(source), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (f"{out}: 5 个部分，18 个条目，0 个子条目，18 个评估项，总分 100"
                        "（另有 1 个无编号段落也作为评估项计分）")
    assert "  编号：跳号 1 处，重复 1 处，缺号推断 1 处" in lines
    assert lines[-4:] == [f"{source}:{w}" for w in WARNINGS] + [
        "共 3 条警告：生成的结构可能有误，请对照原文核对以上各处（加 --strict 时按错误处理）"]
    assert out.exists()


def test_strict_makes_the_warnings_an_error_and_writes_nothing(tmp_path):
    source = _damaged(tmp_path)
    out = tmp_path / "out.toml"
    result = zwgk(str(source), "-o", str(out), "--strict", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[:3] == [f"{source}:{w}" for w in WARNINGS]
    assert lines[-1] == f"{source}: 有 3 条警告（--strict），没有写出清单"
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_strict_on_a_clean_document_writes_it(tmp_path):
    out = tmp_path / "out.toml"
    result = zwgk(str(SEEDS["004"][1]), "-o", str(out), "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "警告" not in result.stderr
    assert out.exists()


def test_warnings_quote_the_document_without_terminal_escapes(tmp_path):
    """A heading repeated by the copy is quoted in its warning: as text, escapes removed."""
    path = tmp_path / "table.txt"
    rows = ["工作任务\t牵头单位\t责任单位\t工作要求", "一、加强公开\x1b[31m", "1.公开政策\t市财政局\t各区政府\t按月公开。",
            "2.公开预算\t市财政局\t各区政府\t按年公开。", "一、加强公开\x1b[31m", "3.公开决算\t市财政局\t各区政府\t按年公开。"]
    path.write_text("\n".join(rows), "utf-8")
    lines = build_checklist(path, checklist_id="x", convert=None).report.warning_lines(str(path))
    assert lines[0] == f"{path}:1: 警告：任务分解表中标题“加强公开[31m”重复出现，已合并为一项"
    assert not any("\x1b" in line for line in lines)
