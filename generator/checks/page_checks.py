"""Hand-written pages (docs/) and county IT's settings files (mkdocs.yml, what it INHERITs, the theme
folder): what they put on pages is checked like content — links, file types, HTML, personal data — and a
page's settings are an allow-list, read the way MkDocs reads them."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..config import SiteConfig
from ..pages.hand_written import ALLOWED, PageUnreadable, read_page
from ..errors import BODY, Problem, SourceRef
from ..content.readers import invisible_free, link_problem, name_problem, relative_to_root
from .safety import (allowed_numbers, body_markup_problems, content_problems, file_type_problems, number_problems,
                     numbers_in, shown_number_problems)


def settings_problems(config: SiteConfig) -> list[Problem]:
    """What county IT's files put on every page: mkdocs.yml and the files it INHERITs (site name,
    description, footer, contact), as written and as YAML reads them (`"\u0031…"` escapes), and the
    text files of the theme folder, which MkDocs copies into the site."""
    allowed = allowed_numbers(config)
    found: list[Problem] = []
    for shown, text in _settings_texts(config):
        found += number_problems(text, SourceRef(shown, 1), "", allowed, 1)
        found += [p for line, value in _yaml_scalars(text)
                  for p in number_problems(value, SourceRef(shown, line), "", allowed, known=numbers_in(text))]
    theme = config.theme_dir
    for path in sorted(theme.rglob("*")) if theme is not None and theme.is_dir() else ():
        if path.is_file() and path.suffix.lower() in _THEME_TEXT:
            found += number_problems(path.read_bytes().decode("utf-8", errors="replace"), SourceRef(relative_to_root(path, config.root), 1), "", allowed, 1)
    return found


_THEME_TEXT = {".html", ".htm", ".css", ".js", ".txt", ".json", ".xml", ".svg", ".md", ".csv", ".yml", ".yaml"}
MAX_INHERIT = 10  # mkdocs.yml may INHERIT a shared base file, which may inherit another


def _settings_texts(config: SiteConfig) -> list[tuple[str, str]]:
    texts, path, text = [], config.root / "mkdocs.yml", config.text
    for _ in range(MAX_INHERIT):
        texts.append((relative_to_root(path, config.root), text))
        parent = next((v for line, v in _yaml_scalars(text, top_key="INHERIT")), None)
        if not parent:
            break
        path = (path.parent / parent).resolve()
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            break  # MkDocs reports a missing parent itself
    catalog = config.standard_catalog  # printed as a page: its numbers are published too
    if catalog is not None and catalog.is_file() and not catalog.is_symlink():
        texts.append((relative_to_root(catalog, config.root), catalog.read_text(encoding="utf-8", errors="replace")))
    return texts


def _yaml_scalars(text: str, top_key: str | None = None) -> list[tuple[int, str]]:
    """(line, value) of every scalar as YAML reads it; with top_key, only the value of that top-level key."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return []  # reported by config.load_config
    if top_key is not None:
        pairs = root.value if isinstance(root, yaml.MappingNode) else []
        return [(v.start_mark.line + 1, str(v.value)) for k, v in pairs if getattr(k, "value", None) == top_key and isinstance(v, yaml.ScalarNode)]
    found, pending = [], [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode):
            found.append((node.start_mark.line + 1, str(node.value)))
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
        elif isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
    return sorted(found)


def pages_problems(config: SiteConfig, extensions: str) -> list[Problem]:
    """Hand-written pages in docs/ are content too: the same rules for links, file types, HTML and
    personal data, and titles the theme prints as they are."""
    pages_dir = config.pages_dir
    if not pages_dir.is_dir():
        return []
    allowed = allowed_numbers(config)
    found = []
    for path in sorted(pages_dir.rglob("*")):
        relative = path.relative_to(pages_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        shown = f"{pages_dir.name}/{relative.as_posix()}"
        where = SourceRef(shown, 1)
        link = link_problem(path, pages_dir, config.root)
        if link or path.is_dir():
            found += [link] if link else []
            continue
        found += number_problems(relative.as_posix(), where, "", allowed)
        named = name_problem(relative.as_posix(), where)
        if named:
            found.append(named)
            continue
        if path.suffix.lower() == ".md":
            found += _page_problems(path, shown, allowed, extensions)
        else:
            found += [Problem(p.source, "", p.message, p.expected) for p in file_type_problems(path, relative.name, where)]
            found += content_problems(path, shown, allowed)
    return found


# What a hand-written page may set in its front matter: the theme prints page meta as it is, and other keys
# choose templates (`template: redirect.html` with `location:`) or print into the page (`author:`, `subtitle:`).
PAGE_META = dict(zip(ALLOWED, ("页面标题", "页面说明", "隐藏导航或目录")))
_HIDEABLE = {"navigation", "toc"}  # never "footer": the footer carries what the national rules require


def _page_problems(path: Path, shown: str, allowed: set[str], extensions: str) -> list[Problem]:
    """A docs/ page as MkDocs reads it (hand_written.read_page: its own front-matter reader, also for the
    MultiMarkdown `key: value` lines it takes from the top of a page without ---), checked like a record."""
    try:
        page = read_page(path)
    except UnicodeDecodeError:
        return [Problem(SourceRef(shown, 1), "", "文件不是 UTF-8 编码的文字", "请用 UTF-8 编码保存")]
    except PageUnreadable:
        return [Problem(SourceRef(shown, 2), "", "不支持 YAML 的 & 锚点和 * 引用", "每个值请直接写出来")]
    except Exception:  # noqa: BLE001 - MkDocs fails the build on the same text; say so plainly
        return [Problem(SourceRef(shown, 1), "", "页面开头的设置无法读取", "第一行写 ---, 其后 title: 页面标题, 再以 --- 结束")]
    lines = page.text.split("\n")
    found = number_problems(page.text, SourceRef(shown, 1), BODY, allowed, 1)
    found += shown_number_problems(page.text, SourceRef(shown, 1), allowed, extensions)
    found += [Problem(SourceRef(shown, i), BODY, "含有看不见的控制字符", "请删除它") for i, line in enumerate(lines, 1) if not invisible_free(line.replace("\t", ""))]
    known = numbers_in(page.text)
    for key, value in page.settings.items():
        line = next((i for i, row in enumerate(lines[: page.body_line - 1], 1) if str(key).lower() in row.lower()), 1)
        found += _meta_problems(str(key), value, SourceRef(shown, line))
        # the values as YAML reads them: "\u0031\u0033…" is a number too
        found += [p for text in _strings(value) for p in number_problems(text, SourceRef(shown, line), str(key), allowed, known=known)]
    return found + body_markup_problems(page.body, shown, page.body_line, extensions)


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for pair in value.items() for item in pair for text in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _strings(item)]
    return [str(value)]


def _meta_problems(key: str, value: object, where: SourceRef) -> list[Problem]:
    """The settings the stage writes (hand_written.stage_copy), title and description escaped."""
    if key not in PAGE_META:
        return [Problem(where, key, "手写页面不支持这项设置", "只能写 " + "、".join(f"{k} ({v})" for k, v in PAGE_META.items()))]
    if key == "hide":
        if not isinstance(value, list) or not all(isinstance(v, str) and v in _HIDEABLE for v in value):
            return [Problem(where, key, "只能隐藏 navigation 或 toc", "例如 hide: [toc]; 页脚是网站必须显示的, 不能隐藏")]
        return []
    if not isinstance(value, str):
        return [Problem(where, key, "应是一行文字", f"例如 {key}: 政府信息公开指南")]
    if "\n" in value or not invisible_free(value):
        return [Problem(where, key, "含有换行或看不见的控制字符", "请写在一行, 删除看不见的字符")]
    return []
