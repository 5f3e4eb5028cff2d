"""Finding items: search in ids and text, and filters (unanswered, unmet, by responsible unit)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.checklist import Checklist, Node
from zwgk_tui.textsafe import one_line
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.dialogs.confirm import keys_hint
from zwgk_tui.tui.dialogs.entry import plain_input

MAX_RESULTS = 200


def _fold(text: str) -> str:
    """Compare in simplified characters, case-insensitively: an officer typing 公开 with a
    简体 input method finds 公開 in a 繁體 checklist, and the other way round."""
    global _t2s
    if _t2s is None:
        try:
            import opencc

            _t2s = opencc.OpenCC("t2s").convert
        except Exception:  # no OpenCC: plain comparison still works
            _t2s = str
    return _t2s(text).casefold()


_t2s = None
_index: dict[int, tuple[Checklist, list[tuple[Node, str]]]] = {}  # by id(checklist); a few at most


def search(session: Assessment, query: str) -> list[Node]:
    """Nodes whose id starts with the query, then those whose title or text contains it."""
    query = query.strip()
    if not query:
        return []
    checklist = session.checklist
    cached = _index.get(id(checklist))
    if cached is None or cached[0] is not checklist:
        if len(_index) > 8:
            _index.clear()
        cached = _index[id(checklist)] = (checklist, [(n, _fold(f"{n.title}\n{n.text}")) for n in checklist.walk()])
    index = cached[1]
    folded = _fold(query)
    by_id = [n for n, _ in index if n.id.startswith(query)]
    by_text = [n for n, text in index if folded in text and not n.id.startswith(query)]
    return (by_id + by_text)[:MAX_RESULTS]


class SearchDialog(ModalScreen[str | None]):
    """Type; the list follows; ↑/↓ choose; Enter jumps to the item."""

    BINDINGS = bindings("search")

    def __init__(self, session: Assessment, query: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.query_text = query
        self.results: list[Node] = []

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
        self._update(event.value)

    def _update(self, query: str) -> None:
        self.results = search(self.session, query)
        listing = self.query_one("#results", OptionList)
        listing.clear_options()
        listing.add_options(Option(Text(one_line(f"{n.id}  {n.title}"))) for n in self.results)
        if self.results:
            listing.highlighted = 0
        count = self.query_one("#search-count", Static)
        if not query.strip():
            count.update("")
        elif self.results:
            more = "（只列出前 200 项）" if len(self.results) >= MAX_RESULTS else ""
            count.update(Content(f"找到 {len(self.results)} 项{more}"))
        else:
            count.update("没有找到")

    @on(Input.Submitted, "#query")
    def _go(self) -> None:
        index = self.query_one("#results", OptionList).highlighted
        if self.results and index is not None:
            self.dismiss(self.results[index].id)

    def action_result_down(self) -> None:
        self.query_one("#results", OptionList).action_cursor_down()

    def action_result_up(self) -> None:
        self.query_one("#results", OptionList).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class Filter:
    label: str
    ids: tuple[str, ...] | None  # None: show everything


def filters(session: Assessment) -> list[Filter]:
    """The filters offered, with the leaves each keeps (computed now, stable while working)."""
    leaves = session.checklist.leaves
    totals = session.totals()
    out = [
        Filter("全部条目", None),
        Filter("未评", tuple(totals.unanswered)),
        Filter("未达标", tuple(totals.unmet)),
        Filter("基本达标", tuple(n.id for n in leaves if (a := session.answer(n.id)) and a.status == "partial")),
        Filter("退回", tuple(session.returned_items())),
        Filter("沿用待确认", tuple(session.carried_items())),
        Filter("文字已改", tuple(n.id for n in leaves if session.reworded(n.id))),
    ]
    units: dict[str, list[str]] = {}
    for leaf in leaves:
        named: list[str] = []
        for node in (leaf, *leaf.ancestors()):
            named.extend(u for u in node.units if u not in named)
        for unit in named:
            units.setdefault(unit, []).append(leaf.id)
    out.extend(Filter(f"责任单位：{one_line(unit)}", tuple(ids)) for unit, ids in units.items())
    return out


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
                listing.add_option(Option(Text(f"{f.label}{count}" + ("  ← 当前" if now else "")),
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
