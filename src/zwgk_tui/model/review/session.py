"""The supervisor's review session (``zwgk review``): what both faces need besides the rule.

Which figure counts after a review is decided in ``review.py`` (``reviewed_answers``); this
module opens a received file for review without ever touching the officer's content, says
what state each item's review is in, checks evidence files, and sums up self-assessed
against reviewed figures.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.answers import DECISION_LABELS, Answer, EvidenceFile
from zwgk_tui.model.assessment.parse import parse_document, read_score_bytes, read_scores
from zwgk_tui.model.assessment.saver import Saver
from zwgk_tui.model.assessment.serialize import digest, to_document
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.assessment.submit import verify
from zwgk_tui.model.checklist import Checklist, catalog
from zwgk_tui.model.review.rule import reviewed_answers
from zwgk_tui.model.scoring import Totals, score
from zwgk_tui.model.untrusted import sha256_file

UNREVIEWED = "未复核"
STALE = "已修改"          # the unit changed the answer after the review: it awaits a new one
SUBMITTED = "已提交，内容未改动"
EDITED = "提交后被改动"
DRAFT = "草稿（未经导出提交）"


def reviewer_name(given: str | None) -> str:
    """``--reviewer``, else the login name."""
    if given and given.strip():
        return given.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")


def find_checklist(path: Path, name: str | None, extra: list[Path]) -> Checklist:
    """``--checklist``, else by id and sha256 among bundled and extra folders (a path written
    in a received file is never opened: it could name a FIFO or /dev/zero)."""
    if name:
        return catalog.resolve(name, extra)
    scores = read_scores(path)
    found = catalog.for_scores(scores.checklist_id, scores.checklist_sha256, "", extra)
    if found is None:
        raise ZwgkError(f"找不到清单 {scores.checklist_id!r}，请用 --checklist 指定清单文件", path)
    return found


def submission_state(path: Path) -> str:
    """What ``export.verify`` says of the file as it is on disk (reviews never change it)."""
    doc, _ = parse_document(read_score_bytes(path), path)
    verified = verify(doc)
    return DRAFT if verified is None else SUBMITTED if verified else EDITED


def open_review(checklist: Checklist, path: Path, *, read_only: bool = False,
                saver: Saver | None = None) -> Assessment:
    """Open a received score file for review; raises ZwgkError or LockHeld, file untouched.

    Writing a review must leave the officer's content, and so the submission digest, as it
    was: the file must be made against this very checklist, and must read back unchanged.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise ZwgkError("文件不存在", path)
    doc, _ = parse_document(read_score_bytes(path), path)
    session = Assessment.open(checklist, path, read_only=read_only, saver=saver)
    if read_only:
        if session.drift is not None:
            session.accept_drift()  # in memory only: a read-only session never writes
        return session
    try:
        if doc.get("checklist_sha256") != checklist.sha256:
            raise ZwgkError("这份记录按清单的另一版本评估，写入复核会改动单位的内容；请用 --checklist "
                            "指定评估时的清单文件，或加 --read-only 只读查看", path)
        if isinstance(doc.get("submitted"), dict) and digest(doc) != digest(to_document(session.scores)):
            raise ZwgkError("这份记录不是本程序写出的格式，写入复核会改变内容摘要；请加 --read-only 只读查看", path)
    except BaseException:
        session.close()
        raise
    return session


# ---------------------------------------------------------------- one item


def decision(answer: Answer | None) -> str | None:
    """The decision of a review that still applies (accept / adjust / return), else None."""
    if answer is None or answer.review is None or not answer.review_current:
        return None
    return answer.review.decision


def stale(answer: Answer | None) -> bool:
    """A review the unit's later change made void: the item awaits review again."""
    return answer is not None and answer.review is not None and not answer.review_current


def decision_word(answer: Answer | None) -> str:
    """认可 / 调整 / 退回 / 未复核 (a void review counts as not reviewed)."""
    found = decision(answer)
    return DECISION_LABELS[found] if found else UNREVIEWED


def complete(answer: Answer | None) -> bool:
    """A self-assessment that can be accepted as it stands: a status, not a carried guess."""
    return answer is not None and answer.status is not None and not answer.carried


class FileChecks:
    """Whether a local evidence file is the one recorded (size and SHA-256), cached by stat."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int, int, int], str] = {}

    def state(self, entry: EvidenceFile) -> str:
        """未变 / 已改变 / 不存在 / 无法读取."""
        path = Path(entry.path)
        try:
            info = path.stat()
        except FileNotFoundError:
            return "不存在"
        except (OSError, ValueError):  # ValueError: a NUL in the recorded path
            return "无法读取"
        if not path.is_file():
            return "无法读取"
        if info.st_size != entry.size:
            return "已改变"
        key = (entry.path, info.st_size, info.st_mtime_ns, info.st_ino)
        if key not in self._seen:
            self._seen[key] = self._hash_state(path, entry.sha256)
        return self._seen[key]

    @staticmethod
    def _hash_state(path: Path, expected: str) -> str:
        found = sha256_file(path)  # a path from a received file: guarded (no FIFO, size cap)
        return "无法读取" if found is None else "未变" if found == expected.lower() else "已改变"


# ---------------------------------------------------------------- the whole file


@dataclass(slots=True)
class ReviewSummary:
    """Self-assessed against reviewed figures, and which items got which decision."""

    own: Totals
    reviewed: Totals
    accepted: list[str] = field(default_factory=list)
    adjusted: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)   # stale ones included
    stale: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return len(self.accepted) + len(self.adjusted) + len(self.returned)


def summarize(session: Assessment) -> ReviewSummary:
    answers, _ = reviewed_answers(session.scores.items)
    summary = ReviewSummary(own=session.totals(), reviewed=score(session.checklist, answers, session.scores.category))
    groups = {"accept": summary.accepted, "adjust": summary.adjusted, "return": summary.returned}
    for leaf in session.checklist.leaves:
        answer = session.answer(leaf.id)
        found = decision(answer)
        (groups[found] if found else summary.unreviewed).append(leaf.id)
        if stale(answer):
            summary.stale.append(leaf.id)
    return summary


def unreviewed(session: Assessment) -> list[str]:
    """Leaves without a review that applies, in checklist order."""
    return [leaf.id for leaf in session.checklist.leaves if decision(session.answer(leaf.id)) is None]


def acceptable(session: Assessment) -> list[str]:
    """What "accept all" accepts: unreviewed items whose self-assessment is complete."""
    return [item_id for item_id in unreviewed(session) if complete(session.answer(item_id))]


def evidence_files(answer: Answer) -> tuple[dict[int, EvidenceFile], list[EvidenceFile]]:
    """Which evidence entry each recorded file belongs to (by index), and records that match
    no entry (listed on their own)."""
    by_index: dict[int, EvidenceFile] = {}
    left: list[EvidenceFile] = []
    for record in answer.files:
        for index, text in enumerate(answer.evidence):
            if index not in by_index and _names_file(text, record.path):
                by_index[index] = record
                break
        else:
            left.append(record)
    return by_index, left


def _names_file(text: str, path: str) -> bool:
    candidate = text.strip().removeprefix("file://")
    if not candidate or "\n" in candidate:
        return False
    if candidate == path:
        return True
    try:
        return str(Path(os.path.expanduser(candidate)).resolve()) == path
    except (OSError, RuntimeError, ValueError):
        return False


def when(value) -> str:
    """A timestamp as people read it: 2026-11-25 15:00."""
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""
