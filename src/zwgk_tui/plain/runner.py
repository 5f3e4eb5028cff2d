"""One way to run a line dialogue, for the assessment and the review alike: open the file
(asking about a lock held elsewhere), install the signal handlers, run the loop, and say
goodbye the same way on ``q``, end of input, Ctrl-C and a file problem."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.lock import LockHeld
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.plain.commands import normalise
from zwgk_tui.plain.console import Console, OutputGone, UnreadableLine
from zwgk_tui.plain.dialogue import Dialogue
from zwgk_tui.plain.ending import unsaved_text
from zwgk_tui.textsafe import one_line

NOT_OPENED = 1  # the user chose not to open (lock held, or the checklist changed)
INTERRUPTED = 130
_YES = {"y", "yes", "是", "好", "只读"}
_NO = {"n", "no", "否", "不", "q", "退出"}


def guarded(stdout: IO[Any] | None, run: Callable[[], int]) -> int:
    """Run a whole dialogue; a reader that went away ends it quietly (status 0)."""
    try:
        return run()
    except OutputGone:
        silence_stdout(stdout)
        return 0


def open_or_offer(console: Console, path: Path, opener: Callable[[bool], Any], *,
                  whose: str = "这份评估记录") -> Any:
    """``opener(read_only)``; when another session holds the file, say who and offer to
    open it read-only (None: the user declined)."""
    try:
        return opener(False)
    except LockHeld as exc:
        who = one_line(exc.info.describe()) if exc.info else "另一个会话"
        console.say(f"{whose}正由 {who} 编辑：{path}")
        if not ask_yes_no(console, "是否只读打开？输入 y 只读打开，输入 n 不打开："):
            return None
        return opener(True)


def run_session(console: Console, session: Assessment, dialogue: Dialogue, *,
                begin: Callable[[], None], again: str = "", saved_at: Path | None = None,
                finish: Callable[[int], int] | None = None) -> int:
    """The loop with its lifecycle: ``begin`` (introductions), then the prompts; every way
    out flushes, unlocks and says whether what the dialogue keeps (答案 / 复核) is saved, and
    where (``saved_at``, else the score file); ``finish`` may add its last words."""
    kept = dialogue.KEPT
    if session.notice:   # e.g. a read-only file opened read-only
        console.say(session.notice)
    restore = install_signals(dialogue)
    code = 0
    try:
        begin()
        dialogue.run()
    except ZwgkError as exc:
        code = fail(exc)
    except KeyboardInterrupt:
        code = INTERRUPTED
    finally:
        if not session.read_only and (dialogue.interrupted or not session.state.ok):
            session.retry()  # what is in memory goes to disk once more
        saved = session.state.ok
        session.close()
        restore()
    if code == INTERRUPTED:
        if console.interactive:
            console.say("")  # the terminal left the cursor after its ^C
        console.say("已中断。" + (f"{kept}已保存。" if saved and not session.read_only else ""))
    if code in (0, INTERRUPTED):
        if dialogue.stopped or not (saved or session.read_only):
            console.say(f"已退出。{unsaved_text(session)}")   # said as it is: no retry follows
            code = code or 1
        elif session.read_only:
            console.say("已退出，只读打开，没有修改文件。")
        else:
            console.say(f"已退出。{kept}已保存在：{saved_at or session.path}。{again}")
        if finish is not None:
            code = finish(code)
    return code


def ask_yes_no(console: Console, prompt: str) -> bool:
    while True:
        try:
            line = console.ask(prompt)
        except UnreadableLine as exc:
            console.say(f"错误：{exc}")
            continue
        if line is None:
            return False
        word = normalise(line).lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
        console.say("请输入 y 或 n。")


def fail(exc: ZwgkError) -> int:
    """A file problem: one line on standard error, exit status 2."""
    print(str(exc) if exc.path else f"zwgk: {exc}", file=sys.stderr, flush=True)
    return exc.exit_code


def install_signals(dialogue: Dialogue) -> Callable[[], None]:
    """SIGHUP/SIGTERM save and unlock (model.signals); returns a function that undoes it."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    from zwgk_tui.model.assessment import signals

    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGHUP, signal.SIGTERM)}
    signals.install(dialogue.on_signal_close, dialogue.after_signal)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def silence_stdout(stdout: IO[Any] | None) -> None:
    """Nobody reads standard output any more: stop Python complaining at exit."""
    if stdout is not None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
