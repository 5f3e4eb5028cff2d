"""Issue 12, items 2, 3 and 7 (review): nothing is opened that was not meant to be.

A path written inside a received file is never opened; a FIFO, symlink or device planted
where a lock belongs never blocks and is never followed; a missing file or a folder given to
``zwgk review`` is one line and exit status 2. Run as the installed ``zwgk``; the
two-account cases drop to other uids (root only, skipped otherwise, required in CI).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tomllib
from pathlib import Path

import pytest
from hostile_run import MAX_MEMORY, ZWGK, child_env, dirty, wait_child

HERE = Path(__file__).resolve().parent


def zwgk(args, data: Path, stdin: bytes = b"", *, user: tuple[int, int] | None = None,
         groups: str = "", timeout: float = 30):
    """The installed command (or, as another account, the same entry after dropping root)."""
    env = child_env(data)
    argv = [str(ZWGK), *map(str, args)]
    if user is not None:
        env.update(USER=f"u{user[0]}", LOGNAME=f"u{user[0]}", HOME=str(data), ZWGK_TEST_GROUPS=groups)
        argv = [sys.executable, str(HERE / "as_user.py"), str(user[0]), str(user[1]), "--", *map(str, args)]
    child, out, err = wait_child(argv, env=env, timeout=timeout, stdin=stdin)
    assert not child.killed, f"zwgk {args} did not finish in {timeout} s (it blocked)"
    assert child.max_rss_kb < MAX_MEMORY, f"peak memory {child.max_rss_kb // 1024} MB"
    assert dirty(out) is None and dirty(err) is None
    assert b"Traceback" not in err, err.decode("utf-8", "replace")
    return child.status, out.decode("utf-8"), err.decode("utf-8")


def need_root() -> None:
    if os.geteuid() == 0:
        return
    if os.environ.get("ZWGK_E2E") == "require":
        pytest.fail("this test needs root (to make devices and act as two accounts)")
    pytest.skip("needs root: devices and a second account")


def with_checklist_path(source: Path, target: Path, checklist_path: str) -> Path:
    """A copy of an exported file whose checklist_path names something else, re-signed as a
    forger would (the export digest covers the path)."""
    import dataclasses

    from zwgk_tui.model.assessment.parse import read_scores
    from zwgk_tui.model.assessment.serialize import digest, dumps, to_document

    scores = read_scores(source)
    sent = scores.submitted
    scores.checklist_path, scores.submitted = checklist_path, None
    scores.submitted = dataclasses.replace(sent, digest=digest(to_document(scores)))
    target.write_text(dumps(scores), "utf-8")
    return target


@pytest.fixture
def shared_tmp():
    """A folder other accounts can reach (pytest's own temp folders are private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="zwgk-accounts-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def received(hostile, tmp_path) -> Path:
    """A sound file as the supervisor receives it, in an inbox of its own."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return Path(shutil.copyfile(hostile.good, inbox / "某县.toml"))


# ---------------------------------------------------------------- 2: checklist_path


@pytest.mark.parametrize("where", ["/dev/zero", "fifo", "decoy"])
def test_review_never_opens_the_checklist_path_written_in_a_received_file(hostile, tmp_path, received, where):
    if where == "fifo":
        where = str(tmp_path / "checklist.fifo")
        os.mkfifo(where)
    elif where == "decoy":  # a sound checklist of the same id, but not the catalogue's
        decoy = tmp_path / "decoy.toml"
        decoy.write_text(hostile.mini.read_text("utf-8").replace("2026年示例政务公开工作要点", "从记录里的路径读到的清单"))
        where = str(decoy)
    path = with_checklist_path(received, received, where)
    data = tmp_path / "data"
    # found in the catalogue by id and sha256: the path in the file plays no part
    code, out, err = zwgk(["review", path, "--plain", "--checklists", hostile.checklist_dir], data, b"q\n")
    assert code == 0, err
    assert "2026年示例政务公开工作要点" in out and "从记录里的路径读到的清单" not in out
    # not in the catalogue: refused in one line, even though the path names a sound checklist
    code, out, err = zwgk(["review", path, "--plain"], data, b"q\n")
    assert code == 2 and err.count("\n") == 1 and "找不到清单" in err and path.name in err


@pytest.mark.parametrize("where", ["/dev/zero", "fifo", "/etc/shadow"])
def test_the_officers_own_checklist_path_is_read_only_through_the_guarded_reader(hostile, tmp_path, where):
    """``zwgk export`` may use the path recorded in the officer's own file, but a FIFO or a
    device there is never read: the catalogue is asked instead, or one line says why not."""
    if where == "fifo":
        where = str(tmp_path / "checklist.fifo")
        os.mkfifo(where)
    own = with_checklist_path(hostile.good, tmp_path / "mine.toml", where)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    data = tmp_path / "data"
    code, _, err = zwgk(["export", own, "-o", f"{outbox}/", "--checklists", hostile.checklist_dir], data)
    assert code == 0, err
    code, _, err = zwgk(["export", own, "-o", f"{outbox}/"], data)
    assert code == 2 and err.count("\n") == 1 and "找不到清单" in err


# ---------------------------------------------------------------- 3: what sits at X.toml.lock


def _plant(lock: Path, kind: str, tmp_path: Path) -> Path | None:
    """Put ``kind`` where the lock belongs; returns a file that must stay untouched."""
    if kind == "fifo":
        os.mkfifo(lock)
    elif kind == "symlink":
        victim = tmp_path / "victim.txt"
        victim.write_text("不能被改动")
        lock.symlink_to(victim)
        return victim
    elif kind == "device":
        need_root()
        os.mknod(lock, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null
    elif kind == "socket":
        import socket

        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(lock))
    return None


@pytest.mark.parametrize("kind", ["fifo", "symlink", "device", "socket"])
@pytest.mark.parametrize("command", ["assess", "review"])
def test_a_planted_lock_never_blocks_and_is_replaced_by_a_real_one(hostile, tmp_path, received, kind, command):
    lock = received.with_name(received.name + ".lock")
    victim = _plant(lock, kind, tmp_path)
    if command == "assess":
        args = ["assess", hostile.mini, "--plain", "--scores", received]
        stdin = b"2\nq\n"
    else:
        args = ["review", received, "--plain", "--checklist", hostile.mini, "--reviewer", "李四"]
        stdin = b"a\nq\n"
    code, _, err = zwgk(args, tmp_path / "data", stdin, timeout=20)
    assert code == 0, err
    if victim is not None:
        assert victim.read_text() == "不能被改动"
    saved = tomllib.loads(received.read_text("utf-8"))
    if command == "assess":
        assert not os.path.lexists(lock)        # our own lock, removed on the way out
        assert saved["items"]["1.1"]["status"] == "partial"
    else:
        # a review never locks or writes beside the received file: the decision goes to the
        # supervisor's own store, and whatever was planted there is neither opened nor removed
        assert os.path.lexists(lock) and "review" not in saved["items"]["1.1"]
        stored = list((tmp_path / "data" / "reviews").rglob("*.toml"))
        assert len(stored) == 1 and 'decision = "accept"' in stored[0].read_text("utf-8")


SUPERVISOR, UNIT, SHARED_GID = (61_001, 61_001), (61_002, 61_002), 61_000


def test_a_fifo_planted_by_another_account_in_a_shared_inbox(hostile, shared_tmp):
    """Two accounts: a unit (which may write the shared inbox) plants a FIFO where a lock for
    the received file would go. The supervisor's review locks only the supervisor's own review
    store, so the FIFO is neither opened nor removed, and the review goes on at once."""
    need_root()
    tmp_path = shared_tmp
    inbox = tmp_path / "shared"
    inbox.mkdir()
    os.chown(inbox, 0, SHARED_GID)
    os.chmod(inbox, 0o1777)                      # everyone may add; only owners may remove
    data_unit, data_sup = tmp_path / "unit", tmp_path / "sup"
    for folder, (uid, gid) in ((data_unit, UNIT), (data_sup, SUPERVISOR)):
        folder.mkdir()
        os.chown(folder, uid, gid)
    checklists = tmp_path / "checklists"
    shutil.copytree(hostile.checklist_dir, checklists)
    os.chmod(checklists, 0o755)
    received = inbox / "某县.toml"
    shutil.copyfile(hostile.good, received)
    os.chown(received, *UNIT)
    os.chmod(received, 0o644)
    # the unit's account plants the FIFO (as that account: it owns it)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.setgid(UNIT[1])
            os.setuid(UNIT[0])
            os.mkfifo(received.with_name(received.name + ".lock"), 0o666)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    lock = received.with_name(received.name + ".lock")
    assert stat.S_ISFIFO(os.lstat(lock).st_mode) and os.lstat(lock).st_uid == UNIT[0]
    args = ["review", received, "--plain", "--checklists", checklists, "--reviewer", "李四"]
    code, out, err = zwgk(args, data_sup, b"a\nq\n", user=SUPERVISOR, timeout=20)
    assert code == 0 and "认可" in out, (code, out, err)
    assert stat.S_ISFIFO(os.lstat(lock).st_mode)          # not opened, not removed
    assert any((data_sup / "reviews").rglob("*.toml"))    # the decision is in the supervisor's store


# ---------------------------------------------------------------- 7: review of what is not a file


@pytest.mark.parametrize("face", ["--plain", "--tui"])
def test_review_of_a_missing_file_or_a_folder_is_one_line_and_status_two(hostile, tmp_path, face):
    data = tmp_path / "data"
    for target, words in ((tmp_path / "没有这个文件.toml", "文件不存在"), (tmp_path, "文件夹")):
        code, out, err = zwgk(["review", target, face, "--checklist", hostile.mini], data, b"q\n")
        assert code == 2 and err.count("\n") == 1 and words in err and str(target) in err, (code, out, err)
        assert re.match(r"^\S", err)
