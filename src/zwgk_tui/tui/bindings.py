"""Every key of the TUI as data: the footer, the help screen and the README table come from here.

Each binding has a stable id (``status.met``) that a user may remap in the ``[keymap]`` table
of the config file; descriptions are what the footer and the help screen show.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

STATUS_GROUP = Binding.Group("评定", compact=True)
ADJUST_GROUP = Binding.Group("调整", compact=True)


@dataclass(frozen=True, slots=True)
class Key:
    """One action: where it applies, its default keys, and what it does (in Chinese)."""

    scope: str
    id: str
    keys: str
    action: str
    description: str
    help: str = ""          # a longer explanation for the help screen, when the short one is not enough
    show: bool = True       # in the footer
    group: Binding.Group | None = None
    priority: bool = False


SCOPES = {
    "assess": "评估界面",
    "tree": "条目列表",
    "detail": "条目详情",
    "start": "开始界面",
    "summary": "汇总界面",
    "review": "复核界面",
    "review-entry": "复核理由框",
    "evidence": "佐证材料",
    "counts": "计数框",
    "editor": "填写框",
    "filter": "筛选框",
    "search": "搜索框",
    "dialog": "对话框",
    "open": "打开评估时",
    "help": "帮助",
}

KEYS: tuple[Key, ...] = (
    # Assessment screen: the work.
    Key("assess", "status.met", "1", "set_status('met')", "达标", group=STATUS_GROUP),
    Key("assess", "status.partial", "2", "set_status('partial')", "基本达标", group=STATUS_GROUP),
    Key("assess", "status.unmet", "3", "set_status('unmet')", "未达标", group=STATUS_GROUP),
    Key("assess", "status.na", "4", "set_status('na')", "不适用", group=STATUS_GROUP),
    Key("assess", "app.help", "question_mark,f1", "help", "帮助"),
    Key("assess", "status.clear", "0", "set_status('')", "清除评定", "把当前条目改回未评", show=False),
    Key("assess", "item.evidence", "e", "evidence", "佐证", "查看、添加、修改、删除佐证材料（链接、文号等）"),
    Key("assess", "item.note", "c", "note", "说明", "填写或修改当前条目的说明"),
    Key("assess", "item.score", "p", "score", "打分", "有分值的条目：输入得分（留空则按评定计分）", show=False),
    Key("assess", "item.counts", "k", "counts", "计数",
        "有评分细则的条目：逐条输入次数（↑↓ 选细则，Enter 保存），状态随得分而定",
        show=False, priority=True),
    Key("assess", "item.confirm", "y", "confirm", "确认",
        "确认沿用上年的答案，或确认条目文字改动后答案仍然有效", show=False),
    Key("assess", "find.next-unanswered", "n", "next_unanswered", "下一未评"),
    Key("assess", "find.prev-unanswered", "N", "prev_unanswered", "上一未评", show=False),
    Key("assess", "find.search", "slash", "search", "搜索", "按编号或文字查找条目"),
    Key("assess", "find.filter", "f", "filter", "筛选", "只看未评、未达标、退回、沿用待确认，或某个责任单位的条目"),
    Key("assess", "view.summary", "s", "summary", "汇总", "各部分得分、等次、未评和未达标条目，导出"),
    Key("assess", "app.quit", "q", "quit", "退出", "退出程序；每次修改都已保存，无需确认（只有保存正失败时才先问一句）"),
    # The item list (focused widget on the assessment screen).
    Key("tree", "nav.up", "up", "cursor_up", "上一条", show=False),
    Key("tree", "nav.down", "down,j", "cursor_down", "下一条", show=False),
    Key("tree", "nav.fold", "left,h", "fold", "折叠（或回到上级）", show=False),
    Key("tree", "nav.unfold", "right,l", "unfold", "展开", show=False),
    Key("tree", "nav.toggle", "enter,space", "toggle", "展开/折叠；在可评估条目上看详情", show=False),
    Key("tree", "nav.page-up", "pageup", "page_up", "上一页", show=False),
    Key("tree", "nav.page-down", "pagedown", "page_down", "下一页", show=False),
    Key("tree", "nav.first", "home,g", "first", "第一条", show=False),
    Key("tree", "nav.last", "end,G", "last", "最后一条", show=False),
    # The detail pane, when it has focus (Tab).
    Key("detail", "detail.up", "up", "scroll_line_up", "向上滚动", show=False),
    Key("detail", "detail.down", "down,j", "scroll_line_down", "向下滚动", show=False),
    Key("detail", "detail.back", "escape", "back", "回到条目列表", show=False),
    # Review screen (zwgk review): the supervisor's decisions on a unit's file.
    Key("review", "review.accept", "a", "accept", "认可", "认可单位的自评：按自评的状态和得分计"),
    Key("review", "review.met", "1", "adjust('met')", "达标", "复核为达标（写明理由；有分值的条目可给复核得分）",
        group=ADJUST_GROUP),
    Key("review", "review.partial", "2", "adjust('partial')", "基本达标", "复核为基本达标（写明理由）", group=ADJUST_GROUP),
    Key("review", "review.unmet", "3", "adjust('unmet')", "未达标", "复核为未达标（写明理由）", group=ADJUST_GROUP),
    Key("review", "review.na", "4", "adjust('na')", "不适用", "复核为不适用（写明理由）", group=ADJUST_GROUP),
    Key("review", "review.return", "r", "return_item", "退回", "退回单位修改：写明理由，可同时给出复核状态"),
    Key("review", "review.clear", "0,x", "clear", "清除复核", "把当前条目改回未复核（有理由时先确认）", show=False),
    Key("review", "review.accept-all", "A", "accept_all", "全部认可",
        "认可所有尚未复核、自评完整（已评且不是沿用待确认）的条目（先确认）", show=False),
    Key("review", "review.next", "n", "next_unreviewed", "下一未复核"),
    Key("review", "review.prev", "N", "prev_unreviewed", "上一未复核", show=False),
    Key("review", "review.search", "slash", "search", "搜索", "按编号或文字查找条目", show=False),
    Key("review", "review.summary", "s", "summary", "汇总", "自评与复核后的得分和等次，认可、调整、退回、未复核的条目"),
    Key("review", "review.help", "question_mark,f1", "help", "帮助"),
    Key("review", "review.quit", "q", "quit", "退出", "每个复核决定都已保存，无需确认（只有保存正失败时才先问一句）"),
    # The review's reason (and reviewed status and score) fields.
    Key("review-entry", "review-entry.save", "ctrl+s", "save", "保存", "保存；在任一栏按 Enter 也是保存，Tab 换到下一栏"),
    Key("review-entry", "review-entry.cancel", "escape", "cancel", "取消", "关闭；填过内容时先问是否放弃"),
    # Start screen.
    Key("start", "start.help", "question_mark,f1", "help", "帮助", "在填写框里 ? 是输入字符，请用 F1 或先按 Tab 离开"),
    Key("start", "start.quit", "q,ctrl+q", "quit", "退出", "在填写框里 q 是输入字符，请用 Ctrl+Q"),
    # Summary screen.
    Key("summary", "summary.export", "x", "export", "导出", "导出评估记录交上级（标记为已提交并附内容摘要）"),
    Key("summary", "summary.back", "escape,s", "back", "返回"),
    Key("summary", "summary.help", "question_mark,f1", "help", "帮助"),
    Key("summary", "summary.quit", "q", "quit", "退出"),
    # The counts of a counted item's rules (k).
    Key("counts", "counts.up", "up", "move(-1)", "上一条", "上一条细则", show=False, priority=True),
    Key("counts", "counts.down", "down", "move(1)", "下一条", "下一条细则（Tab 也可以）", show=False, priority=True),
    Key("counts", "counts.save", "ctrl+s", "save", "保存", "保存；在任一栏按 Enter 也是保存"),
    Key("counts", "counts.cancel", "escape", "cancel", "取消", "关闭；改过计数时先问是否放弃"),
    # Evidence list.
    Key("evidence", "evidence.add", "a", "add", "添加"),
    Key("evidence", "evidence.edit", "enter,e", "edit", "修改"),
    Key("evidence", "evidence.delete", "d", "delete", "删除", "删除选中的一条（先确认）"),
    Key("evidence", "evidence.close", "escape", "close", "关闭"),
    # The filter list.
    Key("filter", "filter.close", "escape", "close", "关闭（不改变筛选）"),
    # Text fields (comment, evidence entry, score, export path).
    Key("editor", "editor.save", "ctrl+s", "save", "保存", "保存；单行填写框里按 Enter 也是保存"),
    Key("editor", "editor.cancel", "escape", "cancel", "取消", "关闭填写框；改过内容时先问是否放弃"),
    # Search.
    Key("search", "search.next", "down", "result_down", "下一个结果", show=False),
    Key("search", "search.prev", "up", "result_up", "上一个结果", show=False),
    Key("search", "search.close", "escape", "close", "关闭"),
    # Confirmations and messages.
    Key("dialog", "dialog.yes", "y", "yes", "是"),
    Key("dialog", "dialog.no", "n,escape", "no", "否"),
    Key("dialog", "dialog.close", "enter,escape", "close", "关闭", show=False),
    # Opening a score file another session holds, or whose checklist changed.
    Key("open", "open.accept", "a", "choose('accept')", "接受", "接受清单改动，按新清单继续评估"),
    Key("open", "open.read-only", "r", "choose('read-only')", "只读打开", "只查看，不做修改"),
    Key("open", "open.quit", "q,escape", "choose('quit')", "退出", "不打开，文件不做任何改动"),
    # Help screen.
    Key("help", "help.close", "escape,question_mark,f1,q", "close", "关闭帮助"),
)

BY_ID = {key.id: key for key in KEYS}


def bindings(scope: str, *only: str) -> list[Binding]:
    """Textual ``BINDINGS`` for one scope (or only the given ids of it)."""
    return [
        Binding(
            key.keys, key.action, key.description, show=key.show, id=key.id,
            group=key.group, priority=key.priority,
        )
        for key in KEYS
        if key.scope == scope and (not only or key.id in only)
    ]


_DISPLAY = {
    "question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "space": "空格",
    "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End", "up": "↑",
    "down": "↓", "left": "←", "right": "→", "tab": "Tab", "f1": "F1",
}


def display_key(key: str) -> str:
    """How a Textual key name is written for people: ``question_mark`` → ``?``."""
    parts = key.split("+")
    *mods, last = parts
    shown = _DISPLAY.get(last, last.upper() if len(last) > 1 or mods else last)
    return "+".join([*(m.capitalize() for m in mods), shown])


def display_keys(keys: str) -> str:
    return " / ".join(display_key(k.strip()) for k in keys.split(",") if k.strip())


def current_keys(binding_id: str, keymap: dict[str, str] | None = None) -> str:
    """The keys bound to an id now (a user's keymap wins over the default)."""
    if keymap and binding_id in keymap:
        return keymap[binding_id]
    return BY_ID[binding_id].keys


def key_table() -> str:
    """The Markdown key table for the README (README.md holds exactly this)."""
    lines = ["| 界面 | 按键 | 作用 | 编号（keymap） |", "|---|---|---|---|"]
    for key in KEYS:
        what = key.description + (f"：{key.help}" if key.help else "")
        keys = display_keys(key.keys).replace("|", "\\|")
        lines.append(f"| {SCOPES[key.scope]} | {keys} | {what} | `{key.id}` |")
    return "\n".join(lines) + "\n"
