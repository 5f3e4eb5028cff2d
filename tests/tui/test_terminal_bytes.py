"""What the installed ``zwgk`` writes to a real pseudo-terminal, byte for byte, at 80×24.

The README's accessibility promises, each read from the raw bytes (pty_terminal.py):
- the terminal cursor is on the selected row after a Down key, in every list, tree, dialog
  and menu (braille displays and magnifiers follow it);
- ``NO_COLOR=1``: not one colour SGR over a whole session;
- ``--ascii``: no ambiguous-width or drawn symbol; the only non-ASCII characters are CJK
  (always two columns wide) and what the checklist itself says;
- with a notice on screen and no key pressed for 5 s, nothing is written.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pty_terminal import Terminal, colour_sgrs, shown_text
from zwgk_tui.model import queries
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.assessment.submit import export
from zwgk_tui.model.checklist import catalog, load_checklist
from zwgk_tui.model.paths import bundled_checklists_dir

CHECKLIST = bundled_checklists_dir() / "2019-guowuyuan.toml"


def prepared(tmp_path: Path) -> Path:
    """A score file: 1.1 has two evidence entries and no status (so it is the first open
    item); 1.2 and 1.3 are answered."""
    path = tmp_path / "某县.toml"
    session = Assessment.open(load_checklist(CHECKLIST), path, unit="某县", assessor="张三")
    session.add_evidence("1.1", "国办发〔2019〕14号")
    session.add_evidence("1.1", "https://www.gov.cn/a.html")
    session.set_status("1.2", "met")
    session.set_status("1.3", "partial")
    session.close()
    return path


def submitted(tmp_path: Path) -> Path:
    """A unit's file, exported, for ``zwgk review``."""
    own = prepared(tmp_path)
    session = Assessment.open(load_checklist(CHECKLIST), own)
    for leaf in session.checklist.leaves:
        session.set_status(leaf.id, "met")
    session.close()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return export(own, inbox, load_checklist(CHECKLIST)).path


def assess(path: Path, *options: str, env: dict | None = None) -> Terminal:
    term = Terminal(["assess", str(CHECKLIST), "--scores", str(path), *options], env=env or {})
    term.wait_for("已保存")
    return term


def left_of_cursor(term: Terminal) -> str:
    y, x = term.cursor
    return "".join(term.screen.buffer[y][col].data for col in range(x)).rstrip()


# ---------------------------------------------------------------- the cursor on the selection

SEARCHED = "公开"
CASES = {
    # name: (keys, what the text from the cursor on starts with)
    "item list": ([], "▶"),
    "filter list": (["f"], "未评（"),
    "search results": (["/", *SEARCHED], None),  # the second result (computed below)
    "summary": (["s"], "2 "),
    "evidence list": (["e"], "2. https://www.gov.cn/a.html"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_down_leaves_the_cursor_on_the_selected_row(tmp_path, case):
    keys, expected = CASES[case]
    if expected is None:
        second = queries.search(load_checklist(CHECKLIST), SEARCHED)[1]
        expected = f"{second.id} {second.title}"[:10]
    with assess(prepared(tmp_path)) as term:
        term.press(*keys)
        before = term.cursor
        term.press("down")
        assert term.cursor != before, case
        assert term.at_cursor().startswith(expected), (case, term.cursor, term.text())
        if case == "item list":
            assert term.cursor[1] == 0


def test_cursor_in_text_fields_and_questions(tmp_path):
    with assess(prepared(tmp_path)) as term:
        term.press("c", "a", "b")                 # the comment editor: on the caret
        assert left_of_cursor(term).endswith("ab")
        term.press("esc", "y", "e", "d")          # a yes/no question: on the question
        assert term.at_cursor().startswith("删除第 1 条佐证"), term.text()
        term.press("down")
        assert term.at_cursor().startswith("删除第 1 条佐证")
        term.press("n", "esc", "down", "p", "3")  # 1.2's score box: on the caret after 3
        assert left_of_cursor(term).endswith("3"), term.text()
        term.press("esc", "y", "?", "down")       # the help page: its first line
        assert term.at_cursor(), term.text()


def test_cursor_on_the_start_screen_and_in_the_review(tmp_path):
    with Terminal([], env={}) as term:
        term.wait_for("新建评估")
        term.press("down")
        second = catalog.entries([])[1]
        assert term.at_cursor().startswith(second.id), term.text()

    received = submitted(tmp_path)
    with Terminal(["review", str(received), "--reviewer", "李四"], env={}) as term:
        term.wait_for("复核")
        term.press("down")
        assert term.cursor_line().startswith("▶") and term.cursor[1] == 0, term.text()
        term.press("s", "down")
        assert term.at_cursor().startswith("2 "), term.text()


# ---------------------------------------------------------------- NO_COLOR and --ascii

SESSION = ["down", "f", "down", "esc", "/", *"网站", "down", "esc", "s", "down", "esc", "e", "d", "n", "esc",
           "c", "x", "esc", "y", "p", "esc", "?", "esc", "3", "0"]


def whole_session(tmp_path: Path, *options: str, env: dict) -> bytes:
    """Every screen and dialog of the work: start screen, assessment and its dialogs, summary,
    help, then the review with its reason box and summary."""
    out = bytearray()
    with Terminal([*options], env=env) as term:
        term.wait_for("新建评估")
        term.press("down", "tab")
        out += term.output
    with assess(prepared(tmp_path), *options, env=env) as term:
        term.press(*SESSION)
        out += term.output
    received = submitted(tmp_path / "r")
    with Terminal(["review", str(received), "--reviewer", "李四", *options], env=env) as term:
        term.wait_for("复核")
        term.press("down", "a", "2", "x", "esc", "y", "s", "down", "esc", "?", "esc")
        out += term.output
    return bytes(out)


def test_no_color_means_not_one_colour(tmp_path):
    data = whole_session(tmp_path, env={"NO_COLOR": "1"})
    assert len(data) > 50_000  # the whole session was drawn
    assert colour_sgrs(data) == []
    assert b"\x1b[7m" in data or b";7m" in data or b"[7;" in data  # highlights in reverse


def test_ascii_draws_nothing_of_ambiguous_width(tmp_path):
    (tmp_path / "r").mkdir()
    data = whole_session(tmp_path, "--ascii", env={})
    written = set(shown_text(data))
    from_files = set(CHECKLIST.read_text(encoding="utf-8"))
    odd = {ch for ch in written - from_files
           if not ch.isascii() and unicodedata.east_asian_width(ch) not in ("W", "F")}
    assert odd == set(), sorted(odd)
    assert not {ch for ch in written if "\u2500" <= ch <= "\u259f"}  # no box or block, even from files


# ---------------------------------------------------------------- nothing while no key is pressed


def test_a_notice_stays_and_nothing_is_written_while_idle(tmp_path):
    with assess(prepared(tmp_path)) as term:
        term.press("y")  # 1.1 has nothing to confirm: a notice
        assert "没有需要确认" in term.text()
        assert term.idle(5.0) == b""
        assert "没有需要确认" in term.text()  # still there
        term.press("down")
        assert "没有需要确认" not in term.text()  # gone with the next key
