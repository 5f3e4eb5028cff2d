"""Every screen and dialog as an SVG snapshot: 80×24 and 120×40, default and high-contrast,
plus NO_COLOR, --ascii and the terminal's own 16 colours.

Each snapshot was rendered to PNG and looked at before it was accepted. The data is fixed
(frozen copies of two bundled checklists in tests/tui/data/checklists, fixed timestamps, no
temporary paths on screen). Update with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at every changed SVG before committing it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from zwgk_tui.model.assessment.answers import Answer
from zwgk_tui.model.checklist import catalog, load_checklist
from zwgk_tui.model.paths import scores_dir
from zwgk_tui.tui.factory import make_app
from zwgk_tui.tui.flow import AssessTarget

FROZEN = Path(__file__).resolve().parent / "data" / "checklists"
GUOWUYUAN = FROZEN / "2019-guowuyuan.toml"
XIAOZHOUSHAN = FROZEN / "2018-xiaozhoushan.toml"
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
THEMES = ("default", "high-contrast")


@pytest.fixture(autouse=True)
def _frozen_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The start screen lists the frozen checklists, not whatever is bundled today."""
    monkeypatch.setattr(catalog, "bundled_checklists_dir", lambda: FROZEN)


@pytest.fixture
def answers(make_returned) -> dict[str, Answer]:
    return {
        "1.1": Answer(status="met", evidence=["http://www.gov.cn/zhengce/2019-04/17/content.htm",
                                              "国办发〔2019〕14号"], note="已在门户网站政策解读专栏发布。"),
        "1.2": Answer(status="partial", note="舆情回应机制已建立，部分回应不够及时。"),
        "1.3": Answer(status="unmet"),
        "2.1": Answer(status="na"),
        "2.2": Answer(status="met", carried="2018-guowuyuan 2.2", evidence=["2018年执行公开专栏"]),
    }


@pytest.fixture
def assessment(tmp_path, write_scores, answers) -> Callable[..., object]:
    """An app opened on 2019-guowuyuan for 某县人民政府办公室 with a few answers."""

    def build(theme: str = "default", *, extra: dict[str, Answer] | None = None, ascii_only: bool = False,
              checklist: Path = GUOWUYUAN, edit: Callable[[Path], None] | None = None,
              before: Callable[[Path], object] | None = None):
        path = write_scores(tmp_path / "assess.toml", {**answers, **(extra or {})},
                            checklist=checklist, unit="某县人民政府办公室")
        if edit is not None:  # the checklist changes after the answers were given
            edit(checklist)
        if before is not None:  # e.g. another session takes the lock first
            before(path)
        target = AssessTarget(load_checklist(checklist), path)
        return make_app(target=target, theme=theme, ascii_only=ascii_only)

    return build


def start_app(write_scores, make_returned, theme: str):
    folder = scores_dir()
    write_scores(folder / "2019--某县人民政府办公室.toml", {"1.1": Answer(status="met"), "1.2": Answer(status="met")},
                 checklist=GUOWUYUAN, unit="某县人民政府办公室")
    write_scores(folder / "2018--小舟山乡.toml",
                 {leaf.id: Answer(status="met") for leaf in load_checklist(XIAOZHOUSHAN).leaves},
                 checklist=XIAOZHOUSHAN, unit="小舟山乡人民政府", submitted=True)
    write_scores(folder / "2019--某区政务服务中心.toml",
                 {"1.1": make_returned("met", "未附解读材料链接"), "1.2": Answer(status="partial")},
                 checklist=GUOWUYUAN, unit="某区政务服务中心")
    return make_app(theme=theme)


# Screens reached from the assessment screen: keys to press.
DIALOGS = {
    "assess": (),
    "evidence": ("slash", "1", ".", "1", "enter", "e"),  # on 1.1, two entries
    "evidence-first": ("slash", "1", ".", "3", "enter", "e"),  # on 1.3, none: typing the first
    "note": ("slash", "1", ".", "2", "enter", "c"),      # on 1.2, a note to edit
    "score": ("p",),
    "search": ("slash", "公", "开"),  # 简体 typed, 繁體 found
    "filter": ("f",),
    "help": ("question_mark",),
    "summary": ("s",),
    "confirm": ("slash", "1", ".", "1", "enter", "e", "down", "d"),
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", DIALOGS)
def test_assessment_screens(snap_compare, assessment, screen, size, theme):
    assert snap_compare(assessment(theme), press=DIALOGS[screen], terminal_size=SIZES[size])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, write_scores, make_returned, size, theme):
    assert snap_compare(start_app(write_scores, make_returned, theme), terminal_size=SIZES[size])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_lock_dialog(snap_compare, assessment, hold_lock, tmp_path, size, theme):
    app = assessment(theme, before=hold_lock)
    assert snap_compare(app, terminal_size=SIZES[size])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_drift_dialog(snap_compare, assessment, tmp_path, size, theme):
    edited = tmp_path / "2019-guowuyuan.toml"
    shutil.copy(GUOWUYUAN, edited)

    def reword(path: Path) -> None:
        text = path.read_text(encoding="utf-8").replace("積極回應社會關切。對政府", "積極回應社會關切。對各級政府")
        path.write_text(text, encoding="utf-8")

    assert snap_compare(assessment(theme, checklist=edited, edit=reword), terminal_size=SIZES[size])


def test_returned_worklist(snap_compare, assessment, make_returned):
    app = assessment(extra={"3.1": make_returned("met", "脱贫攻坚信息未按季度公开，请补充链接")})
    assert snap_compare(app, terminal_size=(80, 24))


@pytest.mark.parametrize("screen", DIALOGS)
def test_no_color(snap_compare, assessment, monkeypatch, screen):
    """Every screen without colour: statuses, the cursor and focus still tell themselves."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(assessment(), press=DIALOGS[screen], terminal_size=(80, 24))


def test_no_color_start_screen(snap_compare, write_scores, make_returned, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(start_app(write_scores, make_returned, "default"), terminal_size=(80, 24))


def test_no_color_lock_dialog(snap_compare, assessment, hold_lock, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = assessment(before=hold_lock)
    assert snap_compare(app, terminal_size=(80, 24))


def test_ascii(snap_compare, assessment):
    assert snap_compare(assessment(ascii_only=True), press=("f",), terminal_size=(80, 24))


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
def test_terminal_colours(snap_compare, assessment, theme):
    assert snap_compare(assessment(theme), terminal_size=(80, 24))


def test_narrow_60x20(snap_compare, assessment):
    assert snap_compare(assessment(), terminal_size=(60, 20))
