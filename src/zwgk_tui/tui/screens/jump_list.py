"""A screen of figures above a list whose rows lead to items: the assessment summary and the
review summary. Rows are rebuilt when the width changes; Enter on a row that names an item
dismisses the screen with that item's id, Esc with None."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from zwgk_tui.tui.widgets.footer import QuietFooter


class JumpListScreen(Screen[str | None]):
    """Subclasses give ``head()`` (plain text) and ``rows(columns)`` (calls to ``heading`` and
    ``row``); ``HELP_REVIEW`` picks the help screen's page."""

    HELP_REVIEW = False
    DEFAULT_CSS = """
    JumpListScreen {
        #summary-head { padding: 0 1; background: $panel; height: auto; }
        #summary-list { height: 1fr; border: none; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str | None] = []  # per list row: the item it leads to, or None

    def head(self) -> str:
        raise NotImplementedError

    def rows(self, columns: int) -> None:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield Static(Content(self.head()), id="summary-head")
        yield OptionList(id="summary-list")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def on_resize(self) -> None:
        self._fill()

    def heading(self, text: str) -> None:
        self.query_one(OptionList).add_option(Option(Text(text, style="bold"), disabled=True))
        self.targets.append(None)

    def row(self, text: str, target: str) -> None:
        self.query_one(OptionList).add_option(Option(Text(text)))
        self.targets.append(target)

    def _fill(self) -> None:
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        self.targets = []
        self.rows(max(listing.content_region.width or self.size.width - 2, 40))
        first = next((i for i, t in enumerate(self.targets) if t is not None), None)
        listing.highlighted = highlighted if highlighted is not None else first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.targets[event.option_index]
        if target is not None:
            self.dismiss(target)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        from zwgk_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(review=self.HELP_REVIEW))

    async def action_quit(self) -> None:
        await self.app.action_quit()
