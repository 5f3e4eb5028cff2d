"""How a plain session ends: a file changed elsewhere (ask before overwriting; both versions
are kept either way), SIGHUP/SIGTERM, and the last line said on leaving, with its exit status."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from zwgk_tui.plain.commands import normalise
from zwgk_tui.plain.console import Console, UnreadableLine

if TYPE_CHECKING:
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.plain.dialogue import Dialogue


class SessionStopped(Exception):
    """The user kept a version changed elsewhere: the session's answers went beside it."""

_OVERWRITE = {"y", "yes", "是", "覆盖"}
_KEEP = {"n", "no", "否", "不", "保留"}


class Ending:
    """What a dialogue does when the session must end or ask before going on (``Dialogue``
    provides ``session``, ``console``, ``say``, ``error`` and the flags used here)."""

    session: Assessment
    console: Console
    changing: bool
    deferred_signal: int

    def settle_conflict(self) -> None:
        """The file changed on disk since this session wrote it: ask before overwriting it.
        Either way both versions are kept (``Assessment.resolve_conflict``); end of input
        keeps the file as it is."""
        session = self.session
        self.say(session.state.error)
        while session.conflict is not None:
            try:
                line = self.console.ask("输入 y 用本会话的答案覆盖它（别处改动的版本另存一份）；"
                                        "输入 n 保留文件现状（本会话的答案另存一份），并结束本次评估：")
            except UnreadableLine as exc:
                self.error(str(exc))
                continue
            word = "n" if line is None else normalise(line).lower()
            if word not in _OVERWRITE | _KEEP:
                self.say("请输入 y 或 n。")
                continue
            overwrite = word in _OVERWRITE
            try:
                kept = session.resolve_conflict(overwrite)
            except OSError as exc:
                from zwgk_tui.errors import os_reason

                self.error(f"无法另存一份（{os_reason(exc, writing=True)}），文件和答案都没有改动")
                if line is None:
                    return
                continue
            if overwrite:
                self.say(f"别处改动的版本已另存为：{kept}" if kept else "别处的版本已不是可读的评估记录，没有另存。")
            else:
                self.say(f"记录文件保持别处改动后的样子；本会话的答案另存为：{kept}。"
                         "重新打开这份记录即可在现有内容上继续。")
                raise SessionStopped()

    def on_signal_close(self) -> None:
        """SIGHUP/SIGTERM: close now, unless a save is under way (then right after it)."""
        if self.changing:
            self.deferred_signal = -1
            return
        self.session.close()

    def after_signal(self, signum: int) -> None:
        if self.deferred_signal:
            self.deferred_signal = signum
            return
        with contextlib.suppress(Exception):
            self.say("连接中断或收到终止信号：答案已保存，已退出。")
        os._exit(128 + signum)


def wind_up(dialogue: Dialogue) -> bool:
    """The session's last save (when a change was cut short or saving failed: what is in
    memory goes to disk once more), then close; whether the file holds every answer."""
    session = dialogue.session
    if not session.read_only and (dialogue.interrupted or not session.state.ok):
        session.retry()
    saved = session.state.ok
    session.close()
    return saved


def farewell(console: Console, dialogue: Dialogue, code: int, saved: bool, done: str) -> int:
    """The last line of a session (assess or review) and its exit status: a change that
    is not in the file is said as such (1), never with a promise of a retry."""
    session = dialogue.session
    if code not in (0, 130):
        return code
    if dialogue.stopped or not (saved or session.read_only):
        console.say(f"已退出。{session.unsaved_text()}")
        return code or 1
    console.say("已退出，只读打开，没有修改文件。" if session.read_only else done)
    return code
