"""The installed command with standard input from a pipe or a file, as a script or a screen
reader user would run it: answers, resume, the lock held by another process, SIGHUP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import tomllib
from pathlib import Path

import pytest

ZWGK = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "zwgk"

ANSWERS = "\n".join([
    "1",
    "e https://www.example.gov.cn/zwgk/1.html",
    "e",
    "示政办发〔2026〕9号",
    "c 已按要求公开。",
    "2 15分",
    "3",
    "不适用",
    "1",
    "s",
    "q",
]) + "\n"


def load(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def check_whole(path: Path) -> None:
    items = load(path)["items"]
    assert items["1.1"]["status"] == "met"
    assert items["1.2"]["status"] == "partial" and items["1.2"]["score"] == 15
    assert items["1.2"]["evidence"] == ["https://www.example.gov.cn/zwgk/1.html", "示政办发〔2026〕9号"]
    assert items["1.2"]["note"] == "已按要求公开。"
    assert items["2.1.1"]["status"] == "unmet"
    assert items["2.1.3"]["status"] == "na"
    assert items["2.u1"]["status"] == "met"


def test_whole_assessment_from_a_pipe(zwgk, mini_path, tmp_path):
    scores = tmp_path / "pipe.toml"
    done = zwgk("assess", str(mini_path), "--unit", "测试县政务公开办", "--assessor", "张三",
                "--plain", "--scores", str(scores), input=ANSWERS)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    check_whole(scores)
    out = done.stdout.decode()
    assert "第 1 项，共 5 项：1.1 实行重大决策预公开" in out
    assert "总分：" in out and "等次：" in out
    assert not (tmp_path / "pipe.toml.lock").exists()


def test_whole_assessment_from_a_file_and_the_default_path(zwgk, mini_path, tmp_path):
    answers = tmp_path / "answers.txt"
    answers.write_text(ANSWERS, encoding="utf-8")
    with answers.open("rb") as handle:
        done = subprocess.run(
            [str(ZWGK), "assess", str(mini_path), "--unit", "测试县", "--assessor", "张三", "--plain"],
            stdin=handle, capture_output=True, timeout=60,
        )
    assert done.returncode == 0, done.stderr.decode()
    path = Path(os.environ["ZWGK_DATA_DIR"]) / "scores" / "mini-2026--测试县.toml"
    check_whole(path)
    assert f"答案已保存在：{path}。" in done.stdout.decode()


def test_resume_across_two_runs_and_zwgk_plain_default(zwgk, mini_path, tmp_path):
    scores = tmp_path / "r.toml"
    args = ("assess", str(mini_path), "--unit", "县", "--scores", str(scores))
    first = zwgk(*args, "--plain", input="1\n2\n")  # ends at end of input, no q
    assert first.returncode == 0
    assert "输入已结束。" in first.stdout.decode()
    second = zwgk(*args, input="3\n4\n1\n", env={"ZWGK_PLAIN": "1"})
    assert second.returncode == 0, second.stderr.decode()
    out = second.stdout.decode()
    assert "从第一项未完成的条目继续：2.1.1。" in out
    items = load(scores)["items"]
    assert [items[i]["status"] for i in ("1.1", "1.2", "2.1.1", "2.1.3", "2.u1")] == [
        "met", "partial", "unmet", "na", "met",
    ]


def test_end_of_input_mid_command_through_the_command(zwgk, mini_path, tmp_path):
    scores = tmp_path / "eof.toml"
    done = zwgk("assess", str(mini_path), "--unit", "县", "--scores", str(scores), "--plain",
                input="1\ne")
    assert done.returncode == 0
    assert "输入已结束，佐证未添加。" in done.stdout.decode()
    assert load(scores)["items"]["1.1"]["status"] == "met"


def test_output_of_a_hostile_checklist_through_the_command(zwgk, hostile_checklist, tmp_path):
    done = zwgk("assess", str(hostile_checklist), "--unit", "县", "--plain",
                "--scores", str(tmp_path / "h.toml"), input="r\n\ns\n?\n/红色\n1\n1\ns\nq\n")
    assert done.returncode == 0, done.stderr.decode()
    data = done.stdout
    assert b"\x1b" not in data
    assert not [b for b in data if b < 0x20 and b != 0x0A]
    text = data.decode("utf-8")
    assert not set(text) & set("\u202e\u2066\u2069\u200f\u2028\u0085\u009b")
    assert "[bold]加粗[/bold]" in text


def test_a_score_file_that_does_not_parse(zwgk, mini_path, tmp_path):
    scores = tmp_path / "bad.toml"
    scores.write_bytes(b'format = "zwgk-scores"\nversion = 1\n[items\n')
    done = zwgk("assess", str(mini_path), "--unit", "县", "--scores", str(scores), "--plain",
                input="1\n")
    assert done.returncode == 2
    err = done.stderr.decode().strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{scores}:3"), err
    assert scores.read_bytes() == b'format = "zwgk-scores"\nversion = 1\n[items\n'


# ------------------------------------------------------------------ another process


@pytest.fixture
def holder(tmp_path):
    """A child process holding the score file's lock until it is told to stop."""
    procs = []

    def start(score_path: Path) -> subprocess.Popen:
        script = textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from zwgk_tui.model.assessment.lock import ScoreLock
            lock = ScoreLock(Path({str(score_path)!r})).acquire()
            print("held", flush=True)
            sys.stdin.readline()
            lock.release()
        """)
        proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        watchdog = threading.Timer(30, proc.kill)  # readline would wait forever on a hung child
        watchdog.start()
        try:
            assert proc.stdout.readline().strip() == "held"
        finally:
            watchdog.cancel()
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.stdin.close()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def test_lock_held_by_another_process_opens_read_only_on_y(zwgk, holder, mini_path, tmp_path):
    scores = tmp_path / "locked.toml"
    args = ("assess", str(mini_path), "--unit", "县", "--scores", str(scores), "--plain")
    assert zwgk(*args, input="1\nq\n").returncode == 0
    before = scores.read_bytes()
    child = holder(scores)
    done = zwgk(*args, input="y\n2\ne 甲\ns\nq\n")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert f"（进程 {child.pid}，自 " in out and "编辑：" in out
    assert "是否只读打开？输入 y 只读打开，输入 n 不打开：" in out
    assert "只读打开：可以查看，不能修改。" in out
    assert out.count("错误：只读打开：不能修改") == 2
    assert "已评 1 项，共 5 项" in out
    assert scores.read_bytes() == before
    assert (tmp_path / "locked.toml.lock").exists()  # still the child's


def test_lock_held_and_the_answer_is_no_or_end_of_input(zwgk, holder, mini_path, tmp_path):
    scores = tmp_path / "locked.toml"
    args = ("assess", str(mini_path), "--unit", "县", "--scores", str(scores), "--plain")
    zwgk(*args, input="q\n")
    holder(scores)
    for answer in ("n\n", "", "也许\nn\n"):
        done = zwgk(*args, input=answer)
        assert done.returncode == 1
        assert "没有打开评估记录。" in done.stdout.decode()
    assert "请输入 y 或 n。" in done.stdout.decode()


def read_until(proc: subprocess.Popen, marker: str, timeout: float = 30) -> str:
    """Lines up to ``marker``; a child silent for ``timeout`` is killed (readline would wait
    for it forever), which ends the read."""
    seen = []
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    try:
        while True:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line.decode("utf-8"))
            if marker in seen[-1]:
                return "".join(seen)
    finally:
        watchdog.cancel()
    raise AssertionError(f"{marker!r} not seen in {''.join(seen)!r}")


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_hangup_or_terminate_leaves_the_file_complete_and_unlocked(mini_path, tmp_path, signum):
    scores = tmp_path / "hup.toml"
    proc = subprocess.Popen(
        [str(ZWGK), "assess", str(mini_path), "--unit", "县", "--scores", str(scores), "--plain"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        read_until(proc, "1.1 请输入：")
        proc.stdin.write("1\n2 12分\ne 甲\nc 乙\n".encode())
        proc.stdin.flush()
        read_until(proc, "已保存：2.1.1 说明：乙")
        assert (tmp_path / "hup.toml.lock").exists()
        proc.send_signal(signum)
        proc.wait(20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum
    items = load(scores)["items"]
    assert items["1.1"]["status"] == "met"
    assert items["1.2"]["status"] == "partial" and items["1.2"]["score"] == 12
    assert items["2.1.1"]["evidence"] == ["甲"] and items["2.1.1"]["note"] == "乙"
    assert not (tmp_path / "hup.toml.lock").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# ------------------------------------------------------------------ the plain start


def test_bare_plain_start_creates_then_resumes(zwgk, mini_path, tmp_path):
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "mini.toml").write_bytes(mini_path.read_bytes())
    done = zwgk("--plain", "--checklists", str(folder), input="")
    listing = done.stdout.decode()
    assert done.returncode == 0
    assert "还没有评估记录。" in listing
    number = next(line.split("：")[0].split()[1] for line in listing.splitlines()
                  if "（2026 年，mini-2026）" in line)
    done = zwgk("--plain", "--checklists", str(folder),
                input=f"{number}\n\n测试县政务公开办\n张三\n1\n2\nq\n")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert "单位名称不能为空。" in out
    path = Path(os.environ["ZWGK_DATA_DIR"]) / "scores" / "mini-2026--测试县政务公开办.toml"
    doc = load(path)
    assert doc["unit"] == "测试县政务公开办" and doc["assessor"] == "张三"
    assert doc["items"]["1.2"]["status"] == "partial"
    done = zwgk("--plain", "--checklists", str(folder), input="9\n1\n3\nq\n", env={"ZWGK_PLAIN": "1"})
    out = done.stdout.decode()
    assert "编号 1：继续评估 测试县政务公开办，清单 mini-2026，已评 2 项，共 5 项" in out
    assert "错误：没有编号 9" in out
    assert "从第一项未完成的条目继续：2.1.1。" in out
    assert load(path)["items"]["2.1.1"]["status"] == "unmet"


# ------------------------------------------------------------------ a real terminal


def test_in_a_terminal_lines_follow_its_width_and_ctrl_c_ends_saved(mini_path, tmp_path):
    import fcntl
    import pty
    import select
    import struct
    import termios

    from zwgk_tui.textsafe import width

    scores = tmp_path / "tty.toml"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command in a 40-column terminal
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        os.execve(str(ZWGK), ["zwgk", "assess", str(mini_path), "--unit", "县", "--plain",
                              "--scores", str(scores)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))

    def read_until(marker: str | None, timeout: float = 30) -> str:
        """Output up to ``marker``, or to the end (None)."""
        seen = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if marker is not None and marker.encode() in seen:
                    return seen.decode("utf-8")
        if marker is None:
            return seen.decode("utf-8")
        raise AssertionError(f"{marker!r} not in {seen.decode('utf-8', 'replace')!r}")

    try:
        first = read_until("1.1 请输入：")
        assert first.endswith("1.1 请输入：")  # the answer is typed on the prompt's line
        os.write(fd, b"2\r")
        read_until("1.2 请输入：")
        os.write(fd, b"\x03")
        last = read_until(None)
    finally:
        status = _reap(pid)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 130
    unwrapped = last.replace("\r\n  ", "")
    assert "已中断。答案已保存。" in unwrapped and "下次用同样的命令继续。" in unwrapped
    lines = (first + last).replace("\r\n", "\n").split("\n")
    assert max(width(line) for line in lines) <= 40
    assert any(line.startswith("  ") for line in lines)
    assert load(scores)["items"]["1.1"]["status"] == "partial"
    assert not (tmp_path / "tty.toml.lock").exists()


# ------------------------------------------------------------------ the bundled checklists


@pytest.mark.parametrize("checklist_id", ["2017-qinghai", "2019-guowuyuan", "2021-liaocheng",
                                          "2017-harbin", "2018-xiaozhoushan"])
def test_a_whole_bundled_checklist_by_id(zwgk, tmp_path, checklist_id, assert_plain):
    """Every leaf answered through the command, with evidence and a comment on each."""
    from zwgk_tui.model.checklist import catalog

    checklist = catalog.resolve(checklist_id)
    lines = []
    for n, leaf in enumerate(checklist.leaves):
        lines += [f"e 证据-{leaf.id}", f"c 说明-{leaf.id}"]
        status = "1234"[n % 4]
        if status in "23" and leaf.points:
            lines.append(f"{status} {leaf.points / 2:g}分")
        else:
            lines.append(status)
    scores = tmp_path / f"{checklist_id}.toml"
    done = zwgk("assess", checklist_id, "--unit", "测试县政务公开办", "--assessor", "张三", "--plain",
                "--scores", str(scores), input="\n".join([*lines, "s", "q"]) + "\n")
    assert done.returncode == 0, done.stderr.decode()
    assert_plain(done.stdout)
    out = done.stdout.decode()
    assert f"全部 {len(checklist.leaves)} 项都已评估" in out
    assert "未评条目：没有" in out
    items = load(scores)["items"]
    assert set(items) == {leaf.id for leaf in checklist.leaves}
    for n, leaf in enumerate(checklist.leaves):
        answer = items[leaf.id]
        assert answer["status"] == ("met", "partial", "unmet", "na")[n % 4]
        assert answer["evidence"] == [f"证据-{leaf.id}"]
        assert answer["note"] == f"说明-{leaf.id}"
        if n % 4 in (1, 2) and leaf.points:
            assert answer["score"] == leaf.points / 2
        else:
            assert "score" not in answer


def _reap(pid: int, timeout: float = 20) -> int:
    """The child's wait status; a child still running after ``timeout`` (it missed its ^C)
    is killed, so that no run can wait on it forever."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)  # after SIGKILL the child is gone at once
    return status

