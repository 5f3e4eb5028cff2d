"""SIGHUP (the SSH link dropped) and SIGTERM: save, release the lock, exit.

No unmount hook runs when a terminal disappears, so every face installs these handlers
around its session. Answers are already on disk after each change; this flushes the one in
flight and removes the lock so that the next login is not told the file is busy.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable


def install(close: Callable[[], None], after: Callable[[int], None] | None = None) -> None:
    """On SIGHUP/SIGTERM: ``close()`` (flush + unlock), then ``after(signum)`` or exit."""

    def handler(signum: int, frame: object) -> None:
        for sig in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)  # once is enough
        try:
            close()
        finally:
            if after is not None:
                after(signum)
            else:
                os._exit(128 + signum)

    signal.signal(signal.SIGHUP, handler)
    signal.signal(signal.SIGTERM, handler)
