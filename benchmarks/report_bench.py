"""How long ``zwgk report`` takes over many score files, and how much memory it needs.

    .venv/bin/python benchmarks/report_bench.py            # 1,000 and 10,000 files
    .venv/bin/python benchmarks/report_bench.py 500 --items 100 --corpus /tmp/zwgk-bench

Files are made with ``zwgk_tui.model.assessment.synthetic.write_score_files`` (complete answers, evidence and
a note per item) and then marked submitted as ``zwgk export`` does, so the digest check runs
as it does on real files. Each run is the installed command in a fresh process, with the
terminal report on stdout (--plain, to /dev/null):
- cold: an empty report cache (a new ZWGK_DATA_DIR), every file examined;
- warm: the same again, the cache filled by the cold run.
CPU is user + system seconds of the process and its workers (on 2 free cores the cold wall
time approaches CPU / 2 plus the serial part). Peak memory is the largest sum of resident memory over the process and its workers,
sampled every 10 ms from /proc. The operating system's file cache is warm in both runs
(dropping it needs root); on a cold disk add the time to read the files once.
Targets (issue 6): 10,000 files of a 100-item checklist ≤ 5 s cold on 2 cores, ≤ 1 s warm,
peak ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZWGK = [sys.executable, "-m", "zwgk_tui"]


def make_corpus(folder: Path, count: int, items: int) -> tuple[Path, Path]:
    """A checklist and ``count`` submitted score files (reused when already there)."""
    from zwgk_tui.model.assessment.synthetic import write_checklist, write_score_files

    checklist = folder / f"checklist-{items}.toml"
    files = folder / f"scores-{items}-{count}"
    stamp = files / ".complete"
    if stamp.exists():
        return checklist, files
    folder.mkdir(parents=True, exist_ok=True)
    write_checklist(checklist, items)
    shutil.rmtree(files, ignore_errors=True)
    paths = write_score_files(checklist, files, count)
    with ProcessPoolExecutor() as pool:
        list(pool.map(_submit, map(str, paths), chunksize=64))
    stamp.touch()
    return checklist, files


def _submit(path: str) -> None:
    from zwgk_tui.model.assessment.parse import read_scores
    from zwgk_tui.model.assessment.serialize import dumps
    from zwgk_tui.model.assessment.submit import submit
    from zwgk_tui.model.atomic import atomic_write

    atomic_write(path, dumps(submit(read_scores(path))).encode("utf-8"))


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the process and its workers, peak bytes) of one run."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"zwgk report failed ({process.returncode}): {err.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, peak


def bench(count: int, items: int, corpus: Path, repeat: int) -> dict[str, float]:
    checklist, files = make_corpus(corpus, count, items)
    args = [*ZWGK, "report", str(files), "--checklist", str(checklist), "--plain"]
    cold, warm, peaks = [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as data:
            env = {**os.environ, "ZWGK_DATA_DIR": data}
            seconds, cpu, peak = run(args, env)
            cold.append((seconds, cpu))
            peaks.append(peak)
            seconds, cpu, peak = run(args, env)
            warm.append((seconds, cpu))
            peaks.append(peak)
    return {"files": count, "items": items, "cold_s": min(cold)[0], "cold_cpu": min(cold)[1],
            "warm_s": min(warm)[0], "warm_cpu": min(warm)[1], "peak_mb": max(peaks) / 1024 / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest is kept")
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "zwgk-report-bench")
    options = parser.parse_args()
    print(f"CPUs usable: {len(os.sched_getaffinity(0))}; corpus in {options.corpus}")
    print(f"load average before: {os.getloadavg()[0]:.2f} (other work on the machine slows the wall times)")
    print(f"{'files':>7} {'items':>5} {'cold s':>8} {'cold CPU':>9} {'warm s':>8} {'warm CPU':>9} {'peak MB':>8}")
    for count in options.counts:
        r = bench(count, options.items, options.corpus, options.repeat)
        print(f"{r['files']:>7} {r['items']:>5} {r['cold_s']:>8.2f} {r['cold_cpu']:>9.2f} "
              f"{r['warm_s']:>8.2f} {r['warm_cpu']:>9.2f} {r['peak_mb']:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
