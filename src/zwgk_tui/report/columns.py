"""Which columns of a terminal table fit the terminal's width (no Rich here: plain arithmetic).

Every figure shown must be readable whole: a number is never cut (``+15.…``). When a table is
wider than the terminal, its columns are left out one by one in the order the block gives
(``Block.drop``; the bar chart is ``BAR_COLUMN``), until the rest fits with the text columns
that may wrap (``Block.wraps``: unit names, titles, notes) folded to ``MIN_WRAP`` columns.
A block never lists its rank or name column to drop. The orders are in README.md.
"""

from __future__ import annotations

from zwgk_tui.textsafe import width

BAR_COLUMN = -1      # the bar chart, in a drop order
GAP = 3              # a column separator with its padding: " │ " or "   "
MIN_WRAP = 10        # a wrapping column is never folded narrower (five CJK characters)


def natural_widths(headers: list[str], rows: list[list[str]]) -> list[int]:
    widths = [width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], width(cell))
    return widths


def fit(block, available: int, bar: int) -> tuple[list[int], bool]:
    """(columns shown, whether the bar is shown) for ``block`` in ``available`` columns."""
    natural = natural_widths(block.headers, block.rows)
    shown = list(range(len(block.headers)))
    show_bar = block.bars is not None

    def needed() -> int:
        cells = [min(natural[i], MIN_WRAP) if i in block.wraps else natural[i] for i in shown]
        total = sum(cells) + GAP * (len(cells) - 1)
        return total + (bar + GAP if show_bar else 0)

    for victim in block.drop:
        if needed() <= available:
            break
        if victim == BAR_COLUMN:
            show_bar = False
        elif victim in shown:
            shown.remove(victim)
    return shown, show_bar and block.bar_after in shown
