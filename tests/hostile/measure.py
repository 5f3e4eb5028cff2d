"""Run a command and write its own peak memory and time: ``python measure.py RESULT -- ARGV...``.

Linux keeps a process's peak resident size across ``fork`` and ``execve``: a command started
straight from a pytest worker that has grown to 300 MB reports 300 MB whatever it used. This
small launcher is what forks it, so the figure (``ru_maxrss`` from ``wait4``) is the
command's own (plus this launcher's few megabytes at the fork). Like ``/usr/bin/time -f %M``,
without needing it installed.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    result = sys.argv[1]
    argv = sys.argv[sys.argv.index("--") + 1:]
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    with open(result, "w") as handle:
        json.dump({"status": status, "max_rss_kb": usage.ru_maxrss, "seconds": time.monotonic() - start}, handle)
    os._exit(0)


if __name__ == "__main__":
    main()
