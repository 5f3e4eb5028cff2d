"""Documents in every shape real copies come in, written for these tests (other issuers,
levels and years than the seeds): GB18030 + CRLF + full-width punctuation, numbering that
runs on, tasks straight under a section, 繁體 with copy errors, HTML with a real table,
.docx with merged cells, a task table one cell a line, and bodies whose line breaks were
lost — with the table's cells run together."""

from __future__ import annotations

import datetime as dt
import tomllib

import docx
import pytest
from wp_helpers import (
    FIXTURES,
    SEEDS,
    all_text,
    build,
    counts,
    leaves,
    nodes,
    seed_003_rows,
    spans,
    squeeze,
)

from zwgk_tui.model.checklist import check_checklist
from zwgk_tui.workpoints.build import build_checklist


def checked(tmp_path, doc_text: str) -> None:
    """The TOML passes the project's own validator and totals 100."""
    path = tmp_path / "out.toml"
    path.write_text(doc_text, "utf-8")
    assert check_checklist(path) == []
    assert sum(leaf["points"] for leaf in leaves(tomllib.loads(doc_text))) == pytest.approx(100)


# -- county, GB18030, CRLF, full-width punctuation, 1、 sub-items, a skipped number -----------
def test_gb18030_crlf_fullwidth_county_document(tmp_path):
    path = FIXTURES / "county_2020_gb18030.txt"
    raw = path.read_bytes()
    assert b"\r\n" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc, text = build(path)
    checked(tmp_path, text)
    assert doc["title"] == "2020年平阳县政务公开工作要点"
    assert doc["issuer"] == "平阳县人民政府办公室"
    assert doc["doc_number"] == "平政办发〔2020〕12号"  # printed with 【】
    assert doc["date"] == dt.date(2020, 4, 30)  # signature, not the 5月8日 print line
    assert doc["year"] == 2020
    items = nodes(doc)
    assert list(items) == [
        "1", "1.1", "1.2", "1.2.1", "1.2.2", "1.2.3", "2", "2.1", "2.2", "2.4",
        "3", "3.1", "3.2", "3.u1", "4", "4.1", "4.2", "4.u1",
    ]
    assert items["1.1"]["units"] == ["县卫生健康局", "各乡镇人民政府", "街道办事处"]
    assert items["1.1"]["deadlines"] == ["每日", "5小时内", "24小时内"]
    assert items["1.2.1"]["units"] == ["县发展和改革局", "县财政局"]
    assert items["1.2.1"]["deadlines"] == ["3个工作日内"]
    assert items["1.2.2"]["units"] == ["县经济和信息化局", "县市场监督管理局"]
    assert items["1.2.2"]["targets"] == ["不少于2次"]
    assert items["1.2.2"]["title"] == "建立惠企政策问答专栏"
    assert items["2.4"]["title"] == "推进教育领域信息公开"
    assert items["2.4"]["deadlines"] == ["每年9月前"]
    assert items["2.4"]["targets"] == ["不低于95%"]
    assert items["4.2"]["targets"] == ["不低于4%"]
    assert items["3.u1"]["unnumbered"] and "上述要求" in items["3.u1"]["text"]
    assert items["4.u1"]["deadlines"] == ["2021年1月31日前"]
    assert "原文编号跳过了 3" in text
    for chrome in ("当前位置", "字号", "打印", "发布时间", "来源", "分享到", "关闭窗口", "5月8日印发"):
        assert chrome not in text.split("\n", 3)[3]
    # text keeps the document's full-width punctuation
    assert "（县卫生健康局牵头，各乡镇人民政府、街道办事处负责）" in items["1.1"]["text"]


# -- province: (一)…(八) running on over sections, tasks 1.–12. running on, tasks under 三、 --
def test_running_on_numbering_and_tasks_directly_under_a_section(tmp_path):
    doc, text = build(FIXTURES / "province_2022_runon.txt")
    checked(tmp_path, text)
    assert doc["doc_number"] == "江南政办发〔2022〕8号"  # printed with []
    ids = [i for i in nodes(doc) if not i.endswith("u1")]
    assert ids == [
        "1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.3", "1.2.4", "1.3", "1.3.5",
        "2", "2.4", "2.4.6", "2.5", "2.5.7", "2.5.8", "2.6", "2.6.9",
        "3", "3.1", "3.2", "3.3",
        "4", "4.7", "4.7.10", "4.8", "4.8.11", "4.8.12",
    ]
    items = nodes(doc)
    assert items["1.2.3"]["targets"] == ["不少于50场"]
    assert items["2.5.7"]["deadlines"] == ["每年6月底前", "10个工作日内"]
    assert items["3.1"]["units"] == ["省司法厅", "省直各执法部门"]
    assert items["4.8.12"]["units"] == ["各市、县(区)人民政府"]
    assert items["4.u1"]["deadlines"] == ["2022年4月底前"]
    assert counts(doc) == (4, 11, 12, 15)


# -- 繁體, copy errors, deeper levels, false markers in prose -------------------------------
def test_traditional_script_with_copy_errors(tmp_path):
    doc, text = build(FIXTURES / "city_2018_traditional.txt")
    checked(tmp_path, text)
    assert doc["title"] == "2018年東川市政務公開工作要點"
    assert doc["doc_number"] == "東政辦發〔2018〕27號"  # "〔2018〕 27 號" normalised
    assert doc["date"] == dt.date(2018, 5, 10)  # 二〇一八年五月十日
    items = nodes(doc)
    # the heading printed twice is one node; its sub-items hang under it
    assert [c["id"] for c in items["1.2"]["items"]] == ["1.2.1", "1.2.2"]
    assert "重复的标题已合并" in text
    # (三) printed twice with different text and no (四): the second is (四)
    assert items["1.3"]["title"] == "推進環境保護信息公開"
    assert items["1.4"]["title"] == "推進食品藥品安全信息公開"
    # （1） under （四）, ① under （2）
    assert "1.4.2.1" in items and items["1.4.2.2"]["title"] == "藥品不良反應監測年度報告"
    # a lost number: ")加強政務輿情回應" is (二)
    assert items["2.2"]["title"] == "加強政務輿情回應"
    # prose numbers are not headings: 第(一)項, 1.5倍, 2018年
    assert "第(一)項" in items["1.2.1"]["text"] and "1.5倍" in items["1.2.2"]["text"]
    assert items["1.2.1"]["units"] == ["市發展改革委", "市財政局", "市住房城鄉建設局"]
    assert items["1.1"]["units"] == ["市財政局", "市級各部門"]
    assert items["1.1"]["deadlines"] == ["20個工作日內"]
    assert items["2.1"]["targets"] == ["不低於90%"]
    assert items["2.3"]["targets"] == ["不少於2次"]
    # a section with only a paragraph gets one unnumbered item holding it
    assert items["3.u1"]["unnumbered"] and items["3.u1"]["text"].startswith("各區、各部門要按照上述要求")
    for chrome in ("您現在的位置", "歡迎訪問", "印發"):
        assert chrome not in text.split("\n", 3)[3].replace("印發給你們", "")


def test_to_simplified_converts_everything_written(tmp_path):
    doc, _text = build(FIXTURES / "city_2018_traditional.txt", convert="t2s")
    assert doc["title"] == "2018年东川市政务公开工作要点"
    assert doc["issuer"] == "东川市人民政府办公室"
    assert nodes(doc)["2.1"]["targets"] == ["不低于90%"]
    doc, _ = build(SEEDS["004"][1], convert="t2s")
    assert doc["doc_number"] == "国办发〔2019〕14号"
    assert counts(doc) == (5, 18, 0, 18)


def test_to_traditional(tmp_path):
    doc, _ = build(FIXTURES / "county_2020_gb18030.txt", convert="s2t")
    assert doc["title"] == "2020年平陽縣政務公開工作要點"
    assert nodes(doc)["1.2.2"]["targets"] == ["不少於2次"]


# -- HTML with chrome, a metadata table and a task table (rowspan, colspan, other order) -----
def test_html_with_a_real_task_table(tmp_path):
    doc, text = build(FIXTURES / "district_2023.html")
    checked(tmp_path, text)
    assert doc["title"] == "2023年西湖湾区政务公开工作要点"
    assert doc["issuer"] == "西湖湾区人民政府办公室"
    assert doc["doc_number"] == "西湾政办〔2023〕6号"
    assert doc["date"] == dt.date(2023, 3, 6)
    items = nodes(doc)
    assert counts(doc) == (3, 7, 0, 7)
    assert items["1.1"]["units"] == ["区发展改革局", "区经济和信息化局"]
    assert items["1.1"]["requirements"] == [{
        "text": "设置惠企政策专区，分类集中公开惠企政策。",
        "units": ["区发展改革局", "区经济和信息化局"],
        "deadlines": ["2023年4月底前"],
    }]
    # 推进教育信息公开 (table) is 推进教育领域信息公开 (text)
    assert items["2.1"]["units"] == ["区教育局"]
    assert items["2.3"]["units"] == ["区住房和城乡建设局", "各街道办事处"]
    assert items["3.2"]["requirements"][0]["deadlines"] == ["2023年6月底前"]
    assert items["1.2"]["targets"] == ["达到100%", "不低于30%"]
    body = text.split("\n", 3)[3]
    for chrome in ("_hmt", "广告", "无障碍", "当前位置", "分享到", "ICP备", "主办单位", "索引号", "政务公开 >"):
        assert chrome not in body
    # soft line breaks inside a <p> do not leave spaces between Chinese characters
    assert "中心工作，以公开促落实" in doc["preamble"]


def test_html_table_only_document(tmp_path):
    page = """<html><head><meta charset="gbk"><title>任务清单</title></head><body>
    <p>2021年市场监管局政务公开重点任务清单</p>
    <table border=1>
    <tr><td>序号</td><td>责任单位</td><td>重点任务</td><td>完成时限</td><td>类别</td></tr>
    <tr><td>1</td><td>办公室</td><td>编制主动公开基本目录</td><td>6月底前</td><td rowspan=2>一、公开目录</td></tr>
    <tr><td>2</td><td>法规科</td><td>公开行政处罚决定</td><td>作出决定后7个工作日内</td></tr>
    <tr><td>3</td><td>办公室、信息中心</td><td>更新政府信息公开指南</td><td>每年1月</td><td>二、公开平台</td></tr>
    </table></body></html>"""
    path = tmp_path / "table_only.html"
    path.write_bytes(page.encode("gbk"))
    doc, text = build(path)
    checked(tmp_path, text)
    items = nodes(doc)
    assert list(items) == ["1", "1.1", "1.2", "2", "2.3"]
    assert items["1"]["title"] == "公开目录"
    assert items["1.2"]["title"] == "公开行政处罚决定"
    assert items["1.2"]["units"] == ["法规科"]
    assert items["1.2"]["deadlines"] == ["作出决定后7个工作日内"]
    assert items["2.3"]["units"] == ["办公室", "信息中心"]


# -- .docx, made here with python-docx: paragraphs, then a table with merged cells -----------
def _docx(path, with_text: bool = True) -> None:
    document = docx.Document()
    if with_text:
        for line in [
            "北川县人民政府办公室关于印发2025年北川县政务公开工作要点的通知",
            "北政办发〔2025〕3号",
            "各乡镇人民政府，县级各部门：",
            "现将《2025年北川县政务公开工作要点》印发给你们，请认真贯彻执行。",
            "北川县人民政府办公室",
            "2025年2月20日",
            "2025年北川县政务公开工作要点",
            "一、持续深化重点领域信息公开",
            "（一）推进乡村振兴信息公开。及时公开衔接资金项目安排和使用情况，项目公示时间不少于10天。",
            "（二）推进生态环境信息公开。按月公开空气质量和水环境质量状况。",
            "二、提升政务公开平台效能",
            "（一）加强政府网站建设。政府网站首页信息每日更新。",
            "（二）用好政务新媒体。政务新媒体发布信息须经审核，杜绝错漏。",
            "附件：2025年北川县政务公开任务分解表",
        ]:
            document.add_paragraph(line)
    table = document.add_table(rows=1, cols=6)
    for cell, head in zip(table.rows[0].cells, ["类别", "序号", "工作任务", "完成时限", "牵头单位", "配合单位"],
                          strict=True):
        cell.text = head
    rows = [
        ["一、持续深化重点领域信息公开", "1", "推进乡村振兴信息公开", "2025年12月底前", "县农业农村局", "各乡镇人民政府"],
        ["", "2", "推进生态环境信息公开", "每月", "县生态环境局", ""],
        ["二、提升政务公开平台效能", "3", "加强政府网站建设", "长期坚持", "县政府办公室", "县级各部门"],
        ["", "4", "用好政务新媒体", "长期坚持", "县委网信办、县政府办公室", ""],
    ]
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    for top in (1, 3):  # the category cell spans two rows
        merged = table.cell(top, 0).merge(table.cell(top + 1, 0))
        merged.text = rows[top - 1][0]
    document.save(path)


def test_docx_with_a_merged_task_table(tmp_path):
    path = tmp_path / "points.docx"
    _docx(path)
    doc, text = build(path)
    checked(tmp_path, text)
    assert doc["title"] == "2025年北川县政务公开工作要点"
    assert doc["doc_number"] == "北政办发〔2025〕3号"
    assert doc["date"] == dt.date(2025, 2, 20)
    items = nodes(doc)
    assert counts(doc) == (2, 4, 0, 4)
    assert items["1.1"]["units"] == ["县农业农村局", "各乡镇人民政府"]
    assert items["1.1"]["targets"] == ["不少于10天"]
    assert items["1.2"]["requirements"][0]["deadlines"] == ["每月"]
    assert items["2.2"]["units"] == ["县委网信办", "县政府办公室"]


def test_docx_table_only(tmp_path):
    path = tmp_path / "table.docx"
    _docx(path, with_text=False)
    doc, text = build(path)
    checked(tmp_path, text)
    items = nodes(doc)
    assert list(items) == ["1", "1.1", "1.2", "2", "2.3", "2.4"]
    assert items["2"]["title"] == "提升政务公开平台效能"
    assert items["2.4"]["units"] == ["县委网信办", "县政府办公室"]
    assert items["1.1"]["deadlines"] == ["2025年12月底前"]


# -- a task table flattened to one cell a line, and the same with its line breaks lost -------
CITY = FIXTURES / "city_2024_table.txt"
CITY_UNITS = {
    "1.1": ["市司法局", "市政府各部门"],
    "1.2": ["市政府各部门", "各县(市、区)人民政府", "市融媒体中心"],
    "2.1": ["市财政局"],
    "2.2": ["市发展改革委", "市自然资源和规划局"],  # 推进重大项目审批和建设信息公开 in the table
    "2.3": ["市人力资源社会保障局", "市医保局"],
    "3.1": ["市政府办公室", "各县(市、区)人民政府"],
    "3.2": ["市委网信办", "市政府办公室"],
}


def _city_variant(tmp_path, how: str):
    lines = CITY.read_text("utf-8").split("\n")
    start = lines.index("2024年南岭市政务公开工作要点")
    if how == "lines":
        return CITY
    if how == "body-one-line":
        text = "\n".join(lines[:start]) + "\n" + "".join(line.strip() for line in lines[start:])
    elif how == "all-one-line":
        text = "".join(line.strip() for line in lines)
    else:  # joined with spaces
        text = " ".join(line.strip() for line in lines if line.strip())
    path = tmp_path / f"city_{how}.txt"
    path.write_text(text + "\n", "utf-8")
    return path


@pytest.mark.parametrize("how", ["lines", "body-one-line", "all-one-line", "spaces"])
def test_flattened_task_table_in_every_line_shape(tmp_path, how):
    doc, text = build(_city_variant(tmp_path, how))
    checked(tmp_path, text)
    assert doc["title"] == "2024年南岭市政务公开工作要点"
    assert doc["issuer"] == "南岭市人民政府办公室"
    assert doc["doc_number"] == "南政办字〔2024〕9号"
    assert doc["date"] == dt.date(2024, 4, 12)
    assert doc["preamble"].startswith("2024年全市政务公开工作要坚持")
    items = nodes(doc)
    assert counts(doc) == (3, 7, 0, 7)
    for item_id, units in CITY_UNITS.items():
        assert items[item_id]["units"] == units, item_id
    assert len(items["1.2"]["requirements"]) == 2
    assert items["3.1"]["targets"] == ["至少更新1次"]
    assert "扫一扫" not in text and "索引号" not in text


# -- the seeds with their line breaks lost, in full-width punctuation, in other encodings -----
def _seed_variant(tmp_path, key: str, how: str):
    path = SEEDS[key][1]
    raw = path.read_text("utf-8")
    lines = raw.split("\n")
    if how == "all-one-line":
        data = "".join(line.strip() for line in lines).encode()
    elif how == "body-one-line":
        start = next(i for i, line in enumerate(lines) if line.strip().endswith(("工作要點", "工作要点", "实施方案"))
                     and "通知" not in line and "附件" not in line)
        data = ("\n".join(lines[:start]) + "\n" + "".join(line.strip() for line in lines[start:])).encode()
    elif how == "fullwidth":
        data = raw.translate(str.maketrans("(),:;", "（），：；")).encode()
    elif how == "utf16":
        data = raw.encode("utf-16")
    elif how == "utf8-bom":
        data = b"\xef\xbb\xbf" + raw.encode()
    elif how == "gb18030-crlf-indent":
        data = "\r\n".join("\u3000\u3000" + line for line in lines).encode("gb18030")
    out = tmp_path / f"{key}_{how}.txt"
    out.write_bytes(data)
    return out


VARIANTS = ["all-one-line", "body-one-line", "fullwidth", "utf16", "utf8-bom", "gb18030-crlf-indent"]


@pytest.mark.parametrize("key", sorted(SEEDS))
@pytest.mark.parametrize("how", VARIANTS)
def test_seed_variants_keep_structure_and_metadata(tmp_path, seed_builds, key, how):
    original = seed_builds[key][0]
    doc, text = build(_seed_variant(tmp_path, key, how))
    checked(tmp_path, text)
    assert counts(doc) == counts(original)
    for field in ("title", "issuer", "year", "doc_number", "date"):
        assert doc.get(field) == original.get(field), field
    fold = str.maketrans("（），：；", "(),:;")
    for node_id, node in nodes(original).items():
        if node.get("unnumbered"):
            continue
        got = nodes(doc)[node_id]
        if how.endswith("one-line"):
            # a heading glued to the paragraph after it cannot be told apart from it
            assert squeeze(got["title"]).startswith(squeeze(node["title"]).rstrip("…")), node_id
        else:
            assert squeeze(got["title"]) == squeeze(node["title"]), node_id
        assert [u.translate(fold) for u in got.get("units", [])] == node.get("units", []), node_id


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_with_lost_line_breaks_loses_no_text(tmp_path, seed_builds, key):
    doc, _ = build(_seed_variant(tmp_path, key, "all-one-line"))
    original = all_text(seed_builds[key][0])
    everything = all_text(doc)
    for node in nodes(seed_builds[key][0]).values():
        assert squeeze(node.get("text", "")) in everything or squeeze(node.get("text", "")) in original


def test_summary_line(tmp_path):
    result = build_checklist(SEEDS["000"][1], checklist_id="x", convert=None)
    assert result.summary() == (
        "6 个部分，30 个条目，14 个子条目，41 个评估项，总分 100（另有 1 个无编号段落也作为评估项计分）"
    )
    result = build_checklist(SEEDS["002"][1], checklist_id="x", convert=None)
    assert result.summary() == "4 个部分，11 个条目，22 个子条目，25 个评估项，总分 100"


# -- small shapes ------------------------------------------------------------------------------
def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_more_than_100_leaves_get_two_decimals_summing_to_100(tmp_path):
    from decimal import Decimal

    lines = ["2023年某局政务公开工作要点", "一、公开任务"]
    lines += [f"{k}.第{k}项公开任务。按月公开相关信息。" for k in range(1, 131)]
    doc, text = build(_write(tmp_path, "many.txt", "\n".join(lines)))
    checked(tmp_path, text)
    points = [leaf["points"] for leaf in leaves(doc)]
    assert len(points) == 130
    assert sum(Decimal(str(p)) for p in points) == Decimal(100)
    assert set(points) == {0.77, 0.76}
    assert points[:100] == [0.77] * 100  # 10000 = 130 × 76 + 120: the first 120 get a cent more


def test_a_flat_list_stays_numbered_items_in_one_section(tmp_path):
    doc, text = build(_write(tmp_path, "flat.txt", (
        "2020年某局政务公开工作要点\n\n（一）推进财政信息公开。全面公开部门预决算。（市财政局负责）\n"
        "（二）推进重大项目公开。按季度公开项目进展。\n（三）加强政策解读。解读率达到100%。\n"
    )))
    checked(tmp_path, text)
    items = nodes(doc)
    assert list(items) == ["1", "1.1", "1.2", "1.3"]
    assert items["1"]["title"] == "2020年某局政务公开工作要点"
    assert items["1.1"]["units"] == ["市财政局"]
    assert "原文没有分部分" in text


def test_a_single_section_above_a_longer_run_of_items(tmp_path):
    doc, text = build(_write(tmp_path, "one.txt", (
        "2022年某区政务公开工作要点\n一、加强政策公开\n（一）公开政策文件。及时公开。\n"
        "（二）做好政策解读。\n附件：任务分解表\n序号\t工作任务\t责任单位\t完成时限\n"
        "1\t公开政策文件\t区司法局\t6月底前\n2\t做好政策解读\t区政府办公室、区融媒体中心\t长期\n"
    )))
    checked(tmp_path, text)
    items = nodes(doc)
    assert list(items) == ["1", "1.1", "1.2"]
    assert items["1.2"]["units"] == ["区政府办公室", "区融媒体中心"]  # from a tab-separated table
    assert items["1.1"]["requirements"][0]["deadlines"] == ["6月底前"]


def test_a_repeated_section_heading_is_one_section(tmp_path):
    doc, text = build(_write(tmp_path, "dup.txt", (
        "2022年某区政务公开工作要点\n一、加强政策公开\n（一）公开政策文件。及时公开。\n"
        "一、加强政策公开\n（二）做好政策解读。\n二、强化平台建设\n（一）办好政府网站。\n"
    )))
    checked(tmp_path, text)
    assert list(nodes(doc)) == ["1", "1.1", "1.2", "2", "2.1"]


def test_a_text_table_only_document_with_columns_in_another_order(tmp_path):
    doc, text = build(_write(tmp_path, "list.txt", (
        "2022年某区政务公开重点任务清单\n\n序号\n责任单位\n重点任务\n具体措施\n完成时限\n"
        "1\n区政府办公室\n编制主动公开基本目录\n梳理本单位主动公开事项，形成目录并在网站公开。\n6月底前\n"
        "2\n区司法局、区市场监管局\n公开行政执法信息\n在作出决定后7个工作日内公开行政处罚决定。\n长期坚持\n"
        "3\n各街道办事处\n推进基层政务公开\n完善基层政务公开事项标准目录。\n12月底前\n"
    )))
    checked(tmp_path, text)
    items = nodes(doc)
    assert doc["title"] == "2022年某区政务公开重点任务清单"
    assert list(items) == ["1", "1.1", "1.2", "1.3"]
    assert items["1.2"]["title"] == "公开行政执法信息"
    assert items["1.2"]["units"] == ["区司法局", "区市场监管局"]
    assert items["1.2"]["deadlines"] == ["7个工作日内", "长期坚持"]
    assert items["1.3"]["text"] == "完善基层政务公开事项标准目录。"


def test_utf8_with_a_stray_byte_is_still_utf8(tmp_path):
    data = SEEDS["004"][1].read_bytes()
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:5000] + b"\xff" + data[5000:])
    doc, _ = build(path)
    assert doc["title"] == "2019年政務公開工作要點"
    assert counts(doc) == (5, 18, 0, 18)


def test_a_large_document_with_a_large_table(tmp_path):
    """300 items and a 300-row table (one cell a line): every row finds its item."""
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
    lines = ["2024年测试省政务公开工作要点", ""]
    table = ["附件：任务分解表", "工作任务", "具体要求", "责任单位"]
    for s in range(1, 16):
        lines.append(f"{numerals[s - 1]}、第{s}部分重点工作")
        for i in range(1, 21):
            title = f"推进第{s}部分第{i}项公开工作"
            lines.append(f"（{numerals[(i - 1) % 15]}）{title}。按季度公开。" if i <= 15 else f"{i}.{title}。")
            table += [title, f"完成第{s}部分第{i}项要求。", f"省第{s}厅、省第{i}局"]
    doc, text = build(_write(tmp_path, "big.txt", "\n".join(lines + table)))
    checked(tmp_path, text)
    items = nodes(doc)
    assert items["7.3"]["units"] == ["省第7厅", "省第3局"]
    assert items["15.15"]["requirements"] == [{"text": "完成第15部分第15项要求。", "units": ["省第15厅", "省第15局"]}]


# -- seed 003 as a web page and as a Word file: the attached table as a real merged table ----
def test_seed_003_as_html_with_a_merged_table(tmp_path, seed_builds):
    body, rows = seed_003_rows()
    assert len(rows) == 35
    html = ["<html><head><meta charset='utf-8'></head><body>"]
    html += [f"<p>{line}</p>" for line in body]
    html.append("<p>附件：2021年聊城市政务公开重点工作任务分解表</p><table border='1'>")
    html.append("<tr><th colspan='2'>工作任务</th><th>具体要求</th><th>责任单位</th></tr>")
    for r, row in enumerate(rows):
        cells = []
        for column in (0, 1):
            if r == 0 or rows[r - 1][: column + 1] != row[: column + 1]:
                cells.append(f"<td rowspan='{spans(rows, column, r)}'>{row[column]}</td>")
        cells += [f"<td>{row[2]}</td>", f"<td>{row[3]}</td>"]
        html.append("<tr>" + "".join(cells) + "</tr>")
    html.append("</table></body></html>")
    path = tmp_path / "liaocheng.html"
    path.write_text("\n".join(html), "utf-8")
    doc, text = build(path)
    checked(tmp_path, text)
    expected = nodes(seed_builds["003"][0])
    got = nodes(doc)
    assert counts(doc) == counts(seed_builds["003"][0])
    for node_id, node in expected.items():
        assert got[node_id].get("units") == node.get("units"), node_id
        assert len(got[node_id].get("requirements", [])) == len(node.get("requirements", [])), node_id


def test_seed_003_as_docx_with_a_merged_table(tmp_path, seed_builds):
    body, rows = seed_003_rows()
    document = docx.Document()
    for line in body:
        document.add_paragraph(line)
    document.add_paragraph("附件：2021年聊城市政务公开重点工作任务分解表")
    table = document.add_table(rows=1 + len(rows), cols=4)
    header = table.rows[0].cells
    header[0].merge(header[1]).text = "工作任务"
    header[2].text, header[3].text = "具体要求", "责任单位"
    for r, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            table.cell(r, column).text = value
    for column in (0, 1):  # merge runs of equal category / task cells, text kept once
        r = 0
        while r < len(rows):
            span = spans(rows, column, r)
            if span > 1:
                merged = table.cell(r + 1, column).merge(table.cell(r + span, column))
                merged.text = rows[r][column]
            r += span
    path = tmp_path / "liaocheng.docx"
    document.save(path)
    doc, text = build(path)
    checked(tmp_path, text)
    expected = nodes(seed_builds["003"][0])
    got = nodes(doc)
    for node_id, node in expected.items():
        assert got[node_id].get("units") == node.get("units"), node_id


@pytest.mark.parametrize("key", sorted(SEEDS))
@pytest.mark.parametrize("kind", ["html", "docx"])
def test_seeds_as_web_pages_and_word_files(tmp_path, seed_builds, key, kind):
    """Each line of a seed as a <p> (HTML-escaped) or a Word paragraph: same checklist."""
    import html as html_module

    lines = SEEDS[key][1].read_text("utf-8").split("\n")
    if kind == "html":
        path = tmp_path / "seed.html"
        page = "".join(f"<p>{html_module.escape(line)}</p>\n" for line in lines)
        path.write_text(f"<!DOCTYPE html><html><body>\n{page}</body></html>", "utf-8")
    else:
        path = tmp_path / "seed.docx"
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(path)
    doc, text = build(path)
    checked(tmp_path, text)
    original = seed_builds[key][0]
    assert counts(doc) == counts(original)
    for field in ("title", "issuer", "year", "doc_number", "date", "preamble"):
        assert doc.get(field) == original.get(field), field
    for node_id, node in nodes(original).items():
        got = nodes(doc)[node_id]
        for field in ("title", "text", "units", "deadlines", "targets"):
            assert got.get(field) == node.get(field), (node_id, field)


def test_a_table_row_that_matches_no_item_is_kept_and_flagged(tmp_path):
    doc, text = build(_write(tmp_path, "odd_row.txt", (
        "2022年某区政务公开工作要点\n一、加强政策公开\n（一）公开政策文件。及时公开。\n"
        "（二）做好政策解读。\n附件：任务分解表\n工作任务\n具体要求\n责任单位\n"
        "公开政策文件\n及时公开。\n区司法局\n"
        "完全无关的事项\n甲乙丙丁。\n区档案馆\n"
    )))
    checked(tmp_path, text)
    items = nodes(doc)
    assert list(items) == ["1", "1.1", "1.2"]  # never a new item from the table
    assert items["1.1"]["units"] == ["区司法局", "区档案馆"]
    assert [r["text"] for r in items["1.1"]["requirements"]] == ["及时公开。", "甲乙丙丁。"]
    assert "任务分解表中有对应不上的行" in text


def test_table_only_one_cell_a_line_with_category_rows(tmp_path):
    doc, text = build(_write(tmp_path, "tflat.txt", (
        "附件\n某市2023年政务公开重点任务分解表\n序号\n重点任务\n具体内容\n牵头单位\n配合单位\n完成时限\n"
        "一、深化政策公开\n1\n推进政策集中公开\n在门户网站设置政策文件库。\n市司法局\n市政府各部门\n6月底前\n"
        "2\n强化政策解读\n重要政策解读率100%。\n市政府办公室\n市融媒体中心\n长期坚持\n"
        "二、优化公开平台\n3\n规范政务新媒体\n开展政务新媒体季度检查。\n市委网信办\n市政府办公室\n每季度\n"
    )))
    checked(tmp_path, text)
    items = nodes(doc)
    assert list(items) == ["1", "1.1", "1.2", "2", "2.3"]
    assert items["2"]["title"] == "优化公开平台"
    assert items["1.2"]["units"] == ["市政府办公室", "市融媒体中心"]
    assert items["1.2"]["targets"] == ["100%"]
    assert items["2.3"]["deadlines"] == ["每季度"]


# -- text hard-wrapped at a fixed width (copied from a PDF), paragraphs indented -------------
def _hard_wrap(text: str, columns: int) -> list[str]:
    from zwgk_tui.workpoints.unwrap import width

    lines, current = [], ""
    for char in text:
        if width(current + char) > columns:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current else lines


@pytest.mark.parametrize("key", sorted(SEEDS))
@pytest.mark.parametrize("columns", [60, 72])
def test_hard_wrapped_copies_are_joined_back(tmp_path, seed_builds, key, columns):
    wrapped: list[str] = []
    for line in SEEDS[key][1].read_text("utf-8").split("\n"):
        if line.strip():
            pieces = _hard_wrap(line.strip(), columns)
            wrapped += ["\u3000\u3000" + pieces[0], *pieces[1:]] if len(pieces) > 1 else pieces
    path = _write(tmp_path, "wrapped.txt", "\n".join(wrapped))
    doc, text = build(path)
    checked(tmp_path, text)
    original = seed_builds[key][0]
    assert counts(doc) == counts(original)
    for field in ("title", "issuer", "year", "doc_number", "date"):
        assert doc.get(field) == original.get(field), field
    for node_id, node in nodes(original).items():
        got = nodes(doc)[node_id]
        assert got["title"] == node["title"], node_id
        assert squeeze(got.get("text", "")) == squeeze(node.get("text", "")), node_id
        assert got.get("units") == node.get("units"), node_id
