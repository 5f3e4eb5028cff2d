"""End-to-end fixtures: the installed ``zwgk`` in a real tmux terminal, and over a real SSH
connection to a loopback ``sshd`` started by the test.

tmux and sshd come from Debian (``.ci/run`` installs them). Without them these tests are
skipped, except where ``ZWGK_E2E=require`` (set by CI) turns a missing tool into a failure.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


def terminal_env() -> dict[str, str]:
    """What a fresh login's terminal has, and no more: the tmux server (and so every program
    in it) must not inherit the test run's environment (pytest exports COLUMNS=80, which
    would make a 60-column window look 80 columns wide to the program)."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/"),
            "USER": os.environ.get("USER", "root"), "LANG": "C.UTF-8", "TERM": "xterm-256color"}


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
            capture_output=True, text=True, check=check, env=terminal_env(), timeout=60,
        )

    def start(self, command: str, *, width: int = 80, height: int = 24, env: dict | None = None,
              record: Path | None = None) -> None:
        """Run ``command`` in a new window; ``record``: every byte the program writes to the
        terminal is appended to that file (tmux pipe-pane, attached before the program starts)."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        shell = f"export {exports}; exec {command}" if exports else f"exec {command}"
        if record is not None:
            go = record.with_name(record.name + ".go")
            shell = f"while [ ! -e {shlex.quote(str(go))} ]; do sleep 0.02; done; {shell}"
        self.run("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t", "sh", "-c", shell)
        if record is not None:
            record.touch()
            self.run("pipe-pane", "-o", "-t", "t", f"cat >> {shlex.quote(str(record))}")
            go.touch()

    def keys(self, *keys: str, literal: bool = False) -> None:
        for key in keys:
            self.run("send-keys", "-t", "t", *(["-l"] if literal else []), key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def screen(self, *, escapes: bool = False) -> str:
        """What the pane shows; ``escapes``: with the cells' attributes as SGR sequences (-e)."""
        return self.run("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "t", check=False).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; screen was:\n{screen}")

    def wait_for_all(self, *texts: str, timeout: float = 20.0) -> str:
        """Wait until every one of ``texts`` is on the screen at once; returns that screen."""

        def shown() -> str:
            screen = self.screen()
            return screen if all(text in screen for text in texts) else ""

        return poll(shown, timeout, f"{texts!r} on the screen", self.screen)

    def wait_until_absent(self, text: str, timeout: float = 20.0) -> str:
        def gone() -> str:
            screen = self.screen()
            return screen if text not in screen else ""

        return poll(gone, timeout, f"{text!r} to leave the screen", self.screen)

    def title(self) -> str:
        return self.run("display-message", "-p", "-t", "t", "#{pane_title}", check=False).stdout.strip()

    def pane_pid(self) -> int:
        """The pid of the program the window runs (``exec``'d by the starting shell)."""
        return int(self.run("display-message", "-p", "-t", "t", "#{pane_pid}").stdout.strip())

    def kill_session(self) -> None:
        """Close the window as a terminal emulator would: the program gets SIGHUP."""
        self.run("kill-session", "-t", "t", check=False)

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


@pytest.fixture
def another_tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A second terminal (its own tmux server): a second login, side by side with ``tmux``."""
    need("tmux", shutil.which("tmux") is not None)
    folder = tmp_path / "t2"
    folder.mkdir()
    session = Tmux(folder)
    yield session
    session.kill()


def poll(condition: Callable[[], Any], timeout: float = 15.0, what: str = "the condition",
         shown: Callable[[], Any] | None = None) -> Any:
    """Call ``condition`` until it returns something true (returned); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            last = shown() if shown is not None else value
            raise AssertionError(f"waited {timeout:g} s for {what}; last seen:\n{last}")
        time.sleep(0.05)


@pytest.fixture
def wait():
    """``wait(condition, timeout, what)``: poll until true (never a bare sleep)."""
    return poll


def read_toml_or_empty(path: Path) -> dict:
    """The file as TOML, or {} while it does not exist yet (every save is atomic)."""
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


@pytest.fixture
def saved_items():
    """``saved_items(path, expected, timeout)``: wait until the score file's items match."""

    def check(path: Path, expected: dict[str, dict], timeout: float = 10.0) -> dict:
        def matches() -> dict:
            items = read_toml_or_empty(path).get("items", {})
            for item_id, fields in expected.items():
                got = items.get(item_id, {})
                if any(got.get(k) != v for k, v in fields.items()):
                    return {}
            return items or {"": ""}

        return poll(matches, timeout, f"{path.name} to hold {expected}",
                    lambda: read_toml_or_empty(path).get("items"))

    return check


_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def sgr_attributes(output: str | bytes) -> dict[str, set]:
    """The attributes (``attrs``: 1 bold, 5 blink, 7 reverse, 8 hidden …) and colours
    (``colours``: ("256", n) or ("rgb", r, g, b) or ("16", n)) that SGR sequences in
    ``output`` set."""
    text = output.decode("utf-8", "replace") if isinstance(output, bytes) else output
    attrs: set[int] = set()
    colours: set[tuple] = set()
    for match in _SGR.finditer(text):
        params = [int(p) if p.isdigit() else 0 for p in re.split("[;:]", match.group(1)) if p != ""]
        i = 0
        while i < len(params):
            code = params[i]
            if code in (38, 48, 58) and i + 1 < len(params):
                if params[i + 1] == 5 and i + 2 < len(params):
                    colours.add(("256", params[i + 2]))
                    i += 3
                    continue
                if params[i + 1] == 2 and i + 4 < len(params):
                    colours.add(("rgb", *params[i + 2:i + 5]))
                    i += 5
                    continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                colours.add(("16", code))
            elif code not in (0, 39, 49):
                attrs.add(code)
            i += 1
    return {"attrs": attrs, "colours": colours}


@pytest.fixture
def sgr():
    return sgr_attributes


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
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True,
                           timeout=60)
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
    """What the remote shell needs: the data folder, no config file of the account's own, a
    UTF-8 locale, the test's PATH.

    ssh does not forward COLORTERM, and TERM comes from the client's terminal (tmux).
    """
    return (
        f"export ZWGK_DATA_DIR={shlex.quote(str(data_dir))} "
        f"ZWGK_CONFIG={shlex.quote(str(data_dir / 'config.toml'))} LANG=C.UTF-8 LC_ALL=C.UTF-8 "
        f"ESCDELAY=25 PATH={shlex.quote(str(ZWGK.parent))}:$PATH;"
    )
