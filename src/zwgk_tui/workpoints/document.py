"""What ``decode`` hands on: the document's lines, its tables, and where each table stood."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GridTable:
    """A table as a grid of cell texts. Merged cells repeat their text on every position they
    cover; ``dups[r][c]`` is True where a cell only repeats its left neighbour (a colspan)."""

    rows: list[list[str]]
    dups: list[list[bool]] = field(default_factory=list)
    # below[r][c]: the cell only repeats the one above it (merged down rows, a rowspan)
    below: list[list[bool]] = field(default_factory=list)
    line: int = 0  # the table stood just before this (1-based) line of Document.lines
    # False where merges are lost (a copy, antiword): an empty cell may be a merged one
    spans_known: bool = True

    def is_dup(self, r: int, c: int) -> bool:
        return _flag(self.dups, r, c)

    def is_below(self, r: int, c: int) -> bool:
        return _flag(self.below, r, c)


def _flag(flags: list[list[bool]], r: int, c: int) -> bool:
    return r < len(flags) and c < len(flags[r]) and flags[r][c]


# What a reader hands on, in document order: a line of text, or a table.
Block = str | GridTable


@dataclass
class Document:
    path: Path
    data: bytes
    lines: list[str]
    tables: list[GridTable] = field(default_factory=list)
    kind: str = "text"  # "text", "html", "docx", "pdf" or "doc"
