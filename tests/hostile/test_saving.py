"""Issue 12, items 7, 9, 10, 11 and 13 (saving): nothing lost from outside either.

A file changed on disk by someone else is never overwritten unasked, and either answer keeps
both versions; a read-only file is opened read-only; temp files of killed saves are removed
on the next open (only ours); a full disk while opening is one line and leaves no lock; the
full screen ends (saving) within 2 s when its terminal is gone without a SIGHUP; a failed
save at exit is said as lost, never with a promised retry.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import resource
import select
import signal
import stat
import struct
import subprocess
import sys
import termios
import time
import tomllib
from pathlib import Path

import pytest
from hostile_run import ZWGK, child_env, dirty

from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import load_checklist


def items(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8")).get("items", {})


def asides(path: Path, label: str) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.{label}-*"))


@pytest.fixture
def mini(hostile):
    return load_checklist(hostile.mini)


def backup_of(path: Path, status: str = "unmet") -> bytes:
    """What a restore from backup would put back: the same file with other answers."""
    text = path.read_text("utf-8")
    return text.replace('status = "met"', f'status = "{status}"').replace("updated = ", "updated = ", 1).encode()


# ---------------------------------------------------------------- 10: changed elsewhere (model)


def test_a_file_changed_elsewhere_is_never_overwritten_unasked(tmp_path, mini):
    path = tmp_path / "s.toml"
    session = Assessment.open(mini, path, unit="某县", saver=SyncSaver())
    session.set_status("1.1", "met")
    restored = backup_of(path)
    path.write_bytes(restored)                       # restored from a backup meanwhile
    session.set_status("1.2", "partial")
    assert not session.state.ok and session.conflict is not None
    assert "别处被改动" in session.state.error
    assert path.read_bytes() == restored             # untouched
    session.set_note("1.2", "再改一次")                 # asking again, still not written
    assert path.read_bytes() == restored
    kept = session.resolve_conflict(overwrite=True)
    assert kept is not None and kept.read_bytes() == restored and kept.name.startswith("s.toml.外部修改-")
    assert session.state.ok and items(path)["1.2"] == {**items(path)["1.2"], "status": "partial", "note": "再改一次"}
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    session.set_status("2.1.1", "met")               # from now on it is ours again
    assert session.state.ok and items(path)["2.1.1"]["status"] == "met"
    session.close()


def test_keeping_the_other_version_saves_the_sessions_answers_beside_it(tmp_path, mini):
    path = tmp_path / "s.toml"
    session = Assessment.open(mini, path, unit="某县", saver=SyncSaver())
    session.set_status("1.1", "met")
    restored = backup_of(path)
    path.write_bytes(restored)
    session.set_status("1.2", "partial")
    kept = session.resolve_conflict(overwrite=False)
    assert path.read_bytes() == restored and session.read_only
    assert kept.name.startswith("s.toml.本会话-")
    assert tomllib.loads(kept.read_text("utf-8"))["items"]["1.2"]["status"] == "partial"
    assert "另存" in session.unsaved_text() and str(kept) in session.unsaved_text()
    session.close()
    assert not (tmp_path / "s.toml.lock").exists()


def test_an_unanswered_question_keeps_the_sessions_answers_on_close(tmp_path, mini):
    path = tmp_path / "s.toml"
    session = Assessment.open(mini, path, unit="某县", saver=SyncSaver())
    session.set_status("1.1", "met")
    path.write_bytes(backup_of(path))
    session.set_status("1.2", "partial")
    session.close()                                  # the terminal went away mid-question
    (kept,) = asides(path, "本会话")
    assert items(kept)["1.2"]["status"] == "partial" and items(path)["1.1"]["status"] == "unmet"


def test_a_touch_or_an_identical_copy_is_no_change(tmp_path, mini):
    path = tmp_path / "s.toml"
    session = Assessment.open(mini, path, unit="某县", saver=SyncSaver())
    session.set_status("1.1", "met")
    os.utime(path, (time.time() + 5, time.time() + 5))
    copy = path.read_bytes()
    path.unlink()
    path.write_bytes(copy)                           # a new inode, the same bytes
    session.set_status("1.2", "met")
    assert session.state.ok and session.conflict is None
    path.unlink()                                    # gone: writing it again loses nothing
    session.set_status("2.1.1", "met")
    assert session.state.ok and items(path)["2.1.1"]["status"] == "met"
    session.close()


def test_a_file_made_read_only_meanwhile_is_asked_about(tmp_path, mini):
    path = tmp_path / "s.toml"
    session = Assessment.open(mini, path, unit="某县", saver=SyncSaver())
    session.set_status("1.1", "met")
    before = path.read_bytes()
    os.chmod(path, 0o400)
    session.set_status("1.2", "met")
    assert session.conflict is not None and "只读" in session.state.error and path.read_bytes() == before
    session.resolve_conflict(overwrite=False)
    session.close()


# ---------------------------------------------------------------- 10: a read-only file


def zwgk(args, data: Path, stdin: bytes = b"", preexec=None, timeout: float = 30):
    run = subprocess.run([str(ZWGK), *map(str, args)], input=stdin, capture_output=True,
                         env=child_env(data), timeout=timeout, preexec_fn=preexec)
    assert dirty(run.stdout) is None and dirty(run.stderr) is None
    assert b"Traceback" not in run.stderr, run.stderr.decode()
    return run.returncode, run.stdout.decode("utf-8"), run.stderr.decode("utf-8")


def test_a_read_only_file_is_opened_read_only_with_a_notice(hostile, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(hostile.good.read_bytes())
    os.chmod(path, 0o400)
    before = path.read_bytes()
    code, out, err = zwgk(["assess", hostile.mini, "--plain", "--scores", path], tmp_path / "data", b"3\nq\n")
    assert code == 0, err
    assert "记录文件是只读的（权限 0400），已只读打开" in out and "只读打开：不能修改" in out
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o400
    assert not (tmp_path / "mine.toml.lock").exists()


# ---------------------------------------------------------------- 10: the plain face asks


class Plain:
    """``zwgk assess --plain`` on pipes, one line at a time (a script or a screen reader)."""

    def __init__(self, args: list, data: Path) -> None:
        self.proc = subprocess.Popen([str(ZWGK), *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=child_env(data))
        self.seen = b""

    def send(self, line: str) -> None:
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            ready, _, _ = select.select([self.proc.stdout], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                raise AssertionError(f"{text!r} did not come; got:\n{self.seen.decode('utf-8', 'replace')}")
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError(f"output ended before {text!r}:\n{self.seen.decode('utf-8', 'replace')}")
            self.seen += chunk
        return self.seen.decode("utf-8")

    def finish(self) -> tuple[int, str, str]:
        out, err = self.proc.communicate(timeout=20)
        self.seen += out
        return self.proc.returncode, self.seen.decode("utf-8"), err.decode("utf-8")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


@pytest.mark.parametrize("answer", ["y", "n"])
def test_the_plain_face_asks_before_overwriting_a_file_changed_elsewhere(hostile, tmp_path, answer):
    path = tmp_path / "mine.toml"
    plain = Plain(["assess", hostile.mini, "--plain", "--unit", "某县", "--scores", path], tmp_path / "data")
    try:
        plain.wait_for("请输入")
        plain.send("1")
        plain.wait_for("已保存：1.1 达标")
        restored = backup_of(path)
        path.write_bytes(restored)
        plain.send("2")
        screen = plain.wait_for("输入 y 用本会话的答案覆盖它")
        assert "记录文件 mine.toml 已在别处被改动" in screen and "已保存：1.2" not in screen
        plain.send(answer)
        if answer == "y":
            plain.wait_for("已保存：1.2 基本达标")
            plain.send("q")
            code, out, _ = plain.finish()
            assert code == 0 and "别处改动的版本已另存为" in out
            assert asides(path, "外部修改")[0].read_bytes() == restored
            assert items(path)["1.1"]["status"] == "met" and items(path)["1.2"]["status"] == "partial"
        else:
            code, out, _ = plain.finish()
            assert code == 1 and path.read_bytes() == restored
            (kept,) = asides(path, "本会话")
            assert items(kept)["1.2"]["status"] == "partial" and str(kept) in out
            assert "重试" not in out
    finally:
        plain.kill()
    assert not (tmp_path / "mine.toml.lock").exists()


# ---------------------------------------------------------------- 11: temp files of killed saves


def test_temp_files_left_by_killed_saves_are_removed_on_the_next_open_only_ours(hostile, tmp_path, mini):
    path = tmp_path / "s.toml"
    Assessment.open(mini, path, unit="某县", saver=SyncSaver()).close()
    old = time.time() - 60
    ours = [tmp_path / f".s.toml.{pid}.{n}.tmp" for pid, n in ((99991, 0), (99992, 7))]
    fresh = tmp_path / ".s.toml.99993.0.tmp"            # a save that may be under way
    other_file = tmp_path / ".t.toml.99994.0.tmp"       # another file's
    not_ours = tmp_path / ".s.toml.99995.0.tmp"         # another account's
    victim = tmp_path / "victim.txt"
    victim.write_text("原样")
    link = tmp_path / ".s.toml.99996.0.tmp"             # a symlink in our naming: never followed
    for temp in [*ours, fresh, other_file, not_ours]:
        temp.write_text("半截")
    link.symlink_to(victim)
    for temp in [*ours, other_file, not_ours]:
        os.utime(temp, (old, old))
    os.utime(link, (old, old), follow_symlinks=False)
    if os.geteuid() == 0:
        os.chown(not_ours, 12345, 12345)
    Assessment.open(mini, path, saver=SyncSaver()).close()
    assert not any(temp.exists() for temp in ours)
    assert fresh.exists() and other_file.exists() and link.is_symlink() and victim.read_text() == "原样"
    assert not_ours.exists() == (os.geteuid() == 0)   # as root it is another owner's; else it was ours


def test_kill_9_during_saves_leaves_no_temp_file_after_the_next_open(hostile, tmp_path, mini):
    child = Path(__file__).resolve().parents[1] / "model" / "child.py"
    path = tmp_path / "s.toml"
    Assessment.open(mini, path, unit="某县", saver=SyncSaver()).close()
    left = 0
    for attempt in range(8):
        proc = subprocess.Popen([sys.executable, str(child), str(hostile.mini), str(path)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().startswith("ready")
            proc.stdin.write("loop 100000\n")
            proc.stdin.flush()
            for _ in range(20 + attempt * 7):
                proc.stdout.readline()
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(10)
        left += len(list(tmp_path.glob(".s.toml.*.tmp")))
        tomllib.loads(path.read_text("utf-8"))       # never half a file
    for temp in tmp_path.glob(".s.toml.*.tmp"):
        os.utime(temp, (time.time() - 60, time.time() - 60))
    Assessment.open(mini, path, saver=SyncSaver()).close()
    assert list(tmp_path.glob(".s.toml.*.tmp")) == [], f"{left} left behind before the open"


# ---------------------------------------------------------------- 7: a full disk while opening


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_while_opening_is_one_line_and_leaves_no_lock(hostile, tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse every write (EFBIG), as a full disk refuses them."""
    path = tmp_path / "mine.toml"
    path.write_bytes(hostile.good.read_bytes())
    for face in (["--plain"], []):
        code, out, err = zwgk(["assess", hostile.mini, *face, "--scores", path], tmp_path / "data", b"q\n",
                              preexec=_file_size_limit(0))
        assert code == 2 and err.count("\n") == 1 and "无法建立锁文件" in err and "--read-only" in err, (out, err)
        assert not (tmp_path / "mine.toml.lock").exists() and path.read_bytes() == hostile.good.read_bytes()
    code, out, err = zwgk(["assess", hostile.mini, "--plain", "--scores", path, "--read-only"], tmp_path / "data",
                          b"q\n", preexec=_file_size_limit(0))
    assert code == 0, err


@pytest.fixture
def full_disk(tmp_path):
    """A real file system with no room left: a 256 KB tmpfs, filled (root only, where the
    kernel allows the mount; skipped otherwise — the RLIMIT_FSIZE test covers every machine)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                                          capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_really_full_disk_while_opening(hostile, tmp_path, full_disk):
    path = full_disk / "mine.toml"
    path.write_bytes(hostile.good.read_bytes())
    with contextlib.suppress(OSError), (full_disk / "filler").open("wb") as filler:
        while True:
            filler.write(b"\0" * 4096)
            filler.flush()
    code, out, err = zwgk(["assess", hostile.mini, "--plain", "--scores", path], tmp_path / "data", b"q\n")
    assert code == 2 and err.count("\n") == 1 and "磁盘已满" in err, (out, err)
    assert not (full_disk / "mine.toml.lock").exists()


# ---------------------------------------------------------------- 13: a failed save at exit


def test_a_failed_save_at_exit_promises_no_retry(hostile, tmp_path):
    path = tmp_path / "mine.toml"
    code, _, err = zwgk(["assess", hostile.mini, "--plain", "--unit", "某县", "--scores", path], tmp_path / "data",
                        b"q\n")
    assert code == 0, err
    limit = path.stat().st_size + 40
    code, out, _ = zwgk(["assess", hostile.mini, "--plain", "--scores", path], tmp_path / "data",
                        f"e {'很长的佐证' * 20}\n".encode(), preexec=_file_size_limit(limit))
    assert "已记录但未保存" in out                      # while it runs, the retry is real
    last = out.strip().splitlines()[-1]
    assert code == 1 and "最后的修改没有写入文件" in last and "重试" not in last and "下一次" not in last


# ---------------------------------------------------------------- 9: the terminal is gone


def test_the_full_screen_ends_saving_within_2_s_when_its_terminal_is_gone(hostile, tmp_path):
    """The terminal closes without a SIGHUP (it is not the controlling terminal): the input
    thread would spin on end of file for ever holding the lock. It must end, saved."""
    path = tmp_path / "mine.toml"
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**child_env(tmp_path / "data"), "TERM": "xterm-256color"}
    proc = subprocess.Popen([str(ZWGK), "assess", hostile.mini, "--unit", "某县", "--scores", str(path)],
                            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        seen = b""
        deadline = time.monotonic() + 30
        while b"1.1" not in seen and time.monotonic() < deadline:
            if select.select([master], [], [], 0.2)[0]:
                seen += os.read(master, 65536)
        os.write(master, b"1")
        deadline = time.monotonic() + 10
        while not path.exists() or items(path).get("1.1", {}).get("status") != "met":
            assert time.monotonic() < deadline, "the answer was not saved"
            if select.select([master], [], [], 0.1)[0]:
                os.read(master, 65536)
        os.close(master)
        gone = time.monotonic()
        code = proc.wait(timeout=10)
        took = time.monotonic() - gone
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
    assert took < 2.0, f"still running {took:.1f} s after its terminal went"
    assert code == 128 + signal.SIGHUP
    assert items(path)["1.1"]["status"] == "met" and not (tmp_path / "mine.toml.lock").exists()
