"""A citizen in the browser: downloads the 申请表 from 依申请公开, follows every 标准目录 事项 to its column."""
import zipfile
from urllib.parse import urljoin

import pytest

from browser import chromium_page

pytestmark = pytest.mark.browser


def test_the_application_form_downloads_as_a_word_document(sample_url, tmp_path):
    with chromium_page() as page:
        page.goto(sample_url)
        page.click("nav.md-nav >> text=依申请公开")
        assert page.locator("h1").inner_text() == "依申请公开"
        assert page.locator("text=传真至 0537-0000001（示例）").count() == 1
        with page.expect_download() as download_info:
            page.click("text=下载政府信息公开申请表（Word 文档）")
        download = download_info.value
        assert download.suggested_filename == "政府信息公开申请表.docx"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert "政府信息公开申请表" in document and "受理机关：纸坊镇人民政府党政综合办公室（示例）" in document


def test_every_standard_catalog_matter_opens_its_column(sample_url):
    with chromium_page() as page:
        page.goto(sample_url + "standard-catalog/")
        links = page.locator("td >> a")
        targets = [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]
        assert len(targets) == 10  # one per 事项 of the sample standard-catalog.yml
        for name, href in targets:
            response = page.goto(urljoin(sample_url + "standard-catalog/", href))
            assert response.status == 200, href
            assert page.locator("h1").inner_text() == name


def test_every_declared_column_is_in_the_navigation(sample_url):
    with chromium_page() as page:
        page.goto(sample_url)
        nav = page.locator("nav.md-nav--primary").inner_text()
        for name in ("机构信息", "通知公告", "规范性文件", "政策解读", "财政预决算", "行政执法公示", "社会救助", "重大建设项目",
                     "应急管理", "农业农村", "政府信息公开工作年度报告", "法治政府建设年度报告", "基层政务公开标准目录", "依申请公开"):
            assert name in nav, name
