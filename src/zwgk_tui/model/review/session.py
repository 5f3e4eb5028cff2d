"""The supervisor's review session (``zwgk review``), for both faces.

The received file is read once, through the guarded reader, and never written: it belongs
to the unit. Decisions go to the supervisor's review store (``store.py``), one writer at a
time, every decision saved at once. Which decision counts is ``rule.py``'s rule: while the
item's officer content is the one the decision looked at. A review table found inside the
received file is someone else's claim: shown, never counted.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import counting
from zwgk_tui.model.assessment.answers import Answer, Review, ScoreFile, now
from zwgk_tui.model.assessment.lock import LockInfo, ScoreLock
from zwgk_tui.model.assessment.parse import from_document, parse_document
from zwgk_tui.model.assessment.saver import Saver, SyncSaver
from zwgk_tui.model.assessment.session import SaveState
from zwgk_tui.model.assessment.submit import verify
from zwgk_tui.model.checklist import Checklist, Node, catalog
from zwgk_tui.model.review import store as store_mod
from zwgk_tui.model.review.files import FileChecks, evidence_files
from zwgk_tui.model.review.progress import (  # what both faces ask, re-exported
    CLAIM,
    ReviewSummary,
    acceptable,
    claim_text,
    complete,
    decision_word,
    opening_notes,
    summarize,
    unreviewed,
    when,
)
from zwgk_tui.model.review.rule import applies, fingerprint
from zwgk_tui.model.review.store import Decision, ItemRecord, ReviewRecord, SeenSubmission
from zwgk_tui.model.scoring import Totals, score
from zwgk_tui.model.untrusted import Unreadable, read_untrusted

__all__ = ["CLAIM", "FileChecks", "ReviewSession", "ReviewSummary", "acceptable", "claim_text", "complete",
           "decision_word", "evidence_files", "open_review", "opening_notes", "summarize", "unreviewed", "when"]

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
    """``--checklist``, else the recorded path, else the id among bundled and extra folders."""
    if name:
        return catalog.resolve(name, extra)
    scores = read_received(path)[0]
    found = catalog.for_scores(scores.checklist_id, scores.checklist_sha256, "", extra)
    if found is None:
        raise ZwgkError(f"找不到清单 {scores.checklist_id!r}，请用 --checklist 指定清单文件", path)
    return found


def read_received(path: Path, checklist: Checklist | None = None) -> tuple[ScoreFile, str]:
    """A unit's file as received (never through a link, never a FIFO, size-capped), and its
    submission state; ZwgkError naming the file otherwise."""
    try:
        data, _ = read_untrusted(str(path))
    except Unreadable as exc:
        raise ZwgkError(str(exc), path) from None
    doc, text = parse_document(data, path)
    if not isinstance(doc, dict):
        raise ZwgkError("不是评估记录", path)
    scores, problems = from_document(doc, text, str(path), checklist)
    if problems:
        raise ZwgkError(problems[0].message, problems[0].path, problems[0].line)
    verified = verify(doc)
    return scores, DRAFT if verified is None else SUBMITTED if verified else EDITED


class ReviewSession:
    """A received file under review; decisions live in the store record for its unit."""

    def __init__(self, checklist: Checklist, scores: ScoreFile, path: Path, record: ReviewRecord,
                 store_path: Path, *, submission: str, read_only: bool, lock: ScoreLock | None,
                 saver: Saver | None) -> None:
        self.checklist = checklist
        self.scores = scores
        self.path = path
        self.record = record
        self.store_path = store_path
        self.submission = submission
        self.read_only = read_only
        self.lock = lock
        self.saver = saver or SyncSaver()
        self.saver.on_result = self._on_save_result
        self.state = SaveState()
        # What the faces' shared code asks of a session (``Assessment`` has the same): the
        # received file is never written, and the store is locked while it is open.
        self.conflict = None
        self.notice = ""
        self.listeners: list[Callable[[SaveState], None]] = []
        self.return_to: Path | None = None
        self.returned_copy: Path | None = None   # where close() last wrote it
        # the unit's own file may carry review tables: claims, set aside, never counted
        self.claims: dict[str, Review] = {}
        for item_id, answer in scores.items.items():
            if answer.review is not None:
                self.claims[item_id] = answer.review
                answer.review = None
        scores.reviewer, scores.reviewed = "", None
        self._digests = {item_id: fingerprint(a) for item_id, a in scores.items.items()}
        self._totals: Totals | None = None

    # ------------------------------------------------------------------ reading

    @property
    def took_over(self) -> LockInfo | None:
        return self.lock.took_over if self.lock else None

    def answer(self, item_id: str) -> Answer | None:
        return self.scores.items.get(item_id)

    def totals(self) -> Totals:
        if self._totals is None:
            self._totals = score(self.checklist, self.scores.items, self.scores.category)
        return self._totals

    def reworded(self, item_id: str) -> bool:
        answer = self.answer(item_id)
        node = self.checklist.by_id.get(item_id)
        return bool(answer and node and answer.text_sha256 and answer.text_sha256 != node.text_hash)

    def stored(self, item_id: str) -> Decision | None:
        """The store's latest decision on the item, whether or not it still applies."""
        entry = self.record.items.get(item_id)
        return entry.current if entry is not None else None

    def current(self, item_id: str) -> Decision | None:
        """The decision that counts: it looked at exactly the answer the file holds now."""
        found = self.stored(item_id)
        digest = self._digests.get(item_id) or fingerprint(None)
        return found if found is not None and applies(found, None, digest) else None

    def decision(self, item_id: str) -> str | None:
        found = self.current(item_id)
        return found.decision if found is not None else None

    def stale(self, item_id: str) -> bool:
        """Decided, then changed by the unit: it awaits review again."""
        return self.stored(item_id) is not None and self.current(item_id) is None

    def changes(self, item_id: str) -> list[str]:
        found = self.stored(item_id)
        return found.changes(self.answer(item_id)) if found is not None and self.stale(item_id) else []

    def decisions(self) -> dict[str, Decision]:
        return self.record.decisions()

    def newer_submission(self) -> SeenSubmission | None:
        """A submission of this unit the store has seen that is newer than this file."""
        mine = self.scores.submitted
        newest = self.record.newest()
        if mine is None or newest is None or newest.at is None or newest.digest == mine.digest:
            return None
        return newest if _later(newest.at, mine.at) else None

    def leaf(self, item_id: str) -> Node:
        node = self.checklist.by_id.get(item_id)
        if node is None or not node.is_leaf:
            raise ZwgkError(f"{item_id} 不是可复核的条目")
        return node

    # ------------------------------------------------------------------ deciding

    def review(self, item_id: str, decision: str, *, status: str | None = None,
               score_value: float | None = None, reason: str = "", reviewer: str = "",
               counts: list[int] | None = None, parts: list[bool] | None = None) -> None:
        """Record a decision in the store and save; the unit's file is never touched. On a
        counted item the reviewer may give counts (and parts): the status follows from them."""
        self._decide(item_id, decision, status, score_value, reason, reviewer, counts, parts)
        self._changed()

    def accept_all(self, ids: list[str], *, reviewer: str = "") -> tuple[int, str]:
        """Accept each of ``ids`` and save once: (how many were accepted, the error that
        stopped it part way, or "")."""
        done = 0
        error = ""
        for item_id in ids:
            try:
                self._decide(item_id, "accept", None, None, "", reviewer)
            except ZwgkError as exc:
                error = f"{item_id}：{exc.message}"
                break
            done += 1
        if done:
            self._changed()
        return done, error

    def clear_review(self, item_id: str) -> None:
        """Clear the item's decision: it moves to the item's history (never deleted)."""
        self._check_writable()
        entry = self.record.items.get(item_id)
        if entry is None or entry.current is None:
            return
        entry.history.append(entry.current)
        entry.current = None
        self._changed()

    def _decide(self, item_id: str, decision: str, status: str | None, score_value: float | None,
                reason: str, reviewer: str, counts: list[int] | None = None,
                parts: list[bool] | None = None) -> None:
        node = self.leaf(item_id)
        self._check_writable()
        answer = self.answer(item_id)
        reason = _clean(reason)
        if (counts is not None or parts is not None) and decision != "accept":
            counts, parts = counting.checked(
                node, counts if counts is not None else (answer.counts if answer else None),
                parts if parts is not None else (answer.parts if answer else None))
            status = status if status == "na" else counting.status_for(node, counts, parts)
        elif status not in (None, "na") and decision != "accept" and counting.is_counted(node):
            raise ZwgkError(counting.COUNTED_HINT.format(item_id))
        if decision == "accept":
            if answer is None or answer.status is None:
                raise ZwgkError(f"{item_id} 单位未评，不能认可")
            status, score_value, counts, parts = answer.status, answer.score, None, None
        elif decision in ("adjust", "return"):
            if decision == "adjust" and status is None:
                raise ZwgkError("调整需要给出复核状态")
            if decision == "return" and not reason:
                raise ZwgkError("退回需要写明理由")
            if score_value is not None and (node.points is None or not 0 <= score_value <= node.points):
                raise ZwgkError("复核得分超出分值范围")
        else:
            raise ZwgkError(f"无效的复核决定 {decision!r}")
        entry = self.record.items.setdefault(item_id, ItemRecord())
        if entry.current is not None:
            entry.history.append(entry.current)
        entry.current = Decision.looking_at(answer, decision, status=status, score=score_value,
                                            reason=reason, reviewer=reviewer, at=now(),
                                            counts=counts, parts=parts)
        self._see_submission()

    def _see_submission(self) -> None:
        sub = self.scores.submitted
        if sub is None or self.submission != SUBMITTED:
            return
        if not any(s.digest == sub.digest for s in self.record.submissions):
            self.record.submissions.append(SeenSubmission(sub.digest, sub.at, self.path.name, now()))

    # ------------------------------------------------------------------ the returned copy

    def returned_document(self) -> ScoreFile:
        """The submission as received plus the decisions that apply to it, as the score
        file's review tables: what goes back to the unit."""
        reviews = {k: d.as_review() for k in self.scores.items if (d := self.current(k)) is not None}
        out = self.scores.with_reviews(reviews)
        reviewers = [r.reviewer for r in reviews.values() if r.reviewer]
        out.reviewer = reviewers[-1] if reviewers else ""
        out.reviewed = self.record.updated
        return out

    def write_returned(self, destination: Path) -> Path:
        from zwgk_tui.model.assessment.placing import place_file
        from zwgk_tui.model.assessment.serialize import dumps

        data = dumps(self.returned_document()).encode("utf-8")
        placed = place_file(destination, self.scores, data, replace_own=True)
        self.returned_copy = placed.path
        return placed.path

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        if self.read_only:
            return False
        self.saver.submit(self.store_path, store_mod.dumps_record(self.record).encode("utf-8"))
        return self.state.ok

    def retry(self) -> bool:
        return self.save()

    def flush(self, timeout: float | None = 5.0) -> bool:
        return self.saver.flush(timeout)

    def close(self) -> None:
        """Flush, write the returned copy (``--return-to``) and release the store's lock;
        safe to call twice (quit, end of input, SIGHUP)."""
        try:
            if not self.read_only:
                self.flush()
            if self.return_to is not None and self.returned_copy is None:
                try:
                    self.write_returned(self.return_to)
                except (ZwgkError, OSError) as exc:
                    self.state.error = f"退回文件没有写出：{exc}"
        finally:
            self.saver.close()
            if self.lock is not None:
                self.lock.release()

    def _changed(self) -> None:
        self.record.updated = now()
        self.returned_copy = None   # a new decision: the copy is written again at the end
        self.save()

    def _on_save_result(self, ok: bool, error: str) -> None:
        self.state.ok = ok
        self.state.error = error
        if ok:
            self.state.saves += 1
        for listener in list(self.listeners):
            listener(self.state)

    def _check_writable(self) -> None:
        if self.read_only:
            raise ZwgkError("只读打开：不能复核")


def open_review(checklist: Checklist, path: Path, *, read_only: bool = False, saver: Saver | None = None,
                store: Path | None = None) -> ReviewSession:
    """Open a received file for review against the store; raises ZwgkError (nothing written)
    or LockHeld (another session is reviewing this unit)."""
    path = Path(path)
    scores, submission = read_received(path)
    if scores.checklist_id != checklist.id:
        raise ZwgkError(f"这份记录属于清单 {scores.checklist_id!r}，不是 {checklist.id!r}", path)
    if scores.checklist_sha256 != checklist.sha256:
        from zwgk_tui.model.assessment import drift

        plan = drift.plan(scores, checklist)
        if plan.changes_answers and not read_only:
            raise ZwgkError("这份记录按清单的另一版本评估，且有条目文字不同；请用 --checklist "
                            "指定评估时的清单文件，或加 --read-only 只读查看", path)
        drift.apply(scores, plan, checklist)
    from zwgk_tui.model.assessment.parse import check_against

    problems = check_against(scores, checklist, str(path))
    if problems:
        raise ZwgkError(problems[0].message, problems[0].path, problems[0].line)
    store_path = store_mod.record_path(store_mod.store_root(store), checklist.id, scores.unit)
    lock = None
    if not read_only:
        from zwgk_tui.model.atomic import ensure_private_dir

        try:
            ensure_private_dir(store_path.parent)
        except OSError as exc:
            raise ZwgkError(f"无法建立复核记录文件夹：{exc.strerror}", store_path.parent) from None
        lock = ScoreLock(store_path).acquire()
    try:
        record = store_mod.load_record(store_path, checklist.id, scores.unit)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return ReviewSession(checklist, scores, path, record, store_path, submission=submission,
                         read_only=read_only, lock=lock, saver=saver)


def _later(a: dt.datetime, b: dt.datetime) -> bool:
    try:
        return a > b
    except TypeError:  # one of them without an offset
        return False


def _clean(text: str) -> str:
    from zwgk_tui.textsafe import clean

    return clean(text, keep_newlines=True).strip()[:20_000]
