"""The unseen .docx documents of test_wp_unseen, made here with python-docx (so the tests
hold no binary files): u05 a department's table-only task list, u06 a city's points whose
units are only in the attached 任务分解表, u07 a county's table-only 任务分解表 with three
printed levels."""

from __future__ import annotations

import docx


def merge_runs(table, column: int, values: list[str]) -> None:
    r = 0
    while r < len(values):
        k = r
        while k + 1 < len(values) and values[k + 1] == values[r]:
            k += 1
        if k > r:
            table.cell(1 + r, column).merge(table.cell(1 + k, column)).text = values[r]
        r = k + 1


U06_ROWS = [
    ("1", "加强疫情防控信息公开", "每日发布疫情防控信息，做好疫情数据统计和发布工作。", "市卫生健康委", "持续推进"),
    ("2", "加强疫情防控信息公开", "及时发布复工复产、复商复市相关政策措施。", "市发展改革委、市商务局", "持续推进"),
    ("3", "加强“六稳”“六保”政策公开", "设置惠企政策专栏，集中公开减税降费、稳岗就业等政策。", "市财政局、市税务局",
     "2020年7月底前"),
    ("4", "加强“六稳”“六保”政策公开", "开展政策宣讲进企业活动，不少于10场。", "市工业和信息化局", "2020年12月底前"),
    ("5", "加强“六稳”“六保”政策公开", "公开稳就业政策和就业岗位信息。", "市人力资源社会保障局", "持续推进"),
    ("6", "推进政府规章和规范性文件集中公开", "在政府门户网站集中公开现行有效的规范性文件，并动态更新。", "市司法局",
     "2020年11月底前"),
    ("7", "提升政务公开标准化规范化水平", "完成26个试点领域基层政务公开标准目录编制。", "市政府办公室", "2020年12月底前"),
    ("8", "提升政务公开标准化规范化水平", "各区完成政务公开专区建设。", "各区人民政府", "2020年9月底前"),
]
U06_LINES = [
    "银川湖市人民政府办公室关于印发2020年银川湖市政务公开工作要点的通知",
    "银湖政办发〔2020〕17号",
    "各区人民政府，市政府各部门：",
    "经市政府同意，现将《2020年银川湖市政务公开工作要点》印发给你们，请认真贯彻执行。",
    "银川湖市人民政府办公室",
    "2020年6月5日",
    "2020年银川湖市政务公开工作要点",
    "2020年是全面建成小康社会和“十三五”规划收官之年。全市政务公开工作要围绕市委、市政府中心工作，"
    "着力加强疫情防控和经济社会发展信息公开。",
    "一、围绕做好“六稳”“六保”工作加强信息公开",
    "（一）加强疫情防控信息公开",
    "及时准确发布疫情信息，做好防控政策解读。",
    "（二）加强“六稳”“六保”政策公开",
    "集中公开惠企政策，推动政策直达市场主体。",
    "二、持续加强政府信息管理",
    "（三）推进政府规章和规范性文件集中公开",
    "在政府门户网站集中公开现行有效的规范性文件。",
    "（四）提升政务公开标准化规范化水平",
    "全面完成基层政务公开标准目录编制工作。",
    "附件：2020年银川湖市政务公开工作任务分解表",
]


def make_u06(path) -> None:
    document = docx.Document()
    for line in U06_LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(U06_ROWS), cols=5)
    for cell, head in zip(table.rows[0].cells, ["序号", "工作任务", "具体措施", "责任单位", "完成时限"], strict=True):
        cell.text = head
    for r, row in enumerate(U06_ROWS, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merge_runs(table, 1, [row[1] for row in U06_ROWS])
    document.save(path)



def make_u05(path) -> None:
    document = docx.Document()
    for line in ["石门区市场监督管理局", "2022年政务公开重点工作任务清单",
                 "为贯彻落实区政府办公室《2022年石门区政务公开工作要点》，结合我局实际，制定本任务清单。"]:
        document.add_paragraph(line)
    rows = [
        ("一、深化执法信息公开",),
        ("1", "公开行政处罚信息", "行政处罚决定在作出之日起7个工作日内在局门户网站公开，公开率100%。",
         "法规科", "各市场监管所", "长期坚持"),
        ("2", "推进“双随机、一公开”", "抽查计划、抽查结果通过国家企业信用信息公示系统公示。",
         "信用监管科", "各业务科室", "每季度"),
        ("二、加强重点领域信息公开",),
        ("3", "公开食品安全抽检信息", "按月发布食品安全监督抽检信息，全年不少于12期。", "食品安全抽检科", "", "每月"),
        ("4", "公开特种设备安全信息", "公开特种设备安全状况，发布年度特种设备安全状况报告。",
         "特种设备安全监察科", "办公室", "2022年3月底前"),
        ("5", "做好政策解读", "局发布的规范性文件全部进行解读，解读率100%。", "办公室", "各业务科室",
         "文件公开后3个工作日内"),
        ("三、强化公开保障",),
        ("6", "更新政府信息公开指南", "及时更新政府信息公开指南和主动公开目录。", "办公室", "", "2022年6月底前"),
    ]
    table = document.add_table(rows=1, cols=6)
    for cell, head in zip(table.rows[0].cells, ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
                          strict=True):
        cell.text = head
    for row in rows:
        cells = table.add_row().cells
        if len(row) == 1:
            cells[0].merge(cells[5]).text = row[0]
        else:
            for cell, value in zip(cells, row, strict=True):
                cell.text = value
    document.add_paragraph("石门区市场监督管理局办公室　2022年3月1日印发")
    document.save(path)



U07 = [
    ("一、聚焦优化营商环境", [
        ("（一）公开惠企政策", ["集中公开惠企政策，编制政策清单。", "开展惠企政策精准推送。"]),
        ("（二）公开涉企收费", ["公开涉企收费目录清单。"]),
        ("（三）公开市场监管规则", ["公开双随机抽查事项清单。", "公开行政处罚裁量基准。"]),
    ]),
    ("二、聚焦保障改善民生", [
        ("（四）公开社会救助信息", ["按季度公开低保、特困人员救助情况。"]),
        ("（五）公开教育信息", ["公开义务教育招生政策。", "公开学校收费项目和标准。"]),
        ("（六）公开医疗卫生信息", ["公开医疗机构服务价格。"]),
        ("（七）公开就业信息", ["按月发布就业岗位信息。", "公开职业技能培训补贴政策。", "公开创业担保贷款政策。"]),
    ]),
    ("三、聚焦平台建设", [("（八）办好政府网站", ["开展网站季度自查，合格率100%。"])]),
]
U07_UNITS = ["县发展改革局", "县财政局", "县市场监管局", "县民政局", "县教育体育局", "县卫生健康局",
             "县人力资源社会保障局", "县政府办公室"]


def make_u07(path) -> None:
    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph("2023年长宁县政务公开重点任务分解表")
    rows = []
    for category, tasks in U07:
        for task, measures in tasks:
            for measure in measures:
                n = len(rows) + 1
                rows.append((category, task, str(n), measure, U07_UNITS[(n - 1) % 8], "2023年12月底前"))
    table = document.add_table(rows=1 + len(rows), cols=6)
    for cell, head in zip(table.rows[0].cells, ["类别", "重点任务", "序号", "具体措施", "责任单位", "完成时限"],
                          strict=True):
        cell.text = head
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merge_runs(table, 0, [row[0] for row in rows])
    merge_runs(table, 1, [row[1] for row in rows])
    document.save(path)
