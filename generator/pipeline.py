"""The pipeline, end to end: read → validate → assemble → generate → write. Used by the CLI and the hook."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from collections import Counter
import datetime as dt
from pathlib import Path

from .config import SiteConfig
from .errors import ConfigError, ContentError, Problem, SourceRef
from .checks import page_checks, report_checks, safety
from .content.chrome import footer_problems
from .pages.hand_written import stage_copy
from .content.lifecycle import published_attachments
from .content.models import Record, Report, validate
from .pages.outputs import CopiedFile, GeneratedFile, Page
from .pages import generate
from .pages.disclosure import disclosure_pages
from .content.columns import nav_problems
from .content.readers import RawDocument, read_tree
from .content.record_cache import RecordCache
from .content.standard_catalog import read_standard_catalog
from .search.entries import search_entries
from .search.index import SEARCH_INDEX, publish_index, stage_index
from .content.site import Site, assemble
from .pages.templating import PageMemo, page_path
from .stage_memo import StageMemo
from .writer import WriteSummary, hand_written_files, write_tree


def _checked(document: RawDocument, config: SiteConfig) -> tuple[Record | None, list[Problem]]:
    """One record file on its own: its safety, its fields, and a report's tables."""
    problems = safety.document_problems(document, config, config.text)
    record, found = validate(document, config)
    problems += found
    if isinstance(record, Report):
        problems += report_checks.record_problems(record, config.text)
    return record, problems


@dataclass
class BuildCache:
    """What a process that builds again and again (`gongkai serve`) keeps between its builds."""

    records: RecordCache = field(default_factory=RecordCache)
    pages: PageMemo = field(default_factory=PageMemo)
    stage: StageMemo = field(default_factory=StageMemo)


def load_site(config: SiteConfig, today: dt.date, cache: BuildCache | None = None) -> Site:
    """Everything `gongkai check` does; raises ContentError with every problem found. With a cache kept
    from an earlier build, files that did not change are not read or checked again."""
    kept = (cache or BuildCache()).records
    kept.start(config)
    documents, problems = read_tree(config.content_dir, config.root, config.folders, kept.read)
    kept.finish()
    extensions = config.text  # mkdocs.yml: the Markdown extensions bodies are rendered with
    records = []
    numbers_of_invalid_policies = set()
    for document in documents:
        record, found = kept.checked(document, lambda d: _checked(d, config))
        problems.extend(found)
        if record is not None:
            records.append(record)
        elif config.column(document.section).kind == "policy":
            numbers_of_invalid_policies.update("".join(str(raw.data).split()) for key, raw in document.fields if key == "文号")
    site, found = assemble(records, config, today, frozenset(numbers_of_invalid_policies))
    problems += found + nav_problems(config.columns, config.nav, config.text, bool(config.standard_catalog))
    if config.standard_catalog is not None:
        domains, found = read_standard_catalog(config.standard_catalog, config.root, config.columns)
        problems += found
        site = dataclasses.replace(site, standard_catalog=domains)
    problems += report_checks.site_problems(site) + footer_problems(config.footer, config.text)
    scanned = page_checks.settings_problems(config) + page_checks.pages_problems(config, extensions) + [
        p for r in records for p in safety.attachment_problems(
            r.attachments, published_attachments(r, today), r.line_of("附件"), safety.allowed_numbers(config, r.public_numbers))]
    problems += [p for p in scanned if not p.warning]
    if problems:
        raise ContentError(problems)
    return dataclasses.replace(site, scan_warnings=tuple(p for p in scanned if p.warning))


def plan(config: SiteConfig, today: dt.date, cache: BuildCache | None = None) -> tuple[Site, list[Page | CopiedFile | GeneratedFile]]:
    """Everything `gongkai check` does, including generating every page in memory; raises ContentError."""
    site = load_site(config, today, cache)
    pages, attachments = generate(site, cache.pages if cache else None)
    record_pages = {page_path(record): record for record in site.records}
    counts = Counter(page.path for page in pages)
    clashes = [Problem(record_pages[path].source, "", f"文件名与网站自动生成的页面 {path} 冲突", "请换个文件名 (page、current、repealed 是保留的名字)")
               for path, count in sorted(counts.items()) if count > 1 and path in record_pages]
    hand_written = hand_written_files(config.pages_dir)
    urls = {page_url(page.path) for page in pages if page.path.endswith(".md")}
    clashes += [
        Problem(SourceRef(f"{config.pages_dir.name}/{file.path}", 1), "", "与自动生成的页面同名", "请给手写页面换个文件名")
        for file in hand_written
        if file.path in counts or (file.path.endswith(".md") and page_url(file.path) in urls)
    ]
    clashes += _shadowing(config, pages, [*hand_written, *attachments])
    if clashes:
        raise ContentError(clashes)
    return site, [*map(stage_copy, hand_written), *pages, *attachments]


def page_url(path: str) -> str:
    """The address MkDocs gives a page with use_directory_urls: rules.md and rules/index.md are both rules/."""
    stem = path.removesuffix(".md")
    return (stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/").lower()


def _shadowing(config: SiteConfig, pages: list[Page], files: list[CopiedFile | GeneratedFile]) -> list[Problem]:
    """A copied file may not take the place of a generated page or of another file, not even by case:
    a web server on Windows, or a county portal's, would serve either for both names."""
    exact = {page.path for page in pages}  # exact clashes of docs/ pages are reported by plan already
    taken = {path.casefold() for path in exact}
    problems = []
    for file in files:
        key = file.path.casefold()
        if key in taken and file.path not in exact:
            source = getattr(file, "source", None)  # a GeneratedFile has none
            where = SourceRef(source.relative_to(config.root).as_posix() if source and source.is_relative_to(config.root) else file.path, 1)
            problems.append(Problem(where, "", f"与网站上的另一个文件 {file.path} 重名 (只差大小写)", "请换个文件名"))
        taken.add(key)
    return problems


def stage_search_index(config: SiteConfig, site: Site) -> Path:
    """Make the search index beside the built site (in a dot-folder, which MkDocs' clean leaves alone)."""
    hand_written = {f.path: f.source.read_text(encoding="utf-8") for f in hand_written_files(config.pages_dir) if f.path.endswith(".md")}
    hand_written |= {p.path: p.text for p in disclosure_pages(site)}  # 指南, 依申请公开, 标准目录
    try:
        return stage_index(search_entries(site, hand_written), config.site_dir)
    except OSError as error:
        raise ConfigError(f"无法写入搜索索引 / cannot write the search index: {error}") from None


def publish_search_index(config: SiteConfig, staged: Path) -> None:
    """Put a staged index in place, once MkDocs has built the site (a clean build empties site/ first)."""
    try:
        publish_index(staged, config.site_dir / SEARCH_INDEX)
    except OSError as error:
        raise ConfigError(f"无法写入搜索索引 / cannot write the search index: {error}") from None


def index_search(config: SiteConfig, site: Site) -> None:
    """Write the search index into the built site."""
    publish_search_index(config, stage_search_index(config, site))


def build_stage(config: SiteConfig, today: dt.date, cache: BuildCache | None = None) -> tuple[Site, WriteSummary]:
    """Write the generated Markdown tree that any mkdocs.yml builder can build."""
    site, outputs = plan(config, today, cache)
    return site, write_tree(config.stage_dir, outputs, cache.stage if cache else None)
