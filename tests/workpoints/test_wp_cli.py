"""``zwgk checklist build`` through the real command: good input writes the file and prints a
Chinese summary; every bad input is one line naming the file, exit status 2, no traceback,
and no output file."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
from wp_helpers import FIXTURES, SEEDS


def zwgk(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zwgk_tui", "checklist", "build", *args],
        capture_output=True, text=True, cwd=cwd, timeout=60,
    )


def test_build_writes_the_checklist_and_a_summary(tmp_path):
    out = tmp_path / "2019-guowuyuan.toml"
    result = zwgk(str(SEEDS["004"][1]), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{out}: 5 个部分，18 个条目，0 个子条目，18 个评估项，总分 100（另有 1 个无编号段落也作为评估项计分）",
        "  没有责任单位的评估项：18 个（共 18 个）",
        "  编号：跳号 0 处，重复 0 处，缺号推断 0 处",
        "  占位标题 0 个，空条目 0 个，标题里夹着编号 0 个",
        "  未归入任何条目的文字：0 处",
    ]
    assert result.stdout == ""
    doc = tomllib.loads(out.read_text("utf-8"))
    assert doc["id"] == "2019-guowuyuan"  # the id defaults to the output's stem


def test_explicit_id_and_conversion(tmp_path):
    out = tmp_path / "x.toml"
    result = zwgk(str(SEEDS["004"][1]), "-o", str(out), "--id", "gwy-2019", "--to-simplified", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = tomllib.loads(out.read_text("utf-8"))
    assert doc["id"] == "gwy-2019"
    assert doc["title"] == "2019年政务公开工作要点"


def _ofd() -> bytes:
    """The smallest OFD package: a zip whose entry point is OFD.xml (GB/T 33190)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1"/>')
        package.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return buffer.getvalue()


def _bad(tmp_path, name: str, data: bytes | None) -> str:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    return str(path)


BAD_INPUTS = {
    "empty": ("empty.txt", b""),
    "blank": ("blank.txt", b" \n\r\n\t\n"),
    "binary": ("image.txt", bytes(range(256)) * 8),
    "nul": ("nul.txt", "一、总体要求\n".encode() + b"\x00\x01\x02"),
    "undecodable": ("bad.txt", b"\xff\xfe\xfa" * 50 + b"\x81"),
    "no-structure": ("prose.txt", "关于做好政务公开工作的通知\n各单位要高度重视政务公开工作，认真抓好落实。\n".encode()),
    "missing": ("missing.txt", None),
    "pdf": ("points.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    "broken-docx": ("points.docx", b"PK\x03\x04not really a zip"),
    "fake-docx": ("points.docx", "一、总体要求".encode()),
    "legacy-doc": ("points.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    "ofd": ("points.ofd", _ofd()),
    "ofd-named-zip": ("points.zip", _ofd()),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path, case):
    name, data = BAD_INPUTS[case]
    source = _bad(tmp_path, name, data)
    out = tmp_path / "out.toml"
    result = zwgk(source, "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(source + ":"), lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    assert list(tmp_path.iterdir()) == ([tmp_path / name] if data is not None else [])


def test_folder_as_input(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    result = zwgk(str(folder), "-o", str(tmp_path / "out.toml"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{folder}: 这是一个文件夹，不是工作要点文件"
    assert not (tmp_path / "out.toml").exists()


@pytest.mark.parametrize("where", ["under-a-file", "missing-folder", "a-folder"])
def test_unwritable_output_is_one_line_exit_2(tmp_path, where):
    regular = tmp_path / "somefile.txt"
    regular.write_text("x")
    (tmp_path / "outdir").mkdir()
    out = {
        "under-a-file": regular / "out.toml",
        "missing-folder": tmp_path / "no" / "such" / "out.toml",
        "a-folder": tmp_path / "outdir",
    }[where]
    result = zwgk(str(FIXTURES / "province_2022_runon.txt"), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(out) + ":"), result.stderr
    assert "Traceback" not in result.stderr
    assert regular.read_text() == "x"
    assert not list((tmp_path / "outdir").iterdir())
    assert not (tmp_path / "no").exists()


def test_through_typers_cli_runner(tmp_path):
    """The same contract when a test drives the Typer app in-process."""
    from typer.testing import CliRunner

    from zwgk_tui.cli import app

    runner = CliRunner()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.toml"
    result = runner.invoke(app, ["checklist", "build", str(empty), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{empty}: 文件是空的" in result.output
    assert not out.exists()
    result = runner.invoke(app, ["checklist", "build", str(SEEDS["002"][1]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert tomllib.loads(out.read_text("utf-8"))["id"] == "out"
