"""The scoring rules against totals computed by hand for the mini checklist.

mini.toml: 1.1 (10), 1.2 (20), 2.1.1 (30, partial 0.6), 2.1.3 (40, veto), 2.u1 (5, bonus);
maximum 100, bonus cap 3.
"""

from __future__ import annotations

import pytest

from zwgk_tui.model.assessment.answers import Answer
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.scoring import score


@pytest.fixture
def mini(mini_path):
    return load_checklist(mini_path)


def answers(**statuses):
    return {key.replace("_", "."): Answer(status=value) for key, value in statuses.items()}


def test_everything_met_is_full_marks_and_bonus_is_capped(mini):
    totals = score(mini, answers(**{"1_1": "met", "1_2": "met", "2_1_1": "met", "2_1_3": "met", "2_u1": "met"}))
    assert totals.maximum == 100
    assert totals.earned == 100
    assert totals.bonus_uncapped == 5
    assert totals.bonus == 3          # capped by [scoring] bonus_cap
    assert totals.total == 103
    assert totals.grade == "优秀"
    assert totals.complete and totals.unanswered == []


def test_partial_uses_item_fraction_then_checklist_default(mini):
    totals = score(mini, answers(**{"1_1": "met", "1_2": "partial", "2_1_1": "partial", "2_1_3": "met", "2_u1": "met"}))
    # 10 + 20*0.5 + 30*0.6 + 40 = 78, bonus min(5, 3) = 3
    assert totals.earned == pytest.approx(78)
    assert totals.total == pytest.approx(81)
    assert totals.percent == pytest.approx(81)
    assert totals.grade == "良好"
    assert totals.nodes["2.1"].earned == pytest.approx(58)
    assert totals.nodes["2.1"].maximum == 70
    assert totals.nodes["2"].bonus == 5  # sections show uncapped bonus; the cap is global


def test_not_applicable_leaves_the_maximum(mini):
    totals = score(mini, answers(**{"1_1": "na", "1_2": "met", "2_1_1": "met", "2_1_3": "met"}))
    assert totals.maximum == 90
    assert totals.earned == 90
    assert totals.percent == pytest.approx(100)
    assert totals.answered == 4 and totals.leaves == 5
    assert totals.unanswered == ["2.u1"]


def test_veto_item_unmet_fails_whatever_the_total(mini):
    totals = score(mini, answers(**{"1_1": "met", "1_2": "met", "2_1_1": "met", "2_1_3": "unmet", "2_u1": "met"}))
    assert totals.total == 63 and totals.percent == pytest.approx(63)
    assert totals.vetoed_by == ["2.1.3"]
    assert totals.grade == "不合格"
    assert totals.unmet == ["2.1.3"]


def test_explicit_score_replaces_status_value_and_is_clamped(mini):
    given = answers(**{"1_1": "met", "1_2": "partial", "2_1_1": "unmet", "2_1_3": "met"})
    given["1.2"].score = 15
    given["1.1"].score = 99  # out of range in a file: never more than the item's points
    totals = score(mini, given)
    assert totals.nodes["1.2"].earned == 15
    assert totals.nodes["1.1"].earned == 10
    assert totals.earned == 65


def test_grade_bands_boundaries(mini):
    # 1.1 + 1.2 + 2.1.3 met, 2.1.1 unmet: 70/100 → 合格; all 4 met minus 1.1: 90 → 优秀
    assert score(mini, answers(**{"1_1": "met", "1_2": "met", "2_1_3": "met", "2_1_1": "unmet"})).grade == "合格"
    assert score(mini, answers(**{"1_1": "unmet", "1_2": "met", "2_1_1": "met", "2_1_3": "met"})).grade == "优秀"
    assert score(mini, answers(**{"1_1": "met", "1_2": "met", "2_1_1": "partial", "2_1_3": "met"})).percent == pytest.approx(88)


def test_nothing_answered(mini):
    totals = score(mini, {})
    assert totals.answered == 0 and totals.total == 0 and totals.maximum == 100
    assert totals.unanswered == ["1.1", "1.2", "2.1.1", "2.1.3", "2.u1"]
    assert totals.grade == "不合格"


def test_all_not_applicable_has_no_grade(mini):
    totals = score(mini, answers(**{"1_1": "na", "1_2": "na", "2_1_1": "na", "2_1_3": "na", "2_u1": "na"}))
    assert totals.maximum == 0 and totals.percent is None
    assert totals.grade == "—"
