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
