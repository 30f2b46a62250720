"""Generate: pure functions from a Site to every page and file of the generated tree."""
from __future__ import annotations

from .exports import export_files
from .listings import listing_pages
from .disclosure import application_form, disclosure_pages
from .outputs import CopiedFile, GeneratedFile, Page
from .record_pages import record_output
from .templating import PageMemo
from ..content.site import Site


def generate(site: Site, memo: PageMemo | None = None) -> tuple[list[Page], list[CopiedFile | GeneratedFile]]:
    """memo: the record pages of an earlier build in the same process, rendered again only if changed."""
    pages = listing_pages(site, memo) + export_files(site, memo) + disclosure_pages(site)
    files: list[CopiedFile | GeneratedFile] = [application_form(site)]
    for record in site.records:
        page, attachments = record_output(record, site, memo)
        pages.append(page)
        files.extend(attachments)
    return pages, files
