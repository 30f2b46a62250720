"""The 政府信息公开申请表: one definition, printed on the 依申请公开 page and written as a .docx to download.

The .docx is plain WordprocessingML written with zipfile (no library needed for one table), with fixed
timestamps so that two builds give the same bytes.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

FORM_TITLE = "政府信息公开申请表"
FORM_FILE = "application/政府信息公开申请表.docx"


@dataclass(frozen=True)
class FormSection:
    heading: str
    rows: tuple[str, ...]  # the items to fill in
    note: str = ""


def form_sections(office: str) -> tuple[FormSection, ...]:
    return (
        FormSection("申请人信息（公民）", ("姓名", "证件名称", "证件号码", "工作单位", "联系电话", "邮政编码", "通信地址", "电子邮箱")),
        FormSection("申请人信息（法人或者其他组织）", ("名称", "统一社会信用代码", "法定代表人或者主要负责人", "联系人姓名", "联系人电话",
                                              "邮政编码", "通信地址", "电子邮箱")),
        FormSection("所需政府信息情况", (f"受理机关：{office}" if office else "受理机关", "所需政府信息的名称、文号或者便于查询的其他特征性描述",
                                     "获取信息的方式：□ 纸质　□ 电子邮件　□ 光盘　□ 其他", "信息的载体形式：□ 邮寄　□ 电子邮件　□ 当面领取")),
        FormSection("申请人签名", ("申请人签名（盖章）", "申请日期"), "公民、法人或者其他组织任选一栏填写。所填联系方式用于送达答复，请如实填写。"),
    )


_NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>'
                  '<Override PartName="/word/document.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELATIONSHIPS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                  'Target="word/document.xml"/></Relationships>')
_FONT = '<w:rFonts w:ascii="SimSun" w:eastAsia="SimSun" w:hAnsi="SimSun"/>'


def _run(text: str, bold: bool = False, size: int = 24) -> str:
    properties = _FONT + ("<w:b/>" if bold else "") + f'<w:sz w:val="{size}"/>'
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(text: str, bold: bool = False, size: int = 24, center: bool = False) -> str:
    alignment = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    return f"<w:p>{alignment}{_run(text, bold, size)}</w:p>"


def _cell(text: str, width: int, bold: bool = False, span: int = 1) -> str:
    merge = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}</w:tcPr>'
            f"{_paragraph(text, bold)}</w:tc>")


def _table(sections: tuple[FormSection, ...]) -> str:
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    rows = []
    for section in sections:
        rows.append(f"<w:tr>{_cell(section.heading, 9000, bold=True, span=2)}</w:tr>")
        rows += [f'<w:tr><w:trPr><w:trHeight w:val="560"/></w:trPr>{_cell(item, 3600)}{_cell("", 5400)}</w:tr>' for item in section.rows]
    return (f'<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="3600"/><w:gridCol w:w="5400"/></w:tblGrid>{"".join(rows)}</w:tbl>')


def form_docx(office: str) -> bytes:
    sections = form_sections(office)
    notes = [section.note for section in sections if section.note]
    body = (_paragraph(FORM_TITLE, bold=True, size=36, center=True) + _table(sections)
            + "".join(_paragraph(note, size=21) for note in notes)
            + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr>')
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NAMESPACE}><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELATIONSHIPS), ("word/document.xml", document)):
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: the same bytes on every build
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()
