"""A second process for persistence tests: it opens a session and obeys lines on stdin.

Run as ``python child.py CHECKLIST SCOREFILE [--thread] [--signals] [--fsize BYTES] [--user UID]``.
Commands (one per line): ``status ID STATUS``, ``note ID TEXT``, ``loop N`` (N notes as fast as
possible, printing ``ok i`` after each save returns), ``state``, ``hold`` (wait for a signal),
``close``. Every command is acknowledged on stdout so the parent knows what is on disk.
"""

from __future__ import annotations

import os
import resource
import signal
import sys


def main() -> None:
    args = sys.argv[1:]
    checklist_path, score_path = args[0], args[1]
    if "--fsize" in args:  # a "full disk": the kernel refuses writes past this size
        limit = int(args[args.index("--fsize") + 1])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from zwgk_tui.errors import ZwgkError
    from zwgk_tui.model.assessment import signals
    from zwgk_tui.model.assessment.lock import LockHeld
    from zwgk_tui.model.assessment.saver import ThreadSaver
    from zwgk_tui.model.assessment.session import Assessment
    from zwgk_tui.model.checklist import load_checklist

    checklist = load_checklist(checklist_path)
    if "--user" in args:  # drop privileges (tests run as root too)
        _warm_up(checklist)  # Python's own files may be unreadable to the new user
        uid = int(args[args.index("--user") + 1])
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    saver = ThreadSaver() if "--thread" in args else None
    try:
        session = Assessment.open(checklist, score_path, unit="子进程单位", assessor="测试", saver=saver)
    except LockHeld as exc:
        print(f"held {exc.info.pid if exc.info else '?'}", flush=True)
        return
    except ZwgkError as exc:
        print(f"error {exc}", flush=True)
        return
    if "--signals" in args:
        signals.install(session.close)
    took = session.took_over
    print(f"ready {os.getpid()} {took.pid if took else '-'}", flush=True)
    for line in sys.stdin:
        parts = line.rstrip("\n").split(" ", 2)
        command = parts[0]
        if command == "status":
            session.set_status(parts[1], parts[2])
            print(f"ok {session.state.ok}", flush=True)
        elif command == "note":
            session.set_note(parts[1], parts[2])
            print(f"ok {session.state.ok} {session.state.error}", flush=True)
        elif command == "loop":
            leaves = [leaf.id for leaf in checklist.leaves]
            for i in range(int(parts[1])):
                session.set_note(leaves[i % len(leaves)], f"第{i}次")
                print(f"ok {i}", flush=True)
        elif command == "state":
            print(f"state {session.state.ok} {session.state.error}", flush=True)
        elif command == "hold":
            print("holding", flush=True)
            signal.pause()
        elif command == "close":
            session.close()
            print("closed", flush=True)
            return


def _warm_up(checklist) -> None:
    """Run every code path once so that all lazy imports happen before setuid."""
    import tempfile

    from zwgk_tui.model.assessment.saver import describe_os_error
    from zwgk_tui.model.assessment.session import Assessment

    describe_os_error(OSError(13, "x"))
    with tempfile.TemporaryDirectory() as folder:
        session = Assessment.open(checklist, os.path.join(folder, "x", "w.toml"), unit="w")
        session.set_status(checklist.leaves[0].id, "met")
        session.set_note(checklist.leaves[0].id, "w")
        session.close()


if __name__ == "__main__":
    main()
