"""The themes: ``default``, ``high-contrast``, and the terminal's own 16 colours.

``ansi-dark`` / ``ansi-light`` are Textual's built-in themes that use the terminal's ANSI
palette (right when COLORTERM is not forwarded over SSH, or on a 16-colour console). The two
of ours are chosen to stay legible when Rich reduces them to 256 colours. No theme carries
meaning by colour alone: every status also has a word and a symbol.
"""

from __future__ import annotations

from textual.theme import Theme

DEFAULT = Theme(
    name="default",
    primary="#2f7fd1",
    secondary="#1d4f82",
    accent="#e0a030",
    warning="#e0b030",
    error="#e05a5a",
    success="#4fbf6f",
    foreground="#e4e4e4",
    background="#1c1c1c",
    surface="#262626",
    panel="#303030",
    dark=True,
    variables={
        "footer-key-foreground": "#ffd75f",
        "zwgk-dim": "#a8a8a8",
    },
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff5f5f",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "footer-background": "#000000",
        "footer-foreground": "#ffffff",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "border": "#ffffff",
        "border-blurred": "#ffffff",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#ffffff",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-text-style": "bold",
        "input-cursor-background": "#ffffff",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#ffff00 40%",
        "zwgk-dim": "#ffffff",
        "scrollbar": "#ffffff",
        "scrollbar-background": "#000000",
    },
)

CUSTOM = (DEFAULT, HIGH_CONTRAST)
