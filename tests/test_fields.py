import datetime as dt

import pytest

from generator.content import fields
from generator.content.docnumbers import doc_number
from generator.content.fields import Invalid
from generator.content.readers import RawValue


def text(value: str) -> RawValue:
    return RawValue(value, 3, "text")


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2024-03-15", dt.date(2024, 3, 15)),
        ("2024-3-5", dt.date(2024, 3, 5)),
        ("2024年3月15日", dt.date(2024, 3, 15)),
        ("2024年4月6日", dt.date(2024, 4, 6)),
        ("２０２４年３月１５日", dt.date(2024, 3, 15)),  # full-width digits from a Chinese input method
        ("2024 年 3 月 15 日", dt.date(2024, 3, 15)),
    ],
)
def test_dates_in_both_written_forms(written, expected):
    assert fields.date(text(written)) == expected


@pytest.mark.parametrize(
    "written, message, expected",
    [
        ("2024/03/15", "'2024/03/15' 不是日期", "应为 2024-03-15 或 2024年3月15日"),
        ("三月十五日", "'三月十五日' 不是日期", "应为 2024-03-15 或 2024年3月15日"),
        ("2024-02-30", "'2024-02-30' 是不存在的日期", "请核对月份和日子"),
        ("2024-13-01", "'2024-13-01' 是不存在的日期", "请核对月份和日子"),
    ],
)
def test_bad_dates_say_what_to_write(written, message, expected):
    with pytest.raises(Invalid) as caught:
        fields.date(text(written))
    assert (caught.value.message, caught.value.expected) == (message, expected)


def test_a_list_where_one_value_belongs_is_refused():
    with pytest.raises(Invalid) as caught:
        fields.date(RawValue((text("2024-01-01"),), 3, "list"))
    assert caught.value.message == "应为一个值, 不是列表或键值表"


def test_year_accepts_a_trailing_nian_and_refuses_two_digits():
    assert fields.year(text("2023年")) == 2023
    with pytest.raises(Invalid) as caught:
        fields.year(text("23"))
    assert caught.value.message == "'23' 不是年份"


def test_choice_lists_the_options():
    with pytest.raises(Invalid) as caught:
        fields.choice("通知", "公告", "公示")(text("通告"))
    assert (caught.value.message, caught.value.expected) == ("'通告' 不是可选的值", "应为 通知 / 公告 / 公示")


def test_keywords_from_a_line_or_a_list():
    assert fields.keywords(text("春耕、备耕，农资 水利")) == ("春耕", "备耕", "农资", "水利")
    assert fields.keywords(RawValue((text("春耕"), text("备耕")), 3, "list")) == ("春耕", "备耕")


def test_text_collapses_whitespace():
    assert fields.text(text("  关于  做好 \n 工作的通知 ")) == "关于 做好 工作的通知"


@pytest.mark.parametrize("written", ["纸政发〔2023〕3号", "纸政办发〔2024〕12号", "纸政发 〔2023〕 3号"])
def test_well_formed_doc_numbers(written):
    assert doc_number(text(written)) == "".join(written.split())


@pytest.mark.parametrize(
    "written, message",
    [
        ("纸政发[2023]3号", "'纸政发[2023]3号' 不规范: 年份要用六角括号〔〕, 不用 []"),
        ("纸政发(2023)3号", "'纸政发(2023)3号' 不规范: 年份要用六角括号〔〕, 不用 ()"),
        ("纸政发（2023）3号", "'纸政发（2023）3号' 不规范: 年份要用六角括号〔〕, 不用 （）"),
        ("纸政发【2023】3号", "'纸政发【2023】3号' 不规范: 年份要用六角括号〔〕, 不用 【】"),
        ("纸政发〔23〕3号", "'纸政发〔23〕3号' 不规范: 年份要写全四位"),
        ("纸政发〔2023〕第3号", "'纸政发〔2023〕第3号' 不规范: 序号前不加“第”"),
        ("纸政发〔2023〕03号", "'纸政发〔2023〕03号' 不规范: 序号前不加 0"),
        ("纸政发〔2023〕3", "'纸政发〔2023〕3' 不规范: 序号后要有“号”"),
        ("纸政发[2023]第03号", "'纸政发[2023]第03号' 不规范: 年份要用六角括号〔〕, 不用 []；序号前不加“第”；序号前不加 0"),
    ],
)
def test_each_wrong_doc_number_form_says_what_to_write(written, message):
    with pytest.raises(Invalid) as caught:
        doc_number(text(written))
    assert (caught.value.message, caught.value.expected) == (message, "应为 纸政发〔2023〕3号")


def test_unrecognisable_doc_number():
    with pytest.raises(Invalid) as caught:
        doc_number(text("三号文件"))
    assert (caught.value.message, caught.value.expected) == ("'三号文件' 不是规范的文号", "应为 发文机关代字〔年份〕序号号, 如 纸政发〔2023〕3号")


def test_attachments_resolve_inside_the_record_folder(tmp_path):
    (tmp_path / "表.docx").write_bytes(b"x")
    entries = RawValue((text("表.docx"), RawValue((("文件", text("表.docx")), ("名称", text("报名表"))), 5, "map")), 4, "list")
    found = fields.attachments(entries, tmp_path, tmp_path)
    assert [(a.file, a.name) for a in found] == [("表.docx", "表.docx"), ("表.docx", "报名表")]


@pytest.mark.parametrize("written", ["../secret.pdf", "/etc/passwd", "a/../../b.pdf"])
def test_attachments_cannot_leave_the_record_folder(tmp_path, written):
    with pytest.raises(Invalid) as caught:
        fields.attachments(RawValue((text(written),), 4, "list"), tmp_path, tmp_path)
    assert caught.value.message == f"附件 '{written}' 不在本条目的文件夹内"
