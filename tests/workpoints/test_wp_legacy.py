"""Legacy Word (.doc) and WPS (.wps in the .doc format) through the converters a Linux server
has: antiword (tables kept as rows and cells), LibreOffice headless, catdoc (text only).

The .doc fixtures were made once with LibreOffice from the seed texts (fixtures/legacy/
README.md says how). antiword and catdoc are real (Debian; .ci/run installs them);
LibreOffice is not installed in CI (~100 packages), so its branch runs a stand-in
``soffice`` that checks how it is called and writes the .docx LibreOffice would."""

from __future__ import annotations

import os
import shutil
import stat
import time

import docx
import pytest
from wp_helpers import FIXTURES, SEEDS, build, differences, need_tool

from zwgk_tui.errors import ZwgkError
from zwgk_tui.workpoints import legacy
from zwgk_tui.workpoints.build import build_checklist

LEGACY = FIXTURES / "legacy"


def _only(tmp_path, *tools: str) -> str:
    """A PATH that holds just these tools (and a shell for the stand-ins)."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for tool in tools:
        found = need_tool(tool, {"antiword": "antiword", "catdoc": "catdoc"}.get(tool, tool))
        (folder / tool).symlink_to(found)
    return str(folder)


@pytest.mark.parametrize(("name", "key"), [("seed004.doc", "004"), ("seed003_table.doc", "003")])
def test_doc_through_antiword_builds_the_same_checklist(name, key, seed_builds):
    need_tool("antiword", "antiword")
    doc, _ = build(LEGACY / name, SEEDS[key][0])
    assert differences(seed_builds[key][0], doc) == []


def test_wps_in_the_doc_format_builds_the_same_checklist(tmp_path, seed_builds):
    need_tool("antiword", "antiword")
    path = tmp_path / "2019年政务公开工作要点.wps"
    shutil.copy(LEGACY / "seed004.doc", path)
    doc, _ = build(path, SEEDS["004"][0])
    assert differences(seed_builds["004"][0], doc) == []


def test_catdoc_when_it_is_the_only_converter(tmp_path, monkeypatch, seed_builds):
    """catdoc reads the text (not the tables: seed 003's table needs antiword or LibreOffice)."""
    monkeypatch.setenv("PATH", _only(tmp_path, "catdoc"))
    doc, _ = build(LEGACY / "seed004.doc", SEEDS["004"][0])
    assert differences(seed_builds["004"][0], doc) == []


def test_no_converter_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _only(tmp_path))
    with pytest.raises(ZwgkError) as caught:
        build_checklist(LEGACY / "seed004.doc", checklist_id="x", convert=None)
    assert str(caught.value) == f"{LEGACY / 'seed004.doc'}: {legacy.INSTALL}"


def _stand_in(folder, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, "utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_libreoffice_branch(tmp_path, monkeypatch, seed_builds):
    """No antiword: LibreOffice converts to .docx in a private folder with its own profile."""
    made = tmp_path / "made.docx"
    document = docx.Document()
    for line in SEEDS["004"][1].read_text("utf-8").split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(made)
    calls = tmp_path / "calls.txt"
    folder = tmp_path / "bin"
    folder.mkdir()
    _stand_in(folder, "soffice", f"""echo "$@" >> '{calls}'
while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; last="$1"; shift; done
name="${{last##*/}}"
/bin/mkdir -p "$out" && /bin/cp '{made}' "$out/${{name%.*}}.docx"
""")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{_only(tmp_path)}")
    doc, _ = build(LEGACY / "seed004.doc", SEEDS["004"][0])
    assert differences(seed_builds["004"][0], doc) == []
    args = calls.read_text("utf-8").split()
    assert args[:2] == ["--headless", "--norestore"] and args[3:5] == ["--convert-to", "docx"]
    assert args[2].startswith("-env:UserInstallation=file://") and args[-1].endswith("/input.doc")
    assert not os.path.exists(args[-1])  # the private copy is gone


def test_a_converter_that_hangs_is_killed(tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    folder.mkdir()
    pid_file = tmp_path / "pid"
    _stand_in(folder, "antiword", f"echo $$ > '{pid_file}'\nexec sleep 60\n")
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setattr(legacy, "TIMEOUT", 1)
    started = time.monotonic()
    with pytest.raises(ZwgkError) as caught:
        build_checklist(LEGACY / "seed004.doc", checklist_id="x", convert=None)
    assert time.monotonic() - started < 20
    assert "无法读取这个旧版 Word/WPS 文件" in str(caught.value)
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_damaged_doc_is_one_line(tmp_path):
    need_tool("antiword", "antiword")
    path = tmp_path / "points.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ZwgkError) as caught:
        build_checklist(path, checklist_id="x", convert=None)
    assert str(caught.value) == (
        f"{path}: 无法读取这个旧版 Word/WPS 文件（可能已损坏或加密），请用 WPS 或 Word 另存为 .docx")


def test_excel_is_not_a_work_points_document(tmp_path):
    path = tmp_path / "分解表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ZwgkError) as caught:
        build_checklist(path, checklist_id="x", convert=None)
    assert "不是工作要点" in str(caught.value)


def test_real_libreoffice_when_antiword_is_missing(monkeypatch, seed_builds):
    """The real LibreOffice (CI installs it for the written 自查自评报告) on the .doc."""
    need_tool("soffice", "libreoffice-writer-nogui")

    def missing(*_args: object) -> list:
        raise FileNotFoundError("antiword")

    monkeypatch.setattr(legacy, "_antiword", missing)
    doc, _ = build(LEGACY / "seed004.doc", SEEDS["004"][0])
    assert differences(seed_builds["004"][0], doc) == []
