"""Where an exported file (or a supervisor's returned copy) lands, without ever opening
what it did not mean to: a shared inbox is written by many accounts.

A folder gets ``<unit>.toml``; a name already taken is never written over — the same
content is left as it is ("nothing written"), anything else (another submission, another
unit's file, a link, a FIFO) makes the next free ``<unit>-2.toml``, ``-3`` … New files are
created exclusively (a temp file linked to the name, which fails if anything is there), so a
symlink planted at the name is never followed; existing names are looked at with ``lstat``
and read only through the guarded reader. An explicit file is replaced only when it is a
regular file of this account holding the same unit's score file. In a shared folder (group
bits or setgid — the recommended write-only drop box is mode 3733) a new file is 0640 with
the folder's group, so the supervisor can read it and other units cannot.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.errors import ZwgkError, os_reason
from zwgk_tui.model.assessment.answers import ScoreFile
from zwgk_tui.model.atomic import atomic_write, fsync_dir
from zwgk_tui.model.paths import safe_name
from zwgk_tui.model.untrusted import Unreadable, read_untrusted

MAX_NAMES = 1000
_counter = itertools.count()


@dataclass(slots=True)
class Placed:
    path: Path
    written: bool          # False: the same content was there already


def place_file(destination: Path, scores: ScoreFile, data: bytes, *, replace_own: bool = False) -> Placed:
    """Write ``data`` (a score file of ``scores.unit``) at or into ``destination``."""
    destination = Path(destination)
    try:
        st = os.lstat(destination)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ZwgkError(f"无法访问：{os_reason(exc)}", destination) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        return _into_folder(destination, st, scores, data, replace_own)
    if st is None and str(destination).endswith(os.sep):
        raise ZwgkError("目标文件夹不存在", destination)
    return _as_file(destination, st, scores, data)


def _into_folder(folder: Path, folder_st: os.stat_result, scores: ScoreFile, data: bytes,
                 replace_own: bool) -> Placed:
    mode, group = _sharing(folder_st)
    stem = safe_name(scores.unit)
    content = _content(data)                       # worked out once, not once per name
    # Only a file that holds this submission's digest can hold the same content: the others
    # are passed over without parsing (a unit with many earlier submissions stays fast).
    marker = None if replace_own else _marker(data)
    for n in range(1, MAX_NAMES + 1):
        target = folder / (f"{stem}.toml" if n == 1 else f"{stem}-{n}.toml")
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            if _create_exclusive(target, data, mode, group):
                return Placed(target, True)
            continue  # someone took the name between lstat and link: the next one
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue  # a link, FIFO, device or folder at the name: never opened
        existing = _own_score_file(target, st, scores, marker)
        if existing is None:
            continue
        if existing == content:
            return Placed(target, False)
        if replace_own:
            _replace(target, data, stat.S_IMODE(st.st_mode))
            return Placed(target, True)
    raise ZwgkError(f"文件夹中以“{stem}”开头的文件名已用完（{MAX_NAMES} 个），请清理后再导出", folder)


def _as_file(target: Path, st: os.stat_result | None, scores: ScoreFile, data: bytes) -> Placed:
    folder = target.parent
    try:
        folder_st = os.stat(folder)
    except OSError:
        raise ZwgkError("目标文件夹不存在", folder) from None
    if not stat.S_ISDIR(folder_st.st_mode):
        raise ZwgkError("目标文件夹不存在", folder)
    if st is None:
        mode, group = _sharing(folder_st)
        if not _create_exclusive(target, data, mode, group):
            raise ZwgkError("目标文件刚被别人建立，没有写入；请重新导出", target)
        return Placed(target, True)
    if stat.S_ISLNK(st.st_mode):
        raise ZwgkError("目标是符号链接，为安全起见不写入", target)
    if not stat.S_ISREG(st.st_mode):
        raise ZwgkError("目标不是普通文件（管道、设备或文件夹），不写入", target)
    if st.st_uid != os.geteuid():
        raise ZwgkError("目标文件属于另一个账号，不覆盖；请导出到文件夹（自动取新文件名）", target)
    if _own_score_file(target, st, scores) is None:
        raise ZwgkError("目标文件不是本单位这份清单的评估记录，不覆盖", target)
    _replace(target, data, stat.S_IMODE(st.st_mode))
    return Placed(target, True)


def _own_score_file(path: Path, st: os.stat_result, scores: ScoreFile,
                    marker: bytes | None = None) -> str | None:
    """The content digest of ``path`` when it is this unit's score file of this checklist,
    readable by us (our own earlier file); None for anything else (and, given ``marker``,
    for a file whose bytes do not hold it)."""
    from zwgk_tui.model.assessment.parse import parse_document

    if st.st_uid != os.geteuid():
        return None
    try:
        data, _ = read_untrusted(str(path))
        if marker is not None and marker not in data:
            return None
        doc, _ = parse_document(data, path)
    except (Unreadable, ZwgkError):
        return None
    if not isinstance(doc, dict) or (doc.get("unit"), doc.get("checklist_id")) != (scores.unit, scores.checklist_id):
        return None
    return _doc_content(doc)


def _marker(data: bytes) -> bytes | None:
    """The submission digest as it stands in the file's bytes (``"sha256:…"``), if any."""
    from zwgk_tui.model.assessment.parse import parse_document

    doc, _ = parse_document(data, "<new>")
    submitted = doc.get("submitted") if isinstance(doc, dict) else None
    found = submitted.get("digest") if isinstance(submitted, dict) else None
    return f'"{found}"'.encode() if isinstance(found, str) else None


def _content(data: bytes) -> str:
    from zwgk_tui.model.assessment.parse import parse_document

    doc, _ = parse_document(data, "<new>")
    return _doc_content(doc)


def _doc_content(doc: dict) -> str:
    """What makes two files "the same": the officer's content and the reviews sent with it."""
    from zwgk_tui.model.assessment.serialize import digest

    reviews = {k: v.get("review") for k, v in (doc.get("items") or {}).items() if isinstance(v, dict)}
    return digest(doc) + repr(sorted((k, repr(v)) for k, v in reviews.items() if v))


def _sharing(folder_st: os.stat_result) -> tuple[int, int | None]:
    """0640 and the folder's group in a shared folder; 0600 in a private one."""
    if folder_st.st_mode & (stat.S_IWGRP | stat.S_IRGRP | stat.S_ISGID):
        group = None
        if folder_st.st_gid != os.getegid() and folder_st.st_gid in os.getgroups():
            group = folder_st.st_gid
        return 0o640, group
    return 0o600, None


def _create_exclusive(target: Path, data: bytes, mode: int, group: int | None) -> bool:
    """Create ``target`` with ``data`` only if nothing is at that name; False if something is."""
    # A short hidden name of its own (not the target's: a long unit name would make it too long)
    tmp = target.with_name(f".zwgk-{os.getpid()}-{next(_counter)}-{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(tmp, flags, 0o600)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", target.parent) from None
    try:
        try:
            os.fchmod(fd, mode)
            if group is not None:
                os.fchown(fd, -1, group)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, target)   # atomic, and fails on anything at the name, even a dangling link
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", target) from None
            return _create_direct(target, data, mode, group)  # no hard links on this file system
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", target) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fsync_dir(target.parent)
    return True


def _create_direct(target: Path, data: bytes, mode: int, group: int | None) -> bool:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(target, flags, 0o600)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, mode)
        if group is not None:
            os.fchown(fd, -1, group)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def _replace(target: Path, data: bytes, mode: int) -> None:
    try:
        atomic_write(target, data, mode=mode)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", target) from None
