"""One unit's assessment against a checklist: every change is saved at once.

Both faces (the TUI and the plain line mode) and the reviewer drive this class; neither
touches the score file directly. A failed save (full disk, read-only folder) keeps every
answer in memory, says so through ``save_error``, and the next change or ``retry()`` writes
the whole file again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import counting
from zwgk_tui.model.assessment import drift as drift_mod
from zwgk_tui.model.assessment.answers import Answer, Review, ScoreFile, now
from zwgk_tui.model.assessment.evidence import absolute_path, file_record
from zwgk_tui.model.assessment.lock import LockInfo, ScoreLock
from zwgk_tui.model.assessment.parse import check_against, read_scores
from zwgk_tui.model.assessment.saver import Saver, SyncSaver
from zwgk_tui.model.assessment.serialize import dumps
from zwgk_tui.model.checklist import Checklist, Node
from zwgk_tui.model.scoring import STATUSES, Totals, score

MAX_TEXT = 20_000  # characters in one note or evidence entry


@dataclass(slots=True)
class SaveState:
    ok: bool = True
    error: str = ""
    saves: int = 0


class Assessment:
    """An open score file bound to its checklist."""

    def __init__(
        self,
        checklist: Checklist,
        scores: ScoreFile,
        path: Path,
        *,
        read_only: bool = False,
        lock: ScoreLock | None = None,
        saver: Saver | None = None,
        drift: drift_mod.DriftPlan | None = None,
    ) -> None:
        self.checklist = checklist
        self.scores = scores
        self.path = path
        self.read_only = read_only
        self.lock = lock
        self.saver = saver or SyncSaver()
        self.saver.on_result = self._on_save_result
        self.state = SaveState()
        self.drift = drift  # pending: the caller shows it and calls accept_drift()
        self.listeners: list[Callable[[SaveState], None]] = []
        self._totals: Totals | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        checklist: Checklist,
        path: str | Path,
        *,
        unit: str = "",
        assessor: str = "",
        read_only: bool = False,
        saver: Saver | None = None,
    ) -> Assessment:
        """Open (or create) a score file. A file that does not parse raises, untouched.

        Raises ``LockHeld`` when another live session holds it (reopen with read_only).
        """
        path = Path(path)
        lock = None
        if not read_only:
            _ensure_parent(path)
            lock = ScoreLock(path).acquire()
        try:
            if path.exists() or path.is_symlink():
                if path.is_symlink():
                    raise ZwgkError("评估记录是符号链接，为安全起见不打开", path)
                scores = read_scores(path)
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
                if not session.state.ok:
                    raise ZwgkError(f"无法创建评估记录：{session.state.error}", path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return session

    @property
    def took_over(self) -> LockInfo | None:
        """A dead session whose lock this one took over (to tell the user)."""
        return self.lock.took_over if self.lock else None

    def accept_drift(self) -> None:
        if self.drift is None:
            return
        drift_mod.apply(self.scores, self.drift, self.checklist)
        self.drift = None
        self._changed()

    # ------------------------------------------------------------------ reading

    def answer(self, item_id: str) -> Answer | None:
        return self.scores.items.get(item_id)

    def totals(self) -> Totals:
        if self._totals is None:
            self._totals = score(self.checklist, self.scores.items, self.scores.category)
        return self._totals

    def leaf(self, item_id: str) -> Node:
        node = self.checklist.by_id.get(item_id)
        if node is None:
            raise ZwgkError(f"没有编号为 {item_id} 的条目")
        if not node.is_leaf:
            raise ZwgkError(f"{item_id} 有下级条目，请对下级条目逐项评估")
        return node

    def reworded(self, item_id: str) -> bool:
        """The item's wording changed since it was answered (after a checklist edit)."""
        answer = self.answer(item_id)
        node = self.checklist.by_id.get(item_id)
        return bool(answer and node and answer.text_sha256 and answer.text_sha256 != node.text_hash)

    def returned_items(self) -> list[str]:
        """Items the reviewer sent back, in checklist order: the officer's worklist."""
        return [leaf.id for leaf in self.checklist.leaves
                if (a := self.answer(leaf.id)) is not None and a.returned]

    def carried_items(self) -> list[str]:
        return [leaf.id for leaf in self.checklist.leaves
                if (a := self.answer(leaf.id)) is not None and a.carried]

    # ------------------------------------------------------------------ changing

    def set_status(self, item_id: str, status: str | None) -> None:
        if status is not None and status not in STATUSES:
            raise ZwgkError(f"无效的状态 {status!r}")
        node = self.leaf(item_id)
        if status not in (None, "na") and counting.is_counted(node):
            raise ZwgkError(counting.COUNTED_HINT.format(item_id))
        answer = self._touch(item_id, node)
        answer.status = status
        if status == "na":
            answer.score = None
        if status is None:
            answer.counts = answer.parts = None
        self._changed()

    def set_counts(self, item_id: str, counts: list[int] | None, parts: list[bool] | None = None) -> None:
        """The counts of a counted item's rules and the parts it meets: they answer it, and
        its status follows from the score they give."""
        node = self.leaf(item_id)
        counts, parts = counting.checked(node, counts, parts)
        answer = self._touch(item_id, node)
        answer.counts, answer.parts, answer.score = counts, parts, None
        answer.status = counting.status_for(node, counts, parts)
        self._changed()

    def set_score(self, item_id: str, value: float | None) -> None:
        node = self.leaf(item_id)
        if value is not None and counting.is_counted(node):
            raise ZwgkError(counting.COUNTED_HINT.format(item_id))
        if value is not None:
            if node.points is None:
                raise ZwgkError(f"条目 {item_id} 没有分值，不能打分")
            if not 0 <= value <= node.points:
                raise ZwgkError(f"得分应在 0 到 {node.points:g} 之间")
        answer = self._touch(item_id, node)
        answer.score = value
        self._changed()

    def set_category(self, code: str) -> None:
        """The kind of unit (a code of the checklist's ``categories``): which items count."""
        if code not in self.checklist.categories:
            known = "、".join(f"{c}（{n}）" for c, n in self.checklist.categories.items()) or "无（此清单不分类别）"
            raise ZwgkError(f"清单中没有类别 {code!r}；可选：{known}")
        self._check_writable()
        self.scores.category = code
        self._changed()

    def add_evidence(self, item_id: str, text: str) -> None:
        text = _clean(text)
        if not text:
            raise ZwgkError("佐证材料不能为空")
        node = self.leaf(item_id)
        answer = self._touch(item_id, node)
        answer.evidence.append(text)
        record = file_record(text)
        if record is not None:
            answer.files = [f for f in answer.files if f.path != record.path] + [record]
        self._changed()

    def set_evidence(self, item_id: str, index: int, text: str) -> None:
        node = self.leaf(item_id)
        answer = self._touch(item_id, node)
        text = _clean(text)
        old = answer.evidence[index]
        if text:
            answer.evidence[index] = text
        else:
            del answer.evidence[index]
        if old not in answer.evidence:
            answer.files = [f for f in answer.files if f.path != absolute_path(old)]
        if text and (record := file_record(text)) is not None:
            answer.files = [f for f in answer.files if f.path != record.path] + [record]
        self._changed()

    def remove_evidence(self, item_id: str, index: int) -> None:
        self.set_evidence(item_id, index, "")

    def set_note(self, item_id: str, text: str) -> None:
        node = self.leaf(item_id)
        answer = self._touch(item_id, node)
        answer.note = _clean(text, keep_newlines=True)
        self._changed()

    def confirm_carried(self, item_id: str) -> None:
        node = self.leaf(item_id)
        answer = self._touch(item_id, node)
        answer.carried = ""
        self._changed()

    def review(self, item_id: str, decision: str, *, status: str | None = None,
               score_value: float | None = None, reason: str = "", reviewer: str = "",
               counts: list[int] | None = None, parts: list[bool] | None = None) -> None:
        """Record a supervisor's decision; the officer's self-assessment stays as it is. On a
        counted item the reviewer gives counts (and parts), and the status follows from them."""
        node = self.leaf(item_id)
        self._check_writable()
        answer = self.scores.answer(item_id)
        if (counts is not None or parts is not None) and decision != "accept":
            counts, parts = counting.checked(node, counts if counts is not None else answer.counts,
                                             parts if parts is not None else answer.parts)
            status = status if status == "na" else counting.status_for(node, counts, parts)
        elif status not in (None, "na") and decision != "accept" and counting.is_counted(node):
            raise ZwgkError(counting.COUNTED_HINT.format(item_id))
        if decision == "accept":
            status, score_value, counts, parts = answer.status, answer.score, None, None
        elif decision in ("adjust", "return"):
            if decision == "adjust" and status is None:
                raise ZwgkError("调整需要给出复核状态")
            if decision == "return" and not reason.strip():
                raise ZwgkError("退回需要写明理由")
            if score_value is not None and (node.points is None or not 0 <= score_value <= node.points):
                raise ZwgkError("复核得分超出分值范围")
        else:
            raise ZwgkError(f"无效的复核决定 {decision!r}")
        answer.review = Review(
            decision=decision, status=status, score=score_value, reason=_clean(reason, keep_newlines=True),
            reviewer=reviewer or self.scores.reviewer, at=now(),
            self_status=answer.status, self_score=answer.score, counts=counts, parts=parts,
            self_counts=_copy(answer.counts), self_parts=_copy(answer.parts),
        )
        self.scores.reviewer = reviewer or self.scores.reviewer
        self.scores.reviewed = now()
        self._changed(officer=False)

    def mark_submitted(self, submission) -> None:
        """`zwgk export` sent exactly this content: say so in the officer's own file."""
        self._check_writable()
        self.scores.submitted = submission
        self.save()

    def clear_review(self, item_id: str) -> None:
        self._check_writable()
        answer = self.answer(item_id)
        if answer is not None and answer.review is not None:
            answer.review = None
            self._changed(officer=False)

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Write the whole file now (atomically). False when it failed: see ``state``."""
        if self.read_only:
            return False
        self.saver.submit(self.path, dumps(self.scores).encode("utf-8"))
        return self.state.ok

    def retry(self) -> bool:
        return self.save()

    def flush(self, timeout: float | None = 5.0) -> bool:
        return self.saver.flush(timeout)

    def close(self) -> None:
        """Flush pending writes and release the lock (safe to call twice)."""
        try:
            if not self.read_only:
                self.flush()
        finally:
            self.saver.close()
            if self.lock is not None:
                self.lock.release()

    def _on_save_result(self, ok: bool, error: str) -> None:
        self.state.ok = ok
        self.state.error = error
        if ok:
            self.state.saves += 1
        for listener in list(self.listeners):
            listener(self.state)

    def _check_writable(self) -> None:
        if self.read_only:
            raise ZwgkError("只读打开：不能修改")

    def _touch(self, item_id: str, node: Node) -> Answer:
        self._check_writable()
        answer = self.scores.answer(item_id)
        answer.text_sha256 = node.text_hash
        answer.updated = now()
        answer.carried = ""  # the officer has looked at it: a carried answer is confirmed
        return answer

    def _changed(self, *, officer: bool = True) -> None:
        self._totals = None
        self.scores.updated = now() if officer else self.scores.updated
        if officer:
            self.scores.submitted = None  # an edited file is a draft until exported again
        self.save()


def _copy(values: list | None) -> list | None:
    return None if values is None else list(values)


def _clean(text: str, *, keep_newlines: bool = False) -> str:
    """Text typed by a user: escape sequences, controls and bidi overrides out, length bounded."""
    from zwgk_tui.textsafe import clean

    return clean(text, keep_newlines=keep_newlines).strip()[:MAX_TEXT]


def _ensure_parent(path: Path) -> None:
    from zwgk_tui.model.atomic import ensure_private_dir

    if not path.parent.exists():
        ensure_private_dir(path.parent)
