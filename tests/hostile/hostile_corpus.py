"""A generated corpus of hostile score files and checklists (reusable outside these tests).

``score_files(base)`` takes a real exported score file (bytes) and returns (name, bytes) pairs:
every string field given every payload (terminal escapes, OSC 52 clipboard writes, C1 codes,
bidi overrides, markup, formulas, megabyte strings), every number field every bad number
(nan, inf, 1e308, negatives, huge integers, booleans), every timestamp every wrong form (no
offset, a date, a string), and broken structure (deep nesting, 100,000 unknown items, binary,
other encodings, over-size). Files whose content is still a valid export are re-signed, so
that the payload reaches the code that shows or counts it, not only the digest check.

``checklists(base)`` does the same to a checklist; ``plant_specials(folder)`` adds what a
shared folder can hold besides files: FIFOs, symlinks (to /etc/shadow, to /dev/zero, to a
folder, dangling, looping), sockets, a character device (when root), folders named ``*.toml``,
and names holding escape sequences.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
import socket
import stat
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import rtoml

ESC = "\x1b"
PAYLOADS: dict[str, str] = {
    "osc52": f"9{ESC}]52;c;ZWNobyBwd25lZA==\x07",
    "csi-clear": f"{ESC}[2J{ESC}[H{ESC}[31m红",
    "title": f"{ESC}]0;pwned{ESC}\\",
    "bel-bs": "响\x07\x08\x08\x7f",
    "c1-csi": "\x9b31m\x9d0;x\x9c",
    "bidi": "\u202eexe.txt\u202c\u2066\u2067\u2069\u200f\u061c",
    "separators": "行\u2028段\u2029下\u0085一",
    "cr": "覆盖\r\r\n假的内容",
    "nul": "a\x00b",
    "tab-vt-ff": "\t\x0b\x0c",
    "markup": "[bold red]醒目[/] [link=file:///etc/shadow]x[/link]",
    "formula": "=HYPERLINK(\"http://evil\",\"点我\")",
    "path": "../../../../etc/passwd",
    "dos": "CON",
    "long": "长" * 200_000,
    "combining": "e" + "\u0301" * 5000,
}
BAD_NUMBERS: dict[str, Any] = {
    "nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"), "1e308": 1e308,
    "neg": -1, "negzero": -0.0, "tiny": 5e-324, "bigint": 2**63 - 1, "str": "10", "bool": True,
}
BAD_TIMES: dict[str, Any] = {
    "naive": dt.datetime(2099, 1, 1), "date": dt.date(2099, 1, 1), "text": "2099-01-01T00:00:00+08:00",
    "int": 20990101,
}

Mutation = Callable[[dict], None]


def _set(path: tuple[str, ...], value: Any) -> Mutation:
    def apply(doc: dict) -> None:
        node = doc
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return apply


def _rename_item(new_key: str) -> Mutation:
    def apply(doc: dict) -> None:
        items = doc["items"]
        first = next(iter(items))
        items[new_key] = items.pop(first)
    return apply


# ---------------------------------------------------------------- score files

STRING_FIELDS: dict[str, Callable[[str], Mutation]] = {
    "unit": lambda v: _set(("unit",), v),
    "assessor": lambda v: _set(("assessor",), v),
    "checklist_id": lambda v: _set(("checklist_id",), v),
    "checklist_title": lambda v: _set(("checklist_title",), v),
    "checklist_path": lambda v: _set(("checklist_path",), v),
    "carried_from": lambda v: _set(("carried_from",), v),
    "item_key": _rename_item,
    "status": lambda v: _set(("items", "1.1", "status"), v),
    "note": lambda v: _set(("items", "1.1", "note"), v),
    "evidence": lambda v: _set(("items", "1.1", "evidence"), [v, "正常佐证"]),
    "files_path": lambda v: _set(("items", "1.1", "files"), [{"path": v, "sha256": "0" * 64, "size": 1}]),
    "carried": lambda v: _set(("items", "1.2", "carried"), v),
    "text_sha256": lambda v: _set(("items", "1.1", "text_sha256"), v),
    "review_reason": lambda v: _set(("items", "1.1", "review"), {
        "decision": "return", "reason": v, "reviewer": "复核人", "self_status": "met"}),
    "reviewer": lambda v: _set(("review",), {"reviewer": v}),
    "orphan_key": lambda v: _set(("orphans",), {v: {"status": "met", "title": v}}),
    "unknown_key": lambda v: _set((v,), "x"),
    "submitted_by": lambda v: _set(("submitted", "by"), v),
}
NUMBER_FIELDS: dict[str, Callable[[Any], Mutation]] = {
    "score": lambda v: _set(("items", "1.1", "score"), v),
    "review_score": lambda v: _set(("items", "1.1", "review"), {
        "decision": "adjust", "status": "partial", "score": v, "reviewer": "复核人", "self_status": "met"}),
    "self_score": lambda v: _set(("items", "1.1", "review"), {
        "decision": "accept", "status": "met", "self_score": v, "self_status": "met"}),
    "files_size": lambda v: _set(("items", "1.1", "files"), [{"path": "/srv/x.pdf", "sha256": "0" * 64, "size": v}]),
    "version": lambda v: _set(("version",), v),
}
TIME_FIELDS: dict[str, Callable[[Any], Mutation]] = {
    "created": lambda v: _set(("created",), v),
    "updated": lambda v: _set(("updated",), v),
    "submitted_at": lambda v: _set(("submitted", "at"), v),
    "item_updated": lambda v: _set(("items", "1.1", "updated"), v),
    "review_at": lambda v: _set(("items", "1.1", "review"), {
        "decision": "accept", "status": "met", "self_status": "met", "at": v}),
    "review_updated": lambda v: _set(("review",), {"reviewer": "复核人", "updated": v}),
}


def _resign(doc: dict) -> None:
    """Give the mutated content a matching export digest (what a forger would do)."""
    from zwgk_tui.model.assessment.serialize import digest

    if isinstance(doc.get("submitted"), dict):
        with contextlib.suppress(Exception):  # a value the digest cannot serialise: keep the old one
            doc["submitted"]["digest"] = digest(doc)


def _dump(doc: dict) -> bytes:
    return rtoml.dumps(doc).encode("utf-8")


def score_files(base: bytes) -> list[tuple[str, bytes]]:
    """Hostile variants of one real exported score file."""
    doc = tomllib.loads(base.decode("utf-8"))
    out: list[tuple[str, bytes]] = []

    def variant(name: str, mutate: Mutation, resign: bool = True) -> None:
        changed = copy.deepcopy(doc)
        mutate(changed)
        if resign:
            _resign(changed)
        out.append((f"{name}.toml", _dump(changed)))

    for field, make in STRING_FIELDS.items():
        for label, payload in PAYLOADS.items():
            if "\x00" in payload and field in ("item_key", "orphan_key", "unknown_key"):
                payload = payload.replace("\x00", "\x01")  # rtoml cannot write NUL in a key
            variant(f"s-{field}-{label}", make(payload))
    for field, make in NUMBER_FIELDS.items():
        for label, number in BAD_NUMBERS.items():
            variant(f"n-{field}-{label}", make(number))
    for field, make in TIME_FIELDS.items():
        for label, value in BAD_TIMES.items():
            variant(f"t-{field}-{label}", make(value))
    variant("forged-digest", _set(("items", "1.1", "status"), "unmet"), resign=False)
    out.extend(_broken_structure(base, doc))
    return out


def _broken_structure(base: bytes, doc: dict) -> Iterator[tuple[str, bytes]]:
    text = base.decode("utf-8")
    yield "x-empty.toml", b""
    yield "x-comment-only.toml", b"# nothing\n"
    yield "x-binary.toml", bytes(range(256)) * 64
    yield "x-utf16.toml", text.encode("utf-16")
    yield "x-gbk.toml", text.replace("1.1", "一").encode("gb18030")
    yield "x-bad-utf8.toml", base + b"\nnote = \"\xff\xfe\"\n"
    yield "x-bom.toml", "\ufeff".encode() + base
    yield "x-crlf.toml", base.replace(b"\n", b"\r\n")
    yield "x-cr-only.toml", base.replace(b"\n", b"\r")
    yield "x-nested-arrays.toml", ("x = " + "[" * 20_000 + "]" * 20_000 + "\n").encode()
    yield "x-nested-tables.toml", ("x = " + "{a=" * 5_000 + "1" + "}" * 5_000 + "\n").encode()
    yield "x-dotted-bomb.toml", ("format = 1\n" + ".".join(["a"] * 60_000) + " = 1\n").encode()
    yield "x-unterminated.toml", base + b'\nunit = "never closed\n'
    yield "x-duplicate-key.toml", base + b'\nunit = "again"\n'
    yield "x-items-array.toml", _dump({**doc, "items": [1, 2, 3]})
    yield "x-items-string.toml", _dump({**doc, "items": "1.1"})
    yield "x-item-string.toml", _dump({**doc, "items": {"1.1": "met"}})
    yield "x-evidence-table.toml", _dump({**doc, "items": {"1.1": {"status": "met", "evidence": {"a": 1}}}})
    yield "x-review-string.toml", _dump({**doc, "items": {"1.1": {"status": "met", "review": "accept"}}})
    yield "x-submitted-string.toml", _dump({**doc, "submitted": "yes"})
    yield "x-format-int.toml", _dump({**doc, "format": 7})
    yield "x-checklist.toml", b'format = "zwgk-checklist"\nversion = 1\nid = "x"\n'
    many = {f"9.{n}": {"status": "met", "note": ESC + "[31m"} for n in range(100_000)}
    yield "x-100k-unknown-items.toml", _dump({**doc, "items": {**doc["items"], **many}})
    evidence = {"1.1": {"status": "met", "evidence": [f"{ESC}]52;c;{n}\x07" for n in range(100_000)]}}
    yield "x-100k-evidence.toml", _dump({**doc, "items": evidence})
    yield "x-long-line.toml", base + b"\nx = \"" + b"a" * 2_000_000 + b"\"\n"
    yield "x-over-8mb.toml", base + b"\n# " + b"z" * (8 * 1024 * 1024) + b"\n"
    yield "x-many-lines.toml", base + b"\n" * 1_000_000
    yield "x-many-tables.toml", base + "".join(f"[t{n}]\n" for n in range(50_000)).encode()
    yield "x-escape-in-toml-error.toml", f'unit = "ok"\n{ESC}]52;c;x\x07 = broken\n'.encode()
    yield "x-escape-raw-in-string.toml", base + f'\nnote = "{ESC}[2J"\n'.encode()


# ---------------------------------------------------------------- checklists

CHECKLIST_STRINGS: dict[str, Callable[[str], Mutation]] = {
    "id": lambda v: _set(("id",), v),
    "title": lambda v: _set(("title",), v),
    "issuer": lambda v: _set(("issuer",), v),
    "preamble": lambda v: _set(("preamble",), v),
    "section_id": lambda v: lambda d: d["sections"][0].__setitem__("id", v),
    "section_title": lambda v: lambda d: d["sections"][0].__setitem__("title", v),
    "item_id": lambda v: lambda d: d["sections"][0]["items"][0].__setitem__("id", v),
    "item_title": lambda v: lambda d: d["sections"][0]["items"][0].__setitem__("title", v),
    "item_text": lambda v: lambda d: d["sections"][0]["items"][0].__setitem__("text", v),
    "units": lambda v: lambda d: d["sections"][0]["items"][0].__setitem__("units", [v]),
    "grade_name": lambda v: _set(("scoring", "grades"), [{"name": v, "min": 90}, {"name": "差", "min": 0}]),
    "fail_grade": lambda v: _set(("scoring", "fail_grade"), v),
    "unknown_key": lambda v: lambda d: d["sections"][0]["items"][0].__setitem__(v, 1),
}
CHECKLIST_NUMBERS: dict[str, Callable[[Any], Mutation]] = {
    "points": lambda v: lambda d: d["sections"][0]["items"][0].__setitem__("points", v),
    "partial": lambda v: lambda d: d["sections"][0]["items"][0].__setitem__("partial", v),
    "scoring_partial": lambda v: _set(("scoring", "partial"), v),
    "bonus_cap": lambda v: _set(("scoring", "bonus_cap"), v),
    "grade_min": lambda v: _set(("scoring", "grades"), [{"name": "优", "min": v}, {"name": "差", "min": 0}]),
    "year": lambda v: _set(("year",), v),
}
# the short payloads: a 200,000-character id in every message is tested once, not 13 times
SHORT = {k: v for k, v in PAYLOADS.items() if k not in ("long", "combining")}


def checklists(base: bytes) -> list[tuple[str, bytes]]:
    """Hostile variants of one real checklist."""
    doc = tomllib.loads(base.decode("utf-8"))
    out: list[tuple[str, bytes]] = []

    def variant(name: str, mutate: Mutation) -> None:
        changed = copy.deepcopy(doc)
        mutate(changed)
        out.append((f"{name}.toml", _dump(changed)))

    for field, make in CHECKLIST_STRINGS.items():
        for label, payload in SHORT.items():
            if "\x00" in payload and field == "unknown_key":
                payload = payload.replace("\x00", "\x01")
            variant(f"cs-{field}-{label}", make(payload))
    variant("cs-title-long", _set(("title",), PAYLOADS["long"]))
    variant("cs-item_text-long", lambda d: d["sections"][0]["items"][0].__setitem__("text", PAYLOADS["long"]))
    for field, make in CHECKLIST_NUMBERS.items():
        for label, number in BAD_NUMBERS.items():
            variant(f"cn-{field}-{label}", make(number))
    out.extend(_broken_checklists(base, doc))
    return out


def _broken_checklists(base: bytes, doc: dict) -> Iterator[tuple[str, bytes]]:
    yield "cx-empty.toml", b""
    yield "cx-binary.toml", bytes(range(256)) * 64
    yield "cx-utf16.toml", base.decode("utf-8").encode("utf-16")
    yield "cx-nested.toml", ("x = " + "[" * 20_000 + "]" * 20_000 + "\n").encode()
    yield "cx-dotted-bomb.toml", ("format = 1\n" + ".".join(["a"] * 60_000) + " = 1\n").encode()
    head = base.split(b"[[sections]]")[0].decode("utf-8")
    deep, item_id = [head], "1"
    for depth in range(1, 300):  # items 300 levels deep, as headers (rtoml stops at 128)
        deep.append(f"[[sections{'.items' * (depth - 1)}]]\nid = \"{item_id}\"\ntitle = \"深\"\n")
        item_id += ".1"
    yield "cx-deep-items.toml", "".join(deep).encode()
    items = [{"id": f"1.{n}", "title": f"{ESC}[31m条目{n}", "points": 1} for n in range(1, 20_001)]
    yield "cx-20k-items.toml", _dump({**doc, "sections": [{"id": "1", "title": "大", "items": items}]})
    unknown = {f"k{n}{ESC}": n for n in range(100_000)}
    yield "cx-100k-unknown-keys.toml", _dump({**doc, **unknown})
    yield "cx-1e308-everywhere.toml", _dump({**doc, "sections": [{"id": "1", "title": "x", "items": [
        {"id": f"1.{n}", "title": "x", "points": 1e308} for n in range(1, 50)]}]})
    yield "cx-sections-string.toml", _dump({**doc, "sections": "1"})
    yield "cx-no-sections.toml", _dump({k: v for k, v in doc.items() if k != "sections"})
    yield "cx-scoring-string.toml", _dump({**doc, "scoring": "hard"})
    yield "cx-over-64mb.toml", base + b"\n# " + b"z" * (64 * 1024 * 1024) + b"\n"


# ---------------------------------------------------------------- what else a folder holds

HOSTILE_NAMES = (f"{ESC}]52;c;bmFtZQ==\x07.toml", f"{ESC}[2J清屏.toml", "\u202eexe.toml", "CON.toml",
                 "行\nbreak.toml", "\x9b31m.toml")


def plant_specials(folder: Path, sample: bytes) -> list[Path]:
    """FIFOs, sockets, devices, symlinks and odd names in ``folder``; returns what was made."""
    made: list[Path] = []

    def mark(path: Path) -> Path:
        made.append(path)
        return path

    os.mkfifo(mark(folder / "fifo.toml"))
    os.symlink("/etc/shadow", mark(folder / "shadow-link.toml"))
    os.symlink("/dev/zero", mark(folder / "zero-link.toml"))
    os.symlink(str(folder / "nowhere"), mark(folder / "dangling.toml"))
    os.symlink("loop-b.toml", mark(folder / "loop-a.toml"))
    os.symlink("loop-a.toml", mark(folder / "loop-b.toml"))
    os.symlink("/etc", mark(folder / "etc-link.toml"))
    mark(folder / "folder.toml").mkdir()
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.bind(str(mark(folder / "socket.toml")))
        except OSError:  # a path too long for a socket address
            made.pop()
    if os.geteuid() == 0:
        os.mknod(mark(folder / "device.toml"), 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero
    for name in HOSTILE_NAMES:
        mark(folder / name).write_bytes(sample)
    return made
