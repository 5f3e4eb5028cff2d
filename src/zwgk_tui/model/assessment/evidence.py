"""Evidence that names a local file: its SHA-256 and size, recorded when it is added, so
that a reviewer can tell whether the file is still the one the officer meant."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from zwgk_tui.model.assessment.answers import EvidenceFile


def file_record(text: str) -> EvidenceFile | None:
    """SHA-256 and size of a local file named as evidence, or None when it names none."""
    candidate = text.strip()
    if candidate.startswith("file://"):
        candidate = candidate[7:]
    if not candidate or "\n" in candidate or len(candidate) > 4096 or "://" in candidate:
        return None
    path = Path(os.path.expanduser(candidate))
    try:
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return None
    return EvidenceFile(path=str(path.resolve()), sha256=digest.hexdigest(), size=size)


def absolute_path(text: str) -> str:
    candidate = text.strip().removeprefix("file://")
    try:
        return str(Path(os.path.expanduser(candidate)).resolve())
    except (OSError, RuntimeError):
        return candidate
