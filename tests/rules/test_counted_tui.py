"""The counts dialog (k) driven by Pilot in the real app: errors shown in place, nothing saved
until Enter, a status key refused on a counted item, the detail pane's sentence."""

from __future__ import annotations

import tomllib

from textual.widgets import Static

from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.tui.dialogs.counts import CountsDialog
from zwgk_tui.tui.factory import make_app
from zwgk_tui.tui.flow import AssessTarget


def app_for(counted_path, scores):
    return make_app(target=AssessTarget(load_checklist(counted_path), scores, unit="甲区", assessor="张三"))


def items(path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("items", {})


async def test_counts_dialog_in_the_app(tmp_path, counted_path):
    scores = tmp_path / "s.toml"
    app = app_for(counted_path, scores)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down")            # 1.2: one rule, 扣5分 once (one-off)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CountsDialog)
        await pilot.press("2", "enter")       # a one-off rule counts 0 or 1
        await pilot.pause()
        error = str(app.screen.query_one("#counts-error", Static).render())
        assert "一次性规则" in error and isinstance(app.screen, CountsDialog)
        await pilot.press("backspace", "1")
        await pilot.pause()
        assert "得分：扣 5 分：得 5 分，满分 10 分" in str(app.screen.query_one("#counts-result", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CountsDialog)
        app.screen.session.flush()
        assert items(scores)["1.2"]["counts"] == [1] and items(scores)["1.2"]["status"] == "partial"
        assert "计分：扣 5 分：得 5 分，满分 10 分" in app.screen.detail.text

        await pilot.press("3")                # a status key on a counted item: refused
        await pilot.pause()
        assert items(scores)["1.2"]["status"] == "partial"

        await pilot.press("k", "escape")      # nothing changed: Escape just closes
        await pilot.pause()
        assert not isinstance(app.screen, CountsDialog)

        app.screen.tree.select("3.1")        # no rules: k says so, no dialog
        await pilot.press("k")
        await pilot.pause()
        assert not isinstance(app.screen, CountsDialog)
        await pilot.press("q")
