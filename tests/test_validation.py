"""Every content rule, fed a bad file, reports `path:line: 字段 'X': …` exactly; all problems at once."""
import datetime as dt

import pytest

from generator.config import load_config
from generator.errors import ContentError
from generator.pipeline import load_site

TODAY = dt.date(2024, 6, 1)
NOTICE = "---\n标题: 关于春耕的通知\n类别: 通知\n发布日期: 2024-03-05\n发布机构: 纸坊镇人民政府\n---\n正文\n"
POLICY = "---\n标题: 管理办法\n文号: 纸政发〔2023〕3号\n发文机关: 纸坊镇人民政府\n成文日期: 2023-05-10\n发布日期: 2023-05-16\n---\n正文\n"


def problems(root) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), TODAY)
    return [str(p) for p in caught.value.problems]


def test_valid_files_load(project):
    site = load_site(load_config(project({"content/notices/a.md": NOTICE, "content/policies/p.md": POLICY})), TODAY)
    assert [n.title for n in site.in_column("notices")] == ["关于春耕的通知"]
    assert site.policies[0].doc_number == "纸政发〔2023〕3号"


def test_every_problem_of_a_file_is_reported_with_its_line(project):
    root = project({"content/notices/a.md": "---\n标题: 测试\n发布日期: 2024-13-01\n类别: 通告\n发布期: 2024-01-01\n---\n"})
    assert problems(root) == [
        "content/notices/a.md:1: 字段 '发布机构': 缺少必填字段 (例如 发布机构: 纸坊镇人民政府)",
        "content/notices/a.md:3: 字段 '发布日期': '2024-13-01' 是不存在的日期 (请核对月份和日子)",
        "content/notices/a.md:4: 字段 '类别': '通告' 不是可选的值 (应为 通知 / 公告 / 公示)",
        "content/notices/a.md:5: 字段 '发布期': 未知字段 (是否应为 '发布日期'?)",
    ]


def test_problems_of_all_files_are_reported_together(project):
    root = project({
        "content/notices/a.md": NOTICE.replace("2024-03-05", "2024/03/05"),
        "content/notices/b.md": NOTICE.replace("类别: 通知", "类别: 通报"),
    })
    assert problems(root) == [
        "content/notices/a.md:4: 字段 '发布日期': '2024/03/05' 不是日期 (应为 2024-03-15 或 2024年3月15日)",
        "content/notices/b.md:3: 字段 '类别': '通报' 不是可选的值 (应为 通知 / 公告 / 公示)",
    ]


def test_unknown_key_without_a_close_match_lists_the_keys(project):
    root = project({"content/interpretations/i.md": "---\n标题: 解读\n发布日期: 2024-01-01\n发布机构: 镇\n解读文件: 纸政发〔2023〕3号\n颜色: 红\n---\n",
                    "content/policies/p.md": POLICY})
    assert problems(root) == [
        "content/interpretations/i.md:6: 字段 '颜色': 未知字段 (政策解读可用的字段: 标题、发布日期、发布机构、索引号、摘要、关键词、附件、撤回、修订记录、公开号码、解读文件)"
    ]


def test_empty_required_value(project):
    root = project({"content/notices/a.md": NOTICE.replace("标题: 关于春耕的通知", "标题:")})
    assert problems(root) == ["content/notices/a.md:2: 字段 '标题': 不能为空 (例如 标题: 关于做好春耕备耕工作的通知)"]


def test_duplicate_key(project):
    root = project({"content/notices/a.md": NOTICE.replace("类别: 通知\n", "类别: 通知\n类别: 公告\n")})
    assert problems(root) == ["content/notices/a.md:4: 字段 '类别': 重复的字段, 第 3 行已经写过 (每个字段只写一次)"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("---\n标题: a: b\n---\n", "content/notices/a.md:2: YAML 语法错误: 值里有冒号 (含冒号“:”的值请用引号括起来)"),
        ("---\n标题: x\n\t类别: 通知\n---\n", "content/notices/a.md:3: YAML 语法错误: 用了 Tab 缩进 (请改用空格缩进)"),
        ("---\n标题: x\n附件: [a.pdf\n---\n",
         "content/notices/a.md:3: YAML 语法错误: 方括号 [ 没有配对的 ] (列表写作 [甲, 乙] 或逐行以“- ”开头)"),
        ("---\n标题: \"关于\n类别: 通知\n---\n", "content/notices/a.md:2: YAML 语法错误: found unexpected end of stream (每行应为“字段: 值”, 列表项以“- ”开头, 缩进用空格)"),
        ("标题: x\n", "content/notices/a.md:1: 缺少文件头 (文件第一行应为 ---, 其后是 标题: … 等字段, 再以 --- 结束)"),
        ("---\n标题: x\n", "content/notices/a.md:1: 文件头没有结束 (字段之后应有一行 ---)"),
        ("---\n- 标题\n---\n", "content/notices/a.md:2: 文件头应是“字段: 值”的列表 (例如 标题: 关于……的通知)"),
    ],
)
def test_broken_front_matter(project, text, expected):
    assert problems(project({"content/notices/a.md": text})) == [expected]


def test_gbk_file_is_named_as_such(project):
    root = project({"content/notices/a.md": NOTICE.encode("gb18030")})
    assert problems(root) == ["content/notices/a.md:1: 文件是 GBK/GB18030 编码, 不是 UTF-8 (运行 gongkai check --fix-encoding 自动转换, 或在记事本中“另存为”选 UTF-8)"]


def test_bom_and_crlf_are_read_as_plain_utf8(project):
    root = project({"content/notices/a.md": ("\ufeff" + NOTICE).replace("\n", "\r\n").encode("utf-8")})
    assert load_site(load_config(root), TODAY).in_column("notices")[0].published == dt.date(2024, 3, 5)


def test_missing_attachment_names_its_line(project):
    root = project({"content/notices/a/index.md": NOTICE.replace("---\n正文", "附件:\n  - 报名表.docx\n---\n正文")})
    assert problems(root) == ["content/notices/a/index.md:7: 字段 '附件': 找不到附件 '报名表.docx' (应放在 a/ 文件夹中, 与本文件在一起)"]


def test_unknown_folder_and_stray_file(project):
    root = project({"content/news/a.md": NOTICE, "content/a.md": NOTICE, "content/README.md": "说明"})
    assert problems(root) == [
        "content/a.md:1: 文件不在任何栏目文件夹中 (应放在 agriculture / assistance / emergency / enforcement / fazhi / finance / interpretations / notices / organization / policies / projects / reports 之一)",
        "content/news:1: 未知的栏目文件夹 (应为 agriculture / assistance / emergency / enforcement / fazhi / finance / interpretations / notices / organization / policies / projects / reports)",
    ]


def test_two_records_with_the_same_url(project):
    root = project({"content/notices/a.md": NOTICE, "content/notices/a/index.md": NOTICE})
    assert problems(root) == ["content/notices/a/index.md:1: 网址与 content/notices/a.md 相同 (请改用不同的文件名或文件夹名)"]


def test_two_policies_with_the_same_doc_number(project):
    root = project({"content/policies/a.md": POLICY, "content/policies/b.md": POLICY})
    assert problems(root) == ["content/policies/b.md:3: 字段 '文号': 与 content/policies/a.md 重复 (每份规范性文件的文号唯一)"]


def test_interpretation_of_an_unknown_doc_number(project):
    root = project({"content/interpretations/i.md": "---\n标题: 解读\n发布日期: 2024-01-01\n发布机构: 镇\n解读文件: 纸政发〔2023〕9号\n---\n"})
    assert problems(root) == [
        "content/interpretations/i.md:5: 字段 '解读文件': 没有文号为 '纸政发〔2023〕9号' 的规范性文件 (应为 content/policies/ 中某份文件的 文号)"
    ]


def test_interpretation_of_an_invalid_policy_is_not_a_second_problem(project):
    root = project({
        "content/policies/p.md": POLICY.replace("成文日期: 2023-05-10", "成文日期: 昨天"),
        "content/interpretations/i.md": "---\n标题: 解读\n发布日期: 2024-01-01\n发布机构: 镇\n解读文件: 纸政发〔2023〕3号\n---\n",
    })
    assert problems(root) == ["content/policies/p.md:5: 字段 '成文日期': '昨天' 不是日期 (应为 2024-03-15 或 2024年3月15日)"]


def test_published_before_signed(project):
    root = project({"content/policies/p.md": POLICY.replace("发布日期: 2023-05-16", "发布日期: 2023-05-01")})
    assert problems(root) == ["content/policies/p.md:6: 字段 '发布日期': 发布日期 2023-05-01 早于成文日期 2023-05-10 (发布日期不能早于成文日期)"]


def test_publicity_period_only_on_a_gongshi(project):
    root = project({"content/notices/a.md": NOTICE.replace("---\n正文", "公示期至: 2024-03-12\n---\n正文")})
    assert problems(root) == ["content/notices/a.md:6: 字段 '公示期至': 只有公示才有公示期 (类别 为 公示 时才填写 公示期至)"]


def test_issuer_defaults_from_configuration(project):
    root = project({"content/notices/a.md": NOTICE.replace("发布机构: 纸坊镇人民政府\n", "")}, issuer="纸坊镇人民政府")
    assert load_site(load_config(root), TODAY).in_column("notices")[0].issuer == "纸坊镇人民政府"


def test_file_names_that_cannot_be_urls(project):
    root = project({"content/notices/春耕 通知.md": NOTICE})
    assert problems(root) == ["content/notices/春耕 通知.md:1: 文件名或文件夹名含有网址不能用的字符 ' ' (请改用字母、数字、汉字和 -)"]


def test_yaml_values_stay_as_written(project):
    root = project({"content/notices/a.md": NOTICE.replace("标题: 关于春耕的通知", "标题: 010").replace("---\n正文", "关键词: no, yes\n---\n正文")})
    notice = load_site(load_config(root), TODAY).in_column("notices")[0]
    assert (notice.title, notice.keywords) == ("010", ("no", "yes"))
