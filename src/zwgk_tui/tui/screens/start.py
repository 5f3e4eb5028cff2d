"""Bare ``zwgk``: resume an assessment in progress, or start one (checklist, unit, assessor)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment import inventory
from zwgk_tui.model.assessment.parse import read_scores
from zwgk_tui.model.checklist import catalog
from zwgk_tui.model.paths import default_score_path
from zwgk_tui.textsafe import one_line, pad, truncate, width
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.dialogs.entry import plain_input
from zwgk_tui.tui.flow import AssessTarget
from zwgk_tui.tui.widgets.footer import QuietFooter


def row_text(row: inventory.Row, columns: int = 76) -> str:
    """One assessment in progress: unit, checklist, progress, last change, markers."""
    if row.error:
        return truncate(f"{row.path.name}  无法读取：{one_line(row.error)}", columns)
    marks = []
    if row.submitted:
        marks.append("已提交")
    if row.returned:
        marks.append(f"有退回项{row.returned}")
    mark_text = " ".join(marks)
    unit_room = max(columns - 17 - 8 - 17 - max(width(mark_text), 6), 8)
    return (pad(truncate(one_line(row.unit), unit_room), unit_room + 1)
            + pad(truncate(one_line(row.checklist_id), 16), 17)
            + pad(row.progress_text, 8) + pad(row.updated_text, 17) + mark_text).rstrip()


def entry_text(entry: catalog.Entry, columns: int = 76) -> str:
    return truncate(one_line(f"{entry.id}  {entry.title}"), columns)


class StartScreen(Screen[None]):
    BINDINGS = bindings("start")
    AUTO_FOCUS = None
    DEFAULT_CSS = """
    StartScreen {
        #start-scroll { padding: 0 1; }
        .start-heading { text-style: bold; margin-top: 1; }
        #start-title { text-style: bold; background: $panel; padding: 0 1; }
        OptionList { height: auto; max-height: 8; }
        Input { margin-top: 0; }
        .field-label { margin-top: 0; color: $text-muted; }
        #start-row { height: auto; margin-top: 1; }
        #start-error { color: $error; text-style: bold; }
    }
    """

    def __init__(self, checklist_dirs: list = ()) -> None:
        super().__init__()
        self.checklist_dirs = list(checklist_dirs)
        self.rows: list[inventory.Row] = []
        self.entries: list[catalog.Entry] = []

    def compose(self) -> ComposeResult:
        self.rows = inventory.assessments(self.checklist_dirs)
        self.entries = catalog.entries(self.checklist_dirs)
        yield Static("zwgk · 政务公开工作要点 自评", id="start-title")
        with VerticalScroll(id="start-scroll"):
            yield Static("进行中的评估（↑↓ 选择，Enter 继续）", classes="start-heading")
            columns = max(self.app.size.width - 10, 40)
            if self.rows:
                yield OptionList(*(Option(Text(row_text(r, columns))) for r in self.rows), id="assessments")
            else:
                yield Static("还没有进行中的评估。", classes="field-label")
            yield Static("新建评估：选清单（Enter），填单位和评估人，再按 Enter 开始", classes="start-heading")
            if self.entries:
                yield OptionList(*(Option(Text(entry_text(e, columns))) for e in self.entries), id="checklists")
            else:
                yield Static("没有找到清单；用 --checklists 文件夹 指定清单所在的文件夹。", id="start-error")
            yield Static("单位", classes="field-label")
            yield plain_input("", "被评估单位，如 某县人民政府办公室", id="unit")
            yield Static("评估人", classes="field-label")
            yield plain_input("", "评估人姓名", id="assessor")
            with Horizontal(id="start-row"):
                yield Button("开始评估", id="start", compact=True)
            yield Static("", id="start-message")
        yield QuietFooter()

    def on_mount(self) -> None:
        for listing in self.query(OptionList):
            listing.highlighted = 0
        first = "#assessments" if self.rows else "#checklists" if self.entries else "#unit"
        self.query_one(first).focus()

    # ------------------------------------------------------------------ resume

    @on(OptionList.OptionSelected, "#assessments")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        row = self.rows[event.option_index]
        if row.error:
            self._error(f"{row.path.name}：无法读取（{row.error}）；文件未做任何改动")
            return
        try:
            scores = read_scores(row.path)
        except ZwgkError as exc:
            self._error(str(exc))
            return
        checklist = catalog.for_scores(scores.checklist_id, scores.checklist_sha256, scores.checklist_path,
                                       self.checklist_dirs)
        if checklist is None:
            self._error(f"找不到清单 {scores.checklist_id}；请用 --checklists 指定清单所在的文件夹")
            return
        self.app.open_target(AssessTarget(checklist, row.path))

    # ------------------------------------------------------------------ new

    @on(OptionList.OptionSelected, "#checklists")
    def _chose_checklist(self) -> None:
        self.query_one("#unit", Input).focus()

    @on(Input.Submitted, "#unit")
    def _unit_done(self) -> None:
        self.query_one("#assessor", Input).focus()

    @on(Input.Submitted, "#assessor")
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        if not self.entries:
            self._error("没有可用的清单")
            return
        listing = self.query_one("#checklists", OptionList)
        index = listing.highlighted
        if index is None:
            self._error("请先在清单列表中选一份清单")
            listing.focus()
            return
        unit = self.query_one("#unit", Input).value.strip()
        if not unit:
            self._error("请填写单位名称")
            self.query_one("#unit", Input).focus()
            return
        assessor = self.query_one("#assessor", Input).value.strip()
        try:
            checklist = catalog.resolve(self.entries[index].path)
        except ZwgkError as exc:
            self._error(str(exc))
            return
        path = default_score_path(checklist.id, unit)
        if path.exists():
            self.notify(f"{unit} 已有这份清单的评估记录，接着上次继续", markup=False)
        self.app.open_target(AssessTarget(checklist, path, unit=unit, assessor=assessor))

    def _error(self, message: str) -> None:
        from zwgk_tui.tui.dialogs.confirm import MessageDialog

        self.app.push_screen(MessageDialog("无法开始", message, error=True))

    def action_help(self) -> None:
        from zwgk_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        await self.app.action_quit()

    def on_screen_resume(self) -> None:
        """Back from an assessment: progress changed."""
        if self.is_mounted and self.rows:
            self.rows = inventory.assessments(self.checklist_dirs)
            listing = self.query_one("#assessments", OptionList)
            listing.clear_options()
            columns = max(self.app.size.width - 10, 40)
            listing.add_options(Option(Text(row_text(r, columns))) for r in self.rows)
            listing.highlighted = 0
