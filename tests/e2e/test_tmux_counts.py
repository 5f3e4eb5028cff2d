"""``k`` in the full screen, through the installed ``zwgk`` in tmux: the counts dialog opens on a
counted item, numbers typed and ↓ move between the rules, Enter saves, the detail pane and the
score file say what the counts give."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

COUNTED = Path(__file__).resolve().parents[1] / "data" / "counted.toml"


def env(data: Path) -> dict[str, str]:
    return {"ZWGK_DATA_DIR": str(data), "ZWGK_CONFIG": str(data / "config.toml"), "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8", "ESCDELAY": "25"}


def items(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("items", {}) if path.exists() else {}


def test_k_counts_rules_and_parts_in_a_real_terminal(tmux, tmp_path, zwgk_bin, wait):
    data = tmp_path / "data"
    scores = tmp_path / "s.toml"
    tmux.start(f"{zwgk_bin} assess {COUNTED} --unit 甲区 --assessor 张三 --category A --scores {scores}", env=env(data))
    tmux.wait_for_all("甲区", "已评 0/7", "已保存")
    tmux.wait_for("计分：未评；按 k 逐条输入计数")
    tmux.keys("k")
    tmux.wait_for("评分细则计数")
    screen = tmux.wait_for("得分：未扣分：得 10 分，满分 10 分")
    assert "细则 1：公文提前或超期公开每条扣5分（每条扣 5 分）条数：" in screen
    tmux.type("2")          # a field's number is selected when the cursor comes to it: typing replaces it
    tmux.keys("Down")
    tmux.type("1")
    tmux.wait_for("得分：扣 2 条 × 5 分，扣 1 条 × 1 分：得 0 分，满分 10 分")
    tmux.keys("Enter")
    tmux.wait_until_absent("评分细则计数")
    screen = tmux.wait_for("细则 1：公文提前或超期公开每条扣5分（每条扣 5 分）：计 2 条，扣 10 分")
    assert "状态 ✘ 未达标" in screen
    wait(lambda: items(scores).get("1.1", {}).get("counts") == [2, 1], what="1.1 counts on disk")
    assert items(scores)["1.1"]["status"] == "unmet"

    # a status key on a counted item is refused with the way to count instead
    tmux.keys("1")
    tmux.wait_for("按评分细则计分")
    assert items(scores)["1.1"]["status"] == "unmet"

    # parts: 1.4, the first part met (1), the second not (0)
    tmux.keys("Down", "Down", "Down")
    tmux.wait_for("1.4 党政机关网站标识")
    tmux.keys("k")
    tmux.wait_for("符合 1 / 不符合 0")
    tmux.type("1")
    tmux.wait_for("得分：符合 1 项（50%）：得 2 分，满分 4 分")
    tmux.keys("C-s")
    wait(lambda: items(scores).get("1.4", {}).get("parts") == [True, False], what="1.4 parts on disk")
    tmux.wait_for("状态 ◐ 基本达标")

    # Escape with a change asks before throwing it away
    tmux.keys("k")
    tmux.wait_for("评分细则计数")
    tmux.type("0")
    tmux.keys("Down")
    tmux.type("1")
    tmux.wait_for("得分：符合 1 项（30%）")
    tmux.keys("Escape")
    tmux.wait_for("放弃刚才输入的计数？")
    tmux.keys("y")
    tmux.wait_until_absent("评分细则计数")
    assert items(scores)["1.4"]["parts"] == [True, False]
    tmux.keys("q")
    tmux.wait_gone()
