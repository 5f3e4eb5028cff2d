"""Fixtures for driving the real app (built by the factory) and reading what it shows and saves."""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from zwgk_tui.model.assessment.answers import Answer, Review, ScoreFile
from zwgk_tui.model.assessment.lock import ScoreLock
from zwgk_tui.model.assessment.serialize import dumps
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.paths import bundled_checklists_dir
from zwgk_tui.tui.app import ZwgkApp
from zwgk_tui.tui.factory import make_app
from zwgk_tui.tui.flow import AssessTarget

DATA = Path(__file__).resolve().parent.parent / "data"
FIXED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def read_toml() -> Callable[[Path], dict]:
    def read(path: Path) -> dict:
        return tomllib.loads(path.read_text(encoding="utf-8"))

    return read


@pytest.fixture
def scores_path(tmp_path: Path) -> Path:
    return tmp_path / "scores" / "示例县.toml"


@pytest.fixture
def assess_app(mini_path: Path, scores_path: Path) -> Callable[..., ZwgkApp]:
    """An app opened straight on an assessment (as ``zwgk assess`` does)."""

    def build(checklist: Path | None = None, scores: Path | None = None, *, unit: str = "示例县政府办公室",
              assessor: str = "张三", read_only: bool = False, carry_from: Path | None = None,
              **options) -> ZwgkApp:
        target = AssessTarget(load_checklist(checklist or mini_path), scores or scores_path, unit=unit,
                              assessor=assessor, read_only=read_only, carry_from=carry_from)
        return make_app(target=target, **options)

    return build


def bundled() -> list[Path]:
    return sorted(bundled_checklists_dir().glob("*.toml"))


@pytest.fixture
def write_scores(mini_path: Path) -> Callable[..., Path]:
    """A score file on disk with fixed timestamps (for resuming, returned items, snapshots)."""

    def write(path: Path, answers: dict[str, Answer], *, checklist: Path | None = None,
              unit: str = "示例县政府办公室", submitted: bool = False) -> Path:
        cl = load_checklist(checklist or mini_path)
        scores = ScoreFile(checklist_id=cl.id, checklist_sha256=cl.sha256, unit=unit, assessor="张三",
                           created=FIXED, updated=FIXED, checklist_title=cl.title,
                           checklist_path=str(cl.path.resolve()))
        for item_id, answer in answers.items():
            answer.text_sha256 = answer.text_sha256 or cl.by_id[item_id].text_hash
            answer.updated = FIXED
            scores.items[item_id] = answer
        if submitted:
            from zwgk_tui.model.assessment.submit import submit

            submit(scores)
            assert scores.submitted is not None
            scores.submitted.at = FIXED
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(scores), encoding="utf-8")
        return path

    return write


def returned(status: str, reason: str) -> Answer:
    """An answer the reviewer sent back."""
    return Answer(status=status, evidence=["https://example.gov.cn/a"], review=Review(
        decision="return", reason=reason, reviewer="李复核", at=FIXED, self_status=status))


@pytest.fixture
def make_returned() -> Callable[[str, str], Answer]:
    return returned


@pytest.fixture
def bundled_checklists() -> list[Path]:
    return bundled()


@pytest.fixture
def hold_lock():
    """Another live session on a score file (flock on another descriptor), with fixed details."""
    held: list[ScoreLock] = []

    def hold(scores_path: Path) -> ScoreLock:
        lock = ScoreLock(scores_path).acquire()
        info = json.dumps({"user": "wangwu", "host": "zwgk-server", "pid": 4242,
                           "since": "2026-11-20T09:00:00+08:00"}).encode()
        os.pwrite(lock.fd, info, 0)
        os.ftruncate(lock.fd, len(info))
        held.append(lock)
        return lock

    yield hold
    for lock in held:
        lock.release()
