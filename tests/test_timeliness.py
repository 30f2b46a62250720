"""条例 第二十六条: 成文 → 发布 within 20 working days of the official calendar (holidays and 调休 included)."""
import datetime as dt

import pytest

from generator.checks.warnings import warnings
from generator.config import load_config
from generator.pipeline import load_site

NOTICE = "---\n标题: 通知{n}\n类别: 通知\n发布日期: {date}\n发布机构: 镇\n---\n正文\n"


def policy(signed: str, published: str) -> str:
    return (f"---\n标题: 管理办法\n文号: 纸政发〔2025〕3号\n发文机关: 纸坊镇人民政府\n成文日期: {signed}\n"
            f"发布日期: {published}\n有效期至: 2030-12-31\n---\n正文\n")


def late(project, published: str) -> list[str]:
    site = load_site(load_config(project({"content/policies/a.md": policy("2025-09-25", published)})), dt.date(2025, 12, 1))
    return [str(w) for w in warnings(site) if "个工作日" in w.message]


def test_the_twentieth_working_day_counts_the_national_day_holiday_and_the_weekend_workdays(project):
    # 26, 28 (a Sunday worked), 29, 30 September; 1–8 October off; 9, 10, 11 (a Saturday worked) … 29 October
    assert late(project, "2025-10-29") == []


def test_one_working_day_more_is_late(project):
    assert late(project, "2025-10-30") == [
        "content/policies/a.md:6: 警告: 字段 '发布日期': 纸政发〔2025〕3号 成文日期 2025-09-25, 发布日期 2025-10-30, 相隔 21 个工作日, "
        "超过 20 个工作日 (应在 2025-10-29 前发布) (条例 第二十六条: 应自形成之日起 20 个工作日内公开; 发布日期要写实际发布的日子, 不能倒填)"]


@pytest.mark.parametrize("stale, vetoed", [(4, False), (5, True)])
def test_the_single_veto_needs_five_stale_columns(project, stale, vetoed):
    columns = "".join(f"      - {{name: 栏目{n}, folder: c{n}, kind: item, stale_warning: true}}\n" for n in range(5))
    nav = "".join(f"  - 栏目{n}: c{n}/index.md\n" for n in range(5)) + "  - 指南: guide.md\n  - 依申请公开: application/index.md\n"
    files = {f"content/c{n}/a.md": NOTICE.format(n=n, date="2024-01-02" if n < stale else "2024-09-01").replace("类别: 通知\n", "")
             for n in range(5)}
    root = project(files)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + "    columns:\n" + columns + "nav:\n" + nav, encoding="utf-8")
    found = [str(w) for w in warnings(load_site(load_config(root), dt.date(2024, 10, 1)))]
    assert sum("个月没有更新 (网站检查中, 5 个及以上栏目超过 6 个月不更新是单项否决项)" in w for w in found) == stale
    veto = "content:1: 警告: 已有 5 个栏目超过 6 个月没有更新 (栏目0、栏目1、栏目2、栏目3、栏目4) (达到网站检查单项否决的标准 (5 个及以上栏目): 请尽快更新)"
    assert (veto in found) == vetoed
