"""Questions and messages: y / n confirmations, one-key choices, and plain messages.

Escape only ever answers "no" or closes: a misread escape sequence on a slow link never
changes anything.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from zwgk_tui.textsafe import clean
from zwgk_tui.tui.bindings import bindings, current_keys, display_keys


def keys_hint(screen: ModalScreen, *pairs: tuple[str, str]) -> Content:
    """``y 是 · n 否`` with the keys the user has now (after any remapping)."""
    keymap = getattr(screen.app, "keymap", {})
    parts = [f"{display_keys(current_keys(binding_id, keymap))} {label}" for binding_id, label in pairs]
    return Content("  ·  ".join(parts))


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; ``y`` answers yes, ``n`` or Escape no."""

    BINDINGS = bindings("dialog", "dialog.yes", "dialog.no")

    def __init__(self, question: str, detail: str = "", *, yes: str = "是", no: str = "否") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.detail = detail
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(clean(self.question)), classes="dialog-title")
            if self.detail:
                yield Static(Content(clean(self.detail)), classes="dialog-body")
            yield Static(keys_hint(self, ("dialog.yes", self.yes), ("dialog.no", self.no)), classes="dialog-keys")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class MessageDialog(ModalScreen[None]):
    """Something the user must read (an error, an export digest); Enter or Escape closes it."""

    BINDINGS = bindings("dialog", "dialog.close")

    def __init__(self, title: str, body: str = "", *, error: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.body = body
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error" if self.error else "dialog"):
            yield Static(Content(clean(self.title_text)), classes="dialog-title")
            if self.body:
                with VerticalScroll(classes="dialog-scroll"):
                    yield Static(Content(clean(self.body)), classes="dialog-body")
            yield Static(keys_hint(self, ("dialog.close", "关闭")), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str]):
    """A question with a few one-key answers (lock held, checklist drift)."""

    BINDINGS = bindings("open")

    def __init__(self, title: str, lines: list[str], choices: list[tuple[str, str]]) -> None:
        """``choices``: (binding id in the ``open`` scope, label) in the order shown."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.lines = lines
        self.choices = choices
        self.allowed = {binding_id.split(".", 1)[1] for binding_id, _ in choices}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Static(Content(clean(self.title_text)), classes="dialog-title")
            if self.lines:
                with VerticalScroll(classes="dialog-scroll"):
                    yield Static(Content("\n".join(clean(line) for line in self.lines)), classes="dialog-body")
            yield Static(keys_hint(self, *self.choices), classes="dialog-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "choose" and parameters and parameters[0] not in self.allowed)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
