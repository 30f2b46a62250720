"""Generate: pure functions from a Site to every page and file of the generated tree."""
from __future__ import annotations

from .exports import export_files
from .listings import listing_pages
from .disclosure import application_form, disclosure_pages
from .outputs import CopiedFile, GeneratedFile, Page
from .record_pages import record_output
from ..content.site import Site


def generate(site: Site) -> tuple[list[Page], list[CopiedFile | GeneratedFile]]:
    pages = listing_pages(site) + export_files(site) + disclosure_pages(site)
    files: list[CopiedFile | GeneratedFile] = [application_form(site)]
    for record in site.records:
        page, attachments = record_output(record, site)
        pages.append(page)
        files.extend(attachments)
    return pages, files
