"""Keep every test away from the developer's own data, config and terminal settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed seed, so a red run can be replayed exactly and
# never turns red by chance on a change that did not touch the code under test. A
# developer's run (no HYPOTHESIS_PROFILE) explores fresh examples every time.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # textual_access, for every folder

from textual_access import screen_text, type_text  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ZWGK_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("ZWGK_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("ZWGK_PLAIN", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # the developer's (or CI's) terminal settings must not change what is printed or drawn
    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "TERM_WIDTH"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def mini_path() -> Path:
    return DATA / "mini.toml"


@pytest.fixture
def mini_copy(tmp_path: Path, mini_path: Path) -> Path:
    """A writable copy of the mini checklist (for drift tests that edit it)."""
    target = tmp_path / "mini.toml"
    target.write_bytes(mini_path.read_bytes())
    return target


@pytest.fixture
def counted_path() -> Path:
    """The checklist with counted rules, parts, bonus, penalty and categories."""
    return DATA / "counted.toml"


@pytest.fixture
def text():
    """``text(app)``: what the terminal shows now, as plain text."""
    return screen_text


@pytest.fixture
def see():
    """The screen as text once the app has caught up with the keys pressed."""

    async def see(pilot) -> str:
        await pilot.pause()
        return screen_text(pilot.app)

    return see


@pytest.fixture(name="type_text")
def _type_text():
    """``await type_text(pilot, "文字")``: characters as a terminal (and an IME) delivers them."""
    return type_text
