"""The plain line mode (``--plain``): one item at a time, plain text, answers typed at a prompt.

For screen readers, braille displays and scripts. It reads standard input line by line and
writes standard output only: no escape sequences, no cursor movement, no colour, and it never
imports Textual or Rich (a test proves it). Same model, same score files, same autosave as
the TUI.
"""
