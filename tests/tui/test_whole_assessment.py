"""A whole assessment of a bundled checklist, driven key by key through the real app,
then read back from disk with tomllib."""

from __future__ import annotations

import tomllib

import pytest

from textual_access import notices
from zwgk_tui.model.assessment.parse import read_scores
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.paths import bundled_checklists_dir
from zwgk_tui.model.scoring import score
from zwgk_tui.tui.screens.assess import AssessScreen
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree

STATUS_KEYS = {"1": "met", "2": "partial", "3": "unmet", "4": "na"}


def bundled_path(checklist_id: str):
    path = bundled_checklists_dir() / f"{checklist_id}.toml"
    if not path.exists():
        pytest.fail(f"bundled checklist {checklist_id} is missing from {bundled_checklists_dir()}")
    return path


@pytest.mark.parametrize("checklist_id", ["2019-guowuyuan"])
async def test_every_item_gets_status_evidence_and_comment(assess_app, tmp_path, checklist_id, see, type_text):
    path = bundled_path(checklist_id)
    checklist = load_checklist(path)
    scores = tmp_path / "全程.toml"
    app = assess_app(path, scores, unit="某县人民政府办公室", assessor="王五")
    expected: dict[str, dict] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(ChecklistTree)
        for n, leaf in enumerate(checklist.leaves):
            assert tree.node.id == leaf.id  # n always lands on the next unanswered item
            key = "1234"[n % 4] if n % 5 else "1"
            await pilot.press(key)
            entry = {"status": STATUS_KEYS[key], "evidence": [f"https://gov.example.cn/{leaf.id}"]}
            await pilot.press("e")  # no evidence yet: the first entry is typed at once
            await type_text(pilot, entry["evidence"][0])
            await pilot.press("enter")
            if n % 3 == 0:
                entry["evidence"].append(f"示政办发〔2019〕{n}号")
                await pilot.press("a")
                await type_text(pilot, entry["evidence"][1])
                await pilot.press("enter")
            await pilot.press("escape")
            entry["note"] = f"第{n}项：已按要求落实"
            await pilot.press("c")
            await type_text(pilot, entry["note"])
            await pilot.press("ctrl+s")
            if n == 2 and leaf.points:
                await pilot.press("p", "1", "enter")
                entry["score"] = 1.0
            expected[leaf.id] = entry
            await pilot.press("n")
        shown = await see(pilot)
        total = checklist and f"已评 {len(checklist.leaves)}/{len(checklist.leaves)} 100%"
        assert total in shown
        assert any("全部条目都已评定" in m for m in notices(app))
        await pilot.press("s")
        assert "未评（0 项）" in await see(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, AssessScreen)
        await pilot.press("q")
    doc = tomllib.loads(scores.read_text(encoding="utf-8"))
    assert doc["unit"] == "某县人民政府办公室" and doc["assessor"] == "王五"
    for item_id, entry in expected.items():
        saved = doc["items"][item_id]
        for field, value in entry.items():
            assert saved[field] == value, (item_id, field)
    totals = score(checklist, read_scores(scores, checklist).items)
    assert totals.complete and totals.answered == len(checklist.leaves)
    assert not scores.with_name(scores.name + ".lock").exists()
