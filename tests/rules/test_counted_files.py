"""The counted keys in both files: checked with file:line, saved, read back, reviewed, carried."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.parse import read_scores
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import check_checklist, load_checklist
from zwgk_tui.model.review.rule import reviewed_answers
from zwgk_tui.model.scoring import score

HEAD = '''format = "zwgk-checklist"
version = 1
id = "t"
title = "测试"
categories = { A = "县（区）人民政府" }

[[sections]]
id = "1"
title = "部分"
'''


def problems_of(tmp_path, body: str) -> list[tuple[int | None, str]]:
    path = tmp_path / "c.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return [(p.line, p.message) for p in check_checklist(path)]


@pytest.mark.parametrize(("body", "line", "words"), [
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 10\n\n[[sections.items.rules]]\ntext = "每条扣5分"\nper = "条"\n',
     15, "deduct（每次扣分）或 credit"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 10\n\n[[sections.items.rules]]\ntext = "x"\ndeduct = 5\ncredit = 1\n',
     15, "deduct（每次扣分）或 credit"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 10\n\n[[sections.items.rules]]\ntext = "x"\ndeduct = -5\n',
     15, "大于 0"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 10\n\n[[sections.items.rules]]\ntext = "x"\ndeduct = 5\nevery = 1\n',
     15, "未知的键 'every'"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\n\n[[sections.items.rules]]\ntext = "x"\ndeduct = 5\n',
     10, "需要 points"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npenalty = true\npoints = 3\n\n[[sections.items.rules]]\ntext = "x"\ndeduct = 3\n',
     14, "不设 points"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npenalty = true\n\n[[sections.items.rules]]\ntext = "x"\ncredit = 3\n',
     10, "每条都是 deduct"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 4\n\n[[sections.items.parts]]\ntext = "a"\nshare = 0.6\n\n'
     '[[sections.items.parts]]\ntext = "b"\nshare = 0.6\n', 19, "超过 1"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 4\nfor = ["C"]\n', 14, "'C' 不在顶层 categories"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 4\ncriteria = 5\n', 14, "criteria 应为字符串"),
    ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\n\n[[sections.items.items]]\nid = "1.1.1"\ntitle = "乙"\npoints = 2\n\n'
     '[[sections.items.rules]]\ntext = "x"\ndeduct = 1\n', 10, "只能设在可评估的末级条目上"),
])
def test_checklist_problems_name_the_line(tmp_path, body, line, words):
    found = problems_of(tmp_path, body)
    assert any(words in message and at == line for at, message in found), found


def test_rule_lines_count_over_the_whole_file(tmp_path):
    body = ('[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 10\n\n[[sections.items.rules]]\ntext = "a"\ndeduct = 1\n\n'
            '[[sections.items]]\nid = "1.2"\ntitle = "乙"\npoints = 10\n\n[[sections.items.rules]]\ntext = "b"\ndeduct = 1\n\n'
            '[[sections.items.rules]]\ntext = "c"\n')
    assert problems_of(tmp_path, body) == [(28, "条目 1.2 的第 2 条规则应有 deduct（每次扣分）或 credit（每次得分）之一")]


def test_check_command_prints_file_and_line(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(HEAD + '[[sections.items]]\nid = "1.1"\ntitle = "甲"\npoints = 4\nfor = ["C"]\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "zwgk_tui", "checklist", "check", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert f"{path}:14:" in run.stdout and "categories" in run.stdout


def test_counts_saved_read_back_and_scored(tmp_path, counted_path):
    checklist = load_checklist(counted_path)
    path = tmp_path / "s.toml"
    session = Assessment.open(checklist, path, unit="示例区", assessor="张三")
    session.scores.category = "A"
    session.set_counts("1.1", [2, 1])
    session.set_counts("1.4", None, [True, False])
    session.set_counts("1.2", [0])
    with pytest.raises(ZwgkError, match="按评分细则计分"):
        session.set_status("1.1", "met")
    with pytest.raises(ZwgkError, match="按评分细则计分"):
        session.set_score("1.3", 4)
    with pytest.raises(ZwgkError, match="一次性"):
        session.set_counts("1.2", [2])
    session.close()
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["category"] == "A" and doc["items"]["1.1"]["counts"] == [2, 1]
    assert doc["items"]["1.4"]["parts"] == [True, False] and "score" not in doc["items"]["1.4"]
    back = read_scores(path, checklist)
    assert back.items["1.1"].counts == [2, 1] and back.items["1.1"].status == "unmet"
    assert back.items["1.4"].parts == [True, False] and back.items["1.4"].status == "partial"
    assert back.items["1.2"].status == "met"
    totals = score(checklist, back.items, back.category)
    assert totals.earned == pytest.approx(0 + 10 + 2)


def write_scores(tmp_path, checklist, items: str, top: str = "") -> object:
    path = tmp_path / "bad.toml"
    path.write_text(
        'format = "zwgk-scores"\nversion = 1\nchecklist_id = "counted-2026"\n'
        f'checklist_sha256 = "{checklist.sha256}"\nunit = "甲"\nassessor = "乙"\n{top}'
        'created = 2026-01-01T00:00:00+08:00\nupdated = 2026-01-01T00:00:00+08:00\n\n' + items,
        encoding="utf-8")
    return path


@pytest.mark.parametrize(("items", "top", "line", "words"), [
    ('[items."1.1"]\nstatus = "met"\ncounts = [1]\n', "", 12, "counts 有 1 个数，清单中本条有 2 条规则"),
    ('[items."1.1"]\nstatus = "met"\ncounts = [1, -2]\n', "", 12, "不小于 0 的整数列表"),
    ('[items."1.1"]\nstatus = "met"\ncounts = [1, 2.5]\n', "", 12, "不小于 0 的整数列表"),
    ('[items."1.2"]\nstatus = "met"\ncounts = [3]\n', "", 12, "一次性规则只能计 0 或 1"),
    ('[items."1.4"]\nstatus = "met"\nparts = [true]\n', "", 12, "parts 有 1 项"),
    ('[items."1.4"]\nstatus = "met"\nparts = [1, 0]\n', "", 12, "true / false"),
    ('', 'category = "Z"\n', 7, "类别 'Z' 不在清单的 categories 中"),
])
def test_score_file_problems_name_the_line(tmp_path, counted_path, items, top, line, words):
    checklist = load_checklist(counted_path)
    path = write_scores(tmp_path, checklist, items, top)
    with pytest.raises(ZwgkError) as caught:
        read_scores(path, checklist)
    assert caught.value.line == line and words in caught.value.message


def test_review_changes_a_count_with_a_reason(tmp_path, counted_path):
    """The supervisor's counts go to the review store; they apply until the unit changes a count."""
    from zwgk_tui.model.review.session import open_review

    checklist = load_checklist(counted_path)
    path = tmp_path / "s.toml"
    store = tmp_path / "reviews"
    session = Assessment.open(checklist, path, unit="示例区", assessor="张三")
    session.set_counts("1.1", [0, 1])
    session.close()
    review = open_review(checklist, path, store=store)
    review.review("1.1", "adjust", counts=[1, 1], reason="抽查发现 1 条超期公开", reviewer="李四")
    with pytest.raises(ZwgkError, match="按评分细则计分"):
        review.review("1.2", "adjust", status="met", reason="x")
    decided = review.current("1.1")
    assert decided is not None and decided.counts == [1, 1] and decided.self_counts == [0, 1]
    assert decided.status == "partial"
    review.close()
    reopened = open_review(checklist, path, store=store, read_only=True)
    answers, counts = reviewed_answers(reopened.scores.items, reopened.decisions())
    reopened.close()
    assert counts.adjusted == 1
    assert score(checklist, answers).nodes["1.1"].earned == 4
    assert score(checklist, read_scores(path, checklist).items).nodes["1.1"].earned == 9
    # the officer changes a count: the decision no longer applies, and says what changed
    session = Assessment.open(checklist, path)
    session.set_counts("1.1", [0, 2])
    session.close()
    reopened = open_review(checklist, path, store=store, read_only=True)
    assert reopened.current("1.1") is None and "计数 已修改" in reopened.changes("1.1")
    reopened.close()


def test_carry_keeps_counts(tmp_path, counted_path):
    from zwgk_tui.model.assessment.carry import carry_into

    checklist = load_checklist(counted_path)
    old = tmp_path / "old.toml"
    session = Assessment.open(checklist, old, unit="示例区", assessor="张三")
    session.set_counts("1.1", [1, 2])
    session.set_counts("1.4", None, [False, True])
    session.close()
    new = Assessment.open(checklist, tmp_path / "new.toml", unit="示例区", assessor="张三")
    carry_into(new, old)
    assert new.answer("1.1").counts == [1, 2] and new.answer("1.1").carried
    assert new.answer("1.4").parts == [False, True]
    new.close()
