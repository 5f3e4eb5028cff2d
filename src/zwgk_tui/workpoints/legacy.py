"""Legacy Word (.doc) and WPS (.wps, the 金山 WPS 文字 files written in the .doc format) →
lines and tables, through a converter a Linux server has.

First ``antiword`` (small, fast; its DocBook output keeps tables as rows and cells, and
the column widths tell which header cell spans two columns), then LibreOffice headless
(converts to .docx, read as any .docx), then ``catdoc`` (text only). Each runs without a
shell, on a private copy of the file in a temporary folder, with a timeout, its whole
process group killed if it runs over. With none installed, one line says what to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.workpoints.decode import decode_text, from_blocks
from zwgk_tui.workpoints.document import Block, Document, GridTable

TIMEOUT = 60  # seconds for antiword or catdoc
OFFICE_TIMEOUT = 180  # LibreOffice starts slowly on a cold server
INSTALL = "读取旧版 Word/WPS 文件需要 antiword（apt-get install antiword）或 LibreOffice（apt-get install libreoffice-writer）"


class ToolFailed(Exception):
    """A converter ran but gave nothing usable (not a Word file, encrypted, timed out…)."""


def read_legacy(path: Path, data: bytes) -> Document:
    suffix = path.suffix.lower() if path.suffix.lower() in (".doc", ".wps", ".dot") else ".doc"
    tried = False
    with tempfile.TemporaryDirectory(prefix="zwgk-doc-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        for reader in (_antiword, _office, _catdoc):
            try:
                blocks = reader(source, Path(folder))
            except FileNotFoundError:
                continue  # this converter is not installed
            except ToolFailed:
                tried = True
                continue
            if any(isinstance(b, GridTable) or b.strip() for b in blocks):
                return from_blocks(path, data, blocks, "doc")
            tried = True
    if tried:
        raise ZwgkError("无法读取这个旧版 Word/WPS 文件（可能已损坏或加密），请用 WPS 或 Word 另存为 .docx", path)
    raise ZwgkError(INSTALL, path)


def run_tool(args: list[str], timeout: float, cwd: Path) -> bytes:
    """stdout of a converter run without a shell; FileNotFoundError if it is not installed,
    ToolFailed if it fails or runs over its time (then its process group is killed)."""
    program = shutil.which(args[0])
    if program is None:
        raise FileNotFoundError(args[0])
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd), "LANG": "C.UTF-8"}
    with subprocess.Popen([program, *args[1:]], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, cwd=cwd, env=env, start_new_session=True) as process:
        try:
            out, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ToolFailed(f"{args[0]} timed out") from None
    if process.returncode != 0:
        raise ToolFailed(f"{args[0]} exit {process.returncode}")
    return out


def _antiword(source: Path, folder: Path) -> list[Block]:
    out = run_tool(["antiword", "-x", "db", "-m", "UTF-8.txt", str(source)], TIMEOUT, folder)
    try:
        root = ElementTree.fromstring(out)
    except ElementTree.ParseError:
        raise ToolFailed("antiword gave no DocBook") from None
    return list(_docbook_blocks(root))


def _docbook_blocks(element: ElementTree.Element) -> list[Block]:
    """Paragraphs and tables of antiword's DocBook, in document order."""
    out: list[Block] = []
    for child in element:
        tag = child.tag
        if tag in ("informaltable", "table"):
            table = _docbook_table(child)
            if table is not None:
                out.append(table)
        elif tag in ("para", "title", "simpara"):
            text = " ".join("".join(child.itertext()).split())
            if text:
                out.append(text)
        elif tag not in ("bookinfo",):
            out.extend(_docbook_blocks(child))
    return out


def _docbook_table(table: ElementTree.Element) -> GridTable | None:
    """Rows of entries placed on one grid by the column widths of their groups: a header
    cell as wide as two body columns covers both (the second is marked a repeat)."""
    groups = []
    for group in table.iter("tgroup"):
        widths = [_points(spec.get("colwidth")) for spec in group.findall("colspec")]
        rows = [[" ".join("".join(entry.itertext()).split()) for entry in row.findall("entry")]
                for row in group.iter("row")]
        groups.append((widths, rows))
    edges = sorted({round(edge) for widths, _ in groups for edge in _edges(widths)})
    if len(edges) < 2:
        return None
    grid: list[list[str]] = []
    dups: list[list[bool]] = []
    for widths, rows in groups:
        bounds = _edges(widths)
        for row in rows:
            cells = [""] * (len(edges) - 1)
            flags = [False] * (len(edges) - 1)
            for k, text in enumerate(row):
                if k + 1 >= len(bounds):
                    break
                covered = [c for c in range(len(edges) - 1)
                           if round(bounds[k]) <= edges[c] < round(bounds[k + 1])]
                for n, c in enumerate(covered):
                    cells[c], flags[c] = text, n > 0
            grid.append(cells)
            dups.append(flags)
    return GridTable(rows=grid, dups=dups, spans_known=False) if grid else None


def _points(value: str | None) -> float:
    try:
        return float((value or "").removesuffix("pt")) or 1.0
    except ValueError:
        return 1.0


def _edges(widths: list[float]) -> list[float]:
    out = [0.0]
    for width in widths:
        out.append(out[-1] + width)
    return out


def _office(source: Path, folder: Path) -> list[Block]:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise FileNotFoundError("soffice")
    profile = (folder / "profile").as_uri()
    run_tool([office, "--headless", "--norestore", f"-env:UserInstallation={profile}",
              "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)], OFFICE_TIMEOUT, folder)
    converted = folder / "out" / f"{source.stem}.docx"
    if not converted.is_file():
        raise ToolFailed("LibreOffice wrote nothing")
    from zwgk_tui.workpoints.worddoc import read_docx

    try:
        document = read_docx(converted, converted.read_bytes())
    except ZwgkError:
        raise ToolFailed("LibreOffice wrote a broken .docx") from None
    blocks: list[Block] = list(document.lines)
    for table in sorted(document.tables, key=lambda t: t.line, reverse=True):
        blocks.insert(max(0, table.line - 1), table)
    return blocks


def _catdoc(source: Path, folder: Path) -> list[Block]:
    out = run_tool(["catdoc", "-d", "utf-8", "-w", str(source)], TIMEOUT, folder)
    try:
        return list(decode_text(out, source).split("\n")) if out.strip() else []
    except ZwgkError:
        raise ToolFailed("catdoc gave no text") from None
