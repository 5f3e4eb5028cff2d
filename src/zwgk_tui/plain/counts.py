"""``k`` in the plain mode: read a counted item's rules with their counts, or set a count.

``k`` alone reads every rule (and part) with its count and the resulting score; ``k N`` sets
the count of the only rule; ``k I N`` sets rule I (parts count 1 for met, 0 for not). Every
change goes through ``Assessment.set_counts``, which answers the item; the status follows
from the score (``model/counting.py``), and the officer stays on the item to count the next
rule.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import counting
from zwgk_tui.model.scoring import LABELS
from zwgk_tui.plain.commands import Command, normalise

if TYPE_CHECKING:
    from zwgk_tui.plain.dialogue import Dialogue
    from zwgk_tui.plain.review import ReviewDialogue

USAGE = "输入 k 序号 次数，如 k 2 1；只有一条细则时输入 k 次数"


def counts_command(dialogue: Dialogue, command: Command) -> None:
    words = normalise(command.text or "").split()
    leaf = dialogue.session.leaf(dialogue.current.id)
    if not counting.is_counted(leaf):
        raise ZwgkError(f"{leaf.id} 没有评分细则规则，请直接输入状态 1 到 4")
    answer = dialogue.session.answer(leaf.id)
    counts = answer.counts if answer else None
    parts = answer.parts if answer else None
    if not words:
        total = counting.entries(leaf)
        dialogue.say(f"{leaf.id} 评分细则共 {total} 条，{USAGE}。")
        for label, line in counting.rule_lines(leaf, counts, parts):
            dialogue.console.field(label, line)
        if answer is None or answer.status is None:
            dialogue.console.field("得分", f"未评（还没有输入计数；都计 0 时{counting.describe(leaf, None, None)}）")
        else:
            dialogue.console.field("得分", counting.describe(leaf, counts, parts))
        return
    if len(words) > 2 or not all(w.isdigit() for w in words):
        raise ZwgkError(f"计数应为整数；{USAGE}")
    if dialogue.session.read_only:
        raise ZwgkError("只读打开：不能修改")
    if len(words) == 1:
        if counting.entries(leaf) != 1:
            raise ZwgkError(f"{leaf.id} 有 {counting.entries(leaf)} 条细则，请输入 k 序号 次数，如 k 2 1")
        index, amount = 0, int(words[0])
    else:
        index, amount = int(words[0]) - 1, int(words[1])
    try:
        new_counts, new_parts = counting.with_entry(leaf, counts, parts, index, amount)
    except ValueError as exc:
        raise ZwgkError(str(exc)) from None
    dialogue.change(dialogue.session.set_counts, leaf.id, new_counts if leaf.rules else None,
                    new_parts if leaf.parts else None)
    if index < len(leaf.rules):
        rule = leaf.rules[index]
        what = (("有" if amount else "没有") if rule.one_off else f"计 {amount} {rule.per}")
    else:
        what = "符合" if amount else "不符合"
    saved = dialogue.session.answer(leaf.id)
    status = LABELS[saved.status if saved else None]
    dialogue._saved(f"已保存：{leaf.id} 细则 {index + 1} {what}。"
                    f"{counting.describe(leaf, new_counts, new_parts)}；状态：{status}。")


def review_counts_command(dialogue: ReviewDialogue, command: Command) -> None:
    """``k I N 理由`` at the review prompt: the reviewer's count for rule I, with a reason."""
    if dialogue.session.read_only:
        raise ZwgkError("只读打开：不能复核")
    leaf = dialogue.session.leaf(dialogue.current.id)
    if not counting.is_counted(leaf):
        raise ZwgkError(f"{leaf.id} 没有评分细则规则；调整请输入 1 到 4 加理由")
    raw = (command.text or "").strip()
    words = raw.split(maxsplit=2)
    digits = [normalise(w) for w in words[:2]]
    if len(digits) >= 2 and digits[0].isdigit() and digits[1].isdigit():
        index, amount, reason = int(digits[0]) - 1, int(digits[1]), raw.split(maxsplit=2)[2:]
    elif digits and digits[0].isdigit() and counting.entries(leaf) == 1:
        index, amount, reason = 0, int(digits[0]), raw.split(maxsplit=1)[1:]
    else:
        raise ZwgkError(f"请输入 k 序号 次数 理由，如 k 2 3 抽查发现 3 条（本项共 {counting.entries(leaf)} 条细则）")
    answer = dialogue.session.answer(leaf.id)
    found = dialogue.session.current(leaf.id)   # the supervisor's own decision that applies
    counts = found.counts if found is not None and found.counts is not None else (answer.counts if answer else None)
    parts = found.parts if found is not None and found.parts is not None else (answer.parts if answer else None)
    try:
        new_counts, new_parts = counting.with_entry(leaf, counts, parts, index, amount)
    except ValueError as exc:
        raise ZwgkError(str(exc)) from None
    text = dialogue._typed(reason[0]) if reason else None
    if text is None:
        text = dialogue._ask_text("请输入调整计数的理由（必填），直接回车取消：", "没有调整")
    if not text:
        dialogue.say("已取消，没有调整。")
        return
    dialogue.change(functools.partial(
        dialogue.session.review, leaf.id, "adjust", counts=new_counts if leaf.rules else None,
        parts=new_parts if leaf.parts else None, reason=text, reviewer=dialogue.reviewer))
    dialogue._saved(f"已保存：{leaf.id} 复核调整细则 {index + 1} 为 {amount}。"
                    f"{counting.describe(leaf, new_counts, new_parts)}；理由：{text}")
