"""Checks that keep a record safe to publish: no personal data in its text or attachments (errors),
no script in its body (errors), attachments that could not be scanned (warnings)."""
from __future__ import annotations

import re
from typing import Iterable

from . import personal_data
from .attachment_text import Unreadable, pieces
from .config import SiteConfig
from .errors import BODY, Problem, SourceRef
from .models import Record

_TEXT_FIELDS = (("标题", "title"), ("摘要", "summary"), ("发布机构", "issuer"), ("发文机关", "issuer"))
_UNSAFE = (
    (re.compile(r"<\s*script\b", re.I), "<script>"),
    (re.compile(r"<\s*iframe\b", re.I), "<iframe>"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "事件属性 on…="),
    (re.compile(r"javascript\s*:", re.I), "javascript: 链接"),
)
_FENCE = re.compile(r"\s*(```|~~~)")
_MAYBE_UNSAFE = re.compile(r"<|javascript", re.I)  # a body without either cannot hold any of _UNSAFE


def _allowed(record: Record, config: SiteConfig) -> set[str]:
    return {re.sub(r"\D", "", n) for n in (*config.allowed_numbers, *record.public_numbers)}


def _hits(text: str, allowed: set[str]) -> list[tuple[personal_data.Hit, str]]:
    return [(hit, personal_data.masked_excerpt(text, hit)) for hit in personal_data.find(text) if hit.digits not in allowed]


def _message(hit: personal_data.Hit, excerpt: str) -> tuple[str, str]:
    return (f"疑似{hit.kind} {hit.masked}: “{excerpt}”",
            f"公开前必须打码, 如 {hit.masked}; 若是公开的办公号码, 在本文件的 公开号码 或 mkdocs.yml 的 personal_data.allowed 中列出")


def _body_lines(record: Record) -> Iterable[tuple[int, str]]:
    fenced = False
    for offset, line in enumerate(record.body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield record.body_line + offset, line


def record_problems(record: Record, config: SiteConfig, published_attachments: bool) -> list[Problem]:
    """Errors and warnings for one record; attachments are scanned only when they will be published."""
    allowed = _allowed(record, config)
    path = record.source.path
    found = []
    for key, attribute in _TEXT_FIELDS:
        if key in record.lines:
            for hit, excerpt in _hits(getattr(record, attribute), allowed):
                found.append(Problem(record.line_of(key), key, *_message(hit, excerpt)))
    numbers, markup = personal_data.find(record.body), _MAYBE_UNSAFE.search(record.body)
    for line, text in _body_lines(record) if numbers or markup else ():
        for hit, excerpt in _hits(text, allowed):
            found.append(Problem(SourceRef(path, line), BODY, *_message(hit, excerpt)))
        for pattern, name in _UNSAFE if markup else ():
            if pattern.search(text):
                found.append(Problem(SourceRef(path, line), BODY, f"不允许使用 {name}", "正文只能用 Markdown 和不带脚本的简单 HTML; 视频等请作为附件"))
    if published_attachments:
        for attachment in record.attachments:
            found += _attachment_problems(attachment.path, f"{path.rsplit('/', 1)[0]}/{attachment.file}", allowed)
    return found


def _attachment_problems(file, shown_path: str, allowed: set[str]) -> list[Problem]:
    found = []
    try:
        for piece in pieces(file):
            for hit, excerpt in _hits(piece.text, allowed):
                found.append(Problem(SourceRef(shown_path, piece.line, piece.place), "附件", *_message(hit, excerpt)))
    except Unreadable as error:
        found.append(Problem(SourceRef(shown_path, 1), "附件", str(error), "请人工确认其中没有身份证号、手机号、银行卡号", warning=True))
    return found
