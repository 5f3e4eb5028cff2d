"""``zwgk export``: the finished score file for the supervisor, marked submitted, with a
digest of its content so that any later edit is detectable."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.errors import ZwgkError, os_reason
from zwgk_tui.model.assessment.answers import ScoreFile, Submission, now
from zwgk_tui.model.assessment.parse import parse_document, read_scores
from zwgk_tui.model.assessment.serialize import digest, dumps, to_document
from zwgk_tui.model.atomic import atomic_write
from zwgk_tui.model.checklist import Checklist
from zwgk_tui.model.paths import safe_name
from zwgk_tui.model.scoring import score


@dataclass(slots=True)
class Exported:
    path: Path
    digest: str
    unanswered: int
    source_marked: bool = False  # the officer's own file now says 已提交 too


def submit(scores: ScoreFile) -> ScoreFile:
    """Mark the score file submitted now, with the digest of its officer content."""
    scores.submitted = None
    value = digest(to_document(scores))  # the digest never covers [submitted] itself
    scores.submitted = Submission(at=now(), digest=value, by=scores.assessor)
    return scores


def verify(doc: dict) -> bool | None:
    """True when the digest matches the content, False when edited, None when not submitted."""
    submitted = doc.get("submitted")
    if not isinstance(submitted, dict) or "digest" not in submitted:
        return None
    return submitted.get("digest") == digest(doc)


def target_path(scores: ScoreFile, destination: Path) -> Path:
    """A folder gets a file named after the unit; any other path is used as given."""
    if destination.is_dir() or str(destination).endswith(os.sep):
        folder = destination
        stem = safe_name(scores.unit)
        candidate = folder / f"{stem}.toml"
        counter = 2
        while _belongs_to_other_unit(candidate, scores):
            candidate = folder / f"{stem}-{counter}.toml"
            counter += 1
        return candidate
    return destination


def _belongs_to_other_unit(path: Path, scores: ScoreFile) -> bool:
    if not path.exists() and not path.is_symlink():
        return False
    try:
        other = read_scores(path)
    except ZwgkError:
        return True  # never overwrite a file we cannot read
    return (other.unit, other.checklist_id) != (scores.unit, scores.checklist_id)


def export(
    source: Path, destination: Path, checklist: Checklist | None, *,
    allow_incomplete: bool = False, session=None,
) -> Exported:
    """Write the submitted copy; then mark the officer's own file submitted with the same
    digest (through ``session`` when one holds it, else under its lock when free)."""
    if session is not None:
        session.flush()
        scores = read_scores(session.path, checklist)
    else:
        scores = read_scores(source, checklist)
    unanswered = 0
    if checklist is not None:
        unanswered = len(score(checklist, scores.items, scores.category).unanswered)
        if unanswered and not allow_incomplete:
            raise ZwgkError(
                f"还有 {unanswered} 项未评估；全部评估后再导出，或加 --allow-incomplete", source
            )
    target = target_path(scores, destination)
    if target.is_symlink():
        raise ZwgkError("目标是符号链接，为安全起见不写入", target)
    if target.exists() and not target.is_file():
        raise ZwgkError("目标不是普通文件", target)
    folder = target.parent
    if not folder.is_dir():
        raise ZwgkError("目标文件夹不存在", folder)
    folder_stat = folder.stat()
    group = None
    mode = 0o600
    if folder_stat.st_mode & (stat.S_IWGRP | stat.S_IRGRP | stat.S_ISGID):
        # A shared inbox: the supervisor reads through the folder's group.
        mode = 0o640
        if folder_stat.st_gid != os.getegid() and folder_stat.st_gid in os.getgroups():
            group = folder_stat.st_gid
    submit(scores)
    data = dumps(scores).encode("utf-8")
    parse_document(data, target)  # what we write must read back
    try:
        atomic_write(target, data, mode=mode, group=group)
    except OSError as exc:
        raise ZwgkError(f"无法写入：{os_reason(exc, writing=True)}", target) from None
    assert scores.submitted is not None
    result = Exported(target, scores.submitted.digest, unanswered)
    if target.resolve() != Path(source).resolve():
        result.source_marked = _mark_source(Path(source), scores.submitted, session)
    return result


def _mark_source(source: Path, submission: Submission, session) -> bool:
    """Record the submission in the officer's own file, if it still holds what was sent."""
    if session is not None:
        if session.read_only or digest(to_document(session.scores)) != submission.digest:
            return False
        session.mark_submitted(submission)
        return session.state.ok
    from zwgk_tui.model.assessment.lock import LockHeld, ScoreLock

    try:
        lock = ScoreLock(source).acquire()
    except (LockHeld, ZwgkError):
        return False  # open in a session: it will show the draft state until then
    try:
        current = read_scores(source)
        if digest(to_document(current)) != submission.digest:
            return False
        current.submitted = submission
        atomic_write(source, dumps(current).encode("utf-8"))
        return True
    except (ZwgkError, OSError):
        return False
    finally:
        lock.release()
