"""政府信息公开工作年度报告 as towns publish them: Word files with the national tables (merged cells and
all), in the 2021 layout (国办公开办函〔2021〕30号) and the 2019 one (国办公开办函〔2019〕60号), and the same
report pasted as text."""
from __future__ import annotations

from pathlib import Path

import docx

APPLICANT_HEADS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
NOT_DISCLOSED = ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                 "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")
CANNOT = ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")
NOT_HANDLED = ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")
OTHER_2021 = ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")
ZERO = ["0"] * 7


def table3_rows(layout: str, received: list[str], total: list[str], cannot: list[str]) -> list[tuple[str, str, str, list[str]]]:
    """(一级, 二级, 三级 label, 7 values) for every data row of 表三."""
    rows = [("一、本年新收政府信息公开申请数量", "", "", received), ("二、上年结转政府信息公开申请数量", "", "", ZERO),
            ("三、本年度办理结果", "（一）予以公开", "", ["2", "0", "0", "0", "0", "0", "2"]),
            ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", ZERO)]
    rows += [("三、本年度办理结果", "（三）不予公开", sub, ZERO) for sub in NOT_DISCLOSED]
    rows += [("三、本年度办理结果", "（四）无法提供", sub, cannot if sub.startswith("1.") else ZERO) for sub in CANNOT]
    rows += [("三、本年度办理结果", "（五）不予处理", sub, ZERO) for sub in NOT_HANDLED]
    if layout == "2021":
        rows += [("三、本年度办理结果", "（六）其他处理", sub, ZERO) for sub in OTHER_2021]
    else:
        rows += [("三、本年度办理结果", "（六）其他处理", "", ZERO)]
    rows += [("三、本年度办理结果", "（七）总计", "", total), ("四、结转下年度继续办理", "", "", ZERO)]
    return rows


def table2_rows(layout: str, rules: str) -> list[list[str]]:
    """Rows of 表二 as printed; a row with fewer cells than 4 spans its last cell to the end."""
    if layout == "2021":
        return [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", rules, "0", "0"],
                ["行政规范性文件", "1", "0", "2"], ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", "0"],
                ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", "1"], ["行政强制", "0"],
                ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "0"]]
    return [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", rules, rules, rules],
            ["规范性文件", "1", "1", "2"], ["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政许可", "3", "-1", "5"], ["其他对外管理服务事项", "0", "0", "0"], ["第二十条第（六）项"],
            ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], ["行政处罚", "2", "0", "1"], ["行政强制", "0", "0", "0"],
            ["第二十条第（八）项"], ["信息内容", "上一年项目数量", "本年增/减"], ["行政事业性收费", "0", "0"],
            ["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"], ["政府集中采购", "2", "35.6"]]


TABLE4_VALUES = ["1", "0", "0", "0", "1"] + ["0"] * 10
PROSE = {
    "一、总体情况": "本年度主动公开信息46条。监督保障方面，政务公开纳入年度考核，未收到社会评议负面意见，未发生责任追究。",
    "五、存在的主要问题及改进情况": "上年度所列问题已整改。本年存在的问题是栏目更新不及时。",
    "六、其他需要报告的事项": "本机关未收取信息处理费。",
}
HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


def report_docx(path: Path, layout: str = "2021", year: int = 2023, rules: str = "0", total: list[str] | None = None,
                cannot: list[str] | None = None) -> Path:
    document = docx.Document()
    document.add_paragraph(f"纸坊镇人民政府{year}年政府信息公开工作年度报告")
    document.add_paragraph(f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    for heading in HEADINGS:
        document.add_paragraph(heading)
        if heading in PROSE:
            document.add_paragraph(PROSE[heading])
        elif heading.startswith("二"):
            _table2(document, table2_rows(layout, rules))
        elif heading.startswith("三"):
            _table3(document, table3_rows(layout, ["3"] + ["0"] * 5 + ["3"], total or ["3"] + ["0"] * 5 + ["3"],
                                          cannot or ["1"] + ["0"] * 5 + ["1"]))
        else:
            _table4(document)
    document.add_paragraph("纸坊镇人民政府")
    document.add_paragraph(f"{year + 1}年1月20日")
    document.save(str(path))
    return path


def _table2(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=4)
    for cells, row in zip(rows, table.rows):
        for index, text in enumerate(cells):
            row.cells[index].text = text
        if len(cells) < 4:
            row.cells[len(cells) - 1].merge(row.cells[3])
            row.cells[len(cells) - 1].text = cells[-1]


def _table3(document, rows) -> None:
    table = document.add_table(rows=3 + len(rows), cols=10)
    heads = table.rows
    heads[0].cells[0].merge(heads[2].cells[2]).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    heads[0].cells[3].merge(heads[0].cells[9]).text = "申请人情况"
    heads[1].cells[3].text = "自然人"
    heads[1].cells[4].merge(heads[1].cells[8]).text = "法人或其他组织"
    heads[1].cells[9].text = "总计"
    for index, name in enumerate(APPLICANT_HEADS[1:6]):
        heads[2].cells[4 + index].text = name
    for (first, second, third, values), row in zip(rows, table.rows[3:]):
        if not second:
            row.cells[0].merge(row.cells[2]).text = first
        elif not third:
            row.cells[0].text = first
            row.cells[1].merge(row.cells[2]).text = second
        else:
            row.cells[0].text, row.cells[1].text, row.cells[2].text = first, second, third
        for index, value in enumerate(values):
            row.cells[3 + index].text = value


def _table4(document) -> None:
    table = document.add_table(rows=4, cols=15)
    table.rows[0].cells[0].merge(table.rows[1].cells[4]).text = "行政复议"
    table.rows[0].cells[5].merge(table.rows[0].cells[14]).text = "行政诉讼"
    table.rows[1].cells[5].merge(table.rows[1].cells[9]).text = "未经复议直接起诉"
    table.rows[1].cells[10].merge(table.rows[1].cells[14]).text = "复议后起诉"
    for index in range(15):
        table.rows[2].cells[index].text = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")[index % 5]
        table.rows[3].cells[index].text = TABLE4_VALUES[index]


def report_text(layout: str = "2021", year: int = 2023) -> str:
    """The same report pasted as text: one line per table row, cells separated by tabs."""
    lines = [f"纸坊镇人民政府{year}年政府信息公开工作年度报告", f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"]
    for heading in HEADINGS:
        lines.append(heading)
        if heading in PROSE:
            lines.append(PROSE[heading])
        elif heading.startswith("二"):
            lines += ["\t".join(row) for row in table2_rows(layout, "0")]
        elif heading.startswith("三"):
            lines.append("\t".join(APPLICANT_HEADS))
            group = ""
            for first, second, third, values in table3_rows(layout, ["3"] + ["0"] * 5 + ["3"], ["3"] + ["0"] * 5 + ["3"],
                                                            ["1"] + ["0"] * 5 + ["1"]):
                label = (f"{second}\t{third}" if second != group else third) if third else (second or first)
                group = second
                lines.append("\t".join([label, *values]))
        else:
            lines += ["行政复议\t行政诉讼", "\t".join(TABLE4_VALUES)]
    lines += ["纸坊镇人民政府", f"{year + 1}年1月20日"]
    return "\n".join(lines) + "\n"
