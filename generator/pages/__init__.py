"""Generate: pure functions from a Site to every page and file of the generated tree."""
from __future__ import annotations

from .exports import export_files
from .listings import listing_pages
from .outputs import CopiedFile, Page
from .record_pages import record_output
from ..content.site import Site


def generate(site: Site) -> tuple[list[Page], list[CopiedFile]]:
    pages = listing_pages(site) + export_files(site)
    files: list[CopiedFile] = []
    for record in site.records:
        page, attachments = record_output(record, site)
        pages.append(page)
        files.extend(attachments)
    return pages, files
