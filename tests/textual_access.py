"""The few places where tests reach into Textual's internals, in one module.

Textual has no public way to read back what the terminal shows, to deliver keys exactly as a
terminal sends them (an IME's text arrives as characters, not key names), or to list the
notices on screen; these helpers do it. Textual is pinned exactly (pyproject), and when an
upgrade moves an internal, this is the one file to change.
"""

from __future__ import annotations

import io

from rich.console import Console


def screen_text(app) -> str:
    """What the terminal shows now, as plain text (one line per row)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


async def type_text(pilot, text: str) -> None:
    """Type as a terminal delivers text: each character as the key event the terminal parser
    would make (Pilot.press looks characters up by name and loses some CJK punctuation)."""
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    for ch in text:
        key = "enter" if ch == "\n" else _character_to_key(ch)
        event = events.Key(key, "\r" if ch == "\n" else ch)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


def notices(app) -> list[str]:
    """The notices shown since the last key (zwgk shows them in a line, never on a timer)."""
    return list(app.notices)
