"""Documents the builder had never seen, written for these tests in the genre of real
政务公开工作要点 / 实施方案 / 任务分解表 (other provinces, cities, counties, townships,
departments; 2016–2025), each in another combination of the shapes real copies come in.

What each document must give was written down by hand, as a checklist author reads it: the
structure and printed numbers, titles, units, deadlines, targets, metadata, the page chrome
that must not survive, and that every sentence of the body is somewhere in the checklist.
One table (``CASES``) holds it; one test reads it. The files are in fixtures/unseen/ (the
.docx ones are made by unseen_docx.py)."""

from __future__ import annotations

import datetime as dt
import html
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import pytest
from unseen_docx import U06_LINES, make_u05, make_u06, make_u07
from wp_helpers import FIXTURES, leaves, nodes, sentences, squeeze

from zwgk_tui.model.checklist import check_checklist
from zwgk_tui.workpoints.build import build_checklist

UNSEEN = FIXTURES / "unseen"
ABSENT = object()  # the field must not be there


def make(path) -> tuple[dict, str, dict]:
    doc, text, items, _ = make_with_signs(path)
    return doc, text, items


def make_with_signs(path) -> tuple[dict, str, dict, list[tuple[str, int]]]:
    """The checklist, its text, its nodes by id, and the warnings as (kind, line)."""
    result = build_checklist(path, checklist_id="unseen", convert=None)
    doc = tomllib.loads(result.toml)
    signs = [(sign.kind, sign.line) for sign in result.report.warnings()]
    return doc, result.toml, nodes(doc), signs


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
    r"第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|[（(]\d{1,2}[)）]|"
    r"(?<![\d.])\d{1,2}[.．、](?!\d)|^[)）]|\s+|(?<=[)）])(?=[\u4e00-\u9fff])"
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


def check_fields(items: dict, expected: dict[str, dict[str, Any]]) -> None:
    """``{id: {key: value}}``: ``key`` equal; ``key^`` starts with, ``key$`` ends with,
    ``key~`` contains; ``rows.key`` the list of that key over the item's requirement rows;
    ``ABSENT`` not there at all."""
    for node_id, wanted in expected.items():
        node = items[node_id]
        for key, value in wanted.items():
            where = f"{node_id} {key}"
            if key.startswith("rows."):
                assert [row.get(key[5:]) for row in node.get("requirements", [])] == value, where
            elif value is ABSENT:
                assert key not in node, where
            elif key[-1] in "^$~":
                got = node[key[:-1]]
                ok = {"^": got.startswith, "$": got.endswith, "~": got.__contains__}[key[-1]](value)
                assert ok, (where, got)
            else:
                assert node[key] == value, (where, node.get(key))


@dataclass
class Case:
    """One unseen document and what a reader finds in it."""

    source: str | Callable[[Path], None]  # a file in fixtures/unseen, or a maker of a .docx
    meta: dict[str, Any]  # top-level keys: title, issuer, doc_number, date, year, notice^, …
    ids: list[str]  # every id, in document order
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    body: Callable[[Path], list[str]] | None = None  # the body's lines, read off the source
    chrome: list[str] = field(default_factory=list)  # page furniture that must be gone
    notes: list[str] = field(default_factory=list)  # comments the builder must write
    warns: list[tuple[str, int]] = field(default_factory=list)  # warnings: (kind, source line)
    check: Callable[[dict, str, dict], None] | None = None  # anything the table cannot say

    def path(self, tmp_path: Path, name: str) -> Path:
        if isinstance(self.source, str):
            return UNSEEN / self.source
        path = tmp_path / f"{name}.docx"
        self.source(path)
        return path


def meta(title: str, issuer: str = "", doc_number: str = "", date: dt.date | None = None,
         **more: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"title": title, **more}
    if issuer:
        out |= {"issuer": issuer, "doc_number": doc_number}
    if date:
        out["date"] = date
    return out


def _u01_check(doc: dict, text: str, items: dict) -> None:
    assert [items[s]["title"] for s in "1234"] == [
        "推进行政决策公开", "推进执行和结果公开", "推进政务服务公开", "加强政策解读和回应关切",
    ]


def _u06_check(doc: dict, text: str, items: dict) -> None:
    assert everything(doc).count(squeeze("各区完成政务公开专区建设")) == 1  # rows are not items


def _u09_check(doc: dict, text: str, items: dict) -> None:
    assert "清政办字" not in doc["notice"]
    # one line per <br>: the source lines are the page's own
    assert [items[i]["source_line"] for i in ("1", "1.1", "1.2")] == [15, 16, 17]


def _u15_body(path: Path) -> list[str]:
    page = html_lines(path)
    return [page[-3][page[-3].index("一、") :]]


def _u11_body(path: Path) -> list[str]:
    return ["".join(line for line in lines_between(path, "一、围绕") if line != "— 2 —")]


U02_UNITS = {
    "1.1": (["市税务局", "市财政局", "市发展改革委"], "2019年12月底前"),
    "1.2": (["市审改办", "市政务服务管理局"], "2019年6月底前"),
    "1.3": (["市发展改革委", "市住房城乡建设局"], "每季度"),
    "2.4": (["市政府办公室", "市政府各部门"], "长期坚持"),
    "2.5": (["市委网信办", "市政府新闻办"], "长期坚持"),
    "3.6": (["市政府办公室", "市大数据中心"], "每季度"),
    "3.7": (["市委网信办", "市政府办公室"], "2019年9月底前"),
}


def _merged(*parts: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for part in parts:
        for node_id, wanted in part.items():
            out.setdefault(node_id, {}).update(wanted)
    return out


CASES: dict[str, Case] = {
    # a province's page saved from its portal: nav, 当前位置, an 索引号 <table>, share buttons,
    # QR code, 附件下载, footer; 2016; full-width; units in trailing parentheses, several per
    # item, one joined with 和; a closing 本要点 paragraph
    "u01": Case(
        "u01_province_2016_page.html",
        meta("2016年云岭省政务公开工作要点", "云岭省人民政府办公厅", "云政办函〔2016〕61号",
             dt.date(2016, 5, 23), year=2016,  # signed 5月23日; published 5月27日
             **{"notice^": "各州、市人民政府，省直各委、办、厅、局：", "preamble^": "2016年全省政务公开工作要全面贯彻"}),
        ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "4", "4.1", "4.2", "4.u1"],
        {
            "1": {"title": "推进行政决策公开"}, "2": {"title": "推进执行和结果公开"},
            "3": {"title": "推进政务服务公开"}, "4": {"title": "加强政策解读和回应关切"},
            "1.1": {"title": "推进重大决策预公开", "targets": ["不少于30日"],
                    "units": ["省政府办公厅", "省政府法制办", "各州、市人民政府", "省直各部门"]},
            "1.2": {"deadlines": ["3个工作日内"]},
            "2.1": {"units": ["省发展改革委", "省国土资源厅", "省住房城乡建设厅", "省交通运输厅"]},
            "2.2": {"units": ["省财政厅", "各州、市人民政府"], "targets": ["达到100%"]},
            "2.3": {"units": ["省政府督查室", "省审计厅"], "deadlines": ["年底前", "60日内"]},  # two parentheses
            "3.1": {"units": ["省编办", "省政务服务管理局", "各州、市人民政府"]},
            "3.2": {"title": "推进实体政务大厅与网上服务平台融合", "deadlines": ["6月底前"]},
            "4.2": {"deadlines": ["24小时内"]},
            "4.u1": {"unnumbered": True, "text~": "本要点", "deadlines": ["2017年1月15日前"],
                     "targets": ["不低于4%"]},
        },
        body=lambda p: between(html_lines(p), "2016年云岭省政务公开工作要点", "（此件公开发布）", 20),
        chrome=["当前位置", "欢迎访问", "无障碍", "索引号", "主题分类", "发布时间", "浏览次数", "字号",
                "附件下载", "分享到", "微信", "打印", "关闭窗口", "扫一扫", "相关链接", "网站标识码", "ICP备",
                "联系电话", "此件公开发布", "_hmt"],
    ),
    # a city's points whose line breaks were all lost — notice, signature, title, preamble,
    # body, a closing 本要点 paragraph, 附件 line and a 任务分解表 (序号 / 工作任务 / 具体要求 /
    # 牵头单位 / 配合单位 / 完成时限) whose cells ran together with no separator (the 牵头 and
    # 配合 cells, a 序号 after a deadline)
    "u02": Case(
        "u02_city_2019_one_line.txt",
        meta("2019年临江市政务公开工作要点", "临江市人民政府办公室", "临政办发〔2019〕22号", dt.date(2019, 5, 8),
             **{"notice$": "现印发给你们，请认真抓好落实。", "preamble^": "2019年全市政务公开工作要以"}),
        ["1", "1.1", "1.2", "1.3", "2", "2.4", "2.5", "3", "3.6", "3.7", "3.u1"],
        _merged(
            {k: {"units": units, "rows.units": [units], "rows.deadlines": [[deadline]]}
             for k, (units, deadline) in U02_UNITS.items()},
            {
                "1.1": {"title": "推进减税降费政策公开", "targets": ["不少于4次"]},
                "1.2": {"rows.text": ["动态调整并公开权责清单，公开市级政务服务事项办事指南。"]},
                "2.5": {"deadlines": ["5小时内", "24小时内"]},
                "3.u1": {"unnumbered": True, "text^": "本要点落实情况纳入全市政务公开年度考核",
                         "deadlines": ["2019年11月底前"]},
            },
        ),
        body=lambda p: lines_between(p, "一、围绕", "附件："),
        check=lambda doc, text, items: [
            assert_not_in("附件", items[k]["text"]) for k in ("3.7", "3.u1")],
    ),
    # county, GB18030 + CRLF, full-width spaces indenting, tasks 1.–11. straight under the
    # sections and running on across them, a skipped 5, 责任单位： sentences
    "u03": Case(
        "u03_county_2021_gb18030.txt",
        meta("2021年桐溪县政务公开工作要点", "桐溪县人民政府办公室", "桐政办发〔2021〕9号", dt.date(2021, 4, 16)),
        ["1", "1.1", "1.2", "1.3", "2", "2.4", "2.6", "3", "3.7", "3.8", "3.9", "4", "4.10", "4.11", "4.u1"],
        {
            "1": {"title": "以公开促落实，助力“十四五”开好局"},
            "1.1": {"deadlines": ["20个工作日内"]},
            "1.2": {"units": ["县财政局", "县直各部门"], "targets": ["达到100%"]},
            "1.3": {"deadlines": ["按月"], "targets": ["不少于12次"]},
            "2.4": {"units": ["县市场监管局", "县直各执法部门"]},
            "2.6": {"title": "推进行政执法公示", "targets": ["100%"]},
            "3.7": {"deadlines": ["每年8月底前"]},
            "3.8": {"units": ["县卫生健康局", "县医保局"]},
            "3.9": {"targets": ["不少于6场"]},
            "4.10": {"units": ABSENT},
            "4.11": {"targets": ["不低于4%"]},
            "4.u1": {"deadlines": ["2021年12月10日前"]},
        },
        body=lambda p: lines_between(p, "一、以公开", "桐溪县人民政府办公室　", "gb18030"),
        chrome=["4月19日印发"],
        notes=["原文编号跳过了 5"],
        warns=[("gap", 21)],
    ),
    # province, 繁體, ASCII punctuation, items (一)–(二十一) running on over five sections, a
    # heading printed twice, a heading that lost its "(十一", breadcrumbs
    "u04": Case(
        "u04_province_2017_traditional.txt",
        meta("2017年閩東省政務公開工作要點", "閩東省人民政府辦公廳", "閩政辦〔2017〕45號", dt.date(2017, 4, 26)),
        ["1", *[f"1.{k}" for k in range(1, 6)], "2", *[f"2.{k}" for k in range(6, 9)],
         "3", *[f"3.{k}" for k in range(9, 13)], "4", *[f"4.{k}" for k in range(13, 17)],
         "5", *[f"5.{k}" for k in range(17, 22)], "5.u1"],
        {
            "1.1": {"units": ["省政府辦公廳", "各市、縣(區)人民政府"], "deadlines": ["每季度"],
                    "targets": ["至少公開1次"]},
            "3.10": {"units": ["各市、縣(區)人民政府", "省政府各部門"], "deadlines": ["5小時內", "24小時內"]},
            "3.11": {"title": "強化回應效果"},
            "4.16": {"targets": ["不少於300個"], "deadlines": ["年底前"]},
            "5.17": {"units": ABSENT}, "5.20": {"units": ABSENT},
            "5.19": {"targets": ["不低於綜合考核體系的4%"]},
            "5.21": {"deadlines": ["3月31日前"]},
            "5.u1": {"unnumbered": True, "deadlines": ["2017年11月30日前"]},
        },
        body=lambda p: lines_between(p, "一、圍繞", "閩東省人民政府辦公廳 2017"),
        chrome=["首頁", "字號", "4月28日印發"],
        notes=["重复的标题已合并", "按前后推断为 （十一）"],
        warns=[("repeat", 16), ("lost", 25)],
        # printed twice, kept once
        check=lambda doc, text, items: _equal(items["1.4"]["text"].count("推進公共資源配置信息公開"), 1),
    ),
    # a department's .docx task list that is nothing but a table (序号 / 重点任务 / 具体措施 /
    # 牵头单位 / 配合单位 / 完成时限), categories as rows merged across
    "u05": Case(
        make_u05,
        meta("2022年政务公开重点工作任务清单", year=2022, **{"preamble^": "为贯彻落实区政府办公室"}),
        ["1", "1.1", "1.2", "2", "2.3", "2.4", "2.5", "3", "3.6"],
        {
            "1": {"title": "深化执法信息公开"}, "2": {"title": "加强重点领域信息公开"},
            "3": {"title": "强化公开保障"},
            "1.1": {"title": "公开行政处罚信息", "units": ["法规科", "各市场监管所"],
                    "text": "行政处罚决定在作出之日起7个工作日内在局门户网站公开，公开率100%。",
                    "deadlines": ["7个工作日内", "长期坚持"], "targets": ["100%"]},
            "1.2": {"title": "推进“双随机、一公开”"},
            "2.3": {"units": ["食品安全抽检科"], "targets": ["不少于12期"]},
            "2.4": {"deadlines": ["2022年3月底前"]},
            "2.5": {"deadlines": ["文件公开后3个工作日内"]},
            "3.6": {"units": ["办公室"]},
        },
    ),
    # a city's points as .docx — paragraphs, headings without 。 on their own line, then a
    # 任务分解表 (序号 1–8 over the whole table, 工作任务 merged over its rows): the only
    # place the units are
    "u06": Case(
        make_u06,
        meta("2020年银川湖市政务公开工作要点", "银川湖市人民政府办公室", "银湖政办发〔2020〕17号", dt.date(2020, 6, 5)),
        ["1", "1.1", "1.2", "2", "2.3", "2.4"],
        {
            "1.1": {"title": "加强疫情防控信息公开", "units": ["市卫生健康委", "市发展改革委", "市商务局"],
                    "rows.units": [["市卫生健康委"], ["市发展改革委", "市商务局"]]},
            "1.2": {"units": ["市财政局", "市税务局", "市工业和信息化局", "市人力资源社会保障局"],
                    "rows.deadlines": [["2020年7月底前"], ["2020年12月底前"], ["持续推进"]]},
            "2.3": {"units": ["市司法局"]},
            "2.4": {"units": ["市政府办公室", "各区人民政府"]},
        },
        body=lambda p: U06_LINES[8:-1],
        check=lambda doc, text, items: _equal(everything(doc).count(squeeze("各区完成政务公开专区建设")), 1),
    ),
    # a county's 任务分解表 that is the whole document (.docx): category 一、 merged over its
    # rows, task cells printing (一)–(八) merged over theirs, and 序号 1–13 numbering the
    # measures over the whole table: 2.7.10 is measure 10 of (七) in 二、
    "u07": Case(
        make_u07,
        meta("2023年长宁县政务公开重点任务分解表", year=2023),
        ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.3", "1.3", "1.3.4", "1.3.5",
         "2", "2.4", "2.4.6", "2.5", "2.5.7", "2.5.8", "2.6", "2.6.9", "2.7", "2.7.10", "2.7.11", "2.7.12",
         "3", "3.8", "3.8.13"],
        {
            "2": {"title": "聚焦保障改善民生"},
            "2.7": {"title": "公开就业信息"},  # the printed (七) is its id, not its title
            "2.7.10": {"text": "按月发布就业岗位信息。", "units": ["县财政局"],
                       "deadlines": ["按月", "2023年12月底前"]},
            "1.1.1": {"deadlines": ["2023年12月底前"]},
            "3.8.13": {"targets": ["100%"]},
        },
        check=lambda doc, text, items: _equal(len(leaves(doc)), 13),
    ),
    # a department's points: 一、 > 1. > (1) with no (一) level; units in prose (由…牵头,
    # …牵头，…配合, 由…负责, …负责公开…), in a 责任单位： sentence, and in a parenthesis that
    # holds both (教育督导室负责；责任单位：各区教育局)
    "u08": Case(
        "u08_department_2022_prose_units.txt",
        meta("2022年滨海市教育系统政务公开工作要点", "滨海市教育局", "滨教办〔2022〕31号", dt.date(2022, 3, 25)),
        ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.2.2", "1.3", "2", "2.4", "2.5",
         "3", "3.6", "3.7", "4", "4.u1"],
        {
            "1.1": {"title": "做好招生考试信息公开"},
            "1.1.1": {"units": ["市教育招生考试院"], "deadlines": ["10个工作日内"],
                      "title": "及时公开中考、高考招生政策、录取结果等信息"},  # not 由…牵头
            "1.1.2": {"units": ["各区教育局"], "deadlines": ["每年6月30日前"]},
            "1.2.1": {"units": ["计划财务处", "局属各单位"]},
            "1.2.2": {"units": ["计划财务处"]},
            "1.3": {"units": ["教育督导室", "各区教育局"], "targets": ["达到100%"]},
            "2.4": {"units": ABSENT},  # 由政策起草处室同步做好解读: a role, no unit named
            "2.5": {"units": ["办公室", "宣传处"]},
            "3.6": {"units": ["办公室"], "deadlines": ["每周", "5个工作日内"], "targets": ["不少于5次"]},
            "3.7": {"units": ["宣传处"]},
            "4.u1": {"unnumbered": True, "deadlines": ["2022年12月15日前"]},
        },
        body=lambda p: lines_between(p, "一、加强", "滨海市教育局办公室"),
    ),
    # a county's old GBK page laid out in nested tables, lines broken with <br>, indented
    # with &nbsp;, ASCII punctuation, [2017] in the doc number
    "u09": Case(
        "u09_county_2017_gbk_layout.html",
        meta("2017年清河县政务公开工作要点", "清河县人民政府办公室", "清政办字〔2017〕38号", dt.date(2017, 5, 31),
             **{"notice^": "各乡(镇)人民政府,县直各单位:"}),
        ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.u1"],
        {
            "1.1": {"units": ["县编办", "县直各单位"]},
            "2.1": {"units": ["县扶贫办", "各乡(镇)人民政府"], "targets": ["不少于7天"]},
            "2.3": {"deadlines": ["7日内"]},
            "3.2": {"targets": ["至少组织1次", "不低于4%"]},
            "3.u1": {"text": "各乡(镇)、县直各单位要对照上述任务,明确责任人和完成时限,确保各项工作落到实处。"},
        },
        body=lambda p: between(html_lines(p, "gbk"), "2017年清河县政务公开工作要点", "附件下载", 12),
        chrome=["网站首页", "您现在的位置", "发布时间", "点击数", "打印", "附件下载", "纠错", "责任编辑", "版权所有",
                "ICP备", "技术支持", "邮编"],
        check=_u09_check,
    ),
    # a county's points with the hierarchy the other way round (一． > 1. > （一）), 一． with
    # a full-width dot, a task that is prose under its 1. heading, no notice: signed at the end
    "u10": Case(
        "u10_county_2023_inverted.txt",
        meta("松阳湾县2023年政务公开工作要点", "松阳湾县人民政府办公室", "", dt.date(2023, 3, 10)),
        ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.2.2", "1.2.3",
         "2", "2.1", "2.2", "2.2.1", "2.2.2", "3", "3.u1"],
        {
            "1.1": {"title": "优化营商环境信息公开"},
            "1.1.1": {"title": "集中公开涉企政策", "units": ["县发展改革局", "县直各部门"],
                      "deadlines": ["2023年6月底前"]},
            "1.1.2": {"units": ["县司法局", "县直各执法部门"]},
            "1.2.3": {"targets": ["不少于2000个"]},
            "2.1": {"title": "强化政策解读", "units": ["县政府办公室", "各起草部门"], "targets": ["达到100%"]},
            "2.2.1": {"targets": ["不超过2周"]},
            "2.2.2": {"units": ["县委网信办", "县政府办公室"], "deadlines": ["每季度"]},
            "3.u1": {"text^": "各乡镇人民政府、县直各部门要结合实际细化工作措施"},
        },
        body=lambda p: lines_between(p, "一．深化", "松阳湾县人民政府办公室"),
    ),
    # a city's points copied out of a PDF: hard-wrapped at a fixed width, paragraphs not
    # indented, a page number line, a parenthesis wrapped onto a line of its own
    "u11": Case(
        "u11_city_2024_pdf_wrapped.txt",
        meta("2024年雁南市政务公开工作要点", "雁南市人民政府办公室", "雁政办函〔2024〕12号", dt.date(2024, 4, 2),
             **{"notice$": "请认真贯彻落实。"}),
        ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.u1"],
        {
            "1.1": {"units": ["市发展改革委", "市统计局", "市直有关部门"],
                    "text$": "（市发展改革委、市统计局牵头，市直有关部门按职责分工负责）"},
            "1.2": {"deadlines": ["2024年6月底前"]},
            "2.1": {"targets": ["不少于100场", "达到90%"]},
            "2.2": {"units": ["市人力资源社会保障局", "市医保局"], "deadlines": ["每半年"]},
            "2.3": {"deadlines": ["按月", "90日内"]},
            "3.2": {"targets": ["不低于4%"], "text$": "按职责分工负责）"},
            "3.u1": {"unnumbered": True, "deadlines": ["2024年12月15日前"]},
        },
        body=_u11_body,
        chrome=["— 2 —"],
    ),
    # a district's page (2025): 索引号 table with label cells and no colons (文号 |
    # 青府办发〔2025〕4号), a body with (一)–(七) running on, and a task table in its own column
    # order (完成时限 / 责任单位 / 具体要求 / 工作任务 / 序号) with rowspans
    "u12": Case(
        "u12_district_2025_page_table.html",
        meta("2025年青川区政务公开工作要点", "青川区人民政府办公室", "青府办发〔2025〕4号", dt.date(2025, 3, 14)),
        ["1", "1.1", "1.2", "1.3", "2", "2.4", "2.5", "3", "3.6", "3.7"],
        {
            "1": {"title": "聚焦经济发展，强化政策公开"},
            "1.1": {"units": ["区司法局", "区政府办公室"]},
            "1.2": {"units": ["区政府各部门", "区融媒体中心"], "targets": ["不低于40%"],
                    "rows.deadlines": [["2025年12月底前"], ["2025年12月底前"]]},
            "1.3": {"deadlines": ["每半年"]},
            "2.5": {"units": ["各镇人民政府", "街道办事处"]},
            "3.6": {"targets": ["达到100%"]},
            "3.7": {"units": ["区委网信办", "区政府办公室"]},
        },
        body=lambda p: between(html_lines(p), "2025年青川区政务公开工作要点", "附件：", 10),
        chrome=["无障碍", "关怀版", "当前的位置", "索引号", "组配分类", "浏览次数", "附件下载", "分享到", "扫一扫",
                "打印", "关闭窗口", "主办单位", "ICP备", "公网安备"],
    ),
    # a township's 实施方案: 一、总体要求 (prose only), 二、主要任务 > (一) > 1.–6. running on,
    # 三、保障措施 > (一)(二); 责任单位: and 完成时限: lines under each task; ASCII
    # punctuation; [2018]
    "u13": Case(
        "u13_township_2018_plan.txt",
        meta("石桥镇2018年政务公开工作实施方案", "石桥镇人民政府", "石政发〔2018〕21号", dt.date(2018, 6, 12)),
        ["1", "1.u1", "2", "2.1", "2.1.1", "2.1.2", "2.2", "2.2.3", "2.2.4", "2.2.5", "2.3", "2.3.6",
         "3", "3.1", "3.2", "3.u1"],
        {
            "1": {"title": "总体要求"}, "1.u1": {"text^": "以党的十九大精神为指导"},
            "2.1.1": {"units": ["镇党政办"], "deadlines": ["长期坚持"], "targets": ["不少于7天"]},
            "2.1.2": {"deadlines": ["5个工作日内", "长期坚持"]},
            "2.2.3": {"deadlines": ["20日内", "2018年12月底前"]},
            "2.2.4": {"units": ["镇扶贫办", "各村(社区)"], "deadlines": ["每季度"]},
            "2.2.5": {"units": ["镇国土所", "镇规划建设办"]},
            "2.3.6": {"units": ["镇党政办", "各村(社区)"], "targets": ["至少更新1次"]},
            "3.2": {"deadlines": ["每半年"]},
            "3.u1": {"unnumbered": True, "text^": "以上各项任务"},
        },
        body=lambda p: lines_between(p, "一、总体要求"),
    ),
    # a county's points copied from a page as text: header lines kept, the body's paragraphs
    # joined with single spaces; units in parentheses (one with ；), in a 责任单位： sentence;
    # a closing 本要点 sentence that names a unit in prose
    "u14": Case(
        "u14_county_2025_spaces.txt",
        meta("2025年永安县政务公开工作要点", "永安县人民政府办公室", "永政办发〔2025〕7号", dt.date(2025, 2, 28),
             **{"preamble^": "2025年，全县政务公开工作要坚持"}),
        ["1", "1.1", "1.2", "1.3", "2", "2.4", "2.5", "2.6", "3", "3.7", "3.8", "3.u1"],
        {
            "1.1": {"units": ["县统计局", "县发展改革局"], "deadlines": ["按月", "每季度"]},
            "1.2": {"units": ["县发展改革局", "各乡镇人民政府"]},
            "1.3": {"units": ["县财政局", "县市场监管局"], "deadlines": ["2025年6月底前"]},
            "2.4": {"units": ["县政府办公室", "各项目责任单位"]},
            "2.6": {"title": "办好“政府开放日”活动"},
            "3.7": {"targets": ["达到100%"]},
            # 负责解释 the points: not a task's unit
            "3.u1": {"unnumbered": True, "title": "本要点由县政府办公室负责解释", "units": ABSENT,
                     "deadlines": ["2025年11月30日前"]},
        },
        body=lambda p: lines_between(p, "一、以公开"),
    ),
    # a prefecture's page whose article is one text node: no <p>, no <br>; items (一)–(五)
    # running on, tasks 1.–8. running on under them, ASCII punctuation
    "u15": Case(
        "u15_prefecture_2018_page_one_line.html",
        meta("2018年黔北州政务公开工作要点", "黔北州人民政府办公室", "黔北府办发〔2018〕19号", dt.date(2018, 5, 15),
             notice="各县(市)人民政府,州政府各部门:经州人民政府同意,现将《2018年黔北州政务公开工作要点》"
                    "印发给你们,请认真贯彻落实。",
             **{"preamble^": "2018年全州政务公开工作要以"}),
        ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.3", "1.2.4", "2", "2.3", "2.3.5", "2.4", "2.4.6", "2.4.7",
         "3", "3.5", "3.5.8", "3.u1"],
        {
            "1.1": {"title": "推进脱贫攻坚信息公开"},
            "1.1.1": {"units": ["州扶贫办", "各县(市)人民政府"], "targets": ["不少于10天"]},
            "1.2.4": {"units": ["州生态环境局", "州直有关部门"]},
            "2.4.6": {"deadlines": ["48小时内"]},
            "3.5.8": {"targets": ["不低于95%"], "text$": "(州政府办公室负责)"},
            "3.u1": {"unnumbered": True, "deadlines": ["2018年12月20日前"]},
        },
        body=_u15_body,
        chrome=["当前位置", "索引号", "打印", "分享到", "版权所有", "ICP备"],
    ),
    # a city's points grouped into 第一部分/第二部分/第三部分 above 一、–四、 (running on across
    # the parts), 1）2） below 二、, 一是…二是… lists inside items (not headings), no notice:
    # signed at the end
    "u16": Case(
        "u16_city_2020_parts.txt",
        meta("2020年金沙市政务公开工作要点", issuer="金沙市人民政府办公室", date=dt.date(2020, 4, 20),
             **{"preamble^": "2020年是全面建成小康社会"}),
        ["1", "1.1", "1.2", "1.2.1", "1.2.2", "2", "2.3", "2.4", "3", "3.u1"],
        {
            "1": {"title": "围绕重点工作加强公开"}, "2": {"title": "强化政务公开平台建设"},
            "3": {"title": "加强组织保障"},
            "1.1": {"title": "做好疫情防控信息公开", "text~": "二是做好防控政策解读",
                    "units": ["市卫生健康委", "市委网信办"], "deadlines": ["每日", "3个工作日内"]},
            "1.2.1": {"deadlines": ["2020年6月底前"]},
            "1.2.2": {"targets": ["不少于200条"]},
            "2.3": {"targets": ["达到100%"]},
            "2.4": {"units": ["市委网信办", "市政府办公室"], "deadlines": ["每季度"]},
            "3.u1": {"deadlines": ["2020年11月底前"]},
        },
        body=lambda p: lines_between(p, "第一部分", "金沙市人民政府办公室"),
    ),
    # a 繁體 city page saved with a UTF-8 BOM: 簡體/繁體/無障礙 links, an 索引號 block as <dl>,
    # units both in the text and in a task table (牽頭單位 / 配合單位, a task cell merged over
    # two rows), (一)–(四) running on, 此件主動公開
    "u17": Case(
        "u17_city_2021_traditional_page.html",
        meta("2021年澳江市政務公開工作要點", "澳江市人民政府辦公室", "澳府辦函〔2021〕88號", dt.date(2021, 6, 21)),
        ["1", "1.1", "1.2", "2", "2.3", "2.4"],
        {
            "1": {"title": "以公開助力「十四五」開好局"},
            # the text's units first, then the table's
            "1.1": {"units": ["市發展改革局", "市政府辦公室"], "deadlines": ["20個工作日內"]},
            "1.2": {"units": ["市發展改革局", "各區人民政府", "市自然資源局"], "targets": ["不少於4次"],
                    "rows.deadlines": [["每季度"], ["持續推進"]]},
            "2.3": {"units": ["市政務服務數據管理局", "市直各部門"], "targets": ["100%"]},
            "2.4": {"deadlines": ["年底前"]},
        },
        body=lambda p: between(html_lines(p), "2021年澳江市政務公開工作要點", "附件：", 10),
        chrome=["簡體", "無障礙", "當前位置", "索引號", "發布日期", "打印", "關閉窗口", "分享到", "ICP備",
                "此件主動公開"],
    ),
}


def _equal(got: object, expected: object) -> None:
    assert got == expected


def assert_not_in(word: str, text: str) -> None:
    assert word not in text, text


@pytest.mark.parametrize("name", sorted(CASES))
def test_unseen_document(tmp_path, name):
    case = CASES[name]
    path = case.path(tmp_path, name)
    doc, text, items, signs = make_with_signs(path)
    valid(tmp_path, text)
    assert signs == case.warns  # every sign a reader must check, and no false alarm
    check_fields({"": doc}, {"": case.meta})
    assert shape(items) == case.ids
    check_fields(items, case.fields)
    for note in case.notes:
        assert note in text, note
    if case.chrome:
        no_chrome(text, case.chrome)
    if case.body is not None:
        body_is_kept(doc, case.body(path))
    if case.check is not None:
        case.check(doc, text, items)


# Each file is in the shape its case says (encoding, line ends, lines), so the table above
# tests what it claims to.
FILE_SHAPES = {
    "u02": lambda raw: raw.decode("utf-8").count("\n") == 1,
    "u03": lambda raw: b"\r\n" in raw and "\u3000".encode("gb18030") in raw and not _decodes(raw, "utf-8"),
    "u09": lambda raw: not _decodes(raw, "utf-8"),
    "u14": lambda raw: len(raw.decode("utf-8").split("\n")) == 8,
    "u17": lambda raw: raw.startswith(b"\xef\xbb\xbf"),
}


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("name", sorted(FILE_SHAPES))
def test_unseen_file_is_in_the_shape_it_claims(name):
    source = CASES[name].source
    assert isinstance(source, str)
    assert FILE_SHAPES[name]((UNSEEN / source).read_bytes())


# -- every unseen text document in every other shape: the same checklist ---------------------
def _wrap(line: str, columns: int = 70) -> list[str]:
    from zwgk_tui.workpoints.unwrap import width

    out, current = [], ""
    for char in line:
        if width(current + char) > columns:
            out.append(current)
            current = ""
        current += char
    return [*out, current] if current else out


def _reshape(path, how: str, tmp_path):
    raw = path.read_bytes()
    text = raw.decode("gb18030") if "gb18030" in path.name else raw.decode("utf-8")
    lines = text.replace("\r", "").split("\n")
    out = tmp_path / f"{path.stem}_{how}.txt"
    if how == "one-line":
        data = "".join(line.strip() for line in lines).encode()
    elif how == "spaces":
        data = " ".join(line.strip() for line in lines if line.strip()).encode()
    elif how == "other-punctuation":  # full-width ↔ ASCII
        data = text.translate(str.maketrans("(),:;（），：；", "（），：；(),:;")).encode()
    elif how == "gb18030-crlf-indent":
        data = "\r\n".join("\u3000\u3000" + line.strip() for line in lines).encode("gb18030")
    elif how == "html":
        out = out.with_suffix(".html")
        data = ("<html><body>" + "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
                + "</body></html>").encode()
    elif how == "docx":
        out = out.with_suffix(".docx")
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(out)
        return out
    else:  # hard-wrapped at 70 columns, no indent
        data = "\n".join(piece for line in lines if line.strip() for piece in _wrap(line.strip())).encode()
    out.write_bytes(data)
    return out


TEXT_DOCUMENTS = sorted(p.name for p in UNSEEN.glob("*.txt")) + sorted(
    f"../{p.name}" for p in FIXTURES.glob("*.txt")  # the earlier shape fixtures as well
)
SHAPES = ["one-line", "spaces", "other-punctuation", "gb18030-crlf-indent", "html", "docx", "wrapped"]


KNOWN_LIMITS = {
    # u11 is already hard-wrapped (a PDF copy): joining or indenting its wrapped lines again
    # splits unit names. A known limit (README: 生成器做不到的), not a pass.
    (u11, how) for u11 in [n for n in TEXT_DOCUMENTS if n.startswith("u11")]
    for how in ("spaces", "gb18030-crlf-indent")
}


@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
@pytest.mark.parametrize("how", SHAPES)
def test_unseen_documents_in_every_shape(request, tmp_path, name, how):
    if (name, how) in KNOWN_LIMITS:
        request.applymarker(pytest.mark.xfail(
            strict=True, reason="a hard-wrapped copy re-joined or re-indented splits unit names"))
    path = (UNSEEN / name).resolve()
    original, _, expected = make(path)
    doc, text, items = make(_reshape(path, how, tmp_path))
    valid(tmp_path, text)
    fold = str.maketrans("（），：；", "(),:;")
    for key in ("title", "issuer", "doc_number", "date", "year"):
        assert str(doc.get(key, "")).translate(fold) == str(original.get(key, "")).translate(fold), key
    assert shape(items) == shape(expected)
    for node_id, node in expected.items():
        for key in ("units", "deadlines", "targets"):
            got = [v.translate(fold) for v in items[node_id].get(key, [])]
            assert got == [v.translate(fold) for v in node.get(key, [])], (node_id, key)
        if how not in ("one-line", "spaces"):  # there a heading may run into its text
            assert items[node_id]["title"].translate(fold) == node["title"].translate(fold), node_id
    kept = everything(doc)
    for node_id, node in expected.items():  # no text lost, whatever the shape
        assert squeeze(node.get("text", "")) in kept, node_id
    assert squeeze(original.get("preamble", "")) in kept


def test_u06_one_line_headings_without_a_full_stop_keep_their_titles(tmp_path):
    """（一）加强疫情防控信息公开及时准确发布疫情信息，…: the heading and its text come apart
    where a heading's last word meets a sentence's first one."""
    path = tmp_path / "u06_one_line.txt"
    path.write_text("".join(U06_LINES), "utf-8")
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert doc["title"] == "2020年银川湖市政务公开工作要点" and doc["doc_number"] == "银湖政办发〔2020〕17号"
    assert shape(items) == ["1", "1.1", "1.2", "2", "2.3", "2.4"]
    assert [items[i]["title"] for i in shape(items)] == [
        "围绕做好“六稳”“六保”工作加强信息公开", "加强疫情防控信息公开", "加强“六稳”“六保”政策公开",
        "持续加强政府信息管理", "推进政府规章和规范性文件集中公开", "提升政务公开标准化规范化水平",
    ]
    assert items["1.1"]["text"] == "加强疫情防控信息公开\n\n及时准确发布疫情信息，做好防控政策解读。"
    assert "附件" not in items["2.4"]["text"]


def test_chapters_and_a_later_title_like_heading_lose_no_text(tmp_path):
    """No notice; 第一章/第二章 above 一、; 第二章 重点任务 looks like a title too — the title is
    the line that names the year and the kind of document, and nothing before it is lost."""
    path = tmp_path / "chapters.txt"
    path.write_text(
        "2022年某县政务公开工作要点\n第一章 总体要求\n坚持以公开为常态。\n第二章 重点任务\n一、加强政策公开\n"
        "（一）公开政策文件。及时公开。（县司法局负责）\n二、加强平台建设\n（一）办好政府网站。每周更新。\n",
        "utf-8",
    )
    doc, text, items = make(path)
    valid(tmp_path, text)
    assert doc["title"] == "2022年某县政务公开工作要点"
    assert shape(items) == ["1", "1.u1", "2", "2.1", "2.1.1", "2.2", "2.2.1"]
    assert items["1"]["title"] == "总体要求" and items["1.u1"]["text"] == "坚持以公开为常态。"
    assert items["2"]["title"] == "重点任务"
    assert items["2.1.1"]["units"] == ["县司法局"]
