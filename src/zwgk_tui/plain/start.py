"""Bare ``zwgk --plain``: list the officer's assessments and the checklists by number, ask which.

Resuming comes first (it is what an officer does most days); a checklist starts a new
assessment after asking for the unit and the assessor.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment import inventory
from zwgk_tui.model.assessment.parse import read_scores
from zwgk_tui.model.checklist import catalog, load_checklist
from zwgk_tui.model.paths import default_score_path
from zwgk_tui.plain.assess import assess
from zwgk_tui.plain.commands import normalise
from zwgk_tui.plain.console import Console, UnreadableLine
from zwgk_tui.plain.runner import NOT_OPENED, fail, guarded
from zwgk_tui.textsafe import one_line


def run_start(
    checklist_dirs: Iterable[str | Path],
    *,
    stdin: IO[Any] | None = None,
    stdout: IO[Any] | None = None,
    width: int | None = None,
) -> int:
    console = Console(stdin, stdout, width=width)
    return guarded(stdout, lambda: start(console, list(checklist_dirs)))


def start(console: Console, dirs: list[str | Path]) -> int:
    choices = list_choices(console, dirs)
    if not choices:
        return NOT_OPENED
    while True:
        line = ask(console, "请输入编号，q 退出：")
        if line is None:
            console.say("输入已结束，没有打开评估。")
            return 0
        word = normalise(line).lower()
        if word in ("q", "退出"):
            console.say("已退出。")
            return 0
        if word in ("", "?", "h", "帮助"):
            list_choices(console, dirs)
            continue
        if not word.isdigit() or not 1 <= int(word) <= len(choices):
            console.say(f"错误：没有编号 {one_line(line, 12)}；请输入 1 到 {len(choices)} 之间的编号。")
            continue
        kind, target = choices[int(word) - 1]
        try:
            code = resume(console, target, dirs) if kind == "resume" else create(console, target)
        except ZwgkError as exc:
            fail(exc)
            console.say("错误：无法打开，请选择其他编号。")
            continue
        if code is not None:
            return code


def list_choices(console: Console, dirs: list[str | Path]) -> list[tuple[str, Any]]:
    """Say every choice with its number; the numbers index the returned list."""
    rows = inventory.assessments(dirs)
    entries = catalog.entries(dirs)
    choices: list[tuple[str, Any]] = []
    console.say("政务公开自评，逐行模式。")
    readable = [r for r in rows if not r.error]
    if readable:
        console.say(f"本人的评估记录 {len(readable)} 份，选择后继续评估：")
    else:
        console.say("还没有评估记录。")
    for row in readable:
        choices.append(("resume", row.path))
        progress = f"已评 {row.answered} 项" + (f"，共 {row.leaves} 项" if row.leaves is not None else "")
        returned = f"，复核退回 {row.returned} 项" if row.returned else ""
        console.say(
            f"编号 {len(choices)}：继续评估 {one_line(row.unit)}，清单 {one_line(row.checklist_id)}，"
            f"{progress}{returned}，最后修改 {row.updated_text}。"
        )
    for row in (r for r in rows if r.error):
        console.say(f"无法读取的记录：{row.path}：{one_line(row.error)}")
    if entries:
        console.say(f"可用的清单 {len(entries)} 份，选择后新建评估：")
    else:
        console.say("没有找到清单：请用 --checklists 给出清单所在的文件夹，"
                    "或用 zwgk assess 清单文件 --unit 单位 --plain 直接打开。")
    for entry in entries:
        choices.append(("new", entry.path))
        year = f"{entry.year} 年，" if entry.year else ""
        console.say(f"编号 {len(choices)}：新建评估，清单 {one_line(entry.title)}（{year}{one_line(entry.id)}）。")
    return choices


def resume(console: Console, path: Path, dirs: list[str | Path]) -> int | None:
    scores = read_scores(path)
    checklist = catalog.for_scores(scores.checklist_id, scores.checklist_sha256,
                                   scores.checklist_path, dirs)
    if checklist is None:
        console.say(f"错误：找不到这份记录所用的清单 {one_line(scores.checklist_id)}；"
                    "请用 --checklists 给出清单所在的文件夹。")
        return None
    return assess(console, checklist, path, unit=scores.unit, assessor=scores.assessor,
                  read_only=False, carry_from=None)


def create(console: Console, checklist_path: Path) -> int | None:
    checklist = load_checklist(checklist_path)
    console.say(f"新建评估：{one_line(checklist.title)}，共 {len(checklist.leaves)} 项可评估条目。")
    unit = ""
    while not unit:
        line = ask(console, "被评估单位名称（必填）：")
        if line is None:
            console.say("输入已结束，没有新建评估。")
            return 0
        unit = one_line(line)
        if not unit:
            console.say("单位名称不能为空。")
    line = ask(console, "评估人姓名（可以不填，直接回车）：")
    if line is None:
        console.say("输入已结束，没有新建评估。")
        return 0
    path = default_score_path(checklist.id, unit)
    if path.exists():
        console.say(f"这个单位已有这份清单的评估记录，继续评估：{path}")
    return assess(console, checklist, path, unit=unit, assessor=one_line(line),
                  read_only=False, carry_from=None)


def ask(console: Console, prompt: str) -> str | None:
    while True:
        try:
            return console.ask(prompt)
        except UnreadableLine as exc:
            console.say(f"错误：{exc}")
