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


@settings(max_examples=300)
@given(text=CJK_TEXT, columns=st.integers(min_value=8, max_value=60))
@example(text="00）.00、", columns=8)  # ".00" is a word, not a full stop
@example(text="00000、、", columns=8)
def test_closing_punctuation_starts_a_line_only_after_a_space_or_a_full_line(text, columns):
    """Punctuation goes with the word before it; a line may start with it only where the
    text had a space before it, or where that word alone filled the line (a word is never
    split to make room for its punctuation)."""
    lines = wrap(text, columns)
    for before, line in itertools.pairwise(lines):
        if line and line[0] in CLOSING:
            spaced = f"{before[-1:]} {line[0]}" in text
            assert spaced or width(before) + width(line[0]) > columns, (before, line)


def test_a_number_travels_with_its_comma():
    assert wrap("得分 95.0，等次优秀", 9) == ["得分", "95.0，", "等次优秀"]


HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=14)
SEPARATOR = st.sampled_from(["，", "。", "、", "；", "：", " ", ",", "（", "）", "“", "”"])


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@settings(max_examples=300)
@given(runs=st.lists(st.tuples(HAN, SEPARATOR), min_size=1, max_size=12), columns=st.integers(8, 60),
       indent=st.sampled_from(["", "  "]))
@example(runs=[("随时继续", "，"), ("政策措施", "。")], columns=12, indent="")
def test_a_run_of_han_characters_is_never_split_unless_longer_than_a_line(runs, columns, indent):
    text = "".join(run + sep for run, sep in runs)
    lines = wrap(text, columns, indent)
    assert "".join(line.removeprefix(indent) for line in lines).replace(" ", "") == text.replace(" ", "").strip()
    at = 0  # where each line's text starts in the original
    for number, line in enumerate(lines):
        body = line.removeprefix(indent) if number else line
        while text[at] == " ":
            at += 1
        if number and _han(text[at - 1]) and _han(text[at]):
            # a line break inside a run of Han characters: only a run longer than a line
            start, end = at, at
            while start > 0 and _han(text[start - 1]):
                start -= 1
            while end < len(text) and _han(text[end]):
                end += 1
            assert width(text[start:end]) > columns - len(indent), (lines, text[start:end])
        at += len(body)


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
