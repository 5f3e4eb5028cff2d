"""The full-screen face over a real SSH connection: tmux runs ``ssh -tt`` to the loopback sshd,
the keys go through ssh, and the test reads the screen and the score file.

Also what an SSH login brings with it: COLORTERM is not forwarded (the app must look right
at 256 colours), a dropped link (SIGHUP to the remote zwgk), and a second login to a file
that is being edited.
"""

from __future__ import annotations

import getpass
import json
import os
import shlex
import signal
import socket
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHECKLIST = "2019-guowuyuan"
LEAVES = 19


def remote_assess(remote_env, data: Path, zwgk_bin: Path, scores: Path, *options: str,
                  probe: Path | None = None) -> str:
    """The remote command line: as an admin's login script would, ``exec`` the program."""
    env_probe = f'echo "$TERM ${{COLORTERM-unset}}" > {shlex.quote(str(probe))}; ' if probe else ""
    return (remote_env(data) + " " + env_probe
            + f"exec {zwgk_bin} assess {CHECKLIST} --unit 远程县政务公开办 --assessor 王五 "
            + f"--scores {shlex.quote(str(scores))} " + " ".join(options))


def lock_of(scores: Path) -> Path:
    return scores.with_name(scores.name + ".lock")


def lock_holder(scores: Path) -> dict:
    try:
        return json.loads(lock_of(scores).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_assess_over_ssh_at_256_colours_without_colorterm(tmux, sshd, tmp_path, zwgk_bin, remote_env,
                                                         saved_items, sgr):
    data, scores, probe, record = (tmp_path / "data", tmp_path / "远程.toml", tmp_path / "env.txt",
                                   tmp_path / "output.bin")
    # the officer's own terminal has truecolor; ssh does not pass COLORTERM on
    tmux.start(sshd.command(remote_assess(remote_env, data, zwgk_bin, scores, probe=probe)),
               env={"COLORTERM": "truecolor"}, record=record)
    screen = tmux.wait_for_all("远程县政务公开办", f"已评 0/{LEAVES}", "已保存", "? 帮助", "q 退出")
    assert probe.read_text().split() == ["xterm-256color", "unset"]
    assert "▶   ○ 1.1 深入解讀重要政策措施" in screen

    tmux.keys("1")
    tmux.wait_for(f"已评 1/{LEAVES}")
    tmux.keys("n")
    tmux.wait_for("▶   ○ 1.2")
    tmux.keys("2")
    screen = tmux.wait_for(f"已评 2/{LEAVES}")
    assert "✔ 1.1 深入解讀重要政策措施" in screen and "◐ 1.2 積極回應社會關切" in screen
    saved_items(scores, {"1.1": {"status": "met"}, "1.2": {"status": "partial"}})
    tmux.keys("e")
    tmux.wait_for("添加佐证")
    tmux.type("远程〔2019〕7号")
    tmux.keys("Enter")
    tmux.wait_for("1. 远程〔2019〕7号")
    tmux.keys("Escape")
    tmux.wait_for("佐证 1 条")
    tmux.keys("c")
    tmux.wait_for("Ctrl+S 保存")
    tmux.type("经 SSH 填写的说明")
    tmux.wait_for("经 SSH 填写的说明")
    tmux.keys("C-s")
    tmux.wait_for("说明 有")
    saved_items(scores, {"1.2": {"status": "partial", "evidence": ["远程〔2019〕7号"], "note": "经 SSH 填写的说明"}})
    tmux.keys("q")
    tmux.wait_gone()  # ssh ends with the remote program

    colours = sgr(record.read_bytes())["colours"]
    assert any(kind == "256" for kind, *_ in colours), "no 256-colour output"
    assert not any(kind == "rgb" for kind, *_ in colours), "truecolor sent to a 256-colour terminal"
    assert not lock_of(scores).exists()
    doc = tomllib.loads(scores.read_text(encoding="utf-8"))
    assert doc["unit"] == "远程县政务公开办" and doc["assessor"] == "王五"
    assert set(doc["items"]) == {"1.1", "1.2"}


@pytest.mark.parametrize("drop", ["kill -9 the ssh client", "close the terminal"])
def test_ssh_drop_keeps_every_answer_and_releases_the_lock(tmux, sshd, tmp_path, zwgk_bin, remote_env,
                                                           wait, drop):
    data, scores = tmp_path / "data", tmp_path / "断线.toml"
    tmux.start(sshd.command(remote_assess(remote_env, data, zwgk_bin, scores)))
    tmux.wait_for(f"已评 0/{LEAVES}")
    holder = wait(lambda: lock_holder(scores), 10, "the lock file")
    remote_pid = holder["pid"]
    assert running(remote_pid)

    tmux.keys("1")
    tmux.wait_for(f"已评 1/{LEAVES}")
    tmux.keys("n", "3")
    tmux.wait_for(f"已评 2/{LEAVES}")
    tmux.keys("e")
    tmux.wait_for("添加佐证")
    tmux.type("断线前〔2019〕1号")
    tmux.keys("Enter")
    tmux.wait_for("1. 断线前〔2019〕1号")
    tmux.keys("Escape")
    tmux.wait_for("佐证 1 条")
    tmux.keys("c")
    tmux.wait_for("Ctrl+S 保存")
    tmux.type("最后一条修改")
    tmux.wait_for("最后一条修改")
    tmux.keys("C-s")
    tmux.wait_for("说明 有")  # on screen: now the link goes, without waiting for the file

    if drop == "kill -9 the ssh client":
        os.kill(tmux.pane_pid(), signal.SIGKILL)
    else:
        tmux.kill_session()  # the terminal window closes: ssh gets SIGHUP
    wait(lambda: not running(remote_pid), 10, f"the remote zwgk (pid {remote_pid}) to end")

    assert not lock_of(scores).exists()
    items = tomllib.loads(scores.read_text(encoding="utf-8"))["items"]
    assert items["1.1"]["status"] == "met"
    assert items["1.2"]["status"] == "unmet"
    assert items["1.2"]["evidence"] == ["断线前〔2019〕1号"]
    assert items["1.2"]["note"] == "最后一条修改"
    assert not list(scores.parent.glob(f".{scores.name}.*.tmp"))  # no half-written temp file left


def test_second_login_is_told_who_holds_the_file_and_may_read_it(tmux, another_tmux, sshd, tmp_path,
                                                                 zwgk_bin, remote_env, wait, saved_items):
    data, scores = tmp_path / "data", tmp_path / "共用.toml"
    command = sshd.command(remote_assess(remote_env, data, zwgk_bin, scores))
    tmux.start(command)
    tmux.wait_for(f"已评 0/{LEAVES}")
    holder = wait(lambda: lock_holder(scores), 10, "the lock file")
    tmux.keys("1")
    tmux.wait_for(f"已评 1/{LEAVES}")
    saved_items(scores, {"1.1": {"status": "met"}})

    second = another_tmux
    second.start(command)
    screen = second.wait_for_all("这份评估记录正在别处编辑", "只读打开")
    who = f"{getpass.getuser()}@{socket.gethostname()}（进程 {holder['pid']}"
    assert who == f"{holder['user']}@{holder['host']}（进程 {holder['pid']}"
    assert who in screen, screen
    before = scores.read_bytes()

    second.keys("r")
    screen = second.wait_for_all(" 只读 ", f"已评 1/{LEAVES}")
    assert "✔ 1.1 深入解讀重要政策措施" in screen
    second.keys("2")
    second.wait_for("只读")
    second.keys("e")
    second.wait_for("还没有佐证。")  # read-only: the list, nothing to type into
    second.keys("Escape")
    second.wait_until_absent("佐证材料")
    second.keys("q")
    second.wait_gone()
    assert scores.read_bytes() == before
    assert lock_holder(scores) == holder  # the first login still holds it

    # the first login goes on as before
    tmux.keys("n", "2")
    tmux.wait_for(f"已评 2/{LEAVES}")
    saved_items(scores, {"1.1": {"status": "met"}, "1.2": {"status": "partial"}})
    tmux.keys("q")
    tmux.wait_gone()
    assert not lock_of(scores).exists()
