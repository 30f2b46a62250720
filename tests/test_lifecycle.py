"""有效性 moves with the build date: 有效 → 已修改 → 失效 / 废止, computed, never typed by staff."""
import datetime as dt

import pytest

from generator.config import load_config
from generator.errors import ContentError
from generator.pipeline import load_site


def policy(number: str, title: str = "管理办法", published: str = "2023-05-16", extra: str = "") -> str:
    return (f"---\n标题: {title}\n文号: {number}\n发文机关: 纸坊镇人民政府\n成文日期: 2020-01-01\n"
            f"发布日期: {published}\n{extra}---\n正文\n")


def statuses(root, today: str) -> dict[str, str]:
    site = load_site(load_config(root), dt.date.fromisoformat(today))
    return {number: status.status for number, status in site.status.items()}


FIVE_YEAR_RULE = "    validity:\n      default_years: 5\n      default_provisional_years: 2\n      source: 《某省行政规范性文件管理办法》\n"


def with_validity(root, rules: str):
    config = (root / "mkdocs.yml").read_text(encoding="utf-8") + rules
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


@pytest.fixture
def lifecycle_site(project):
    """A province whose rule gives 5 years, 2 for 暂行/试行, to documents that state no 有效期."""
    return with_validity(project({
        "content/policies/a.md": policy("纸政发〔2023〕3号", extra="施行日期: 2023-06-01\n修改: 纸政发〔2025〕2号\n"),
        "content/policies/b.md": policy("纸政发〔2024〕1号", "筹资筹劳暂行办法", "2024-01-12", "施行日期: 2024-02-01\n"),
        "content/policies/c.md": policy("纸政发〔2021〕5号", published="2021-06-18",
                                        extra="废止:\n  日期: 2025-04-01\n  文号: 纸政发〔2025〕3号\n"),
        "content/policies/d.md": policy("纸政发〔2025〕2号", published="2025-03-14", extra="施行日期: 2025-04-01\n"),
        "content/policies/e.md": policy("纸政发〔2025〕3号", published="2025-03-14", extra="有效期至: 2027-12-31\n"),
    }), FIVE_YEAR_RULE)


def test_statuses_on_the_day_the_amendment_and_the_repeal_take_effect(lifecycle_site):
    assert statuses(lifecycle_site, "2025-03-31") == {
        "纸政发〔2025〕3号": "有效", "纸政发〔2025〕2号": "有效", "纸政发〔2024〕1号": "有效",
        "纸政发〔2023〕3号": "有效", "纸政发〔2021〕5号": "有效",
    }
    after = statuses(lifecycle_site, "2025-04-01")
    assert (after["纸政发〔2023〕3号"], after["纸政发〔2021〕5号"]) == ("已修改", "废止")


def test_provisional_documents_expire_after_two_years(lifecycle_site):
    # 暂行 in the title: 2 years from 施行日期 2024-02-01, so in force up to and including 2026-01-31
    assert statuses(lifecycle_site, "2026-01-31")["纸政发〔2024〕1号"] == "有效"
    assert statuses(lifecycle_site, "2026-02-01")["纸政发〔2024〕1号"] == "失效"


def test_stated_expiry_wins_over_the_default_term(lifecycle_site):
    assert statuses(lifecycle_site, "2027-12-31")["纸政发〔2025〕3号"] == "有效"
    assert statuses(lifecycle_site, "2028-01-01")["纸政发〔2025〕3号"] == "失效"


def test_an_amended_document_still_expires_after_five_years_from_its_start(lifecycle_site):
    assert statuses(lifecycle_site, "2028-05-31")["纸政发〔2023〕3号"] == "已修改"
    assert statuses(lifecycle_site, "2028-06-01")["纸政发〔2023〕3号"] == "失效"


def test_without_a_provincial_rule_an_unstated_term_never_runs_out(project):
    root = project({"content/policies/a.md": policy("纸政发〔2023〕3号", "试行办法", "2020-02-01")})
    site = load_site(load_config(root), dt.date(2100, 1, 1))
    assert (site.status["纸政发〔2023〕3号"].status, site.status["纸政发〔2023〕3号"].expires) == ("有效", None)


def test_terms_come_from_configuration(project):
    root = project({"content/policies/a.md": policy("纸政发〔2023〕3号", "试行办法", "2023-01-01")})
    with_validity(root, "    validity:\n      default_years: 3\n      default_provisional_years: 1\n      source: 《某省规定》\n")
    assert statuses(root, "2023-12-31")["纸政发〔2023〕3号"] == "有效"
    assert statuses(root, "2024-01-01")["纸政发〔2023〕3号"] == "失效"


def test_expiry_from_the_29th_of_february(project):
    root = with_validity(project({"content/policies/a.md": policy("纸政发〔2024〕3号", published="2024-02-29")}), FIVE_YEAR_RULE)
    site = load_site(load_config(root), dt.date(2025, 1, 1))
    assert site.status["纸政发〔2024〕3号"].expires == dt.date(2029, 2, 27)


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("废止:\n  日期: 2025-04-01\n  文号: 纸政发〔2025〕9号\n",
         "content/policies/a.md:7: 字段 '废止': 没有文号为 '纸政发〔2025〕9号' 的规范性文件 (应为 content/policies/ 中某份文件的 文号)"),
        ("修改:\n  - 纸政发〔2025〕9号\n",
         "content/policies/a.md:7: 字段 '修改': 没有文号为 '纸政发〔2025〕9号' 的规范性文件 (应为 content/policies/ 中某份文件的 文号)"),
        ("废止:\n  日期: 2025-04-01\n",
         "content/policies/a.md:7: 字段 '废止': 缺少 文号 (例如 废止: {日期: 2025-03-01, 文号: 纸政发〔2025〕4号})"),
        ("废止:\n  日期: 2020-01-01\n  文号: 纸政发〔2025〕3号\n",
         "content/policies/a.md:7: 字段 '废止': 废止日期 2020-01-01 早于发布日期 2023-05-16 (废止日期不能早于发布日期)"),
        ("修改: 纸政发[2025]3号\n",
         "content/policies/a.md:7: 字段 '修改': '纸政发[2025]3号' 不规范: 年份要用六角括号〔〕, 不用 [] (应为 纸政发〔2025〕3号)"),
        ("有效期至: 2023-01-01\n",
         "content/policies/a.md:7: 字段 '有效期至': 有效期至 2023-01-01 不晚于施行日期 2023-05-16 (有效期至应在施行日期之后)"),
        ("修改: 纸政发〔2023〕3号\n", "content/policies/a.md:7: 字段 '修改': 文件不能废止或修改自己 (应写另一份文件的文号)"),
    ],
)
def test_bad_repeal_and_amendment_references(project, extra, expected):
    root = project({"content/policies/a.md": policy("纸政发〔2023〕3号", extra=extra),
                    "content/policies/z.md": policy("纸政发〔2025〕3号", published="2025-03-14")})
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2026, 1, 1))
    assert [str(p) for p in caught.value.problems] == [expected]


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("撤回:\n  日期: 2024-03-11\n", "content/notices/a.md:6: 字段 '撤回': 缺少 原因 (例如 撤回: {日期: 2024-03-20, 原因: 会议时间调整})"),
        ("撤回: 发错了\n", "content/notices/a.md:6: 字段 '撤回': 应写成分行的 日期、原因 (例如 撤回: {日期: 2024-03-20, 原因: 会议时间调整})"),
        ("修订记录:\n  - 日期: 2024-13-01\n    说明: 更正\n", "content/notices/a.md:7: 字段 '修订记录': 日期: '2024-13-01' 是不存在的日期 (请核对月份和日子)"),
        ("撤回:\n  日期: 2024-03-11\n  原因: x\n  备注: y\n", "content/notices/a.md:9: 字段 '撤回': 未知的子项 '备注' (可写 日期、原因)"),
    ],
)
def test_bad_withdrawal_and_revisions(project, extra, expected):
    text = f"---\n标题: 通知\n类别: 通知\n发布日期: 2024-03-08\n发布机构: 镇\n{extra}---\n正文\n"
    with pytest.raises(ContentError) as caught:
        load_site(load_config(project({"content/notices/a.md": text})), dt.date(2026, 1, 1))
    assert [str(p) for p in caught.value.problems] == [expected]


def test_a_publication_date_in_the_future_is_refused(project):
    root = project({"content/policies/a.md": policy("纸政发〔2023〕3号", published="2026-12-01")})
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2026, 11, 25))
    assert [str(p) for p in caught.value.problems] == [
        "content/policies/a.md:6: 字段 '发布日期': 2026-12-01 晚于今天 2026-11-25 (发布日期是实际发布的日子, 不能预填将来的日期)"
    ]
