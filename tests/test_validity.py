"""有效期 comes from the document or from a configured provincial rule, never invented (domain.md §3)."""
import datetime as dt

from generator.checks.warnings import warnings
from generator.config import load_config
from generator.pages import generate
from generator.pipeline import load_site

TODAY = dt.date(2025, 1, 1)


def policy(number: str, title: str = "管理办法", extra: str = "") -> str:
    return (f"---\n标题: {title}\n文号: {number}\n发文机关: 纸坊镇人民政府\n成文日期: 2024-05-06\n"
            f"发布日期: 2024-05-10\n施行日期: 2024-06-01\n{extra}---\n正文\n")


def site_of(project, files: dict[str, str], rules: str = "", today: dt.date = TODAY):
    root = project(files)
    if rules:
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + rules, encoding="utf-8")
    return load_site(load_config(root), today)


def validity_warnings(site) -> list[str]:
    return [str(w) for w in warnings(site) if w.source.path.startswith("content/policies/") and w.field in ("有效期至", "登记号", "施行日期")]


def metadata(site, folder: str) -> str:
    pages = {page.path: page.text for page in generate(site)[0]}
    return pages[f"policies/{folder}/index.md"]


def test_without_a_rule_an_unstated_term_is_shown_as_not_stated_and_warned_about(project):
    site = site_of(project, {"content/policies/a.md": policy("纸政发〔2024〕3号")})
    assert '<th scope="row">有效期</th><td>未标注</td>' in metadata(site, "a")
    assert "有效期至" not in metadata(site, "a")
    assert validity_warnings(site) == [
        "content/policies/a.md:3: 警告: 字段 '有效期至': 纸政发〔2024〕3号 没有写有效期至 (没有配置本省的默认有效期, 页面显示“有效期：未标注”) "
        "(写上文件中载明的有效期的最后一天, 例如 有效期至: 2028-05-31)"]


def test_a_stated_term_is_shown_as_stated_and_not_warned_about(project):
    site = site_of(project, {"content/policies/a.md": policy("纸政发〔2024〕3号", extra="有效期至: 2029-05-31\n")})
    assert '<th scope="row">有效期至</th><td>2029年5月31日</td>' in metadata(site, "a")
    assert validity_warnings(site) == []


def test_a_configured_default_term_names_its_rule_on_the_page(project):
    rules = "    validity:\n      default_years: 5\n      source: 《某省行政规范性文件管理办法》\n"
    site = site_of(project, {"content/policies/a.md": policy("纸政发〔2024〕3号")}, rules)
    assert ('<th scope="row">有效期至</th><td>2029年5月31日（文件未载明，按《某省行政规范性文件管理办法》自施行之日起5年推算）</td>'
            in metadata(site, "a"))
    assert validity_warnings(site) == []


SHANDONG = "    validity:\n      profile: shandong\n"


def test_shandong_requires_a_stated_term_within_its_limits_and_a_registration_number(project):
    site = site_of(project, {
        "content/policies/a.md": policy("纸政发〔2024〕3号"),
        "content/policies/b.md": policy("纸政发〔2024〕4号", extra="有效期至: 2030-05-31\n登记号: ZFPR-2024-0010004\n"),
        "content/policies/c.md": policy("纸政发〔2024〕5号", "试行办法", "有效期至: 2027-05-31\n登记号: ZFPR-2024-0010005\n"),
    }, SHANDONG)
    assert validity_warnings(site) == [
        "content/policies/a.md:3: 警告: 字段 '有效期至': 纸政发〔2024〕3号 没有写有效期至 (《山东省司法厅规范性文件制定管理办法》要求在文件中载明有效期) "
        "(写上文件中载明的有效期的最后一天, 例如 有效期至: 2028-05-31)",
        "content/policies/a.md:3: 警告: 字段 '登记号': 纸政发〔2024〕3号 没有登记号 (《山东省司法厅规范性文件制定管理办法》要求统一登记) "
        "(写上统一登记时给的登记号, 即 登记号: …)",
        "content/policies/b.md:8: 警告: 字段 '有效期至': 纸政发〔2024〕4号 有效期至 2030-05-31, 超过 5 年 "
        "(《山东省司法厅规范性文件制定管理办法》: 文件有效期最长 5 年) (请核对文件中载明的有效期)",
        "content/policies/c.md:8: 警告: 字段 '有效期至': 纸政发〔2024〕5号 有效期至 2027-05-31, 超过 2 年 "
        "(《山东省司法厅规范性文件制定管理办法》: 暂行、试行的文件有效期最长 2 年) (请核对文件中载明的有效期)",
    ]
    assert '<th scope="row">登记号</th><td>ZFPR-2024-0010004</td>' in metadata(site, "b")


def test_shandong_accepts_a_document_that_follows_it(project):
    site = site_of(project, {
        "content/policies/a.md": policy("纸政发〔2024〕3号", extra="有效期至: 2029-05-31\n登记号: ZFPR-2024-0010003\n"),
        "content/policies/b.md": policy("纸政发〔2024〕4号", "暂行办法", "有效期至: 2026-05-31\n登记号: ZFPR-2024-0010004\n"),
    }, SHANDONG)
    assert validity_warnings(site) == []


def test_the_evaluation_warning_comes_the_configured_months_before_expiry(project):
    files = {"content/policies/a.md": policy("纸政发〔2024〕3号", extra="有效期至: 2029-05-31\n")}
    assert validity_warnings(site_of(project, files, today=dt.date(2028, 11, 29))) == []
    assert validity_warnings(site_of(project, files, today=dt.date(2028, 11, 30))) == [
        "content/policies/a.md:8: 警告: 字段 '有效期至': 纸政发〔2024〕3号 将于 2029-05-31 失效, 还有 182 天 "
        "(需要继续施行的, 请按程序评估后重新发布或修改有效期)"]


def test_gongkai_new_asks_for_what_the_province_requires(tmp_path):
    import subprocess
    import sys

    from conftest import REPO, copy_sample_project

    root = copy_sample_project(tmp_path)  # the sample is set to profile: shandong
    subprocess.run([sys.executable, "-m", "generator", "new", "规范性文件", "测试办法", "--name", "t", "--root", str(root)],
                   check=True, capture_output=True, cwd=REPO)
    lines = (root / "content/policies/t.md").read_text(encoding="utf-8").splitlines()
    assert lines[7].startswith("有效期至:    # 《山东省司法厅规范性文件制定管理办法》要求载明")
    assert lines[8].startswith("登记号:      # 《山东省司法厅规范性文件制定管理办法》要求统一登记")
    assert lines[9] == "# 以下字段可选, 需要时去掉行首的 # 再填写:"
