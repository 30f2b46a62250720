"""A seeded, deterministic corpus of realistic records for benchmarks and large-site tests.

`write_corpus(target, count)` makes a whole project (mkdocs.yml, docs/, overrides/, the hook) with
`count` records: notices, 规范性文件 with 解读, 废止 and 修改 chains, both annual reports for every
year, attachments; Chinese text of realistic lengths. Same count and seed, same bytes.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..content.lifecycle import add_years, day_before

PREFIX = "11370829MB0000000A"
MARKER = "明厨亮灶"  # a term placed in a known set of notices, so that search can be checked against a count
SUBJECTS = ("镇党委", "镇政府", "各村（社区）", "镇直各部门", "镇应急管理办公室", "镇农业综合服务中心", "镇社会事务办公室", "镇综合执法队",
            "镇司法所", "镇派出所", "镇卫生院", "各中小学", "镇市场监管所", "镇财政所", "镇自然资源所")
ACTIONS = ("认真贯彻落实", "扎实推进", "全面加强", "持续深化", "统筹做好", "切实抓好", "稳步开展", "大力推动", "严格落实", "积极探索")
OBJECTS = ("安全生产工作", "人居环境整治", "森林防火工作", "矛盾纠纷排查化解", "农田水利设施建设", "城乡居民医疗保险征缴", "最低生活保障审核",
           "耕地保护和粮食安全", "食品安全监管", "河湖长制工作", "乡村振兴项目建设", "法治宣传教育", "政务公开工作", "退役军人服务保障",
           "防汛抗旱准备", "秸秆禁烧和综合利用", "集体资产清产核资", "疫病防控和动物检疫", "校园周边环境治理", "危房改造")
MEASURES = ("建立工作台账，明确责任人和完成时限", "实行周调度、月通报制度", "加强督导检查，发现问题及时整改", "组织专题培训，提高业务能力",
            "通过村务公开栏和微信群广泛宣传", "落实网格化管理，做到底数清、情况明", "将工作开展情况纳入年度考核", "对重点区域开展拉网式排查",
            "发挥村（社区）法律顾问作用", "畅通群众反映问题渠道")
RESULTS = ("全年共开展检查{n}次，整改问题{m}项", "累计走访群众{n}户，解决实际困难{m}件", "完成项目{n}个，总投资{m}万元",
           "组织培训{n}场、{m}人次", "受理群众诉求{n}件，办结{m}件")
TOPICS = ("城乡建设", "农业、农村", "财政、审计", "民政、扶贫、救灾", "安全生产监管", "卫生、体育", "公安、安全、司法", "环境监测、保护")


@dataclass
class CorpusStats:
    notices: int = 0
    policies: int = 0
    interpretations: int = 0
    reports: int = 0
    attachments: int = 0
    marker_records: list[str] = field(default_factory=list)  # URLs of the records that contain MARKER


def _sentence(rng: random.Random) -> str:
    result = rng.choice(RESULTS).format(n=rng.randint(3, 120), m=rng.randint(1, 60))
    return f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{rng.choice(MEASURES)}，{result}。"


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return ["".join(_sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(count)]


def _date_in(rng: random.Random, year: int, today: dt.date) -> dt.date:
    last = min(dt.date(year, 12, 31), today)
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, (last - dt.date(year, 1, 1)).days))


class _Serials:
    def __init__(self) -> None:
        self.by_year: dict[int, int] = {}

    def next(self, year: int) -> str:
        self.by_year[year] = self.by_year.get(year, 0) + 1
        return f"{PREFIX}/{year}-{self.by_year[year]:05d}"


def _write(path: Path, fields: list[tuple[str, str]], body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "".join(f"{key}: {value}\n" for key, value in fields)
    path.write_text(f"---\n{head}---\n\n{body}\n", encoding="utf-8")


def copy_project_files(template: Path, target: Path) -> None:
    """The site configuration, hand-written pages, theme overrides and hook of the template project."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(template / "mkdocs.yml", target / "mkdocs.yml")
    if (template / "standard-catalog.yml").is_file():
        shutil.copy2(template / "standard-catalog.yml", target / "standard-catalog.yml")
    for folder in ("docs", "overrides", "generator"):  # the whole package: mkdocs.yml names its hook by path
        shutil.copytree(template / folder, target / folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "generated").mkdir(exist_ok=True)


def write_corpus(template: Path, target: Path, count: int, seed: int = 1, today: dt.date = dt.date(2026, 11, 25)) -> CorpusStats:
    rng = random.Random(seed)
    copy_project_files(template, target)
    content = target / "content"
    serials = _Serials()
    stats = CorpusStats()
    years = list(range(today.year - 9, today.year + 1))
    report_years = years[:-1]
    n_reports = min(2 * len(report_years), count // 20)
    n_policies = count * 12 // 100
    n_interpretations = n_policies * 8 // 10
    n_notices = count - n_reports - n_policies - n_interpretations
    _notices(rng, content, n_notices, years, today, serials, stats)
    numbers = _policies(rng, content, n_policies, years, today, serials, stats)
    _interpretations(rng, content, numbers[:n_interpretations], today, serials, stats)
    _reports(rng, content, n_reports, report_years, today, serials, stats)
    return stats


def _notices(rng, content, count, years, today, serials, stats) -> None:
    for index in range(count):
        published = _date_in(rng, years[index % len(years)], today)
        category = rng.choice(("通知", "通知", "通知", "公告", "公示"))
        subject = rng.choice(OBJECTS)
        title = f"关于做好{published.year}年{subject}的{category}"
        paragraphs = _paragraphs(rng, rng.randint(4, 9))
        slug = f"{published.year}-{index:05d}"
        if index % 37 == 5:
            paragraphs[1] = f"全面推行{MARKER}工程，在辖区餐饮单位后厨安装视频监控。" + paragraphs[1]
            stats.marker_records.append(f"notices/{slug}/")
        fields = [("标题", title), ("类别", category), ("发布日期", published.isoformat()), ("索引号", serials.next(published.year)),
                  ("发布机构", "纸坊镇人民政府"), ("关键词", f"{subject}、{category}")]
        folder = content / "notices" / slug
        if index % 20 == 3:
            (folder).mkdir(parents=True, exist_ok=True)
            (folder / "biao.csv").write_text("序号,事项,完成时限\n" + "".join(f"{n},{rng.choice(OBJECTS)},{published.year}年{rng.randint(1, 12)}月\n" for n in range(1, 30)),
                                             encoding="utf-8")
            fields.append(("附件", "[biao.csv]"))
            stats.attachments += 1
            _write(folder / "index.md", fields, "各村（社区）、镇直各部门：\n\n" + "\n\n".join(paragraphs) + "\n\n纸坊镇人民政府")
        else:
            _write(content / "notices" / f"{slug}.md", fields, "各村（社区）、镇直各部门：\n\n" + "\n\n".join(paragraphs) + "\n\n纸坊镇人民政府")
        stats.notices += 1


def _policies(rng, content, count, years, today, serials, stats) -> list[str]:
    numbers: list[tuple[str, dt.date, str]] = []
    per_year: dict[int, int] = {}
    for index in range(count):
        year = years[index % len(years)]
        published = _date_in(rng, year, today)
        per_year[year] = per_year.get(year, 0) + 1
        number = f"纸政发〔{year}〕{per_year[year]}号"
        provisional = "暂行" if index % 4 == 1 else ""
        subject = rng.choice(OBJECTS).removesuffix("工作")
        title = f"纸坊镇{subject}管理{provisional}办法"
        effective = published + dt.timedelta(days=rng.randint(0, 20))
        fields = [("标题", title), ("文号", number), ("发文机关", "纸坊镇人民政府"), ("成文日期", (published - dt.timedelta(days=3)).isoformat()),
                  ("发布日期", published.isoformat()), ("索引号", serials.next(published.year)), ("施行日期", effective.isoformat()),
                  # as the sample's province requires: the term stated in the document, and a 登记号
                  ("有效期至", day_before(add_years(effective, 2 if provisional else 5)).isoformat()),
                  ("登记号", f"ZFPR-{year}-{index + 1:07d}"), ("主题分类", rng.choice(TOPICS)), ("关键词", subject)]
        # every fifth document repeals an earlier one (from its own effective date), every seventh amends one
        if index % 5 == 4 and numbers:
            old_number, old_published, old_path = rng.choice(numbers)
            if old_published < effective <= today:
                _append_field(old_path, "废止", f"\n  日期: {effective.isoformat()}\n  文号: {number}")
        elif index % 7 == 6 and numbers:
            old_number, old_published, old_path = rng.choice(numbers)
            if old_published < effective <= today:
                _append_field(old_path, "修改", f" [{number}]")
        articles = [f"**第{_chinese_number(n)}条** " + _sentence(rng) for n in range(1, rng.randint(8, 20))]
        path = content / "policies" / f"zhengfa-{year}-{per_year[year]}.md"
        _write(path, fields, "\n\n".join(articles))
        numbers.append((number, published, str(path)))
        stats.policies += 1
    return [number for number, _, _ in numbers]


def _append_field(path: str, key: str, value: str) -> None:
    """Add a key to a policy written earlier, unless it already has one."""
    text = Path(path).read_text(encoding="utf-8")
    if f"\n{key}:" in text:
        return
    head, body = text[4:].split("---\n", 1)
    Path(path).write_text(f"---\n{head}{key}:{value}\n---\n{body}", encoding="utf-8")


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    return ("十" if n < 20 else digits[n // 10] + "十") + (digits[n % 10] if n % 10 else "")


def _interpretations(rng, content, numbers, today, serials, stats) -> None:
    for index, number in enumerate(numbers):
        year = int(number[4:8])
        published = _date_in(rng, year, today)
        fields = [("标题", f"{number}政策解读"), ("发布日期", published.isoformat()), ("索引号", serials.next(published.year)),
                  ("发布机构", "纸坊镇人民政府"), ("解读文件", number)]
        body = "## 一、制定背景\n\n" + "\n\n".join(_paragraphs(rng, 2)) + "\n\n## 二、主要内容\n\n" + "\n\n".join(_paragraphs(rng, 3))
        _write(content / "interpretations" / f"jiedu-{index:05d}.md", fields, body)
        stats.interpretations += 1


def _reports(rng, content, count, years, today, serials, stats) -> None:
    from ..checks.report_checks import FAZHI_PARTS

    for index in range(count):
        year = years[index // 2 % len(years)]
        published = dt.date(year + 1, 1, 20) if index % 2 == 0 else dt.date(year + 1, 3, 20)
        if published > today:
            continue
        if index % 2 == 0:
            _write(content / "reports" / f"{year}-gongkai.md", _gongkai_fields(year, published, serials), _gongkai_body(rng, year))
        else:
            body = "\n\n".join(f"## {'一二三四五'[n]}、{part}\n\n" + "\n\n".join(_paragraphs(rng, 3)) for n, (part, _) in enumerate(FAZHI_PARTS))
            fields = [("标题", f"纸坊镇{year}年度法治政府建设报告"), ("年度", str(year)),
                      ("发布日期", published.isoformat()), ("索引号", serials.next(published.year)), ("发布机构", "纸坊镇人民政府")]
            _write(content / "fazhi" / f"{year}-fazhi.md", fields, body)
        stats.reports += 1


def _gongkai_fields(year: int, published: dt.date, serials: _Serials) -> list[tuple[str, str]]:
    from ..content.report_tables import OUTCOME_GROUPS

    zero = "[0, 0, 0, 0, 0, 0, 0]"
    groups = "".join(f"\n  {group}:" + "".join(f"\n    {sub}: {zero}" for sub in subs) for group, subs in OUTCOME_GROUPS.items())
    table3 = (f"\n  本年新收: [2, 0, 0, 0, 0, 0, 2]\n  上年结转: {zero}\n  予以公开: [2, 0, 0, 0, 0, 0, 2]\n  部分公开: {zero}"
              f"{groups}\n  总计: [2, 0, 0, 0, 0, 0, 2]\n  结转下年度: {zero}")
    return [("标题", f"纸坊镇人民政府{year}年政府信息公开工作年度报告"), ("年度", str(year)),
            ("发布日期", published.isoformat()), ("索引号", serials.next(published.year)), ("发布机构", "纸坊镇人民政府"),
            ("表二", "\n  规章: [0, 0, 0]\n  行政规范性文件: [0, 0, 0]\n  行政许可: 0\n  行政处罚: 5\n  行政强制: 0\n  行政事业性收费: 0"),
            ("表三", table3), ("表四", "\n  行政复议: [0, 0, 0, 0, 0]\n  未经复议直接起诉: [0, 0, 0, 0, 0]\n  复议后起诉: [0, 0, 0, 0, 0]")]


def _gongkai_body(rng: random.Random, year: int) -> str:
    from ..checks.report_checks import GONGKAI_HEADINGS

    prose = {0: f"{year}年，本机关共收到政府信息公开申请2件。" + "".join(_paragraphs(rng, 2)), 4: "".join(_paragraphs(rng, 1)), 5: "无。"}
    return f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\n" + "\n\n".join(
        f"## {heading}" + (f"\n\n{prose[n]}" if n in prose else "") for n, heading in enumerate(GONGKAI_HEADINGS))
