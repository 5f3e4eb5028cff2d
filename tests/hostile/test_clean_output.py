"""Issue 12, items 4, 12 and 13 (report): every message is clean, bounded and names its file.

Escape sequences in item keys, section ids and names are shown as ``\\x1b`` and never sent;
a grade name holding one is refused where the checklist is checked; the workbook writer
never fails on a character a workbook cannot hold; a file with thousands of problems gets at
most 20 lines and a count; a lone unreadable file given to ``zwgk report`` is named.
"""

from __future__ import annotations

import csv
import io
import shutil
import tomllib
from pathlib import Path

import pytest
from hostile_run import MAX_SECONDS, ZWGK, child_env, dirty, wait_child

OSC52 = "9\x1b]52;c;ZWNobyBwd25lZA==\x07"


def zwgk(args, data: Path, stdin: bytes = b""):
    child, out, err = wait_child([str(ZWGK), *map(str, args)], env=child_env(data), timeout=60, stdin=stdin)
    assert not child.killed and child.seconds < MAX_SECONDS, (args, child)
    assert dirty(out) is None, dirty(out)
    assert dirty(err) is None, dirty(err)
    return child.status, out.decode("utf-8"), err.decode("utf-8")


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of a score or checklist file with ``change(doc)`` applied (TOML in, TOML out)."""
    import rtoml

    doc = tomllib.loads(source.read_text("utf-8"))
    change(doc)
    target.write_text(rtoml.dumps(doc), "utf-8")
    return target


def rename_item(doc: dict, new: str) -> None:
    doc["items"][new] = doc["items"].pop("1.1")


# ---------------------------------------------------------------- 4: escape bytes


@pytest.mark.parametrize("command", ["review", "assess", "report"])
def test_an_item_key_holding_an_osc52_clipboard_write_is_shown_never_sent(hostile, tmp_path, command):
    bad = rewrite(hostile.good, tmp_path / "某县.toml", lambda d: rename_item(d, OSC52))
    args = {"review": ["review", bad, "--plain", "--checklist", hostile.mini],
            "assess": ["assess", hostile.mini, "--plain", "--scores", bad],
            "report": ["report", bad, "--checklist", hostile.mini, "--plain"]}[command]
    code, out, err = zwgk(args, tmp_path / "data", b"q\n")
    shown = err if command != "report" else out
    assert code == (1 if command == "report" else 2)
    assert "9\\x1b]52;c;ZWNobyBwd25lZA==\\x07" in shown       # visible, findable in the file
    if command != "report":
        assert err.count("\n") == 1 and bad.name in err


def test_checklist_check_shows_escapes_in_a_section_id(hostile, tmp_path):
    def change(doc):
        doc["sections"][0]["id"] = "1\x1b[2J"
        doc["sections"][0]["items"][0]["bogus\x1b[31m"] = 1

    bad = rewrite(hostile.mini, tmp_path / "bad.toml", change)
    code, out, _ = zwgk(["checklist", "check", bad], tmp_path / "data")
    assert code == 2
    assert "1\\x1b[2J" in out and "bogus\\x1b[31m" in out
    assert all(line.startswith(f"{bad}:") for line in out.splitlines())


@pytest.mark.parametrize("name", ["优\x1b[31m秀", "良\u202e好", "合\x9b格", "不合格\x07"])
def test_a_grade_name_with_a_control_character_is_refused_where_it_is_written(hostile, tmp_path, name):
    def change(doc):
        doc["scoring"]["grades"] = [{"name": name, "min": 90}, {"name": "差", "min": 0}]

    bad = rewrite(hostile.mini, tmp_path / "grades.toml", change)
    code, out, _ = zwgk(["checklist", "check", bad], tmp_path / "data")
    assert code == 2 and out.count("\n") == 1
    line = int(out.split(":")[1])
    assert "grades" in bad.read_text("utf-8").splitlines()[line - 1]
    code, out, err = zwgk(["report", hostile.good, "--checklist", bad, "--plain", "-o", tmp_path / "r.xlsx"],
                          tmp_path / "data")
    assert code == 2 and err.count("\n") == 1 and not (tmp_path / "r.xlsx").exists()


def test_the_workbook_writer_never_fails_on_what_a_workbook_cannot_hold(tmp_path):
    from openpyxl import load_workbook

    from zwgk_tui.report.exporters import xlsx
    from zwgk_tui.report.exporters.tables import Column, Table

    hostile_cells = ["\x00nul", "\x1b[31m红", "响\x07", "\ufffe\uffff", "=cmd|' /C calc'!A0", "长" * 40_000]
    table = Table("表", "表", [Column("文字"), Column("分", "score")],
                  rows=[[cell, float("nan")] for cell in hostile_cells])
    target = tmp_path / "t.xlsx"
    target.write_bytes(xlsx.render([table]))
    sheet = load_workbook(target).active
    first = 4                  # rows 1–3: title, subtitle, column headers (printed on every page)
    values = [row[0] for row in sheet.iter_rows(min_row=first, values_only=True)]
    assert values[0] == "\ufffdnul" and values[1] == "\ufffd[31m红" and values[2] == "响\ufffd"
    assert values[4].startswith("=") and sheet[f"A{first + 4}"].data_type == "s"   # text, not a formula
    assert len(values[5]) == 32_767 and values[5].endswith("…")
    assert [row[1] for row in sheet.iter_rows(min_row=first, values_only=True)] == [None] * 6
    heights = [d.height for d in sheet.row_dimensions.values() if d.height]
    assert heights and max(heights) <= 409                 # Excel refuses a taller row


def test_every_report_format_is_clean_when_names_and_titles_hold_escapes(hostile, tmp_path):
    def unit(doc):
        doc["unit"] = "某县\x1b]52;c;eA==\x07\u202e"
        doc["assessor"] = "张\x9b三"

    def titles(doc):
        doc["title"] = "要点\x1b[2J"
        doc["sections"][0]["title"] = "决策\u202e公开"

    checklist = rewrite(hostile.mini, tmp_path / "mini.toml", titles)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    rewrite(hostile.good, inbox / "a.toml", unit)
    shutil.copyfile(hostile.good, inbox / "b.toml")
    outputs = [tmp_path / f"r{suffix}" for suffix in (".csv", ".md", ".toml", ".xlsx")]
    code, out, _ = zwgk(["report", inbox, "--checklist", checklist, "--plain",
                         *[x for target in outputs for x in ("-o", target)]], tmp_path / "data")
    assert code in (0, 1) and "要点" in out
    for target in outputs[:3]:
        assert dirty(target.read_bytes().replace(b"\r\n", b"\n")) is None, target
    from openpyxl import load_workbook

    for sheet in load_workbook(outputs[3]).worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not isinstance(value, str) or dirty(value.encode()) is None, (sheet.title, value)


# ---------------------------------------------------------------- 12: bounded output


def _unknown_items(doc: dict, count: int) -> None:
    doc["items"].update({f"9.{n}": {"status": "met", "note": "\x1b[31m"} for n in range(count)})


def test_thousands_of_problems_give_twenty_lines_and_a_count(hostile, tmp_path):
    bad = rewrite(hostile.good, tmp_path / "many.toml", lambda d: _unknown_items(d, 5_000))
    code, out, _ = zwgk(["report", bad, "--checklist", hostile.mini, "--plain", "-o", tmp_path / "r.csv",
                         "-o", tmp_path / "r.toml"], tmp_path / "data")
    assert code == 1
    mentions = [line for line in out.splitlines() if "many.toml" in line]
    assert len(mentions) == 21 and "及另外 4980 处问题" in mentions[-1]
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
    assert max(len(cell) for row in rows for cell in row) < 5_000
    problems = tomllib.loads((tmp_path / "r.toml").read_text("utf-8"))["rejected"][0]["problems"]
    assert len(problems) == 21 and all(p.get("line") for p in problems[:20])


def test_a_hundred_thousand_unknown_items_are_one_line(hostile, tmp_path):
    bad = rewrite(hostile.good, tmp_path / "flood.toml", lambda d: _unknown_items(d, 100_000))
    code, out, _ = zwgk(["report", bad, "--checklist", hostile.mini, "--plain"], tmp_path / "data")
    assert code == 1
    mentions = [line for line in out.splitlines() if "flood.toml" in line]
    assert len(mentions) == 1 and "超过" in mentions[0] and "不是评估记录" in mentions[0]


def test_checklist_check_lists_twenty_problems_and_counts_the_rest(hostile, tmp_path):
    def change(doc):
        doc.update({f"unknown{n}": n for n in range(30_000)})

    bad = rewrite(hostile.mini, tmp_path / "keys.toml", change)
    code, out, _ = zwgk(["checklist", "check", bad], tmp_path / "data")
    lines = out.splitlines()
    assert code == 2 and len(lines) == 21 and lines[-1].endswith("及另外 29980 处问题（未逐一列出）")
    assert all(line.split(":")[1].isdigit() for line in lines[:20])


# ---------------------------------------------------------------- 13: a lone file, 1e308


@pytest.mark.parametrize("content", [b"x = [\n", b"\x00\x01binary", b'format = "zwgk-scores"\nversion = 1\n'])
def test_a_lone_unreadable_file_given_to_report_is_named(tmp_path, content):
    bad = tmp_path / "坏文件.toml"
    bad.write_bytes(content)
    code, _, err = zwgk(["report", bad], tmp_path / "data")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(str(bad)) and "无法读出清单编号" in err and "--checklist" in err


def test_points_of_1e308_are_refused_by_check_with_file_and_line(hostile, tmp_path):
    def change(doc):
        doc["sections"][0]["items"][0]["points"] = 1e308

    bad = rewrite(hostile.mini, tmp_path / "huge.toml", change)
    code, out, _ = zwgk(["checklist", "check", bad], tmp_path / "data")
    assert code == 2 and out.count("\n") == 1
    where, line, message = out.split(":", 2)
    assert where == str(bad) and "points" in bad.read_text("utf-8").splitlines()[int(line) - 1]
    assert "超过 10000" in message
    code, out, err = zwgk(["report", hostile.good, "--checklist", bad, "--plain"], tmp_path / "data")
    assert code == 2 and "inf" not in out + err
