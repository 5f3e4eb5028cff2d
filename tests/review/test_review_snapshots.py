"""The review screen and its summary as SVG snapshots: 80×24 and 120×40, default and
high-contrast (plus the return dialog, and every screen under NO_COLOR). Fixed data: the frozen 2019 checklist of the TUI
tests, fixed timestamps, an evidence file at a path that does not exist (so it always says
不存在). Each snapshot was rendered to PNG and looked at before it was accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_tui.model.assessment.answers import Answer, EvidenceFile, ScoreFile
from zwgk_tui.model.assessment.serialize import dumps
from zwgk_tui.model.assessment.submit import submit
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.review.store import (
    Decision,
    ItemRecord,
    ReviewRecord,
    dumps_record,
    record_path,
    store_root,
)
from zwgk_tui.tui.factory import ReviewTarget, make_app

from .conftest import FIXED

FROZEN = Path(__file__).resolve().parents[1] / "tui" / "data" / "checklists" / "2019-guowuyuan.toml"
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
THEMES = ("default", "high-contrast")
SCREENS = {"review": (), "summary": ("s",)}


def fixed_file(path: Path) -> Path:
    checklist = load_checklist(FROZEN)
    scores = ScoreFile(checklist_id=checklist.id, checklist_sha256=checklist.sha256, unit="某县人民政府办公室",
                       assessor="张三", created=FIXED, updated=FIXED, checklist_title=checklist.title)
    cycle = ("met", "met", "partial", "unmet", "na")
    for n, leaf in enumerate(checklist.leaves):
        scores.items[leaf.id] = Answer(status=cycle[n % 5], evidence=[f"https://www.example.gov.cn/zwgk/{leaf.id}.html"],
                                       text_sha256=leaf.text_hash, updated=FIXED)
    scores.items["1.1"].note = "已在门户网站政策解读专栏发布解读 36 篇。"
    first = scores.items["2.1"]
    first.evidence.append("/srv/zwgk/证据/2.1-决策预公开.pdf")
    first.files = [EvidenceFile("/srv/zwgk/证据/2.1-决策预公开.pdf", "0" * 64, 183204)]
    first.note = "全年预公开重大决策草案 2 件。"

    record = ReviewRecord(checklist.id, scores.unit, FIXED)

    def review(item_id: str, decision: str, **kwargs) -> None:
        """A decision in the supervisor's review store (what ``zwgk review`` records)."""
        answer = scores.items[item_id]
        record.items[item_id] = ItemRecord(Decision.looking_at(answer, decision, reviewer="李四", at=FIXED,
                                                               **kwargs))

    review("1.1", "accept", status="met")
    review("1.2", "adjust", status="partial", reason="解读材料只有一半，请补充链接")
    review("1.3", "return", reason="未附解读材料，请补充后重新提交")
    review("2.1", "return", status="partial", reason="请补充预公开的链接")
    scores.items["2.1"].status = "partial"            # the unit changed it afterwards: to review again
    store = record_path(store_root(), checklist.id, scores.unit)
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(dumps_record(record), encoding="utf-8")
    submit(scores)
    assert scores.submitted is not None
    scores.submitted.at = FIXED
    path.write_text(dumps(scores), encoding="utf-8")
    return path


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_review_screens(snap_compare, tmp_path, screen, size, theme):
    app = make_app(review=ReviewTarget(load_checklist(FROZEN), fixed_file(tmp_path / "unit.toml"), "李四"), theme=theme)
    assert snap_compare(app, press=SCREENS[screen], terminal_size=SIZES[size])


def test_return_dialog(snap_compare, tmp_path):
    app = make_app(review=ReviewTarget(load_checklist(FROZEN), fixed_file(tmp_path / "unit.toml"), "李四"))
    assert snap_compare(app, press=("down", "r"), terminal_size=(80, 24))


@pytest.mark.parametrize("screen", [*SCREENS, "return"])
def test_review_no_color(snap_compare, tmp_path, monkeypatch, screen):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(review=ReviewTarget(load_checklist(FROZEN), fixed_file(tmp_path / "unit.toml"), "李四"))
    press = ("down", "r") if screen == "return" else SCREENS[screen]
    assert snap_compare(app, press=press, terminal_size=(80, 24))
