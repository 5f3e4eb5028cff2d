"""Make the printed-report pictures in the README: 60 units assess the 2019 national points
(with a 加分项 added, capped at 3 points), export, the supervisor runs ``zwgk report -o``,
LibreOffice prints the workbook to PDF, and ``pdftoppm`` makes the pages into PNGs.

    .venv/bin/python docs/make_print_sample.py [FOLDER]

Writes FOLDER/inbox, FOLDER/汇总.xlsx, FOLDER/汇总.pdf, and docs/report-print-*.png (the
first page of the ranking, of the charts, of the section scores). Needs LibreOffice
(``soffice``) and poppler-utils (``pdftoppm``).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_report_sample import assess, zwgk

from zwgk_tui.model.assessment.synthetic import unit_names
from zwgk_tui.model.checklist import catalog, load_checklist

DOCS = Path(__file__).resolve().parent
BONUS = '''
[[sections.items]]
id = "5.u9"
title = "政务公开创新做法获上级推广"
text = "政务公开工作有创新做法，被上级通报表扬或推广的，予以加分。"
unnumbered = true
bonus = true
points = 5
'''


def checklist_with_bonus(folder: Path) -> Path:
    """The 2019 national checklist with a 5-point 加分项 (cap 3) at the end."""
    source = catalog.resolve("2019-guowuyuan").path
    text = source.read_text("utf-8")
    text = re.sub(r"(?m)^\[\[sections\]\]", "[scoring]\nbonus_cap = 3\n\n[[sections]]", text, count=1)
    target = folder / "2019-guowuyuan-bonus.toml"
    target.write_text(text.rstrip("\n") + "\n" + BONUS, "utf-8")
    return target


def print_pdf(xlsx: Path, folder: Path) -> Path:
    profile = Path(tempfile.mkdtemp(prefix="lo-"))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
                       check=True, timeout=300, capture_output=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return folder / (xlsx.stem + ".pdf")


def main() -> None:
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="zwgk-print-"))
    drafts, inbox = base / "drafts", base / "inbox"
    made = inbox.is_dir() and len(list(inbox.glob("*.toml"))) == 60
    drafts.mkdir(parents=True, exist_ok=True)
    inbox.mkdir(exist_ok=True)
    env = {**os.environ, "ZWGK_DATA_DIR": str(base / "data")}
    path = checklist_with_bonus(base)
    checklist = load_checklist(path)
    rng = random.Random(2019)
    for unit in [] if made else unit_names(60):     # an existing FOLDER is reused
        draft = assess(checklist, drafts, unit, rng)
        result = zwgk("export", str(draft), "-o", str(inbox) + "/", env=env)
        assert result.returncode == 0, result.stderr
    xlsx = base / "汇总.xlsx"
    run = zwgk("report", "inbox", "--checklist", str(path), "-o", str(xlsx), "--plain", env=env, cwd=base)
    assert run.returncode == 0, run.stderr
    pdf = print_pdf(xlsx, base)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    wanted = {"排名": "report-print-ranking", "图表": "report-print-chart", "分项得分": "report-print-sections"}
    for number, page in enumerate(pages, 1):
        sheet = re.search(r"工作表：(\S+)", page)
        if sheet and sheet.group(1) in wanted and re.search(r"第\s*1\s*页", page):
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number),
                            "-singlefile", str(pdf), str(DOCS / wanted.pop(sheet.group(1)))],
                           check=True, timeout=120)
    print(f"样例在 {base}；PDF {pdf}（{len(pages) - 1} 页）；图片 docs/report-print-*.png")


if __name__ == "__main__":
    main()
