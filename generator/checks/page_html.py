"""What a whole rendered page holds: the text a reader sees and can follow (for the personal-data scan),
and the markup outside the page allow-list (the net under the body check, mkdocs_hook.on_page_content)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

from .sanitizer import ADMONITION_TYPES, ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ID, cleaner, explain, filter_attribute, removed

# A whole page as MkDocs renders its Markdown (before the theme): the body's allow-list plus the markup
# gongkai's own templates write (navigation, the search form, tables with their labels).
# A net under the body check: anything else in a page means a template put content where it was not
# checked, and the build stops (mkdocs_hook.on_page_content). `markdown` stays on a page whose mkdocs.yml
# lacks md_in_html.
_PAGE_TAGS = ALLOWED_TAGS | {"nav", "form", "input", "select", "option", "label", "button", "noscript"}
_PAGE_COMMON = {"class", "id", "role", "markdown", "aria-label", "aria-live", "tabindex", "hidden", "data-search-exclude",
                "data-filter-columns",
                "data-sortable", "data-text-filter"}
_PAGE_ATTRIBUTES = {tag: _PAGE_COMMON | ALLOWED_ATTRIBUTES.get(tag, set()) for tag in _PAGE_TAGS} | {
    "form": _PAGE_COMMON | {"action", "method"}, "input": _PAGE_COMMON | {"type", "name", "placeholder", "autocomplete"},
    "select": _PAGE_COMMON | {"form", "name"}, "option": _PAGE_COMMON | {"value", "selected"},
    "label": _PAGE_COMMON | {"for"}, "button": _PAGE_COMMON | {"type"},
    "td": _PAGE_COMMON | ALLOWED_ATTRIBUTES["td"] | {"data-label"},  # a cell's column name, shown on a phone
}
_PAGE_CLASS = re.compile(r"gk-[a-z0-9_-]+")


def _page_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        kept = [c for c in value.split() if _PAGE_CLASS.fullmatch(c) or c in ADMONITION_TYPES | {"admonition", "admonition-title"}]
        return " ".join(kept) if kept == value.split() else None
    if name == "id":  # the templates' own ids start with gk-: only the characters are checked here
        return value if ID.fullmatch(value) else None
    return filter_attribute(tag, name, value) if name == "src" else value


_PAGE_CLEANER = cleaner(_PAGE_TAGS, _PAGE_ATTRIBUTES, _page_attribute)


def page_findings(html: str) -> list[str]:
    """What a whole rendered page carries outside the page allow-list, said as for a body."""
    return sorted({explain(token).message for token in removed(html, _PAGE_CLEANER.clean(html))})


class _Text(HTMLParser):
    """The text a browser shows (entities decoded, inline tags joined: `<span>136</span>1234…` is one number)
    and the addresses it dials or opens (percent-decoded), each on a line of its own."""

    _BREAKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dt", "dd", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self._BREAKS:
            self.shown.append("\n")
        elif tag in ("td", "th"):
            self.shown.append(" | ")
        for name, value in attrs:
            if value and name in ("href", "src", "title", "alt"):
                self.addresses.append(unquote(value))

    def handle_data(self, data):
        self.shown.append(data)


def shown_text(html: str) -> str:
    """What a reader of the rendered page sees and can follow, as plain text."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.shown) + "\n" + "\n".join(parser.addresses)
