"""Files from other units are untrusted: each bad one is named with its problem, the rest are
still counted, nothing is followed, executed or allowed to reach the terminal as control."""

from __future__ import annotations

import datetime
import os
import re
import tomllib
from pathlib import Path

import pytest

ALL_MET = {"1.1": "met", "1.2": "met", "2.1.1": "met", "2.1.3": "met", "2.u1": "met"}


def report(zwgk, tmp_path, *paths, plain=True):
    out = tmp_path / "r.toml"
    args = ["report", *paths, "--checklist", tmp_path / "checklists" / "mini.toml", "-o", out]
    run = zwgk(*args, *(["--plain"] if plain else []))
    doc = tomllib.loads(out.read_text("utf-8")) if out.exists() else {}
    return run, doc


def rejected(doc) -> dict[str, str]:
    return {Path(r["file"]).name: " ".join(p["message"] for p in r["problems"]) for r in doc["rejected"]}


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), "utf-8")


@pytest.fixture
def good(make_unit):
    return make_unit("正常单位", ALL_MET)


def test_every_bad_file_is_named_and_the_good_ones_still_count(zwgk, tmp_path, inbox, make_unit, good, checklist_file):
    text = good.read_text("utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.toml").write_text(text.replace("正常单位", "外部单位"), "utf-8")
    bad = {
        "not-toml.toml": "这不是评估记录\n[[[ 乱码".encode(),
        "binary.toml": bytes(range(256)) * 4,
        "empty.toml": b"",
        "gbk.toml": text.replace("正常单位", "国标编码单位").encode("gb18030"),
        "nested.toml": ("x = " + "[" * 5000 + "]" * 5000).encode(),
        "dotted.toml": ("format = 1\n" + ".".join(["a"] * 50_000) + " = 1\n").encode(),
        "checklist.toml": checklist_file.read_bytes(),
        "version2.toml": text.replace("version = 1", "version = 2", 1).encode(),
        "other-list.toml": text.replace('checklist_id = "mini-2026"', 'checklist_id = "2019-guowuyuan"').encode(),
        "bad-status.toml": text.replace('status = "met"', 'status = "excellent"', 1).encode(),
        "unknown-item.toml": text.replace('[items."1.1"]', '[items."9.9"]').encode(),
    }
    for name, data in bad.items():
        (inbox / name).write_bytes(data)
    (inbox / "link.toml").symlink_to(outside / "secret.toml")
    (inbox / "linked-folder").symlink_to(outside)
    os.mkfifo(inbox / "pipe.toml")                     # reading it would block for ever
    (inbox / "notes.txt").write_text("不是评估记录，被忽略")
    run, doc = report(zwgk, tmp_path, inbox)
    assert run.code == 1
    assert [u["unit"] for u in doc["units"]] == ["正常单位"]          # 外部单位 never read
    why = rejected(doc)
    expected = {
        "not-toml.toml": "TOML 语法错误", "binary.toml": "二进制", "empty.toml": "空文件",
        "gbk.toml": "不是 UTF-8", "nested.toml": "嵌套", "dotted.toml": "嵌套",
        "checklist.toml": "不是评估记录", "version2.toml": "不支持的 version 2",
        "other-list.toml": "另一份清单", "bad-status.toml": "'excellent' 无效",
        "unknown-item.toml": "9.9 在清单中不存在", "link.toml": "符号链接",
        "linked-folder": "符号链接", "pipe.toml": "不是普通文件",
    }
    for name, phrase in expected.items():
        assert phrase in why[name], (name, why.get(name))
    assert set(why) == set(expected)
    for name in expected:                      # named in the terminal too, with a line where known
        assert name in run.out
    assert re.search(r"not-toml\.toml:1: TOML 语法错误", run.out)
    assert doc["files"]["ignored"] == 1


def test_a_huge_file_is_refused_without_reading_it(zwgk, tmp_path, inbox, good):
    huge = inbox / "huge.toml"
    with huge.open("wb") as handle:
        handle.write(good.read_bytes())
        handle.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    run, doc = report(zwgk, tmp_path, inbox)
    assert run.code == 1 and "文件过大（50 MB）" in rejected(doc)["huge.toml"]


def test_a_file_edited_after_submission_is_rejected_a_draft_is_flagged(zwgk, tmp_path, inbox, good, make_unit):
    edited = make_unit("改过的单位", ALL_MET)
    edit(edited, 'status = "met"', 'status = "partial"')  # e.g. 1.1 changed by hand after export
    make_unit("草稿单位", ALL_MET, submit=False)
    run, doc = report(zwgk, tmp_path, inbox)
    assert run.code == 1
    assert "提交后内容被改动" in rejected(doc)[edited.name]
    units = {u["unit"]: u for u in doc["units"]}
    assert set(units) == {"正常单位", "草稿单位"}
    assert units["草稿单位"]["submitted"] is False
    assert "草稿" in units["草稿单位"]["warnings"][0]["message"]
    assert units["正常单位"]["submitted"] is True and "warnings" not in units["正常单位"]


def test_only_warnings_exit_zero(zwgk, tmp_path, inbox, make_unit):
    make_unit("未评完", {"1.1": "met"})
    make_unit("草稿", ALL_MET, submit=False)
    run, doc = report(zwgk, tmp_path, inbox)
    assert run.code == 0 and doc["files"]["rejected"] == 0 and len(doc["units"]) == 2


def test_two_files_of_one_unit_count_once(zwgk, tmp_path, inbox, make_unit):
    older = make_unit("同名单位", {"1.1": "unmet"})
    newer = make_unit("同 名 单 位", ALL_MET)     # spacing differs: still the same unit
    # the newest sound submission counts, by its own export record (not the last change)
    _resubmit(older, updated=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
              at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    _resubmit(newer, updated=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
              at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC))
    run, doc = report(zwgk, tmp_path, inbox)
    assert run.code == 0                                  # an older submission is no problem
    assert [u["file"] for u in doc["units"]] == [str(newer)]
    assert doc["superseded"] == [{"file": str(older), "unit": "同名单位", "counted": str(newer)}]
    assert older.name not in rejected(doc)
    # a claimed export time in the future is refused, with the reason
    future = inbox / "claims-future.toml"
    _resubmit(older, at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC))
    future.write_bytes(older.read_bytes())
    older.unlink()
    run, doc = report(zwgk, tmp_path, inbox)
    assert run.code == 1 and "在将来" in rejected(doc)[future.name]
    assert [u["file"] for u in doc["units"]] == [str(newer)]
    future.unlink()
    again = inbox / "zz-resent.toml"
    again.write_bytes(newer.read_bytes())
    run, doc = report(zwgk, tmp_path, inbox)
    assert [u["file"] for u in doc["units"]] == [str(newer)]          # the first named is kept
    assert "内容相同（重复文件）" in rejected(doc)[again.name]


def test_names_with_paths_escapes_and_markup_are_shown_as_text(zwgk, tmp_path, inbox, make_unit):
    nasty = {
        "../../etc/passwd": "slash",
        "示例县/../政务公开办": "dots",
        "\x1b[31m红色单位\x1b[0m\x1b]0;title\x07": "escape",
        "[red]标记[/red]": "markup",
        "=HYPERLINK(\"http://x\",\"点我\")": "formula",
    }
    for unit in nasty:
        make_unit(unit, ALL_MET, notes={"1.1": "备注\x1b[2J\x1b[31m清屏[link=file:///etc]x[/link]"})
    run, doc = report(zwgk, tmp_path, inbox)
    assert run.code == 0, run.out
    units = {u["unit"] for u in doc["units"]}
    assert "[red]标记[/red]" in units and "../../etc/passwd" in units
    assert "红色单位" in units                 # escape sequences removed, the name kept
    assert not any("\x1b" in u for u in units)
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert "[red]标记[/red]" in run.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checklists", "drafts", "inbox", "r.toml"]


def test_rich_view_prints_file_text_literally(zwgk, tmp_path, inbox, make_unit, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")    # a colour terminal: Rich's own styling is on
    monkeypatch.setenv("COLUMNS", "160")
    make_unit("[red]标记[/red]\x1b[5m闪烁", ALL_MET)
    run, _ = report(zwgk, tmp_path, inbox, plain=False)
    assert "[red]标记[/red]" in re.sub(r"\x1b\[[0-9;]*m", "", run.out)
    assert "\x1b[5m" not in run.out            # the file's own escape never reaches the terminal


def test_another_version_of_the_checklist(zwgk, tmp_path, inbox, make_unit, checklist_file):
    same = make_unit("文字相同", ALL_MET)
    changed = make_unit("文字不同", ALL_MET)
    edit(same, "checklist_sha256 = \"", "checklist_sha256 = \"" + "0" * 64 + "\"\nx_old = \"")
    # a checklist version whose item 1.2 read differently when the unit answered it
    edit(changed, "checklist_sha256 = \"", "checklist_sha256 = \"" + "0" * 64 + "\"\nx_old = \"")
    text = changed.read_text("utf-8")
    text = re.sub(r'(\[items\."1\.2"\][^\[]*?text_sha256 = ")[0-9a-f]+', r"\g<1>0123456789abcdef", text)
    changed.write_text(text, "utf-8")
    for path in (same, changed):                # re-export: these are honest files of that version
        _resubmit(path)
    run, doc = report(zwgk, tmp_path, inbox)
    assert run.code == 1
    assert [u["unit"] for u in doc["units"]] == ["文字相同"]
    assert "另一版本" in doc["units"][0]["warnings"][0]["message"]
    assert "1.2" in rejected(doc)[changed.name] and "另一版本" in rejected(doc)[changed.name]


def _resubmit(path: Path, updated: datetime.datetime | None = None, at: datetime.datetime | None = None) -> None:
    """Export the file again as it is (made last changed at ``updated``, exported ``at``)."""
    from zwgk_tui.model.assessment.parse import read_scores
    from zwgk_tui.model.assessment.serialize import dumps
    from zwgk_tui.model.assessment.submit import submit

    scores = read_scores(path)
    scores.updated = updated or scores.updated
    submit(scores)
    if at is not None:
        scores.submitted.at = at
    path.write_text(dumps(scores), "utf-8")
