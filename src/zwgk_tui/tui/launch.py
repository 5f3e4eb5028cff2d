"""The way in from the command line (cli/assess.py): build the app, guard the session, run.

A score file that cannot be opened is reported before the screen is taken over (one line on
stderr, exit status 2); SIGHUP (the SSH link dropped) and SIGTERM flush, unlock and exit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment import signals
from zwgk_tui.model.checklist import Checklist


def run_start(checklist_dirs: Iterable[str | Path], ascii_only: bool, theme: str | None) -> int:
    from zwgk_tui.tui.factory import make_app

    return _run(make_app(checklist_dirs=checklist_dirs, ascii_only=ascii_only, theme=theme))


def run_assess(
    checklist: Checklist,
    scores_path: str | Path,
    *,
    unit: str,
    assessor: str,
    read_only: bool,
    carry_from: Path | None,
    ascii_only: bool,
    theme: str | None,
) -> int:
    """``zwgk assess``: the app the tests drive (``factory.make_app``), run in this terminal."""
    from zwgk_tui.tui.factory import make_app
    from zwgk_tui.tui.flow import AssessTarget

    target = AssessTarget(checklist, Path(scores_path), unit=unit, assessor=assessor,
                          read_only=read_only, carry_from=carry_from)
    try:
        app = make_app(target=target, ascii_only=ascii_only, theme=theme)
    except ZwgkError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return _run(app)


def run_review(
    checklist: Checklist,
    scores_path: str | Path,
    *,
    reviewer: str,
    read_only: bool,
    ascii_only: bool,
    theme: str | None,
    store: Path | None = None,
    return_to: Path | None = None,
) -> int:
    """``zwgk review``: open the file for review (or say why not), then the review screen."""
    from zwgk_tui.tui.factory import ReviewTarget, make_app

    target = ReviewTarget(checklist, Path(scores_path), reviewer, read_only=read_only, store=store,
                          return_to=return_to)
    try:
        app = make_app(review=target, ascii_only=ascii_only, theme=theme)
    except ZwgkError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return _run(app)


def _run(app) -> int:
    signals.install(close=app.close_session, after=lambda signum: _after_signal(app, signum))
    watch_terminal()
    # Textual sizes the screen from COLUMNS/LINES when they are exported (shutil), and a
    # braille user may export COLUMNS=40 for the plain mode: the full screen is the tty's.
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)
    try:
        app.run(mouse=app.setup.mouse)
    finally:
        app.close_session()
    if app.error_message:
        print(app.error_message, file=sys.stderr)
    session = app.session
    if getattr(session, "returned_copy", None) is not None:
        print(f"退回文件已写出：{session.returned_copy}（交给单位：zwgk scores receive 这个文件）", file=sys.stderr)
    elif getattr(session, "return_to", None) is not None and session.state.error:
        print(session.state.error, file=sys.stderr)
        return app.return_code or 1
    return app.return_code or 0


WATCH_EVERY = 0.5   # seconds between two looks at the terminal


def watch_terminal(every: float = WATCH_EVERY) -> threading.Thread | None:
    """End the session when its terminal is gone though no SIGHUP came (the terminal was not
    the controlling one, or the hang-up was lost): a hung-up tty is no longer a tty, and
    Textual's input thread would spin on its end of file for ever, holding the lock.

    A thread asks ``os.isatty`` of the standard streams that were terminals (an ioctl that
    writes nothing) and, once one is not, raises SIGHUP in this process: the same handler
    as a real hang-up flushes, unlocks and exits (status 129) within ``every`` seconds.
    """
    fds = [fd for fd in (0, 1) if _isatty(fd)]
    if not fds:
        return None

    def watch() -> None:
        while all(_isatty(fd) for fd in fds):
            time.sleep(every)
        os.kill(os.getpid(), signal.SIGHUP)

    thread = threading.Thread(target=watch, name="zwgk-terminal-watch", daemon=True)
    thread.start()
    return thread


def _isatty(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def _after_signal(app, signum: int) -> None:
    """The session is closed; give a still-attached terminal back, then exit at once."""
    if signum != signal.SIGHUP:  # after a hang-up there is no terminal to restore
        with contextlib.suppress(Exception):
            restore_terminal(app)
    os._exit(128 + signum)


def restore_terminal(app) -> None:
    import termios

    driver = app._driver
    if driver is None:
        return
    attrs = getattr(driver, "attrs_before", None)
    if attrs is not None:
        termios.tcsetattr(driver.fileno, termios.TCSANOW, attrs)
    out = getattr(driver, "_file", None) or sys.__stderr__
    out.write("\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h"
              "\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l")
    out.flush()
