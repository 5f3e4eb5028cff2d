"""Display width, wrapping and cleaning of text from files (CJK aware)."""

from __future__ import annotations

import itertools
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from zwgk_tui.textsafe import clean, one_line, pad, truncate, width, wrap

CJK_TEXT = st.text(
    alphabet=st.sampled_from(list("政务公开要点推进落实，。、；：（）“”《》abcXYZ0123456789.%- ")),
    max_size=200,
)


def test_width_counts_wide_characters_twice():
    assert width("abc") == 3
    assert width("政务公开") == 8
    assert width("（一）1.") == 8
    assert width("e\u0301") == 1  # combining accent takes no column


@settings(max_examples=300)
@given(text=CJK_TEXT, columns=st.integers(min_value=8, max_value=100))
@example(text="0“。。，，X", columns=8)  # the carried word once pushed a line past the width
def test_wrap_never_exceeds_the_width_and_loses_nothing(text, columns):
    lines = wrap(text, columns)
    assert all(width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").strip()


CLOSING = "，。、；：）》”"
WORD = re.compile(r"[A-Za-z0-9_./:@%#&?=+\-~]+|\s+|.")


def _could_give_way(before: str, first: str, columns: int) -> bool:
    """Could the last word of `before` (with the punctuation after it) move down with `first`?"""
    tokens = [t for t in WORD.findall(before) if not t.isspace()]
    k = len(tokens) - 1
    while k > 0 and tokens[k] in set(CLOSING + "！？.,;:!?)%"):
        k -= 1
    if k == 0:
        return False  # the line is one word: moving it would leave an empty line
    carried = before[before.rindex(tokens[k], 0, len(before) - len("".join(tokens[k + 1:]))):]
    return width(carried + first) <= columns


@settings(max_examples=300)
@given(text=CJK_TEXT, columns=st.integers(min_value=8, max_value=60))
@example(text="00）.00、", columns=8)  # ".00" is a word, not a full stop
@example(text="”X1-Z.Z” 、公", columns=9)
def test_wrapped_lines_do_not_start_with_closing_punctuation_when_avoidable(text, columns):
    lines = wrap(text, columns)
    for before, line in itertools.pairwise(lines):
        if line and line[0] in CLOSING:
            assert not _could_give_way(before, line[0], columns), (before, line)


def test_a_number_travels_with_its_comma():
    assert wrap("得分 95.0，等次优秀", 9) == ["得分", "95.0，等", "次优秀"]


def test_latin_words_and_links_stay_whole_when_they_fit():
    lines = wrap("请访问 https://www.gov.cn/zhengce 查看", 40)
    assert any("https://www.gov.cn/zhengce" in line for line in lines)


def test_clean_removes_every_control_and_escape_sequence():
    dirty = "a\x1b[31mred\x1b[0m\x1b]0;title\x07b\x00c\x9bd\u202ee\r\nf\tg"
    cleaned = clean(dirty)
    assert cleaned == "aredbcde\nf    g"
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", cleaned)
    assert one_line("第一行\n第二行") == "第一行 第二行"


@given(st.text(max_size=300))
def test_clean_output_never_holds_control_characters(text):
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", clean(text))


def test_truncate_and_pad_use_display_width():
    assert truncate("推进政务公开工作", 9) == "推进政务…"
    assert width(truncate("推进政务公开工作", 9)) <= 9
    assert pad("政务", 6) == "政务  "
    assert pad("政务", 6, ">") == "  政务"
