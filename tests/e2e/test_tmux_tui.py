"""The installed ``zwgk`` in a real terminal (tmux, 80×24 unless said otherwise), driven key by
key as an officer would, reading back both the screen (capture-pane) and the score file.

Every step waits for what the officer would wait for (the dialog, the status line) by
polling the screen or the file; nothing relies on a fixed sleep.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest

from zwgk_tui.model.checklist import catalog

pytestmark = pytest.mark.e2e

CHECKLIST = "2019-guowuyuan"
UNIT = "测试县政务公开办"
LEAVES = 19
EVIDENCE_DOC = "国办发〔2019〕14号"
EVIDENCE_URL = "https://www.gov.cn/zhengce/content/2019-04/29/content_5387330.htm"
NOTE = "门户网站开设〔政策解读〕专栏，全年发布解读36篇"


def officer_env(data: Path, **extra: str) -> dict[str, str]:
    """A login's environment: own data folder, no config file, UTF-8, a short ESCDELAY."""
    return {"ZWGK_DATA_DIR": str(data), "ZWGK_CONFIG": str(data / "config.toml"), "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8", "ESCDELAY": "25", **extra}


def score_file(data: Path, unit: str = UNIT) -> Path:
    return data / "scores" / f"{CHECKLIST}--{unit}.toml"


def row(screen: str, text: str) -> str:
    """The screen line that holds ``text``."""
    lines = [line for line in screen.splitlines() if text in line]
    assert lines, f"{text!r} is not on the screen:\n{screen}"
    return lines[0]


def cursor_row(screen: str) -> str:
    return row(screen, "▶")


def assess_command(zwgk_bin: Path, *options: str, unit: str = UNIT, assessor: str = "张三") -> str:
    return f"{zwgk_bin} assess {CHECKLIST} --unit {unit} --assessor {assessor} " + " ".join(options)


def test_officer_assesses_key_by_key_and_every_answer_is_on_disk(tmux, tmp_path, zwgk_bin, saved_items):
    data = tmp_path / "data"
    path = score_file(data)
    tmux.start(assess_command(zwgk_bin), env=officer_env(data))
    tmux.wait_for_all(UNIT, f"已评 0/{LEAVES}", "已保存", "? 帮助")
    assert "1.1 深入解讀重要政策措施" in cursor_row(tmux.screen())

    # 1–4 on the first four items, n to the next unanswered one between them
    steps = [("1", "1.1 深入解讀重要政策措施", "✔", "达标", "met"),
             ("2", "1.2 積極回應社會關切", "◐", "基本达标", "partial"),
             ("3", "1.3 增強解讀回應效果", "✘", "未达标", "unmet"),
             ("4", "2.1 推進重要決策公開", "⊘", "不适用", "na")]
    expected: dict[str, dict] = {}
    for n, (key, title, symbol, word, status) in enumerate(steps, 1):
        if n > 1:
            tmux.keys("n")
            tmux.wait_for_all(f"▶   ○ {title}")
        tmux.keys(key)
        screen = tmux.wait_for(f"已评 {n}/{LEAVES}")
        line = row(screen, title)
        assert f"{symbol} {title}" in line and line.rstrip().endswith(word), line
        expected[title.split()[0]] = {"status": status}
        saved_items(path, expected)
    assert "得分 9/94" in tmux.screen()  # 6 + 3 + 0; 2.1 (不适用) leaves the maximum

    # e on an item without evidence: typing starts at once; a adds the second entry
    tmux.keys("e")
    tmux.wait_for_all("添加佐证", "2.1 推進重要決策公開")
    tmux.type(EVIDENCE_DOC)
    tmux.keys("Enter")
    tmux.wait_for_all("佐证材料", f"1. {EVIDENCE_DOC}", "共 1 条")
    saved_items(path, {"2.1": {"status": "na", "evidence": [EVIDENCE_DOC]}})
    tmux.keys("a")
    tmux.wait_for("添加佐证")
    tmux.type(EVIDENCE_URL)
    tmux.keys("Enter")
    tmux.wait_for_all(f"2. {EVIDENCE_URL}", "共 2 条")
    tmux.keys("Escape")
    tmux.wait_until_absent("佐证材料")
    tmux.wait_for("佐证 2 条")
    expected["2.1"]["evidence"] = [EVIDENCE_DOC, EVIDENCE_URL]
    saved_items(path, expected)

    # c: the comment, saved with Ctrl+S
    tmux.keys("c")
    tmux.wait_for("Ctrl+S 保存  ·  Esc 取消")
    tmux.type(NOTE)
    tmux.wait_for(NOTE)
    tmux.keys("C-s")
    tmux.wait_for("说明 有")
    expected["2.1"]["note"] = NOTE
    saved_items(path, expected)

    # s: the summary; ?: help; both close with Escape
    tmux.keys("s")
    screen = tmux.wait_for_all(f"汇总 · {UNIT}", f"已评 4 项，共 {LEAVES} 项", "未评（15 项）")
    assert "等次不合格（尚有15项未评，等次为暂定）" in "".join(screen.split())
    tmux.keys("Escape")
    tmux.wait_until_absent("汇总 ·")
    tmux.keys("?")
    tmux.wait_for_all("【评估界面】", "达标", "下一未评")
    tmux.keys("Escape")
    tmux.wait_until_absent("【评估界面】")

    # /: search (简体 typed, 繁體 found), Enter jumps there
    tmux.keys("/")
    tmux.wait_for("搜索条目")
    tmux.type("网站")
    tmux.wait_for_all("找到 4 项", "3.2 深化“放管服”改革信息公開")
    tmux.keys("Enter")
    screen = tmux.wait_until_absent("搜索条目")
    assert "3.2 深化“放管服”改革信息公開" in cursor_row(screen)
    tmux.keys("1")
    screen = tmux.wait_for(f"已评 5/{LEAVES}")
    assert row(screen, "3.2 深化").rstrip().endswith("达标")
    expected["3.2"] = {"status": "met"}
    saved_items(path, expected)

    # f: only the unanswered items
    tmux.keys("f")
    tmux.wait_for_all("筛选：只显示", "未评（14）")
    tmux.keys("Down", "Enter")
    screen = tmux.wait_for("筛选：未评（14）")
    assert "1.1 深入解讀" not in screen and "3.2 深化" not in screen
    assert "○ 1.2" not in screen and "○ 2.2 推進重要部署執行公開" in screen

    # q: no question asked; the lock goes with the program
    tmux.keys("q")
    tmux.wait_gone()
    assert not path.with_name(path.name + ".lock").exists()
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert (doc["checklist_id"], doc["unit"], doc["assessor"]) == (CHECKLIST, UNIT, "张三")
    assert set(doc["items"]) == set(expected)
    for item_id, fields in expected.items():
        assert {k: doc["items"][item_id].get(k) for k in fields} == fields, item_id


def test_the_same_command_again_resumes_with_every_answer(tmux, tmp_path, zwgk_bin, saved_items):
    data = tmp_path / "data"
    path = score_file(data)
    tmux.start(assess_command(zwgk_bin), env=officer_env(data))
    tmux.wait_for(f"已评 0/{LEAVES}")
    tmux.keys("1")
    tmux.wait_for(f"已评 1/{LEAVES}")
    tmux.keys("n", "2")
    tmux.wait_for(f"已评 2/{LEAVES}")
    tmux.keys("e")
    tmux.wait_for("添加佐证")
    tmux.type("示政办发〔2019〕3号")
    tmux.keys("Enter")
    tmux.wait_for("共 1 条")
    tmux.keys("Escape")
    tmux.wait_until_absent("佐证材料")
    tmux.keys("c")
    tmux.wait_for("Ctrl+S 保存")
    tmux.type("舆情回应机制已建立")
    tmux.wait_for("舆情回应机制已建立")
    tmux.keys("C-s")
    tmux.wait_for("说明 有")
    tmux.keys("p")
    tmux.wait_for("得分（满分 6）")
    tmux.type("4.5")
    tmux.keys("Enter")
    tmux.wait_for("得分 4.5")
    first = saved_items(path, {"1.1": {"status": "met"}, "1.2": {
        "status": "partial", "score": 4.5, "evidence": ["示政办发〔2019〕3号"], "note": "舆情回应机制已建立"}})
    created = tomllib.loads(path.read_text(encoding="utf-8"))["created"]
    tmux.keys("q")
    tmux.wait_gone()

    # a new login, the same command: the answers are there, the cursor on the first unanswered
    tmux.start(assess_command(zwgk_bin), env=officer_env(data))
    screen = tmux.wait_for_all(f"已评 2/{LEAVES}", "得分 10.5/100")
    assert row(screen, "1.1 深入解讀").rstrip().endswith("达标") and "✔ 1.1" in screen
    assert row(screen, "1.2 積極回應").rstrip().endswith("基本达标") and "◐ 1.2" in screen
    assert "1.3 增強解讀回應效果" in cursor_row(screen)
    tmux.keys("Up")
    tmux.wait_for_all("状态 ◐ 基本达标", "得分 4.5", "佐证 1 条", "说明 有")
    tmux.keys("e")  # the list this time: there is an entry
    tmux.wait_for_all("佐证材料", "1. 示政办发〔2019〕3号")
    tmux.keys("Escape")
    tmux.wait_until_absent("佐证材料")
    tmux.keys("c")
    tmux.wait_for_all("Ctrl+S 保存", "舆情回应机制已建立")
    tmux.keys("Escape")  # unchanged: closes without a question
    tmux.wait_until_absent("Ctrl+S 保存")

    # and going on works
    tmux.keys("n", "3")
    tmux.wait_for(f"已评 3/{LEAVES}")
    saved_items(path, {**{k: {"status": v["status"]} for k, v in first.items()}, "1.3": {"status": "unmet"}})
    tmux.keys("q")
    tmux.wait_gone()
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["created"] == created
    assert doc["items"]["1.2"]["evidence"] == ["示政办发〔2019〕3号"]
    assert doc["items"]["1.2"]["note"] == "舆情回应机制已建立" and doc["items"]["1.2"]["score"] == 4.5
    assert not path.with_name(path.name + ".lock").exists()


def test_bare_zwgk_new_assessment_from_the_start_screen_then_resume_there(tmux, tmp_path, zwgk_bin,
                                                                          saved_items, monkeypatch):
    data = tmp_path / "data"
    unit = "城关镇人民政府"
    path = score_file(data, unit)
    monkeypatch.setenv("ZWGK_DATA_DIR", str(data))
    position = [entry.id for entry in catalog.entries([])].index(CHECKLIST)

    tmux.start(str(zwgk_bin), env=officer_env(data))
    tmux.wait_for_all("还没有进行中的评估", "新建评估", f"{CHECKLIST} 2019年政務公開工作要點")
    tmux.keys(*["Down"] * position, "Enter")  # the checklist, then the unit field
    tmux.type(unit)
    tmux.wait_for(unit)
    tmux.keys("Enter")
    tmux.type("李四")
    tmux.wait_for("李四")
    tmux.keys("Enter")
    screen = tmux.wait_for_all(f"已评 0/{LEAVES}", "2019年政務公開工作要點")
    assert unit in row(screen, "已评")
    tmux.keys("1")
    tmux.wait_for(f"已评 1/{LEAVES}")
    saved_items(path, {"1.1": {"status": "met"}})
    tmux.keys("q")
    tmux.wait_gone()
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert (doc["unit"], doc["assessor"], doc["checklist_id"]) == (unit, "李四", CHECKLIST)

    # next login: the assessment is listed with its progress; Enter resumes it
    tmux.start(str(zwgk_bin), env=officer_env(data))
    screen = tmux.wait_for_all("进行中的评估", unit)
    assert CHECKLIST in row(screen, unit) and "1/19" in row(screen, unit)
    tmux.keys("Enter")
    screen = tmux.wait_for(f"已评 1/{LEAVES}")
    assert "✔ 1.1 深入解讀重要政策措施" in screen
    assert "1.2 積極回應社會關切" in cursor_row(screen)
    tmux.keys("2")
    tmux.wait_for(f"已评 2/{LEAVES}")
    saved_items(path, {"1.1": {"status": "met"}, "1.2": {"status": "partial"}})
    tmux.keys("q")
    tmux.wait_gone()
    assert not path.with_name(path.name + ".lock").exists()


BOX_AND_SYMBOLS = set("╭╮╰╯│─━┃▔▁▎▊✔◐✘⊘○▶▾▸")
@pytest.mark.parametrize("look", ["ascii", "no-color", "60x20"])
def test_other_looks_render_and_work(tmux, tmp_path, zwgk_bin, saved_items, sgr, look):
    data = tmp_path / "data"
    path = score_file(data)
    options = ["--ascii"] if look == "ascii" else []
    env = officer_env(data, **({"NO_COLOR": "1"} if look == "no-color" else {}))
    width, height = (60, 20) if look == "60x20" else (80, 24)
    record = tmp_path / "output.bin"
    tmux.start(assess_command(zwgk_bin, *options), env=env, width=width, height=height, record=record)
    screen = tmux.wait_for_all(f"已评 0/{LEAVES}", "1.1 深入解讀重要政策措施", "? 帮助", "e 佐证")
    assert len(screen.splitlines()) <= height
    tmux.keys("1")
    screen = tmux.wait_for(f"已评 1/{LEAVES}")
    symbol = "[+]" if look == "ascii" else "✔"
    assert f"{symbol} 1.1 深入解讀重要政策措施" in screen
    assert row(screen, "1.1 深入解讀").rstrip().endswith("达标")
    saved_items(path, {"1.1": {"status": "met"}})
    tmux.keys("e")
    tmux.wait_for_all("添加佐证", "Esc 取消")
    tmux.type("网站截图〔2019〕")
    tmux.keys("Enter")
    tmux.wait_for("1. 网站截图〔2019〕")
    tmux.keys("Escape")
    tmux.wait_until_absent("佐证材料")
    tmux.keys("s")
    heading = "汇总 ." if look == "ascii" else "汇总 ·"   # "汇总" alone is in the footer already
    tmux.wait_for_all(heading, f"已评 1 项，共 {LEAVES} 项")
    if look == "ascii":
        screen = tmux.screen()
        assert not BOX_AND_SYMBOLS & set(screen), sorted(BOX_AND_SYMBOLS & set(screen))
    tmux.keys("Escape")
    screen = tmux.wait_until_absent("得分/满分")
    if look == "ascii":
        assert not BOX_AND_SYMBOLS & set(screen), sorted(BOX_AND_SYMBOLS & set(screen))
        assert cursor_row(screen.replace(">", "▶", 1)).startswith("▶")  # > marks the cursor row
    if look == "no-color":
        seen = sgr(record.read_bytes())
        assert not seen["colours"], sorted(seen["colours"])  # NO_COLOR: not even greys
        assert 7 in seen["attrs"]  # the cursor row is reversed
    tmux.keys("q")
    tmux.wait_gone()
    item = tomllib.loads(path.read_text(encoding="utf-8"))["items"]["1.1"]
    assert item["status"] == "met" and item["evidence"] == ["网站截图〔2019〕"]


def hostile_checklist(folder: Path) -> Path:
    """Rich markup and terminal escapes (window title, blink, hidden text, clear screen,
    hyperlink) in the title, an item's title, its text and its units."""
    esc = "\\u001b"
    text = f'''format = "zwgk-checklist"
version = 1
id = "hostile-2026"
title = "[bold]加粗[/bold]的要点{esc}]2;PWNED\\u0007"
year = 2026
issuer = "测试"
doc_number = ""
date = 2026-01-01
source = {{ file = "x.txt", sha256 = "" }}

[[sections]]
id = "1"
title = "第一部分{esc}[2J{esc}[H"

[[sections.items]]
id = "1.1"
title = "[bold]决策[/bold]预公开{esc}[5m闪{esc}[0m[link=http://x.example]链[/link]"
text = "实行重大决策预公开。"
units = ["[red]县政府办公室[/red]{esc}[8m"]
points = 10

[[sections.items]]
id = "1.2"
title = "推进执行公开"
text = "推进执行公开。{esc}[2J{esc}[8m隐藏{esc}[0m [red]红[/red]{esc}]8;;http://x.example{esc}\\\\链接{esc}]8;;{esc}\\\\"
points = 10
'''
    path = folder / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_markup_and_escapes_from_a_checklist_are_shown_as_text(tmux, tmp_path, zwgk_bin, saved_items, sgr):
    data = tmp_path / "data"
    checklist = hostile_checklist(tmp_path)
    path = tmp_path / "hostile-scores.toml"
    record = tmp_path / "output.bin"
    tmux.start(f"{zwgk_bin} assess {checklist} --unit 测试县 --assessor 张三 --scores {path}",
               env=officer_env(data), record=record)
    screen = tmux.wait_for_all("[bold]加粗[/bold]的要点", "已评 0/2", "责任单位：[red]县政府办公室[/red]")
    line = cursor_row(screen)
    assert "1.1 [bold]决策[/bold]预公开闪[link=http://x.example]链[/link]" in line
    tmux.keys("j")
    screen = tmux.wait_for("隐藏 [red]红[/red]链接")
    assert "推进执行公开。隐藏" in screen
    # what the officer types is text too
    tmux.keys("e")
    tmux.wait_for("添加佐证")
    tmux.type("[b]文号[/b]〔2026〕")
    tmux.keys("Enter")
    tmux.wait_for("1. [b]文号[/b]〔2026〕")
    tmux.keys("Escape")
    tmux.wait_until_absent("佐证材料")
    saved_items(path, {"1.2": {"evidence": ["[b]文号[/b]〔2026〕"]}})

    assert "PWNED" not in tmux.title() and "PWNED" not in tmux.screen()
    shown = sgr(tmux.screen(escapes=True))
    assert not {5, 8} & shown["attrs"], shown["attrs"]  # no blinking, no hidden cells
    tmux.keys("q")
    tmux.wait_gone()
    output = record.read_bytes()
    assert b"PWNED" not in output and b"\x1b[2J" not in output and b"\x1b]8;" not in output
    assert b"\x1b]2;" not in output and b"\x1b]0;" not in output
    assert not {5, 8} & sgr(output)["attrs"]
    assert output.count(b"\x1b]") == output.count(b"\x1b]22;")  # Textual's own pointer shape only


def test_an_exported_columns_does_not_shrink_the_full_screen_face(tmux, tmp_path, zwgk_bin):
    from zwgk_tui.textsafe import width

    tmux.start(assess_command(zwgk_bin), env=officer_env(tmp_path / "data", COLUMNS="40"))
    screen = tmux.wait_for_all(f"已评 0/{LEAVES}", "已保存")
    tmux.keys("q")
    tmux.wait_gone()
    assert width(row(screen, "已评").rstrip()) > 70, screen


# ------------------------------------------------------------------ the way in: the same dialogs


def _last_year(tmp_path: Path, zwgk_bin: Path, data: Path) -> Path:
    """Last year's file, made through the installed command (plain mode, a pipe)."""
    old = tmp_path / "去年.toml"
    answers = "e 去年的佐证\n2 4.5分\n1\nq\n"
    done = subprocess.run([str(zwgk_bin), "assess", CHECKLIST, "--unit", UNIT, "--plain", "--scores", str(old)],
                          input=answers, capture_output=True, text=True, timeout=60, env=officer_env(data))
    assert done.returncode == 0, done.stderr
    return old


def test_carry_from_on_the_command_line_shows_the_carried_items(tmux, tmp_path, zwgk_bin):
    """``zwgk assess NEW --carry-from OLD`` once opened an empty, frozen screen (the session was
    set before mount, so the open flow never ran): now the same dialog as from the start screen,
    then the carried items; q leaves."""
    data = tmp_path / "data"
    old = _last_year(tmp_path, zwgk_bin, data)
    new = tmp_path / "今年.toml"
    tmux.start(f"{zwgk_bin} assess {CHECKLIST} --unit {UNIT} --scores {new} --carry-from {old}",
               env=officer_env(data))
    screen = tmux.wait_for("沿用上年的答案")
    assert "去年.toml" in screen
    tmux.keys("Enter")
    tmux.wait_until_absent("沿用上年的答案")   # the dialog's own text says 沿用待确认 too
    screen = tmux.wait_for_all("沿用待确认", "1.1 深入")
    assert "1.1" in row(screen, "沿用待确认") and "基本达标" in row(screen, "1.1 深入")
    saved = tomllib.loads(new.read_text(encoding="utf-8"))["items"]
    assert saved["1.1"]["score"] == 4.5 and saved["1.1"]["evidence"] == ["去年的佐证"]
    tmux.keys("q")
    tmux.wait_gone()


def test_a_drifted_checklist_shows_its_dialog_through_zwgk_assess(tmux, tmp_path, zwgk_bin):
    """The checklist changed after answering began: the drift dialog, not a blank screen;
    q (and Esc) leave it without touching the file."""
    data = tmp_path / "data"
    checklist = tmp_path / "drift.toml"
    checklist.write_bytes(catalog.resolve(CHECKLIST).path.read_bytes())
    scores = tmp_path / "s.toml"
    done = subprocess.run([str(zwgk_bin), "assess", str(checklist), "--unit", UNIT, "--plain", "--scores",
                           str(scores)], input="1\n1\nq\n", capture_output=True, text=True, timeout=60,
                          env=officer_env(data))
    assert done.returncode == 0, done.stderr
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text(text.replace("積極回應社會關切。對政府", "積極回應社會關切。對各級政府"), encoding="utf-8")
    before = scores.read_bytes()
    for key in ("q", "Escape"):
        tmux.start(f"{zwgk_bin} assess {checklist} --unit {UNIT} --scores {scores}", env=officer_env(data))
        screen = tmux.wait_for("清单有改动")
        assert "文字有改动：1.2" in screen
        tmux.keys(key)
        tmux.wait_gone()
        assert scores.read_bytes() == before
    tmux.start(f"{zwgk_bin} assess {checklist} --unit {UNIT} --scores {scores}", env=officer_env(data))
    tmux.wait_for("清单有改动")
    tmux.keys("a")
    screen = tmux.wait_for("文字已改")
    tmux.keys("q")
    tmux.wait_gone()
