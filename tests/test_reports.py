"""Annual reports: every identity of the national tables with a failing example, structure, timing, figures."""
import datetime as dt

import pytest

from generator.checks.warnings import warnings
from generator.config import load_config
from generator.errors import ContentError
from generator.pipeline import load_site
from conftest import SEED
from report_texts import gongkai_report

PATH = "content/reports/2023-gk.md"
TODAY = dt.date(2024, 6, 1)


def errors(project, text: str, extra: dict | None = None, path: str = PATH) -> list[str]:
    root = project({path: text, **(extra or {})})
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), TODAY)
    return [str(p) for p in caught.value.problems]


def report_warnings(project, files: dict, today=TODAY) -> list[str]:
    site = load_site(load_config(project(files)), today)
    return [str(w) for w in warnings(site) if w.source.path.startswith(("content/reports/", "content/fazhi/"))]


def test_a_consistent_report_passes(project):
    site = load_site(load_config(project({PATH: gongkai_report()})), TODAY)
    assert site.reports[0].table3["总计"].values[6] == 3


def test_identity_1_received_plus_carried_in_equals_handled_plus_carried_out(project):
    text = gongkai_report(carried_out="[1, 0, 0, 0, 0, 0, 1]")
    assert errors(project, text) == [
        f"{PATH}:43: 字段 '表三': 行“结转下年度”列“自然人”应为 0 (本年新收 + 上年结转 − 总计), 实际为 1",
        f"{PATH}:43: 字段 '表三': 行“结转下年度”列“总计”应为 0 (本年新收 + 上年结转 − 总计), 实际为 1",
    ]


def test_identity_2_total_is_the_sum_of_all_outcomes(project):
    text = gongkai_report(disclosed="[3, 0, 0, 0, 0, 0, 3]", received="[4, 0, 0, 0, 0, 0, 4]")
    assert errors(project, text) == [
        f"{PATH}:42: 字段 '表三': 行“总计”列“自然人”应为 4 (（一）至（六）各项之和), 实际为 3",
        f"{PATH}:42: 字段 '表三': 行“总计”列“总计”应为 4 (（一）至（六）各项之和), 实际为 3",
        f"{PATH}:43: 字段 '表三': 行“结转下年度”列“自然人”应为 1 (本年新收 + 上年结转 − 总计), 实际为 0",
        f"{PATH}:43: 字段 '表三': 行“结转下年度”列“总计”应为 1 (本年新收 + 上年结转 − 总计), 实际为 0",
    ]


def test_identity_3_row_total_is_the_sum_of_the_applicant_columns(project):
    text = gongkai_report(disclosed="[2, 1, 0, 0, 0, 0, 2]")
    found = errors(project, text)
    assert found[0] == f"{PATH}:17: 字段 '表三': 行“予以公开”列“总计”应为 3 (前六列之和), 实际为 2"


def test_identity_4_review_and_litigation_groups_add_up(project):
    assert errors(project, gongkai_report(review="[1, 1, 0, 0, 1]")) == [
        f"{PATH}:45: 字段 '表四': 行“行政复议”列“总计”应为 2 (维持 + 纠正 + 其他 + 尚未审结), 实际为 1"
    ]


def test_a_township_makes_no_regulations(project):
    assert errors(project, gongkai_report(rules="[6, 0, 6]")) == [
        f"{PATH}:8: 字段 '表二': 乡镇不制定规章, “规章”行应全为 0 (规章: [0, 0, 0])"
    ]


@pytest.mark.parametrize(
    "change, expected",
    [
        (("  上年结转: [0, 0, 0, 0, 0, 0, 0]\n", ""), f"{PATH}:14: 字段 '表三': 缺少行“上年结转” (表格每一行都要填写, 没有就填 0)"),
        (("  予以公开: [2, 0, 0, 0, 0, 0, 2]", "  予以公开: [2, 0, 0, 0, 0, 2]"),
         f"{PATH}:17: 字段 '表三': “予以公开”应有 7 个数, 实际 6 个 (按表格列的顺序写 [0, 0, 0, 0, 0, 0, 0])"),
        (("  予以公开: [2, 0, 0, 0, 0, 0, 2]", "  予以公开: [2, 0, 0, 0, x, 0, 2]"),
         f"{PATH}:17: 字段 '表三': 'x' 不是非负整数 (每格填一个非负整数, 没有就填 0)"),
        (("  行政处罚: 12", "  行政处罚: 1.5"), f"{PATH}:11: 字段 '表二': '1.5' 不是非负整数 (每格填一个非负整数, 没有就填 0)"),
        (("  行政处罚: 12", "  行政处罚: -1"), f"{PATH}:11: 字段 '表二': '-1' 不是非负整数 (每格填一个非负整数, 没有就填 0)"),
        (("    重复申请:", "    重复的申请:"),
         f"{PATH}:34: 字段 '表三': 未知的行“重复的申请” (应为 信访举报投诉类申请、重复申请、要求提供公开出版物、无正当理由大量反复申请、要求行政机关确认或重新出具已获取信息)"),
    ],
)
def test_missing_or_malformed_cells(project, change, expected):
    assert errors(project, gongkai_report().replace(*change)) == [expected]


def test_fees_may_have_decimals(project):
    site = load_site(load_config(project({PATH: gongkai_report().replace("行政事业性收费: 0", "行政事业性收费: 1.25")})), TODAY)
    assert str(site.reports[0].table2["行政事业性收费"].values[0]) == "1.25"


def test_tables_belong_only_to_the_gongkai_report(project):
    text = gongkai_report().replace("报告类型: 政府信息公开", "报告类型: 法治政府建设")
    assert errors(project, text, path="content/fazhi/2023.md")[:1] == [
        "content/fazhi/2023.md:7: 字段 '表二': 只有政府信息公开工作年度报告才有表二 (报告类型: 政府信息公开)"]


def test_a_report_type_names_its_column_kind(project):
    text = gongkai_report().replace("报告类型: 政府信息公开", "报告类型: 法治政府建设")
    assert errors(project, text)[:1] == [f"{PATH}:4: 字段 '报告类型': '法治政府建设' 不是可选的值 (应为 政府信息公开)"]


def test_a_gongkai_report_needs_its_tables(project):
    bare = "---\n标题: 年报\n年度: 2023\n报告类型: 政府信息公开\n发布日期: 2024-01-20\n发布机构: 镇\n---\n"
    assert errors(project, bare)[0] == f"{PATH}:1: 字段 '表三': 政府信息公开工作年度报告缺少表三 (按国办公开办函〔2021〕30号的表格逐行填写, 见 README 的完整示例)"


def test_every_fixed_heading_is_required(project):
    text = gongkai_report(headings=("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的问题", "六、其他需要报告的事项"))
    assert errors(project, text) == [f"{PATH}:49: 正文: 缺少标题“五、存在的主要问题及改进情况” (六个固定标题都要写成 ## 五、存在的主要问题及改进情况, 顺序不变)"]


def test_statistics_period_must_be_the_report_year(project):
    text = gongkai_report(body_extra="本报告统计期限自2023年1月1日起至2023年12月30日止。")
    assert errors(project, text) == [
        f"{PATH}:50: 正文: 统计期限“统计期限自2023年1月1日起至2023年12月30日”与年度 2023 不符 (应为 自2023年1月1日起至2023年12月31日止)"
    ]


def test_carried_in_equals_last_years_carried_out(project):
    last = gongkai_report(2022, "2023-01-20", received="[4, 0, 0, 0, 0, 0, 4]", carried_out="[1, 0, 0, 0, 0, 0, 1]")
    this = gongkai_report()
    assert errors(project, this, {"content/reports/2022-gk.md": last}) == [
        f"{PATH}:16: 字段 '表三': 行“上年结转”列“自然人”应为 1 (2022年报告的“结转下年度”), 实际为 0",
        f"{PATH}:16: 字段 '表三': 行“上年结转”列“总计”应为 1 (2022年报告的“结转下年度”), 实际为 0",
    ]


def test_warning_when_current_documents_do_not_chain(project):
    last = gongkai_report(2022, "2023-01-20", normative="[1, 0, 3]")
    assert report_warnings(project, {PATH: gongkai_report(normative="[1, 0, 2]"), "content/reports/2022-gk.md": last}) == [
        f"{PATH}:9: 警告: 字段 '表二': 行“行政规范性文件”列“现行有效件数”按上年 3 + 本年制发 1 − 本年废止 0 应为 4, 实际为 2 (请核对)"
    ]


def test_warning_when_the_prose_contradicts_the_tables(project):
    text = gongkai_report(body_extra="全年共收到政府信息公开申请5件。")
    assert report_warnings(project, {PATH: text}) == [f"{PATH}:50: 警告: 正文: 文中“收到政府信息公开申请5件”与表三“本年新收”总计 3 件不符 (请核对正文和表格)"]


def test_deadlines_of_the_gongkai_report(project):
    assert report_warnings(project, {PATH: gongkai_report(published="2024-02-05")}) == [
        f"{PATH}:5: 警告: 字段 '发布日期': 2023年度报告应在 2024-01-31 前发布, 实际 2024-02-05 (本站设置的期限 (extra.gongkai.report_deadlines), 乡镇的年报期限由当地规定; 如确有原因, 请在报告中说明)"
    ]
    site = load_site(load_config(project({PATH: gongkai_report()})), dt.date(2025, 2, 1))
    assert [str(w) for w in warnings(site) if w.source.path.startswith("content/reports")] == [
        "content/reports:1: 警告: 缺少2024年度政府信息公开工作年度报告, 已过发布期限 2025-01-31 (在 content/reports/ 中新建 (gongkai new 政府信息公开工作年度报告 …); "
        "该年度的报告发布在别处的, 在 mkdocs.yml 的 extra.gongkai.first_year 写本站开始的年份)"
    ]
    assert report_warnings(project, {PATH: gongkai_report()}, dt.date(2025, 1, 31)) == []


def test_a_town_sets_its_own_deadline(project):
    root = project({PATH: gongkai_report(published="2024-02-05")})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + '    report_deadlines: {gongkai: "02-28"}\n',
                                     encoding="utf-8")
    site = load_site(load_config(root), dt.date(2024, 3, 1))
    assert [w for w in warnings(site) if w.field == "发布日期"] == []


FAZHI_HEAD = "---\n标题: 法治政府建设年度报告\n年度: 2023\n发布日期: {published}\n发布机构: 镇\n---\n"


def test_fazhi_report_deadline(project):
    text = FAZHI_HEAD.format(published="2024-04-01") + "## 一、主要举措和成效\n\n## 二、存在的不足和原因\n\n## 三、党政主要负责人履行推进法治建设第一责任人职责情况\n\n## 四、下一年度主要安排\n"
    assert report_warnings(project, {"content/fazhi/2023-fz.md": text, PATH: gongkai_report()}) == [
        "content/fazhi/2023-fz.md:4: 警告: 字段 '发布日期': 2023年度报告应在 2024-03-31 前发布, 实际 2024-04-01 (《法治政府建设与责任落实督察工作规定》第二十四条: 每年4月1日之前; 如确有原因, 请在报告中说明)",
    ]


def test_fazhi_parts_are_found_in_paragraphs_as_well_as_headings(project):
    seed = FAZHI_HEAD.format(published="2024-03-28") + SEED.read_text(encoding="utf-8")
    assert [w for w in report_warnings(project, {"content/fazhi/2023-fz.md": seed, PATH: gongkai_report()}) if "没有找到" in w] == []


def test_a_missing_fazhi_part_is_a_note_for_the_next_report(project):
    text = FAZHI_HEAD.format(published="2024-03-28") + "## 一、党政主要负责人履职情况\n\n全面推进依法行政。\n"
    found = [w for w in report_warnings(project, {"content/fazhi/2023-fz.md": text, PATH: gongkai_report()}) if "没有找到" in w]
    assert found == [
        f"content/fazhi/2023-fz.md:7: 警告: 正文: 没有找到“{part}”的内容 (《法治政府建设与责任落实督察工作规定》第二十四条要求写明) "
        "(已发布的报告不必改动; 请在下一年度的报告中写明这一部分)" for part in ("存在的不足和原因", "下一年度主要安排")]


def test_figure_check_finds_the_two_wrong_rates_of_the_seed_and_nothing_else(project):
    seed = SEED.read_text(encoding="utf-8")
    text = ("---\n标题: 纸坊镇2023年度法治政府建设报告\n年度: 2023\n报告类型: 法治政府建设\n发布日期: 2024-03-28\n发布机构: 镇\n---\n"
            + seed)
    found = [w for w in report_warnings(project, {"content/fazhi/2023-fz.md": text, PATH: gongkai_report()}) if "计算应为" in w]
    assert found == [
        "content/fazhi/2023-fz.md:18: 警告: 正文: “2023年，排查出各类信访案件61件，化解59件，调处率98%”: 按 59 ÷ 61 计算应为 96.7%, 文中写 98% (请核对比率或数字)",
        "content/fazhi/2023-fz.md:18: 警告: 正文: “联动部门参与调解共受理各类矛盾纠纷10件，调解化解7件，调解成功率100%”: 按 7 ÷ 10 计算应为 70.0%, 文中写 100% (请核对比率或数字)",
    ]


@pytest.mark.parametrize("sentence", ["全年共接到电子工单648个，综合办结率100%、满意率98%。", "年度参考率、优秀率均达到100%。",
                                      "受理10件，办结10件，办结率100%。", "共有25人，其中3人新申领，占12%。"])
def test_figure_check_stays_quiet_on_rates_it_cannot_tie_or_that_are_right(sentence):
    from generator.checks.figures import rate_mismatches

    assert rate_mismatches(sentence, 1) == []


def missing(site) -> list[str]:
    return [w.message for w in warnings(site) if w.message.startswith("缺少")]


def test_every_missing_year_of_both_reports_is_warned_about(project):
    files = {PATH: gongkai_report(), "content/reports/2021-gk.md": gongkai_report(2021, "2022-01-20"),
             "content/fazhi/2023-fz.md": FAZHI_HEAD.format(published="2024-03-28") + "正文\n"}
    site = load_site(load_config(project(files)), dt.date(2025, 4, 2))
    assert missing(site) == [
        "缺少2021年度法治政府建设年度报告, 已过发布期限 2022-03-31",
        "缺少2022年度法治政府建设年度报告, 已过发布期限 2023-03-31",
        "缺少2024年度法治政府建设年度报告, 已过发布期限 2025-03-31",
        "缺少2022年度政府信息公开工作年度报告, 已过发布期限 2023-01-31",
        "缺少2024年度政府信息公开工作年度报告, 已过发布期限 2025-01-31",
    ]
    assert "缺少2024年度法治政府建设年度报告, 已过发布期限 2025-03-31" not in missing(load_site(load_config(project(files)), dt.date(2025, 3, 31)))


def test_reports_before_the_sites_first_year_are_not_asked_for(project):
    root = project({PATH: gongkai_report(), "content/fazhi/2023-fz.md": FAZHI_HEAD.format(published="2024-03-28") + "正文\n",
                    "content/notices/old.md": "---\n标题: 旧通知\n类别: 通知\n发布日期: 2019-03-08\n发布机构: 镇\n---\n正文\n"})
    assert len(missing(load_site(load_config(root), dt.date(2024, 4, 2)))) == 8  # 2019-2022, both kinds
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "    first_year: 2023\n", encoding="utf-8")
    assert missing(load_site(load_config(root), dt.date(2024, 4, 2))) == []


def test_the_general_part_must_speak_of_supervision_assessment_review_and_accountability(project):
    text = gongkai_report(general="全年主动公开政府信息46条，政务公开工作纳入年度考核。")
    assert report_warnings(project, {PATH: text}) == [
        f"{PATH}:52: 警告: 正文: “一、总体情况”没有写到监督保障、社会评议、责任追究情况 (条例 第五十条、国办公开办函〔2021〕30号) "
        "(尚未发布的报告请补上; 已发布的不必改动, 请在下一年度的报告中写明)"]


def test_part_five_must_say_how_last_years_problems_were_dealt_with(project):
    text = gongkai_report(improvements="存在的主要问题：栏目更新不够及时。改进措施：明确责任人。")
    assert report_warnings(project, {PATH: text}) == [
        f"{PATH}:62: 警告: 正文: “五、存在的主要问题及改进情况”没有说上一年度报告所列问题的改进情况 "
        "(尚未发布的报告请补上; 已发布的不必改动, 请在下一年度的报告中写明)"]
    assert report_warnings(project, {PATH: gongkai_report(improvements="2022年报告提出的栏目更新问题已解决。")}) == []


FAZHI_2023 = ("---\n标题: 法治政府建设年度报告\n年度: 2023\n发布日期: 2024-03-28\n发布机构: 镇\n---\n"
              "## 一、主要举措和成效\n\n全年下达执法文书35份，立案1起，处罚金1.3万元。\n\n## 二、存在的不足和原因\n\n不足。\n\n"
              "## 三、党政主要负责人履行推进法治建设第一责任人职责情况\n\n履职。\n\n## 四、下一年度主要安排\n\n安排。\n")


def test_the_same_years_two_reports_must_agree_on_penalties(project):
    files = {PATH: gongkai_report(punished=12), "content/fazhi/2023-fz.md": FAZHI_2023}
    assert report_warnings(project, files) == [
        f"{PATH}:11: 警告: 字段 '表二': “行政处罚”本年处理决定数量为 12, 而2023年度法治政府建设年度报告 (content/fazhi/2023-fz.md:9) 写“立案1起” (请核对两份报告的数字)"]
    assert report_warnings(project, {PATH: gongkai_report(punished=1), "content/fazhi/2023-fz.md": FAZHI_2023}) == []


def policy_text(number: str, signed: str, extra: str = "") -> str:
    return (f"---\n标题: 管理办法\n文号: {number}\n发文机关: 纸坊镇人民政府\n成文日期: {signed}\n发布日期: {signed}\n"
            f"有效期至: 2030-12-31\n{extra}---\n正文\n")


def test_table_two_must_agree_with_the_documents_the_site_publishes(project):
    policies = {"content/policies/a.md": policy_text("纸政发〔2022〕1号", "2022-03-01", "废止:\n  日期: 2023-06-01\n  文号: 纸政发〔2023〕2号\n"),
                "content/policies/b.md": policy_text("纸政发〔2023〕2号", "2023-05-10"),
                "content/policies/c.md": policy_text("纸政发〔2024〕1号", "2024-01-10")}
    agrees = report_warnings(project, {PATH: gongkai_report(normative="[1, 1, 1]"), **policies}, dt.date(2024, 3, 1))
    assert [w for w in agrees if "表二" in w] == []
    wrong = report_warnings(project, {PATH: gongkai_report(normative="[1, 0, 2]"), **policies}, dt.date(2024, 3, 1))
    assert [w for w in wrong if "表二" in w] == [
        f"{PATH}:9: 警告: 字段 '表二': 行“行政规范性文件”列“本年废止件数”为 0, 而本站发布的规范性文件按2023年计为 1 (请核对报告, 或补发缺少的规范性文件)",
        f"{PATH}:9: 警告: 字段 '表二': 行“行政规范性文件”列“现行有效件数”为 2, 而本站发布的规范性文件按2023年计为 1 (请核对报告, 或补发缺少的规范性文件)"]
