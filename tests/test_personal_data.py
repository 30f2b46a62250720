"""Personal data is found however it is written, never where it is not, and only ever shown masked;
attachments are read in full (headers, comments, text boxes, tracked changes, formulas, other encodings)."""
import datetime as dt
import io
import re
import unicodedata
import zipfile

import docx
import openpyxl
import pytest
from openpyxl.comments import Comment

from conftest import minimal_pdf
from generator.checks import ooxml_text
from generator.checks.attachment_text import Unreadable, pieces
from generator.config import load_config
from generator.errors import ContentError
from generator.checks.personal_data import find, id_check_digit, masked_excerpt, redact
from generator.pipeline import load_site

ID = "11010519491231002" + id_check_digit("11010519491231002")  # check character X
ID2 = "37082919850615123" + id_check_digit("37082919850615123")
MOBILE, CARD = "13812345678", "6222021234567890128"  # the card passes Luhn
ZW = "\u200b"

FOUND = [
    # 身份证号: grouped, dashed, full-width, invisible characters, split over cells or lines
    (f"身份证号 {ID[:6]} {ID[6:14]} {ID[14:]}", "身份证号", "110105********002X"),
    (f"{ID[:6]}-{ID[6:14]}-{ID[14:]}", "身份证号", "110105********002X"),
    ("".join(chr(ord(c) + 0xFEE0) for c in ID), "身份证号", "110105********002X"),
    (f"{ID[:6]}－{ID[6:14]}—{ID[14:]}", "身份证号", "110105********002X"),
    (f"{ID[:6]}‐{ID[6:14]}–{ID[14:]}", "身份证号", "110105********002X"),
    (f"{ID[:6]}\u3000{ID[6:]}", "身份证号", "110105********002X"),
    (ZW.join(ID), "身份证号", "110105********002X"),
    (f"{ID[:4]}\u200c{ID[4:8]}\u200d{ID[8:12]}\u2060{ID[12:15]}\ufeff{ID[15:]}", "身份证号", "110105********002X"),
    (f"{ID[:9]}\u00ad{ID[9:]}", "身份证号", "110105********002X"),
    (f"| 1 | 张某 | {ID[:6]} | {ID[6:]} |", "身份证号", "110105********002X"),
    (f"户主张某，身份证号{ID2[:10]}\n{ID2[10:]}，东庄村", "身份证号", f"370829********{ID2[-4:]}"),
    (ID.lower(), "身份证号", "110105********002X"),
    ("旧证 110105491231002", "身份证号", "110105*****1002"),
    ("旧证 110105 491231 002", "身份证号", "110105*****1002"),
    # 手机号: country codes, separators, a line break, table cells, a 序号 in front
    ("+86 13812345678", "手机号", "138****5678"),
    ("86 138 1234 5678", "手机号", "138****5678"),
    ("8613812345678", "手机号", "138****5678"),
    ("0086 13812345678", "手机号", "138****5678"),
    ("+86-138-1234-5678", "手机号", "138****5678"),
    ("(+86)13812345678", "手机号", "138****5678"),
    ("（＋８６）１３８ １２３４ ５６７８", "手机号", "138****5678"),
    ("电话138123\n45678", "手机号", "138****5678"),
    ("电话138123\r\n45678", "手机号", "138****5678"),
    ("| 张某 | 138 | 1234 5678 |", "手机号", "138****5678"),
    ("| 1 | 13812345678 |", "手机号", "138****5678"),
    ("1 13812345678", "手机号", "138****5678"),
    (f"联系人手机{ZW}138{ZW}1234{ZW}5678。", "手机号", "138****5678"),
    ("tel:13812345678", "手机号", "138****5678"),
    # 银行卡号: one run or groups of 4
    (f"卡号 {CARD}", "银行卡号", "6222***********0128"),
    ("卡号 6222 0212 3456 7890 128", "银行卡号", "6222***********0128"),
    ("卡号 6222-0212-3456-7890-128", "银行卡号", "6222***********0128"),
    # separators people also type, groupings, labels glued to the number
    ("电话151ー1234ー5678", "手机号", "151****5678"),
    ("135.1234.5678", "手机号", "135****5678"),
    ("138_1234_5678", "手机号", "138****5678"),
    ("138/1234/5678", "手机号", "138****5678"),
    ("1581 2345 678", "手机号", "158****5678"),
    ("TEL13412345678", "手机号", "134****5678"),
    (" ".join(ID[i:i + 4] for i in range(0, 18, 4)), "身份证号", "110105********002X"),
    ("ID" + ID, "身份证号", "110105********002X"),
    ("联系电话：139,1234,0002。", "手机号", "139****0002"),
    ("139，1234，5678", "手机号", "139****5678"),
    ("139、1234、0013", "手机号", "139****0013"),
    ("电话：139:1234:0009", "手机号", "139****0009"),
    ("(139)1234-0003", "手机号", "139****0003"),
    ("手机：1391234*0005", "手机号", "139****0005"),
    (f"{ID[:6]},{ID[6:14]},{ID[14:]}", "身份证号", "110105********002X"),
    ("6222,0212,3456,7894", "银行卡号", "6222********7894"),
    ("联系人：王五 13912340001 户主本人。", "手机号", "139****0001"),  # 户 starts a word here, it is no unit
    ("身份证编号：110105491231002。", "身份证号", "110105*****1002"),  # 编号 of an ID, not a 注册号
    ("手机：一三九一二三四零零零六。", "手机号", "139****0006"),
    ("微信：wx13912340007", "手机号", "139****0007"),
    ("壹叁捌壹贰叁肆伍陆柒捌", "手机号", "138****5678"),  # 大写 numerals, as on bank forms
    ("一三八 一二三四 五六七八", "手机号", "138****5678"),
    ("联系电话\n139\n8765\n4321", "手机号", "139****4321"),  # Enter pressed twice inside it
]

PASSING = [
    "纸政发〔2023〕3号",
    "索引号 11370829MB0000000A/2024-00012",
    "索引号 113708290000000000/2024-00001",
    "统一社会信用代码 91370829MA3C4XYZ1K",
    "统一社会信用代码 913708290100056007",  # all digits, passes Luhn, but a valid 统一社会信用代码
    "邮编 272500",
    "电话 0537-1234567",
    "电话 (0537)1234567",
    "电话 010-12345678",
    "服务热线 400-123-4567",
    "张某 138****1234",
    "110105********002X",
    "6222********0128",
    "1,234,567.89元",
    "15000元",
    "2024-03-15",
    "2024年3月15日",
    "2024-03-15 12:00",
    "2024-03-15 2024-03-16 2024-03-17",
    "2019 2020 2021 2022",  # shaped like a card, but fails Luhn
    "98%",
    "| 1 | 12 | 300 |",
    "| 13 | 150 | 3000 | 12 |\n| 15 | 120 | 3500 | 80 |",  # neighbouring cells are numbers, not one number
    "| 16922 | 463473 | 214 |",
    ID[:17] + ("0" if ID[17] != "0" else "1"),  # wrong check digit
    "110105203012310021",  # born in the future
    "MA13812345678",  # glued to letters: part of a code
    "138123456789",  # 12 digits
    "20240315123000",
    "1 3 8 1 2 3 4 5 6 7 8",  # a row of single digits
    "项目总投资 13812345678.00 元",  # amounts and measures, not mobiles
    "13812345678万元",
    "面积 18512345678 平方米",
    "注册号370829200123456",  # a company's old 15-digit 营业执照注册号
    "download?id=1768954321234567896",  # no card network starts with 1 or 20…
    "20240315093012342.pdf",
]


@pytest.mark.parametrize("text, kind, masked", FOUND)
def test_numbers_are_found_however_they_are_written(text, kind, masked):
    hits = find(text)
    assert [(hit.kind, hit.masked) for hit in hits] == [(kind, masked)]
    assert masked in redact(text)


@pytest.mark.parametrize("text", PASSING)
def test_other_numbers_pass(text):
    assert find(text) == []
    assert redact(text) == text


def test_hits_point_into_the_original_text():
    text = f"张某 {ID[:6]}{ZW} {ID[6:14]}－{ID[14:]} 完"
    [hit] = find(text)
    assert text[hit.start] == "1" and text[hit.end - 1] == "X" and hit.digits == ID


def _digits(text: str) -> str:
    return re.sub(r"[^0-9X]", "", unicodedata.normalize("NFKC", text).upper())


@pytest.mark.parametrize("text", [text for text, _, _ in FOUND]
                         + [f"张三 {MOBILE} 李四 13912345678 王五 {ID} 卡 {CARD}", f"{ID}{ZW}，{MOBILE}"])
def test_an_excerpt_never_shows_a_whole_number(text):
    hits = find(text)
    assert hits
    for hit in hits:
        excerpt = masked_excerpt(text, hit)
        assert hit.masked in excerpt
        for other in hits:
            assert other.digits not in _digits(excerpt)


def test_redact_masks_every_number_and_leaves_other_messages_alone():
    assert redact(f"字段 '发布日期': '{ID}' 不是日期") == "字段 '发布日期': '110105********002X' 不是日期"
    assert redact(f"联系 +86 138 1234 5678 或 {CARD}") == "联系 +86 138****5678 或 6222***********0128"
    plain = "content/notices/a.md:3: 字段 '发布日期': '2024-13-01' 是不存在的日期 (请核对月份和日子)"
    assert redact(plain) is plain


# --- attachments ---

def found_in(path) -> list[tuple[str, str]]:
    """(place, masked number) for each number in the attachment, as check reports them."""
    return [(piece.place, hit.masked) for piece in pieces(path) for hit in find(piece.text)]


def rezip(data: bytes, changes: dict[str, bytes | str]) -> bytes:
    """The zip with some members replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in changes:
                target.writestr(item, source.read(item.filename))
        for name, content in changes.items():
            target.writestr(name, content)
    return out.getvalue()


def docx_bytes(document: docx.document.Document | None = None) -> bytes:
    out = io.BytesIO()
    (document or docx.Document()).save(out)
    return out.getvalue()


NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
              'xmlns:v="urn:schemas-microsoft-com:vml"')


def word_part(root: str, body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{root} {NAMESPACES}>{body}</w:{root}>'


def write_docx(tmp_path, body: str, **parts: str) -> object:
    path = tmp_path / "x.docx"
    changes = {"word/document.xml": word_part("document", f"<w:body>{body}</w:body>"), **parts}
    path.write_bytes(rezip(docx_bytes(), changes))
    return path


def test_docx_headers_footers_and_nested_tables(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "值班电话 13812345678"
    document.sections[0].footer.paragraphs[0].text = f"联系人 {ID}"
    document.add_paragraph("名单如下")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "户主"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "张某", "139 1234 5678"
    split = document.add_table(rows=1, cols=3)  # a number split over two cells
    split.cell(0, 0).text, split.cell(0, 1).text, split.cell(0, 2).text = "李某", "137", "1234 5678"
    (tmp_path / "x.docx").write_bytes(docx_bytes(document))
    assert found_in(tmp_path / "x.docx") == [
        ("表格 2 第 1 行", "139****5678"),
        ("表格 3 第 1 行", "137****5678"),
        ("页眉 header1.xml 第 1 段", "138****5678"),
        ("页脚 footer1.xml 第 1 段", "110105********002X"),
    ]


TEXT_BOX = ("<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><wps:wsp><wps:txbx>"
            "<w:txbxContent><w:p><w:r><w:t>值班 13812345678</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>"
            "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>"
            "<w:t>值班 13812345678</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>")


def test_docx_text_boxes_tracked_changes_fields_and_runs(tmp_path):
    body = ("<w:p><w:r><w:t>说明</w:t></w:r></w:p>" + TEXT_BOX
            # the clerk masked the number with tracking on: the deleted digits are still in the file
            + "<w:p><w:r><w:t>电话 138</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>1234</w:delText></w:r>"
              "</w:del><w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>****</w:t></w:r></w:ins><w:r><w:t>5678</w:t></w:r></w:p>"
            + "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> HYPERLINK \"tel:13712345678\" "
              "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>联系我们</w:t></w:r>"
              "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
            + "<w:p><w:r><w:t>手机 135</w:t></w:r><w:r><w:t>1234</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>"
            + "<w:p><w:r><w:t>手机 136123</w:t><w:br/><w:t>45678</w:t></w:r></w:p>"
            + "<w:p><w:r><w:t>手机 134123</w:t></w:r></w:p><w:p><w:r><w:t>45678 张某</w:t></w:r></w:p>")
    assert found_in(write_docx(tmp_path, body)) == [
        ("第 3 段", "138****5678"),  # the text box paragraph, once although Word stores it twice
        ("第 4 段 修订前", "138****5678"),
        ("第 5 段 域代码", "137****5678"),
        ("第 6 段", "135****5678"),
        ("第 7 段", "136****5678"),
        ("第 8 段", "134****5678"),  # Enter pressed inside the number
    ]


def test_docx_footnotes_comments_properties_and_alt_text(tmp_path):
    path = write_docx(
        tmp_path,
        '<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="张某 13812345678"/></wp:inline></w:drawing></w:r></w:p>',
        **{"word/footnotes.xml": word_part("footnotes", '<w:footnote w:id="1"><w:p><w:r><w:t>注: 13912345678</w:t></w:r></w:p></w:footnote>'),
           "word/comments.xml": word_part("comments", f'<w:comment w:id="0"><w:p><w:r><w:t>核对 {ID}</w:t></w:r></w:p></w:comment>'),
           "docProps/core.xml": '<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:creator>张某 13712345678</dc:creator></cp:coreProperties>'})
    assert found_in(path) == [
        ("属性 descr", "138****5678"),
        ("脚注 第 1 段", "139****5678"),
        ("批注 第 1 段", "110105********002X"),
        ("文档属性 core.xml creator", "137****5678"),
    ]


def test_a_document_embedded_in_a_docx_is_read(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = MOBILE
    out = io.BytesIO()
    workbook.save(out)
    path = tmp_path / "x.docx"
    path.write_bytes(rezip(docx_bytes(), {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": out.getvalue()}))
    assert found_in(path) == [("嵌入对象 Microsoft_Excel_Worksheet.xlsx: xl/worksheets/sheet1.xml A1", "138****5678")]


def test_an_embedded_object_that_cannot_be_read_is_named_after_the_rest_is_scanned(tmp_path):
    path = write_docx(tmp_path, f"<w:p><w:r><w:t>{MOBILE}</w:t></w:r></w:p>")
    path.write_bytes(rezip(path.read_bytes(), {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}))
    found = []
    with pytest.raises(Unreadable, match="其中嵌入的对象 word/embeddings/oleObject1.bin 无法检查其中的个人信息"):
        for piece in pieces(path):
            found += [hit.masked for hit in find(piece.text)]
    assert found == ["138****5678"]


def test_a_dtd_in_an_attachment_is_refused(tmp_path):
    path = tmp_path / "x.docx"
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
            '<w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    path.write_bytes(rezip(docx_bytes(), {"word/document.xml": bomb}))
    with pytest.raises(Unreadable, match="DTD"):
        list(pieces(path))


def test_a_zip_bomb_stops_at_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ooxml_text, "_MAX_UNZIPPED", 1024 * 1024)
    path = tmp_path / "x.docx"
    path.write_bytes(rezip(docx_bytes(), {"word/settings.xml": "<a>" + " " * 2 * 1024 * 1024 + "</a>"}))
    assert path.stat().st_size < 100_000
    with pytest.raises(Unreadable, match="文件解压后超过 1 MB"):
        list(pieces(path))


def test_xlsx_cells_formulas_comments_headers_and_split_numbers(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet["A1"].comment = Comment(f"身份证 {ID}", "张某")
    sheet["B2"] = '="1381234"&"5678"'  # shows 13812345678
    sheet["C3"] = 13912345678  # a number typed into Excel is stored as a number
    sheet["A4"], sheet["B4"] = "137", "1234 5678"
    sheet["A5"] = "电话\n136 1234\n5678"  # Alt+Enter inside a cell
    sheet.oddHeader.center.text = "联系 13512345678"
    workbook.save(tmp_path / "x.xlsx")
    assert found_in(tmp_path / "x.xlsx") == [
        ("工作表 名单 单元格 B2 公式", "138****5678"),
        ("工作表 名单 单元格 C3", "139****5678"),
        ("工作表 名单 单元格 A4:B4", "137****5678"),
        ("工作表 名单 单元格 A5", "136****5678"),
        ("工作表 名单 页眉", "135****5678"),
        ("工作表 名单 批注 A1", "110105********002X"),
    ]


def test_xlsx_cached_formula_values_and_unused_shared_strings(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "名单"
    workbook.active["A1"] = "x"
    out = io.BytesIO()
    workbook.save(out)
    with zipfile.ZipFile(out) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = re.sub(r'<c r="A1".*?</c>', '<c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><f>A1&amp;""</f><v>13812345678</v></c>', sheet)
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
                        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>')
    strings = f'<sst xmlns="{main}"><si><t>张某</t></si><si><t>旧名单 {ID}</t></si></sst>'
    path = tmp_path / "x.xlsx"
    path.write_bytes(rezip(out.getvalue(), {"xl/worksheets/sheet1.xml": sheet, "xl/_rels/workbook.xml.rels": rels,
                                            "xl/sharedStrings.xml": strings}))
    assert found_in(path) == [("工作表 名单 单元格 B1", "138****5678"),
                              ("共享字符串 第 2 条 (未在单元格中显示)", "110105********002X")]


@pytest.mark.parametrize("encoding, prefix", [("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""), ("utf-8", b""),
                                              ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_csv_in_any_encoding_windows_saves(tmp_path, encoding, prefix):
    (tmp_path / "名单.csv").write_bytes(prefix + f"序号,姓名,电话\n1,张某,{MOBILE}\n".encode(encoding))
    assert [(piece.line, hit.masked) for piece in pieces(tmp_path / "名单.csv") for hit in find(piece.text)] == [(2, "138****5678")]


def test_text_files_find_numbers_split_over_cells_and_lines(tmp_path):
    (tmp_path / "a.csv").write_text('序号,姓名,电话\n1,张某,138,1234 5678\n2,李某,"139\n12345678"\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"名单\n张某 电话 138123\n45678 东庄村\n{ID}\n", encoding="utf-8")
    (tmp_path / "c.tsv").write_text(f"张某\t{ID[:6]}\t{ID[6:]}\n", encoding="utf-8")
    lines = {name: [(piece.line, hit.masked) for piece in pieces(tmp_path / name) for hit in find(piece.text)]
             for name in ("a.csv", "b.txt", "c.tsv")}
    assert lines == {"a.csv": [(2, "138****5678"), (3, "139****5678")],
                     "b.txt": [(4, "110105********002X"), (2, "138****5678")],
                     "c.tsv": [(1, "110105********002X")]}


def test_a_pdf_without_a_text_layer_is_unreadable(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(minimal_pdf(None))
    with pytest.raises(Unreadable) as caught:
        list(pieces(tmp_path / "scan.pdf"))
    assert str(caught.value) == "PDF 没有文字层 (可能是扫描件), 无法检查其中的个人信息"
    (tmp_path / "text.pdf").write_bytes(minimal_pdf(b"BT /F1 12 Tf 72 720 Td (Tel 138 1234 5678) Tj ET"))
    assert found_in(tmp_path / "text.pdf") == [("第 1 页", "138****5678")]


NOTICE = "---\n标题: 低保公示\n类别: 公示\n发布日期: 2024-03-25\n发布机构: 纸坊镇人民政府\n附件:\n  - {name}\n---\n见附件。\n"


def test_check_reports_a_header_and_warns_about_a_scan(project):
    from generator.checks.warnings import warnings

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "值班电话 138 1234 5678"
    root = project({"content/notices/a/index.md": NOTICE.format(name="说明.docx"), "content/notices/a/说明.docx": docx_bytes(document)})
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2024, 6, 1))
    assert [str(p).split(" (公开前")[0] for p in caught.value.problems] == [
        "content/notices/a/说明.docx: 页眉 header1.xml 第 1 段: 字段 '附件': 疑似手机号 138****5678: “值班电话 138****5678”"]
    root = project({"content/notices/a/index.md": NOTICE.format(name="说明.docx"), "content/notices/a/说明.docx": docx_bytes(),
                    "content/notices/b/index.md": NOTICE.format(name="扫描.pdf"), "content/notices/b/扫描.pdf": minimal_pdf(None)})
    assert [str(w) for w in warnings(load_site(load_config(root), dt.date(2024, 6, 1))) if "扫描" in str(w)] == [
        ("content/notices/b/扫描.pdf:1: 警告: 字段 '附件': PDF 没有文字层 (可能是扫描件), 无法检查其中的个人信息 "
         "(请人工确认其中没有身份证号、手机号、银行卡号)")]


def test_malformed_vml_in_a_workbook_does_not_stop_the_scan(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = MOBILE
    workbook.active["A1"].comment = Comment("见附表", "张某")
    out = io.BytesIO()
    workbook.save(out)
    path = tmp_path / "x.xlsx"
    path.write_bytes(rezip(out.getvalue(), {"xl/drawings/commentsDrawing1.vml": "<xml><v:shape><div>电话 13912345678<br></div></xml>"}))
    assert found_in(path) == [("工作表 Sheet 单元格 A1", "138****5678"), ("图形 commentsDrawing1.vml", "139****5678")]


RECORD = "---\n标题: 公示\n类别: 公示\n发布日期: 2024-03-25\n发布机构: 纸坊镇人民政府\n{extra}---\n{body}\n"


def _problems(project, files) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(load_config(project(files)), dt.date(2024, 6, 1))
    return [str(p) for p in caught.value.problems]


def test_numbers_that_appear_only_on_the_rendered_page_are_found(project):
    body = ("&#49;&#51;&#56;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;\n\n强调 137**1234**5678\n\n<span>136</span>12345678\n\n"
            f"<table><tr><td>{ID[:6]}</td><td>{ID[6:]}</td></tr></table>\n\n[电话](tel:%31%35%32%31%32%33%34%35%36%37%38)\n")
    found = _problems(project, {"content/notices/a.md": RECORD.format(extra="", body=body)})
    assert [p.split(": ")[2].split(":")[0] for p in found] == [
        "网页上显示为疑似手机号 138****5678", "网页上显示为疑似手机号 136****5678",
        "网页上显示为疑似身份证号 110105********002X", "网页上显示为疑似手机号 152****5678", "疑似手机号 137****5678"]
    assert [p.split(": ")[0] for p in found] == ["content/notices/a.md:7"] * 4 + ["content/notices/a.md:9"]


def test_public_numbers_exempt_office_mobiles_never_an_id_or_a_card(project):
    body = f"值班手机 13812345678, 身份证 {ID}"
    found = _problems(project, {"content/notices/a.md": RECORD.format(extra=f"公开号码: [13812345678, {ID}]\n", body=body)})
    assert [p.split(": ")[2].split(":")[0] for p in found] == ["疑似身份证号 110105********002X"]


def test_mkdocs_yml_is_scanned_too(project):
    root = project({"content/notices/a.md": RECORD.format(extra="", body="正文")})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: 测试站点", "site_name: 测试站点 联系人 13812345678"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2024, 6, 1))
    assert [str(p).split(" (")[0] for p in caught.value.problems] == ["mkdocs.yml:1: 疑似手机号 138****5678: “试站点 联系人 138****5678 docs_di”"]


def test_pdf_properties_bookmarks_and_form_fields_are_scanned(project):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": f"张三 {ID}"})
    writer.add_outline_item(title="联系 13812345678", page_number=0)
    stream = io.BytesIO()
    writer.write(stream)
    found = _problems(project, {"content/notices/a/index.md": RECORD.format(extra="附件:\n  - a.pdf\n", body="见附件。"),
                               "content/notices/a/a.pdf": stream.getvalue()})
    assert [p.split(": 字段")[0] for p in found] == ["content/notices/a/a.pdf: 文档属性 Author", "content/notices/a/a.pdf: 书签"]


def test_an_oversized_part_is_named_and_the_rest_of_the_file_is_still_scanned(tmp_path, monkeypatch):
    monkeypatch.setattr(ooxml_text, "_MAX_PART", 2**20)
    document = docx.Document()
    document.add_paragraph(f"身份证 {ID}")
    stream = io.BytesIO()
    document.save(stream)
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/padding.xml", "<a>" + "x" * 2**21 + "</a>")
    found = []
    with pytest.raises(Unreadable) as caught:
        for piece in pieces(path):
            found += [hit.masked for hit in find(piece.text)]
    assert found == ["110105********002X"]
    assert str(caught.value) == "其中嵌入的对象 word/padding.xml (解压后超过 1 MB) 无法检查其中的个人信息"


def test_a_csv_formula_is_read_as_excel_shows_it(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('姓名,电话\n张三,"=""1381234""&""5678"""\n李四,"=CONCATENATE(""110105"",""19491231"",""002X"")"\n', encoding="utf-8")
    assert sorted(masked for _, masked in found_in(path)) == ["110105********002X", "138****5678"]


def test_docx_symbols_and_a_main_part_of_any_name_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("联系电话")
    data = docx_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read("word/document.xml").decode("utf-8")
        rels = source.read("word/_rels/document.xml.rels")
        top = source.read("_rels/.rels").decode("utf-8")
    symbols = "".join(f'<w:sym w:font="Symbol" w:char="F03{d}"/>' for d in MOBILE)
    xml = xml.replace("联系电话</w:t></w:r>", f"联系电话</w:t></w:r><w:r>{symbols}</w:r>")
    path = tmp_path / "a.docx"
    path.write_bytes(rezip(data, {"word/document.xml": xml}))
    assert found_in(path) == [("第 1 段", "138****5678")]
    renamed = tmp_path / "b.docx"
    renamed.write_bytes(rezip(rezip(data, {"word/main.dat": xml, "word/_rels/main.dat.rels": rels,
                                            "_rels/.rels": top.replace("word/document.xml", "word/main.dat")}), {}))
    assert ("138****5678" in [masked for _, masked in found_in(renamed)])


def test_pdf_xmp_metadata_is_read(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    stream = DecodedStreamObject()
    stream.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>张三 {MOBILE}</dc:creator></x:xmpmeta>'.encode())
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "a.pdf"
    path.write_bytes(out.getvalue())
    with pytest.raises(Unreadable):  # no text layer: still a warning, after the properties were scanned
        found = []
        for piece in pieces(path):
            found += [(piece.place, hit.masked) for hit in find(piece.text)]
    assert found == [("文档属性 XMP", "138****5678")]


def test_an_xlsx_number_is_read_as_stored_and_as_shown(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = 13912340103.4
    workbook.active["A1"].number_format = "0"
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    assert found_in(path) == [("工作表 Sheet 单元格 A1", "139****0103")]


def test_settings_are_scanned_as_yaml_reads_them_with_inherited_files_and_the_theme(project):
    root = project({"content/notices/a.md": RECORD.format(extra="", body="正文"),
                    "base.yml": "copyright: 值班手机 13912340022\n",
                    "overrides/assets/note.txt": "值班 13912340501\n",
                    "docs/page.md": '---\ntitle: "联系人 \\u0031\\u0033\\u0039\\u0031\\u0032\\u0033\\u0034\\u0030\\u0030\\u0032\\u0030"\n---\n正文\n'})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_name: 测试站点", 'INHERIT: base.yml\nsite_name: "测试 \\u0031\\u0033\\u0039\\u0031\\u0032\\u0033\\u0034\\u0030\\u0030\\u0032\\u0031"')
    config.write_text(text + "theme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2024, 6, 1))
    found = [str(p) for p in caught.value.problems]
    assert [p.split(" (")[0].split(": “")[0] for p in found] == [
        "base.yml:1: 疑似手机号 139****0022", "docs/page.md:2: 字段 'title': 疑似手机号 139****0020",
        "mkdocs.yml:2: 疑似手机号 139****0021", "overrides/assets/note.txt:1: 疑似手机号 139****0501"]


def test_a_government_bank_account_may_be_listed_an_id_never(project):
    account = "6222021234567890128"
    body = f"收款账号：{account}（户名：纸坊镇财政所）"
    assert _problems(project, {"content/notices/a.md": RECORD.format(extra=f"公开号码: [{account}]\n", body=body + f" 身份证 {ID}")}) == [
        "content/notices/a.md:8: 正文: 疑似身份证号 110105********002X: “政所） 身份证 110105********002X” (公开前必须打码, 如 110105********002X; 身份证号任何时候都不能公开)"]
