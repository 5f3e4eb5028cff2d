"""A received score file, checked and reduced to what a report needs: a ``Sheet``.

Files come from other units and are untrusted. Each is read without following symlinks,
size-checked before it is read, parsed and validated by the score-file model, checked
against the supervisor's checklist and its export digest, and scored with
``model.scoring.score`` — the one scoring function. What is wrong is recorded, never raised:
a *rejection* keeps the file out of every figure, a *warning* keeps it in and flags it.
Nothing here prints; the rules are documented in README.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model import counting
from zwgk_tui.model.assessment.answers import ScoreFile, now
from zwgk_tui.model.assessment.parse import from_document, parse_document
from zwgk_tui.model.assessment.submit import verify
from zwgk_tui.model.checklist import Checklist
from zwgk_tui.model.checklist.counted import applies
from zwgk_tui.model.checklist.limits import bounded
from zwgk_tui.model.review.rule import reviewed_answers
from zwgk_tui.model.scoring import score, status_of
from zwgk_tui.textsafe import clean

CODES = {"met": "m", "partial": "p", "unmet": "u", "na": "n", None: "-"}
SUBMITTED, DRAFT = "submitted", "draft"
MAX_NAME = 120        # characters of a unit or assessor name kept
MAX_LISTED = 8        # item ids named in one message
FUTURE_SLACK = dt.timedelta(minutes=5)   # clocks of two accounts on one server may differ a little


@dataclass(slots=True)
class Sheet:
    """One file's verdict and figures (plain values: it is cached as JSON)."""

    path: str
    unit: str = ""
    assessor: str = ""
    updated: str = ""             # ISO time of the officer's last change (newest wins a tie)
    submitted: str = ""           # SUBMITTED or DRAFT ("" when rejected before that check)
    rejected: list[list] = field(default_factory=list)   # [line or None, message]
    warnings: list[list] = field(default_factory=list)
    total: float = 0.0            # earned + capped bonus, with reviewed figures
    bonus: float = 0.0
    maximum: float = 0.0
    percent: float | None = None
    grade: str = ""
    vetoed: list[str] = field(default_factory=list)
    self_total: float | None = None   # the unit's own total, when reviews changed it
    self_percent: float | None = None
    self_grade: str = ""
    answered: int = 0
    leaves: int = 0
    sections: list[list[float]] = field(default_factory=list)  # [earned, maximum, capped bonus]
    statuses: str = ""            # one CODES letter per checklist leaf, reviewed where reviewed
    reviewed: int = 0             # items with a current review
    adjusted: int = 0             # items whose figure a review changed
    returned: int = 0             # items sent back and not yet changed by the unit
    stale: int = 0                # reviews the unit's later change made void
    reviewer: str = ""
    sha256: str = ""              # of the file's bytes
    penalty: float = 0.0          # deducted by 扣分项 (penalty items), after the cap
    deductions: list[list] = field(default_factory=list)  # [leaf index, rule index, count, points]
    submitted_at: str = ""        # ISO time of the export record (newest sound submission wins)
    claims: int = 0               # review tables inside the file: someone else's, not counted
    store_file: str = ""          # the review store record its figures used ("" when none)
    store_sha: str = ""           # … and that record's SHA-256 (a cached sheet must match it)
    owner: int = -1               # the account that owns the file (uid)

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def unanswered(self) -> int:
        return self.leaves - self.answered

    def to_json(self) -> list:
        return [getattr(self, name) for name in _FIELDS]

    @classmethod
    def from_json(cls, values: list) -> Sheet:
        return cls(*values)

    def reject(self, message: str, line: int | None = None) -> Sheet:
        self.rejected.append([line, message])
        return self

    def warn(self, message: str, line: int | None = None) -> None:
        self.warnings.append([line, message])


_FIELDS = tuple(f.name for f in fields(Sheet))
SHA256_AT = _FIELDS.index("sha256")  # where a Sheet's JSON values hold the content hash


def examine(data: bytes, path: str, checklist: Checklist, sha256: str = "",
            store: Path | None = None) -> Sheet:
    """Check one file's bytes against the checklist, with the supervisor's decisions from the
    review store ``store`` (folder; None: no reviews); every problem is recorded, none raised."""
    sheet = Sheet(path, sha256=sha256 or hashlib.sha256(data).hexdigest())
    try:
        _examine(data, sheet, checklist, store)
    except Exception as exc:  # a file must never stop the report: name it and go on
        sheet.reject(f"无法处理（{type(exc).__name__}），未计入")
    return sheet


def _examine(data: bytes, sheet: Sheet, checklist: Checklist, store: Path | None) -> None:
    try:
        doc, text = parse_document(data, sheet.path)
    except ZwgkError as exc:
        sheet.reject(exc.message, exc.line)
        return
    if not isinstance(doc, dict):
        sheet.reject("不是评估记录")
        return
    scores, problems = from_document(doc, text, sheet.path, checklist)
    _names(sheet, scores)
    for problem in bounded(problems):  # at most MAX_PROBLEMS lines, then how many more
        sheet.reject(problem.message, problem.line)
    if problems:
        return
    if scores.checklist_sha256 != checklist.sha256 and not _same_wording(sheet, scores, checklist):
        return
    verified = verify(doc)
    if verified is False:
        sheet.reject("提交后内容被改动：与导出时的摘要不符（请单位重新导出）")
        return
    if verified and scores.submitted is not None:
        claimed = scores.submitted.at
        if claimed.tzinfo is None:
            sheet.reject("提交时间（submitted.at）没有时区，无法与其他提交比较；请单位重新导出")
            return
        if claimed > now() + FUTURE_SLACK:
            sheet.reject(f"提交时间 {claimed.isoformat()} 在将来，不可信：这份文件不计入（请单位重新导出）")
            return
        sheet.submitted_at = claimed.isoformat()
    sheet.submitted = SUBMITTED if verified else DRAFT
    if not verified:
        sheet.warn("未经导出提交（草稿）：内容没有摘要可核验")
    decisions = _decisions(sheet, scores, checklist, store)
    _figures(sheet, scores, checklist, decisions)


def _names(sheet: Sheet, scores: ScoreFile) -> None:
    sheet.updated = scores.updated.isoformat() if scores.updated else ""
    for attr, value in (("unit", scores.unit), ("assessor", scores.assessor)):
        cleaned = " ".join(clean(value, keep_newlines=False).split())
        if len(cleaned) > MAX_NAME:
            cleaned = cleaned[: MAX_NAME - 1] + "…"
        setattr(sheet, attr, cleaned)
    sheet.reviewer = " ".join(clean(scores.reviewer, keep_newlines=False).split())[:MAX_NAME]
    if sheet.unit != scores.unit.strip():
        sheet.warn("单位名称含控制字符、换行或过长，已清理后显示")


def _same_wording(sheet: Sheet, scores: ScoreFile, checklist: Checklist) -> bool:
    """A file made against another version of the checklist counts only where every answer
    it holds is for an item whose wording is still the same (its recorded text hash)."""
    changed = []
    for item_id, answer in scores.items.items():
        node = checklist.by_id.get(item_id)
        if node is None or not node.is_leaf or answer.text_sha256 != node.text_hash:
            changed.append(item_id)
    if changed:
        sheet.reject(
            f"按清单的另一版本评估（checklist_sha256 {scores.checklist_sha256[:12]}…），"
            f"且 {len(changed)} 项的条目已不同：{_ids(changed)}。请用该版本清单汇总（--checklist），"
            "或请单位按现行清单更新后重新导出"
        )
        return False
    sheet.warn(
        f"按清单的另一版本评估（checklist_sha256 {scores.checklist_sha256[:12]}…）；"
        "所答条目文字与现行清单相同，按现行清单计分"
    )
    return True


def _decisions(sheet: Sheet, scores: ScoreFile, checklist: Checklist, store: Path | None) -> dict:
    """The supervisor's own decisions for this unit (the review store); a review table in the
    file itself is only counted as a claim."""
    sheet.claims = sum(1 for a in scores.items.values() if a.review is not None)
    if sheet.claims:
        sheet.warn(f"文件中有 {sheet.claims} 项复核记录，不是本人所作，不计入（本人的复核见复核记录）")
    if store is None:
        return {}
    from zwgk_tui.model.review.store import load_record, record_path

    path = record_path(store, checklist.id, scores.unit)
    sheet.store_file = str(path)
    sheet.store_sha = store_sha(path)
    if not sheet.store_sha:
        return {}
    try:
        return load_record(path, checklist.id, scores.unit).decisions()
    except ZwgkError as exc:
        sheet.warn(f"复核记录无法使用，按自评计：{exc}")
        return {}


def store_sha(path: Path | str) -> str:
    """SHA-256 of a review store record ("" when there is none)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read(16 * 1024 * 1024)).hexdigest()
    except OSError:
        return ""


def _figures(sheet: Sheet, scores: ScoreFile, checklist: Checklist, decisions: dict) -> None:
    answers, counts = reviewed_answers(scores.items, decisions)
    sheet.reviewed, sheet.adjusted = counts.reviewed, counts.adjusted
    sheet.returned, sheet.stale = counts.returned, counts.stale
    totals = score(checklist, answers, scores.category)
    sheet.total, sheet.bonus, sheet.maximum = totals.total, totals.bonus, totals.maximum
    sheet.percent, sheet.grade, sheet.vetoed = totals.percent, totals.grade, list(totals.vetoed_by)
    sheet.answered, sheet.leaves = totals.answered, totals.leaves
    sheet.sections = [
        [totals.nodes[s.id].earned, totals.nodes[s.id].maximum, totals.capped_bonus(s.id)]
        for s in checklist.sections
    ]
    sheet.penalty = totals.penalty
    codes = []
    for index, leaf in enumerate(checklist.leaves):
        answer = answers.get(leaf.id)
        if not applies(leaf, scores.category):
            codes.append(CODES["na"])  # not for this kind of unit: counted as 不适用
            continue
        codes.append("-" if answer is None else CODES[status_of(leaf, answer)])
        if answer is not None and leaf.rules and answer.status not in (None, "na"):
            for rule_index, outcome in enumerate(counting.outcomes(leaf, answer.counts)):
                if outcome.rule.is_deduct and outcome.count > 0:
                    sheet.deductions.append([index, rule_index, outcome.count, outcome.points])
    sheet.statuses = "".join(codes)
    if sheet.adjusted:
        own = score(checklist, scores.items, scores.category)
        sheet.self_total, sheet.self_percent, sheet.self_grade = own.total, own.percent, own.grade
    if totals.unanswered:
        sheet.warn(f"未评 {len(totals.unanswered)} 项：{_ids(totals.unanswered)}")
    carried = [k for k, a in scores.items.items() if a.carried and a.status is not None]
    if carried:
        sheet.warn(f"沿用上年的答案 {len(carried)} 项尚未确认：{_ids(carried)}")
    if sheet.returned:
        sheet.warn(f"复核退回 {sheet.returned} 项，单位尚未修改")
    if sheet.stale:
        sheet.warn(f"{sheet.stale} 项在复核后被单位修改，待再次复核（按自评计）")
    if scores.orphans:
        sheet.warn(f"{len(scores.orphans)} 条旧答案无法对应现行清单（orphans），不计分")


def _ids(ids: list[str]) -> str:
    shown = "、".join(clean(i, keep_newlines=False)[:20] for i in ids[:MAX_LISTED])
    return shown + ("等" if len(ids) > MAX_LISTED else "")
