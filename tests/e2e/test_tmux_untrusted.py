"""The full screen as an officer meets issue 12's cases (installed ``zwgk`` in tmux): a score
file changed elsewhere while it is open (a y/n dialog; both versions kept either way), and a
file made read-only (opened read-only, said on the screen)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.toml"


def env(data: Path) -> dict[str, str]:
    return {"ZWGK_DATA_DIR": str(data), "ZWGK_CONFIG": str(data / "config.toml"), "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8", "ESCDELAY": "25"}


def restored_from_backup(path: Path) -> bytes:
    """The file as a backup had it: 1.1 未达标 instead of 达标."""
    data = path.read_text("utf-8").replace('status = "met"', 'status = "unmet"').encode()
    path.write_bytes(data)
    return data


def asides(path: Path, label: str) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.{label}-*"))


def items(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8")).get("items", {})


@pytest.mark.parametrize("answer", ["y", "n"])
def test_a_file_changed_elsewhere_is_asked_about_in_a_dialog(tmux, tmp_path, zwgk_bin, saved_items, answer):
    path = tmp_path / "mine.toml"
    tmux.start(f"{zwgk_bin} assess {MINI} --unit 某县 --scores {path}", env=env(tmp_path / "data"))
    tmux.wait_for("已评 0/5")
    tmux.keys("1")
    saved_items(path, {"1.1": {"status": "met"}})
    restored = restored_from_backup(path)
    tmux.keys("2")                                       # 1.1 again: 基本达标
    screen = tmux.wait_for_all("记录文件已在别处被改动：覆盖它吗？", "mine.toml.外部修改-时间", "mine.toml.本会话-时间")
    assert "y 覆盖" in screen and "n / Esc" in screen
    assert path.read_bytes() == restored                 # nothing written while it asks
    tmux.keys(answer)
    if answer == "y":
        tmux.wait_for("已覆盖；别处改动的版本另存为")
        saved_items(path, {"1.1": {"status": "partial"}})
        (kept,) = asides(path, "外部修改")
        assert kept.read_bytes() == restored
        tmux.keys("q")
        tmux.wait_gone()
    else:
        tmux.wait_for_all("本会话的答案已另存", "重新打开这份记录")
        tmux.keys("Enter")
        tmux.wait_gone()
        assert path.read_bytes() == restored
        (kept,) = asides(path, "本会话")
        assert items(kept)["1.1"]["status"] == "partial"
    assert not path.with_name(path.name + ".lock").exists()


def test_a_read_only_file_opens_read_only_and_says_so(tmux, tmp_path, zwgk_bin):
    path = tmp_path / "mine.toml"
    tmux.start(f"{zwgk_bin} assess {MINI} --unit 某县 --scores {path}", env=env(tmp_path / "data"))
    tmux.wait_for("已评 0/5")
    tmux.keys("q")
    tmux.wait_gone()
    os.chmod(path, 0o400)
    before = path.read_bytes()
    tmux.start(f"{zwgk_bin} assess {MINI} --scores {path}", env=env(tmp_path / "data"))
    tmux.wait_for_all("记录文件是只读的", "0400）")   # a notice, wrapped in its box
    tmux.keys("1")
    tmux.wait_for("只读：此记录以只读方式打开，不能修改")
    tmux.keys("q")
    tmux.wait_gone()
    assert path.read_bytes() == before and not path.with_name(path.name + ".lock").exists()
