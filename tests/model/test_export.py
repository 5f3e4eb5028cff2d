"""``zwgk export``: a submitted copy with a digest, safe names, a shared inbox, no symlinks."""

from __future__ import annotations

import grp
import os
import stat
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zwgk_tui.cli import app
from zwgk_tui.errors import ZwgkError
from zwgk_tui.model.assessment.session import Assessment
from zwgk_tui.model.assessment.submit import export, verify
from zwgk_tui.model.checklist import load_checklist
from zwgk_tui.model.paths import safe_name

runner = CliRunner()


@pytest.fixture
def mini(mini_path):
    return load_checklist(mini_path)


def finished(mini, path: Path, unit: str = "示例县政务公开办") -> Path:
    session = Assessment.open(mini, path, unit=unit, assessor="张三")
    for leaf in mini.leaves:
        session.set_status(leaf.id, "met")
    session.set_note("1.1", "已按要求公开")
    session.close()
    return path


def test_export_to_a_folder_marks_submitted_with_a_digest(tmp_path, mini):
    source = finished(mini, tmp_path / "mine.toml")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    result = export(source, inbox, mini)
    assert result.path == inbox / "示例县政务公开办.toml"
    doc = tomllib.loads(result.path.read_text("utf-8"))
    assert doc["submitted"]["digest"] == result.digest and result.digest.startswith("sha256:")
    assert doc["submitted"]["by"] == "张三"
    assert verify(doc) is True
    doc["items"]["1.1"]["note"] = "提交后偷偷改了"
    assert verify(doc) is False
    # the officer's own file now says it was submitted, with the same digest
    own = tomllib.loads(source.read_text("utf-8"))
    assert result.source_marked and own["submitted"]["digest"] == result.digest
    assert verify(own) is True


def test_source_held_by_a_session_is_marked_through_it_or_left_alone(tmp_path, mini):
    source = finished(mini, tmp_path / "mine.toml")
    session = Assessment.open(mini, source)
    try:
        # another process (the CLI) cannot take the lock: the copy is made, the source untouched
        from zwgk_tui.model.assessment import lock as lock_module

        held = lock_module.ScoreLock(source)
        with pytest.raises(lock_module.LockHeld):
            held.acquire()
        from_cli = export(source, tmp_path / "b.toml", mini)
        assert (tmp_path / "b.toml").exists() and not from_cli.source_marked
        assert "submitted" not in tomllib.loads(source.read_text("utf-8"))
        via_session = export(source, tmp_path / "a.toml", mini, session=session)
        assert via_session.source_marked
        assert session.scores.submitted is not None
        assert verify(tomllib.loads(source.read_text("utf-8"))) is True
        session.set_note("1.1", "导出后又改了")  # an edit makes it a draft again
        assert "submitted" not in tomllib.loads(source.read_text("utf-8"))
    finally:
        session.close()


def test_unit_names_become_safe_file_names():
    assert safe_name("示例县/../政务公开办") == "示例县_._政务公开办"
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("a\x1b[31mb\nc") == "a[31mbc"  # control characters dropped
    assert safe_name("..") == "unit"
    assert "/" not in safe_name("/" * 10) and safe_name("/" * 10)


def test_units_whose_names_collide_do_not_overwrite_each_other(tmp_path, mini):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    one = export(finished(mini, tmp_path / "a.toml", "县/民政局"), inbox, mini)
    two = export(finished(mini, tmp_path / "b.toml", "县_民政局"), inbox, mini)
    assert one.path != two.path
    assert two.path.name == "县_民政局-2.toml"
    again = export(tmp_path / "a.toml", inbox, mini)  # re-export replaces the unit's own file
    assert again.path == one.path


def test_incomplete_assessment_needs_a_flag(tmp_path, mini):
    session = Assessment.open(mini, tmp_path / "half.toml", unit="示例县")
    session.set_status("1.1", "met")
    session.close()
    with pytest.raises(ZwgkError, match="4 项未评估"):
        export(tmp_path / "half.toml", tmp_path / "out.toml", mini)
    assert not (tmp_path / "out.toml").exists()
    result = export(tmp_path / "half.toml", tmp_path / "out.toml", mini, allow_incomplete=True)
    assert result.unanswered == 4


def test_a_planted_symlink_is_never_followed(tmp_path, mini):
    source = finished(mini, tmp_path / "mine.toml")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    planted = inbox / "示例县政务公开办.toml"
    planted.symlink_to(victim)
    result = export(source, inbox, mini)  # the unit's name is taken: it goes beside it
    assert result.path == inbox / "示例县政务公开办-2.toml"
    assert not result.path.is_symlink() and result.path.is_file()
    assert planted.is_symlink() and victim.read_text() == "do not touch"
    with pytest.raises(ZwgkError, match="符号链接"):  # named explicitly: refused
        export(source, planted, mini)
    assert victim.read_text() == "do not touch"


def test_shared_inbox_gets_the_folder_group_and_group_read(tmp_path, mini):
    source = finished(mini, tmp_path / "mine.toml")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    groups = [g for g in os.getgroups() if g != os.getegid()]
    if os.geteuid() == 0:
        gid = grp.getgrnam("nogroup").gr_gid if "nogroup" in {g.gr_name for g in grp.getgrall()} else 65534
    elif groups:
        gid = groups[0]
    else:
        gid = os.getegid()
    os.chown(inbox, -1, gid)
    os.chmod(inbox, 0o2770)
    result = export(source, inbox, mini)
    info = result.path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    assert info.st_gid == gid


def test_exported_file_edited_by_the_officer_becomes_a_draft_again(tmp_path, mini):
    source = finished(mini, tmp_path / "mine.toml")
    copy = export(source, tmp_path / "copy.toml", mini).path
    session = Assessment.open(mini, copy)
    assert session.scores.submitted is not None
    session.set_note("1.2", "补充说明")
    session.close()
    assert "submitted" not in tomllib.loads(copy.read_text("utf-8"))


def test_cli_export_and_errors(tmp_path, mini, mini_path):
    source = finished(mini, tmp_path / "mine.toml")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ok = runner.invoke(app, ["export", str(source), "-o", str(inbox), "--checklist", str(mini_path)])
    assert ok.exit_code == 0, ok.output
    assert (inbox / "示例县政务公开办.toml").exists()
    assert "sha256:" in ok.output
    # the checklist is found from the path recorded in the score file
    ok2 = runner.invoke(app, ["export", str(source), "-o", str(tmp_path / "x.toml")])
    assert ok2.exit_code == 0, ok2.output
    missing = runner.invoke(app, ["export", str(tmp_path / "nope.toml"), "-o", str(inbox)])
    assert missing.exit_code == 2
    assert missing.output.strip().splitlines() == [f"{tmp_path / 'nope.toml'}: 文件不存在"]
