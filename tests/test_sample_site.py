"""A real `mkdocs build --strict` of the sample site: the seed report in full, Chinese anchors, nothing external."""
import html
import json
import re

from conftest import SEED

REPORT = "fazhi/2023-fazhi-zhengfu-jianshe/index.html"


def visible_text(page: str) -> str:
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_report_page_keeps_every_heading_paragraph_and_figure_of_the_seed(sample_site):
    page = (sample_site / "site" / REPORT).read_text(encoding="utf-8")
    text = squeeze(visible_text(page))
    seed_lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()[3:] if line.strip()]
    for line in seed_lines:
        # a （一） line is a run-in heading: heading text, then the paragraph after its first 。
        for part in line.split("。", 1) if line.startswith("（") else [line]:
            assert squeeze(part) in text, part[:30]
    for figure in ("61件", "化解59件", "调处率98%", "648个", "3843人次", "1.3万元", "4000余份", "27余场次"):
        assert figure in text


def test_outline_numbering_becomes_headings_with_chinese_anchors(sample_site):
    page = (sample_site / "site" / REPORT).read_text(encoding="utf-8")
    h2 = re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', page)
    h3 = re.findall(r'<h3 id="([^"]+)">([^<]+)</h3>', page)
    assert [title for _, title in h2] == ["一、党政主要负责人履职切实增强", "二、法治宣传教育扎实推进", "三、积极推进社会治理",
                                          "四、行政执法工作情况", "五、政务公开工作落实到位",
                                          # the plans that the unheaded 不足/下步 paragraph introduces, not sub-sections of 五
                                          "（一）进一步规范行政执法行为", "（二）大力推动法治阵地建设", "（三）扎实推进公民法律素养提升工程",
                                          "（四）深入推进矛盾纠纷化解工作"]
    assert h2[0][0] == "一党政主要负责人履职切实增强"
    assert len(h3) == 2 and h3[0][1] == "（一）严格落实行政执法公示制度"
    assert not any(re.fullmatch(r"_\d+", anchor) for anchor, _ in h2 + h3)


def test_no_request_to_any_outside_host(sample_site):
    site = sample_site / "site"
    external = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    for page in site.rglob("*.html"):
        assert not external.search(page.read_text(encoding="utf-8")), page
    for sheet in site.rglob("*.css"):
        assert "fonts.googleapis" not in sheet.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\([\"']?https?:", sheet.read_text(encoding="utf-8"))


def test_records_are_not_in_the_navigation(sample_site):
    page = (sample_site / "site" / REPORT).read_text(encoding="utf-8")
    nav = page.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="md-nav__link', nav)
    targets = {a or b for a, b in links}
    assert targets and not any(t.count("/") > 3 for t in targets)
    assert "2023-fazhi-zhengfu-jianshe" not in nav


def test_policy_and_interpretation_link_both_ways(sample_site):
    policy = (sample_site / "site/policies/zhengfa-2023-3/index.html").read_text(encoding="utf-8")
    interpretation = (sample_site / "site/interpretations/zhengfa-2023-3-jiedu/index.html").read_text(encoding="utf-8")
    assert 'href="../../interpretations/zhengfa-2023-3-jiedu/"' in policy
    assert 'href="../../policies/zhengfa-2023-3/"' in interpretation


def test_attachment_is_published_and_linked(sample_site):
    page = (sample_site / "site/notices/2024-senlin-fanghuo/index.html").read_text(encoding="utf-8")
    assert 'href="fanghuo-zerenshu.pdf"' in page
    assert (sample_site / "site/notices/2024-senlin-fanghuo/fanghuo-zerenshu.pdf").read_bytes().startswith(b"%PDF")


def test_footer_carries_host_and_contact_from_configuration(sample_site):
    page = (sample_site / "site/index.html").read_text(encoding="utf-8")
    assert "主办单位：纸坊镇人民政府" in page and "联系方式：" in page
    assert 'lang="zh"' in page


def test_samples_are_marked_as_samples(sample_site):
    for listing in ("notices", "policies", "interpretations"):
        for page in (sample_site / "generated" / listing).glob("*/index.md"):
            assert "【示例】" in page.read_text(encoding="utf-8"), page


def test_search_index_is_in_the_site(sample_site):
    bundle = sample_site / "site" / "search-index"
    meta = json.loads((bundle / "meta.json").read_text(encoding="utf-8"))
    assert len(list((bundle / "c").glob("*.bin"))) == len(meta["chunks"]) > 1
    assert len(list((bundle / "r").glob("*.json"))) == meta["entries"] > 20
    assert not (sample_site / "site/search/search_index.json").exists()  # no Material index downloaded by phones


def test_search_entries_are_records_and_hand_written_pages(sample_site):
    from generator.config import load_config
    from generator.pipeline import load_site
    from generator.search.entries import search_entries
    from generator.search.words import terms
    import datetime as dt

    site = load_site(load_config(sample_site), dt.date(2026, 11, 25))
    entries = {e.url: e for e in search_entries(site, {"guide.md": "# 指南\n\n正文"})}
    assert "notices/2024-anquan-huiyi/" not in entries and "notices/" not in entries  # withdrawn; listings
    assert entries["guide/"].title == "指南"
    policy = entries["policies/zhengfa-2021-5/"]
    assert (policy.kind, policy.date, policy.doc_number, policy.status) == ("规范性文件", "2021-06-18", "纸政发〔2021〕5号", "废止")
    assert policy.filters == {"类型": "规范性文件", "年度": "2021", "发布机构": "纸坊镇人民政府", "有效性": "废止"}
    assert "有效性：废止" in policy.details and any(line.startswith("本文件已废止：本文件已于2025年4月1日被纸政发〔2025〕3号") for line in policy.details)
    assert terms("纸政发〔２０２１〕5号 Word。") == ["纸 政", "政 发", "发 2021", "2021 5", "5 号", "号 ", "word "]


def page(sample_site, path: str) -> str:
    return (sample_site / "site" / path).read_text(encoding="utf-8")


def test_sample_shows_each_validity_with_its_banner_and_link(sample_site):
    repealed = page(sample_site, "policies/zhengfa-2021-5/index.html")
    assert "本文件已废止" in repealed and 'href="../zhengfa-2025-3/"' in repealed
    assert "本文件已失效" in page(sample_site, "policies/zhengfa-2024-1/index.html")
    amended = page(sample_site, "policies/zhengfa-2023-3/index.html")
    assert "本文件已修改" in amended and 'href="../zhengfa-2025-2/"' in amended
    repealing = page(sample_site, "policies/zhengfa-2025-3/index.html")
    assert "本文件废止的文件" in repealing and 'href="../zhengfa-2021-5/"' in repealing
    table = visible_text(page(sample_site, "policies/index.html"))
    for number, status in (("纸政发〔2025〕3号", "有效"), ("纸政发〔2024〕1号", "失效"), ("纸政发〔2023〕3号", "已修改"), ("纸政发〔2021〕5号", "废止")):
        assert re.search(number + r".*?" + r"\d{4}-\d{2}-\d{2}\s*" + status, table, re.S), number
    current = visible_text(page(sample_site, "policies/current/index.html"))
    assert "纸政发〔2023〕3号" in current and "纸政发〔2021〕5号" not in current
    cleaned = visible_text(page(sample_site, "policies/repealed/index.html"))
    assert "纸政发〔2021〕5号" in cleaned and "纸政发〔2024〕1号" in cleaned and "纸政发〔2025〕3号" not in cleaned


def test_withdrawn_notice_keeps_its_page_and_leaves_listings_search_and_feeds(sample_site):
    assert "本信息已撤回" in page(sample_site, "notices/2024-anquan-huiyi/index.html")
    assert "撤回原因：会议时间调整，另行通知。" in visible_text(page(sample_site, "notices/2024-anquan-huiyi/index.html"))
    for listing in ("notices/index.html", "catalog/index.html", "index.html", "feeds/notices.xml", "catalog.json"):
        assert "2024-anquan-huiyi" not in page(sample_site, listing), listing


def test_publicity_period_over_hides_the_attachment(sample_site):
    assert "公示期已满" in page(sample_site, "assistance/2024-dibao-gongshi/index.html")
    assert not (sample_site / "site/assistance/2024-dibao-gongshi/mingdan.csv").exists()
    assert (sample_site / "content/assistance/2024-dibao-gongshi/mingdan.csv").exists()
    assert "2024-dibao-gongshi" in page(sample_site, "assistance/index.html")  # still listed as history


def test_revision_record_and_update_date(sample_site):
    text = visible_text(page(sample_site, "notices/2024-chungeng-beigeng/index.html"))
    assert "更新日期2024年3月7日" in squeeze(text)
    assert "2024年3月7日：更正机井检修完成时间" in text


def test_crawler_meta_tags_on_a_record_page(sample_site):
    head = page(sample_site, "policies/zhengfa-2023-3/index.html").split("</head>", 1)[0]
    for name, content in (("SiteName", "纸坊镇人民政府 政府信息公开"), ("SiteIDCode", "3708000000"), ("ColumnName", "规范性文件"),
                          ("ArticleTitle", "【示例】纸坊镇农村人居环境整治管理办法"), ("PubDate", "2023-05-16 00:00"),
                          ("ContentSource", "纸坊镇人民政府"), ("Keywords", "人居环境,村庄保洁,垃圾分类")):
        assert f'<meta name="{name}" content="{content}">' in head, name
    assert '<meta name="Description" content="规定农村人居环境整治' in head


def test_catalog_downloads(sample_site):
    data = (sample_site / "site/catalog.csv").read_bytes()
    assert data.startswith("\ufeff索引号,标题,内容概述,类型,发布机构,生成日期,发布日期,文号,有效性,网址\r\n".encode("utf-8"))
    rows = json.loads(page(sample_site, "catalog.json"))
    assert len(rows) == len(data.decode("utf-8-sig").splitlines()) - 1 == 21  # 22 records, one withdrawn
    repealed = next(r for r in rows if r["文号"] == "纸政发〔2021〕5号")
    assert (repealed["有效性"], repealed["网址"]) == ("废止", "policies/zhengfa-2021-5/")


def test_feeds_carry_record_dates_not_the_build_date(sample_site):
    feed = page(sample_site, "feeds/policies.xml")
    assert "<updated>2025-03-14T00:00:00+08:00</updated>" in feed.split("<entry>")[0]
    assert "<published>2021-06-18T00:00:00+08:00</published>" in feed
    assert "2026-11-25" not in feed


def test_material_search_remains_a_configuration_choice(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import SAMPLE_TODAY, copy_sample_project

    root = copy_sample_project(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins: []", "plugins:\n  - search:\n      lang: zh").replace("search: gongkai ", "search: material ")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", SAMPLE_TODAY],
                            capture_output=True, text=True, encoding="utf-8", env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    index = json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert any("\u200b调解\u200b" in doc["text"] for doc in index["docs"])  # jieba segmented the index
    assert not (root / "site/search-index").exists() and not (root / "site/search/index.html").exists()
