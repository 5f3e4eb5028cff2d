"""Fixtures for the work-points builder tests.

pytest runs with ``--import-mode=importlib`` (no test folder on ``sys.path``), so this folder
is put on it here for the tests' own helper module, ``wp_helpers``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wp_helpers import SEEDS, build


@pytest.fixture(scope="session")
def seed_builds() -> dict[str, tuple[dict, str]]:
    """Each seed built once per session: (parsed checklist, TOML text)."""
    return {key: build(path, name) for key, (name, path) in SEEDS.items()}
