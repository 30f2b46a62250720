"""A real `mkdocs build --strict` of the sample site: the seed report in full, Chinese anchors, nothing external."""
import html
import json
import re
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "000_4d7abf357b95ea80.txt"
REPORT = "reports/2023-fazhi-zhengfu-jianshe/index.html"


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
                                          "四、行政执法工作情况", "五、政务公开工作落实到位"]
    assert h2[0][0] == "一党政主要负责人履职切实增强"
    assert len(h3) == 6 and h3[0][1] == "（一）严格落实行政执法公示制度"
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


def test_search_index_segments_chinese_words(sample_site):
    index = json.loads((sample_site / "site/search/search_index.json").read_text(encoding="utf-8"))
    report = [doc for doc in index["docs"] if doc["location"].startswith("reports/2023-fazhi-zhengfu-jianshe/")]
    assert any("\u200b调解\u200b" in doc["text"] for doc in report)
