"""Every command at the prompt, one test (or more) each, checked on screen and on disk."""

from __future__ import annotations

import pytest

from zwgk_tui.plain.commands import HELP, parse


def headings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("第 ") and "项，共" in line]


@pytest.mark.parametrize("key, status", [("1", "met"), ("2", "partial"), ("3", "unmet"), ("4", "na"),
                                         ("达标", "met"), ("基本达标", "partial"),
                                         ("未达标", "unmet"), ("不适用", "na")])
def test_status_keys_and_words(plain, mini_path, key, status):
    run = plain(mini_path, [key])
    assert run.items()["1.1"]["status"] == status
    assert headings(run.out)[-1].startswith("第 2 项")  # the next item is shown


def test_score_stays_on_the_item_and_asks_for_a_status(plain, mini_path):
    run = plain(mini_path, ["7.5分", "1"])
    answer = run.items()["1.1"]
    assert answer["score"] == 7.5 and answer["status"] == "met"
    assert "已保存：1.1 得分 7.5 分，满分 10 分。本项还没有状态，请输入 1 到 4。" in run.out
    assert "得分：7.5 分，手动打分" not in run.out  # shown on 1.2 next, which has none


def test_bare_fen_clears_a_manual_score(plain, mini_path):
    run = plain(mini_path, ["2 3分", "p", "分", "r", "分"])
    answer = run.items()["1.1"]
    assert "score" not in answer and answer["status"] == "partial"
    assert "已保存：1.1 的手动得分已清除，按状态计分。" in run.out
    assert "得分：5 分，按状态计" in run.out
    assert "1.1 没有手动得分，按状态计分。" in run.out


def test_evidence_on_one_line_and_on_the_next(plain, mini_path):
    run = plain(mini_path, ["e https://a.example/1", "e", "示政办发〔2026〕3号", "e", "", "l"])
    assert run.items()["1.1"]["evidence"] == ["https://a.example/1", "示政办发〔2026〕3号"]
    assert "已取消，佐证未添加。" in run.out
    assert "佐证 1：https://a.example/1" in run.out
    assert "佐证 2：示政办发〔2026〕3号" in run.out
    assert "1.1 佐证共 2 条。" in run.out


def test_evidence_glued_to_the_letter_in_chinese(plain, mini_path):
    run = plain(mini_path, ["e政府网站专栏截图", "c已完成"])
    answer = run.items()["1.1"]
    assert answer["evidence"] == ["政府网站专栏截图"] and answer["note"] == "已完成"


def test_comment_on_one_line_replaces_and_next_line_form(plain, mini_path):
    run = plain(mini_path, ["c 第一稿", "c", "第二稿：已按期公开。", "c", ""])
    assert run.items()["1.1"]["note"] == "第二稿：已按期公开。"
    assert "已取消，说明未修改。" in run.out


def test_delete_evidence_by_number_by_question_and_the_comment(plain, mini_path):
    run = plain(mini_path, ["e 甲", "e 乙", "e 丙", "c 说明文字", "d 2", "d", "1", "d c", "d c", "l"])
    answer = run.items()["1.1"]
    assert answer["evidence"] == ["丙"]
    assert "note" not in answer
    assert "已保存：删除了 1.1 佐证 2：乙" in run.out
    assert "删除第几条佐证？输入序号，直接回车取消：" in run.out
    assert "已保存：删除了 1.1 佐证 1：甲" in run.out
    assert "已保存：1.1 的说明已删除。" in run.out
    assert "1.1 没有说明，无需删除。" in run.out
    assert "说明：无。" in run.out


def test_delete_cancelled_and_nothing_to_delete(plain, mini_path):
    run = plain(mini_path, ["d", "e 甲", "d", "", "d 9"])
    assert run.items()["1.1"]["evidence"] == ["甲"]
    assert "1.1 没有佐证材料，无需删除。" in run.out
    assert "已取消，没有删除。" in run.out
    assert "错误：没有第 9 条佐证；1.1 共 1 条" in run.out


def test_next_and_previous_stop_at_the_ends(plain, mini_path):
    run = plain(mini_path, ["p", "n", "n", "n", "n", "n", "p"])
    assert "已是第一项。" in run.out
    assert "已是最后一项。" in run.out
    ids = [h.split("：", 1)[1].split()[0] for h in headings(run.out)]
    assert ids == ["1.1", "1.2", "2.1.1", "2.1.3", "2.u1", "2.1.3"]


def test_goto_a_leaf_a_parent_and_a_section(plain, mini_path):
    run = plain(mini_path, ["g 2.1.3", "g2.u1", "g 2.1", "n", "g 1", "p", "g ２．１．１"])
    ids = [h.split("：", 1)[1].split()[0] for h in headings(run.out)]
    assert ids == ["1.1", "2.1.3", "2.u1", "2.1.1", "2.1.1"]
    assert "条目 2.1：加强政府网站建设" in run.out
    assert "下级条目 2 项：2.1.1 每周至少更新1次；2.1.3 开展季度抽查" in run.out
    assert "部分 1：推进决策公开" in run.out
    assert "已是第一项。" in run.out  # p from section 1: nothing before its first leaf


def test_u_goes_to_the_next_unanswered_item_and_wraps(plain, mini_path):
    run = plain(mini_path, ["g 1.2", "1", "g 2.u1", "1", "u", "1", "u", "u", "1", "u"])
    ids = [h.split("：", 1)[1].split()[0] for h in headings(run.out)]
    # 1.2 and 2.u1 answered; u from the last item wraps to 1.1; answering it shows 1.2;
    # u → 2.1.1, u → 2.1.3, answered shows 2.u1, u wraps to 2.1.1, the one still open
    assert ids == ["1.1", "1.2", "2.1.1", "2.u1", "1.1", "1.2", "2.1.1", "2.1.3", "2.u1", "2.1.1"]
    assert set(run.items()) == {"1.1", "1.2", "2.1.3", "2.u1"}
    assert "没有未评、待确认或被退回的条目了。" not in run.out
    done = plain(mini_path, ["u"], scores=run.path)
    assert "没有未评、待确认或被退回的条目了。" not in done.out  # 2.1.1 is still open
    finished = plain(mini_path, ["1", "u"], scores=run.path)
    assert "没有未评、待确认或被退回的条目了。" in finished.out


def test_search_lists_matches_and_goes_to_one(plain, mini_path):
    run = plain(mini_path, ["/网站", "2", "/不存在的词", "/抽查", "/", "、决策", ""])
    assert "找到 2 项。" in run.out
    assert "结果 1：2.1 加强政府网站建设（有下级条目）" in run.out
    assert "结果 2：2.1.1 每周至少更新1次" in run.out
    assert "没有找到“不存在的词”。" in run.out
    assert "找到 1 项，转到该项。\n第 4 项，共 5 项：2.1.3" in run.out
    assert "错误：请在 / 后输入要搜索的文字，如 /网站" in run.out
    assert "留在 2.1.3。" in run.out
    ids = [h.split("：", 1)[1].split()[0] for h in headings(run.out)]
    assert ids == ["1.1", "2.1.1", "2.1.3"]


def test_search_finds_ids_units_and_text_and_rejects_a_bad_choice(plain, mini_path):
    run = plain(mini_path, ["/2.1.3", "/各乡镇", "/征求意见", "/ 推进", "9"])
    assert "找到 1 项，转到该项。\n第 4 项，共 5 项：2.1.3" in run.out
    assert "找到 1 项，转到该项。\n第 1 项，共 5 项：1.1" in run.out
    assert "错误：没有结果 9；留在 1.1" in run.out


def test_summary_totals_grade_veto_unanswered_unmet(plain, mini_path):
    run = plain(mini_path, ["1", "2", "1", "3", "1", "s"])
    out = run.out
    assert "部分 1 推进决策公开：已评 2 项，共 2 项；得分 20 分，满分 30 分" in out
    assert "部分 2 加强平台建设：已评 3 项，共 3 项；得分 30 分，满分 70 分；加分 5 分；未达标 1 项" in out
    assert "加分：3 分（加分项合计 5 分，上限 3 分）" in out
    assert "总分：53 分，满分 100 分，得分率 53.0%" in out
    assert "等次：不合格" in out
    assert "等次：不合格（单项否决：2.1.3 未达标）" in out
    assert "未评条目：没有" in out
    assert "未达标条目：2.1.3" in out


def test_summary_while_incomplete_says_the_grade_is_provisional(plain, mini_path):
    run = plain(mini_path, ["1", "1", "s"])
    assert "等次：不合格（尚有 3 项未评，等次为暂定）" in run.out
    assert "未评条目：2.1.1、2.1.3、2.u1" in run.out


def test_help_lists_every_command(plain, mini_path):
    run = plain(mini_path, ["?", "h", "？"])
    for keys, what in HELP:
        assert run.out.count(f"{keys}：{what}。") == 3
    for word in ("1 或 达标", "e 文本", "c 文本", "d 序号", "g 编号", "/文字", "y", "u", "s", "q"):
        assert any(line.startswith(word + "：") for line in run.out.splitlines())


def test_empty_line_repeats_the_item_in_short_and_r_in_full(plain, mini_path):
    run = plain(mini_path, ["e 甲", "c 乙", "2 4分", "p", "", "r"])
    assert ("第 1 项，共 5 项：1.1 实行重大决策预公开。当前答案：基本达标，得分 4 分，佐证 1 条，有说明。"
            in run.out)
    assert len([h for h in headings(run.out) if h.startswith("第 1 项")]) == 4


def test_quit_saves_and_says_where(plain, mini_path, tmp_path):
    run = plain(mini_path, ["1", "q", "1"])  # nothing after q is read
    assert run.code == 0
    assert set(run.items()) == {"1.1"}
    assert f"已退出。答案已保存在：{tmp_path / 'scores.toml'}。" in run.out


def test_quit_words(plain, mini_path):
    for word in ("退出", "Q", "quit", "exit", "ｑ"):
        run = plain(mini_path, [word, "1"])
        assert "1.1" not in run.items() and "已退出" in run.out


def test_parse_keeps_typed_text_as_is():
    assert parse("e  ＡＢＣ　文号 ").text == "ＡＢＣ　文号"
    assert parse("/ＡＢ").text == "ＡＢ"
    assert parse("27分").kind == "score" and parse("27分").score == 27
    assert parse("2 7分").status == "partial"
    assert parse("exit").kind == "quit"
    assert parse("example").kind == "unknown"
    assert parse("g").kind == "goto" and parse("g").text == ""


def test_chinese_punctuation_mode_keys(plain, mini_path):
    """In Chinese punctuation mode . gives 。 and / gives 、; both still work."""
    run = plain(mini_path, ["g 2。1。3", "2。5分", "、季度", "ｇ　１．２"])
    assert run.items()["2.1.3"]["score"] == 2.5
    ids = [h.split("：", 1)[1].split()[0] for h in headings(run.out)]
    assert ids == ["1.1", "2.1.3", "2.1.3", "1.2"]


def test_search_ignores_traditional_or_simplified_script(plain, tmp_path):
    path = tmp_path / "fanti.toml"
    path.write_text(
        'format = "zwgk-checklist"\nversion = 1\nid = "ft"\ntitle = "繁體清單"\n'
        '[[sections]]\nid = "1"\ntitle = "加強政策解讀"\n'
        '[[sections.items]]\nid = "1.1"\ntitle = "深入解讀重要政策措施"\ntext = "全面公開。"\n'
        '[[sections.items]]\nid = "1.2"\ntitle = "回應關切"\ntext = "及時回應。"\n',
        encoding="utf-8",
    )
    run = plain(path, ["g 1.2", "/解读重要", "/回應關切"])
    assert "找到 1 项，转到该项。\n第 1 项，共 2 项：1.1" in run.out
    assert "找到 1 项，转到该项。\n第 2 项，共 2 项：1.2" in run.out


def test_summary_cuts_long_id_lists(plain, tmp_path):
    from zwgk_tui.model.assessment.synthetic import write_checklist

    path = write_checklist(tmp_path / "big.toml", 45)
    run = plain(path, ["1", "s"])
    line = next(x for x in run.out.splitlines() if x.startswith("未评条目："))
    assert line.endswith(" 等，共 44 项") and line.count("、") == 29
