"""Whole assessments through standard input, read back from the score file.

mini.toml leaves, in order: 1.1 (10), 1.2 (20), 2.1.1 (30, partial 0.6), 2.1.3 (40, veto),
2.u1 (5, bonus, cap 3).
"""

from __future__ import annotations

import pytest

from zwgk_tui.model.assessment.synthetic import write_checklist
from zwgk_tui.model.checklist import load_checklist


def test_a_whole_assessment_is_saved_answer_by_answer(plain, mini_path):
    lines = [
        "1",                            # 1.1 达标, on to 1.2
        "e https://www.example.gov.cn/zwgk/2026/01.html",
        "e",                            # the next line is the text
        "示政办发〔2026〕3号",
        "c 已公开执行情况，部分科室未按期报送。",
        "12分",                          # a score stays on the item
        "3",                            # 1.2 未达标 (keeps the score 12), on to 2.1.1
        "p",
        "n",
        "基本达标 22.5分",              # 2.1.1
        "未达标",                       # 2.1.3
        "c",
        "加分材料待补充。",            # 2.u1's comment
        "4",                            # 2.u1 不适用
        "q",
    ]
    run = plain(mini_path, lines)
    assert run.code == 0, run.out
    items = run.items()
    assert items["1.1"]["status"] == "met"
    assert "evidence" not in items["1.1"] and "note" not in items["1.1"]
    assert items["1.2"]["status"] == "unmet"
    assert items["1.2"]["score"] == 12
    assert items["1.2"]["evidence"] == [
        "https://www.example.gov.cn/zwgk/2026/01.html", "示政办发〔2026〕3号",
    ]
    assert items["1.2"]["note"] == "已公开执行情况，部分科室未按期报送。"
    assert items["2.1.1"] == {**items["2.1.1"], "status": "partial", "score": 22.5}
    assert items["2.1.3"]["status"] == "unmet" and "note" not in items["2.1.3"]
    assert items["2.u1"]["status"] == "na" and "score" not in items["2.u1"]
    assert items["2.u1"]["note"] == "加分材料待补充。"
    doc = run.doc()
    assert doc["unit"] == "测试县政务公开办" and doc["assessor"] == "张三"
    assert doc["checklist_id"] == "mini-2026"
    assert "已保存：1.2 未达标；手动得分 12 分保留" in run.out
    assert "全部 5 项都已评估" in run.out
    assert run.out.rstrip().endswith("下次用同样的命令继续。")


def test_every_answer_is_on_disk_before_the_next_prompt(plain, mini_path, tmp_path):
    """Autosave: the file after a run cut short holds every answer given before the cut."""
    scores = tmp_path / "cut.toml"
    plain(mini_path, ["1", "2", "e 文号1"], scores=scores)  # end of input: no q
    run = plain(mini_path, ["q"], scores=scores)
    items = run.items()
    assert items["1.1"]["status"] == "met" and items["1.2"]["status"] == "partial"
    assert items["2.1.1"]["evidence"] == ["文号1"]


def test_resume_continues_at_the_first_unanswered_item(plain, mini_path, tmp_path):
    scores = tmp_path / "resume.toml"
    first = plain(mini_path, ["1", "2", "q"], scores=scores)
    assert first.code == 0
    second = plain(mini_path, ["1", "1", "1"], scores=scores, unit="", assessor="")
    assert second.code == 0
    assert "从第一项未完成的条目继续：2.1.1。" in second.out
    assert "进度：已评 2 项，共 5 项，未评 3 项。" in second.out
    # the first item shown is 2.1.1, not 1.1
    shown = [line for line in second.out.splitlines() if line.startswith("第 ")]
    assert shown[0] == "第 3 项，共 5 项：2.1.1 每周至少更新1次"
    items = second.items()
    assert [items[i]["status"] for i in ("1.1", "1.2", "2.1.1", "2.1.3", "2.u1")] == [
        "met", "partial", "met", "met", "met",
    ]
    assert second.doc()["unit"] == "测试县政务公开办"  # the file's unit, not the empty option
    third = plain(mini_path, [""], scores=scores)
    assert "全部条目都已评估；从第一项开始显示。" in third.out


def test_chinese_words_and_full_width_input(plain, mini_path):
    run = plain(mini_path, ["达标", "基本达标", "ｅ　全角佐证", "３分", "未达标", "不适用", "ｑ"])
    items = run.items()
    assert items["1.1"]["status"] == "met"
    assert items["1.2"]["status"] == "partial"
    assert items["2.1.1"]["evidence"] == ["全角佐证"]
    assert items["2.1.1"]["score"] == 3
    assert items["2.1.1"]["status"] == "unmet"
    assert items["2.1.3"]["status"] == "na"
    assert run.out.rstrip().endswith("下次用同样的命令继续。")


def test_a_larger_checklist_walked_end_to_end(plain, tmp_path):
    path = write_checklist(tmp_path / "big.toml", 41)
    checklist = load_checklist(path)
    answers = ["1234"[i % 4] for i in range(41)]
    run = plain(path, [*answers, "s", "q"])
    items = run.items()
    assert len(items) == 41
    for i, leaf in enumerate(checklist.leaves):
        assert items[leaf.id]["status"] == ("met", "partial", "unmet", "na")[i % 4]
    assert "第 41 项，共 41 项：" in run.out
    assert "全部 41 项都已评估" in run.out
    assert "未评条目：没有" in run.out


@pytest.mark.parametrize("text, expected", [
    ("2 7分", ("partial", 7.0)),
    ("1 10 分", ("met", 10.0)),
    ("达标 0分", ("met", 0.0)),
    ("3 .5分", ("unmet", 0.5)),
])
def test_status_with_a_score_on_one_line(plain, mini_path, text, expected):
    run = plain(mini_path, [text, "q"])
    answer = run.items()["1.1"]
    assert (answer["status"], answer["score"]) == expected
    assert "第 2 项，共 5 项：1.2 推进执行公开" in run.out
