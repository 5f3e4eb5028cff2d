"""The file changed elsewhere while the assessment was open: ask before overwriting it.

``y`` writes the session's answers (the version found on disk is kept beside the file as
``<file>.外部修改-<time>``); ``n`` (or Escape) keeps the file as it was changed, keeps the
session's answers beside it as ``<file>.本会话-<time>``, and leaves. Nothing is lost
either way, so Escape may answer (it never destroys anything).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwgk_tui.model.assessment.disk import OTHER_VERSION, SESSION_VERSION

if TYPE_CHECKING:
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.tui.app import ZwgkApp

_ASKING = "_zwgk_conflict_asking"


def ask_about_conflict(app: ZwgkApp, session: Assessment) -> None:
    """Show the question once (a second refused save while it is up asks nothing more)."""
    from zwgk_tui.tui.dialogs.confirm import ConfirmDialog

    if session.conflict is None or getattr(app, _ASKING, False):
        return
    setattr(app, _ASKING, True)
    name = session.path.name
    detail = "\n".join([
        session.conflict.message(session.path),
        "",
        f"y：用本会话的答案覆盖它；别处改动的版本先另存为 {name}.{OTHER_VERSION}-时间。",
        f"n：保留文件现在的样子；本会话的答案另存为 {name}.{SESSION_VERSION}-时间，然后退出。",
    ])

    def answered(overwrite: bool | None) -> None:
        setattr(app, _ASKING, False)
        _settle(app, session, bool(overwrite))

    app.push_screen(ConfirmDialog("记录文件已在别处被改动：覆盖它吗？", detail,
                                  yes="覆盖（另存别处的版本）", no="不覆盖（另存本会话的答案）并退出"),
                    answered)


def _settle(app: ZwgkApp, session: Assessment, overwrite: bool) -> None:
    from zwgk_tui.errors import os_reason
    from zwgk_tui.tui.dialogs.confirm import MessageDialog

    try:
        kept = session.resolve_conflict(overwrite)
    except OSError as exc:
        app.notify(f"无法另存一份（{os_reason(exc, writing=True)}），文件和答案都没有改动；"
                   "腾出空间后再做任意修改，会再次询问。", severity="error", markup=False, timeout=12)
        return
    if overwrite:
        app.notify(f"已覆盖；别处改动的版本另存为：{kept}" if kept else "已覆盖（别处的版本不是可读的文件，没有另存）",
                   markup=False, timeout=12)
        return
    app.error_message = session.unsaved_text()

    def leave(_: object) -> None:
        session.close()
        app.exit(return_code=1)

    app.push_screen(MessageDialog("本会话的答案已另存", f"记录文件保持别处改动后的样子。\n\n本会话的答案另存为：{kept}\n\n"
                                  "重新打开这份记录，即可在现有内容上继续。按 Enter 退出。"), leave)
