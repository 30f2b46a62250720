"""What HTML a published page may carry: an allow-list, enforced by a real sanitizer (nh3, the Ammonia
binding) on the HTML that the body's Markdown renders to, with the extensions mkdocs.yml lists.

`gongkai check` refuses a body from which the sanitizer would remove anything, naming the line, so that
what is built is exactly what was checked: the generated Markdown tree carries only bodies that render
to allowed HTML, and any builder that reads mkdocs.yml (with or without our hooks) builds a safe site.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from mkdocs.utils.yaml import yaml_load

# What a 政务公开 document needs: structure, emphasis, tables, links, pictures from the site itself.
ALLOWED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "blockquote", "pre", "code",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "abbr",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img",
})
_CELL = {"rowspan", "colspan", "align", "scope"}
ALLOWED_ATTRIBUTES = {
    **{f"h{level}": {"id"} for level in range(1, 7)},  # the toc extension's anchors
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": _CELL, "td": _CELL, "col": {"span"}, "colgroup": {"span"},
    "ol": {"start"}, "abbr": {"title"},
    "p": {"align"}, "div": {"align"},  # a 落款 and its date are right-aligned: <p align="right">
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Admonitions (!!! note "…") are the only classes content may carry: the theme styles them.
ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
    "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote", "cite", "inline", "end",
})
ALLOWED_CLASSES = {"div": set(ADMONITION_TYPES | {"admonition"}), "p": {"admonition-title"}}
# MkDocs renders every page with these on top of mkdocs.yml's list (its config's `builtins`).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
# With only these extensions, a body without any of the _MARKUP strings (and no heading, whose anchor
# could take one of the theme's ids) renders to plain structural tags.
_PLAIN_EXTENSIONS = frozenset({"tables", "attr_list", "md_in_html", "admonition", "toc", "sane_lists", "nl2br",
                               "def_list", "abbr", "footnotes", "fenced_code"})
_MARKUP = ("<", "{", "](", "]:", "!!!", ":-", "-:", "`", "~~~", "&")  # ":-", "-:": table alignment

EXPECTED = "正文只能用 Markdown 和简单的 HTML: 标题、段落、列表、表格、链接和本站图片; 视频、网页等请作为附件或写成链接"


@dataclass(frozen=True)
class Finding:
    """One thing the sanitizer would remove, said so that a clerk can find it."""

    message: str
    expected: str = EXPECTED


RESERVED_IDS = ("__", "md-", "gk-")
ID = re.compile(r"[\w-]+")  # what toc's slugify makes: letters, digits, 汉字, - and _


def filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "src" and not _site_url(value):
        return None
    if name == "id" and (value.startswith(RESERVED_IDS) or not ID.fullmatch(value)):
        return None  # the theme's own element ids would break its scripts; `"` or `%` in an id breaks its TOC links
    return value


def _site_url(value: str) -> bool:
    """A picture must come from the site itself: a relative address, no scheme, no host. Browsers read a
    backslash as a slash (`/\\host/x.png` is another host) and drop tabs and line breaks, so none may occur."""
    parts = urlsplit(value)
    return (not parts.scheme and not parts.netloc and "\\" not in value and not value.startswith("//")
            and not any(char.isspace() or ord(char) < 0x20 for char in value))


def sanitize(html: str) -> str:
    """The HTML with everything outside the allow-list removed (scripts with their content)."""
    return _BODY_CLEANER.clean(html)


def cleaner(tags: frozenset[str], attributes: dict[str, set[str]], attribute_filter, **options) -> nh3.Cleaner:
    """An nh3 cleaner for an allow-list, built once: scripts go with their content, comments are removed,
    links keep their rel, addresses only with the allowed schemes."""
    return nh3.Cleaner(tags=set(tags), attributes={tag: set(names) for tag, names in attributes.items()},
                       attribute_filter=attribute_filter, strip_comments=True, link_rel=None, url_schemes=set(URL_SCHEMES),
                       clean_content_tags={"script", "style", "template"} | options.pop("clean_content_tags", set()), **options)


_BODY_CLEANER = cleaner(ALLOWED_TAGS, ALLOWED_ATTRIBUTES, filter_attribute, clean_content_tags={"noscript"},
                        allowed_classes=ALLOWED_CLASSES)


class _Tokens(HTMLParser):
    """Start tags with their attributes, comments and declarations: what a sanitizer can take away."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[tuple] = Counter()

    def handle_starttag(self, tag, attrs):
        self.found[("tag", tag, tuple(sorted((name, value or "") for name, value in attrs)))] += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.found[("comment",)] += 1

    def handle_decl(self, decl):
        self.found[("declaration", decl.split()[0] if decl.split() else "")] += 1

    def handle_pi(self, data):
        self.found[("declaration", "?")] += 1

    def unknown_decl(self, data):
        self.found[("declaration", data.split("[")[0])] += 1


def tokens(html: str) -> Counter[tuple]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.found


def explain(token: tuple) -> Finding:
    if token[0] == "comment":
        return Finding("不允许使用 HTML 注释 <!-- -->", "注释会原样留在网页源代码中, 请删除")
    if token[0] == "declaration":
        return Finding(f"不允许使用 <!{token[1]}> 或 <?…?> 声明")
    _, tag, attributes = token
    if tag not in ALLOWED_TAGS:
        return Finding(f"不允许使用 <{tag}> 标签")
    for name, value in attributes:
        if name not in ALLOWED_ATTRIBUTES.get(tag, set()) and not (name == "class" and tag in ALLOWED_CLASSES):
            return Finding(f"不允许在 <{tag}> 上使用 {name} 属性")
        shown = value if len(value) <= 40 else value[:40] + "…"
        if name == "class" and not set(value.split()) <= ALLOWED_CLASSES[tag]:
            return Finding(f"不允许的样式 class=\"{shown}\"")
        if name == "src" and not _site_url(value):
            return Finding(f"图片地址 '{shown}' 不是本站的文件", "图片请放在本条目的文件夹中, 用文件名引用; 外站图片会向其他网站发出请求")
        if name in ("href", "src") and urlsplit(value.strip()).scheme.lower() not in URL_SCHEMES | {""}:
            return Finding(f"不允许的链接地址 '{shown}'", "链接只能是 http://、https://、mailto:、tel: 或站内地址")
        if name == "id":
            return Finding(f"不允许的锚点名 id=\"{shown}\"", "锚点名只能用汉字、字母、数字、- 和 _, 不能以 __、md-、gk- 开头")
    return Finding(f"<{tag}> 的写法有误, 无法安全发布")


def removed(html: str, cleaned: str) -> Counter[tuple]:
    """What a sanitizer took away: tokens of `html` that its cleaned copy no longer has.

    Mostly nothing, and said without parsing twice: when the cleaned copy is `html` itself but for the
    solidus of `<br />` (which HTML ignores at a tag's end), the browser reads the same page. A ` />`
    anywhere else (in text, an attribute, a comment) comes back changed (`&gt;`, kept, removed), so such a
    page takes the exact comparison."""
    if cleaned == html or cleaned == html.replace(" />", ">"):
        return Counter()
    return tokens(html) - tokens(cleaned)


def _unsafe(html: str) -> Counter[tuple]:
    return removed(html, sanitize(html))


@functools.lru_cache(maxsize=4)
def _extensions(mkdocs_yml: str) -> tuple[tuple[str, ...], dict]:
    """mkdocs.yml's markdown_extensions, read with MkDocs' own YAML loader (county IT's file, trusted as
    `mkdocs build` trusts it), so that toc's slugify and every other option are exactly what MkDocs uses."""
    try:
        raw = yaml_load(mkdocs_yml) or {}
    except Exception:  # an unreadable mkdocs.yml is reported by config.load_config; render without options here
        raw = {}
    names, configs = [], {}
    listed = raw.get("markdown_extensions") if isinstance(raw, dict) else None
    for item in listed if isinstance(listed, list) else []:
        name, options = next(iter(item.items())) if isinstance(item, dict) and item else (item, None)
        if isinstance(name, str):
            names.append(name)
            if isinstance(options, dict):
                configs[name] = options
    return tuple(names), configs


@functools.lru_cache(maxsize=4)
def _renderer(mkdocs_yml: str) -> markdown.Markdown:
    names, configs = _extensions(mkdocs_yml)
    extensions = [*MKDOCS_BUILTIN_EXTENSIONS, *(name for name in names if name not in MKDOCS_BUILTIN_EXTENSIONS)]
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def extensions_problem(mkdocs_yml: str) -> str | None:
    """Why the Markdown extensions of mkdocs.yml cannot be loaded (MkDocs would fail on them too), or None."""
    try:
        raw = yaml_load(mkdocs_yml) or {}
    except Exception:  # noqa: BLE001 - reported by config.load_config as an unreadable mkdocs.yml
        return None
    listed = raw.get("markdown_extensions") if isinstance(raw, dict) else None
    if listed is not None and not isinstance(listed, list):
        return "应是扩展名称的列表 (例如 - admonition)"
    try:
        _renderer(mkdocs_yml).convert("# 测试")
    except Exception as error:  # noqa: BLE001 - each extension raises its own types
        return f"无法加载 ({type(error).__name__}: {error}) (请核对扩展名称和选项的拼写)"
    return None


def render(text: str, mkdocs_yml: str) -> str:
    """The HTML MkDocs makes of `text` with the Markdown extensions listed in `mkdocs_yml`."""
    renderer = _renderer(mkdocs_yml)
    renderer.reset()
    return renderer.convert(text)


def findings(text: str, extensions: str) -> list[tuple[int, Finding]]:
    """(line offset from the body's first line, finding) for everything the sanitizer would remove, and
    for a body left open at its end; `extensions` is the text of mkdocs.yml, whose markdown_extensions
    MkDocs renders the body with."""
    names = {name.rsplit(".", 1)[-1] if name.startswith("markdown.extensions.") else name for name in _extensions(extensions)[0]}
    if names <= _PLAIN_EXTENSIONS and not any(mark in text for mark in _MARKUP):
        # Plain text renders to plain tags; only its headings' anchors, made by toc's slugify, need a look.
        return [(offset, found) for offset, heading in _headings(text) for found in [heading_id_finding(heading, extensions)] if found]
    lines = text.split("\n")
    located = []
    if not _closed(text, extensions):
        low, high = 1, len(lines)  # the shortest opening of the body that is already left open
        while low < high:
            middle = (low + high) // 2
            if _closed("\n".join(lines[:middle]), extensions):
                low = middle + 1
            else:
                high = middle
        located.append((low - 1, Finding("这里开始的代码块 ``` 或 HTML 标签到正文结束都没有闭合",
                                         "代码块请以单独一行 ``` 结束, HTML 标签请写出结束标签; 不需要时请删除")))
    unsafe = _unsafe(render(text, extensions))
    for token in sorted(unsafe, key=repr):
        low, high = 1, len(lines)  # the shortest opening of the body that already renders the token
        while low < high:
            middle = (low + high) // 2
            if _unsafe(render("\n".join(lines[:middle]), extensions)).get(token):
                high = middle
            else:
                low = middle + 1
        located.append((low - 1, explain(token)))
    return sorted(set(located), key=lambda item: (item[0], item[1].message))


def _headings(text: str) -> list[tuple[int, str]]:
    """(line offset, text) of the headings of a body without markup: `## 标题` and `标题` over `===`/`---`."""
    lines = text.split("\n")
    found = []
    for offset, line in enumerate(lines):
        atx = re.match(r" {0,3}#{1,6}(.*?)[ \t#]*$", line)  # Python-Markdown needs no space after the #
        if atx:
            found.append((offset, atx.group(1).strip()))
        elif offset and re.fullmatch(r" {0,3}(=+|-+)[ \t]*", line) and lines[offset - 1].strip():
            found.append((offset, lines[offset - 1].strip()))
    return found


def heading_id_finding(heading: str, extensions: str) -> Finding | None:
    """What is wrong with the anchor id that toc (with mkdocs.yml's slugify) makes of a heading's text."""
    toc = _renderer(extensions).treeprocessors["toc"]
    anchor = toc.slugify(heading, toc.sep)
    if anchor.startswith(RESERVED_IDS):
        return explain(("tag", "h1", (("id", anchor),)))
    return None


def _closed(text: str, extensions: str) -> bool:
    """The body, put between two paragraphs, leaves both paragraphs intact (footnotes may follow them)."""
    sentinel = "gongkai" + hashlib.sha1(text.encode()).hexdigest()[:16]  # a word the body cannot hold
    html = render(f"{sentinel}a\n\n{text}\n\n{sentinel}b\n", extensions)
    return html.startswith(f"<p>{sentinel}a</p>") and f"<p>{sentinel}b</p>" in html
