"""Many received files → Sheets: find them, reuse what the cache knows, examine the rest on
every core. Symbolic links are reported, never followed."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.errors import ZwgkError, os_reason
from zwgk_tui.model.checklist import Checklist
from zwgk_tui.model.untrusted import StatKey, Unreadable, read_head, read_untrusted, refuse_stat
from zwgk_tui.report import intake
from zwgk_tui.report.cache import SheetCache
from zwgk_tui.report.intake import Sheet

POOL_FROM = 64        # fewer files than this are examined in this process
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Found:
    """The files named by the arguments, in a stable order."""

    files: list[str] = field(default_factory=list)
    refused: list[Sheet] = field(default_factory=list)   # symlinks met while walking
    ignored: int = 0                                     # other files in the folders


def find(arguments: Iterable[str | Path]) -> Found:
    """Expand files and folders (recursively, ``*.toml``, hidden names skipped).

    A path that does not exist is a usage error (exit 2); a symlink, given or found, is
    refused and named.
    """
    found = Found()
    seen: set[str] = set()

    def add(path: str) -> None:
        norm = os.path.normpath(os.path.abspath(path))
        if norm not in seen:
            seen.add(norm)
            found.files.append(path)

    for argument in arguments:
        path = str(argument)
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            raise ZwgkError("文件或文件夹不存在", path) from None
        except OSError as exc:
            raise ZwgkError(f"无法访问：{os_reason(exc)}", path) from None
        if os.path.islink(path):
            found.refused.append(Sheet(path).reject(refuse_stat(st) or "是符号链接"))
        elif os.path.isdir(path):
            _walk(path, found, add)
        else:
            add(path)
    return found


def _walk(top: str, found: Found, add: Callable[[str], None]) -> None:
    """Depth-first, in name order, without recursion (a folder tree may be deep)."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.refused.append(Sheet(folder).reject(f"无法列出文件夹：{os_reason(exc)}"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                found.ignored += 1
            elif entry.is_symlink():
                if entry.name.lower().endswith(".toml") or entry.is_dir():
                    found.refused.append(Sheet(entry.path).reject("是符号链接：为安全起见不跟随、不读取"))
                else:
                    found.ignored += 1
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append(entry.path)
            elif entry.name.lower().endswith(".toml"):
                add(entry.path)
            else:
                found.ignored += 1
        stack.extend(reversed(subfolders))


_ID_LINE = re.compile(rb'^checklist_id\s*=\s*"([^"\\\n]{1,200})"', re.MULTILINE)
_SHA_LINE = re.compile(rb'^checklist_sha256\s*=\s*"([0-9a-f]{64})"', re.MULTILINE)


def common_checklist(files: list[str], sample: int = 50) -> tuple[str, str] | None:
    """The (checklist id, sha256) most of the first readable files name, read cheaply."""
    counts: Counter[tuple[str, str]] = Counter()
    for path in files:
        if len(counts) and sum(counts.values()) >= sample:
            break
        head = read_head(path)
        if head is None:
            continue
        id_match, sha_match = _ID_LINE.search(head), _SHA_LINE.search(head)
        if id_match:
            ident = id_match.group(1).decode("utf-8", "replace")
            counts[(ident, sha_match.group(1).decode() if sha_match else "")] += 1
    return counts.most_common(1)[0][0] if counts else None


def first_problem(path: str) -> tuple[int | None, str]:
    """Why a file names no checklist (its first problem, with a line where known)."""
    from zwgk_tui.model.assessment.parse import from_document, parse_document

    try:
        data, _ = read_untrusted(path)
        doc, text = parse_document(data, path)
    except Unreadable as exc:
        return None, str(exc)
    except ZwgkError as exc:
        return exc.line, exc.message
    if not isinstance(doc, dict):
        return None, "不是评估记录"
    _, problems = from_document(doc, text, path)
    if problems:
        return problems[0].line, problems[0].message
    return None, "没有写明 checklist_id"


def gather(
    files: list[str], checklist: Checklist, *, cache: SheetCache | None = None,
    jobs: int | None = None, progress: Progress | None = None, store: Path | None = None,
) -> list[Sheet]:
    """A Sheet per file, in the order given: from the cache where the file is unchanged and
    so is the review store record its figures used. ``store``: the supervisor's review store."""
    results: list[Sheet | None] = [None] * len(files)
    owners: dict[int, int] = {}
    todo: list[int] = []
    store_shas = _StoreShas()
    for index, path in enumerate(files):
        try:
            st = os.lstat(path)
        except OSError:
            todo.append(index)  # examine_path says why
            continue
        owners[index] = st.st_uid
        reason = refuse_stat(st)
        if reason:
            results[index] = Sheet(path).reject(reason)
            continue
        hit = cache.lookup(path, StatKey.of(st)) if cache else None
        if hit is not None and store_shas.same(hit, store):
            results[index] = hit
        else:
            todo.append(index)
    known = cache.known_hashes() if cache else set()
    paths = [files[i] for i in todo]
    for index, (sheet, key) in zip(todo, _examine_all(paths, checklist, known, jobs, progress, store),
                                   strict=True):
        if isinstance(sheet, str):  # the bytes are ones the cache has seen: reuse the verdict
            sheet = cache.by_hash(sheet, files[index]) if cache else None
            if sheet is None or not store_shas.same(sheet, store):
                raw, key = _examine_one(files[index], checklist, set(), store)
                sheet = Sheet.from_json(raw)
        if cache is not None and key is not None:
            cache.store(files[index], key, sheet)
        results[index] = sheet
    if cache is not None:
        cache.save()
    for index, sheet in enumerate(results):
        if sheet is not None and index in owners:
            sheet.owner = owners[index]
    return [s for s in results if s is not None]


class _StoreShas:
    """Whether a cached verdict used the review store record that is there now."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def same(self, sheet: Sheet, store: Path | None) -> bool:
        if not sheet.ok or not sheet.submitted:
            return True      # rejected before reviews mattered
        if store is None:
            return not sheet.store_file
        if not sheet.store_file or not sheet.store_file.startswith(str(store)):
            return False     # examined against another store (or none)
        if sheet.store_file not in self._seen:
            self._seen[sheet.store_file] = intake.store_sha(sheet.store_file)
        return self._seen[sheet.store_file] == sheet.store_sha


# ------------------------------------------------------------------ examining, in parallel

_WORKER: dict = {}


def _init_worker(checklist: Checklist, known: set[str], store: Path | None) -> None:
    _WORKER["checklist"] = checklist
    _WORKER["known"] = known
    _WORKER["store"] = store


def _examine_chunk(paths: list[str]) -> list[tuple[list | str, StatKey | None]]:
    return [_examine_one(path, _WORKER["checklist"], _WORKER["known"], _WORKER["store"]) for path in paths]


def _examine_one(path: str, checklist: Checklist, known: set[str],
                 store: Path | None = None) -> tuple[list | str, StatKey | None]:
    """A Sheet as JSON values, or only the content hash when the cache knows those bytes;
    no StatKey when the file could not be read (that verdict is not cached)."""
    try:
        data, key = read_untrusted(path)
    except Unreadable as exc:
        return Sheet(path).reject(str(exc)).to_json(), None
    digest = hashlib.sha256(data).hexdigest()
    if digest in known:
        return digest, key
    return intake.examine(data, path, checklist, digest, store).to_json(), key


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _examine_all(
    paths: list[str], checklist: Checklist, known: set[str], jobs: int | None,
    progress: Progress | None, store: Path | None = None,
) -> list[tuple[Sheet | str, StatKey | None]]:
    workers = min(jobs or usable_cpus(), max(len(paths) // (POOL_FROM // 2), 1))
    raw: list[tuple[list | str, StatKey | None]]
    if workers <= 1 or len(paths) < POOL_FROM:
        raw = []
        for done, path in enumerate(paths, 1):
            raw.append(_examine_one(path, checklist, known, store))
            if progress and (done % 64 == 0 or done == len(paths)):
                progress(done, len(paths))
    else:
        raw = _in_pool(paths, checklist, known, workers, progress, store)
    return [(Sheet.from_json(s) if isinstance(s, list) else s, key) for s, key in raw]


def _in_pool(paths, checklist, known, workers, progress, store) -> list:
    """Fork workers (they inherit the checklist, nothing is re-imported or pickled in)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(16, min(256, len(paths) // (workers * 8) or 1))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    out: list = [None] * len(chunks)
    done = 0
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(checklist, known, store)) as pool:
        futures = {pool.submit(_examine_chunk, chunk): n for n, chunk in enumerate(chunks)}
        from concurrent.futures import as_completed

        try:
            for future in as_completed(futures):
                n = futures[future]
                out[n] = future.result()
                done += len(chunks[n])
                if progress:
                    progress(done, len(paths))
        except BrokenProcessPool:
            pass  # a worker died (killed, out of memory): its files are named below
    for n, chunk in enumerate(chunks):
        if out[n] is None:
            out[n] = [(Sheet(p).reject("检查这份文件的进程意外退出，未计入；请单独检查").to_json(), None)
                      for p in chunk]
    return [item for chunk in out for item in chunk]
