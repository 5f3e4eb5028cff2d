"""Text fields take what is typed: a pre-filled box is selected (typing replaces it), a path
is used as typed, and evidence naming a file says what happened to the file."""

from __future__ import annotations

import hashlib

from textual_access import notices
from zwgk_tui.tui.dialogs.confirm import ConfirmDialog
from zwgk_tui.tui.dialogs.entry import EntryDialog
from zwgk_tui.tui.dialogs.evidence import EvidenceDialog


async def test_a_prefilled_score_is_replaced_by_what_is_typed(assess_app, scores_path, read_toml, type_text):
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await type_text(pilot, "4.5")
        await pilot.press("enter")
        item = app.screen.tree.node.id
        await pilot.press("p")
        assert isinstance(app.screen, EntryDialog)
        await type_text(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
    app.close_session()
    assert read_toml(scores_path)["items"][item]["score"] == 3


async def test_export_path_is_taken_as_typed(assess_app, tmp_path, type_text):
    target = tmp_path / "交上级" / "某县.toml"
    target.parent.mkdir()
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "x")
        assert isinstance(app.screen, EntryDialog)
        await type_text(pilot, str(target))
        await pilot.press("enter", "y")
        await pilot.pause()
    app.close_session()
    assert target.exists()


async def test_evidence_naming_a_missing_file_asks_and_a_present_file_is_hashed(
        assess_app, scores_path, read_toml, tmp_path, type_text):
    missing = tmp_path / "没有这个文件.pdf"
    present = tmp_path / "证据.pdf"
    present.write_bytes(b"%PDF-1.4 evidence")
    digest = hashlib.sha256(present.read_bytes()).hexdigest()
    app = assess_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await type_text(pilot, str(missing))
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "文件不存在" in app.screen.question
        await pilot.press("n")                     # refused: nothing saved, the dialog closes
        await pilot.pause()
        await pilot.press("e")
        await type_text(pilot, str(missing))
        await pilot.press("enter", "y")            # saved on purpose, with a visible warning
        await pilot.pause()
        assert any("文件不存在" in n for n in notices(app))
        assert isinstance(app.screen, EvidenceDialog)
        await pilot.press("a")
        await type_text(pilot, str(present))
        await pilot.press("enter")
        await pilot.pause()
        assert any(f"已记录文件：{present.stat().st_size} 字节，SHA-256 {digest[:8]}" in n for n in notices(app))
    app.close_session()
    items = read_toml(scores_path)["items"]
    (answer,) = items.values()
    assert answer["evidence"] == [str(missing), str(present)]
    assert [f["sha256"] for f in answer["files"]] == [digest]
