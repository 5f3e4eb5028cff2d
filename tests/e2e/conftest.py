"""End-to-end fixtures: the installed ``zwgk`` in a real tmux terminal, and over a real SSH
connection to a loopback ``sshd`` started by the test.

tmux and sshd come from Debian (``.ci/run`` installs them). Without them these tests are
skipped, except where ``ZWGK_E2E=require`` (set by CI) turns a missing tool into a failure.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ZWGK = Path(sys.executable).with_name("zwgk")
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


def need(tool: str, found: bool) -> None:
    if found:
        return
    message = f"{tool} is not installed (apt-get install tmux openssh-server openssh-client)"
    if os.environ.get("ZWGK_E2E") == "require":
        pytest.fail(message)
    pytest.skip(message)


class Tmux:
    """One tmux server on its own socket, with a test-friendly config."""

    def __init__(self, folder: Path) -> None:
        self.socket = folder / "tmux.sock"
        self.config = folder / "tmux.conf"
        # no status line (the app gets the whole 80×24), a short escape-time so that a bare
        # Escape is not held back for 500 ms, and a 256-colour terminal
        self.config.write_text(
            "set -g status off\nset -sg escape-time 10\nset -g default-terminal xterm-256color\n"
            "set -g history-limit 0\n"
        )

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", str(self.config), *args],
            capture_output=True, text=True, check=check,
        )

    def start(self, command: str, *, width: int = 80, height: int = 24, env: dict | None = None) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        shell = f"export {exports}; exec {command}" if exports else f"exec {command}"
        self.run("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t", "sh", "-c", shell)

    def keys(self, *keys: str, literal: bool = False) -> None:
        for key in keys:
            self.run("send-keys", "-t", "t", *(["-l"] if literal else []), key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "t", check=False).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; screen was:\n{screen}")

    def alive(self) -> bool:
        return self.run("has-session", "-t", "t", check=False).returncode == 0

    def wait_gone(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.alive():
            time.sleep(0.1)
        assert not self.alive(), "the program in tmux did not end"

    def kill(self) -> None:
        self.run("kill-server", check=False)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    need("tmux", shutil.which("tmux") is not None)
    session = Tmux(tmp_path)
    yield session
    session.kill()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sshd:
    """A private sshd on a free loopback port with its own host key and authorized_keys."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.client_key = folder / "client_key"
        host_key = folder / "host_key"
        for key in (host_key, self.client_key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        authorized = folder / "authorized_keys"
        authorized.write_text(self.client_key.with_suffix(".pub").read_text())
        os.chmod(authorized, 0o600)
        config = folder / "sshd_config"
        config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
            f"AuthorizedKeysFile {authorized}\nPidFile {folder / 'sshd.pid'}\n"
            "StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "PermitRootLogin prohibit-password\nPrintMotd no\nPrintLastLog no\nAcceptEnv LANG LC_*\n"
            "ClientAliveInterval 0\n"
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        with open(folder / "sshd.log", "wb") as log:  # the child keeps its own copy
            self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("sshd did not start: " + (folder / "sshd.log").read_text())

    def command(self, remote: str, *, tty: bool = True) -> str:
        """The ssh client command line that runs ``remote`` on the loopback server."""
        options = [
            "ssh", *(["-tt"] if tty else ["-T"]), "-p", str(self.port), "-i", str(self.client_key),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "127.0.0.1", remote,
        ]
        return " ".join(shlex.quote(part) for part in options)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    need("sshd", Path(SSHD).exists() and shutil.which("ssh") is not None)
    server = Sshd(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def zwgk_bin() -> Path:
    return ZWGK


@pytest.fixture
def remote_env():
    return _remote_env


def _remote_env(data_dir: Path) -> str:
    """What the remote shell needs: the data folder, a UTF-8 locale, the test's PATH.

    ssh does not forward COLORTERM, and TERM comes from the client's terminal (tmux).
    """
    return (
        f"export ZWGK_DATA_DIR={shlex.quote(str(data_dir))} LANG=C.UTF-8 LC_ALL=C.UTF-8 "
        f"ESCDELAY=25 PATH={shlex.quote(str(ZWGK.parent))}:$PATH;"
    )
