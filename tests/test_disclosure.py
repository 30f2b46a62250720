"""Pages made from configuration: the 基层政务公开标准目录, 依申请公开 with its .docx 申请表, the 指南."""
import datetime as dt
import io
import zipfile

import pytest

from conftest import make_project
from generator.checks.warnings import warnings
from generator.config import load_config
from generator.errors import ConfigError, ContentError
from generator.pages import generate
from generator.pages.outputs import GeneratedFile
from generator.pipeline import load_site

NOTICE = "---\n标题: 通知\n类别: 通知\n发布日期: 2024-05-01\n发布机构: 镇\n---\n正文。\n"
TODAY = dt.date(2024, 6, 1)
CATALOG = """\
- 领域: 财政预决算
  事项:
    - 事项: 乡镇财政预算
      栏目: finance
      公开内容: 预算报告和报表
      公开时限: 批准后20日内
      更新周期: 12个月
- 领域: 通知
  事项:
    - {事项: 通知公告, 栏目: notices, 公开方式: 主动, 更新周期: 1年}
"""


def project_with(project, settings: str = "", catalog: str | None = CATALOG, files: dict | None = None):
    root = project({"content/notices/a.md": NOTICE, **({"standard-catalog.yml": catalog} if catalog is not None else {}), **(files or {})})
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    extra = "    standard_catalog: standard-catalog.yml\n" if catalog is not None else ""
    (root / "mkdocs.yml").write_text(text + extra + settings, encoding="utf-8")
    return root


def outputs(root):
    pages, files = generate(load_site(load_config(root), TODAY))
    return {p.path: p.text for p in pages}, {f.path: f for f in files}


def test_the_standard_catalog_page_links_each_matter_to_its_column_with_its_last_update(project):
    pages, _ = outputs(project_with(project))
    page = pages["standard-catalog/index.md"]
    assert "## 财政预决算\n\n### 乡镇财政预算\n\n| 要素 | 内容 |" in page
    assert "| 公开时限 | 批准后20日内 |" in page
    assert "| 所在栏目 | [财政预决算](../finance/index.md) |\n| 最近更新 | 暂无信息 |" in page
    assert "| 所在栏目 | [通知公告](../notices/index.md) |\n| 最近更新 | 2024-05-01 |" in page


def test_a_matter_with_nothing_new_within_its_period_is_a_warning(project):
    site = load_site(load_config(project_with(project)), TODAY)
    assert [str(w) for w in warnings(site) if w.source.path == "standard-catalog.yml"] == [
        "standard-catalog.yml:3: 警告: 字段 '更新周期': 事项“乡镇财政预算”所在的“财政预决算”栏目还没有任何信息, 超过了更新周期 12个月 "
        "(在 content/finance/ 中发布这一事项的新信息)"]
    later = load_site(load_config(project_with(project)), dt.date(2025, 5, 2))
    assert any("“通知公告”栏目最新一条发布于 2024-05-01, 超过了更新周期 12个月" in str(w) for w in warnings(later))


@pytest.mark.parametrize("catalog, expected", [
    (CATALOG.replace("栏目: finance", "栏目: caizheng"),
     "standard-catalog.yml:4: 字段 '栏目': 没有这个栏目 'caizheng' (写栏目的文件夹名: organization, notices, policies, interpretations, finance, "
     "enforcement, assistance, projects, emergency, agriculture, reports, fazhi)"),
    (CATALOG.replace("更新周期: 12个月", "更新周期: 每年"), "standard-catalog.yml:7: 字段 '更新周期': '每年' 不是周期 (例如 12个月、1年、30天)"),
    (CATALOG.replace("公开内容:", "公开范围:"),
     "standard-catalog.yml:5: 字段 '公开范围': 未知的键 (可写 事项、栏目、公开内容、公开依据、公开时限、公开主体、公开渠道、公开对象、公开方式、更新周期)"),
    ("- 领域: [a\n", "standard-catalog.yml:1: YAML 语法错误: 方括号 [ 没有配对的 ] (列表写作 [甲, 乙] 或逐行以“- ”开头)"),
    ("- &a 领域: x\n", "standard-catalog.yml:1: 不支持 YAML 的 & 锚点和 * 引用 (每个值请直接写出来)"),
    (CATALOG.replace("公开内容: 预算报告和报表", "公开内容: 联系人 13812345678"), "standard-catalog.yml:5: 疑似手机号"),
])
def test_a_wrong_standard_catalog_names_its_line(project, catalog, expected):
    with pytest.raises(ContentError) as caught:
        load_site(load_config(project_with(project, catalog=catalog)), TODAY)
    found = [str(p) for p in caught.value.problems]
    assert expected in found or any(p.startswith(expected) for p in found), found


def test_a_standard_catalog_outside_the_project_is_refused(project):
    root = project_with(project, catalog=None, settings="    standard_catalog: ../elsewhere.yml\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert str(caught.value) == "mkdocs.yml: extra.gongkai.standard_catalog: 应为项目内的 .yml 文件, 例如 standard-catalog.yml, 实际是 '../elsewhere.yml'"


APPLICATION = """\
    application:
      office: 镇党政办
      address: 镇政府一楼
      postcode: "272000"
      email: gk@example.gov.cn
      hours: 工作日
"""


def test_the_application_page_offers_only_the_channels_configured(project):
    pages, files = outputs(project_with(project, APPLICATION, catalog=None))
    page = pages["application/index.md"]
    assert "- **当面提交**：到镇政府一楼提交书面申请（工作日）。" in page
    assert "- **邮寄**：寄至镇政府一楼，邮政编码 272000" in page
    assert "- **电子邮件**：发送至 <gk@example.gov.cn>" in page
    assert "传真" not in page.split("## 申请表")[0] and "在线申请" not in page
    assert "20个工作日内予以答复" in page and "延长的期限最长不超过20个工作日" in page and "国办函〔2020〕109号" in page
    assert "[下载政府信息公开申请表（Word 文档）](政府信息公开申请表.docx)" in page
    guide = pages["guide.md"]
    assert "申请人可以通过以下方式提出申请：当面提交、邮寄、电子邮件。" in guide
    assert "- [通知公告](notices/index.md)" in guide and "- [法治政府建设年度报告](fazhi/index.md)" in guide


def test_the_application_form_is_a_word_document_naming_the_office(project):
    root = project_with(project, APPLICATION, catalog=None)
    form = outputs(root)[1]["application/政府信息公开申请表.docx"]
    assert isinstance(form, GeneratedFile)
    with zipfile.ZipFile(io.BytesIO(form.data)) as archive:
        assert archive.testzip() is None
        document = archive.read("word/document.xml").decode("utf-8")
    for text in ("政府信息公开申请表", "受理机关：镇党政办", "所需政府信息的名称、文号或者便于查询的其他特征性描述", "申请人签名（盖章）"):
        assert text in document
    assert outputs(root)[1]["application/政府信息公开申请表.docx"].data == form.data  # the same bytes on every build


def test_a_site_without_any_channel_is_warned(project):
    site = load_site(load_config(project_with(project, catalog=None)), TODAY)
    assert "mkdocs.yml:1: 警告: 字段 'application': 依申请公开没有任何申请渠道 (地址、传真、电子邮件或在线平台) " \
           "(在 extra.gongkai.application (或 contact) 中写明受理机构的地址等)" in [str(w) for w in warnings(site)]


@pytest.mark.parametrize("setting, expected", [
    ("    application: {online_url: \"javascript:alert(1)\"}\n",
     "mkdocs.yml: extra.gongkai.application.online_url: 应为 https:// 开头的网址, 实际是 'javascript:alert(1)'"),
    ("    application: {email: \"a@b\\\" onmouseover=x\"}\n",
     "mkdocs.yml: extra.gongkai.application.email: 应为电子邮箱地址, 例如 gk@example.gov.cn, 实际是 'a@b\" onmouseover=x'"),
    ("    application: {telephone: 1}\n",
     "mkdocs.yml: extra.gongkai.application: 不认识 'telephone' (可写 office, address, postcode, phone, fax, email, online_url, hours)"),
])
def test_application_settings_are_checked(project, setting, expected):
    with pytest.raises(ConfigError) as caught:
        load_config(project_with(project, setting, catalog=None))
    assert str(caught.value) == expected


def test_a_hand_written_guide_clashes_with_the_generated_one(project):
    root = project_with(project, catalog=None, files={"docs/guide.md": "# 指南\n"})
    with pytest.raises(ContentError) as caught:
        load_config(root) and __import__("generator.pipeline").pipeline.plan(load_config(root), TODAY)
    assert [str(p) for p in caught.value.problems] == ["docs/guide.md:1: 与自动生成的页面同名 (请给手写页面换个文件名)"]
