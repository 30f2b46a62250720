"""Random and broken input: the reader and validator give a record or ContentErrors with path and line, never
anything else."""
import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import load_config
from generator.errors import ContentError
from generator.pipeline import load_site

from conftest import make_project

KEYS = ["标题", "类别", "发布日期", "发布机构", "索引号", "摘要", "关键词", "附件", "公示期至", "撤回", "修订记录", "公开号码", "颜色"]
VALUES = st.one_of(
    st.sampled_from(["通知", "公示", "2024-03-05", "2024年3月5日", "2024-02-30", "", "~", "[a, b]", "{日期: 2024-01-01}",
                     "- x", "a: b", "'未闭合", "[", "\t", "０３", "<script>", "13812345678", "null", "no", "010"]),
    st.text(max_size=20),
)
LINE = st.one_of(st.tuples(st.sampled_from(KEYS), VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}"), st.text(max_size=30))
DOCUMENT = st.one_of(
    st.tuples(st.lists(LINE, max_size=8), st.text(max_size=80)).map(lambda parts: "---\n" + "\n".join(parts[0]) + "\n---\n" + parts[1]),
    st.text(max_size=120),
    st.binary(max_size=80),
)
LOCATION = re.compile(r"^content/notices/x\.md(:\d+: |: .+?: )")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=DOCUMENT)
def test_any_input_gives_a_record_or_located_content_errors(tmp_path_factory, document):
    root = make_project(tmp_path_factory.mktemp("p"), {"content/notices/x.md": document})
    try:
        site = load_site(load_config(root), dt.date(2026, 1, 1))
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert LOCATION.match(str(problem)) or str(problem).startswith("content/reports:"), str(problem)
    else:
        assert len(site.in_column("notices")) == 1
