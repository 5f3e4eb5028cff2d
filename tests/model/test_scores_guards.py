"""The score-file reader's guards against hostile input, and their cost on ordinary files."""

from __future__ import annotations

import time

import pytest

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.decode import MAX_NESTING, _nesting
from zwgk_tui.model.assessment.parse import from_document, parse_document


def _slow_nesting(text: str) -> int:
    """The original full scan, as the reference the fast path must agree with."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
        elif ch == "\n":
            depth = 0 if depth < MAX_NESTING else depth
    return deepest


@pytest.mark.parametrize("text", [
    "a = [" * 30 + "]" * 30,
    "a = [1]\n" * 40,
    ("a = [[[[[[[[[[\n" * 3) + "]" * 30,
    "x = [" * 20 + "\n" + "[" * 10,
    "[[sections]]\n" * 50,
    "a = { b = { c = [ [ { d = 1 } ] ] } }\n" * 10,
])
def test_fast_nesting_decides_like_the_full_scan(text):
    assert (_nesting(text) > MAX_NESTING) == (_slow_nesting(text) > MAX_NESTING)


@pytest.mark.parametrize("text", [
    "x = " + "[" * 5000 + "]" * 5000,
    "format = 1\n" + ".".join(["a"] * 100_000) + " = 1\n",   # tomllib needs gigabytes for this
    "[" + ".".join(["a"] * 100_000) + "]\nx = 1\n",
])
def test_deep_nesting_is_refused_quickly(text):
    started = time.perf_counter()
    with pytest.raises(ZwgkError, match="嵌套"):
        parse_document(text.encode(), "deep.toml")
    assert time.perf_counter() - started < 2


def test_a_bad_status_still_names_its_line():
    text = 'format = "zwgk-scores"\nversion = 1\nchecklist_id = "x"\nchecklist_sha256 = "' + "0" * 64 + \
        '"\nunit = "u"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n' \
        '[items."1.1"]\nnote = "n"\nstatus = "great"\n'
    doc, text = parse_document(text.encode(), "f.toml")
    _, problems = from_document(doc, text, "f.toml")
    assert [(p.line, "状态" in p.message) for p in problems] == [(11, True)]
