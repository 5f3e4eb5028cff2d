"""HTML → lines and tables with the standard library's ``html.parser``.

Block elements end a line; ``<table>`` is kept as a grid of cells (``rowspan``/``colspan``
filled in, so a merged category cell is repeated on every row it covers). Government sites
often lay a whole page out in tables: a table whose cells hold long runs of text, nested
tables, or at most one filled cell a row is a layout table, and its cells become lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from zwgk_tui.workpoints.document import Block, GridTable

BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "ul",
    "caption",
})
SKIP = frozenset({
    "script", "style", "noscript", "template", "head", "select", "textarea", "svg", "iframe",
    "object",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
MAX_SPAN = 200
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# A line break in the HTML source between two Chinese characters is only source wrapping.
_CJK = "\u2e80-\u9fff\uff00-\uffef，。；：、！？（）“”"
_CJK_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n][ \t\r\n]*(?=[{_CJK}])")
# <br> is a hard break: kept apart from the source's own line wraps until those are dropped.
_BR = "\x00"


@dataclass
class _Cell:
    blocks: list[Block] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    nested: bool = False


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Block] = []
        self.tables: list[_Table] = []
        self.cells: list[_Cell] = []
        self.buffer: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0

    # -- where text goes: the innermost open cell, else the document
    def _target(self) -> list[Block]:
        if self.tables and self.tables[-1].rows and self.tables[-1].rows[-1]:
            return self.tables[-1].rows[-1][-1].blocks
        return self.root

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer.clear()
        if not self.pre_depth:
            text = _SPACES.sub(" ", _CJK_WRAP.sub("", text))
        text = text.replace(_BR, "\n")
        for line in text.split("\n"):
            if line.strip():
                self._target().append(line.strip(" "))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            if tag not in VOID:
                self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag == "br":
            self.buffer.append(_BR if not self.pre_depth else "\n")
            return
        if tag in BLOCK or tag in ("table", "tr", "td", "th"):
            self.flush()
        if tag == "pre":
            self.pre_depth += 1
        if tag == "table":
            if self.tables:
                self.tables[-1].nested = True
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            table.rows[-1].append(
                _Cell(rowspan=_span(values.get("rowspan")), colspan=_span(values.get("colspan")),
                      header=tag == "th")
            )

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag in BLOCK or tag in ("tr", "td", "th"):
            self.flush()
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag == "table" and self.tables:
            self.flush()
            table = self.tables.pop()
            self._target().extend(_close_table(table))

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.buffer.append(data.replace(_BR, ""))

    def close(self) -> None:
        super().close()
        self.flush()
        while self.tables:
            table = self.tables.pop()
            self._target().extend(_close_table(table))


def _span(value: str | None) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        return 1
    return min(max(number, 1), MAX_SPAN)


_Grid = tuple[list[list["_Cell | None"]], list[list[bool]], list[list[bool]]]


def _grid(table: _Table) -> _Grid:
    """Fill rowspan/colspan: spanned positions repeat the cell; dup marks horizontal repeats,
    below the positions a cell from a row above covers."""
    grid: dict[tuple[int, int], tuple[_Cell, bool, bool]] = {}
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                if r + dr >= len(table.rows):
                    break
                for dc in range(cell.colspan):
                    grid.setdefault((r + dr, c + dc), (cell, dc > 0, dr > 0))
            c += cell.colspan
    height = len(table.rows)
    width = max((c for (_, c) in grid), default=-1) + 1
    empty: tuple[None, bool, bool] = (None, False, False)
    cells = [[grid.get((r, c), empty)[0] for c in range(width)] for r in range(height)]
    dups = [[grid.get((r, c), empty)[1] for c in range(width)] for r in range(height)]
    below = [[grid.get((r, c), empty)[2] for c in range(width)] for r in range(height)]
    return cells, dups, below


def _cell_text(cell: _Cell | None) -> str:
    if cell is None:
        return ""
    parts: list[str] = []
    for block in cell.blocks:
        if isinstance(block, GridTable):
            parts.extend(" ".join(filter(None, row)) for row in block.rows)
        else:
            parts.append(block)
    return "\n".join(part for part in parts if part.strip())


def _close_table(table: _Table) -> list[Block]:
    """A data table becomes one GridTable block; a layout table becomes its cells' blocks."""
    cells, dups, below = _grid(table)
    texts = [[_cell_text(cell) for cell in row] for row in cells]
    filled_rows = sum(
        1 for row, dup in zip(texts, dups, strict=True)
        if sum(1 for text, d in zip(row, dup, strict=True) if text.strip() and not d) >= 2
    )
    longest = max((len(text) for row in texts for text in row), default=0)
    has_table = any(isinstance(b, GridTable) for row in table.rows for c in row for b in c.blocks)
    if filled_rows >= 2 and not has_table and longest <= 1500:
        return [GridTable(rows=texts, dups=dups, below=below)]
    blocks: list[Block] = []
    seen: set[int] = set()
    for row in cells:
        for cell in row:
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            blocks.extend(cell.blocks)
    return blocks


def html_blocks(text: str) -> list[Block]:
    """Parse HTML text into a list of blocks: strings (lines) and GridTables, in order."""
    parser = _Extractor()
    parser.feed(text)
    parser.close()
    return parser.root
