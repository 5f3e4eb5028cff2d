"""What a report learnt about each file, kept between runs so a second report only stats.

One JSON file per checklist version under ``<data dir>/cache/``. An entry is found by the
file's path and (device, inode, size, mtime, ctime) — ctime cannot be set back by a user,
so an edited file never matches its old entry — and, when that misses, by the SHA-256 of
the bytes just read (a copied or touched file is not examined again). Only verdicts drawn
from a file's content are kept; "missing" or "no permission" is looked at afresh each run.
The cache is private to its owner (0700 folder, 0600 file) and plain JSON: loading it
never runs code. A cache that does not load is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from zwgk_tui import __version__
from zwgk_tui.model.atomic import atomic_write, ensure_private_dir
from zwgk_tui.model.paths import data_dir
from zwgk_tui.model.untrusted import StatKey
from zwgk_tui.report.intake import SHA256_AT, Sheet

CACHE_VERSION = 5   # bump when Sheet or the rules that fill it change (4: review store, counts, finite
                    # numbers; 5: a section's bonus after the cap)
MAX_ENTRIES = 200_000


def cache_dir() -> Path:
    return data_dir() / "cache"


class SheetCache:
    def __init__(self, checklist_sha256: str, *, enabled: bool = True, folder: Path | None = None) -> None:
        self.enabled = enabled
        self.path = (folder or cache_dir()) / f"report-{checklist_sha256[:24]}.json"
        self.checklist_sha256 = checklist_sha256
        self._entries: dict[str, list] = {}   # path -> [StatKey list, Sheet json, last used]
        self._by_hash: dict[str, list] | None = None
        self._dirty = False
        self._now = int(time.time())
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            doc = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return
        if (
            isinstance(doc, dict) and doc.get("version") == CACHE_VERSION
            and doc.get("app") == __version__ and doc.get("checklist") == self.checklist_sha256
            and isinstance(doc.get("entries"), dict)
        ):
            self._entries = doc["entries"]

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, path: str, key: StatKey) -> Sheet | None:
        entry = self._entries.get(os.path.abspath(path))
        if entry is None or tuple(entry[0]) != key:
            return None
        try:
            sheet = Sheet.from_json(entry[1])
        except TypeError:
            return None
        entry[2] = self._now
        sheet.path = path
        return sheet

    def known_hashes(self) -> set[str]:
        return set(self._hash_index())

    def by_hash(self, sha256: str, path: str) -> Sheet | None:
        entry = self._hash_index().get(sha256)
        if entry is None:
            return None
        try:
            sheet = Sheet.from_json(entry[1])
        except TypeError:
            return None
        sheet.path = path
        return sheet

    def _hash_index(self) -> dict[str, list]:
        if self._by_hash is None:
            self._by_hash = {}
            for entry in self._entries.values():
                with contextlib.suppress(IndexError, TypeError):
                    self._by_hash.setdefault(entry[1][SHA256_AT], entry)
        return self._by_hash

    def store(self, path: str, key: StatKey, sheet: Sheet) -> None:
        if not self.enabled:
            return
        entry = [list(key), sheet.to_json(), self._now]
        self._entries[os.path.abspath(path)] = entry  # the same file from another folder
        if self._by_hash is not None:
            self._by_hash[sheet.sha256] = entry
        self._dirty = True

    def save(self) -> None:
        """Write the cache if anything was added (atomically; a failure only costs speed)."""
        if not self.enabled or not self._dirty:
            return
        entries = self._entries
        if len(entries) > MAX_ENTRIES:
            keep = sorted(entries, key=lambda p: entries[p][2], reverse=True)[:MAX_ENTRIES]
            entries = {p: entries[p] for p in keep}
        doc = {"version": CACHE_VERSION, "app": __version__, "checklist": self.checklist_sha256,
               "entries": entries}
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with contextlib.suppress(OSError):
            ensure_private_dir(self.path.parent)
            atomic_write(self.path, data, mode=0o600)
        self._dirty = False
