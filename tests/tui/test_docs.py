"""docs/officer.md carries the key table generated from bindings.py and a screenshot made by the
snapshot tests (ZWGK_UPDATE_DOCS=1 rewrites the screenshot after the snapshot changed)."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from rich.cells import cell_len

from zwgk_tui.tui.bindings import key_table

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNAPSHOT = Path(__file__).resolve().parent / "__snapshots__" / "test_snapshots" / \
    "test_assessment_screens[assess-80x24-default].svg"


def svg_for_docs(svg: str) -> str:
    """Rich's SVG export sizes each text run by characters, not terminal cells, so a browser
    squeezes Chinese to half its width; size the runs by cells instead."""

    def fix(match: re.Match) -> str:
        attrs, body = match.group(1), match.group(2)
        text = html.unescape(body)
        length = re.search(r'textLength="([0-9.]+)"', attrs)
        if not length or not text:
            return match.group(0)
        cell = float(length.group(1)) / len(text)
        sized = 'textLength="%.1f"' % (cell * cell_len(text))
        return f"<text{attrs.replace(length.group(0), sized)}>{body}</text>"

    return re.sub(r"<text([^>]*)>([^<]*)</text>", fix, svg)


def test_the_officer_page_holds_exactly_the_generated_key_table():
    assert key_table() in (DOCS / "officer.md").read_text(encoding="utf-8")


def test_docs_screenshot_is_the_assessment_snapshot():
    expected = svg_for_docs(SNAPSHOT.read_text(encoding="utf-8"))
    target = DOCS / "screenshot-assess.svg"
    if os.environ.get("ZWGK_UPDATE_DOCS"):
        target.write_text(expected, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected
