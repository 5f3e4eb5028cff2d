"""Which columns of a terminal table fit the terminal's width (no Rich here: plain arithmetic).

Every figure shown must be readable whole: a number is never cut (``+15.…``). When a table is
wider than the terminal, its columns are left out one by one in the order the block gives
(``Block.drop``; the bar chart is ``BAR_COLUMN``), until the rest fits with the text columns
that may wrap (``Block.wraps``: unit names, titles, notes) folded to ``MIN_WRAP`` columns.
Columns go before names fold (see ``fit``). A block never lists its rank or name column to
drop. The orders are in README.md.
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


def fit(block, available: int, bar: int, name_width: int = 0) -> tuple[list[int], bool, bool]:
    """(columns shown, whether the bar is shown, whether names stay on one line) for
    ``block`` in ``available`` columns.

    Columns are left out before unit names are folded: a name on one line (up to
    ``name_width``) is worth more than a column of full points. Only when leaving out every
    column the block allows is not enough do names fold too."""
    natural = natural_widths(block.headers, block.rows)
    for whole_names in (True, False):
        shown = list(range(len(block.headers)))
        show_bar = block.bars is not None
        for victim in block.drop:
            if _needed(block, natural, shown, show_bar, bar, name_width if whole_names else 0) <= available:
                break
            if victim == BAR_COLUMN:
                show_bar = False
            elif victim in shown:
                shown.remove(victim)
        if _needed(block, natural, shown, show_bar, bar, name_width if whole_names else 0) <= available:
            break
    return shown, show_bar and block.bar_after in shown, whole_names


def _needed(block, natural: list[int], shown: list[int], show_bar: bool, bar: int, name_width: int) -> int:
    """Columns the table takes: a name whole up to ``name_width`` (0: folded like the other
    wrapping columns), each wrapping column at ``MIN_WRAP``, the rest as wide as their text."""
    cells = []
    for i in shown:
        if i == block.name and name_width:
            cells.append(min(natural[i], name_width))
        elif i in block.wraps:
            cells.append(min(natural[i], MIN_WRAP))
        else:
            cells.append(natural[i])
    return sum(cells) + GAP * (len(cells) - 1) + (bar + GAP if show_bar else 0)
