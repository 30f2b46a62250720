"""`gongkai check` warns before an inspector notices: expiring documents and missing 解读."""
import datetime as dt

from generator.checks.warnings import warnings
from generator.config import load_config
from generator.pipeline import load_site

POLICY = "---\n标题: 管理办法\n文号: 纸政发〔2023〕3号\n发文机关: 镇\n成文日期: 2023-05-10\n发布日期: 2023-05-16\n施行日期: 2023-06-01\n---\n"
INTERPRETATION = "---\n标题: 解读\n发布日期: 2023-05-16\n发布机构: 镇\n解读文件: 纸政发〔2023〕3号\n---\n"


def found(root, today: dt.date) -> list[str]:
    """Warnings about policies (a site without annual reports also gets a warning about those)."""
    return [str(w) for w in warnings(load_site(load_config(root), today)) if w.source.path.startswith("content/policies/")]


def test_expiry_warning_within_the_window(project):
    root = project({"content/policies/a.md": POLICY, "content/interpretations/i.md": INTERPRETATION})
    rule = "    validity:\n      default_years: 5\n      source: 《某省行政规范性文件管理办法》\n"
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + rule, encoding="utf-8")
    assert found(root, dt.date(2027, 11, 29)) == []  # more than 6 months before 2028-05-31
    assert found(root, dt.date(2027, 11, 30)) == [
        "content/policies/a.md:7: 警告: 字段 '施行日期': 纸政发〔2023〕3号 将于 2028-05-31 失效, 还有 183 天 (按《某省行政规范性文件管理办法》 5 年有效期推算) "
        "(需要继续施行的, 请按程序评估后重新发布或修改有效期)"
    ]
    assert found(root, dt.date(2028, 6, 1)) == []  # expired: the status says so, no more warning


def test_missing_interpretation_from_the_configured_year(project):
    root = project({"content/policies/a.md": POLICY.replace("施行日期: 2023-06-01\n", "施行日期: 2023-06-01\n有效期至: 2028-05-31\n")})
    assert found(root, dt.date(2024, 1, 1)) == [
        "content/policies/a.md:3: 警告: 字段 '文号': 纸政发〔2023〕3号 没有政策解读 "
        "(2020 年起发布的规范性文件应同步发布解读: 在 content/interpretations/ 中写 解读文件: 纸政发〔2023〕3号)"
    ]
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                     + "    validity:\n      interpretation_required_from: 2024\n", encoding="utf-8")
    assert found(root, dt.date(2024, 1, 1)) == []
