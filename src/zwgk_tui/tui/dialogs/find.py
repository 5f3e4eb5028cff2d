"""Finding items on screen: the search box and the filter list. What is found, and which
filters there are, is decided once for both faces in ``model/queries.py``."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Node
from zwgk_tui.model.queries import Filter, filters, search
from zwgk_tui.textsafe import one_line
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.dialogs.confirm import keys_hint
from zwgk_tui.tui.dialogs.entry import plain_input

MAX_RESULTS = 200  # rows listed; the count says how many were found


class SearchDialog(ModalScreen[str | None]):
    """Type; the list follows; ↑/↓ choose; Enter jumps to the item."""

    BINDINGS = bindings("search")

    def __init__(self, session: Assessment, query: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.query_text = query
        self.results: list[Node] = []
        self.on_results = False  # ↑/↓ moved the highlight: the terminal cursor follows it

    def cursor_widget(self):
        """After ↑/↓ the terminal cursor sits on the highlighted result; after typing, on the caret."""
        return self.query_one("#results", OptionList) if self.on_results and self.results else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide -tall"):
            yield Static("搜索条目（编号或文字）", classes="dialog-title")
            yield plain_input(self.query_text, "例如 2.7 或 政府网站", id="query")
            yield Static("", id="search-count", classes="dialog-hint")
            yield OptionList(id="results")
            yield Static(Content("Enter 跳到条目  ·  ↑↓ 选择  ·  ") + keys_hint(self, ("search.close", "关闭")),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#results", OptionList).can_focus = False
        self.query_one("#query", Input).focus()
        self._update(self.query_text)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self.on_results = False
        self._update(event.value)

    def _update(self, query: str) -> None:
        found = search(self.session.checklist, query)
        self.results = found[:MAX_RESULTS]
        listing = self.query_one("#results", OptionList)
        listing.clear_options()
        listing.add_options(Option(Text(one_line(f"{n.id}  {n.title}"))) for n in self.results)
        if self.results:
            listing.highlighted = 0
        count = self.query_one("#search-count", Static)
        if not query.strip():
            count.update("")
        elif self.results:
            more = f"（只列出前 {MAX_RESULTS} 项）" if len(found) > MAX_RESULTS else ""
            count.update(Content(f"找到 {len(found)} 项{more}"))
        else:
            count.update("没有找到")

    @on(Input.Submitted, "#query")
    def _go(self) -> None:
        index = self.query_one("#results", OptionList).highlighted
        if self.results and index is not None:
            self.dismiss(self.results[index].id)

    def action_result_down(self) -> None:
        self.on_results = True
        self.query_one("#results", OptionList).action_cursor_down()

    def action_result_up(self) -> None:
        self.on_results = True
        self.query_one("#results", OptionList).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)


class FilterDialog(ModalScreen[Filter | None]):
    BINDINGS = bindings("filter")

    def __init__(self, session: Assessment, current: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.options = filters(session)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide -tall"):
            yield Static("筛选：只显示……", classes="dialog-title")
            listing = OptionList(id="filters")
            for f in self.options:
                count = "" if f.ids is None else f"（{len(f.ids)}）"
                now = f.label == self.current or (f.ids is None and not self.current)
                listing.add_option(Option(Text(f"{one_line(f.label)}{count}" + ("  ← 当前" if now else "")),
                                          disabled=f.ids == ()))
            yield listing
            yield Static(Content("Enter 选定  ·  ") + keys_hint(self, ("filter.close", "关闭")),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.focus()
        listing.highlighted = next((i for i, f in enumerate(self.options) if f.label == self.current), 0)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.options[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
