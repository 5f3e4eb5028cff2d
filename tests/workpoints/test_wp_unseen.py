"""Documents the builder had never seen, written for these tests in the genre of real
政务公开工作要点 / 实施方案 / 任务分解表 (other provinces, cities, counties, townships,
departments; 2016–2025), each in another combination of the shapes real copies come in.

What each test expects was written down by hand, as a checklist author reads the document:
the structure and printed numbers, titles, units, deadlines, targets, metadata, the page
chrome that must not survive, and that every sentence of the body is somewhere in the
checklist. The files are in fixtures/unseen/ (the .docx ones are made here)."""

from __future__ import annotations

import datetime as dt
import html
import re
import tomllib

import pytest
from wp_helpers import FIXTURES, leaves, nodes, sentences, squeeze

from zwgk_tui.model.checklist import check_checklist
from zwgk_tui.workpoints.build import build_checklist

UNSEEN = FIXTURES / "unseen"


def make(path) -> tuple[dict, str, dict]:
    result = build_checklist(path, checklist_id="unseen", convert=None)
    doc = tomllib.loads(result.toml)
    return doc, result.toml, nodes(doc)


def valid(tmp_path, toml_text: str) -> None:
    out = tmp_path / "out.toml"
    out.write_text(toml_text, "utf-8")
    assert check_checklist(out) == []
    assert sum(leaf["points"] for leaf in leaves(tomllib.loads(toml_text))) == pytest.approx(100)


def shape(items: dict) -> list[str]:
    """Every id, in document order."""
    return list(items)


def everything(doc: dict) -> str:
    """All the text an author can read in the checklist, requirement rows included."""
    parts = [doc.get("title", ""), doc.get("preamble", ""), doc.get("notice", "")]
    for node in nodes(doc).values():
        parts += [node.get("title", ""), node.get("text", "")]
        parts += [row["text"] for row in node.get("requirements", [])]
    return squeeze("".join(parts))


# numbering markers anywhere (one-line bodies carry them mid-line); the checklist keeps them
# as ids, not text
MARKER = re.compile(
    r"[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|[（(]\d{1,2}[)）]|"
    r"(?<![\d.])\d{1,2}[.．、](?!\d)|^[)）]|\s+"
)


def body_is_kept(doc: dict, lines: list[str]) -> None:
    """Every sentence of the body (given as the source's lines) is in the checklist."""
    kept = everything(doc)
    pieces = [piece for line in lines for piece in MARKER.split(line)]
    missing = [s for s in sentences(pieces) if squeeze(s) not in kept]
    assert not missing, missing[:5]


def lines_between(path, first: str, last: str | None = None, encoding: str = "utf-8") -> list[str]:
    """The source's lines from the one starting with ``first`` up to the one starting with
    ``last`` (excluded), as typed (for a one-line source: the text between them)."""
    text = path.read_bytes().decode(encoding)
    start = text.index(first)
    end = text.index(last, start) if last else len(text)
    return text[start:end].replace("\r", "").split("\n")


def html_lines(path, encoding: str = "utf-8") -> list[str]:
    """Text of an HTML file, one line per block tag or <br>, tags and entities dropped."""
    text = path.read_bytes().decode(encoding)
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", "", text)
    text = re.sub(r"(?i)<br\s*/?>|</?(?:p|div|tr|td|th|li|h\d|table)\b[^>]*>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return [line.strip() for line in text.split("\n") if line.strip()]


def between(lines: list[str], first: str, last: str, skip: int = 0) -> list[str]:
    """The lines after the first one (from index ``skip``) equal to ``first``, up to the
    first one after it that starts with ``last``."""
    start = lines.index(first, skip) + 1
    end = next(k for k in range(start, len(lines)) if lines[k].startswith(last))
    return lines[start:end]


def no_chrome(toml_text: str, words: list[str]) -> None:
    body = toml_text.split("[[sections]]", 1)[1]
    head = toml_text.split("[[sections]]", 1)[0].split("source = ", 1)[1]
    for word in words:
        assert word not in body, word
        assert word not in head, word


# -- u01: a province's page saved from its portal: nav, 当前位置, an 索引号 <table>, share
#         buttons, QR code, 附件下载, footer; 2016; full-width; units in trailing parentheses,
#         several per item, one joined with 和; a closing 本要点 paragraph ----------------------
def test_u01_province_web_page(tmp_path):
    path = UNSEEN / "u01_province_2016_page.html"
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert doc["title"] == "2016年云岭省政务公开工作要点"
    assert doc["issuer"] == "云岭省人民政府办公厅"
    assert doc["doc_number"] == "云政办函〔2016〕61号"
    assert doc["date"] == dt.date(2016, 5, 23)  # signed; published 5月27日
    assert doc["year"] == 2016
    assert doc["notice"].startswith("各州、市人民政府，省直各委、办、厅、局：")
    assert doc["preamble"].startswith("2016年全省政务公开工作要全面贯彻")
    assert shape(items) == [
        "1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "4", "4.1", "4.2", "4.u1",
    ]
    assert [items[s]["title"] for s in "1234"] == [
        "推进行政决策公开", "推进执行和结果公开", "推进政务服务公开", "加强政策解读和回应关切",
    ]
    assert items["1.1"]["title"] == "推进重大决策预公开"
    assert items["3.2"]["title"] == "推进实体政务大厅与网上服务平台融合"
    assert items["1.1"]["units"] == ["省政府办公厅", "省政府法制办", "各州、市人民政府", "省直各部门"]
    assert items["1.1"]["targets"] == ["不少于30日"]
    assert items["1.2"]["deadlines"] == ["3个工作日内"]
    assert items["2.1"]["units"] == ["省发展改革委", "省国土资源厅", "省住房城乡建设厅", "省交通运输厅"]
    assert items["2.2"]["units"] == ["省财政厅", "各州、市人民政府"]
    assert items["2.2"]["targets"] == ["达到100%"]
    assert items["2.3"]["units"] == ["省政府督查室", "省审计厅"]  # two parentheses
    assert items["2.3"]["deadlines"] == ["年底前", "60日内"]
    assert items["3.1"]["units"] == ["省编办", "省政务服务管理局", "各州、市人民政府"]
    assert items["3.2"]["deadlines"] == ["6月底前"]
    assert items["4.2"]["deadlines"] == ["24小时内"]
    closing = items["4.u1"]
    assert closing["unnumbered"] and "本要点" in closing["text"]
    assert closing["deadlines"] == ["2017年1月15日前"] and closing["targets"] == ["不低于4%"]
    no_chrome(text, ["当前位置", "欢迎访问", "无障碍", "索引号", "主题分类", "发布时间", "浏览次数",
                     "字号", "附件下载", "分享到", "微信", "打印", "关闭窗口", "扫一扫", "相关链接",
                     "网站标识码", "ICP备", "联系电话", "此件公开发布", "_hmt"])
    body_is_kept(doc, between(html_lines(path), "2016年云岭省政务公开工作要点", "（此件公开发布）", 20))


# -- u03: county, GB18030 + CRLF, full-width spaces indenting, tasks 1.–11. straight under
#         the sections and running on across them, a skipped 5, 责任单位： sentences --------
def test_u03_gb18030_tasks_under_sections(tmp_path):
    path = UNSEEN / "u03_county_2021_gb18030.txt"
    raw = path.read_bytes()
    assert b"\r\n" in raw and "\u3000".encode("gb18030") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert (doc["title"], doc["issuer"], doc["doc_number"], doc["date"]) == (
        "2021年桐溪县政务公开工作要点", "桐溪县人民政府办公室", "桐政办发〔2021〕9号", dt.date(2021, 4, 16),
    )
    assert shape(items) == [
        "1", "1.1", "1.2", "1.3", "2", "2.4", "2.6", "3", "3.7", "3.8", "3.9",
        "4", "4.10", "4.11", "4.u1",
    ]
    assert items["1"]["title"] == "以公开促落实，助力“十四五”开好局"
    assert items["2.6"]["title"] == "推进行政执法公示"
    assert "原文编号跳过了 5" in text
    assert items["1.1"]["deadlines"] == ["20个工作日内"]
    assert items["1.2"]["units"] == ["县财政局", "县直各部门"]
    assert items["1.2"]["targets"] == ["达到100%"]
    assert items["1.3"]["deadlines"] == ["按月"] and items["1.3"]["targets"] == ["不少于12次"]
    assert items["2.4"]["units"] == ["县市场监管局", "县直各执法部门"]
    assert items["2.6"]["targets"] == ["100%"]
    assert items["3.7"]["deadlines"] == ["每年8月底前"]
    assert items["3.8"]["units"] == ["县卫生健康局", "县医保局"]
    assert items["3.9"]["targets"] == ["不少于6场"]
    assert "units" not in items["4.10"]
    assert items["4.11"]["targets"] == ["不低于4%"]
    assert items["4.u1"]["deadlines"] == ["2021年12月10日前"]
    assert "4月19日印发" not in text
    body_is_kept(doc, lines_between(path, "一、以公开", "桐溪县人民政府办公室　", "gb18030"))


# -- u04: province, 繁體, ASCII punctuation, items (一)–(二十一) running on over five
#         sections, a heading printed twice, a heading that lost its "(十一", breadcrumbs ----
def test_u04_traditional_running_items_and_copy_errors(tmp_path):
    path = UNSEEN / "u04_province_2017_traditional.txt"
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert (doc["title"], doc["issuer"], doc["doc_number"], doc["date"]) == (
        "2017年閩東省政務公開工作要點", "閩東省人民政府辦公廳", "閩政辦〔2017〕45號", dt.date(2017, 4, 26),
    )
    numbered = [i for i in items if "u" not in i]
    expected = ["1", *[f"1.{k}" for k in range(1, 6)], "2", *[f"2.{k}" for k in range(6, 9)],
                "3", *[f"3.{k}" for k in range(9, 13)], "4", *[f"4.{k}" for k in range(13, 17)],
                "5", *[f"5.{k}" for k in range(17, 22)]]
    assert numbered == expected
    assert items["1.4"]["text"].count("推進公共資源配置信息公開") == 1  # printed twice, kept once
    assert "重复的标题已合并" in text
    assert items["3.11"]["title"] == "強化回應效果"
    assert "按前后推断为 （十一）" in text
    assert items["1.1"]["units"] == ["省政府辦公廳", "各市、縣(區)人民政府"]
    assert items["1.1"]["deadlines"] == ["每季度"] and items["1.1"]["targets"] == ["至少公開1次"]
    assert items["3.10"]["units"] == ["各市、縣(區)人民政府", "省政府各部門"]
    assert items["3.10"]["deadlines"] == ["5小時內", "24小時內"]
    assert items["4.16"]["targets"] == ["不少於300個"] and items["4.16"]["deadlines"] == ["年底前"]
    assert items["5.19"]["targets"] == ["不低於綜合考核體系的4%"]
    assert items["5.21"]["deadlines"] == ["3月31日前"]
    assert "units" not in items["5.17"] and "units" not in items["5.20"]
    assert items["5.u1"]["unnumbered"] and items["5.u1"]["deadlines"] == ["2017年11月30日前"]
    no_chrome(text, ["首頁", "字號", "4月28日印發"])
    body_is_kept(doc, lines_between(path, "一、圍繞", "閩東省人民政府辦公廳 2017"))


# -- u08: a department's points: 一、 > 1. > (1) with no (一) level; units in prose
#         (由…牵头, …牵头，…配合, 由…负责, …负责公开…), in a 责任单位： sentence, and in a
#         parenthesis that holds both (教育督导室负责；责任单位：各区教育局) ------------------
def test_u08_units_written_in_prose(tmp_path):
    path = UNSEEN / "u08_department_2022_prose_units.txt"
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert (doc["title"], doc["issuer"], doc["doc_number"], doc["date"]) == (
        "2022年滨海市教育系统政务公开工作要点", "滨海市教育局", "滨教办〔2022〕31号", dt.date(2022, 3, 25),
    )
    assert shape(items) == [
        "1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.2.2", "1.3", "2", "2.4", "2.5",
        "3", "3.6", "3.7", "4", "4.u1",
    ]
    assert items["1.1"]["title"] == "做好招生考试信息公开"
    assert items["1.1.1"]["units"] == ["市教育招生考试院"]
    assert items["1.1.1"]["title"] == "及时公开中考、高考招生政策、录取结果等信息"  # not 由…牵头
    assert items["1.1.1"]["deadlines"] == ["10个工作日内"]
    assert items["1.1.2"]["units"] == ["各区教育局"]
    assert items["1.1.2"]["deadlines"] == ["每年6月30日前"]
    assert items["1.2.1"]["units"] == ["计划财务处", "局属各单位"]
    assert items["1.2.2"]["units"] == ["计划财务处"]
    assert items["1.3"]["units"] == ["教育督导室", "各区教育局"]
    assert items["1.3"]["targets"] == ["达到100%"]
    assert "units" not in items["2.4"]  # 由政策起草处室同步做好解读: a role, no unit named
    assert items["2.5"]["units"] == ["办公室", "宣传处"]
    assert items["3.6"]["units"] == ["办公室"]
    assert items["3.6"]["deadlines"] == ["每周", "5个工作日内"] and items["3.6"]["targets"] == ["不少于5次"]
    assert items["3.7"]["units"] == ["宣传处"]
    assert items["4.u1"]["unnumbered"] and items["4.u1"]["deadlines"] == ["2022年12月15日前"]
    body_is_kept(doc, lines_between(path, "一、加强", "滨海市教育局办公室"))


# -- u09: a county's old GBK page laid out in nested tables, lines broken with <br>,
#         indented with &nbsp;, ASCII punctuation, [2017] in the doc number -----------------
def test_u09_gbk_page_laid_out_in_tables(tmp_path):
    path = UNSEEN / "u09_county_2017_gbk_layout.html"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert (doc["title"], doc["issuer"], doc["doc_number"], doc["date"]) == (
        "2017年清河县政务公开工作要点", "清河县人民政府办公室", "清政办字〔2017〕38号", dt.date(2017, 5, 31),
    )
    assert doc["notice"].startswith("各乡(镇)人民政府,县直各单位:")
    assert "清政办字" not in doc["notice"]
    assert shape(items) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.u1"]
    assert items["1.1"]["units"] == ["县编办", "县直各单位"]
    assert items["2.1"]["units"] == ["县扶贫办", "各乡(镇)人民政府"]
    assert items["2.1"]["targets"] == ["不少于7天"]
    assert items["2.3"]["deadlines"] == ["7日内"]
    assert items["3.2"]["targets"] == ["至少组织1次", "不低于4%"]
    assert items["3.u1"]["text"] == "各乡(镇)、县直各单位要对照上述任务,明确责任人和完成时限,确保各项工作落到实处。"
    # one line per <br>: the source lines are the page's own
    assert [items[i]["source_line"] for i in ("1", "1.1", "1.2")] == [15, 16, 17]
    no_chrome(text, ["网站首页", "您现在的位置", "发布时间", "点击数", "打印", "附件下载", "纠错",
                     "责任编辑", "版权所有", "ICP备", "技术支持", "邮编"])
    body_is_kept(doc, between(html_lines(path, "gbk"), "2017年清河县政务公开工作要点", "附件下载", 12))


# -- u13: a township's 实施方案: 一、总体要求 (prose only), 二、主要任务 > (一) > 1.–6.
#         running on, 三、保障措施 > (一)(二); 责任单位: and 完成时限: lines under each task;
#         ASCII punctuation; [2018] ----------------------------------------------------------
def test_u13_township_plan_with_unit_and_deadline_lines(tmp_path):
    path = UNSEEN / "u13_township_2018_plan.txt"
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert (doc["title"], doc["issuer"], doc["doc_number"], doc["date"]) == (
        "石桥镇2018年政务公开工作实施方案", "石桥镇人民政府", "石政发〔2018〕21号", dt.date(2018, 6, 12),
    )
    assert shape(items) == [
        "1", "1.u1", "2", "2.1", "2.1.1", "2.1.2", "2.2", "2.2.3", "2.2.4", "2.2.5", "2.3", "2.3.6",
        "3", "3.1", "3.2", "3.u1",
    ]
    assert items["1"]["title"] == "总体要求" and items["1.u1"]["text"].startswith("以党的十九大精神为指导")
    assert items["2.1.1"]["units"] == ["镇党政办"]
    assert items["2.1.1"]["deadlines"] == ["长期坚持"] and items["2.1.1"]["targets"] == ["不少于7天"]
    assert items["2.1.2"]["deadlines"] == ["5个工作日内", "长期坚持"]
    assert items["2.2.3"]["deadlines"] == ["20日内", "2018年12月底前"]
    assert items["2.2.4"]["units"] == ["镇扶贫办", "各村(社区)"]
    assert items["2.2.4"]["deadlines"] == ["每季度"]
    assert items["2.2.5"]["units"] == ["镇国土所", "镇规划建设办"]
    assert items["2.3.6"]["units"] == ["镇党政办", "各村(社区)"]
    assert items["2.3.6"]["targets"] == ["至少更新1次"]
    assert items["3.2"]["deadlines"] == ["每半年"]
    assert items["3.u1"]["unnumbered"] and items["3.u1"]["text"].startswith("以上各项任务")
    body_is_kept(doc, lines_between(path, "一、总体要求"))


# -- u14: a county's points copied from a page as text: header lines kept, the body's
#         paragraphs joined with single spaces; units in parentheses (one with ；), in a
#         责任单位： sentence; a closing 本要点 sentence that names a unit in prose ---------
def test_u14_body_joined_with_spaces(tmp_path):
    path = UNSEEN / "u14_county_2025_spaces.txt"
    assert len(path.read_text("utf-8").split("\n")) == 8
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert (doc["title"], doc["issuer"], doc["doc_number"], doc["date"]) == (
        "2025年永安县政务公开工作要点", "永安县人民政府办公室", "永政办发〔2025〕7号", dt.date(2025, 2, 28),
    )
    assert doc["preamble"].startswith("2025年，全县政务公开工作要坚持")
    assert shape(items) == [
        "1", "1.1", "1.2", "1.3", "2", "2.4", "2.5", "2.6", "3", "3.7", "3.8", "3.u1",
    ]
    assert items["1.1"]["units"] == ["县统计局", "县发展改革局"]
    assert items["1.1"]["deadlines"] == ["按月", "每季度"]
    assert items["1.2"]["units"] == ["县发展改革局", "各乡镇人民政府"]
    assert items["1.3"]["units"] == ["县财政局", "县市场监管局"]
    assert items["1.3"]["deadlines"] == ["2025年6月底前"]
    assert items["2.4"]["units"] == ["县政府办公室", "各项目责任单位"]
    assert items["2.6"]["title"] == "办好“政府开放日”活动"
    assert items["3.7"]["targets"] == ["达到100%"]
    closing = items["3.u1"]
    assert closing["unnumbered"] and closing["title"] == "本要点由县政府办公室负责解释"
    assert "units" not in closing  # 负责解释 the points: not a task's unit
    assert closing["deadlines"] == ["2025年11月30日前"]
    body_is_kept(doc, lines_between(path, "一、以公开"))
