"""The help screen: every key (from bindings.py, with the user's remapping) and where to go next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from zwgk_tui.textsafe import pad, width
from zwgk_tui.tui.bindings import KEYS, SCOPES, bindings, current_keys, display_keys
from zwgk_tui.tui.widgets.footer import QuietFooter

INTRO = (
    "zwgk · 政务公开工作要点自评：帮助\n"
    "\n"
    "只用键盘即可完成全部操作；每次修改都立即保存，随时可以退出、随时继续。\n"
    "使用读屏软件或盲文点显器：请用逐行模式（同样的文件，同样自动保存）：\n"
    "    zwgk --plain   或   zwgk assess 清单 --unit 单位 --plain\n"
    "Tab 在条目列表与条目详情之间切换；对话框里 Esc 只会关闭，不会修改任何内容。\n"
    "方框或符号显示成乱码时，用 --ascii 启动；颜色看不清时，用 --theme high-contrast 或 ansi-dark。"
)

ORDER = ("assess", "tree", "detail", "summary", "review", "review-entry", "evidence", "editor", "search", "filter", "dialog", "open", "start", "help")


REVIEW_INTRO = (
    "zwgk review · 复核下级单位的评估记录：帮助\n"
    "\n"
    "逐项看单位的自评（状态、得分、佐证、说明），认可、调整（写明理由）或退回（写明理由）。\n"
    "每个决定都立即写入记录文件；单位的自评和提交摘要不受影响。\n"
    "使用读屏软件或盲文点显器：请用逐行模式：zwgk review 文件 --plain\n"
    "理由框里 Esc 只会关闭；填过内容时先问是否放弃。"
)
REVIEW_ORDER = ("review", "review-entry", "tree", "detail", "summary", "search", "dialog", "open", "help")


def help_text(keymap: dict[str, str] | None = None, order: tuple[str, ...] = ORDER) -> str:
    """The key list as plain text (also what a test compares with bindings.py)."""
    lines: list[str] = []
    for scope in order:
        keys = [k for k in KEYS if k.scope == scope]
        if not keys:
            continue
        lines.append("")
        lines.append(f"【{SCOPES[scope]}】")
        shown = [(display_keys(current_keys(k.id, keymap)), k.description + (f"：{k.help}" if k.help else "")) for k in keys]
        column = min(max(width(s) for s, _ in shown) + 2, 24)
        lines.extend("  " + pad(s, column) + d for s, d in shown)
    return "\n".join(lines)


class HelpScreen(Screen[None]):
    BINDINGS = bindings("help")
    DEFAULT_CSS = """
    HelpScreen {
        #help-scroll { padding: 0 1; }
        #help-intro { text-style: bold; }
    }
    """

    def __init__(self, *, review: bool = False) -> None:
        super().__init__()
        self.review = review  # the supervisor's keys first, without the officer's

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "keymap", {})
        with VerticalScroll(id="help-scroll"):
            yield Static(Content(REVIEW_INTRO if self.review else INTRO), id="help-intro")
            yield Static(Content(help_text(keymap, REVIEW_ORDER if self.review else ORDER)), id="help-keys")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
