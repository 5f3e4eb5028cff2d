"""Nothing lost, ever: kill -9, SIGHUP, a full disk, a read-only folder, two processes.

These tests use real processes and real files: a child (``child.py``) opens a session and
acknowledges each change once its save returned, and the parent checks the disk.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment import saver as saver_module
from zwgk_tui.model.assessment.lock import LockHeld, lock_path
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import load_checklist

CHILD = Path(__file__).with_name("child.py")


class Child:
    def __init__(self, checklist: Path, scores: Path, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(checklist), str(scores), *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8",
        )

    def send(self, line: str) -> str:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.read()

    def read(self) -> str:
        assert self.proc.stdout
        watchdog = threading.Timer(30, self.proc.kill)  # a hung child must not hold the run
        watchdog.start()
        try:
            line = self.proc.stdout.readline()
        finally:
            watchdog.cancel()
        if not line:
            raise AssertionError("child ended: " + (self.proc.stderr.read() if self.proc.stderr else ""))
        return line.strip()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


@pytest.fixture
def mini(mini_path):
    return load_checklist(mini_path)


def test_every_change_is_on_disk_at_once_and_private(tmp_path, mini):
    path = tmp_path / "data" / "s.toml"
    session = Assessment.open(mini, path, unit="示例县", assessor="张三")
    assert on_disk(path)["unit"] == "示例县"
    session.set_status("1.1", "met")
    assert on_disk(path)["items"]["1.1"]["status"] == "met"
    session.set_note("1.1", "已公开")
    session.add_evidence("1.1", "国办发〔2019〕14号")
    session.set_score("1.2", 15)
    doc = on_disk(path)
    assert doc["items"]["1.1"]["note"] == "已公开"
    assert doc["items"]["1.1"]["evidence"] == ["国办发〔2019〕14号"]
    assert doc["items"]["1.2"]["score"] == 15
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert oct(lock_path(path).stat().st_mode & 0o777) == "0o600"
    session.close()
    assert not lock_path(path).exists()


def test_resume_picks_up_every_answer(tmp_path, mini):
    path = tmp_path / "s.toml"
    first = Assessment.open(mini, path, unit="示例县", assessor="张三")
    for item_id, status in (("1.1", "met"), ("1.2", "partial"), ("2.1.1", "na")):
        first.set_status(item_id, status)
    first.set_note("2.1.1", "本县无此项工作")
    first.close()
    again = Assessment.open(mini, path)
    assert {k: a.status for k, a in again.scores.items.items()} == {"1.1": "met", "1.2": "partial", "2.1.1": "na"}
    assert again.scores.items["2.1.1"].note == "本县无此项工作"
    assert again.totals().answered == 3
    again.close()


def test_a_file_that_does_not_parse_is_never_overwritten(tmp_path, mini):
    path = tmp_path / "s.toml"
    garbage = b'format = "zwgk-scores"\nversion = 1\nunit = \n\xe5\x8d\x95'
    path.write_bytes(garbage)
    with pytest.raises(ZwgkError) as raised:
        Assessment.open(mini, path, unit="x")
    assert raised.value.line == 3
    assert path.read_bytes() == garbage
    assert not lock_path(path).exists()


def test_kill_9_in_a_loop_of_saves_never_loses_an_acknowledged_answer(tmp_path, mini_path):
    path = tmp_path / "s.toml"
    rng = random.Random(7)
    for _round in range(12):
        child = Child(mini_path, path)
        assert child.read().startswith("ready")
        child.proc.stdin.write("loop 100000\n")
        child.proc.stdin.flush()
        acknowledged = -1
        wanted = rng.randint(1, 60)
        while acknowledged < wanted:
            acknowledged = int(child.read().split()[1])
        os.kill(child.proc.pid, signal.SIGKILL)
        child.stop()
        doc = on_disk(path)  # always parses
        notes = {k: v.get("note", "") for k, v in doc["items"].items()}
        leaves = [leaf.id for leaf in load_checklist(mini_path).leaves]
        # the last acknowledged note of every leaf is on disk (or a later one)
        for i in range(max(acknowledged - len(leaves) + 1, 0), acknowledged + 1):
            written = int(notes[leaves[i % len(leaves)]][1:-1])
            assert written >= i
        leftovers = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        for p in leftovers:  # a killed write may leave its temp file, never a broken target
            p.unlink()


def test_sighup_flushes_and_releases_the_lock(tmp_path, mini_path):
    path = tmp_path / "s.toml"
    child = Child(mini_path, path, "--thread", "--signals")
    assert child.read().startswith("ready")
    for item_id in ("1.1", "1.2", "2.1.1", "2.1.3"):
        assert child.send(f"status {item_id} met").startswith("ok")
    child.proc.stdin.write("note 2.u1 挂断前最后一条\n")
    child.proc.stdin.flush()
    child.read()
    child.proc.send_signal(signal.SIGHUP)
    assert child.proc.wait(10) == 128 + signal.SIGHUP
    doc = on_disk(path)
    assert doc["items"]["2.u1"]["note"] == "挂断前最后一条"
    assert all(doc["items"][i]["status"] == "met" for i in ("1.1", "1.2", "2.1.1", "2.1.3"))
    assert not lock_path(path).exists()


def test_second_session_is_told_who_holds_it_and_can_read(tmp_path, mini, mini_path):
    path = tmp_path / "s.toml"
    holder = Child(mini_path, path)
    ready = holder.read().split()
    holder.send("status 1.1 met")
    try:
        with pytest.raises(LockHeld) as raised:
            Assessment.open(mini, path, unit="x")
        info = raised.value.info
        assert info is not None and info.pid == int(ready[1])
        assert info.host and info.user and info.since
        assert str(info.pid) in info.describe()
        viewer = Assessment.open(mini, path, read_only=True)
        assert viewer.answer("1.1").status == "met"
        with pytest.raises(ZwgkError, match="只读"):
            viewer.set_status("1.2", "met")
        viewer.close()
    finally:
        holder.stop()


def test_stale_lock_from_a_dead_process_is_taken_over(tmp_path, mini, mini_path):
    path = tmp_path / "s.toml"
    holder = Child(mini_path, path)
    pid = int(holder.read().split()[1])
    holder.send("status 1.1 met")
    os.kill(pid, signal.SIGKILL)
    holder.stop()
    assert lock_path(path).exists()  # kill -9: nobody removed it
    session = Assessment.open(mini, path)
    assert session.took_over is not None and session.took_over.pid == pid
    assert session.answer("1.1").status == "met"
    session.close()


def test_full_disk_in_process_keeps_answers_and_retries(tmp_path, mini, monkeypatch):
    path = tmp_path / "s.toml"
    session = Assessment.open(mini, path, unit="示例县")
    session.set_status("1.1", "met")
    before = path.read_bytes()
    real = saver_module.atomic_write

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saver_module, "atomic_write", full)
    session.set_status("1.2", "unmet")
    assert not session.state.ok and "磁盘已满" in session.state.error
    assert session.answer("1.2").status == "unmet"       # still in memory
    assert path.read_bytes() == before                    # old file intact, parseable
    monkeypatch.setattr(saver_module, "atomic_write", real)
    session.set_note("1.1", "磁盘清理后")                  # the next change retries everything
    assert session.state.ok
    doc = on_disk(path)
    assert doc["items"]["1.2"]["status"] == "unmet" and doc["items"]["1.1"]["note"] == "磁盘清理后"
    session.close()


def test_full_disk_for_real_with_a_file_size_limit(tmp_path, mini_path):
    """RLIMIT_FSIZE makes the kernel refuse the write (EFBIG), as a full disk would."""
    path = tmp_path / "s.toml"
    child = Child(mini_path, path, "--fsize", "6000")
    assert child.read().startswith("ready")
    assert child.send("status 1.1 met") == "ok True"
    reply = child.send("note 1.2 " + "很长的备注" * 600)  # ~9 KB: over the limit
    assert reply.startswith("ok False") and "文件超出允许的大小" in reply
    assert child.send("note 1.2 短备注") == "ok True"   # retried, fits again
    child.send("close")
    child.stop()
    doc = on_disk(path)
    assert doc["items"]["1.1"]["status"] == "met" and doc["items"]["1.2"]["note"] == "短备注"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_read_only_folder_tells_the_user_and_retries(tmp_path, mini_path):
    folder = tmp_path / "scores"
    folder.mkdir()
    path = folder / "s.toml"
    extra = _as_nobody_if_root(tmp_path)
    if extra:
        os.chown(folder, 65534, 65534)
    child = Child(mini_path, path, *extra)
    try:
        assert child.read().startswith("ready"), "child could not open"
        assert child.send("status 1.1 met") == "ok True"
        os.chmod(folder, 0o555)
        reply = child.send("status 1.2 partial")
        assert reply == "ok False"
        assert "没有写入权限" in child.send("state")
        assert on_disk(path)["items"].get("1.2") is None
        os.chmod(folder, 0o755)
        assert child.send("note 1.1 恢复写入") == "ok True"
        doc = on_disk(path)
        assert doc["items"]["1.2"]["status"] == "partial"
        child.send("close")
    finally:
        os.chmod(folder, 0o755)
        child.stop()


def _as_nobody_if_root(tmp_path: Path) -> list[str]:
    """Root ignores permissions: let the child drop to nobody, and let nobody reach tmp_path."""
    if os.geteuid() != 0:
        return []
    os.chmod(tmp_path, 0o755)
    for parent in tmp_path.parents:
        if parent == Path("/"):
            break
        os.chmod(parent, os.stat(parent).st_mode | 0o005)
    return ["--user", "65534"]


def test_opening_in_an_unwritable_folder_suggests_read_only(tmp_path, mini_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o555)
    child = Child(mini_path, folder / "s.toml", *_as_nobody_if_root(tmp_path))
    try:
        reply = child.read()
        assert reply.startswith("error ") and "--read-only" in reply and "没有写入权限" in reply
        assert not (folder / "s.toml").exists()
    finally:
        os.chmod(folder, 0o755)
        child.stop()


def test_checklist_edited_under_an_assessment(tmp_path, mini_copy):
    path = tmp_path / "s.toml"
    session = Assessment.open(load_checklist(mini_copy), path, unit="示例县")
    session.set_status("1.1", "met")
    session.set_status("1.2", "partial")
    session.set_note("1.2", "执行公开的备注")
    session.set_status("2.1.1", "met")
    session.set_status("2.1.3", "unmet")
    session.close()
    text = mini_copy.read_text("utf-8")
    text = text.replace('id = "1.2"', 'id = "1.3"')                          # renumbered
    text = text.replace("政府网站每周至少更新1次。", "政府网站每周至少更新2次。")  # reworded
    text = text.replace('id = "2.1.3"\ntitle = "开展季度抽查"\ntext = "开展季度抽查，年底前公开抽查结果。"',
                        'id = "2.1.3"\ntitle = "开展月度抽查"\ntext = "每月开展抽查。"')  # replaced
    mini_copy.write_text(text, "utf-8")
    edited = load_checklist(mini_copy)
    again = Assessment.open(edited, path)
    plan = again.drift
    assert plan is not None
    assert plan.moved == [("1.2", "1.3")]
    assert plan.reworded == ["2.1.1", "2.1.3"]
    assert plan.orphaned == []
    assert any("1.2 → 1.3" in line for line in plan.lines())
    assert on_disk(path)["checklist_sha256"] != edited.sha256  # nothing applied until accepted
    again.accept_drift()
    assert again.answer("1.3").note == "执行公开的备注"
    assert again.reworded("2.1.1") and not again.reworded("1.1")
    doc = on_disk(path)
    assert doc["checklist_sha256"] == edited.sha256
    assert set(doc["items"]) == {"1.1", "1.3", "2.1.1", "2.1.3"}
    again.close()


def test_answers_without_a_home_are_kept_as_orphans(tmp_path, mini_copy):
    path = tmp_path / "s.toml"
    session = Assessment.open(load_checklist(mini_copy), path, unit="示例县")
    session.set_status("1.2", "met")
    session.set_note("1.2", "将被删除的条目")
    session.close()
    text = mini_copy.read_text("utf-8")
    start = text.index('[[sections.items]]\nid = "1.2"')
    end = text.index("[[sections]]", start)
    mini_copy.write_text(text[:start] + text[end:], "utf-8")
    again = Assessment.open(load_checklist(mini_copy), path)
    assert again.drift is not None and again.drift.orphaned == ["1.2"]
    again.accept_drift()
    again.close()
    doc = on_disk(path)
    assert "1.2" not in doc["items"]
    assert doc["orphans"]["1.2"]["note"] == "将被删除的条目"


def test_evidence_naming_a_local_file_records_hash_and_size(tmp_path, mini):
    import hashlib

    evidence = tmp_path / "公开目录.pdf"
    evidence.write_bytes(b"%PDF-1.4 example" * 100)
    session = Assessment.open(mini, tmp_path / "s.toml", unit="示例县")
    session.add_evidence("1.1", str(evidence))
    session.add_evidence("1.1", "https://example.gov.cn/gk")
    session.close()
    doc = on_disk(tmp_path / "s.toml")
    files = doc["items"]["1.1"]["files"]
    assert files == [{
        "path": str(evidence.resolve()),
        "sha256": hashlib.sha256(evidence.read_bytes()).hexdigest(),
        "size": 1600,
    }]


def test_symlinked_score_file_is_refused(tmp_path, mini):
    real = tmp_path / "elsewhere.toml"
    real.write_text("x = 1\n")
    link = tmp_path / "s.toml"
    link.symlink_to(real)
    with pytest.raises(ZwgkError, match="符号链接"):
        Assessment.open(mini, link, unit="x")
    assert real.read_text() == "x = 1\n"


def test_thread_saver_is_quick_and_does_not_block(tmp_path):
    from zwgk_tui.model.assessment.saver import ThreadSaver
    from zwgk_tui.model.assessment.synthetic import write_checklist

    checklist = load_checklist(write_checklist(tmp_path / "big.toml", 2000))
    session = Assessment.open(checklist, tmp_path / "s.toml", unit="大清单", saver=ThreadSaver())
    for leaf in checklist.leaves:
        session.scores.answer(leaf.id).status = "met"
    started = time.perf_counter()
    for leaf in checklist.leaves[:50]:
        session.set_note(leaf.id, "备注")
    elapsed = (time.perf_counter() - started) / 50
    session.close()
    assert on_disk(tmp_path / "s.toml")["items"][checklist.leaves[49].id]["note"] == "备注"
    # not a timing test: the figure is measured in benchmarks/; this only catches a
    # pathological regression (a save that takes a large fraction of a second)
    assert elapsed < 0.25
    shutil.rmtree(tmp_path / "big.toml", ignore_errors=True)


def test_typed_text_is_stored_without_escape_sequences_or_bidi_overrides(tmp_path, mini):
    session = Assessment.open(mini, tmp_path / "s.toml", unit="示例县")
    session.set_note("1.1", "第一行\x1b[31m红色\x1b[0m\n第二行\u202e反向\x07")
    session.add_evidence("1.1", "\x1b]0;title\x07国办发〔2019〕14号")
    session.close()
    item = on_disk(tmp_path / "s.toml")["items"]["1.1"]
    assert item["note"] == "第一行红色\n第二行反向"
    assert item["evidence"] == ["国办发〔2019〕14号"]


def test_every_folder_the_app_creates_is_private(tmp_path, mini, monkeypatch):
    from zwgk_tui.model.paths import default_score_path

    monkeypatch.setenv("ZWGK_DATA_DIR", str(tmp_path / "share" / "zwgk-tui"))
    old = os.umask(0o022)
    try:
        session = Assessment.open(mini, default_score_path(mini.id, "示例县"), unit="示例县")
        session.close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "share", tmp_path / "share" / "zwgk-tui", tmp_path / "share" / "zwgk-tui" / "scores"):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder
