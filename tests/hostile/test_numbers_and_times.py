"""Issue 12, item 5 and the rules behind it: every number from a file is finite and in range,
every timestamp has an offset, each refused with the file and its line where it is read."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import tomllib
from pathlib import Path

import pytest
import rtoml
from hostile_run import ZWGK, child_env, dirty, wait_child

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.parse import read_scores
from zwgk_tui.model.checklist import check_checklist
from zwgk_tui.model.paths import bundled_checklists_dir

ROOT = Path(__file__).resolve().parents[2]


def rewrite(source: Path, target: Path, change) -> Path:
    doc = tomllib.loads(source.read_text("utf-8"))
    change(doc)
    target.write_text(rtoml.dumps(doc), "utf-8")
    return target


def line_of(path: Path, line: int) -> str:
    return path.read_text("utf-8").splitlines()[line - 1]


def zwgk(args, data: Path, stdin: bytes = b""):
    child, out, err = wait_child([str(ZWGK), *map(str, args)], env=child_env(data), timeout=60, stdin=stdin)
    assert not child.killed and dirty(out) is None and dirty(err) is None
    return child.status, out.decode("utf-8"), err.decode("utf-8")


REVIEW = {"decision": "adjust", "status": "partial", "reviewer": "复核人", "self_status": "met"}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 1e308, -1])
@pytest.mark.parametrize("key", ["score", "review.score", "review.self_score"])
def test_a_number_that_is_not_finite_or_in_range_is_refused_with_its_line(hostile, tmp_path, key, value):
    def change(doc):
        item = doc["items"]["1.1"]
        if key == "score":
            item["score"] = value
        else:
            item["review"] = {**REVIEW, key.split(".")[1]: value}

    bad = rewrite(hostile.good, tmp_path / "bad.toml", change)
    with pytest.raises(ZwgkError) as caught:
        read_scores(bad)
    assert caught.value.line is not None
    assert key.split(".")[-1] in line_of(bad, caught.value.line)


def test_a_review_score_of_nan_never_reaches_a_figure(hostile, tmp_path):
    """The attack: ``score = nan`` in a review showed 得分 nan and made averages nan."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = rewrite(hostile.good, inbox / "nan.toml",
                  lambda d: d["items"]["1.1"].__setitem__("review", {**REVIEW, "score": float("nan")}))
    shutil.copyfile(hostile.good, inbox / "ok.toml")
    code, out, _ = zwgk(["report", inbox, "--checklist", hostile.mini, "--plain", "-o", tmp_path / "r.toml"],
                        tmp_path / "data")
    assert code == 1 and f"{bad}:" in out and "（现为 nan）" in out     # refused, with its line
    assert "得分 nan" not in out and "nan%" not in out and "inf" not in out
    report = (tmp_path / "r.toml").read_text("utf-8")
    doc = tomllib.loads(report)
    assert [u["unit"] for u in doc["units"]] == ["正常单位"]
    assert all(math.isfinite(u["total"]) and math.isfinite(u["percent"]) for u in doc["units"])
    assert "total = nan" not in report and "inf" not in report
    for command in (["review", bad, "--plain", "--checklist", hostile.mini],
                    ["assess", hostile.mini, "--plain", "--scores", bad]):
        code, out, err = zwgk(command, tmp_path / "data", b"q\n")
        assert code == 2 and err.count("\n") == 1 and f"{bad}:" in err and "复核 score" in err


CHECKLIST_NUMBERS = {
    "points": (lambda d, v: d["sections"][0]["items"][0].__setitem__("points", v), "points"),
    "partial": (lambda d, v: d["sections"][0]["items"][0].__setitem__("partial", v), "partial"),
    "scoring.partial": (lambda d, v: d["scoring"].__setitem__("partial", v), "partial"),
    "bonus_cap": (lambda d, v: d["scoring"].__setitem__("bonus_cap", v), "bonus_cap"),
    "grade min": (lambda d, v: d["scoring"].__setitem__("grades", [{"name": "优", "min": v}, {"name": "差", "min": 0}]),
                  "grades"),
}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 1e308, -1])
@pytest.mark.parametrize("key", sorted(CHECKLIST_NUMBERS))
def test_checklist_numbers_are_finite_and_in_range(hostile, tmp_path, key, value):
    change, word = CHECKLIST_NUMBERS[key]
    bad = rewrite(hostile.mini, tmp_path / "bad.toml", lambda d: change(d, value))
    problems = check_checklist(bad)
    assert problems, f"{key} = {value} passed"
    assert problems[0].line is not None and word in line_of(bad, problems[0].line), problems[0]


TIMES = {
    "created": lambda d, v: d.__setitem__("created", v),
    "updated": lambda d, v: d.__setitem__("updated", v),
    "submitted.at": lambda d, v: d["submitted"].__setitem__("at", v),
    "items.updated": lambda d, v: d["items"]["1.1"].__setitem__("updated", v),
    "review.at": lambda d, v: d["items"]["1.1"].__setitem__("review", {**REVIEW, "at": v}),
    "[review].updated": lambda d, v: d.__setitem__("review", {"reviewer": "复核人", "updated": v}),
}


@pytest.mark.parametrize("key", sorted(TIMES))
def test_a_timestamp_without_an_offset_is_refused_with_its_line(hostile, tmp_path, key):
    """``updated = 2099-01-01T00:00:00`` (no offset, though the README requires one) once won
    "newest wins" against every honest file."""
    bad = rewrite(hostile.good, tmp_path / "naive.toml", lambda d: TIMES[key](d, dt.datetime(2099, 1, 1)))
    with pytest.raises(ZwgkError) as caught:
        read_scores(bad)
    assert "时区" in caught.value.message and caught.value.line is not None
    assert key.split(".")[-1] in line_of(bad, caught.value.line)
    code, out, _ = zwgk(["report", bad, "--checklist", hostile.mini, "--plain"], tmp_path / "data")
    assert code == 1 and f"{bad}:{caught.value.line}:" in out


def test_the_bundled_checklists_and_the_fixtures_are_still_valid(tmp_path):
    lists = [*sorted(bundled_checklists_dir().glob("*.toml")), ROOT / "tests" / "data" / "mini.toml"]
    assert len(lists) >= 5
    for path in lists:
        assert check_checklist(path) == [], path
    code, _, err = zwgk(["checklist", "check", *lists], tmp_path / "data")
    assert code == 0 and err.count("通过") == len(lists)
