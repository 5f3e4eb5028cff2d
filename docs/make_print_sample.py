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

from zwgk_tui.model.checklist import catalog, load_checklist

DOCS = Path(__file__).resolve().parent
DEPARTMENTS = [
    "县政府办公室", "县发展和改革局", "县教育局", "县科学技术局", "县工业和信息化局", "县公安局",
    "县民政局", "县司法局", "县财政局", "县人力资源和社会保障局", "县自然资源和规划局",
    "县生态环境分局", "县住房和城乡建设局", "县交通运输局", "县水利局", "县农业农村局",
    "县商务局", "县文化和旅游广电体育局", "县卫生健康委员会", "县退役军人事务局", "县应急管理局",
    "县审计局", "县市场监督管理局", "县统计局", "县医疗保障局", "县林业局", "县乡村振兴局",
    "县行政审批服务局", "县信访局", "县城市管理综合执法局", "县税务局", "县供电公司",
    "县自来水公司", "县公共资源交易中心", "县融媒体中心", "县残疾人联合会",
]
TOWNS = [
    "城关镇", "东坝乡", "西河镇", "南山乡", "北岭镇", "青石镇", "柳树湾乡", "白沙镇", "红旗乡",
    "新民镇", "太平镇", "长乐乡", "双河镇", "金鸡乡", "石门镇", "龙泉镇", "凤凰乡", "黄花镇",
    "大营镇", "小河乡", "桃源镇", "三岔河镇", "高坪乡", "马家寨乡",
]
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
    shutil.rmtree(inbox, ignore_errors=True)
    drafts.mkdir(parents=True, exist_ok=True)
    inbox.mkdir()
    env = {**os.environ, "ZWGK_DATA_DIR": str(base / "data")}
    path = checklist_with_bonus(base)
    checklist = load_checklist(path)
    rng = random.Random(2019)
    for unit in DEPARTMENTS + TOWNS:
        draft = assess(checklist, drafts, unit, rng)
        result = zwgk("export", str(draft), "-o", str(inbox) + "/", env=env)
        assert result.returncode == 0, result.stderr
    xlsx = base / "汇总.xlsx"
    run = zwgk("report", str(inbox), "--checklist", str(path), "-o", str(xlsx), "--plain", env=env)
    assert run.returncode == 0, run.stderr
    pdf = print_pdf(xlsx, base)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    wanted = {"排名": "report-print-ranking", "图表": "report-print-chart", "分项得分": "report-print-sections"}
    for number, page in enumerate(pages, 1):
        tail = page.strip().splitlines()[-1] if page.strip() else ""
        for sheet, name in list(wanted.items()):
            if tail.rstrip().endswith(sheet) and "第 1 页" in tail:
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number),
                                "-singlefile", str(pdf), str(DOCS / name)], check=True, timeout=120)
                del wanted[sheet]
    print(f"样例在 {base}；PDF {pdf}（{len(pages) - 1} 页）；图片 docs/report-print-*.png")


if __name__ == "__main__":
    main()
