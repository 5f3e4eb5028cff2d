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


@dataclass(slots=True)
class Opening:
    """How far opening got before any screen: a session, or another session's lock."""

    session: Assessment | None = None
    held: LockHeld | None = None


def begin(target: AssessTarget) -> Opening:
    """The first step of every way in (``zwgk assess``, the start screen, the tests): a file
    that cannot be read raises ZwgkError here; a lock held elsewhere is an answer to show."""
    if target.carry_from is not None and not target.read_only:
        from zwgk_tui.model.assessment.parse import read_scores

        read_scores(target.carry_from)  # last year's file must read before anything is created
    try:
        return Opening(session=open_session(target))
    except LockHeld as held:
        return Opening(held=held)


def nothing_to_ask(target: AssessTarget, opening: Opening | None) -> bool:
    """The assessment screen can be the first screen itself: no dialog comes before it."""
    session = opening.session if opening is not None else None
    return session is not None and session.drift is None and (
        target.carry_from is None or session.read_only)


def announce(app: ZwgkApp, session: Assessment) -> None:
    """What the officer should know on opening: a read-only file opened read-only, a dead
    session's lock taken over."""
    if session.notice:
        app.notify(session.notice, severity="warning", markup=False)
    if session.took_over is not None:
        app.notify(f"上次的会话（{session.took_over.describe()}）没有正常退出，已接管；"
                   "答案在每次修改时都已保存。", markup=False)


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

    def start(self, opening: Opening | None = None) -> None:
        """Go on from ``opening`` (``zwgk assess`` opened the file before the screen was
        taken over), or open the file now (the start screen, a read-only retry)."""
        from zwgk_tui.tui.dialogs.confirm import ChoiceDialog, MessageDialog

        if opening is None:
            try:
                opening = begin(self.target)
            except ZwgkError as exc:
                message = str(exc)
                self.app.push_screen(
                    MessageDialog("无法打开评估记录", f"{message}\n\n文件未做任何改动。", error=True),
                    lambda _: self._cancel(exit_code=2, message=message))
                return
        if opening.held is not None:
            info = opening.held.info
            who = info.describe() if info else "另一个会话"
            self.app.push_screen(ChoiceDialog(
                "这份评估记录正在别处编辑",
                [f"正由 {who} 编辑。", "同一份记录同时只能由一处修改；可以只读打开查看。",
                 f"文件：{self.target.scores_path.name}"],
                [("open.read-only", "只读打开"), ("open.quit", "退出")],
            ), self._after_lock)
            return
        assert opening.session is not None
        self.app.opening = opening.session  # closed with the app, even before it is shown
        self._opened(opening.session)

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
                self.app.show_assessment(session)
                self.app.notify(f"无法沿用上年记录：{exc}", severity="error", markup=False)
                return
            self.app.show_assessment(session)
            from zwgk_tui.tui.dialogs.confirm import MessageDialog

            lines = result.lines()
            if result.carried:
                lines.append("沿用的条目标“沿用待确认”：核对后按 y 确认，或直接修改；按 f 可只看这些条目。")
            self.app.push_screen(MessageDialog("沿用上年的答案", "\n".join(lines)))
            return
        self.app.show_assessment(session)
