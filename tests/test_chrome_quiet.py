"""A run of strip_site_chrome that passes over the long interior lines the run before it passed
over (pipeline.stages.chrome_quiet) gives what it gives when it reads every line: the same
text, title, facts, flags and edits, whatever changed between the runs (lines joined, cut,
removed, added: as pagination does). Pages are generated from invented chrome and prose."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.charsets import match_view
from pipeline.document import Document, Span
from pipeline.stages.chrome_quiet import MIN_CHARS
from pipeline.stages.site_chrome import StripSiteChrome

STAGE = StripSiteChrome()
CHROME = [
    "阅读 1024 | 收藏 12 | 分享", "下载 | 打印 | 举报", "还剩 7 页未读，继续阅读全文", "点击展开全文",
    "上传人：山间小雨  上传时间：2024-03-02  页数：12页", "网址：www.example-docs.cn", "相关推荐",
    "Copyright © 2024 某某文库 版权所有", "如有侵权请联系本站删除。", "关注公众号获取更多资料", "第3页 / 共12页",
]
# Prose lines longer than MIN_CHARS (paragraphs that hold figures, commas, dashes: literals of
# some rule), and parts that, joined to one, make another long line.
CLAUSES = ["2023年全县粮食产量达到12.5万吨，同比增长3%，", "我们要把工作做细做实——下载量与阅读量都不是目标，",
           "全村共有农户362户，其中脱贫户48户，", "会议强调，要以高质量发展为主题，统筹推进各项工作，",
           "他说：“明年再来。”然后走了。", "相关部门要加强协调配合，形成工作合力。", "一是加强组织领导；二是压实工作责任。"]
PROSE = st.lists(st.sampled_from(CLAUSES), min_size=5, max_size=9).map("".join)
LINE = st.one_of(PROSE, PROSE, PROSE, st.sampled_from(CHROME), st.sampled_from(CLAUSES))
PAGES = st.lists(LINE, min_size=28, max_size=44)  # interior lines are 13 or more from either edge


def _between(doc: Document, data: st.DataObject) -> None:
    """What the stages between the runs do to the lines: join one to the next (a hard wrap
    undone), cut one, remove one (a page number), add one."""
    for _ in range(data.draw(st.integers(0, 4))):
        breaks = [i for i, c in enumerate(doc.text) if c == "\n"]
        kind = data.draw(st.sampled_from(["join", "cut", "remove", "add"]))
        if kind == "join" and breaks:
            at = data.draw(st.sampled_from(breaks))
            doc.replace_spans("pagination", [Span(at, at + 1, "", "hard_wrap")])
        elif kind == "cut" and doc.text:
            at = data.draw(st.integers(0, len(doc.text) - 1))
            doc.replace_spans("pagination", [Span(at, at, "\n", "cut")])
        elif kind == "remove" and breaks:
            at = data.draw(st.sampled_from(breaks))
            end = doc.text.find("\n", at + 1)
            doc.replace_spans("pagination", [Span(at, len(doc.text) if end < 0 else end, "", "page_number_line")])
        else:
            at = data.draw(st.sampled_from([0, *breaks]))
            doc.replace_spans("pagination", [Span(at, at, data.draw(st.sampled_from(CHROME)) + "\n", "added")])


def _outcome(doc: Document) -> tuple:
    return doc.text, doc.title, doc.metadata, doc.flags, [repr(e) for e in doc.edits]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=PAGES, data=st.data())
def test_the_second_run_passing_over_quiet_lines_gives_what_reading_them_gives(lines, data):
    doc = STAGE.process(Document(source="x.txt", text="\n".join(lines)))
    _between(doc, data)
    reference = copy.deepcopy(doc)
    reference.stage_memo.clear()
    assert _outcome(STAGE.process(doc)) == _outcome(STAGE.process(reference))
    assert not doc.stage_memo  # taken by the second run: it does not travel on


def test_the_first_run_leaves_long_interior_prose_and_only_that():
    prose = "".join(CLAUSES[:6])
    assert len(prose) > MIN_CHARS
    lines = [CHROME[0], *[prose + str(i) for i in range(40)], CHROME[1]]
    doc = STAGE.process(Document(source="x.txt", text="\n".join(lines)))
    key, quiet = doc.stage_memo[STAGE.name]
    assert key == STAGE.rules_key
    interior = len(STAGE.out_of_reach) - 1
    # (Kept as the stage reads them: in the matching view, ， as ,.)
    assert quiet == frozenset(match_view(line) for n, line in enumerate(lines) if min(n + 1, len(lines) - n) >= interior)
    assert len(quiet) == len(lines) - 2 * (interior - 1)


def test_lines_left_under_other_rules_are_read_again():
    prose = "".join(CLAUSES[:6])
    doc = Document(source="x.txt", text="\n".join([prose + str(i) for i in range(40)] + ["还剩 7 页未读，继续阅读全文"]))
    doc.stage_memo[STAGE.name] = ("other rules", frozenset(prose + str(i) for i in range(40)))
    reference = copy.deepcopy(doc)
    reference.stage_memo.clear()
    assert _outcome(STAGE.process(doc)) == _outcome(STAGE.process(reference))
