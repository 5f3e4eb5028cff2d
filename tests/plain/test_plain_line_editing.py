"""At a terminal the plain mode edits lines as a shell does (GNU readline through the
standard library): ← → Backspace, Home/End, ↑ for the lines typed before, and the text an
input method sends. Typed through a real pseudo-terminal, the edited line is what is saved."""

from __future__ import annotations

import tomllib

from pty_terminal import Terminal


def plain_at_a_terminal(mini_path, scores) -> Terminal:
    term = Terminal(["assess", str(mini_path), "--scores", str(scores), "--unit", "测试县", "--plain"], env={})
    term.wait_for("请输入：")
    return term


def test_arrows_backspace_and_history_edit_the_line(mini_path, tmp_path):
    scores = tmp_path / "s.toml"
    with plain_at_a_terminal(mini_path, scores) as term:
        term.press("e 甲乙丙", "left", "bs", "丁", "enter")   # 甲乙丙 → 甲丙 → 甲丁丙
        term.wait_for("佐证 1：甲丁丙")
        term.press("up", "enter")                           # the line before, again
        term.wait_for("佐证 2：甲丁丙")
        term.press("c 说明", "home", "right", "right", "改", "end", "！", "enter")  # c 改说明！
        term.wait_for("说明：改说明！")
        term.press("q", "enter")
        term.wait_for("已退出")
        assert term.process.wait(10) == 0
    item = tomllib.loads(scores.read_text(encoding="utf-8"))["items"]["1.1"]
    assert item["evidence"] == ["甲丁丙", "甲丁丙"] and item["note"] == "改说明！"


def test_typing_without_editing_writes_no_escape_sequence(mini_path, tmp_path):
    with plain_at_a_terminal(mini_path, tmp_path / "s.toml") as term:
        term.press("e 国办发〔2019〕14号", "enter", "1", "enter", "s", "enter", "q", "enter")
        term.wait_for("已退出")
        assert b"\x1b" not in bytes(term.output), bytes(term.output)[:400]
