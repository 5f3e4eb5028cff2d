"""Wrapping by display width: CJK two columns, Latin words whole, no line starting with 、。，"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zwgk_tui.textsafe import width
from zwgk_tui.tui.widgets.lines_view import wrap_spans

TEXT = "推进行政执法信息公开。按照“谁执法谁公示”原则，严格落实行政执法公示制度，规范行政执法行为、执法程序。"


def lines_of(spans, columns, hang=0):
    return ["".join(t for t, _ in line) for line in wrap_spans(spans, columns, hang)]


def test_cjk_lines_fill_the_width_and_never_start_with_closing_punctuation():
    for columns in range(8, 40):
        lines = lines_of([(TEXT, None)], columns)
        assert "".join(lines) == TEXT
        assert all(width(line) <= columns for line in lines)
        assert not any(line[0] in "，。、；：！？）”" for line in lines), (columns, lines)


def test_latin_words_stay_whole_and_long_ones_are_cut():
    lines = lines_of([("佐证 https://www.gov.cn/zhengce/content/2019-04/17/content_5383809.htm 见附件", None)], 30)
    assert lines[0] == "佐证 "
    assert all(width(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == "佐证https://www.gov.cn/zhengce/content/2019-04/17/content_5383809.htm见附件"


def test_hanging_indent_and_styles_survive():
    wrapped = wrap_spans([("责任单位：", "label"), ("县政府办公室、各乡镇人民政府、县直各部门", None)], 16, hang=2)
    assert wrapped[0][0] == ("责任单位：", "label")
    assert all(line[0][0].startswith("  ") and not line[0][0].startswith("   ") for line in wrapped[1:])


def test_control_characters_and_escape_sequences_are_dropped():
    assert lines_of([("a\x1b[31mb\x07c", None)], 20) == ["abc"]


@given(st.lists(st.sampled_from([*"政务公开abc 12，。、“”\n", "https://x.cn/a/b/c", "国办发〔2019〕14号"]),
                max_size=80).map("".join),
       st.integers(min_value=4, max_value=60))
def test_no_line_is_wider_than_the_pane(text, columns):
    for line in lines_of([(text, None)], columns):
        assert width(line) <= max(columns, 4)
