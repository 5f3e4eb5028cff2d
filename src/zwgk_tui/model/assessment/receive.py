"""``zwgk scores receive``: the supervisor's returned copy comes back to the officer.

The returned copy is the unit's own submission plus the supervisor's decisions as review
tables. It arrives by any route (a shared folder, e-mail, a USB stick), so it is read
through the guarded reader and trusted for nothing but what the officer reads: its reviews
are merged into the officer's own score file (same unit and checklist, under the file's
lock, atomically); the officer's answers are never taken from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.lock import LockHeld, ScoreLock
from zwgk_tui.model.assessment.parse import from_document, parse_document, read_scores
from zwgk_tui.model.assessment.serialize import dumps
from zwgk_tui.model.atomic import atomic_write
from zwgk_tui.model.paths import default_score_path
from zwgk_tui.model.untrusted import Unreadable, read_untrusted


@dataclass(slots=True)
class Received:
    path: Path                                                     # the officer's file
    returned: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)
    accepted: list[str] = field(default_factory=list)
    adjusted: list[str] = field(default_factory=list)
    changed_since: list[str] = field(default_factory=list)         # reviews of answers changed since
    checklist_id: str = ""
    unit: str = ""

    def lines(self) -> list[str]:
        out = []
        parts = []
        if self.returned:
            parts.append(f"退回 {len(self.returned)} 项：{'、'.join(i for i, _ in self.returned)}")
        if self.adjusted:
            parts.append(f"调整 {len(self.adjusted)} 项：{'、'.join(self.adjusted)}")
        if self.accepted:
            parts.append(f"认可 {len(self.accepted)} 项")
        out.append("；".join(parts) + "。" if parts else "退回文件中没有复核决定。")
        for item_id, reason in self.returned:
            out.append(f"  退回 {item_id}：{reason or '未写理由'}")
        if self.changed_since:
            out.append(f"其中 {'、'.join(self.changed_since)} 在提交后已经改过，不在退回工作清单中。")
        out.append(f"已并入：{self.path}")
        if self.returned:
            out.append(f"打开退回的条目：zwgk assess {self.checklist_id} --scores {self.path}"
                       "（改完后重新 zwgk export）")
        return out


def receive(returned_path: Path, scores_path: Path | None = None) -> Received:
    """Merge the reviews of ``returned_path`` into the officer's own file."""
    try:
        data, _ = read_untrusted(str(returned_path))
    except Unreadable as exc:
        raise ZwgkError(str(exc), returned_path) from None
    doc, text = parse_document(data, returned_path)
    if not isinstance(doc, dict):
        raise ZwgkError("不是评估记录", returned_path)
    back, problems = from_document(doc, text, str(returned_path))
    if problems:
        raise ZwgkError(problems[0].message, problems[0].path, problems[0].line)
    target = Path(scores_path) if scores_path is not None else default_score_path(back.checklist_id, back.unit)
    if not target.exists():
        raise ZwgkError(f"找不到本人的评估记录（{back.checklist_id} / {back.unit}）；请用 --scores 指定", target)
    try:
        lock = ScoreLock(target).acquire()
    except LockHeld as held:
        who = held.info.describe() if held.info else "另一个会话"
        raise ZwgkError(f"这份评估记录正由 {who} 编辑；请先退出评估，再接收退回文件", target) from None
    try:
        own = read_scores(target)
        if (own.checklist_id, own.unit) != (back.checklist_id, back.unit):
            raise ZwgkError(f"退回文件属于 {back.unit!r}（清单 {back.checklist_id}），"
                            f"不是这份记录的 {own.unit!r}（清单 {own.checklist_id}）", returned_path)
        result = Received(target, checklist_id=own.checklist_id, unit=own.unit)
        for answer in own.items.values():
            answer.review = None
        for item_id, sent in back.items.items():
            if sent.review is None:
                continue
            answer = own.answer(item_id)
            answer.review = sent.review
            if not answer.review_current:
                result.changed_since.append(item_id)
            elif sent.review.decision == "return":
                result.returned.append((item_id, sent.review.reason))
            elif sent.review.decision == "adjust":
                result.adjusted.append(item_id)
            else:
                result.accepted.append(item_id)
        own.reviewer, own.reviewed = back.reviewer, back.reviewed
        atomic_write(target, dumps(own).encode("utf-8"))
        return result
    except OSError as exc:
        raise ZwgkError(f"无法写入：{exc.strerror}", target) from None
    finally:
        lock.release()
