"""Opening an assessment in the TUI: lock held, checklist drift, carried answers, returned items.

The same steps run for ``zwgk assess`` and for an assessment picked on the start screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.lock import LockHeld
from zwgk_tui.model.assessment.saver import ThreadSaver
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Checklist

if TYPE_CHECKING:
    from zwgk_tui.tui.app import ZwgkApp


@dataclass(frozen=True, slots=True)
class AssessTarget:
    """What to open: a checklist and a score file, and how."""

    checklist: Checklist
    scores_path: Path
    unit: str = ""
    assessor: str = ""
    read_only: bool = False
    carry_from: Path | None = None


def open_session(target: AssessTarget) -> Assessment:
    """Open (or create) the score file; raises LockHeld or ZwgkError, leaving the file as it was."""
    saver = None if target.read_only else ThreadSaver()
    try:
        return Assessment.open(
            target.checklist, target.scores_path, unit=target.unit, assessor=target.assessor,
            read_only=target.read_only, saver=saver,
        )
    except BaseException:
        if saver is not None:
            saver.close()
        raise


def announce(app: ZwgkApp, session: Assessment) -> None:
    """What the officer should know on opening: a read-only file opened read-only, a dead
    session's lock taken over."""
    if session.notice:
        app.notify(session.notice, severity="warning", markup=False, timeout=12)
    if session.took_over is not None:
        app.notify(f"上次的会话（{session.took_over.describe()}）没有正常退出，已接管；"
                   "答案在每次修改时都已保存。", markup=False, timeout=8)


class OpenFlow:
    """Drives the dialogs between "open this" and the assessment screen.

    ``standalone`` (``zwgk assess``): cancelling exits the app; otherwise it returns to the
    start screen.
    """

    def __init__(self, app: ZwgkApp, target: AssessTarget, *, standalone: bool) -> None:
        self.app = app
        self.target = target
        self.standalone = standalone
        self.carried = False
        self.drift_seen = False  # chose "read-only" in the drift dialog: do not ask again

    def start(self, session: Assessment | None = None) -> None:
        from zwgk_tui.tui.dialogs.confirm import ChoiceDialog, MessageDialog

        if session is None:
            try:
                session = open_session(self.target)
            except LockHeld as held:
                who = held.info.describe() if held.info else "另一个会话"
                self.app.push_screen(ChoiceDialog(
                    "这份评估记录正在别处编辑",
                    [f"正由 {who} 编辑。", "同一份记录同时只能由一处修改；可以只读打开查看。",
                     f"文件：{self.target.scores_path.name}"],
                    [("open.read-only", "只读打开"), ("open.quit", "退出")],
                ), self._after_lock)
                return
            except ZwgkError as exc:
                message = str(exc)
                self.app.push_screen(
                    MessageDialog("无法打开评估记录", f"{message}\n\n文件未做任何改动。", error=True),
                    lambda _: self._cancel(exit_code=2, message=message))
                return
        self._opened(session)

    def _after_lock(self, choice: str | None) -> None:
        if choice == "read-only":
            self.target = replace(self.target, read_only=True)
            self.start()
        else:
            self._cancel()

    def _cancel(self, exit_code: int = 0, message: str = "") -> None:
        if self.standalone:
            self.app.error_message = message
            self.app.exit(return_code=exit_code)

    def _opened(self, session: Assessment) -> None:
        from zwgk_tui.tui.dialogs.confirm import ChoiceDialog

        announce(self.app, session)
        if session.drift is not None and not self.drift_seen:
            lines = ["评估开始后，清单文件有了改动。接受后，答案按编号和条目文字对应到新清单：", "",
                     *session.drift.lines()]
            choices = [("open.accept", "接受"), ("open.read-only", "只读打开"), ("open.quit", "退出")]
            if session.read_only:
                choices = choices[1:]
            self.app.push_screen(ChoiceDialog("清单有改动", lines, choices),
                                 lambda choice: self._after_drift(session, choice))
            return
        self._carry(session)

    def _after_drift(self, session: Assessment, choice: str | None) -> None:
        if choice == "accept":
            session.accept_drift()
            self.app.notify("已按新清单对应答案；文字有改动的条目标为“文字已改”", markup=False)
            self._carry(session)
        elif choice == "read-only":
            self.drift_seen = True
            if not session.read_only:
                session.close()
                self.target = replace(self.target, read_only=True)
                self.start()
            else:
                self._carry(session)
        else:
            session.close()
            self._cancel()

    def _carry(self, session: Assessment) -> None:
        from zwgk_tui.model.assessment.carry import carry_into

        if self.target.carry_from is not None and not session.read_only and not self.carried:
            self.carried = True
            try:
                result = carry_into(session, self.target.carry_from)
            except ZwgkError as exc:
                self.app.notify(f"无法沿用上年记录：{exc}", severity="error", markup=False, timeout=10)
            else:
                for line in result.lines():
                    self.app.notify(line, markup=False, timeout=8)
        self.app.show_assessment(session)
