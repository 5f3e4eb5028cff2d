"""Helpers for the work-points builder tests: build in-process, walk the result."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from zwgk_tui.workpoints.build import build_checklist

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "checklists" / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = {
    "000": ("2017-qinghai", SOURCES / "000_3f7dfb2bf9e2c1c4.txt"),
    "001": ("2017-harbin", SOURCES / "001_8463b5349f18e17d.txt"),
    "002": ("2018-xiaozhoushan", SOURCES / "002_91126a063294faa3.txt"),
    "003": ("2021-liaocheng", SOURCES / "003_5ec884dc5f59edab.txt"),
    "004": ("2019-guowuyuan", SOURCES / "004_549e6831fafae734.txt"),
}


def build(path: Path, checklist_id: str = "test", convert: str | None = None) -> tuple[dict, str]:
    result = build_checklist(path, checklist_id=checklist_id, convert=convert)
    return tomllib.loads(result.toml), result.toml


def nodes(doc: dict) -> dict[str, dict]:
    """Every section and item by id, with its depth (1 = section)."""
    out: dict[str, dict] = {}

    def walk(node: dict, depth: int) -> None:
        out[node["id"]] = {**node, "_depth": depth}
        for child in node.get("items", []):
            walk(child, depth + 1)

    for section in doc["sections"]:
        walk(section, 1)
    return out


def counts(doc: dict) -> tuple[int, int, int, int]:
    """(sections, numbered items at depth 2, numbered sub-items at depth 3, numbered leaves)."""
    all_nodes = [n for n in nodes(doc).values() if not n.get("unnumbered")]
    return (
        sum(1 for n in all_nodes if n["_depth"] == 1),
        sum(1 for n in all_nodes if n["_depth"] == 2),
        sum(1 for n in all_nodes if n["_depth"] == 3),
        sum(1 for n in all_nodes if n["_depth"] >= 2 and not n.get("items")),
    )


def leaves(doc: dict) -> list[dict]:
    return [n for n in nodes(doc).values() if n["_depth"] >= 2 and not n.get("items")]


def squeeze(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch.isalnum())


def all_text(doc: dict) -> str:
    """Everything a checklist author can read: title, preamble, notice, item titles and texts."""
    parts = [doc.get("title", ""), doc.get("preamble", ""), doc.get("notice", "")]
    for node in nodes(doc).values():
        parts += [node.get("title", ""), node.get("text", "")]
    return squeeze("".join(parts))


SENTENCE = re.compile(r"[^。；;！？!?]+")
LEAD_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、]|[）)])\s*")


def sentences(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = LEAD_MARKER.sub("", line.strip())
        out += [s for s in SENTENCE.findall(line) if len(squeeze(s)) >= 2]
    return out


FIELDS = ("title", "units", "deadlines", "targets")
META = ("title", "issuer", "doc_number", "date", "year")


def differences(expected: dict, got: dict, *, text: bool = True) -> list[str]:
    """How two checklists of one document differ, as a reader sees it: metadata, ids in
    order, each node's title, units, deadlines, targets and (squeezed) text, requirement
    rows. Empty when the two are the same checklist."""
    out = [f"{key}: {got.get(key)!r} != {expected.get(key)!r}"
           for key in META if got.get(key) != expected.get(key)]
    want, have = nodes(expected), nodes(got)
    if list(want) != list(have):
        out.append(f"ids: {list(have)} != {list(want)}")
    for node_id, node in want.items():
        other = have.get(node_id)
        if other is None:
            continue
        for key in FIELDS:
            if other.get(key) != node.get(key):
                out.append(f"{node_id} {key}: {other.get(key)!r} != {node.get(key)!r}")
        if text and squeeze(other.get("text", "")) != squeeze(node.get("text", "")):
            out.append(f"{node_id} text: {other.get('text', '')[:60]!r}… != {node.get('text', '')[:60]!r}…")
        rows = [(squeeze(r["text"]), r["units"]) for r in node.get("requirements", [])]
        if [(squeeze(r["text"]), r["units"]) for r in other.get("requirements", [])] != rows:
            out.append(f"{node_id} requirements differ")
    return out


def seed_003_rows() -> tuple[list[str], list[list[str]]]:
    """Seed 003's body lines, and its flattened table put back into rows
    [category, task, requirement, units] (category cells hold a comma, units end in 管委会)."""
    lines = [line.strip() for line in SEEDS["003"][1].read_text("utf-8").split("\n")]
    start = lines.index("2021年聊城市政务公开工作要点")
    header = lines.index("责任单位")
    body = [line for line in lines[start : lines.index("附件:2021年聊城市政务公开重点工作任务分解表")] if line]
    rows: list[list[str]] = []
    category = task = ""
    requirement = ""
    for line in lines[header + 1 :]:
        if not line or line == "目录导读":
            continue
        if "," in line and not line.endswith(("。", "管委会")):
            category = line
        elif line.endswith("管委会"):
            rows.append([category, task, requirement, line])
        elif line.endswith("。"):
            requirement = line
        else:
            task = line
    return body, rows


def spans(rows: list[list[str]], column: int, start: int) -> int:
    """How many rows from ``start`` share the cell in ``column`` (and the columns left of it)."""
    count = 1
    while start + count < len(rows) and rows[start + count][: column + 1] == rows[start][: column + 1]:
        count += 1
    return count


def need_tool(tool: str, package: str) -> str:
    """The path of a Debian tool a test needs. Missing: skipped on a developer's machine,
    a failure where ``ZWGK_E2E=require`` (CI, which installs it in .ci/run)."""
    import os
    import shutil

    import pytest

    found = shutil.which(tool)
    if found:
        return found
    message = f"{tool} is not installed (apt-get install {package})"
    if os.environ.get("ZWGK_E2E") == "require":
        pytest.fail(message)
    pytest.skip(message)


def wrap_cjk(line: str, columns: int) -> list[str]:
    """A line cut at a display width, as a PDF copy or a fixed-width text has it."""
    out, current, used = [], "", 0
    for char in line:
        w = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + w > columns:
            out.append(current)
            current, used = "", 0
        current += char
        used += w
    return [*out, current] if current else out


def pdf_copy(lines: list[str], *, columns: int = 76, every_line: bool = False, page: int = 45) -> str:
    """Text as copied out of a PDF: paragraphs hard-wrapped at ``columns`` with no indent, a
    blank line after each paragraph (``every_line``: after every line), a page number
    (— 3 —) every ``page`` lines, a form feed at each page break."""
    out: list[str] = []
    count = 0
    number = 1
    for line in lines:
        if not line.strip():
            continue
        for piece in wrap_cjk(line.strip(), columns):
            out.append(piece)
            if every_line:
                out.append("")
            count += 1
            if count % page == 0:
                out += ["", f"— {number} —", "\f"]
                number += 1
        if not every_line:
            out.append("")
    return "\n".join(out)
