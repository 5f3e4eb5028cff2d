"""``zwgk export``: the finished score file for the supervisor, marked submitted, with a
digest of its content so that any later edit is detectable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.answers import ScoreFile, Submission, now
from zwgk_tui.model.assessment.parse import parse_document, read_scores
from zwgk_tui.model.assessment.serialize import digest, dumps, to_document
from zwgk_tui.model.atomic import atomic_write
from zwgk_tui.model.checklist import Checklist
from zwgk_tui.model.scoring import score


@dataclass(slots=True)
class Exported:
    path: Path
    digest: str
    unanswered: int
    written: bool = True         # False: the same content was in the inbox already
    source_marked: bool = False  # the officer's own file now says 已提交 too

    def lines(self) -> list[str]:
        """What both faces and the command say after an export."""
        if not self.written:
            return [f"内容与已交的 {self.path} 相同，没有写出新文件", f"摘要：{self.digest}"]
        out = [f"已导出：{self.path}"]
        if self.unanswered:
            out.append(f"仍有 {self.unanswered} 项未评估")
        if self.path.stem.rsplit("-", 1)[-1].isdigit():
            out.append("收件文件夹中已有本单位较早的提交，这次另存为新文件名；较早的文件和上级对它的复核都保留")
        out.append(f"摘要：{self.digest}")
        return out


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


def export(
    source: Path, destination: Path, checklist: Checklist | None, *,
    allow_incomplete: bool = False, session=None,
) -> Exported:
    """Write the submitted copy (placing.py: never over another file); then mark the
    officer's own file submitted with the same digest (through ``session`` when one holds
    it, else under its lock when free).

    The copy is the officer's content only: review tables the supervisor sent back stay in
    the officer's own file, so a review table in an inbox file is never the supervisor's."""
    from zwgk_tui.model.assessment.placing import place_file

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
    submit(scores)
    copy = strip_reviews(scores)
    data = dumps(copy).encode("utf-8")
    parse_document(data, destination)  # what we write must read back
    placed = place_file(Path(destination), copy, data)
    assert scores.submitted is not None
    result = Exported(placed.path, scores.submitted.digest, unanswered, written=placed.written)
    if not _same_file(placed.path, Path(source)):
        result.source_marked = _mark_source(Path(source), scores.submitted, session)
    return result


def strip_reviews(scores: ScoreFile) -> ScoreFile:
    """A copy without any review table (the submission is the officer's content)."""
    return scores.with_reviews()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


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
