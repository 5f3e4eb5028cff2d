"""Opening a score file for a session: what is checked before anything is locked or read.

The file must be a regular file (never a symlink, FIFO or device); a file nobody may write
(0400) is opened read-only with a notice instead of being rewritten; the lock is taken; the
bytes are read through the guarded reader and remembered (what the session wrote last, to
notice a change made elsewhere); temp files of saves killed mid-write are removed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment import disk
from zwgk_tui.model.assessment import drift as drift_mod
from zwgk_tui.model.assessment.answers import ScoreFile, now
from zwgk_tui.model.assessment.lock import ScoreLock
from zwgk_tui.model.assessment.parse import check_against, read_score_file, scores_from_bytes
from zwgk_tui.model.assessment.saver import Saver
from zwgk_tui.model.checklist import Checklist

if TYPE_CHECKING:
    from zwgk_tui.model.assessment.session import Assessment


def open_assessment(
    cls: type[Assessment], checklist: Checklist, path: Path, *, unit: str, assessor: str,
    read_only: bool, saver: Saver | None,
) -> Assessment:
    """``Assessment.open``."""
    path = Path(path)
    st = _existing(path)
    notice = ""
    if st is not None and not read_only and disk.protected(st):
        read_only = True
        notice = (f"记录文件是只读的（权限 {st.st_mode & 0o777:04o}），已只读打开，不会修改它；"
                  "要修改，请先恢复写权限（chmod u+w）")
    lock = None
    if not read_only:
        _ensure_parent(path)
        lock = ScoreLock(path).acquire()
    try:
        if st is not None:
            data, key = read_score_file(path)
            scores = scores_from_bytes(data, path)
            if scores.checklist_id != checklist.id:
                raise ZwgkError(
                    f"这份记录属于清单 {scores.checklist_id!r}，不是 {checklist.id!r}", path
                )
            pending = None
            if scores.checklist_sha256 != checklist.sha256:
                plan = drift_mod.plan(scores, checklist)
                if plan.changes_answers:
                    pending = plan
                else:  # only additions, or wording-neutral edits: follow silently
                    drift_mod.apply(scores, plan, checklist)
            if pending is None:
                problems = check_against(scores, checklist, str(path))
                if problems:
                    first = problems[0]
                    raise ZwgkError(first.message, first.path, first.line)
            session = cls(checklist, scores, path, read_only=read_only, lock=lock,
                          saver=saver, drift=pending)
            session.known = disk.Written(key.dev, key.ino, key.size, key.mtime_ns,
                                         hashlib.sha256(data).hexdigest())
        else:
            if read_only:
                raise ZwgkError("文件不存在", path)
            if not unit.strip():
                raise ZwgkError("新建评估需要单位名称（--unit）", path)
            stamp = now()
            scores = ScoreFile(
                checklist_id=checklist.id,
                checklist_sha256=checklist.sha256,
                checklist_title=checklist.title,
                checklist_path=str(checklist.path.resolve()) if checklist.path else "",
                unit=unit.strip(),
                assessor=assessor.strip(),
                created=stamp,
                updated=stamp,
            )
            session = cls(checklist, scores, path, lock=lock, saver=saver)
            session.save()
            session.flush()
            if not session.state.ok:
                raise ZwgkError(f"无法创建评估记录（{session.state.reason}）", path)
        session.notice = notice
        if lock is not None:
            from zwgk_tui.model.atomic import remove_stale_temps

            remove_stale_temps(path)  # left by saves that were killed mid-write
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return session


def _ensure_parent(path: Path) -> None:
    from zwgk_tui.errors import os_reason
    from zwgk_tui.model.atomic import ensure_private_dir

    if not path.parent.exists():
        try:
            ensure_private_dir(path.parent)
        except OSError as exc:
            raise ZwgkError(f"无法建立文件夹（{os_reason(exc, writing=True)}）", path.parent) from None


def _existing(path: Path) -> os.stat_result | None:
    """The score file's lstat, None when there is none; a ZwgkError for anything that is not
    a regular file (a symlink, a folder, a FIFO or device: never opened)."""
    from zwgk_tui.errors import os_reason

    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ZwgkError(f"无法读取：{os_reason(exc)}", path) from None
    if stat.S_ISLNK(st.st_mode):
        raise ZwgkError("评估记录是符号链接，为安全起见不打开", path)
    if stat.S_ISDIR(st.st_mode):
        raise ZwgkError("这是一个文件夹，不是评估记录", path)
    if not stat.S_ISREG(st.st_mode):
        raise ZwgkError("不是普通文件（设备、管道或套接字），不读取", path)
    return st
