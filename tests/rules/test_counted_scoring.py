"""Counted scoring against totals worked out by hand (tests/data/counted.toml).

counted.toml: 1.1 (10, 每条扣5分 / 每条扣1分), 1.2 (10, one-off 扣5分), 1.3 (6, 每项得2分 cap 6),
1.4 (4, parts 50% / 30%), 2.1 bonus (每次加3分, bonus_cap 4), 2.2 penalty (每次扣3分,
penalty_cap 5), section 3 only for A (3.1, 10), section 4 only for B (4.1, 10).
"""

from __future__ import annotations

import pytest

from zwgk_tui.model import counting
from zwgk_tui.model.assessment.answers import Answer
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.review.rule import Figure
from zwgk_tui.model.scoring import score


@pytest.fixture
def counted(counted_path):
    return load_checklist(counted_path)


def counted_answer(counts=None, parts=None, status="met"):
    return Answer(status=status, counts=counts, parts=parts)


def full_set(**over):
    answers = {
        "1.1": counted_answer([1, 3]),       # 10 - 5 - 3 = 2
        "1.2": counted_answer([1]),          # 10 - 5 = 5
        "1.3": counted_answer([4]),          # 4 x 2 = 8, the rule's cap 6
        "1.4": counted_answer(parts=[True, False]),  # 4 x 0.5 = 2
        "2.1": counted_answer([2]),          # bonus 6, bonus_cap 4
        "2.2": counted_answer([2]),          # penalty 6, penalty_cap 5
        "3.1": Answer(status="met"),         # 10 (category A only)
        "4.1": Answer(status="met"),         # 10 (category B only)
    }
    answers.update(over)
    return answers


def test_every_rule_kind_for_category_a(counted):
    totals = score(counted, full_set(), "A")
    assert totals.maximum == 10 + 10 + 6 + 4 + 10
    assert totals.earned == pytest.approx(2 + 5 + 6 + 2 + 10)
    assert (totals.bonus_uncapped, totals.bonus) == (6, 4)
    assert (totals.penalty_uncapped, totals.penalty) == (6, 5)
    assert totals.total == pytest.approx(25 + 4 - 5)
    assert totals.percent == pytest.approx(60)
    assert totals.grade == "合格"
    assert totals.leaves == 7 and totals.complete            # 4.1 is not for A
    assert totals.nodes["4"].maximum == 0 and totals.nodes["4.1"].earned == 0
    assert totals.nodes["2"].penalty == 6 and totals.nodes["2"].bonus == 6


def test_category_b_and_no_category(counted):
    b = score(counted, full_set(**{"4.1": Answer()}), "B")
    assert b.maximum == 40 and b.earned == pytest.approx(15)
    assert b.unanswered == ["4.1"] and "3.1" not in b.unanswered
    none = score(counted, full_set())
    assert none.maximum == 50 and none.earned == pytest.approx(35)


def test_deductions_stop_at_zero(counted):
    totals = score(counted, full_set(**{"1.1": counted_answer([2, 1])}), "A")  # 10 - 10 - 1
    assert totals.nodes["1.1"].earned == 0
    assert totals.unmet == ["1.1", "2.2"]  # no points left: 未达标; a penalty counted: 未达标


def test_status_follows_the_score_not_the_file(counted):
    answers = full_set(**{"1.1": counted_answer([0, 0], status="unmet"),
                          "1.2": counted_answer([1], status="met")})
    totals = score(counted, answers, "A")
    assert totals.nodes["1.1"].earned == 10 and "1.1" not in totals.unmet
    assert totals.nodes["1.2"].earned == 5
    assert counting.status_for(counted.by_id["1.2"], [1], None) == "partial"
    assert counting.status_for(counted.by_id["1.1"], [0, 0], None) == "met"
    assert counting.status_for(counted.by_id["1.3"], [0], None) == "unmet"


def test_one_off_credit_cap_parts_and_missing_counts(counted):
    leaf = counted.by_id
    assert counting.value(leaf["1.2"], [0], None) == 10
    assert counting.value(leaf["1.3"], [2], None) == 4
    assert counting.value(leaf["1.3"], [9], None) == 6
    assert counting.value(leaf["1.4"], None, [True, True]) == pytest.approx(3.2)
    assert counting.value(leaf["1.4"], None, [False, True]) == pytest.approx(1.2)
    assert counting.value(leaf["1.1"], None, None) == 10        # a rule not counted counts 0
    assert counting.value(leaf["1.1"], [1, 0, 7], None) == 5    # an extra count (older checklist) ignored


def test_not_applicable_and_unanswered_counted_items(counted):
    totals = score(counted, full_set(**{"1.1": counted_answer([2, 0], status="na"), "1.2": Answer()}), "A")
    assert totals.maximum == 30   # 1.1 不适用 leaves the maximum; 1.2 unanswered stays in it at 0
    assert totals.unanswered == ["1.2"]


def test_review_figure_with_counts(counted):
    figure = Figure("met", None, [0, 1], None)
    totals = score(counted, full_set(**{"1.1": figure}), "A")
    assert totals.nodes["1.1"].earned == 9


def test_sentences(counted):
    leaf = counted.by_id
    assert counting.describe(leaf["1.1"], [2, 1], None) == "扣 2 条 × 5 分，扣 1 条 × 1 分：得 0 分，满分 10 分"
    assert counting.describe(leaf["1.1"], [0, 2], None) == "扣 2 条 × 1 分：得 8 分，满分 10 分"
    assert counting.describe(leaf["1.1"], [0, 0], None) == "未扣分：得 10 分，满分 10 分"
    assert counting.describe(leaf["1.2"], [1], None) == "扣 5 分：得 5 分，满分 10 分"
    assert counting.describe(leaf["1.3"], [4], None) == "得 4 项 × 2 分（上限 6 分）：得 6 分，满分 6 分"
    assert counting.describe(leaf["1.4"], None, [True, False]) == "符合 1 项（50%）：得 2 分，满分 4 分"
    assert counting.describe(leaf["2.2"], [2], None) == "扣 2 次 × 3 分：在满分之外扣 6 分"
    lines = counting.rule_lines(leaf["1.1"], [2, 1], None)
    assert lines[0] == ("细则 1", "公文提前或超期公开每条扣5分（每条扣 5 分）：计 2 条，扣 10 分")
    assert counting.rule_lines(leaf["1.4"], None, [True, False])[1] == (
        "细则 2", "可通过标识查看网站基本信息（占 30%）：不符合")


def test_entries_and_limits(counted):
    leaf = counted.by_id
    assert counting.with_entry(leaf["1.1"], None, None, 1, 3) == ([0, 3], [])
    assert counting.with_entry(leaf["1.4"], None, None, 1, 1) == ([], [False, True])
    with pytest.raises(ValueError, match="一次性"):
        counting.with_entry(leaf["1.2"], None, None, 0, 2)
    with pytest.raises(ValueError, match="没有细则 3"):
        counting.with_entry(leaf["1.1"], None, None, 2, 1)
