"""Keys remapped through the config file, and bindings.py as the single source of the keys."""

from __future__ import annotations

from textual_access import notices
from zwgk_tui.model.paths import config_file
from zwgk_tui.tui.bindings import KEYS
from zwgk_tui.tui.screens.assess import AssessScreen
from zwgk_tui.tui.screens.help import help_text
from zwgk_tui.tui.widgets.checklist_tree import ChecklistTree


def write_config(text: str) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def test_keymap_in_the_config_file_remaps_keys(assess_app, scores_path, read_toml, see):
    write_config('[keymap]\n"status.met" = "a"\n"nav.down" = "down,ctrl+n"\n"app.help" = "f1,z"\n')
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # no longer bound
        app.session.flush()
        assert "1.1" not in read_toml(scores_path)["items"]
        await pilot.press("a")
        app.session.flush()
        assert read_toml(scores_path)["items"]["1.1"]["status"] == "met"
        await pilot.press("ctrl+n")
        assert app.screen.query_one(ChecklistTree).node.id == "1.2"
        await pilot.press("j")  # replaced by the keymap
        assert app.screen.query_one(ChecklistTree).node.id == "1.2"
        shown = await see(pilot)
        assert "a 达标" in shown.splitlines()[-1]  # the footer shows the new key
        await pilot.press("z")  # help, on its new key, lists the keys as remapped
        assert "  a       达标" in await see(pilot)


async def test_a_bad_config_is_reported_and_the_defaults_kept(assess_app):
    write_config('theme = "purple"\n[keymap]\n"no.such.key" = "x"\n"status.met" = 3\n')
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = " ".join(n for n in notices(app))
        assert "没有配色 'purple'" in messages and "'no.such.key'" in messages and "status.met" in messages
        assert app.theme == "default"
        await pilot.press("1")
        assert app.session.answer("1.1").status == "met"


async def test_a_config_that_does_not_parse_never_stops_the_app(assess_app):
    write_config("[keymap\n")
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        assert any("语法错误" in n for n in notices(app))


async def test_theme_and_ascii_from_the_config_and_the_command_line_wins(assess_app, see):
    write_config('theme = "high-contrast"\nascii = true\n')
    app = assess_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "high-contrast"
        assert "[ ] 1.1" in await see(pilot)
    app = assess_app(theme="ansi-dark")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "ansi-dark"


def test_every_binding_has_a_unique_id_and_a_chinese_description():
    ids = [key.id for key in KEYS]
    assert len(ids) == len(set(ids))
    for key in KEYS:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in key.description), key.id
        for single in key.keys.split(","):
            assert not single.startswith("alt+"), key.id  # SSH clients swallow Alt
    f_keys_only = [k.id for k in KEYS if all(s.startswith("f") and s[1:].isdigit() for s in k.keys.split(","))]
    assert f_keys_only == []


def test_help_lists_every_binding():
    text = help_text()
    for key in KEYS:
        assert key.description in text, key.id
