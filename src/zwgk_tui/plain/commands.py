"""What an officer types at the prompt, parsed into a ``Command``; the help is made from ``HELP``.

Command words are matched after NFKC normalisation, so full-width letters, digits and
punctuation typed with a Chinese input method (``ｑ``, ``３分``, ``？``, ``／``) work as well
as ASCII; ``、`` and ``。`` (what the ``/`` and ``.`` keys give in Chinese punctuation mode)
work as ``/`` and ``.``.
Free text (evidence, comments, search words) is kept as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from zwgk_tui.model.queries import status_from_word

# (what to type, what it does): the help screen and README.md list exactly these.
HELP: tuple[tuple[str, str], ...] = (
    ("1 或 达标", "本项达标，然后显示下一项"),
    ("2 或 基本达标", "本项基本达标，然后显示下一项"),
    ("3 或 未达标", "本项未达标，然后显示下一项"),
    ("4 或 不适用", "本项不适用，然后显示下一项"),
    ("数字加“分”，如 8分 或 2.5 分", "给本项打分（清单给了分值的条目）；留在本项"),
    ("状态加得分，如 2 7分", "同时设状态和得分，然后显示下一项"),
    ("分", "清除本项的手动得分，改为按状态计分"),
    ("k", "有评分细则的条目：读出各条细则、计数和得分"),
    ("k 次数 或 k 序号 次数", "设细则的计数，如 k 2（只有一条细则时）、k 2 1（第 2 条计 1）；部分：1 符合，0 不符合；状态随得分而定"),
    ("e 文本", "添加一条佐证材料（链接、文号或文件路径）；只输入 e 时，下一行是佐证"),
    ("c 文本", "设置本项的说明；只输入 c 时，下一行是说明"),
    ("l", "列出本项的佐证材料和说明"),
    ("d 序号", "删除本项第几条佐证，如 d 2；只输入 d 时先列出再询问"),
    ("d c", "删除本项的说明"),
    ("y", "确认沿用上年的答案，或确认条目文字改动后答案仍然有效，然后显示下一项"),
    ("n", "下一项（有筛选时为筛选中的下一项）"),
    ("p", "上一项"),
    ("g 编号", "转到某个条目，如 g 2.1.3"),
    ("u", "转到下一项未评、沿用待确认或被退回的条目"),
    ("U", "转到上一项未评、沿用待确认或被退回的条目"),
    ("/文字", "搜索编号、标题、正文和责任单位，如 /网站"),
    ("f", "筛选：列出全部筛选（未评、未达标、基本达标、退回、沿用待确认、文字已改、各责任单位），再选一个"),
    ("f 名称或序号", "只在这些条目中移动，如 f 未达标、f 市交通运输局；f 全部 取消筛选"),
    ("r", "重读本项全文"),
    ("直接回车", "简短重复本项和当前答案"),
    ("s", "汇总：各部分得分、总分、等次、未评和未达标的条目"),
    ("? 或 h", "本帮助"),
    ("q", "退出（答案已随时保存）"),
)


@dataclass(frozen=True, slots=True)
class Command:
    """``kind`` says what to do; ``text`` carries its argument (None: ask on the next line)."""

    kind: str
    status: str | None = None
    score: float | None = None
    text: str | None = None


_SCORE = r"([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*分"
_SCORE_ONLY = re.compile(rf"^{_SCORE}$")
_STATUS_SCORE = re.compile(rf"^(\S+?)\s*{_SCORE}$")
_TEXT_CMD = re.compile(r"^([ec])(?:\s+(.*)|([^\x00-\x7f].*))?$", re.DOTALL)
_BACK = {"U", "上一未评"}  # checked before lower-casing: u is forward, U back
_SIMPLE = {
    "下一未评": "unanswered",
    "n": "next", "p": "prev", "u": "unanswered", "s": "summary", "y": "confirm",
    "?": "help", "h": "help", "help": "help", "帮助": "help",
    "q": "quit", "quit": "quit", "exit": "quit", "退出": "quit", "r": "reread",
    "l": "list", "分": "clear_score",
}


def normalise(text: str) -> str:
    """Command words as ASCII where they can be: ``ｇ　２。１`` → ``g 2.1``.

    ``。`` becomes ``.`` because the ``.`` key gives ``。`` in Chinese punctuation mode.
    """
    return unicodedata.normalize("NFKC", text).replace("。", ".").strip()


def status_of(word: str) -> str | None:
    """``1``–``4`` or 达标 / 基本达标 / 未达标 / 不适用 → met / partial / unmet / na."""
    return status_from_word(word)


def parse(line: str) -> Command:
    raw = line.strip()
    word = normalise(raw)
    if not word:
        return Command("repeat")
    if (status := status_of(word)) is not None:
        return Command("status", status=status)
    if match := _SCORE_ONLY.match(word):
        return Command("score", score=float(match.group(1)))
    if (match := _STATUS_SCORE.match(word)) and (status := status_of(match.group(1))):
        return Command("status", status=status, score=float(match.group(2)))
    if word[0] in "/、":
        # The search words as typed, but a full-width ／ prefix is dropped like /.
        return Command("search", text=raw[1:].strip())
    if word in _BACK:
        return Command("unanswered", text="back")
    lowered = word.lower()
    if lowered in _SIMPLE:
        return Command(_SIMPLE[lowered])
    if lowered == "f" or lowered.startswith(("f ", "筛选")):
        return Command("filter", text=raw[1:].strip() if lowered[0] == "f" else raw[2:].strip())
    if match := _TEXT_CMD.match(lowered):
        kind = "evidence" if match.group(1) == "e" else "note"
        # Keep the text exactly as typed (not NFKC): skip the command letter and spaces.
        text = raw[1:].strip() if (match.group(2) or match.group(3)) else None
        return Command(kind, text=text)
    head, _, rest = lowered.partition(" ")
    if head == "g" or (lowered.startswith("g") and lowered[1:2].isdigit()):
        target = (rest if head == "g" else lowered[1:]).strip().rstrip(".")
        return Command("goto", text=target.replace(" ", ""))
    if head == "d" or lowered == "d":
        return Command("delete", text=rest.strip() or None)
    if head == "k":
        return Command("counts", text=rest.strip())
    return Command("unknown", text=raw)


def help_lines() -> list[str]:
    lines = ["命令一览，每行一条：先是要输入的内容，冒号后是作用。"]
    lines.extend(f"{keys}：{what}。" for keys, what in HELP)
    lines.append("中文输入法下的全角字母、数字和标点同样有效；顿号与斜杠一样开始搜索，句号可当作小数点。")
    return lines
