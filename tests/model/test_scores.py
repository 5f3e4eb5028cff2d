"""Score files: round trip, and every kind of bad file gets one line naming file and line."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.answers import Answer, EvidenceFile, Review, ScoreFile
from zwgk_tui.model.assessment.parse import parse_document, read_scores
from zwgk_tui.model.assessment.serialize import digest, dumps, to_document
from zwgk_tui.model.checklist import load_checklist

TZ = dt.timezone(dt.timedelta(hours=8))
STAMP = dt.datetime(2026, 11, 23, 10, 0, 0, tzinfo=TZ)


def sample() -> ScoreFile:
    scores = ScoreFile("mini-2026", "a" * 64, "示例县政务公开办", "张三", STAMP, STAMP)
    scores.items["1.1"] = Answer(
        status="met", evidence=["国办发〔2019〕14号", "https://example.gov.cn/x?a=1&b=2"],
        note="第一行\n第二行 \"引号\" 'single' \\ 反斜杠", text_sha256="abc", updated=STAMP,
        files=[EvidenceFile("/srv/证据.pdf", "f" * 64, 12345)],
    )
    scores.items["1.2"] = Answer(status="partial", score=12.5, updated=STAMP)
    scores.items["2.1.3"] = Answer(
        status="unmet", review=Review("return", status="unmet", reason="缺少佐证", reviewer="李四",
                                      at=STAMP, self_status="unmet"),
    )
    return scores


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_keeps_everything(tmp_path):
    original = sample()
    path = write(tmp_path, dumps(original))
    back = read_scores(path)
    assert to_document(back) == to_document(original)
    assert back.items["2.1.3"].returned
    assert back.items["1.1"].files[0].size == 12345
    # the file is ordinary TOML for every other tool
    assert tomllib.loads(path.read_text("utf-8"))["items"]["1.2"]["score"] == 12.5


text_strategy = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    unit=text_strategy.filter(lambda s: s.strip()),
    note=text_strategy,
    evidence=st.lists(text_strategy, max_size=4),
    score=st.none() | st.floats(min_value=0, max_value=1000, allow_nan=False),
    item_id=st.from_regex(r"[0-9]{1,2}(\.[0-9]{1,2}){0,2}", fullmatch=True),
)
def test_any_text_round_trips_through_rtoml_and_tomllib(unit, note, evidence, score, item_id):
    scores = ScoreFile("c", "b" * 64, unit, "x", STAMP, STAMP)
    scores.items[item_id] = Answer(status="met", score=score, note=note, evidence=evidence)
    text = dumps(scores)
    assert tomllib.loads(text) == to_document(scores)
    doc, _ = parse_document(text.encode("utf-8"), "x.toml")
    assert doc == to_document(scores)


def test_digest_ignores_reviews_and_submission_but_not_answers():
    doc = to_document(sample())
    base = digest(doc)
    doc["review"] = {"reviewer": "李四"}
    doc["items"]["2.1.3"]["review"]["reason"] = "改了理由"
    doc["submitted"] = {"at": STAMP, "digest": "sha256:x"}
    assert digest(doc) == base
    doc["items"]["1.1"]["note"] = "改了备注"
    assert digest(doc) != base


GOOD = '''format = "zwgk-scores"
version = 1
checklist_id = "mini-2026"
checklist_sha256 = "{sha}"
unit = "示例县"
assessor = "张三"
created = 2026-11-23T10:00:00+08:00
updated = 2026-11-23T10:00:00+08:00
'''


@pytest.mark.parametrize(
    ("tail", "line", "fragment"),
    [
        ('\n[items."1.1"]\nstatus = "good"\n', 11, "状态"),
        ('\n[items."1.1"]\nstatus = "met"\nscore = -1\n', 12, "负数"),
        ('\n[items."1.1"]\nstatus = "met"\nevidence = "x"\n', 12, "evidence"),
        ('\n[items."9.9"]\nstatus = "met"\n', 10, "不存在"),
        ('\n[items."1.2"]\nstatus = "met"\nscore = 25\n', 12, "超过分值"),
        ('\n[items."2.1"]\nstatus = "met"\n', 10, "不是可评估"),
        ('\n[items."1.1"]\nstatus = "met"\n[items."1.1".review]\ndecision = "maybe"\n', 12, "decision"),
    ],
)
def test_bad_items_name_the_line(tmp_path, mini_path, tail, line, fragment):
    checklist = load_checklist(mini_path)
    path = write(tmp_path, GOOD.format(sha=checklist.sha256) + tail)
    with pytest.raises(ZwgkError) as raised:
        read_scores(path, checklist)
    assert fragment in raised.value.message
    assert raised.value.line == line
    assert str(raised.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("format = \"zwgk-scores\"\nversion = 1\nunit = \n", 3, "TOML"),
        ('format = "zwgk-checklist"\nversion = 1\n', 1, "format"),
        ('format = "zwgk-scores"\nversion = 2\n', 2, "version"),
        (GOOD.format(sha="xyz"), 4, "十六进制"),
        (GOOD.format(sha="a" * 64).replace("created = 2026-11-23T10:00:00+08:00", 'created = "yesterday"'), 7, "created"),
        ("", 1, "format"),
        ("just some words\n", 1, "TOML"),
    ],
)
def test_bad_files_name_the_line(tmp_path, text, line, fragment):
    path = write(tmp_path, text)
    with pytest.raises(ZwgkError) as raised:
        read_scores(path)
    assert fragment in raised.value.message
    assert raised.value.line == line


def test_other_checklist_is_refused(tmp_path, mini_path):
    checklist = load_checklist(mini_path)
    path = write(tmp_path, GOOD.format(sha=checklist.sha256).replace('"mini-2026"', '"2019-guowuyuan"'))
    with pytest.raises(ZwgkError, match="另一份清单"):
        read_scores(path, checklist)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\x00\x01\x02binary", "二进制"),
        (b"\xff\xfe\xfa", "UTF-8"),
        (b"a = " + b"[" * 5000 + b"]" * 5000, "嵌套"),
        (b'format = "zwgk-scores"\nnote = "' + b"x" * (9 * 1024 * 1024) + b'"\n', "过大"),
    ],
)
def test_hostile_files_are_refused_cleanly(tmp_path, data, fragment):
    path = tmp_path / "bad.toml"
    path.write_bytes(data)
    with pytest.raises(ZwgkError, match=fragment):
        read_scores(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ZwgkError, match="不存在"):
        read_scores(tmp_path / "nope.toml")
    with pytest.raises(ZwgkError, match="文件夹"):
        read_scores(tmp_path)
