"""What the generate stage produces and the writer writes: pages (text) and copied files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    path: str  # relative to the generated tree, e.g. "notices/2024-chungeng/index.md"
    text: str


@dataclass(frozen=True)
class GeneratedFile:
    path: str
    data: bytes  # a file made by gongkai that is not text: the .docx 申请表


@dataclass(frozen=True)
class CopiedFile:
    path: str  # where it goes in the generated tree
    source: Path  # the file in content/ or docs/
