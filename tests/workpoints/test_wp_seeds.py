"""The five real seed documents: the shipped checklists, their structure counted by hand,
their fields, their metadata, and that nothing of the body is lost or chrome left in."""

from __future__ import annotations

import datetime as dt
import re

import opencc
import pytest
from wp_helpers import ROOT, SEEDS, all_text, build, counts, leaves, nodes, sentences, squeeze

from zwgk_tui.model.checklist import check_checklist, load_checklist

# The seeds README, "Structure, counted by hand": sections, items, sub-items, leaves.
HAND_COUNTS = {
    "000": (6, 30, 14, 41),
    "001": (7, 30, 3, 32),
    "002": (4, 11, 22, 25),
    "003": (5, 20, 0, 20),
    "004": (5, 18, 0, 18),
}
# The body of each source, by line (first line of the work points' title, line after the
# last body line), read off the files by hand; the attached table of 003 is not body.
BODY_LINES = {"000": (22, 127), "001": (21, 116), "002": (29, 114), "003": (28, 86), "004": (57, 109)}
T2S = opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    return T2S.convert(text)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_shipped_checklist_is_what_the_builder_makes_byte_for_byte(key, seed_builds):
    name, _ = SEEDS[key]
    shipped = (ROOT / "checklists" / f"{name}.toml").read_text("utf-8")
    assert seed_builds[key][1] == shipped, f"checklists/{name}.toml differs: rebuild it"


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_building_twice_gives_the_same_bytes(key, seed_builds):
    name, path = SEEDS[key]
    assert build(path, name)[1] == seed_builds[key][1]


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_structure_matches_the_hand_count(key, seed_builds):
    assert counts(seed_builds[key][0]) == HAND_COUNTS[key]


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_shipped_checklist_passes_the_validator(key):
    name, _ = SEEDS[key]
    path = ROOT / "checklists" / f"{name}.toml"
    assert check_checklist(path) == []
    checklist = load_checklist(path)
    assert checklist.max_points == pytest.approx(100)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_ids_are_dotted_printed_numbers_that_match_the_nesting(key, seed_builds):
    doc = seed_builds[key][0]
    for node_id, node in nodes(doc).items():
        assert re.fullmatch(r"\d+(?:\.(?:\d+|u\d+))*", node_id), node_id
        assert node_id.count(".") + 1 == node["_depth"]
        for child in node.get("items", []):
            assert child["id"].rsplit(".", 1)[0] == node_id


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_leaf_points_total_exactly_100(key, seed_builds):
    points = [leaf["points"] for leaf in leaves(seed_builds[key][0])]
    assert sum(points) == 100
    assert all(isinstance(p, int) for p in points)
    assert max(points) - min(points) <= 1
    parents = [n for n in nodes(seed_builds[key][0]).values() if n.get("items")]
    assert all("points" not in n for n in parents)


METADATA = {
    "000": ("2017年全省政务公开工作要点", "青海省人民政府办公厅", 2017, "青政办〔2017〕31号", dt.date(2017, 3, 12)),
    "001": ("哈尔滨市全面推进政务公开重点任务实施方案", "中共哈尔滨市委办公厅、哈尔滨市人民政府办公厅", 2017,
            "哈办发〔2017〕13号", dt.date(2017, 5, 31)),
    "002": ("2018年小舟山乡政务公开工作实施方案", "青田县小舟山乡人民政府", 2018, "", dt.date(2018, 7, 2)),
    "003": ("2021年聊城市政务公开工作要点", "聊城市人民政府办公室", 2021, "聊政办发〔2021〕5号", dt.date(2021, 6, 2)),
    "004": ("2019年政务公开工作要点", "国务院办公厅", 2019, "国办发〔2019〕14号", dt.date(2019, 4, 17)),
}


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_metadata(key, seed_builds):
    doc = seed_builds[key][0]
    title, issuer, year, doc_number, date = METADATA[key]
    assert simplified(doc["title"]) == title
    assert simplified(doc["issuer"]) == issuer
    assert doc["year"] == year
    assert simplified(doc["doc_number"]) == doc_number
    assert doc["date"] == date
    assert doc["source"]["file"] == SEEDS[key][1].name
    assert re.fullmatch(r"[0-9a-f]{64}", doc["source"]["sha256"])


def test_output_keeps_the_documents_own_script(seed_builds):
    doc = seed_builds["004"][0]
    assert doc["title"] == "2019年政務公開工作要點"
    assert doc["doc_number"] == "國辦發〔2019〕14號"
    assert nodes(doc)["5.1"]["targets"] == ["不低於4%"]


# -- fields ---------------------------------------------------------------------------------
def test_seed_000_units_from_every_parenthesis(seed_builds):
    items = nodes(seed_builds["000"][0])
    assert items["2.1"]["units"] == ["各市州政府", "省政府各部門", "省統計局"]
    assert items["1.3.1"]["units"] == [
        "人民銀行西寧中心支行", "省財政廳", "省金融辦", "省國資委", "青海銀監局", "青海證監局", "青海保監局",
    ]
    assert items["1.3.7"]["units"] == ["省旅遊發展委", "省發展改革委", "省交通運輸廳", "各市州政府"]
    assert items["2.3"]["units"] == ["省發展改革委", "省經濟和信息化委(省國資委)", "省財政廳"]
    assert items["1.3.6"]["units"] == ["相關部門"]
    assert "units" not in items["6.4"]  # 依法規範依申請公開工作 names none
    assert all("國辦發" not in u and u != "點" for n in items.values() for u in n.get("units", []))


def test_seed_000_deadlines_and_targets(seed_builds):
    items = nodes(seed_builds["000"][0])
    assert items["5.1"]["targets"] == ["不少於2次", "不少於1次"]
    assert items["5.1"]["deadlines"] == ["每年"]
    assert items["5.2"]["deadlines"] == ["5小時內", "24小時內"]
    assert items["2.6"]["targets"] == ["不少於15日"]
    assert items["6.3"]["targets"] == ["不低於50%"]
    assert items["1.3.5"]["deadlines"] == ["20個工作日內"]
    assert items["4.1"]["deadlines"] == ["年底前"]
    assert "按季度" in items["1.3.2"]["deadlines"]


def test_seed_000_closing_paragraph_is_an_unnumbered_item(seed_builds):
    closing = nodes(seed_builds["000"][0])["6.u1"]
    assert closing["unnumbered"] is True
    assert closing["text"].startswith("各地區各部門要根據本要點制定具體實施方案")
    assert closing["deadlines"] == ["30個工作日內"]
    assert "印發" not in closing["text"]


def test_seed_001_deadlines_in_the_text_and_continuation_paragraphs(seed_builds):
    items = nodes(seed_builds["001"][0])
    assert items["2.1"]["deadlines"] == ["2017年年底前"]
    assert items["2.1"]["targets"] == ["不少于30日"]
    assert items["2.5"]["deadlines"] == ["7個工作日內", "2018年6月底前", "2019年6月底前", "每年"]
    assert items["4.5"]["deadlines"] == ["5小時內", "24小時內", "48小時內"]
    assert items["5.3"]["deadlines"] == ["2018年5月底前", "2019年5月底前"]
    assert items["7.5"]["targets"] == ["不应低于4%"]
    # unnumbered paragraphs after a leaf continue it
    assert "進一步明確各領域“五公開”的主體" in items["2.5"]["text"]
    assert "市政府新闻办牵头对各区县(市)政府" in items["4.6"]["text"]
    assert "2017年6月底前,各区县(市)政府" in items["7.3"]["text"]
    assert items["3.3"]["title"] == "完善程序,豐富形式"


def test_seed_002_lost_number_is_inferred_and_noted(seed_builds):
    doc, text = seed_builds["002"]
    items = nodes(doc)
    assert items["4.3"]["title"] == "强化考核监督"
    assert items["4.3"]["text"].startswith("强化考核监督\n\n发挥社会监督作用。")
    assert "按前后推断为 （三）" in text
    assert items["3.2"]["title"] == "有序推进政府数据开放平台建设"
    assert "打造政务新媒体平台" in items["3.2"]["text"]
    assert items["2.1.1"]["deadlines"] == ["3个工作日内"]
    assert items["4.2.2"]["deadlines"] == ["每季度"]
    assert items["4.1"]["targets"] == ["至少听取一次"]
    assert "文明中华网" not in text and "访谈" not in doc["notice"]


def test_seed_003_units_come_from_the_attached_table(seed_builds):
    items = nodes(seed_builds["003"][0])
    assert items["1.1"]["units"] == [
        "市工业和信息化局", "市科技局", "各县(市、区)人民政府", "市属开发区管委会",
        "市发展改革委", "市商务投资促进局", "市农业农村局", "市大数据局", "市生态环境局",
    ]
    assert [len(items[f"1.{k}"]["requirements"]) for k in range(1, 8)] == [4, 3, 3, 5, 5, 1, 1]
    assert items["1.1"]["requirements"][0] == {
        "text": "围绕“创新生态雨林”“制造业强市战略”等工作,做好配套政策、平台建设信息公开。",
        "units": ["市工业和信息化局", "市科技局", "各县(市、区)人民政府", "市属开发区管委会"],
    }
    # titles differ slightly between table and text: still matched
    assert items["3.3"]["units"] == ["市政府各部门", "各县(市、区)人民政府", "市属开发区管委会"]
    assert items["4.3"]["units"][0] == "市政府办公室"
    assert items["5.4"]["units"][0] == "市政府办公室"
    # every leaf of 003 got its table rows; no table row became an item
    assert all(n.get("requirements") for n in leaves(seed_builds["003"][0]) if not n.get("unnumbered"))
    assert counts(seed_builds["003"][0])[1] == 20
    assert items["3.2"]["targets"] == ["不得少于3次"]
    assert items["4.1"]["deadlines"] == ["2021年年底前"]
    assert "units" not in items["1.7"] or "国办发" not in "".join(items["1.7"]["units"])


def test_seed_003_paragraph_about_the_section_is_unnumbered(seed_builds):
    closing = nodes(seed_builds["003"][0])["1.u1"]
    assert closing["unnumbered"] is True
    assert closing["text"].startswith("未涉及上述重点领域的县级政府")


def test_seed_004_targets_and_closing(seed_builds):
    items = nodes(seed_builds["004"][0])
    assert items["5.1"]["targets"] == ["不低於4%"]
    assert items["4.1"]["deadlines"] == ["年底前"]
    assert items["5.u1"]["text"] == "各地區各部門貫徹落實本要點的主要情況,要納入政府信息公開工作年度報告,並向社會公開。"


TITLES = {
    "000": {"1": "圍繞深化改革推進公開", "1.3": "推進市場監管公開透明", "1.3.9": "推進企業信用信息公開",
            "3.6.1": "加強中小學信息公開", "6.5": "加強組織領導"},
    "001": {"1.1": "指导思想", "3.1": "确定公文属性", "7.2": "抓好本实施方案的贯彻落实"},
    "002": {"1.1.1": "实行重大决策预公开制度", "2.2": "加强互动", "4.2.4": "建立政务公开负面清单"},
    "003": {"1": "深化政府重点工作全过程公开,以公开促进决策落实", "3.3": "办好政府开放活动"},
    "004": {"2": "強化權力監督,深入推進決策和執行公開", "3.2": "深化“放管服”改革信息公開"},
}


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_titles(key, seed_builds):
    items = nodes(seed_builds[key][0])
    for node_id, title in TITLES[key].items():
        assert items[node_id]["title"] == title
    for node in items.values():
        assert 0 < len(node["title"]) <= 41


CHROME = [
    "https://www.gov.cn", "字號:默認", "字号", "打印", "發佈時間", "发布时间", "來源: 青海", "索 引 號", "主題分類",
    "發文機關", "成文日期", "發文字號", "發佈日期", "无障碍阅读", "关怀版", "返回首页", "分享到", "掃一掃",
    "关闭窗口", "關閉窗口", "我要糾錯", "責任編輯", "Produced By", "大汉版通", "目录导读", "您现在的位置",
    "欢迎访问", "文明中华网", "11371500MB28359259", "000014349/2019", "2017-04-06", "2018-07-11",
    "2021-06-05", "2019-04-29", "傅義洲", "年3月14日印發",
]


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_no_page_chrome_anywhere_in_the_output(key, seed_builds):
    text = seed_builds[key][1]
    body = text.split("\n", 3)[3]  # after format/version/id
    assert not [c for c in CHROME if c in body]
    assert not re.search(r"^\s*EN\s*$", body, re.M)


def test_seed_002_repeated_notice_summary_is_dropped(seed_builds):
    doc = seed_builds["002"][0]
    assert doc["notice"].count("印发给你们") == 1
    assert "..." not in seed_builds["002"][1]


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_no_sentence_of_the_body_is_lost(key, seed_builds):
    _, path = SEEDS[key]
    first, stop = BODY_LINES[key]
    lines = path.read_text("utf-8").split("\n")[first - 1 : stop - 1]
    everything = all_text(seed_builds[key][0])
    missing = [s for s in sentences(lines) if squeeze(s) not in everything]
    assert not missing, missing[:5]
