"""Bytes → lines and tables: plain text (UTF-8, UTF-8/16 with BOM, GB18030), HTML, .docx.

Every way a file can be unusable (missing, a folder, empty, binary, undecodable, a legacy
.doc or a PDF) is a ZwgkError with a Chinese message naming the file.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

from zwgk_tui.errors import ZwgkError
from zwgk_tui.workpoints.document import Block, Document, GridTable
from zwgk_tui.workpoints.htmltext import html_blocks
from zwgk_tui.workpoints.shadow import strip_controls

MAX_BYTES = 50 * 1024 * 1024
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|body|head|meta|p|div|table)\b", re.I)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")


def read_source(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise ZwgkError("这是一个文件夹，不是工作要点文件", path)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ZwgkError(f"文件太大（{size // 1024 // 1024} MB），不像是工作要点文件", path)
        return path.read_bytes()
    except FileNotFoundError:
        raise ZwgkError("文件不存在", path) from None
    except IsADirectoryError:
        raise ZwgkError("这是一个文件夹，不是工作要点文件", path) from None
    except PermissionError:
        raise ZwgkError("没有读取权限", path) from None
    except OSError as exc:
        raise ZwgkError(f"无法读取：{exc.strerror or exc}", path) from None


def load_document(path: Path) -> Document:
    """Read and decode a work-points document into lines (and tables)."""
    data = read_source(path)
    if not data.strip():
        raise ZwgkError("文件是空的", path)
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".ofd" or _is_ofd(data):
            raise ZwgkError(OFD, path)
        from zwgk_tui.workpoints.worddoc import read_docx

        return read_docx(path, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix in (".xls", ".xlt", ".et", ".ppt", ".dps"):
            raise ZwgkError("这是 Excel/演示文稿文件，不是工作要点；任务分解表请另存为 .docx 或网页", path)
        from zwgk_tui.workpoints.legacy import read_legacy

        return read_legacy(path, data)
    if b"%PDF-" in data[:1024]:
        from zwgk_tui.workpoints.pdfread import read_pdf

        return read_pdf(path, data)
    if suffix == ".docx":
        raise ZwgkError("不是有效的 .docx 文件", path)
    text = decode_text(data, path)
    if not text.strip():
        raise ZwgkError("文件是空的", path)
    if suffix in (".html", ".htm", ".xhtml", ".shtml") or _looks_html(data):
        return _html(path, data, text)
    return Document(path=path, data=data, lines=split_lines(text), kind="text")


# OFD (GB/T 33190, the Chinese fixed-layout format): no maintained Python reader — easyofd
# pulls in PyMuPDF (AGPL) and converts for display rather than reading text — so say how to
# convert it.
OFD = "这是 OFD 版式文件，无法直接读取；请用数科 OFD 阅读器或 WPS 打开，另存为 PDF 或 .docx 后再生成"


def _is_ofd(data: bytes) -> bool:
    """An OFD package is a zip whose entry point is OFD.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return any(name.lower() == "ofd.xml" for name in package.namelist()[:200])
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def decode_text(data: bytes, path: Path) -> str:
    """BOM first, then strict UTF-8, then GB18030 (a superset of GBK and GB2312)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                       (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(codec), path)
            except UnicodeDecodeError:
                raise ZwgkError(f"无法按 {codec.upper()} 解码", path) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ZwgkError("看起来是二进制文件（含 NUL 字节），不是文本", path, line)
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    lenient = data.decode("utf-8", errors="replace")
    stray = lenient.count("\ufffd")
    if stray <= max(3, len(data) // 2000):
        # UTF-8 with a few broken bytes (a copy cut mid-character): GB18030 would "succeed"
        # and turn the whole text into nonsense
        return _checked(lenient, path)
    try:
        return _checked(data.decode("gb18030"), path)
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise ZwgkError("无法解码：既不是 UTF-8 也不是 GB18030/GBK 文本", path, line) from None


def _checked(text: str, path: Path) -> str:
    """Text that decoded but is mostly control or private-use characters is binary."""
    bad = _BAD_CHARS.findall(text[:200_000])
    if len(bad) > 8 and len(bad) > len(text[:200_000]) // 100:
        raise ZwgkError("看起来是二进制文件，不是文本", path)
    return text


def _looks_html(data: bytes) -> bool:
    head = data[:4096].lstrip()
    return head.startswith(b"<") and bool(_HTML_SNIFF.search(head))


def split_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    # tabs stay: they separate the cells of a table copied out of a spreadsheet or a PDF
    return [strip_controls(line) for line in text.split("\n")]


def _html(path: Path, data: bytes, text: str) -> Document:
    try:
        blocks = html_blocks(text)
    except Exception:  # html.parser is lenient; anything else is a broken file
        raise ZwgkError("无法解析 HTML", path) from None
    return from_blocks(path, data, blocks, "html")


def from_blocks(path: Path, data: bytes, blocks: list[Block], kind: str) -> Document:
    lines: list[str] = []
    tables: list[GridTable] = []
    for block in blocks:
        if isinstance(block, GridTable):
            block.rows = [[strip_controls(cell) for cell in row] for row in block.rows]
            block.line = len(lines) + 1
            tables.append(block)
        else:
            lines.extend(split_lines(block))
    return Document(path=path, data=data, lines=lines, tables=tables, kind=kind)
