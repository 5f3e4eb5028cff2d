"""``zwgk assess --plain``: open the score file (lock, drift, carry), then the prompt loop.

The questions asked before the loop (open read-only? accept the changed checklist?) read from
the same input as the loop, so a script can answer them too.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Checklist
from zwgk_tui.plain import render
from zwgk_tui.plain.answering import AssessDialogue
from zwgk_tui.plain.commands import normalise
from zwgk_tui.plain.console import Console, UnreadableLine
from zwgk_tui.plain.runner import NOT_OPENED, fail, guarded, open_or_offer, run_session
from zwgk_tui.textsafe import one_line


def run_assess(checklist: Checklist, scores_path: str | Path, *, unit: str, assessor: str, read_only: bool,
               carry_from: str | Path | None, stdin: IO[Any] | None = None, stdout: IO[Any] | None = None,
               width: int | None = None) -> int:
    """Assess one unit line by line; the exit status (0: ended saved, 2: a file problem)."""
    console = Console(stdin, stdout, width=width)
    return guarded(stdout, lambda: assess(console, checklist, Path(scores_path), unit=unit, assessor=assessor,
                                          read_only=read_only, carry_from=carry_from))


def assess(
    console: Console, checklist: Checklist, path: Path, *, unit: str, assessor: str,
    read_only: bool, carry_from: str | Path | None,
) -> int:
    """The whole session on an existing console (the plain start screen shares its console)."""
    try:
        session = open_session(console, checklist, path, unit=unit, assessor=assessor,
                               read_only=read_only)
    except ZwgkError as exc:
        return fail(exc)
    if session is None:
        console.say("没有打开评估记录。")
        return NOT_OPENED
    dialogue = AssessDialogue(console, session)

    def begin() -> None:
        if carry_from is not None:
            if session.read_only:
                raise ZwgkError("只读打开时不能沿用上年记录", path)
            carry(dialogue, Path(carry_from))
        introduce(console, session)
        dialogue.start()

    return run_session(console, session, dialogue, begin=begin, again="下次用同样的命令继续。")


def open_session(
    console: Console, checklist: Checklist, path: Path, *, unit: str, assessor: str,
    read_only: bool,
) -> Assessment | None:
    """Open the file, asking about a lock held elsewhere and about checklist drift."""
    session = open_or_offer(console, path, lambda ro: Assessment.open(
        checklist, path, unit=unit, assessor=assessor, read_only=read_only or ro))
    if session is None:
        return None
    if session.took_over is not None:
        console.say(f"上次打开这份记录的会话（{one_line(session.took_over.describe())}）没有正常结束，已接管。")
    if session.drift is None:
        return session
    console.say("清单在这份评估开始之后有改动：")
    console.say(*session.drift.lines())
    if session.read_only:
        session.accept_drift()  # in memory only: a read-only session never writes
        console.say("只读打开：按新清单显示答案，不修改文件。")
        return session
    choice = ask_choice(console)
    if choice == "accept":
        session.accept_drift()
        console.say("已按新清单调整答案并保存。" if session.state.ok else session.state.error)
        return session
    session.close()
    if choice == "read_only":
        session = Assessment.open(checklist, path, read_only=True)
        session.accept_drift()
        console.say("只读打开：按新清单显示答案，不修改文件。")
        return session
    return None


def ask_choice(console: Console) -> str:
    """接受 / 只读 / 退出 (or 1 / 2 / 3); end of input means 退出."""
    choices = {"1": "accept", "接受": "accept", "2": "read_only", "只读": "read_only",
               "3": "quit", "退出": "quit", "q": "quit"}
    while True:
        try:
            line = console.ask("请选择：输入 1 或 接受，按新清单调整答案并保存；"
                               "输入 2 或 只读，只读打开；输入 3 或 退出，不打开：")
        except UnreadableLine as exc:
            console.say(f"错误：{exc}")
            continue
        if line is None:
            return "quit"
        choice = choices.get(normalise(line).lower())
        if choice is not None:
            return choice
        console.say("请输入 1、2 或 3。")


def carry(dialogue: AssessDialogue, old_path: Path) -> None:
    from zwgk_tui.model.assessment.carry import carry_into

    result = None

    def run() -> None:
        nonlocal result
        result = carry_into(dialogue.session, old_path)

    dialogue.change(run)
    assert result is not None
    dialogue.console.say(*result.lines())
    if result.carried:
        dialogue.console.say("沿用的答案在确认之前标为“沿用待确认”：输入 y 确认，或重新作答。")


def introduce(console: Console, session: Assessment) -> None:
    checklist, scores = session.checklist, session.scores
    console.say(
        "政务公开自评，逐行模式。",
        f"清单：{one_line(checklist.title)}（{one_line(checklist.id)}），共 {len(checklist.leaves)} 项可评估条目。",
        f"单位：{one_line(scores.unit)}；评估人：{one_line(scores.assessor) or '未填'}。",
    )
    if session.read_only:
        console.say(f"只读打开：可以查看，不能修改。评估记录：{session.path}")
    else:
        console.say(f"评估记录：{session.path}。每次作答后立即保存，可随时退出、随时继续。")
    console.say(
        render.progress_line(session),
        "每项先录佐证（e）和说明（c），再输入状态 1 到 4；输入状态后转到下一项。",
    )
    if any(leaf.rules or leaf.parts for leaf in checklist.leaves):
        console.say("有评分细则的条目按细则计数：k 读出各条细则，k 序号 次数 输入计数，状态随得分而定。")
    console.say("输入 ? 查看全部命令，q 退出。")
