"""The checklist file, written with tomlkit: arrays of tables, long text as multi-line
strings that start on their own line, a comment where the builder had to infer something.

Nothing in the output depends on the time, the machine or the path: the same input gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt

import tomlkit
from tomlkit.items import String, StringType, Table, Trivia

from zwgk_tui.workpoints.metadata import Metadata
from zwgk_tui.workpoints.nodes import Node
from zwgk_tui.workpoints.shadow import strip_controls

LONG = 60


def text_value(value: str) -> str | String:
    """A TOML string: multi-line (opening on its own line) when long or several lines."""
    value = strip_controls(value).replace("\t", " ")
    if "\n" not in value and len(value) <= LONG:
        return value
    escaped = []
    for char in value:
        if char == "\\":
            escaped.append("\\\\")
        elif char == '"':
            escaped.append('\\"')
        elif char == "\n":
            escaped.append("\n")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return String(StringType.MLB, value, "\n" + "".join(escaped), Trivia())


def _clean_list(values: list[str]) -> list[str]:
    out = []
    for value in values:
        value = " ".join(strip_controls(value).split())
        if value and value not in out:
            out.append(value)
    return out


def render(
    *, checklist_id: str, meta: Metadata, source: dict[str, str], notice: str, preamble: str,
    sections: list[Node],
) -> str:
    doc = tomlkit.document()
    doc.add("format", "zwgk-checklist")
    doc.add("version", 1)
    doc.add("id", checklist_id)
    doc.add("title", strip_controls(meta.title) or "工作要点")
    if meta.year is not None:
        doc.add("year", meta.year)
    doc.add("issuer", strip_controls(meta.issuer))
    doc.add("doc_number", strip_controls(meta.doc_number))
    if isinstance(meta.date, dt.date):
        doc.add("date", meta.date)
    source_table = tomlkit.inline_table()
    source_table.update(source)
    doc.add("source", source_table)
    if notice:
        doc.add("notice", text_value(notice))
    if preamble:
        doc.add("preamble", text_value(preamble))
    sections_aot = tomlkit.aot()
    for section in sections:
        sections_aot.append(_node_table(section))
    doc.add("sections", sections_aot)
    return tomlkit.dumps(doc)


def _node_table(node: Node) -> Table:
    table = tomlkit.table()
    if node.notes:
        table.comment("；".join(strip_controls(note) for note in node.notes))
    table.add("id", node.id)
    table.add("title", strip_controls(node.title))
    if node.text or (node.parent is not None and node.parent.parent is not None):
        table.add("text", text_value(node.text))
    for key in ("units", "deadlines", "targets"):
        values = _clean_list(getattr(node, key))
        if values:
            table.add(key, values)
    if node.points is not None:
        table.add("points", node.points)
    if node.unnumbered:
        table.add("unnumbered", True)
    if node.line:
        table.add("source_line", node.line)
    if node.requirements:
        requirements = tomlkit.aot()
        for row in node.requirements:
            entry = tomlkit.table()
            entry.add("text", text_value(row.get("text", "")))
            entry.add("units", _clean_list(row.get("units", [])))
            if row.get("deadlines"):
                entry.add("deadlines", _clean_list(row["deadlines"]))
            requirements.append(entry)
        table.add("requirements", requirements)
    if node.children:
        items = tomlkit.aot()
        for child in node.children:
            items.append(_node_table(child))
        table.add("items", items)
    return table
