"""Loading and checking checklists: every problem names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.checklist import check_checklist, load_checklist

GOOD_HEAD = '''format = "zwgk-checklist"
version = 1
id = "t"
title = "测试"
'''


def write(tmp_path: Path, body: str, name: str = "c.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_mini_loads_with_tree_and_indexes(mini_path):
    checklist = load_checklist(mini_path)
    assert [s.id for s in checklist.sections] == ["1", "2"]
    assert [leaf.id for leaf in checklist.leaves] == ["1.1", "1.2", "2.1.1", "2.1.3", "2.u1"]
    assert checklist.by_id["2.1.3"].veto and checklist.by_id["2.u1"].bonus
    assert checklist.by_id["2.1.1"].parent is checklist.by_id["2.1"]
    assert checklist.by_id["2.1"].parent is checklist.by_id["2"]
    assert checklist.date == "2026-03-01" and checklist.year == 2026
    assert checklist.max_points == 100
    assert len(checklist.sha256) == 64
    assert checklist.rules.bonus_cap == 3


def test_sound_checklist_has_no_problems(mini_path):
    assert check_checklist(mini_path) == []


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        (GOOD_HEAD.replace("zwgk-checklist", "other") + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\n', 1, "format"),
        (GOOD_HEAD.replace("version = 1", "version = 7") + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\n', 2, "version"),
        (GOOD_HEAD + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\n[[sections.items]]\nid = "1.1"\ntitle = "c"\n', 11, "重复"),
        (GOOD_HEAD + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "2.1"\ntitle = "b"\n', 8, "不在上级"),
        (GOOD_HEAD + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1.1"\ntitle = "b"\n', 8, "层级"),
        (GOOD_HEAD + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\npoints = -3\n', 11, "负数"),
        (GOOD_HEAD + '[[sections]]\nid = "1"\ntitle = "a"\n', 5, "没有任何条目"),
        (GOOD_HEAD + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\nunits = "县政府"\n', 11, "units"),
        (GOOD_HEAD + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\n', 8, "缺少 title"),
        (GOOD_HEAD + 'sections = 3\n', 5, "sections"),
        (GOOD_HEAD + 'title2 = "x"\n[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\n', 5, "未知的顶层键"),
        (GOOD_HEAD + '[scoring]\npartial = 2\n[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\n', 6, "partial"),
        (GOOD_HEAD + 'preamble = """\n[[not a header]]\n"""\n[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\npoints = "x"\n', 14, "应为数字"),
    ],
)
def test_problems_name_the_line(tmp_path, body, line, fragment):
    path = write(tmp_path, body)
    problems = check_checklist(path)
    assert problems, body
    first = problems[0]
    assert fragment in first.message
    assert first.line == line
    assert str(first).startswith(f"{path}:{line}: ")
    with pytest.raises(ZwgkError) as raised:
        load_checklist(path)
    assert raised.value.line == line


def test_syntax_error_has_line_and_column(tmp_path):
    path = write(tmp_path, GOOD_HEAD + 'title = "again"\n')
    problems = check_checklist(path)
    assert len(problems) == 1
    assert problems[0].line == 5
    assert "TOML" in problems[0].message


def test_all_problems_are_listed_not_just_the_first(tmp_path):
    path = write(tmp_path, GOOD_HEAD + '[[sections]]\nid = "1"\ntitle = "a"\n[[sections.items]]\nid = "1.1"\ntitle = "b"\npoints = -1\n[[sections.items]]\nid = "1.1"\ntitle = "c"\n')
    messages = [p.message for p in check_checklist(path)]
    assert len(messages) == 2
    assert any("负数" in m for m in messages) and any("重复" in m for m in messages)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(None, "不存在"), (b"\xff\xfe binary", "UTF-8"), (b"", "format")],
)
def test_unreadable_files(tmp_path, content, fragment):
    path = tmp_path / "x.toml"
    if content is not None:
        path.write_bytes(content)
    problems = check_checklist(path)
    assert problems and fragment in problems[0].message
    assert problems[0].path == str(path)


def test_text_hash_ignores_whitespace_and_punctuation_width(mini_path):
    from zwgk_tui.model.checklist import text_hash

    assert text_hash("推进（一）", "甲，乙") == text_hash("推进(一)", " 甲,乙 ")
    assert text_hash("推进", "甲") != text_hash("推进", "乙")


@pytest.mark.parametrize("body", ["a" + ".a" * 20000 + " = 1\n", "x = " + "[" * 20000 + "]" * 20000 + "\n"])
def test_hostile_nesting_is_refused_quickly_in_check_and_load(tmp_path, body):
    import time

    path = write(tmp_path, body)
    started = time.perf_counter()
    problems = check_checklist(path)
    assert problems and "嵌套" in problems[0].message
    with pytest.raises(ZwgkError, match="嵌套"):
        load_checklist(path)
    assert time.perf_counter() - started < 5  # tomllib would take minutes and gigabytes


def test_binary_checklist_is_refused(tmp_path):
    path = tmp_path / "c.toml"
    path.write_bytes(b"format = 1\x00\x01")
    assert "二进制" in check_checklist(path)[0].message
