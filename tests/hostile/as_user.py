"""Run ``zwgk`` as another account: ``python as_user.py UID GID -- ARGS...``.

The test suite runs as root; a unit's account and the supervisor's are two other uids. The
interpreter may live where only root can read (pyenv under /root), so everything the
commands need is imported first and privileges are dropped after, as a login would have
them: supplementary groups (``ZWGK_TEST_GROUPS``, comma separated), gid, uid.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    uid, gid = int(sys.argv[1]), int(sys.argv[2])
    args = sys.argv[sys.argv.index("--") + 1:]
    # every module the commands import lazily, while the interpreter's files are readable
    import zwgk_tui.cli
    import zwgk_tui.model.assessment.opening
    import zwgk_tui.model.review.session
    import zwgk_tui.plain.assess
    import zwgk_tui.plain.ending
    import zwgk_tui.plain.review
    import zwgk_tui.report.aggregate
    import zwgk_tui.report.exporters
    import zwgk_tui.report.gather
    import zwgk_tui.report.view  # noqa: F401
    from zwgk_tui.errors import os_reason
    from zwgk_tui.model.assessment.saver import describe_os_error

    describe_os_error(OSError(13, "x"))
    os_reason(OSError(2, "x"))
    groups = [int(g) for g in os.environ.get("ZWGK_TEST_GROUPS", "").split(",") if g]
    os.setgroups(groups)
    os.setgid(gid)
    os.setuid(uid)
    sys.argv = ["zwgk", *args]
    from zwgk_tui.cli import main as zwgk_main

    zwgk_main()


if __name__ == "__main__":
    main()
