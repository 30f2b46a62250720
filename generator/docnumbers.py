"""文号 (GB/T 9704-2012 §7.2.5): 发文机关代字 + 〔full year〕 + sequence number + 号."""
from __future__ import annotations

import re

from .fields import Invalid, text
from .readers import RawValue

_WELL_FORMED = re.compile(r"(?P<code>[^\s〔〕]+)〔(?P<year>\d{4})〕(?P<number>[1-9]\d*)号")
EXAMPLE = "纸政发〔2023〕3号"


def doc_number(value: RawValue) -> str:
    written = "".join(text(value).split())
    if _WELL_FORMED.fullmatch(written):
        return written
    raise Invalid(f"'{written}' 不是规范的文号", f"应为 发文机关代字〔年份〕序号号, 如 {EXAMPLE}")
