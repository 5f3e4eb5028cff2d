"""An item's deadlines and targets, as printed: the comparison word stays with its number
across spaces (a copy out of a PDF or a web page puts them there) and in full-width or
half-width digits and signs."""

from __future__ import annotations

import pytest

from zwgk_tui.workpoints.shadow import Shadow
from zwgk_tui.workpoints.targets import deadlines, targets

SHADOW = Shadow("不低於")

TARGETS = [
    ("考核权重不低于4%。", ["不低于4%"]),
    ("考核权重不低於 4%。", ["不低於4%"]),
    ("考核权重不低于 4 %。", ["不低于4%"]),
    ("考核权重不低于４％。", ["不低于４％"]),
    ("考核权重不低于　４％。", ["不低于４％"]),
    ("每年不少于 2 次。", ["不少于2次"]),
    ("至少 听取 1 次汇报。", ["至少听取1次"]),
    ("办结率达到 100%。", ["达到100%"]),
    ("答复时间不超过 2 周。", ["不超过2周"]),
    ("不低于综合考核体系的 4%。", ["不低于综合考核体系的4%"]),
    ("1.5倍", []),
    ("2019年", []),
]


@pytest.mark.parametrize(("text", "expected"), TARGETS)
def test_targets_keep_their_comparison_word(text, expected):
    assert targets(text, SHADOW(text)) == expected


DEADLINES = [
    ("2021年6月底前完成。", ["2021年6月底前"]),
    ("2021 年 6 月底前完成。", ["2021年6月底前"]),
    ("２０２１年６月底前完成。", ["２０２１年６月底前"]),
    ("6 月 30 日前公开。", ["6月30日前"]),
    ("2019 年年底前完成。", ["2019年年底前"]),
    ("在 30 个工作日内答复。", ["30个工作日内"]),
    ("第 三 季度末前完成。", ["第三季度末前"]),
    ("每 季度 更新。", ["每季度"]),
    ("完成时限：长期坚持", ["长期坚持"]),
]


@pytest.mark.parametrize(("text", "expected"), DEADLINES)
def test_deadlines_across_spaces_and_widths(text, expected):
    assert deadlines(text, SHADOW(text)) == expected
