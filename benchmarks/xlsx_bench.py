"""How long writing the report as .xlsx takes for many units (the exporter alone).

    .venv/bin/python benchmarks/xlsx_bench.py            # 10,000 units, 100-item checklist
    .venv/bin/python benchmarks/xlsx_bench.py 60 --items 19

The units' figures are made directly as Sheets (random statuses, scored with the one scoring
function), so only aggregation and the exporter are timed, not reading files. Prints the
seconds for ``exporters.render(report, ".xlsx")`` (best of 3, wall and CPU: on a busy machine
the CPU time is the steadier figure) and the workbook's size.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def make_report(units: int, items: int, seed: int = 1):
    from zwgk_tui.model.assessment.answers import Answer
    from zwgk_tui.model.assessment.synthetic import write_checklist
    from zwgk_tui.model.checklist import load_checklist
    from zwgk_tui.model.scoring import STATUSES, score
    from zwgk_tui.report.aggregate import build
    from zwgk_tui.report.intake import CODES, SUBMITTED, Sheet

    folder = Path(tempfile.mkdtemp(prefix="zwgk-xlsx-bench-"))
    checklist = load_checklist(write_checklist(folder / "c.toml", items))
    rng = random.Random(seed)
    sheets = []
    for n in range(units):
        answers = {leaf.id: Answer(status=rng.choices(STATUSES, weights=(6, 2, 1, 1))[0])
                   for leaf in checklist.leaves}
        totals = score(checklist, answers)
        sheets.append(Sheet(
            path=f"inbox/unit{n:05d}.toml", unit=f"测试单位{n:05d}", assessor=f"评估人{n % 97}",
            updated="2026-01-01T00:00:00+08:00", submitted=SUBMITTED, total=totals.total,
            bonus=totals.bonus, maximum=totals.maximum, percent=totals.percent, grade=totals.grade,
            answered=totals.answered, leaves=totals.leaves,
            sections=[[totals.nodes[s.id].earned, totals.nodes[s.id].maximum,
                       getattr(totals, "capped_bonus", lambda i: 0.0)(s.id)] for s in checklist.sections],
            statuses="".join(CODES[answers[leaf.id].status] for leaf in checklist.leaves),
            sha256=f"{n:064d}",
        ))
    return build(checklist, sheets)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("units", nargs="?", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=100)
    args = parser.parse_args()
    from zwgk_tui.report.exporters import render

    report = make_report(args.units, args.items)
    best = cpu = None
    for _ in range(3):
        start, started = time.perf_counter(), time.process_time()
        data = render(report, ".xlsx")
        elapsed, used = time.perf_counter() - start, time.process_time() - started
        best = elapsed if best is None else min(best, elapsed)
        cpu = used if cpu is None else min(cpu, used)
    print(f"{args.units} units, {args.items} items: {best:.2f} s (CPU {cpu:.2f} s), {len(data) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
