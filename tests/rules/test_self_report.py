"""The written 自查自评报告: ``zwgk export 记录 -o 报告.docx`` through the installed command, read
back with python-docx, its figures worked out here by hand (not by model.scoring)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ZWGK = Path(sys.executable).with_name("zwgk")


def zwgk(*args: object, input: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([str(ZWGK), *map(str, args)], input=input, capture_output=True, text=True, timeout=120)


@pytest.fixture
def assessed(tmp_path, counted_path):
    evidence = tmp_path / "年报截图.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence " * 100)
    scores = tmp_path / "s.toml"
    lines = [
        "k 1 1", "k 2 2", f"e {evidence}", "c 1 条超期[bold]公开\x1b[31m已整改", "n",   # 1.1: 10-5-2 = 3
        "k 1", "n",                 # 1.2: 5
        "k 2", "n",                 # 1.3: 4
        "k 1 1", "k 2 1", "n",      # 1.4: 4 × 0.8 = 3.2
        "k 1", "n",                 # 2.1: bonus 3
        "k 2", "n",                 # 2.2: penalty 6, capped at 5
        "1", "q",                   # 3.1: 10
    ]
    run = zwgk("assess", counted_path, "--unit", "示例区<人民政府>", "--assessor", "张三", "--scores", scores,
               "--category", "A", "--plain", input="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stderr
    return scores, evidence


def read_docx(path: Path):
    import docx

    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs], [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_self_report_figures_tables_and_evidence(assessed, tmp_path, counted_path):
    scores, evidence = assessed
    before = scores.read_bytes()
    out = tmp_path / "报告.docx"
    run = zwgk("export", scores, "-o", out, "--checklist", counted_path)
    assert run.returncode == 0, run.stderr
    assert scores.read_bytes() == before            # the record itself is not touched
    paragraphs, tables = read_docx(out)
    assert paragraphs[0] == "示例区<人民政府>2026年政务公开工作自查自评报告"
    assert "评估人：张三" in paragraphs and "类别：A 县（区）人民政府" in paragraphs
    # by hand: 3 + 5 + 4 + 3.2 + 10 = 25.2 of 40; bonus 3 (cap 4); penalty min(6, 5) = 5 → 23.2
    total = 3 + 5 + 4 + 0.8 * 4 + 10 + 3 - 5
    assert f"总分 {total:g} 分，满分 40 分，得分率 {100 * total / 40:.2f}%，等次：不合格。其中加分 3 分。扣分项扣 5 分。" in paragraphs
    first, second, third, evidence_table = tables
    assert first[0] == ["编号", "条目", "状态", "得分", "计分依据", "佐证", "说明"]
    assert first[1][:5] == ["1.1", "政府信息主动公开", "基本达标", "3 / 10", "扣 1 条 × 5 分，扣 2 条 × 1 分：得 3 分，满分 10 分"]
    assert first[1][5] == str(evidence) and first[1][6] == "1 条超期[bold]公开已整改"   # text, never markup
    assert first[4][:4] == ["1.4", "党政机关网站标识", "基本达标", "3.2 / 4"]
    assert second[2][:4] == ["2.2", "通报批评", "未达标", "-6"]
    assert [row[0] for row in third[1:]] == ["3.1"]       # section 4 is for category B only
    assert not any("4.1" in row[0] for row in third)
    assert evidence_table[1] == ["1.1", str(evidence), f"{evidence.stat().st_size / 1024:.1f} KB（{evidence.stat().st_size} 字节）",
                                 hashlib.sha256(evidence.read_bytes()).hexdigest()]
    assert any(p.startswith("1.1 政府信息主动公开（基本达标）：扣 1 条 × 5 分") for p in paragraphs)


def test_self_report_opens_in_an_office_suite(assessed, tmp_path, counted_path):
    if shutil.which("soffice") is None:   # CI (ZWGK_E2E=require) installs it: a failure there
        message = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
        if os.environ.get("ZWGK_E2E") == "require":
            pytest.fail(message)
        pytest.skip(message)
    scores, _ = assessed
    out = tmp_path / "报告.docx"
    assert zwgk("export", scores, "-o", out, "--checklist", counted_path).returncode == 0
    profile = tmp_path / "lo-profile"
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "txt:Text",
                           "--outdir", str(tmp_path), str(out)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "报告.txt").read_text(encoding="utf-8-sig")
    assert "示例区<人民政府>2026年政务公开工作自查自评报告" in text and "扣分项扣 5 分" in text
