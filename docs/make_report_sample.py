"""Make the sample in docs/report.md: 20 units assess the 2019 national points with the tool,
export, a few files arrive broken, the supervisor reviews three and runs ``zwgk report``.

    .venv/bin/python docs/make_report_sample.py [FOLDER]

Writes FOLDER/inbox (the received files), FOLDER/汇总.{xlsx,md}, and docs/report-sample.svg
(the terminal report, drawn by Rich's own SVG export) and docs/report-sample.txt (--plain).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import catalog

DOCS = Path(__file__).resolve().parent
UNITS = [
    "县政府办公室", "县发展改革局", "县教育局", "县公安局", "县民政局", "县财政局",
    "县人力资源社会保障局", "县自然资源局", "县生态环境局", "县住房城乡建设局", "县交通运输局",
    "县农业农村局", "县卫生健康委", "县应急管理局", "县市场监管局", "县医保局",
    "城关镇", "东坝乡", "西河镇", "南山乡",
]


def zwgk(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk_tui", *args], text=True, capture_output=True, **kwargs)


def assess(checklist, folder: Path, unit: str, rng: random.Random, complete: bool = True) -> Path:
    path = folder / f"{unit}.toml"
    session = Assessment.open(checklist, path, unit=unit, assessor=f"{unit[:2]}联络员", saver=SyncSaver())
    skill = rng.uniform(0.55, 0.98)
    for n, leaf in enumerate(checklist.leaves):
        if not complete and n >= len(checklist.leaves) - 3:
            break
        roll = rng.random()
        status = "met" if roll < skill else "partial" if roll < skill + 0.15 else "unmet"
        if rng.random() < 0.05:
            status = "na"
        session.set_status(leaf.id, status)
        session.add_evidence(leaf.id, f"https://www.example.gov.cn/zwgk/{n + 1}.html")
    session.close()
    return path


def fix_text_lengths(path: Path, cell: float = 0.61 * 20) -> None:
    """Rich sizes each SVG text run by its length in characters (Rich 15); a Chinese
    character takes two cells, so browsers squeezed every one to half width."""
    import html
    import re

    from zwgk_tui.textsafe import width

    def fix(match: re.Match) -> str:
        text = html.unescape(match.group(3))
        return f'{match.group(1)}textLength="{width(text) * cell:g}"{match.group(2)}>{match.group(3)}</text>'

    svg = path.read_text("utf-8")
    svg = re.sub(r'(<text [^>]*?)textLength="[0-9.]+"([^>]*)>([^<]*)</text>', fix, svg)
    path.write_text(svg, "utf-8")


def main() -> None:
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="zwgk-sample-"))
    drafts, inbox = base / "drafts", base / "inbox"
    drafts.mkdir(parents=True, exist_ok=True)
    inbox.mkdir(exist_ok=True)
    env = {**os.environ, "ZWGK_DATA_DIR": str(base / "data")}
    checklist = catalog.resolve("2019-guowuyuan")
    rng = random.Random(2019)
    for unit in UNITS:
        draft = assess(checklist, drafts, unit, rng, complete=unit != "南山乡")
        if unit == "西河镇":  # never exported: a draft copied into the inbox
            (inbox / draft.name).write_bytes(draft.read_bytes())
            continue
        result = zwgk("export", str(draft), "-o", str(inbox) + "/", "--allow-incomplete", env=env)
        assert result.returncode == 0, result.stderr
    # edited after export: 县财政局 turned a 基本达标 into 达标 by hand
    edited = inbox / "县财政局.toml"
    text = edited.read_text("utf-8")
    assert 'status = "partial"' in text
    edited.write_text(text.replace('status = "partial"', 'status = "met"', 1), "utf-8")
    # the same unit sent twice, and files that are not score files at all
    (inbox / "县教育局（重发）.toml").write_bytes((inbox / "县教育局.toml").read_bytes())
    (inbox / "会议通知.toml").write_text("关于召开政务公开工作会议的通知\n各单位：……\n", "utf-8")
    (inbox / "照片.toml").write_bytes(bytes(range(256)) * 8)
    other = catalog.resolve("2021-liaocheng")
    assess(other, drafts, "聊城某局", rng)
    (inbox / "聊城某局.toml").write_bytes((drafts / "聊城某局.toml").read_bytes())
    # the supervisor reviews three units (what the review screen records)
    for unit, adjust in (("县公安局", ("1.1", "partial")), ("城关镇", ("2.3", "unmet")), ("县民政局", None)):
        session = Assessment.open(checklist, inbox / f"{unit}.toml", saver=SyncSaver())
        for leaf in checklist.leaves[:6]:
            session.review(leaf.id, "accept", reviewer="市政务公开办")
        if adjust:
            session.review(adjust[0], "adjust", status=adjust[1], reason="佐证材料不足", reviewer="市政务公开办")
        session.close()
    for lock in inbox.glob("*.lock"):
        lock.unlink()
    command = ["report", str(inbox), "--checklist", "2019-guowuyuan", "--rows", "12"]
    plain = zwgk(*command, "--plain", "-o", str(base / "汇总.xlsx"), "-o", str(base / "汇总.md"), env=env,
                 cwd=base)
    (DOCS / "report-sample.txt").write_text(plain.stdout.replace(str(base) + "/", ""), "utf-8")
    print(plain.stderr, end="")
    svg = (
        "import sys\n"
        "from rich.console import Console\n"
        "from zwgk_tui.report import view as report_view\n"
        "from zwgk_tui.model.checklist import catalog\n"
        "from zwgk_tui.report.gather import find, gather\n"
        "from zwgk_tui.report.aggregate import build\n"
        "checklist = catalog.resolve('2019-guowuyuan')\n"
        "found = find(['inbox'])\n"
        "report = build(checklist, gather(found.files, checklist) + found.refused, ignored=found.ignored)\n"
        "console = Console(record=True, width=100, file=open('/dev/null', 'w'), force_terminal=True)\n"
        "report_view.render_rich(report, console, 12)\n"
        f"console.save_svg({str(DOCS / 'report-sample.svg')!r}, title='zwgk report inbox/')\n"
    )
    subprocess.run([sys.executable, "-c", svg], check=True, cwd=base, env=env)
    fix_text_lengths(DOCS / "report-sample.svg")
    print(f"样例在 {base}；终端输出见 docs/report-sample.svg 和 docs/report-sample.txt")


if __name__ == "__main__":
    main()
