"""Reading many files: the cache (a second report only stats), the worker processes, and
figures at scale against a computation from the raw TOML."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path

import pytest

from zwgk_tui.model.assessment.synthetic import write_checklist, write_score_files
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.report import intake
from zwgk_tui.report.cache import SheetCache, cache_dir
from zwgk_tui.report.gather import find, gather


@pytest.fixture
def corpus(tmp_path):
    checklist = load_checklist(write_checklist(tmp_path / "list.toml", 30))
    folder = tmp_path / "scores"
    write_score_files(checklist.path, folder, 150, seed=7)
    return checklist, folder


def sheets_of(checklist, folder, **kwargs):
    return gather(find([folder]).files, checklist, **kwargs)


def test_figures_at_scale_match_the_raw_files(corpus):
    checklist, folder = corpus
    raw = tomllib.loads(checklist.path.read_text("utf-8"))
    points = {leaf["id"]: leaf["points"] for s in raw["sections"] for i in s["items"] for leaf in i["items"]}
    for sheet in sheets_of(checklist, folder, jobs=2):
        doc = tomllib.loads(Path(sheet.path).read_text("utf-8"))
        earned = maximum = 0.0
        for item_id, item in doc["items"].items():
            if item["status"] != "na":
                maximum += points[item_id]
                earned += {"met": 1, "partial": 0.5, "unmet": 0}[item["status"]] * points[item_id]
        assert sheet.ok and sheet.unit == doc["unit"]
        assert sheet.total == pytest.approx(earned) and sheet.maximum == pytest.approx(maximum)
        assert sheet.statuses.count("u") == sum(1 for i in doc["items"].values() if i["status"] == "unmet")


def test_workers_and_one_process_agree(corpus):
    checklist, folder = corpus
    pooled = sheets_of(checklist, folder, jobs=2)
    alone = sheets_of(checklist, folder, jobs=1)
    assert [s.to_json() for s in pooled] == [s.to_json() for s in alone]
    assert len(pooled) == 150


def test_a_second_report_reads_nothing(corpus, monkeypatch):
    checklist, folder = corpus
    first = sheets_of(checklist, folder, cache=SheetCache(checklist.sha256))
    monkeypatch.setattr(intake, "examine", lambda *a: pytest.fail("examined again"))
    monkeypatch.setattr(os, "read", lambda *a: pytest.fail("read again"))
    second = sheets_of(checklist, folder, cache=SheetCache(checklist.sha256))
    assert [s.to_json() for s in first] == [s.to_json() for s in second]


def test_a_changed_file_is_examined_again_a_touched_one_is_not(corpus, monkeypatch):
    checklist, folder = corpus
    sheets_of(checklist, folder, cache=SheetCache(checklist.sha256))
    files = sorted(folder.glob("*.toml"))
    changed, touched = files[0], files[1]
    changed.write_text(changed.read_text("utf-8").replace('status = "met"', 'status = "unmet"'), "utf-8")
    os.utime(touched)
    examined = []
    real = intake.examine
    monkeypatch.setattr(intake, "examine", lambda data, path, *rest: examined.append(path) or real(data, path, *rest))
    again = {s.path: s for s in sheets_of(checklist, folder, cache=SheetCache(checklist.sha256))}
    assert examined == [str(changed)]
    assert again[str(changed)].statuses.count("m") == 0
    assert again[str(touched)].ok


def test_a_broken_cache_is_ignored_and_the_cache_is_private(corpus):
    checklist, folder = corpus
    cache = SheetCache(checklist.sha256)
    want = [s.to_json() for s in sheets_of(checklist, folder, cache=cache)]
    assert cache.path.parent == cache_dir()
    assert cache.path.stat().st_mode & 0o777 == 0o600 and cache_dir().stat().st_mode & 0o777 == 0o700
    for junk in (b"not json", b"[1, 2]", json.dumps({"version": 1}).encode(), b"\x00" * 10):
        cache.path.write_bytes(junk)
        assert [s.to_json() for s in sheets_of(checklist, folder, cache=SheetCache(checklist.sha256))] == want
    disabled = SheetCache(checklist.sha256, enabled=False)
    cache.path.unlink()
    sheets_of(checklist, folder, cache=disabled)
    assert not cache.path.exists()


def test_only_content_verdicts_are_cached(tmp_path, corpus):
    checklist, folder = corpus
    (folder / "bad.toml").write_text("不是 TOML")
    (folder / "link.toml").symlink_to(folder / "bad.toml")
    cache = SheetCache(checklist.sha256)
    sheets_of(checklist, folder, cache=cache)
    entries = json.loads(cache.path.read_bytes())["entries"]
    assert str(folder / "bad.toml") in entries and str(folder / "link.toml") not in entries


def test_a_worker_that_dies_only_costs_its_files(corpus, monkeypatch):
    checklist, folder = corpus
    victim = str(sorted(folder.glob("*.toml"))[-1])
    real = intake.examine

    def dying(data, path, *rest):   # inherited by the forked workers
        if path == victim:
            os._exit(3)
        return real(data, path, *rest)

    monkeypatch.setattr(intake, "examine", dying)
    sheets = {s.path: s for s in sheets_of(checklist, folder, jobs=2)}
    assert len(sheets) == 150
    assert "进程意外退出" in sheets[victim].rejected[0][1]
    assert sum(s.ok for s in sheets.values()) > 0


def test_a_deep_folder_tree_is_walked(tmp_path, corpus):
    _, folder = corpus
    deep = tmp_path / "deep"
    path = deep
    for _ in range(300):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "bottom.toml").write_bytes(sorted(folder.glob("*.toml"))[0].read_bytes())
    (deep / "a.toml").write_bytes(sorted(folder.glob("*.toml"))[1].read_bytes())
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(150)                   # deeper than the stack may go
    try:
        found = find([deep])
    finally:
        sys.setrecursionlimit(limit)
    assert [p.rsplit("/", 1)[1] for p in found.files] == ["a.toml", "bottom.toml"]
