"""Real exported score files of a bundled checklist, the review app built as the CLI builds
it, and the figures computed here from the README's rules (not by the model)."""

from __future__ import annotations

import datetime as dt
import io
import sys
import tomllib
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.assessment.submit import export
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.paths import bundled_checklists_dir

ROOT = Path(__file__).resolve().parents[2]
ZWGK = ROOT / ".venv" / "bin" / "zwgk"
GUOWUYUAN = bundled_checklists_dir() / "2019-guowuyuan.toml"
CYCLE = ("met", "met", "partial", "unmet", "na")
HOSTILE_NOTE = "已落实\x1b[31m红色\x1b[0m[bold]不是标记[/bold]\u202e倒序\x07"
FIXED = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def leaf_points(checklist_path: Path = GUOWUYUAN) -> dict[str, float]:
    """id -> points of every leaf, read straight from the TOML."""
    doc = tomllib.loads(checklist_path.read_text("utf-8"))
    found: dict[str, float] = {}

    def walk(node: dict) -> None:
        if node.get("items"):
            for child in node["items"]:
                walk(child)
        else:
            found[node["id"]] = float(node.get("points", 0))

    for section in doc["sections"]:
        walk(section)
    return found


def figures(answers: dict[str, tuple[str | None, float | None]], checklist_path: Path = GUOWUYUAN):
    """(total, maximum, percent, grade) by the README's rules: 达标 all points, 基本达标 half
    (this checklist sets no [scoring]), 未达标 none, 不适用 out of the maximum, a score replaces
    the status value; grades 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60."""
    total = maximum = 0.0
    for item_id, points in leaf_points(checklist_path).items():
        status, value = answers.get(item_id, (None, None))
        if status == "na":
            continue
        maximum += points
        if status is None:
            continue
        if value is not None:
            total += min(value, points)
        elif status == "met":
            total += points
        elif status == "partial":
            total += points * 0.5
    percent = 100 * total / maximum
    grade = next(g for g, m in (("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", -1)) if percent >= m - 1e-9)
    return total, maximum, percent, grade


def num(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0")


@dataclass
class Received:
    """A unit's file as the supervisor received it, and what the unit answered."""

    path: Path
    answers: dict[str, tuple[str | None, float | None]]
    evidence_file: Path

    def file_doc(self) -> dict:
        """The unit's file itself (a review never writes it)."""
        return tomllib.loads(self.path.read_text("utf-8"))

    def store_doc(self) -> dict:
        """The supervisor's review store record for this unit ({} when none yet)."""
        doc = self.file_doc()
        path = store_path(doc["checklist_id"], doc["unit"])
        return tomllib.loads(path.read_text("utf-8")) if path.exists() else {}

    def doc(self) -> dict:
        """The file as received with the supervisor's current decisions beside each item, in
        the score file's ``review`` shape: what the returned copy carries."""
        doc = self.file_doc()
        decisions = {k: v for k, v in self.store_doc().get("items", {}).items() if "decision" in v}
        for item_id, decision in decisions.items():
            table = {k: v for k, v in decision.items() if k not in ("history", "seen_evidence", "seen_note")}
            doc["items"].setdefault(item_id, {})["review"] = table
        if decisions:
            last = max(decisions.values(), key=lambda d: d.get("at"))
            doc["review"] = {"reviewer": last.get("reviewer", "")}
        return doc


def store_path(checklist_id: str, unit: str) -> Path:
    from zwgk_tui.model.review.store import record_path, store_root

    return record_path(store_root(), checklist_id, unit)


def make_received(tmp_path: Path, *, unit: str = "某县人民政府办公室", submit: bool = True) -> Received:
    """The officer's real work: Assessment (as both faces use it) → ``zwgk export``'s model."""
    checklist = load_checklist(GUOWUYUAN)
    officer = tmp_path / "officer"
    officer.mkdir(exist_ok=True)
    evidence = officer / "解读材料.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    draft = officer / "draft.toml"
    session = Assessment.open(checklist, draft, unit=unit, assessor="张三", saver=SyncSaver())
    answers = {}
    for n, leaf in enumerate(checklist.leaves):
        status = CYCLE[n % len(CYCLE)]
        session.set_status(leaf.id, status)
        session.add_evidence(leaf.id, f"https://www.example.gov.cn/zwgk/{leaf.id}.html")
        answers[leaf.id] = (status, None)
    session.add_evidence("1.1", str(evidence))
    session.set_note("1.1", HOSTILE_NOTE)
    session.close()
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    target = inbox / f"{unit}.toml"
    if submit:
        export(draft, target, checklist)
    else:
        target.write_bytes(draft.read_bytes())
    return Received(target, answers, evidence)


@pytest.fixture
def received(tmp_path) -> Received:
    return make_received(tmp_path)


@pytest.fixture
def checklist():
    return load_checklist(GUOWUYUAN)


@pytest.fixture
def review_app(checklist):
    from zwgk_tui.tui.factory import ReviewTarget, make_app

    def make(path: Path, *, reviewer: str = "李四", read_only: bool = False, **options):
        """What ``zwgk review`` runs: the one way into the app (factory.make_app)."""
        return make_app(review=ReviewTarget(checklist, Path(path), reviewer, read_only=read_only), **options)

    return make


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def zwgk(monkeypatch):
    """The real command in this process (its main(), exit statuses included)."""
    from zwgk_tui.cli import main

    def run(*args, stdin: str = "") -> Run:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "argv", ["zwgk", *map(str, args)])
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
        code = 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        return Run(code, out.getvalue(), err.getvalue())

    return run


BIDI = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def assert_plain_text(out: str) -> None:
    """No escape sequence, no control character but newline, no bidi control."""
    assert "\x1b" not in out
    for ch in out:
        if ch != "\n":
            assert unicodedata.category(ch) != "Cc", repr(ch)
            assert ch not in BIDI, repr(ch)
