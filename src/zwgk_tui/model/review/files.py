"""Evidence files named in a unit's answers: which entry each file record belongs to, and
whether the file on this machine is still the one recorded (size and SHA-256)."""

from __future__ import annotations

import os
from pathlib import Path

from zwgk_tui.model.assessment.answers import Answer, EvidenceFile
from zwgk_tui.model.untrusted import sha256_file


class FileChecks:
    """Whether a local evidence file is the one recorded (size and SHA-256), cached by stat."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int, int, int], str] = {}

    def state(self, entry: EvidenceFile) -> str:
        """未变 / 已改变 / 不存在 / 无法读取. The path comes from a received file: it is read
        only as a regular file, never blocking, never beyond a size cap (``untrusted``)."""
        path = Path(entry.path)
        try:
            info = path.stat()
        except FileNotFoundError:
            return "不存在"
        except (OSError, ValueError):   # ValueError: a NUL in the path
            return "无法读取"
        if not path.is_file():
            return "无法读取"
        if info.st_size != entry.size:
            return "已改变"
        key = (entry.path, info.st_size, info.st_mtime_ns, info.st_ino)
        if key not in self._seen:
            found = sha256_file(path)
            self._seen[key] = "无法读取" if found is None else "未变" if found == entry.sha256.lower() else "已改变"
        return self._seen[key]


def evidence_files(answer: Answer) -> tuple[dict[int, EvidenceFile], list[EvidenceFile]]:
    """Which evidence entry each recorded file belongs to (by index), and records that match
    no entry (listed on their own).

    Linear in the entries and records: each entry's path is worked out once, with no file
    system call (the records hold the path as the officer's machine resolved it; resolving
    the officer's text here, against the supervisor's folders, would say nothing)."""
    by_path: dict[str, list[int]] = {}
    for index, text in enumerate(answer.evidence):
        for name in _names(text):
            by_path.setdefault(name, []).append(index)
    by_index: dict[int, EvidenceFile] = {}
    left: list[EvidenceFile] = []
    for record in answer.files:
        free = [i for i in by_path.get(record.path, ()) if i not in by_index]
        if free:
            by_index[free[0]] = record
        else:
            left.append(record)
    return by_index, left


def _names(text: str) -> tuple[str, ...]:
    candidate = text.strip().removeprefix("file://")
    if not candidate or "\n" in candidate or len(candidate) > 4096:
        return ()
    try:
        absolute = os.path.abspath(os.path.expanduser(candidate))
    except (ValueError, RuntimeError):
        return (candidate,)
    return (candidate,) if absolute == candidate else (candidate, absolute)
