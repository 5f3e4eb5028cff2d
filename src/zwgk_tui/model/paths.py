"""Where files live: the bundled checklists, the per-user data folder, the config file."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

APP_NAME = "zwgk-tui"


def bundled_checklists_dir() -> Path:
    """The checklists shipped with the package (a wheel) or in the source tree (editable)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_checklists"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "checklists"


def data_dir() -> Path:
    """Per-user data folder; ``ZWGK_DATA_DIR`` overrides it (tests, shared servers)."""
    override = os.environ.get("ZWGK_DATA_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def scores_dir() -> Path:
    return data_dir() / "scores"


def config_file() -> Path:
    """The user's config (keymap, theme); ``ZWGK_CONFIG`` overrides it."""
    override = os.environ.get("ZWGK_CONFIG")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f\x7f-\x9f]+")


def safe_name(text: str, fallback: str = "unit", limit: int = 80) -> str:
    """A file-name part from free text: Chinese kept; separators, ``..`` and controls not."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", "_", text).strip("._ ")
    text = re.sub(r"\.{2,}", ".", text)
    encoded = text.encode("utf-8")[: limit * 3]
    text = encoded.decode("utf-8", errors="ignore").strip("._ ")
    return text or fallback


def default_score_path(checklist_id: str, unit: str) -> Path:
    return scores_dir() / f"{safe_name(checklist_id, 'checklist')}--{safe_name(unit)}.toml"
