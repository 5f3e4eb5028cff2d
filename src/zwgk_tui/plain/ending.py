"""How a plain session ends early: a file changed elsewhere (ask before overwriting; both
versions are kept either way), and what to say when the last change is not in the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwgk_tui.plain.commands import normalise
from zwgk_tui.plain.console import Console, UnreadableLine

if TYPE_CHECKING:
    from zwgk_tui.model.assessment.session import Assessment


class SessionStopped(Exception):
    """The user kept a version changed elsewhere: the session's answers went beside it."""

_OVERWRITE = {"y", "yes", "是", "覆盖"}
_KEEP = {"n", "no", "否", "不", "保留"}


class Ending:
    """What a dialogue does when the session must end or ask before going on (``Dialogue``
    provides ``session``, ``console``, ``say``, ``error`` and the flags used here)."""

    session: Assessment
    console: Console

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


def unsaved_text(session: object) -> str:
    """What to say on leaving when the last change is not in the file: never a promise of
    a retry (there is none after exit)."""
    said = getattr(session, "unsaved_text", None)
    if callable(said):
        return str(said())
    return f"保存失败：{getattr(getattr(session, 'state', None), 'error', '') or '原因不明'}"
