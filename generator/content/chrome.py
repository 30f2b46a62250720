"""The site chrome the national website rules require on every page (domain.md §6): footer lines that
come from configuration, never invented, and are checked before a build."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem, SourceRef

FOOTER_ITEMS = (  # key in extra.gongkai.footer, what it is, a format it must have ("" = any)
    ("host", "主办单位", ""),
    ("contact", "联系方式", ""),
    ("site_id_code", "网站标识码", r"[0-9A-Za-z]{10}"),
    ("icp", "ICP备案号", r".*ICP备\d+号(-\d+)?.*"),
    ("police_record", "公安机关备案号", r"\D*\d{14}\D*"),
    ("dzjg_url", "党政机关网站标识链接", r"https?://\S+"),
    ("jiucuo_url", "我为政府网站找错链接", r"https?://\S+"),
)


@dataclass(frozen=True)
class Footer:
    host: str = ""
    contact: str = ""  # one line: address and phone, derived from extra.gongkai.contact
    site_id_code: str = ""
    icp: str = ""
    police_record: str = ""
    dzjg_url: str = ""
    jiucuo_url: str = ""
    provided_by_portal: tuple[str, ...] = ()  # items the surrounding county portal shows instead
    # The badges are the issued images, shipped with the site (overrides/assets/images/ holds stand-ins):
    # paths in the built site, of a file in docs/ or overrides/.
    dzjg_image: str = "assets/images/dzjg.svg"
    police_image: str = "assets/images/beian.svg"
    police_url: str = ""  # the 公安备案 link; by default the record's page on the national 备案 site


IMAGE_PATH = re.compile(r"(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.(?:png|gif|jpg|jpeg|svg|webp)")


def footer_problems(footer: Footer, config_text: str) -> list[Problem]:
    problems = []
    for key, label, pattern in FOOTER_ITEMS:
        if key in footer.provided_by_portal:
            continue
        value = getattr(footer, key)
        line = _line_of(config_text, key)
        where = SourceRef("mkdocs.yml", line)
        if not value:
            problems.append(Problem(where, f"footer.{key}", f"页脚缺少{label}",
                                    f"政府网站每页页脚须有{label}; 若由所在的县级门户统一显示, 在 footer.provided_by_portal 中写 {key}"))
        elif pattern and not re.fullmatch(pattern, value):
            problems.append(Problem(where, f"footer.{key}", f"{label} '{value}' 格式不对", _EXPECTED[key]))
    return problems


_EXPECTED = {
    "site_id_code": "网站标识码为 10 位字母数字, 见政府网站信息报送系统",
    "icp": "例如 鲁ICP备12345678号",
    "police_record": "例如 鲁公网安备 37082902000001号 (14 位数字)",
    "dzjg_url": "应为以 http:// 或 https:// 开头的网址",
    "jiucuo_url": "应为以 http:// 或 https:// 开头的网址",
}


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{key}\s*:", line):
            return number
    for parent in ("footer:", "gongkai:"):
        found = next((n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(parent)), 0)
        if found:
            return found
    return 1
