"""Reading a score file: bytes → TOML (``decode.py``) → a validated ``ScoreFile``, every
problem with its line. Numbers must be finite and in range, timestamps carry an offset."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.answers import (
    DECISIONS,
    FORMAT,
    VERSION,
    Answer,
    EvidenceFile,
    Review,
    ScoreFile,
    Submission,
    now,
)
from zwgk_tui.model.assessment.decode import (  # noqa: F401  (read from here by other modules)
    MAX_ITEMS,
    parse_document,
    read_score_bytes,
    read_score_file,
)
from zwgk_tui.model.checklist import Checklist, Problem
from zwgk_tui.model.checklist.limits import MAX_POINTS, MAX_PROBLEMS, finite
from zwgk_tui.model.scoring import STATUSES
from zwgk_tui.model.tomlpos import TableLines

MAX_EVIDENCE = 1_000  # evidence entries of one item (a real one has a handful)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def read_scores(path: str | Path, checklist: Checklist | None = None) -> ScoreFile:
    """Load a score file; the first problem is raised as a ZwgkError (file:line: message)."""
    path = Path(path)
    return scores_from_bytes(read_score_bytes(path), path, checklist)


def scores_from_bytes(data: bytes, path: str | Path, checklist: Checklist | None = None) -> ScoreFile:
    """A score file's bytes → ScoreFile; the first problem raised as a ZwgkError."""
    doc, text = parse_document(data, path)
    scores, problems = from_document(doc, text, str(path), checklist)
    if problems:
        first = problems[0]
        raise ZwgkError(first.message, first.path, first.line)
    return scores


def from_document(
    doc: dict[str, Any], text: str, where: str, checklist: Checklist | None = None
) -> tuple[ScoreFile, list[Problem]]:
    """Validate a parsed score document; return the model and every problem found."""
    problems: list[Problem] = []
    lines: TableLines | None = None

    def line_of(table: tuple[str, ...], key: str | None = None) -> int | None:
        nonlocal lines
        if len(problems) >= MAX_PROBLEMS:  # past what is listed: no line looked up
            return None
        if lines is None:
            lines = TableLines(text)
        if key is None:
            return lines.table_line(table, 0)
        return lines.key_line(table, key) or lines.table_line(table, 0)

    def problem(line: int | None, message: str) -> None:
        problems.append(Problem(where, line, message))

    if doc.get("format") != FORMAT:
        problem(line_of((), "format") or 1, f'不是评估记录：format 应为 "{FORMAT}"（现为 {_short(doc.get("format"))}）')
        return _empty(), problems
    if doc.get("version") != VERSION:
        problem(line_of((), "version") or 1, f"不支持的 version {_short(doc.get('version'))}（本程序读取 version = {VERSION}）")
        return _empty(), problems

    def text_key(key: str, required: bool = True) -> str:
        value = doc.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            problem(line_of((), key) or 1, f"缺少 {key}（应为非空字符串）" if required else f"{key} 应为字符串")
            return ""
        return value

    def time_key(table: dict, key: str, where_table: tuple[str, ...], required: bool) -> dt.datetime | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            problem(line_of(where_table, key) or 1, f"{key} 应为带时区的日期时间，如 2026-11-23T10:00:00+08:00"
                    + ("（缺少时区，如 +08:00）" if isinstance(value, dt.datetime) else ""))
            return None
        return value

    sha = text_key("checklist_sha256")
    if sha and not _HEX64.match(sha):
        problem(line_of((), "checklist_sha256"), "checklist_sha256 应为 64 位十六进制数")
    scores = ScoreFile(
        checklist_id=text_key("checklist_id"),
        checklist_sha256=sha,
        unit=text_key("unit"),
        assessor=text_key("assessor", required=False),
        created=time_key(doc, "created", (), True) or now(),
        updated=time_key(doc, "updated", (), True) or now(),
        checklist_title=text_key("checklist_title", required=False) if "checklist_title" in doc else "",
        carried_from=text_key("carried_from", required=False) if "carried_from" in doc else "",
        checklist_path=text_key("checklist_path", required=False) if "checklist_path" in doc else "",
        category=text_key("category", required=False) if "category" in doc else "",
    )
    known = {
        "format", "version", "checklist_id", "checklist_sha256", "checklist_title", "unit",
        "assessor", "created", "updated", "carried_from", "checklist_path", "submitted", "review", "items", "orphans",
        "category",
    }
    scores.extra = {k: v for k, v in doc.items() if k not in known}
    submitted = doc.get("submitted")
    if submitted is not None:
        if not isinstance(submitted, dict) or not isinstance(submitted.get("digest"), str):
            problem(line_of(("submitted",)), "[submitted] 应有 at 与 digest")
        else:
            at = time_key(submitted, "at", ("submitted",), True)
            scores.submitted = Submission(at=at or now(), digest=submitted["digest"], by=str(submitted.get("by", "")))
    review = doc.get("review")
    if review is not None:
        if not isinstance(review, dict):
            problem(line_of(("review",)), "[review] 应为表")
        else:
            scores.reviewer = str(review.get("reviewer", ""))
            scores.reviewed = time_key(review, "updated", ("review",), False)

    for table_name in ("items", "orphans"):
        table = doc.get(table_name, {})
        if not isinstance(table, dict):
            problem(line_of((), table_name), f"{table_name} 应为表")
            continue
        if len(table) > MAX_ITEMS:  # a checklist has hundreds: never validate a flood item by item
            at = text.find(f"[{table_name}")
            problem(text.count("\n", 0, at) + 1 if at >= 0 else None,
                    f"{table_name} 有 {len(table)} 项，超过 {MAX_ITEMS} 项：不是评估记录")
            continue
        target = scores.items if table_name == "items" else scores.orphans
        for item_id, raw in table.items():
            answer = _answer(raw, (table_name, item_id), line_of, problem)
            if answer is not None:
                target[item_id] = answer

    if checklist is not None and not problems:
        problems.extend(check_against(scores, checklist, where, line_of))
    return scores, problems


_ANSWER_KEYS = frozenset({
    "status", "score", "evidence", "note", "files", "text_sha256", "updated", "carried",
    "title", "review", "counts", "parts",
})
MAX_COUNT = 1_000_000  # instances of one rule: far beyond any real count


def _counted(raw: dict, table: tuple[str, ...], what: str, target: Any, line_of, problem) -> None:
    """``counts`` (integers ≥ 0) and ``parts`` (true / false) of an answer or a review."""
    for prefix in ("", "self_") if what == "复核" else ("",):
        key = f"{prefix}counts"
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, list) or not all(
                isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_COUNT for v in value
            ):
                problem(line_of(table, key), f"条目 {table[1]} 的{what} {key} 应为不小于 0 的整数列表，如 [2, 0, 1]")
            else:
                setattr(target, key, list(value))
        key = f"{prefix}parts"
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, list) or not all(isinstance(v, bool) for v in value):
                problem(line_of(table, key), f"条目 {table[1]} 的{what} {key} 应为 true / false 的列表")
            else:
                setattr(target, key, list(value))


def _answer(raw: Any, table: tuple[str, ...], line_of, problem) -> Answer | None:
    item_id = short_id(table[-1])
    if not isinstance(raw, dict):
        problem(line_of(table[:-1], table[-1]), f"条目 {item_id} 应为表")
        return None
    answer = Answer()
    status = raw.get("status")
    if status is not None and status not in STATUSES:
        problem(line_of(table, "status"), f"条目 {item_id} 的状态 {_short(status)} 无效，应为 met / partial / unmet / na")
    else:
        answer.status = status
    score = raw.get("score")
    if score is not None:
        if isinstance(score, bool) or not isinstance(score, int | float) or not finite(score):
            problem(line_of(table, "score"), f"条目 {item_id} 的 score 应为有限的数字（现为 {_short(score)}）")
        elif score < 0:
            problem(line_of(table, "score"), f"条目 {item_id} 的得分为负数（{score}）")
        elif score > MAX_POINTS:
            problem(line_of(table, "score"), f"条目 {item_id} 的得分 {score:g} 超过 {MAX_POINTS}")
        else:
            answer.score = float(score)
    evidence = raw.get("evidence", [])
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        problem(line_of(table, "evidence"), f"条目 {item_id} 的 evidence 应为字符串列表")
    elif len(evidence) > MAX_EVIDENCE:
        problem(line_of(table, "evidence"), f"条目 {item_id} 有 {len(evidence)} 条佐证，超过 {MAX_EVIDENCE} 条")
    else:
        answer.evidence = list(evidence)
    note = raw.get("note", "")
    if not isinstance(note, str):
        problem(line_of(table, "note"), f"条目 {item_id} 的 note 应为字符串")
    else:
        answer.note = note
    for key in ("text_sha256", "carried", "title"):
        value = raw.get(key, "")
        if isinstance(value, str):
            setattr(answer, key, value)
        else:
            problem(line_of(table, key), f"条目 {item_id} 的 {key} 应为字符串")
    updated = raw.get("updated")
    if updated is not None:
        if isinstance(updated, dt.datetime) and updated.tzinfo is not None:
            answer.updated = updated
        else:
            problem(line_of(table, "updated"), f"条目 {item_id} 的 updated 应为带时区的日期时间，"
                    "如 2026-11-23T10:00:00+08:00")
    files = raw.get("files", [])
    if isinstance(files, list) and len(files) > MAX_EVIDENCE:
        problem(line_of(table, "files"), f"条目 {item_id} 有 {len(files)} 条佐证文件记录，超过 {MAX_EVIDENCE} 条")
    elif isinstance(files, list):
        for entry in files:
            if (
                isinstance(entry, dict) and isinstance(entry.get("path"), str)
                and isinstance(entry.get("sha256"), str) and isinstance(entry.get("size"), int)
                and not isinstance(entry["size"], bool) and entry["size"] >= 0
            ):
                answer.files.append(EvidenceFile(entry["path"], entry["sha256"], entry["size"]))
            else:
                problem(line_of(table, "files"), f"条目 {item_id} 的 files 每项应有 path、sha256、size")
                break
    else:
        problem(line_of(table, "files"), f"条目 {item_id} 的 files 应为表的列表")
    _counted(raw, table, "", answer, line_of, problem)
    review = raw.get("review")
    if review is not None:
        answer.review = _review(review, (*table, "review"), item_id, line_of, problem)
    if raw.keys() - _ANSWER_KEYS:
        answer.extra = {k: v for k, v in raw.items() if k not in _ANSWER_KEYS}
    return answer


def _review(raw: Any, table: tuple[str, ...], item_id: str, line_of, problem) -> Review | None:
    if not isinstance(raw, dict) or raw.get("decision") not in DECISIONS:
        problem(line_of(table), f"条目 {item_id} 的复核 decision 应为 accept / adjust / return")
        return None
    review = Review(decision=raw["decision"])
    for key in ("status", "self_status"):
        value = raw.get(key)
        if value is not None and value not in STATUSES:
            problem(line_of(table, key), f"条目 {item_id} 的复核 {key} {_short(value)} 无效")
        else:
            setattr(review, key, value)
    for key in ("score", "self_score"):
        value = raw.get(key)
        if value is None:
            continue
        if (isinstance(value, bool) or not isinstance(value, int | float) or not finite(value)
                or not 0 <= value <= MAX_POINTS):
            problem(line_of(table, key), f"条目 {item_id} 的复核 {key} 应为 0 到 {MAX_POINTS} 之间的数"
                    f"（现为 {_short(value)}）")
        else:
            setattr(review, key, float(value))
    for key in ("reason", "reviewer", "self_digest"):
        value = raw.get(key, "")
        if isinstance(value, str):
            setattr(review, key, value)
        else:
            problem(line_of(table, key), f"条目 {item_id} 的复核 {key} 应为字符串")
    at = raw.get("at")
    if isinstance(at, dt.datetime) and at.tzinfo is not None:
        review.at = at
    elif at is not None:
        problem(line_of(table, "at"), f"条目 {item_id} 的复核 at 应为带时区的日期时间，如 2026-11-25T15:00:00+08:00")
    _counted(raw, table, "复核", review, line_of, problem)
    return review


def check_against(
    scores: ScoreFile, checklist: Checklist, where: str, line_of=None
) -> list[Problem]:
    """Problems of a score file read against the checklist it names."""
    problems: list[Problem] = []

    def line(item_id: str, key: str | None = None) -> int | None:
        return line_of(("items", item_id), key) if line_of else None

    if scores.checklist_id != checklist.id:
        problems.append(Problem(where, line_of((), "checklist_id") if line_of else None,
                                f"属于另一份清单：{_short(scores.checklist_id)}，不是 {_short(checklist.id)}"))
        return problems
    same_version = scores.checklist_sha256 == checklist.sha256
    if scores.category and checklist.categories and scores.category not in checklist.categories:
        problems.append(Problem(where, line_of((), "category") if line_of else None,
                                f"类别 {_short(scores.category)} 不在清单的 categories 中"
                                f"（可选：{'、'.join(checklist.categories)}）"))
    for item_id, answer in scores.items.items():
        node = checklist.by_id.get(item_id)
        if node is None or not node.is_leaf:
            if same_version:
                what = "不是可评估的条目" if node is not None else "在清单中不存在"
                problems.append(Problem(where, line(item_id), f"条目 {short_id(item_id)} {what}"))
            continue
        for value, _key in ((answer.score, "score"), (answer.review.score if answer.review else None, "review")):
            if value is None:
                continue
            if node.points is None:
                problems.append(Problem(where, line(item_id, "score"), f"条目 {item_id} 在清单中没有分值，不能打分"))
            elif value > node.points + 1e-9:
                problems.append(Problem(where, line(item_id, "score"), f"条目 {item_id} 的得分 {value:g} 超过分值 {node.points:g}"))
        if same_version:
            problems.extend(Problem(where, line(item_id, key), message)
                            for key, message in counted_problems(node, answer))
    return problems


def counted_problems(node: Any, answer: Answer) -> list[tuple[str, str]]:
    """Counts and parts that do not fit the item's rules: (key, message)."""
    out: list[tuple[str, str]] = []
    sets = [("", answer.counts, answer.parts)]
    if answer.review is not None:
        sets.append(("复核 ", answer.review.counts, answer.review.parts))
    for what, counts, parts in sets:
        if counts is not None:
            if len(counts) != len(node.rules):
                out.append(("counts", f"条目 {node.id} 的 {what}counts 有 {len(counts)} 个数，清单中本条有 {len(node.rules)} 条规则"))
            else:
                for number, (rule, count) in enumerate(zip(node.rules, counts, strict=True), start=1):
                    if rule.one_off and count > 1:
                        out.append(("counts", f"条目 {node.id} 的 {what}counts 第 {number} 个数为 {count}：一次性规则只能计 0 或 1"))
        if parts is not None and len(parts) != len(node.parts):
            out.append(("parts", f"条目 {node.id} 的 {what}parts 有 {len(parts)} 项，清单中本条有 {len(node.parts)} 个部分"))
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def short_id(item_id: str, limit: int = 40) -> str:
    """An item key as a message names it: a hostile key may be a megabyte long."""
    return item_id if len(item_id) <= limit else item_id[: limit - 1] + "…"


def _empty() -> ScoreFile:
    stamp = now()
    return ScoreFile("", "", "", "", stamp, stamp)
