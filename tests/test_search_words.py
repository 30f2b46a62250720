"""What the search index counts as words (generator/search/words.py), and the browser reading the same
text the same way (search.js): full-width and half-width, every bracket of a 文号, numbers whole."""
import pytest

from browser import chromium_page, require_browser, serve
from conftest import SAMPLE_TODAY, copy_sample_project
from generator.search.words import doc_number_query, phrases, terms


def test_a_text_is_read_as_units_and_pairs():
    assert terms("纸政发〔２０２４〕11号。ＰＤＦ文件") == ["纸 政", "政 发", "发 2024", "2024 11", "11 号", "号 ", "pdf 文", "文 件", "件 "]


@pytest.mark.parametrize("text", ["纸政发〔2024〕11号", "纸政发[2024]11号", "纸政发（2024）11号", "纸政发［２０２４］１１号", "纸政发【2024】11号"])
def test_every_bracket_of_a_doc_number_reads_alike(text):
    assert phrases(text) == [["纸", "政", "发", "2024", "11", "号"]]


def test_a_number_is_one_unit_and_phrases_end_at_punctuation():
    assert phrases("资金1.5万元，完成率100%。A3纸 打印") == [["资", "金", "1"], ["5", "万", "元"], ["完", "成", "率", "100"], ["a", "3", "纸"], ["打", "印"]]


@pytest.mark.parametrize("query", ["纸政发2024年11号", "纸政发 2024 11", "纸政发[2024]11", "纸政发〔2024〕11号", "纸政发（２０２４）１１号",
                                   " 纸政发〔2024〕11 ", "纸政发2024〕11号"])
def test_a_doc_number_typed_loosely_is_read_as_documents_write_it(query):
    assert doc_number_query(query) == "纸政发〔2024〕11号"


@pytest.mark.parametrize("query", ["2024年11号", "森林防火", "纸政发2024", "纸政发202411号", "关于2024年11月的通知"])
def test_other_queries_are_not_doc_numbers(query):
    assert doc_number_query(query) is None


@pytest.mark.parametrize("written, engine", [("", "gongkai"), ("    search: gongkai\n", "gongkai"), ("    search: pagefind\n", "gongkai"),
                                             ("    search: material\n", "material")])
def test_the_search_engine_setting_and_its_former_name(tmp_path, written, engine):
    from conftest import make_project
    from generator.config import load_config

    root = make_project(tmp_path, {})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + written, encoding="utf-8")
    assert load_config(root).search == engine


def test_an_unknown_search_engine_is_refused_with_the_choices(tmp_path):
    from conftest import make_project
    from generator.config import load_config
    from generator.errors import ConfigError

    root = make_project(tmp_path, {})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "    search: lunr\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert str(caught.value) == "mkdocs.yml: extra.gongkai.search: 应为 gongkai 或 material, 实际是 'lunr'"


TRICKY = "第１２条 按ＰＤＦ格式报送。依据纸政发［2024］7号文件，资金1.5万元，完成率100%。A3纸打印。"


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory):
    import subprocess
    import sys

    require_browser()
    root = copy_sample_project(tmp_path_factory.mktemp("words"))
    (root / "content/notices/2024-words.md").write_text(
        "---\n标题: 关于报送材料格式的通知\n类别: 通知\n发布日期: 2024-05-06\n索引号: 11370829MB0000000A/2024-00901\n---\n" + TRICKY + "\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", SAMPLE_TODAY],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("query, marked", [("第12条", "第１２条"), ("pdf", "ＰＤＦ"), ("PDF格式", "ＰＤＦ格式"), ("纸政发〔2024〕7号", "纸政发［2024］7号"),
                                           ("1.5万元", "1.5万元"), ("5万元", "5万元"), ("100%", "100"), ("a3纸", "A3纸")])
def test_the_browser_finds_and_marks_what_the_index_holds(tricky_site, query, marked):
    with chromium_page() as page:
        page.goto(tricky_site + "search/?q=" + query.replace("%", "%25"))
        page.wait_for_function("/找到|没有/.test(document.querySelector('.gk-search__status')?.textContent || '')")
        result = page.locator(".gk-search__result", has_text="关于报送材料格式的通知")
        assert result.count() == 1
        assert marked in result.locator(".gk-search__excerpt mark").all_inner_texts()


@pytest.mark.browser
@pytest.mark.parametrize("query", ["00%", "2条", "纸政发〔2024〕77号"])
def test_a_number_is_not_found_inside_a_longer_one(tricky_site, query):
    with chromium_page() as page:
        page.goto(tricky_site + "search/?q=" + query.replace("%", "%25"))
        page.wait_for_function("/找到|没有/.test(document.querySelector('.gk-search__status')?.textContent || '')")
        assert page.locator(".gk-search__result", has_text="关于报送材料格式的通知").count() == 0


@pytest.mark.browser
def test_a_pasted_paragraph_is_searched_by_its_beginning(tricky_site):
    with chromium_page() as page:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(tricky_site + "search/?q=" + (TRICKY.replace(" ", "") * 20).replace("%", "%25"))
        page.wait_for_function("/找到|没有/.test(document.querySelector('.gk-search__status')?.textContent || '')")
        assert page.locator(".gk-search__result", has_text="关于报送材料格式的通知").count() == 1
        assert len([url for url in requested if "/search-index/c/" in url]) <= 40  # not one download per character pasted
