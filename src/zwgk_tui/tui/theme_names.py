"""The themes' names, in one place that imports nothing: the CLI checks ``--theme`` against
it without loading Textual, and ``themes.py`` builds one theme for each."""

THEME_NAMES = ("default", "high-contrast", "ansi-dark", "ansi-light")
