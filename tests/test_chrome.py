"""Site chrome the inspections require: footer from configuration (checked), 网站地图, 联系我们, breadcrumbs,
empty listings that say why, and warnings about columns not updated for six months."""
import datetime as dt

import pytest

from generator.checks.warnings import warnings
from generator.config import load_config
from generator.errors import ConfigError, ContentError
from generator.pipeline import load_site

NOTICE = "---\n标题: 通知\n类别: 通知\n发布日期: {date}\n发布机构: 镇\n---\n正文\n"
FOOTER = """site_name: 测试
docs_dir: generated
extra:
  gongkai:
    town: 纸坊镇
    host: 纸坊镇人民政府
    site_id_code: "{code}"
    contact:
      phone: 0537-1234567
    footer:
      icp: {icp}
      police_record: 鲁公网安备 37082902000001号
{more}"""


def config_problems(tmp_path, **values) -> list[str]:
    settings = {"code": "3708000001", "icp": "鲁ICP备12345678号", "more": "      dzjg_url: https://bszs.conac.cn/sitename?id=1\n"}
    settings.update(values)
    (tmp_path / "mkdocs.yml").write_text(FOOTER.format(**settings), encoding="utf-8")
    (tmp_path / "content/notices").mkdir(parents=True)
    (tmp_path / "content/notices/a.md").write_text(NOTICE.format(date="2024-05-01"), encoding="utf-8")
    try:
        load_site(load_config(tmp_path), dt.date(2024, 6, 1))
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


def test_a_complete_footer_passes(tmp_path):
    assert config_problems(tmp_path) == []


def test_missing_and_malformed_footer_items(tmp_path):
    assert config_problems(tmp_path, code="37080", icp="", more="") == [
        "mkdocs.yml:7: 字段 'footer.site_id_code': 网站标识码 '37080' 格式不对 (网站标识码为 10 位字母数字, 见政府网站信息报送系统)",
        "mkdocs.yml:10: 字段 'footer.dzjg_url': 页脚缺少党政机关网站标识链接 "
        "(政府网站每页页脚须有党政机关网站标识链接; 若由所在的县级门户统一显示, 在 footer.provided_by_portal 中写 dzjg_url)",
        "mkdocs.yml:11: 字段 'footer.icp': 页脚缺少ICP备案号 (政府网站每页页脚须有ICP备案号; 若由所在的县级门户统一显示, 在 footer.provided_by_portal 中写 icp)",
    ]


def test_items_the_county_portal_shows_are_not_required(tmp_path):
    assert config_problems(tmp_path, icp="", more="      provided_by_portal: [icp, dzjg_url]\n") == []


def test_built_footer_carries_every_required_item(sample_site):
    page = (sample_site / "site/policies/index.html").read_text(encoding="utf-8")
    footer = page.split('<footer class="md-footer">', 1)[1]
    for text in ('href="../sitemap/">网站地图</a>', 'href="../contact/">联系我们</a>', ">我为政府网站找错</a>",
                 "主办单位：纸坊镇人民政府", "联系方式：", "网站标识码：3708000000", 'href="https://beian.miit.gov.cn/"',
                 "registerSystemInfo?recordcode=37082902000000", 'src="../assets/images/beian.svg"',
                 '<img src="../assets/images/dzjg.svg" alt="党政机关网站标识"',
                 "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3708000000"):
        assert text in footer, text
    # the badges are the site's own files, never loaded from an outside host
    assert (sample_site / "site/assets/images/dzjg.svg").is_file() and (sample_site / "site/assets/images/beian.svg").is_file()
    for meta in ('<meta name="ColumnName" content="规范性文件">', '<meta name="ColumnType" content="政策文件">'):
        assert meta in page, meta


@pytest.mark.parametrize("more, expected", [
    ("      dzjg_image: https://bszs.conac.cn/dzjg.png\n",
     "mkdocs.yml: extra.gongkai.footer.dzjg_image: 'https://bszs.conac.cn/dzjg.png' 不是本站的图片路径 (写 docs/ 或 overrides/ 下图片文件的相对路径, "
     "例如 assets/images/dzjg.png; 不能是外部网址)"),
    ("      police_image: ../secret.png\n",
     "mkdocs.yml: extra.gongkai.footer.police_image: '../secret.png' 不是本站的图片路径 (写 docs/ 或 overrides/ 下图片文件的相对路径, "
     "例如 assets/images/dzjg.png; 不能是外部网址)"),
    ("      dzjg_image: images/issued.png\n", "mkdocs.yml: extra.gongkai.footer.dzjg_image: 找不到图片 images/issued.png (应放在 docs/ 下)"),
    ("      police_url: javascript:alert(1)\n",
     "mkdocs.yml: extra.gongkai.footer.police_url: 应为以 https:// 开头的网址, 实际是 'javascript:alert(1)'"),
])
def test_badge_images_are_files_the_site_ships(tmp_path, more, expected):
    with pytest.raises(ConfigError) as caught:
        config_problems(tmp_path, more="      dzjg_url: https://bszs.conac.cn/sitename?id=1\n" + more)
    assert str(caught.value) == expected


def test_an_issued_badge_image_in_docs_is_accepted(tmp_path):
    (tmp_path / "docs/images").mkdir(parents=True)
    (tmp_path / "docs/images/issued.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert config_problems(tmp_path, more="      dzjg_url: https://bszs.conac.cn/sitename?id=1\n      dzjg_image: images/issued.png\n") == []


def test_sitemap_and_contact_pages(sample_site):
    sitemap = (sample_site / "site/sitemap/index.html").read_text(encoding="utf-8")
    for target in ('href="../catalog/"', 'href="../notices/"', 'href="../policies/current/"', 'href="../contact/"'):
        assert target in sitemap, target
    contact = (sample_site / "site/contact/index.html").read_text(encoding="utf-8")
    assert "电话：0537-0000000（示例）" in contact and "办公时间：" in contact


def test_record_pages_have_breadcrumbs(sample_site):
    page = (sample_site / "site/notices/2024-chungeng-beigeng/index.html").read_text(encoding="utf-8")
    assert '<nav aria-label="当前位置" class="gk-breadcrumbs"' in page
    assert '<a href="../../">首页</a> › <a href="../">通知公告</a> › 2024年' in page


def test_empty_listing_says_why(project):
    from generator.pages import generate

    root = project({"content/notices/a.md": NOTICE.format(date="2024-05-01")})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                     + "    columns:\n      - standard: notices\n      - standard: policies\n"
                                       "        empty: 本镇本年度未制定规范性文件。\n      - {standard: interpretations, empty: ''}\n", encoding="utf-8")
    pages = {page.path: page.text for page in generate(load_site(load_config(root), dt.date(2024, 6, 1)))[0]}
    assert "暂无信息。本镇本年度未制定规范性文件。" in pages["policies/index.md"]
    assert "暂无信息。\n" in pages["interpretations/index.md"]
    assert "finance/index.md" not in pages  # only the declared columns


def test_the_old_empty_reasons_key_says_where_the_reason_went(project):
    root = project({})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "    empty_reasons: {policies: 无}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert str(caught.value).startswith("mkdocs.yml: extra.gongkai.empty_reasons: 已改为写在各栏目的 empty 中")


@pytest.mark.parametrize("today, expected", [
    (dt.date(2024, 11, 1), []),
    (dt.date(2024, 11, 2), ["content/notices:1: 警告: “通知公告”栏目最新一条发布于 2024-05-01, 已超过 6 个月没有更新 (网站检查中, 5 个及以上栏目超过 6 个月不更新是单项否决项)"]),
])
def test_stale_column_warning(project, today, expected):
    site = load_site(load_config(project({"content/notices/a.md": NOTICE.format(date="2024-05-01")})), today)
    assert [str(w) for w in warnings(site) if w.source.path == "content/notices"] == expected


def test_an_empty_column_without_a_reason_is_a_warning(project):
    site = load_site(load_config(project({"content/notices/a.md": NOTICE.format(date="2024-05-01")})), dt.date(2024, 6, 1))
    assert [str(w) for w in warnings(site) if w.source.path == "content/policies"] == [
        "content/policies:1: 警告: “规范性文件”栏目没有任何信息, 也没有说明原因 (发布信息, 或在 mkdocs.yml 该栏目的 empty 中写明原因)"
    ]
