"""PDF input, and text copied out of a PDF: the same checklist as the seed text.

The PDFs are made here from the seed texts with reportlab (pdf_makers.py), once per test
session: Chinese in a CID font without font files (STSong-Light), paragraphs justified with
a first-line indent; one set in two columns with a running head (title left, page right)
and foot (— 2 —); one with seed 003's 任务分解表 as a ruled table whose task cells are
merged down their rows and which runs over several pages. pdftotext (poppler-utils) is the
copy a user makes by hand; the hand-made copy without it is ``pdf_copy``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pdf_makers import FONT, text_pdf
from wp_helpers import SEEDS, build, differences, need_tool, pdf_copy, seed_003_rows

from zwgk_tui.errors import ZwgkError
from zwgk_tui.workpoints.build import build_checklist

TABLE_HEADER = ["工作任务", "", "具体要求", "责任单位"]


def _seed_lines(key: str) -> list[str]:
    return SEEDS[key][1].read_text("utf-8").split("\n")


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every PDF of this file, made once: seeds "000"…"004", "two-columns", "table"."""
    folder = tmp_path_factory.mktemp("pdfs")
    out = {key: text_pdf(folder / f"seed{key}.pdf", _seed_lines(key)) for key in SEEDS}
    out["two-columns"] = text_pdf(folder / "two-columns.pdf", _seed_lines("004"), columns=2,
                                  heads=True, size=10)
    lines = _seed_lines("003")
    head = [line for line in lines[: lines.index("附件:2021年聊城市政务公开重点工作任务分解表")] if line.strip()]
    _, rows = seed_003_rows()
    out["table"] = text_pdf(folder / "table.pdf", [*head, "附件：2021年聊城市政务公开重点工作任务分解表"],
                            table=(TABLE_HEADER, rows, (1,)), after=len(head), heads=True)
    return out


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_as_pdf_builds_the_same_checklist(key, pdfs, seed_builds):
    data = pdfs[key].read_bytes()
    assert data.startswith(b"%PDF") and f"/{FONT}".encode() in data and b"/CIDFontType0" in data
    doc, _ = build(pdfs[key], SEEDS[key][0])
    assert differences(seed_builds[key][0], doc) == []


def test_two_columns_with_running_heads_and_page_numbers(pdfs, seed_builds):
    doc, text = build(pdfs["two-columns"], SEEDS["004"][0])
    assert differences(seed_builds["004"][0], doc) == []
    for chrome in ("印发稿", "第 2 页", "— 2 —"):
        assert chrome not in text


def test_ruled_table_over_several_pages(pdfs, seed_builds):
    import pdfplumber

    with pdfplumber.open(pdfs["table"]) as pdf:
        assert sum(1 for page in pdf.pages if page.find_tables()) >= 3  # the table runs on
    doc, _ = build(pdfs["table"], SEEDS["003"][0])
    assert differences(seed_builds["003"][0], doc) == []


@pytest.mark.parametrize("key", sorted(SEEDS))
@pytest.mark.parametrize("mode", ["default", "-layout", "-raw"])
def test_pdftotext_copy_builds_the_same_checklist(key, mode, pdfs, seed_builds, tmp_path):
    tool = need_tool("pdftotext", "poppler-utils")
    out = tmp_path / f"{key}.txt"
    options = [] if mode == "default" else [mode]
    subprocess.run([tool, *options, str(pdfs[key]), str(out)], check=True, timeout=60,
                   capture_output=True)
    doc, _ = build(out, SEEDS[key][0])
    assert differences(seed_builds[key][0], doc) == []


@pytest.mark.parametrize("key", sorted(SEEDS))
@pytest.mark.parametrize("every_line", [False, True], ids=["blank-between-paragraphs", "blank-after-every-line"])
def test_text_copied_out_of_a_pdf_joins_back(key, every_line, seed_builds, tmp_path):
    """Hard-wrapped lines, blank lines, page numbers and form feeds: …坚持稳 | | 中求进…"""
    path = tmp_path / f"{key}.txt"
    path.write_text(pdf_copy(_seed_lines(key), every_line=every_line), "utf-8")
    assert "\n\n— 2 —\n" in path.read_text("utf-8")
    doc, text = build(path, SEEDS[key][0])
    assert differences(seed_builds[key][0], doc) == []
    assert "— 2 —" not in text


# -- PDFs that cannot be read: one line saying why and what to do ---------------------------
def _scan(path: Path) -> None:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    page.rect(100, 100, 300, 400, fill=1)  # a scanned page is an image: no text at all
    page.showPage()
    page.save()


def _locked(path: Path) -> None:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), encrypt="secret")
    page.setFont(FONT, 12)
    page.drawString(100, 700, "一、加强政策解读")
    page.showPage()
    page.save()


@pytest.mark.parametrize(("make", "message"), [
    (_scan, "PDF 里没有文字（可能是扫描件），请先做文字识别（OCR）或找文字版"),
    (_locked, "PDF 文件有密码保护，请先去掉密码再生成"),
    (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n"), "不是有效的 PDF 文件"),
], ids=["scan", "password", "damaged"])
def test_unreadable_pdfs(tmp_path, make, message):
    path = tmp_path / "points.pdf"
    make(path)
    with pytest.raises(ZwgkError) as caught:
        build_checklist(path, checklist_id="x", convert=None)
    assert str(caught.value) == f"{path}: {message}"
