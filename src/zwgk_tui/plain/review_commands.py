"""What a supervisor types at the review prompt (``zwgk review --plain``), parsed into a
``Command``; the help is made from ``REVIEW_HELP``. Command words are NFKC-normalised as in
the assessment (full-width letters and digits work); reasons are kept as typed."""

from __future__ import annotations

import re

from zwgk_tui.plain.commands import Command, normalise, status_of

REVIEW_HELP: tuple[tuple[str, str], ...] = (
    ("a 或 认可", "认可单位的自评，然后显示下一项未复核的条目"),
    ("1 到 4 加理由，如 2 佐证只有一半", "调整为达标、基本达标、未达标或不适用并写明理由；只输入数字时，下一行是理由"),
    ("状态、得分和理由，如 2 8分 解读不全", "调整状态并给出复核得分（清单给了分值的条目）"),
    ("r 加理由，如 r 未附链接", "退回单位修改；只输入 r 时，下一行是理由"),
    ("r 加状态和理由，如 r 3 未附链接", "退回，同时给出复核状态（也可以再加得分，如 r 2 5分 理由）"),
    ("k 序号 次数 理由，如 k 2 3 抽查发现 3 条", "有评分细则的条目：调整某条细则的计数并写明理由（只有一条细则时 k 次数 理由）"),
    ("x 或 0", "清除本项的复核（有理由时先确认）"),
    ("A 或 全部认可", "认可所有尚未复核、自评完整的条目（先确认）"),
    ("n", "下一项"),
    ("p", "上一项"),
    ("g 编号", "转到某个条目，如 g 2.1.3"),
    ("u", "转到下一项未复核的条目"),
    ("U", "转到上一项未复核的条目"),
    ("/文字", "搜索编号、标题、正文和责任单位，如 /网站"),
    ("l", "重读本项全文"),
    ("直接回车", "简短重复本项的自评和复核"),
    ("s", "汇总：自评和复核后的得分、等次，认可、调整、退回、未复核的条目"),
    ("? 或 h", "本帮助"),
    ("q", "退出（复核已随时保存）"),
)

# Matched on the text as typed, so that the reason after it keeps its full-width punctuation.
_SCORE = re.compile(r"^([-+]?(?:\d+(?:[.．。]\d*)?|[.．。]\d+))\s*分(?:\s+|$)")
_SIMPLE = {
    "a": "accept", "认可": "accept", "x": "clear", "0": "clear", "清除": "clear",
    "n": "next", "p": "prev", "u": "unreviewed", "s": "summary", "l": "reread",
    "?": "help", "h": "help", "help": "help", "帮助": "help",
    "q": "quit", "quit": "quit", "exit": "quit", "退出": "quit",
}
_STATUS_WORDS = ("基本达标", "未达标", "不适用", "达标")


def parse_review(line: str) -> Command:
    raw = line.strip()
    word = normalise(raw)
    if not word:
        return Command("repeat")
    if word in ("A", "全部认可"):
        return Command("accept_all")
    if word == "U":
        return Command("unreviewed", text="back")
    lowered = word.lower()
    if lowered in _SIMPLE:
        return Command(_SIMPLE[lowered])
    if word[0] in "/、":
        return Command("search", text=raw[1:].strip())
    head, _, rest = lowered.partition(" ")
    if head == "g" or (lowered.startswith("g") and lowered[1:2].isdigit()):
        target = (rest if head == "g" else lowered[1:]).strip().rstrip(".")
        return Command("goto", text=target.replace(" ", ""))
    if head == "k":
        return Command("counts", text=raw[1:].strip())
    status, after = _leading_status(raw)
    if status is not None:
        score, reason = _score_and_reason(after)
        return Command("adjust", status=status, score=score, text=reason)
    for prefix in ("退回", "r"):
        if normalise(raw[:len(prefix)]).lower() == prefix and _ends_word(raw, len(prefix)):
            status, after = _leading_status(raw[len(prefix):].strip())
            score, reason = _score_and_reason(after)
            return Command("return", status=status, score=score, text=reason)
    return Command("unknown", text=raw)


def _ends_word(text: str, at: int) -> bool:
    """A command word ends here: at the end, before a space, or before Chinese text."""
    return at >= len(text) or text[at].isspace() or not normalise(text[at]).isascii()


def _leading_status(text: str) -> tuple[str | None, str]:
    """A status (``1``–``4`` or its word) at the start of the text as typed, and the rest."""
    first = normalise(text[:1])
    if first in ("1", "2", "3", "4") and _ends_word(text, 1) and not _SCORE.match(text):
        return status_of(first), text[1:].strip()   # "2分" is a score, not status 2
    for label in _STATUS_WORDS:
        if text.startswith(label):
            return status_of(label), text[len(label):].strip()
    return None, text


def _score_and_reason(text: str) -> tuple[float | None, str | None]:
    """``8分 理由`` → (8.0, "理由"); a missing reason is None (asked on the next line)."""
    score = None
    if match := _SCORE.match(text):
        score = float(normalise(match.group(1)))
        text = text[match.end():]
    text = text.strip()
    return score, text or None


def review_help_lines() -> list[str]:
    lines = ["复核命令一览，每行一条：先是要输入的内容，冒号后是作用。"]
    lines.extend(f"{keys}：{what}。" for keys, what in REVIEW_HELP)
    lines.append("调整和退回都要写明理由，单位会看到它；理由可以和命令写在同一行，也可以在下一行。")
    return lines
