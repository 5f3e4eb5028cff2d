"""zwgk-tui: 政务公开工作要点 checklists and self-assessment in the terminal."""

__version__ = "0.1.0"
