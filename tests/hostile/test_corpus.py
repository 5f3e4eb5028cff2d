"""Every command against the generated hostile corpus (``hostile_corpus.py``: over 400 score
files and over 250 checklists, plus FIFOs, symlinks, sockets, devices and escape-laden names).

For each run: the exit status is one the README documents for that command; a refusal is
one line naming the file; no control byte (below 0x20 but newline, DEL, C1, bidi override,
line separator) reaches stdout or stderr; no run takes over 5 s; no traceback; and the
process doing the runs stays under 300 MB at its peak. The bulk goes through the CLI entry
in one child process per command; a sample runs as the installed ``zwgk``.
"""

from __future__ import annotations

import csv
import io
import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest
from hostile_run import (
    MAX_MEMORY,
    MAX_SECONDS,
    ZWGK,
    Corpus,
    Outcome,
    child_env,
    dirty,
    named,
    run_bulk,
    wait_child,
)

MAX_PROBLEM_LINES = 21      # 20 problems, then "及另外 M 处问题"


def cleaned(path: Path) -> str:
    """A path as the report's files hold it (controls removed)."""
    from zwgk_tui.report.exporters.tables import text

    return text(path)


def judge(outcomes: list[Outcome], codes: set[int], *, files: list[Path] | None = None,
          one_line_on: set[int] = frozenset({2})) -> None:
    """The checks every run must pass; ``files[i]`` is the file run ``i`` was about."""
    failures = []
    for index, run in enumerate(outcomes):
        why = []
        if run.exception:
            why.append("traceback:\n" + run.exception[-1500:])
        if run.code not in codes:
            why.append(f"exit status {run.code}, documented: {sorted(codes)}")
        if run.elapsed > MAX_SECONDS:
            why.append(f"took {run.elapsed:.1f} s")
        for stream, data in (("stdout", run.out), ("stderr", run.err)):
            if problem := dirty(data):
                why.append(f"{stream}: {problem}")
        if run.code in one_line_on:
            lines = run.err.decode("utf-8", "replace").strip().splitlines()
            if len(lines) != 1:
                why.append(f"refusal is {len(lines)} lines on stderr, not one")
            elif files is not None and not named(files[index], lines[0]):
                why.append("the refusal does not name the file")
        if why:
            failures.append(run.describe() + "\n  " + "\n  ".join(why))
    assert not failures, f"{len(failures)} of {len(outcomes)} runs failed:\n\n" + "\n\n".join(failures[:8])


def memory_ok(child, what: str) -> None:
    assert child.max_rss_kb < MAX_MEMORY, f"{what}: peak memory {child.max_rss_kb // 1024} MB"


def copies(hostile: Corpus, folder: Path) -> list[Path]:
    """The score corpus copied (a command that opens files for writing gets its own), special
    entries planted afresh."""
    import hostile_corpus

    folder.mkdir(parents=True)
    out = []
    for path in hostile.scores:
        if path in hostile.specials:
            continue
        target = folder / path.name
        shutil.copyfile(path, target)
        out.append(target)
    out.extend(hostile_corpus.plant_specials(folder, hostile.good.read_bytes()))
    return out


def test_corpus_is_big_enough(hostile):
    assert len(hostile.scores) >= 400 and len(hostile.checklists) >= 250
    assert len(hostile.scores) + len(hostile.checklists) >= 500


def test_report_names_every_hostile_file_and_writes_clean_outputs(hostile, tmp_path):
    batches = [hostile.scores[i:i + 60] for i in range(0, len(hostile.scores), 60)]
    jobs = []
    for n, batch in enumerate(batches):
        out = tmp_path / f"r{n}"
        jobs.append({"args": ["report", *map(str, batch), "--checklist", str(hostile.mini), "--plain",
                              "-o", f"{out}.csv", "-o", f"{out}.md", "-o", f"{out}.toml", "-o", f"{out}.xlsx"]})
    # the whole folder (walked: symlinks, FIFOs and devices met on the way), catalogue lookup
    jobs.append({"args": ["report", str(hostile.inbox), "--checklists", str(hostile.checklist_dir), "--plain"]})
    jobs.append({"args": ["report", str(hostile.inbox), "--checklist", str(hostile.mini), "--ascii"]})
    child = run_bulk(jobs, tmp_path / "bulk", tmp_path / "data")
    memory_ok(child, "report")
    judge(child.outcomes, {0, 1, 2})
    for n, (run, batch) in enumerate(zip(child.outcomes, batches, strict=False)):
        text = run.out.decode("utf-8")
        assert len(text.splitlines()) < MAX_PROBLEM_LINES * 2 * len(batch) + 100
        out = tmp_path / f"r{n}"
        doc = tomllib.loads(Path(f"{out}.toml").read_text("utf-8"))
        counted = {unit["file"] for unit in doc["units"]}
        left_out = {entry["file"]: entry["problems"] for entry in doc["rejected"]}
        # a unit's older sound submissions give way to its newest (not a problem, not counted)
        superseded = {entry["file"] for entry in doc.get("superseded", [])}
        assert run.code == (1 if left_out else 0), run.describe()   # 1 exactly when a file is left out
        # every file is accounted for: counted, superseded, or left out and named in the terminal
        files = [path for path in batch if path.is_symlink() or not path.is_dir()]  # a folder is walked
        assert counted | superseded | set(left_out) == {cleaned(path) for path in files}
        for path in batch:
            if cleaned(path) in left_out:
                assert named(path, text), f"{path.name} left out but not named"
                assert len(left_out[cleaned(path)]) <= MAX_PROBLEM_LINES
        out = tmp_path / f"r{n}"
        for suffix in (".md", ".toml"):
            assert dirty(Path(f"{out}{suffix}").read_bytes()) is None, suffix
        data = Path(f"{out}.csv").read_bytes().replace(b"\r\n", b"\n")
        assert dirty(data) is None
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
            assert all(len(cell) <= 32_767 for cell in row)
        with zipfile.ZipFile(f"{out}.xlsx") as book:
            assert "xl/workbook.xml" in book.namelist()


def test_review_plain_on_every_hostile_file(hostile, tmp_path):
    files = copies(hostile, tmp_path / "inbox")
    jobs = [{"args": ["review", str(path), "--plain", "--checklists", str(hostile.checklist_dir),
                      "--reviewer", "复核人"], "input": "a\nq\n"} for path in files]
    child = run_bulk(jobs, tmp_path / "bulk", tmp_path / "data")
    memory_ok(child, "review")
    judge(child.outcomes, {0, 1, 2}, files=files)
    assert sum(run.code == 0 for run in child.outcomes) >= 50   # sound enough to review: reviewed


def test_assess_plain_on_every_hostile_file(hostile, tmp_path):
    files = copies(hostile, tmp_path / "mine")
    jobs = [{"args": ["assess", str(hostile.mini), "--plain", "--scores", str(path)], "input": "1\nq\n"}
            for path in files]
    child = run_bulk(jobs, tmp_path / "bulk", tmp_path / "data")
    memory_ok(child, "assess")
    judge(child.outcomes, {0, 1, 2}, files=files)
    assert sum(run.code == 0 for run in child.outcomes) >= 50


def test_export_of_every_hostile_file(hostile, tmp_path):
    files = copies(hostile, tmp_path / "mine")
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    jobs = [{"args": ["export", str(path), "-o", f"{outbox}/", "--allow-incomplete",
                      "--checklists", str(hostile.checklist_dir)]} for path in files]
    child = run_bulk(jobs, tmp_path / "bulk", tmp_path / "data")
    memory_ok(child, "export")
    judge(child.outcomes, {0, 2}, files=files)


def test_checklist_check_on_every_hostile_checklist(hostile, tmp_path):
    batches = [hostile.checklists[i:i + 40] for i in range(0, len(hostile.checklists), 40)]
    jobs = [{"args": ["checklist", "check", *map(str, batch)]} for batch in batches]
    child = run_bulk(jobs, tmp_path / "bulk", tmp_path / "data")
    memory_ok(child, "checklist check")
    judge(child.outcomes, {0, 2}, one_line_on=set())
    for run, batch in zip(child.outcomes, batches, strict=True):
        lines = run.out.decode("utf-8").splitlines()
        per_file = {str(path): 0 for path in batch}
        for line in lines:
            owner = [p for p in per_file if line.startswith(p)]
            assert owner, f"a problem line names no file: {line[:200]!r}"
            per_file[max(owner, key=len)] += 1
        assert max(per_file.values()) <= MAX_PROBLEM_LINES, per_file
        for path in batch:  # every file is either passed or named with its problems
            assert per_file[str(path)] or named(path, run.err.decode("utf-8")), path.name


def test_checklist_diff_with_every_hostile_checklist(hostile, tmp_path):
    jobs = [{"args": ["checklist", "diff", str(hostile.mini), str(path)]} for path in hostile.checklists]
    child = run_bulk(jobs, tmp_path / "bulk", tmp_path / "data")
    memory_ok(child, "checklist diff")
    judge(child.outcomes, {0, 2}, files=hostile.checklists)


def test_report_under_every_hostile_checklist(hostile, tmp_path):
    """Checklists that load are used for a report of sound files: their titles and names
    reach every output format."""
    jobs = []
    for n, path in enumerate(hostile.checklists):
        out = tmp_path / f"r{n}"
        jobs.append({"args": ["report", str(hostile.good), "--checklist", str(path), "--plain",
                              "-o", f"{out}.csv", "-o", f"{out}.md", "-o", f"{out}.toml", "-o", f"{out}.xlsx"]})
    child = run_bulk(jobs, tmp_path / "bulk", tmp_path / "data")
    memory_ok(child, "report --checklist")
    judge(child.outcomes, {0, 1, 2}, files=hostile.checklists)
    written = 0
    for n in range(len(hostile.checklists)):
        for suffix in (".md", ".toml", ".csv"):
            target = Path(f"{tmp_path / f'r{n}'}{suffix}")
            if target.exists():
                written += 1
                assert dirty(target.read_bytes().replace(b"\r\n", b"\n")) is None, (target, suffix)
    assert written >= 3 * 50


def test_scores_list_with_the_corpus_in_the_data_folder(hostile, tmp_path):
    """The corpus in data folders of 100 files each (an officer's folder holds a few dozen)."""
    files = [path for path in hostile.scores if path not in hostile.specials]
    jobs, batches = [], [files[i:i + 100] for i in range(0, len(files), 100)]
    for n, batch in enumerate(batches):
        scores = tmp_path / f"data{n}" / "scores"
        scores.mkdir(parents=True)
        for path in batch:
            shutil.copyfile(path, scores / path.name)
        jobs.append({"args": ["scores", "list", "--checklists", str(hostile.checklist_dir)],
                     "env": {"ZWGK_DATA_DIR": str(tmp_path / f"data{n}")}})
    import hostile_corpus

    hostile_corpus.plant_specials(tmp_path / "data0" / "scores", hostile.good.read_bytes())
    child = run_bulk(jobs, tmp_path / "bulk", tmp_path / "data")
    memory_ok(child, "scores list")
    judge(child.outcomes, {0})
    for run, batch in zip(child.outcomes, batches, strict=True):
        text = run.out.decode("utf-8")
        assert "无法读取" in text
        assert all(named(path, text) for path in batch)   # every file listed, readable or not


# ---------------------------------------------------------------- the installed command

SAMPLE_SCORES = ("s-item_key-osc52.toml", "s-checklist_path-long.toml", "x-100k-unknown-items.toml",
                 "x-over-8mb.toml", "n-review_score-nan.toml", "t-updated-naive.toml", "fifo.toml",
                 "zero-link.toml")
SAMPLE_CHECKLISTS = ("cs-section_id-osc52.toml", "cn-points-1e308.toml", "cx-100k-unknown-keys.toml",
                     "cx-20k-items.toml", "cs-grade_name-csi-clear.toml")


def _installed(args: list[str], data: Path, stdin: bytes = b"", *, about: Path | None = None) -> None:
    """The installed command once: within time and memory, clean, a refusal naming ``about``
    (``checklist check`` lists its problems on stdout instead, each naming the file)."""
    child, out, err = wait_child([str(ZWGK), *args], env=child_env(data), timeout=30, stdin=stdin)
    run = Outcome(args, child.status, out, err, child.seconds)
    assert not child.killed, run.describe()
    assert child.seconds < MAX_SECONDS and child.max_rss_kb < MAX_MEMORY, (child, run.describe())
    assert b"Traceback" not in err, run.describe()
    if args[:2] == ["checklist", "check"]:
        judge([run], {0, 2}, one_line_on=set())
        lines = out.decode("utf-8").splitlines()
        assert len(lines) <= MAX_PROBLEM_LINES and all(named(about, line) for line in lines), run.describe()
    else:
        judge([run], {0, 1, 2}, files=[about] if about else None)


@pytest.mark.parametrize("name", SAMPLE_SCORES)
def test_installed_zwgk_on_hostile_score_files(hostile, tmp_path, name):
    data = tmp_path / "data"
    path = hostile.inbox / name
    lists = ["--checklists", str(hostile.checklist_dir)]
    _installed(["report", str(path), "--checklist", str(hostile.mini), "--plain"], data)
    _installed(["review", str(path), "--plain", *lists], data, b"q\n", about=path)
    _installed(["assess", str(hostile.mini), "--plain", "--scores", str(path)], data, b"q\n", about=path)
    _installed(["export", str(path), "-o", f"{tmp_path}/", "--allow-incomplete", *lists], data, about=path)


@pytest.mark.parametrize("name", SAMPLE_CHECKLISTS)
def test_installed_zwgk_on_hostile_checklists(hostile, tmp_path, name):
    path = hostile.checklists[0].parent / name
    data = tmp_path / "data"
    _installed(["checklist", "check", str(path)], data, about=path)
    _installed(["checklist", "diff", str(hostile.mini), str(path)], data, about=path)
    _installed(["report", str(hostile.good), "--checklist", str(path), "--plain"], data)


def test_installed_scores_list_with_hostile_files(hostile, tmp_path):
    data = tmp_path / "data"
    (data / "scores").mkdir(parents=True)
    for name in SAMPLE_SCORES:
        source = hostile.inbox / name
        if source.is_file() and not source.is_symlink():
            shutil.copyfile(source, data / "scores" / name)
    import hostile_corpus

    hostile_corpus.plant_specials(data / "scores", hostile.good.read_bytes())
    _installed(["scores", "list"], data)
