"""Text fields: one line (evidence, score, export path) and many lines (the comment).

Plain Input / TextArea, so the terminal's Chinese input method works as in any program.
Escape closes without saving; when something was typed, it first asks whether to discard it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from zwgk_tui.textsafe import clean
from zwgk_tui.tui.bindings import bindings
from zwgk_tui.tui.dialogs.confirm import ConfirmDialog, keys_hint

# (text) -> (value, error message); an error keeps the dialog open.
Validator = Callable[[str], tuple[Any, str]]


def plain_input(value: str = "", placeholder: str = "", **kwargs: Any) -> Input:
    """An Input with no blinking cursor (blinking costs bytes and distracts)."""
    field = Input(value=value, placeholder=placeholder, **kwargs)
    field.cursor_blink = False
    return field


def select_all(field: Input) -> None:
    """Focus a pre-filled field with its content selected: typing replaces it (a score of 4.5
    and a typed 3 is 3, not 4.53); an arrow key keeps it and moves the caret."""
    field.focus()
    field.select_all()


class EntryDialog(ModalScreen[Any]):
    """One line of text; Enter (or Ctrl+S) saves; dismisses with the value, or None if cancelled."""

    BINDINGS = bindings("editor")

    def __init__(
        self, title: str, value: str = "", *, hint: str = "", placeholder: str = "",
        validate: Validator | None = None, context: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.initial = value
        self.hint = hint
        self.placeholder = placeholder
        self.validate = validate
        self.context = context

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Static(Content(clean(self.title_text)), classes="dialog-title")
            if self.context:
                yield Static(Content(clean(self.context)), classes="dialog-context")
            yield plain_input(self.initial, self.placeholder, id="entry")
            yield Static(Content(self.hint), classes="dialog-hint")
            yield Static("", id="entry-error", classes="dialog-error")
            yield Static(keys_hint(self, ("editor.save", "保存（或 Enter）"), ("editor.cancel", "取消")),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        select_all(self.query_one("#entry", Input))

    @on(Input.Submitted, "#entry")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#entry", Input).value
        if self.validate is None:
            self.dismiss(text)
            return
        value, error = self.validate(text)
        if error:
            self.query_one("#entry-error", Static).update(Content(error))
        else:
            self.dismiss(value)

    def action_cancel(self) -> None:
        if self.query_one("#entry", Input).value == self.initial:
            self.dismiss(None)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("放弃刚才的修改？", yes="放弃", no="继续编辑"), discard)


class NoteDialog(ModalScreen[str | None]):
    """The comment, several lines; Ctrl+S or the 保存 button saves."""

    BINDINGS = bindings("editor")

    def __init__(self, title: str, value: str = "", *, context: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.initial = value
        self.context = context

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide -tall"):
            yield Static(Content(clean(self.title_text)), classes="dialog-title")
            if self.context:
                yield Static(Content(clean(self.context)), classes="dialog-context")
            area = TextArea(self.initial, soft_wrap=True, tab_behavior="focus", id="note")
            area.cursor_blink = False
            area.show_line_numbers = False
            yield area
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存", id="save", compact=True)
                yield Button("取消", id="cancel", compact=True)
            yield Static(keys_hint(self, ("editor.save", "保存"), ("editor.cancel", "取消")),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        area = self.query_one("#note", TextArea)
        area.focus()
        area.select_all()  # typing replaces what was there; an arrow key keeps it and moves

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.query_one("#note", TextArea).text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.query_one("#note", TextArea).text == self.initial:
            self.dismiss(None)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("放弃对说明的修改？", yes="放弃", no="继续编辑"), discard)
