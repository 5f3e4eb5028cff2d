"""Exporting into a shared inbox: never open what was not meant (a planted symlink to
/dev/zero, a FIFO), never overwrite (resubmission gets a new name, same content writes
nothing), and the write-only drop box (mode 3733) works from a second real account."""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import sys
import textwrap

import pytest

from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.saver import SyncSaver
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.assessment.submit import export
from zwgk_tui.model.checklist import load_checklist


@pytest.fixture
def finished(tmp_path, mini_path):
    checklist = load_checklist(mini_path)
    path = tmp_path / "own" / "甲县.toml"
    session = Assessment.open(checklist, path, unit="甲县", assessor="张三", saver=SyncSaver())
    for leaf in checklist.leaves:
        session.set_status(leaf.id, "met")
    session.close()
    return checklist, path


def test_planted_symlink_and_fifo_are_never_opened(tmp_path, finished):
    checklist, own = finished
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "甲县.toml").symlink_to("/dev/zero")
    os.mkfifo(inbox / "甲县-2.toml")
    result = export(own, inbox, checklist)            # would grow or hang if either were opened
    assert result.path == inbox / "甲县-3.toml" and result.written
    assert os.readlink(inbox / "甲县.toml") == "/dev/zero"
    assert stat.S_ISFIFO(os.lstat(inbox / "甲县-2.toml").st_mode)
    with pytest.raises(ZwgkError, match="符号链接"):
        export(own, inbox / "甲县.toml", checklist)      # an explicit target that is a link: refused
    with pytest.raises(ZwgkError, match="不是普通文件"):
        export(own, inbox / "甲县-2.toml", checklist)


def test_resubmission_never_overwrites_and_same_content_writes_nothing(tmp_path, finished):
    checklist, own = finished
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = export(own, inbox, checklist)
    before = first.path.read_bytes()
    again = export(own, inbox, checklist)
    assert again.path == first.path and not again.written and first.path.read_bytes() == before
    session = Assessment.open(checklist, own, saver=SyncSaver())
    session.add_evidence("1.1", "补充的链接")
    session.close()
    second = export(own, inbox, checklist)
    assert second.path == inbox / "甲县-2.toml" and first.path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a second account and chown")
def test_a_write_only_drop_box_works_from_another_account(tmp_path, finished, mini_path):
    """Mode 3733 (setgid, sticky, wx for group and others): the unit's account can drop its file
    (0640, the folder's group, created exclusively) but cannot list or read the folder."""
    _checklist, own = finished
    nobody = pwd.getpwnam("nobody")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.chown(inbox, 0, 0)
    os.chmod(inbox, 0o3733)
    for folder in [tmp_path, *tmp_path.parents]:
        if str(folder) != "/":
            os.chmod(folder, os.stat(folder).st_mode | 0o005)
    unit_dir = tmp_path / "unit"
    unit_dir.mkdir()
    copy = unit_dir / "甲县.toml"
    copy.write_bytes(own.read_bytes())
    os.chown(unit_dir, nobody.pw_uid, nobody.pw_gid)
    os.chown(copy, nobody.pw_uid, nobody.pw_gid)
    script = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        from zwgk_tui.model.checklist import load_checklist
        checklist = load_checklist({str(mini_path)!r})
        # everything imported first: Python's own files may be unreadable to the new user
        from zwgk_tui.model.assessment import lock, placing, submit  # noqa: F401
        from zwgk_tui.model.assessment.submit import export
        os.setgroups([]); os.setgid({nobody.pw_gid}); os.setuid({nobody.pw_uid})
        result = export(Path({str(copy)!r}), Path({str(inbox)!r}), checklist)
        print(result.path)
        try:
            os.listdir({str(inbox)!r})
        except PermissionError:
            print("cannot list")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "ZWGK_DATA_DIR": str(unit_dir / "data")})
    assert done.returncode == 0, done.stderr
    written = inbox / "甲县.toml"
    assert done.stdout.split() == [str(written), "cannot", "list"]
    st = os.lstat(written)
    assert stat.S_IMODE(st.st_mode) == 0o640 and st.st_gid == 0 and st.st_uid == nobody.pw_uid
