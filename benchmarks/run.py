"""The benchmark suite: every figure of BENCHMARKS.md, against a bare Textual app, one command.

    .venv/bin/python benchmarks/run.py            # everything (about 5 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # fewer keys, no 10,000-file report

Prints a table and writes JSON to benchmarks/results/<date>.json and results/latest.json.
Not part of the tests and not part of CI's pass/fail: figures depend on the machine and on
what else it is doing (the load average is recorded with them).

1. start-up to first full frame of ``zwgk assess`` in a real pseudo-terminal at 80×24, on the
   largest bundled checklist and on a generated 2,000-item one, against a bare Textual app
   showing an OptionList of as many lines (benchmarks/bare_app.py), measured the same way;
2. keystroke latency (key written → output quiet), p50/p95, for moving, folding, setting a
   status and opening an item, on the 2,000-item checklist, against the bare OptionList;
3. bytes written to the terminal per keystroke for the same actions, against the bare app and
   against an estimate of the floor: repainting only the changed rows;
4. save time per change (the atomic autosave) at 100 and 2,000 items, and how long the TUI's
   key handler is held by it (the writing itself is on a thread);
5. build time of each bundled checklist from its source; report time for 1,000 and 10,000
   generated score files, cold and warm (the report cache);
6. peak memory (RSS) of the 2,000-item assessment and of the 10,000-file report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import ptyharness  # noqa: E402
import report_bench  # noqa: E402
from ptyharness import DOWN, UP, Pty, percentile  # noqa: E402

LEFT, RIGHT, TAB, HOME = b"\x1b[D", b"\x1b[C", b"\t", b"\x1b[H"
SHIFT_TAB = b"\x1b[Z"
ZWGK = shutil.which("zwgk") or str(Path(sys.executable).with_name("zwgk"))


def vm_hwm(pid: int) -> int:
    """Peak resident memory of a process, in bytes (Linux)."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def summary(strokes: list) -> dict:
    done = [s.done * 1000 for s in strokes]
    sizes = [s.bytes_out for s in strokes]
    return {
        "keys": len(strokes),
        "p50_ms": round(statistics.median(done), 1),
        "p95_ms": round(percentile(done, 95), 1),
        "bytes_mean": round(statistics.mean(sizes)),
        "bytes_p95": round(percentile([float(s) for s in sizes], 95)),
        "bytes_max": max(sizes),
    }


def session(argv: list[str], needle: bytes, env: dict, actions: dict[str, list[bytes]] | None,
            setup: list[bytes] | None = None) -> dict:
    """Start a program in a pty, time its first frame, then run each action's keys."""
    term = Pty(argv, 80, 24, env).spawn()
    result: dict = {}
    try:
        result["first_frame_ms"] = round(term.wait_for(needle) * 1000)
        _, last = term.quiet(0.3)
        result["quiet_ms"] = round((last - term.started) * 1000)
        for key in setup or []:
            term.key(key)
        for name, keys in (actions or {}).items():
            result[name] = summary([term.key(k) for k in keys])
        result["peak_rss_mb"] = round(vm_hwm(term.process.pid) / 1024 / 1024, 1)
    finally:
        term.stop()
    return result


def row_floor(checklist_path: Path) -> int:
    """Bytes to repaint just the two rows a cursor move changes: each row's text at 80
    columns (UTF-8), a cursor-position sequence and two colour changes. An estimate of the
    least any terminal app could send; real rows differ by a few bytes."""
    from zwgk_tui.model.checklist import load_checklist
    from zwgk_tui.textsafe import truncate, width

    checklist = load_checklist(checklist_path)
    sizes = []
    for leaf in checklist.leaves[:200]:
        text = truncate(f"    ○ {leaf.id} {leaf.title}", 72)
        text += " " * (76 - width(text)) + "未评"
        sizes.append(len(text.encode("utf-8")) + len("\x1b[12;1H") + 2 * len("\x1b[38;5;250;48;5;236m"))
    return round(2 * statistics.mean(sizes))


def bench_tui(folder: Path, keys: int, runs: int) -> dict:
    from zwgk_tui.model.assessment.synthetic import write_checklist
    from zwgk_tui.model.checklist import load_checklist
    from zwgk_tui.model.checklist.catalog import entries

    env = {"ZWGK_DATA_DIR": str(folder / "data"), "ZWGK_CONFIG": str(folder / "config.toml"),
           "ESCDELAY": "25"}
    largest = max(entries(), key=lambda e: len(load_checklist(e.path).leaves))
    largest_leaves = len(load_checklist(largest.path).leaves)
    big = write_checklist(folder / "synthetic-2000.toml", 2000)
    half = max(keys // 2, 1)
    actions = {
        "move": [DOWN] * half + [UP] * half,
        "fold": [LEFT, RIGHT] * max(keys // 8, 1),
        "status": [b"1", b"2", b"3", b"4"] * max(keys // 8, 1),
        "open": [TAB, SHIFT_TAB] * max(keys // 8, 1),
    }
    out: dict = {"largest_bundled": {"id": largest.id, "leaves": largest_leaves}}
    best: dict[str, dict] = {}
    frames: dict[str, list[int]] = {}
    for run in range(runs):
        candidates = {
            "bare_small": session([sys.executable, str(HERE / "bare_app.py"), str(largest_leaves)],
                                  "条目 1 ".encode(), env, None),
            "zwgk_small": session([ZWGK, "assess", str(largest.path), "--unit", f"小{run}"],
                                  "已保存".encode(), env, None),
            "bare_2000": session([sys.executable, str(HERE / "bare_app.py"), "2000"],
                                 "条目 1 ".encode(), env, {"move": actions["move"]}),
            # Home puts the cursor on section 1 (folding works there), then Down Down onto
            # the first leaf for status keys; Tab opens the item's detail, Shift+Tab returns.
            "zwgk_2000": session([ZWGK, "assess", str(big), "--unit", f"大{run}"], "已保存".encode(),
                                 env, {"move": actions["move"], "fold": actions["fold"]}, setup=[HOME]),
            "zwgk_2000_edit": session([ZWGK, "assess", str(big), "--unit", f"改{run}"], "已保存".encode(),
                                      env, {"status": actions["status"], "open": actions["open"]},
                                      setup=[HOME, DOWN, DOWN]),
        }
        for name, result in candidates.items():
            frames.setdefault(name, []).append(result["first_frame_ms"])
            if name not in best or result["first_frame_ms"] < best[name]["first_frame_ms"]:
                best[name] = result
    out.update(best)
    out["first_frames_ms"] = frames
    out["floor_bytes_per_move"] = row_floor(big)
    for size in ("small", "2000"):
        ours = statistics.median(frames[f"zwgk_{size}"])
        bare = statistics.median(frames[f"bare_{size}"])
        out[f"startup_median_{size}"] = {"zwgk": ours, "bare": bare}
        out[f"startup_ratio_{size}"] = round(ours / bare, 2)
    return out


def bench_save(folder: Path, changes: int = 50) -> dict:
    from zwgk_tui.model.assessment.saver import ThreadSaver
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.model.assessment.synthetic import write_checklist
    from zwgk_tui.model.checklist import load_checklist

    out = {}
    for leaves in (100, 2000):
        checklist = load_checklist(write_checklist(folder / f"save-{leaves}.toml", leaves))
        for kind in ("sync", "thread"):
            saver = ThreadSaver() if kind == "thread" else None
            path = folder / f"save-{leaves}-{kind}.toml"
            assess = Assessment.open(checklist, path, unit="基准", saver=saver)
            for leaf in checklist.leaves:  # a complete assessment: the biggest file
                answer = assess.scores.answer(leaf.id)
                answer.status, answer.note = "met", "已按要求完成，材料齐全。"
                answer.evidence = [f"https://example.gov.cn/{leaf.id}"]
            times = []
            for n in range(changes):
                started = time.perf_counter()
                assess.set_note(checklist.leaves[n % leaves].id, f"第{n}次修改")
                times.append((time.perf_counter() - started) * 1000)
                if saver:
                    assess.flush()
            assess.close()
            out[f"{kind}_{leaves}"] = {"p50_ms": round(statistics.median(times), 2),
                                       "p95_ms": round(percentile(times, 95), 2),
                                       "file_kb": round(path.stat().st_size / 1024)}
    return out


def bench_build(folder: Path) -> dict:
    import subprocess

    from zwgk_tui.workpoints.build import build_checklist

    names = {
        "2017-qinghai": "000_3f7dfb2bf9e2c1c4.txt", "2017-harbin": "001_8463b5349f18e17d.txt",
        "2018-xiaozhoushan": "002_91126a063294faa3.txt", "2021-liaocheng": "003_5ec884dc5f59edab.txt",
        "2019-guowuyuan": "004_549e6831fafae734.txt",
    }
    out = {}
    for name, source in names.items():
        path = ROOT / "checklists" / "sources" / source
        times = []
        for _ in range(5):
            started = time.perf_counter()
            build_checklist(path, checklist_id=name, convert=None)
            times.append((time.perf_counter() - started) * 1000)
        walls = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([ZWGK, "checklist", "build", str(path), "-o", str(folder / f"{name}.toml")],
                           check=True, capture_output=True)
            walls.append((time.perf_counter() - started) * 1000)
        out[name] = {"in_process_ms": round(min(times), 1), "command_ms": round(min(walls))}
    return out


def bench_report(folder: Path, quick: bool) -> dict:
    out = {}
    for count in ((1000,) if quick else (1000, 10000)):
        r = report_bench.bench(count, 100, folder / "report-corpus", 1 if count > 1000 else 3)
        out[str(count)] = {k: round(v, 2) if isinstance(v, float) else v for k, v in r.items()}
    return out


def bench_review(folder: Path) -> dict:
    """Review at scale, in the model both faces call: accept-all on 2,000 items (one save),
    and opening a submitted file with 20,000 evidence entries and file records until the
    first item's evidence is matched to its files (the first prompt's work)."""
    from zwgk_tui.model.assessment.answers import EvidenceFile
    from zwgk_tui.model.assessment.saver import SyncSaver
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.model.assessment.submit import export
    from zwgk_tui.model.assessment.synthetic import write_checklist
    from zwgk_tui.model.checklist import load_checklist
    from zwgk_tui.model.review import session as reviewing

    out = {}
    os.environ["ZWGK_DATA_DIR"] = str(folder / "review-data")
    checklist = load_checklist(write_checklist(folder / "review-2000.toml", 2000))
    own = folder / "review-own.toml"
    assess = Assessment.open(checklist, own, unit="复核基准", saver=SyncSaver())
    for leaf in checklist.leaves:
        answer = assess.scores.answer(leaf.id)
        answer.status, answer.evidence = "met", [f"https://example.gov.cn/{leaf.id}"]
    first = assess.scores.answer(checklist.leaves[0].id)
    first.evidence = [f"/srv/zwgk/证据/{n}.pdf" for n in range(20_000)]
    first.files = [EvidenceFile(f"/srv/zwgk/证据/{n}.pdf", "0" * 64, n) for n in range(20_000)]
    assess.save()
    assess.close()
    inbox = folder / "review-inbox"
    inbox.mkdir()
    received = export(own, inbox, checklist).path
    started = time.perf_counter()
    session = reviewing.open_review(checklist, received, saver=SyncSaver())
    reviewing.evidence_files(session.answer(checklist.leaves[0].id))
    out["open_to_first_item_s"] = round(time.perf_counter() - started, 3)
    out["file_kb"] = round(received.stat().st_size / 1024)
    ids = reviewing.acceptable(session)
    started = time.perf_counter()
    done, _error = session.accept_all(ids, reviewer="基准")
    out["accept_all_2000_s"] = round(time.perf_counter() - started, 3)
    out["accepted"], out["saves"] = done, session.state.saves
    session.close()
    return out


TARGETS = """targets: start-up ≤ 1.2× bare; key p95 ≤ 16 ms; bytes per move ≤ 2,000; save ≤ 10 ms at
2,000 items; report 10,000 ≤ 5 s cold, ≤ 1 s warm; peak memory ≤ 300 MB; review: accept-all
2,000 items ≤ 1 s (one save), opening a 2 MB submission to the first item ≤ 1 s"""


def show(results: dict) -> None:
    tui = results["tui"]
    print(f"\nmachine: {results['machine']['cpus']} CPUs, load before {results['machine']['load_before']}, "
          f"Python {results['machine']['python']}")
    print(f"\n1. start-up to first frame, 80×24 (median of {results['runs']} runs)")
    small = tui["largest_bundled"]
    for size, label in (("small", f"{small['id']} ({small['leaves']} items)"), ("2000", "2,000 items")):
        m = tui[f"startup_median_{size}"]
        print(f"   {label}: zwgk {m['zwgk']:.0f} ms, bare {m['bare']:.0f} ms → {tui[f'startup_ratio_{size}']}×"
              f"   (all runs: zwgk {sorted(tui['first_frames_ms'][f'zwgk_{size}'])}, "
              f"bare {sorted(tui['first_frames_ms'][f'bare_{size}'])})")
    print("\n2./3. keystrokes on 2,000 items: p50 / p95 ms, bytes mean / p95 / max")
    rows = [("bare OptionList, move", tui["bare_2000"]["move"]),
            ("zwgk move", tui["zwgk_2000"]["move"]), ("zwgk fold", tui["zwgk_2000"]["fold"]),
            ("zwgk status (1–4)", tui["zwgk_2000_edit"]["status"]),
            ("zwgk open item (Tab)", tui["zwgk_2000_edit"]["open"])]
    for name, r in rows:
        print(f"   {name:24} {r['p50_ms']:>6} / {r['p95_ms']:<6} {r['bytes_mean']:>6} / {r['bytes_p95']:>6} / {r['bytes_max']}")
    print(f"   floor (only the two changed rows repainted): ~{tui['floor_bytes_per_move']} bytes per move")
    print("\n4. save per change: p50 / p95 ms (file size)")
    for name, r in results["save"].items():
        print(f"   {name:12} {r['p50_ms']:>6} / {r['p95_ms']:<6} ({r['file_kb']} KB)")
    print("\n5. build (in process / whole command, ms)")
    for name, r in results["build"].items():
        print(f"   {name:18} {r['in_process_ms']:>6} / {r['command_ms']}")
    print("   report (s): cold / warm, CPU cold, peak MB")
    for count, r in results["report"].items():
        print(f"   {count:>6} files: {r['cold_s']} / {r['warm_s']}, {r['cold_cpu']}, {round(r['peak_mb'])} MB")
    r = results["review"]
    print(f"\n   review: accept-all 2,000 items {r['accept_all_2000_s']} s ({r['accepted']} accepted, "
          f"{r['saves']} save); opening a {r['file_kb']} KB submission (20,000 evidence entries) to its first "
          f"item {r['open_to_first_item_s']} s")
    print(f"\n6. peak RSS: zwgk assess 2,000 items {tui['zwgk_2000']['peak_rss_mb']} MB "
          f"(bare app {tui['bare_2000']['peak_rss_mb']} MB)")
    print("\n" + TARGETS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="60 keys, 1 run, no 10,000-file report")
    parser.add_argument("--runs", type=int, default=5, help="pty runs; start-up is their median")
    parser.add_argument("--keys", type=int, default=200)
    options = parser.parse_args()
    runs, keys = (1, 60) if options.quick else (options.runs, options.keys)
    results: dict = {
        "when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {"cpus": len(os.sched_getaffinity(0)), "load_before": round(os.getloadavg()[0], 2),
                    "python": platform.python_version(), "platform": platform.platform()},
        "runs": runs,
    }
    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    try:
        results["tui"] = bench_tui(folder, keys, runs)
        results["save"] = bench_save(folder)
        results["build"] = bench_build(folder)
        results["report"] = bench_report(Path(tempfile.gettempdir()), options.quick)
        results["review"] = bench_review(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    results["machine"]["load_after"] = round(os.getloadavg()[0], 2)
    show(results)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"{stamp}.json", "latest.json"):
        (out / name).write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")
    print(f"\nJSON: {out / 'latest.json'}")


if __name__ == "__main__":
    main()
    _ = ptyharness  # the harness module stays importable on its own (python ptyharness.py)
