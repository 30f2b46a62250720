"""A complete 政府信息公开工作年度报告 as staff write it, for tests to break one thing at a time."""

ZERO7 = "[0, 0, 0, 0, 0, 0, 0]"
GENERAL = "监督保障方面，政务公开纳入年度考核，未收到社会评议负面意见，未发生责任追究。"
IMPROVEMENTS = "上年度报告所列问题已整改。"


def gongkai_report(year: int = 2023, published: str = "2024-01-20", *, received: str = "[3, 0, 0, 0, 0, 0, 3]",
                   carried_in: str = ZERO7, disclosed: str = "[2, 0, 0, 0, 0, 0, 2]", total: str = "[3, 0, 0, 0, 0, 0, 3]",
                   carried_out: str = ZERO7, normative: str = "[1, 0, 2]", rules: str = "[0, 0, 0]",
                   review: str = "[1, 0, 0, 0, 1]", body_extra: str = "", headings: tuple[str, ...] | None = None,
                   general: str = GENERAL, improvements: str = IMPROVEMENTS, punished: int = 12) -> str:
    headings = headings or ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    texts = {"一、总体情况": general, "五、存在的主要问题及改进情况": improvements}
    body = "\n\n".join(f"## {h}" + (f"\n\n{texts[h]}" if texts.get(h) else "") for h in headings)
    return f"""---
标题: 纸坊镇人民政府{year}年政府信息公开工作年度报告
年度: {year}
报告类型: 政府信息公开
发布日期: {published}
发布机构: 纸坊镇人民政府
表二:
  规章: {rules}
  行政规范性文件: {normative}
  行政许可: 0
  行政处罚: {punished}
  行政强制: 0
  行政事业性收费: 0
表三:
  本年新收: {received}
  上年结转: {carried_in}
  予以公开: {disclosed}
  部分公开: {ZERO7}
  不予公开:
    属于国家秘密: {ZERO7}
    其他法律行政法规禁止公开: {ZERO7}
    危及“三安全一稳定”: {ZERO7}
    保护第三方合法权益: {ZERO7}
    属于三类内部事务信息: {ZERO7}
    属于四类过程性信息: {ZERO7}
    属于行政执法案卷: {ZERO7}
    属于行政查询事项: {ZERO7}
  无法提供:
    本机关不掌握相关政府信息: [1, 0, 0, 0, 0, 0, 1]
    没有现成信息需要另行制作: {ZERO7}
    补正后申请内容仍不明确: {ZERO7}
  不予处理:
    信访举报投诉类申请: {ZERO7}
    重复申请: {ZERO7}
    要求提供公开出版物: {ZERO7}
    无正当理由大量反复申请: {ZERO7}
    要求行政机关确认或重新出具已获取信息: {ZERO7}
  其他处理:
    申请人无正当理由逾期不补正: {ZERO7}
    申请人逾期未按收费通知要求缴纳费用: {ZERO7}
    其他: {ZERO7}
  总计: {total}
  结转下年度: {carried_out}
表四:
  行政复议: {review}
  未经复议直接起诉: [0, 0, 0, 0, 0]
  复议后起诉: [0, 0, 0, 0, 0]
---

{body_extra}

{body}
"""
