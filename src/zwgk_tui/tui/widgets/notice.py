"""Notices without timers: a line under the content that stays until the next key.

Textual's toasts cover the item text and vanish on a timer (a repaint with no key pressed,
and too quick for slow readers). Every ``notify`` in the app lands here instead: a line at
the bottom of the current screen, in the layout (so it covers nothing), worded with its
severity (错误：/ 注意：, never colour alone), removed when the next key arrives.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

PREFIX = {"error": "错误：", "warning": "注意：", "information": ""}


class NoticeLine(Static):
    DEFAULT_CSS = """
    NoticeLine {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $panel;
        color: $text;
        &.-error { text-style: bold; }
        &:nocolor { text-style: underline; }
    }
    """

    @classmethod
    def on(cls, screen: Screen) -> NoticeLine:
        """The screen's notice line, mounted on first use (before its footer, if any)."""
        found = screen.query(NoticeLine)
        if found:
            return found.first()
        line = cls()
        from textual.widgets import Footer

        footers = screen.query_children(Footer)
        if footers:
            screen.mount(line, before=footers.first())
        else:
            screen.mount(line)
        return line

    def say(self, notices: list[tuple[str, str]]) -> None:
        text = "  ".join(PREFIX.get(severity, "") + message for message, severity in notices)
        self.set_class(any(severity == "error" for _, severity in notices), "-error")
        self.update(Content(" ".join(text.split())))
        self.display = True

    def clear(self) -> None:
        if self.display:
            self.display = False
