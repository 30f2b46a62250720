"""The home page shows each column with its newest items at a glance, the 现行有效 count, the latest
annual reports and a search box."""
import datetime as dt

from generator.config import load_config
from generator.pages import generate
from generator.pipeline import load_site
from report_texts import gongkai_report

NOTICE = "---\n标题: 通知{n}\n类别: 通知\n发布日期: 2024-03-{day:02d}\n发布机构: 镇\n---\n正文\n"
POLICY = ("---\n标题: 管理办法{n}\n文号: 纸政发〔2024〕{n}号\n发文机关: 镇\n成文日期: 2024-01-0{n}\n发布日期: 2024-01-0{n}\n"
          "有效期至: {until}\n---\n正文\n")


def home(project) -> str:
    files = {f"content/notices/n{n}.md": NOTICE.format(n=n, day=n) for n in range(1, 8)}
    files |= {"content/policies/a.md": POLICY.format(n=1, until="2029-01-01"), "content/policies/b.md": POLICY.format(n=2, until="2024-06-30"),
              "content/reports/2023-gk.md": gongkai_report()}
    site = load_site(load_config(project(files)), dt.date(2025, 1, 1))
    return {page.path: page.text for page in generate(site)[0]}["index.md"]


def test_each_column_shows_its_five_newest_items_with_dates_and_a_link_to_the_rest(project):
    text = home(project)
    notices = text.split("## 通知公告", 1)[1].split("</div>", 1)[0]
    assert [line for line in notices.splitlines() if line.startswith("- ")] == [
        f"- [通知{n}](notices/n{n}/index.md) <span class=\"gk-date\">2024-03-{n:02d}</span>" for n in (7, 6, 5, 4, 3)]
    assert "[更多通知公告（共 7 条）](notices/index.md){: .gk-more }" in notices


def test_the_figures_a_citizen_asks_first_and_a_search_box(project):
    text = home(project)
    assert "[现行有效规范性文件 **1** 件](policies/current/index.md)" in text  # one of two has expired
    assert "[2023年度政府信息公开工作年度报告](reports/2023-gk/index.md)" in text
    assert '<form class="gk-home-search" action="search/" method="get" role="search"' in text
    assert '<input id="gk-home-query" type="search" name="q"' in text


def test_an_empty_column_says_why(project):
    assert "## 政策解读\n\n本机关暂无需要解读的政策文件。\n\n</div>" in home(project)
