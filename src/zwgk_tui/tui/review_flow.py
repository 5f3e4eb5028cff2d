"""Opening a review in the TUI: the same first step for ``zwgk review`` and the tests
(``factory.make_app``), then the app's dialogs (another session holds it: read-only?)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwgk_tui.model.assessment.lock import LockHeld
from zwgk_tui.tui.flow import Opening

if TYPE_CHECKING:
    from zwgk_tui.tui.app import ZwgkApp
    from zwgk_tui.tui.factory import ReviewTarget


def begin_review(target: ReviewTarget) -> Opening:
    """Open the file for review, or say who holds it; ZwgkError (file untouched) otherwise."""
    from zwgk_tui.model.assessment.saver import ThreadSaver
    from zwgk_tui.model.review.session import open_review

    saver = None if target.read_only else ThreadSaver()
    try:
        session = open_review(target.checklist, target.scores_path, read_only=target.read_only,
                              saver=saver, store=target.store)
        session.return_to = target.return_to
        return Opening(session=session)
    except LockHeld as held:
        if saver is not None:
            saver.close()
        return Opening(held=held)
    except BaseException:
        if saver is not None:
            saver.close()
        raise


def start_review(app: ZwgkApp, target: ReviewTarget, opening: Opening) -> None:
    """Show the review screen, or first offer a read-only look at a file open elsewhere."""
    from zwgk_tui.errors import ZwgkError
    from zwgk_tui.tui.dialogs.confirm import ChoiceDialog

    if opening.session is not None:
        app.show_review(opening.session)
        return
    held = opening.held
    who = held.info.describe() if held is not None and held.info else "另一个会话"

    def chosen(choice: str | None) -> None:
        if choice != "read-only":
            app.exit(return_code=0)
            return
        from dataclasses import replace

        try:
            again = begin_review(replace(target, read_only=True))
        except ZwgkError as exc:
            app.error_message = str(exc)
            app.exit(return_code=2)
            return
        start_review(app, replace(target, read_only=True), again)

    app.push_screen(ChoiceDialog(
        "这份评估记录正在别处打开",
        [f"正由 {who} 编辑。", "同一份记录同时只能由一处修改；可以只读打开查看。",
         f"文件：{target.scores_path.name}"],
        [("open.read-only", "只读打开"), ("open.quit", "退出")],
    ), chosen)
