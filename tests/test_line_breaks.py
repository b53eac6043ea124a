"""restore_line_breaks: a page a scraper flattened onto one line gets its line breaks back before
any line rule reads it (issue 8: on such pages every line rule failed at once, and the held-out
figures look like it). Pages, sites and names are invented; none is from a fixture."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.rulebook import rules_by_name
from pipeline.stages.line_breaks import lost_break_spans, one_line_page
from tests.conftest import clean_text

BODY = ["为做好今年春季学期的校园防溺水工作，确保师生生命安全，现将有关事项通知如下。",
        "一、提高思想认识",
        "各班主任要利用班会课开展专题教育，讲清野外游泳的危险，做到人人知晓。",
        "二、落实巡查责任",
        "学校安排值班教师每天放学后沿河巡查，发现学生在水边逗留的立即劝离并告知家长。"]
TITLE = "关于做好春季学期防溺水安全工作的通知"
RULE = rules_by_name("line_breaks.toml")["lost_line_break"]


def restored(text: str) -> list[str]:
    for sp in reversed(lost_break_spans(text, RULE)):
        text = text[:sp.start] + sp.after + text[sp.end:]
    return text.split("\n")


def flat_page() -> str:
    return " ".join([f"{TITLE}_青禾文库", "青禾文库 | 首页 | 分类 | 排行 | 登录", "首页 > 教育通知 > 正文", TITLE,
                     "阅读 1.3万 | 下载 210 | 收藏 35", "上传者:lin_qh 日期:2024.03.05 页数:3",
                     *BODY[:2], BODY[2][:20], "- 2 -", BODY[2][20:], *BODY[3:],
                     "热门评论", "山间小溪：写得很实用，已下载。　👍12",
                     "相关文档", "防溺水主题班会教案　03-12", "暑假安全教育告家长书　03-10",
                     "© 2024 青禾文库 qinghewk.cn", "京ICP备20240123号-1"])


def test_a_flat_page_gets_a_line_per_block():
    lines = restored(flat_page())
    for block in [f"{TITLE}_青禾文库", "青禾文库 | 首页 | 分类 | 排行 | 登录", "首页 > 教育通知 > 正文", TITLE,
                  # (two rows of facts in a row are one: a number between two labels parts nothing)
                  "阅读 1.3万 | 下载 210 | 收藏 35 上传者:lin_qh 日期:2024.03.05 页数:3", *BODY[:2], "- 2 -",
                  *BODY[3:], "山间小溪：写得很实用，已下载。　👍12", "相关文档", "防溺水主题班会教案　03-12"]:
        assert block in lines


def test_the_flat_page_comes_out_clean_with_its_title_and_facts():
    # (Without the stage, the page number stayed inside the sentence it cut and the reader's
    # comment stayed as text.)
    [doc] = clean_text(flat_page())
    assert doc.title == TITLE
    assert doc.text == "\n".join(BODY)
    assert (doc.metadata.get("uploader"), doc.metadata.get("page_count")) == ("lin_qh", 3)


def test_what_one_row_holds_stays_on_one_row():
    rows = ["阅读 2.3万 | 下载 418 | 收藏 27",  # a label and its value
            "发布:zhao_li 时间:2023.11.02 浏览:88",  # a row of keys
            "首页 新闻 通知 公告 下载中心",  # a menu of words
            "第三条 值班人员应当坚守岗位，不得擅离职守。",  # a clause's number
            "（通讯员 钱多多）本报讯，全市中小学昨日开学。",  # inside brackets
            "Open Source 开源软件 2023 年度报告发布。",  # Latin and digits
            "★★★★☆ 4.5分"]
    prose = "这是一段足够长的正文，用来让整页只有一行，说明页面丢失了换行。"
    page = " ".join(x for row in rows for x in (prose, row))
    lines = restored(page)
    for row in rows:
        assert row in lines


@pytest.mark.parametrize("folio", ["- 2 -", "— 3 / 7 —", "第 4 页 共 9 页", "Page 5 of 8"])
def test_a_page_number_is_a_line_of_its_own(folio):
    page = " ".join(BODY[:2] + ["各班主任要利用班会课开展专题", folio, "教育，讲清野外游泳的危险。"] + BODY[3:] * 3)
    assert folio in restored(page)


def test_a_page_that_kept_its_lines_is_not_read_as_flat():
    page = "\n".join([TITLE, "上传者:lin_qh 日期:2024.03.05", *BODY])
    assert one_line_page(page) is None
    assert lost_break_spans(page, RULE) == []


def test_a_single_paragraph_with_few_spaces_is_left_alone():
    line = "今年以来 全镇新建村级活动场所三处，改造提升五处，群众满意度明显提高。" * 4
    assert lost_break_spans(line, RULE) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(BODY + [TITLE, "首页 | 登录", "阅读 12", "上传:ab_c", "- 3 -", "Word版",
                                      "2024-01-02", "热门搜索：计划 总结", "★★★☆☆", "（记者 王五）"]),
                min_size=1, max_size=14))
def test_only_spaces_become_line_breaks_and_a_second_pass_adds_none(blocks):
    page = " ".join(blocks)
    once = "\n".join(restored(page))
    assert re.sub(r"\s", "", once) == re.sub(r"\s", "", page)
    assert all(page[sp.start:sp.end].strip(" \t") == "" for sp in lost_break_spans(page, RULE))
    assert restored(once) == once.split("\n")


def test_a_headline_with_a_space_that_the_page_prints_twice_stays_whole():
    headline = "石桥镇开展秋季森林防火宣传 筑牢生态安全屏障"
    page = " ".join([f"{headline}_山水资讯网", "山水资讯网 | 首页 | 本地 | 民生", "首页 > 本地 > 正文", headline,
                     "来源：山水资讯网 2024-10-12", *BODY])
    lines = restored(page)
    assert headline in lines and f"{headline}_山水资讯网" in lines


def test_a_bullet_heading_a_title_parts_a_list_and_a_dot_between_facts_does_not():
    prose = "这是一段足够长的正文，用来让整页只有一行，说明页面丢失了换行。"
    page = " ".join([prose, "上传于 2023-05-06 · 4 页 · 2.0元 · 格式 docx", prose * 2, "猜你喜欢",
                     "· 社区老年食堂运营情况调研报告　5页", "· 关于开展夏季防汛演练的通知　2页",
                     "7.村级财务公开工作方案　￥3.50", "8.农村人居环境整治总结　06-18",
                     "11　乡镇安全生产月活动方案　6页　★4.3", "12　河长制工作年度总结　3页　★4.0"])
    lines = restored(page)
    for row in ["上传于 2023-05-06 · 4 页 · 2.0元 · 格式 docx", "· 社区老年食堂运营情况调研报告　5页",
                "· 关于开展夏季防汛演练的通知　2页", "7.村级财务公开工作方案　￥3.50", "8.农村人居环境整治总结　06-18",
                "11　乡镇安全生产月活动方案　6页　★4.3", "12　河长制工作年度总结　3页　★4.0"]:
        assert row in lines


def test_a_year_heads_a_listed_title_even_before_a_chinese_numeral_but_not_a_month():
    prose = "这是一段足够长的正文，用来让整页只有一行，说明页面丢失了换行。"
    page = " ".join([prose * 3, "最新文档", "2024年五四青年节活动方案　05-02", "2024年六一儿童节致辞　05-30",
                     prose, "活动日期 2024年十二月", prose])
    lines = restored(page)
    assert "最新文档" in lines and "2024年五四青年节活动方案　05-02" in lines
    assert "活动日期 2024年十二月" in lines


def test_each_item_of_a_ranking_with_bare_numbers_is_a_line():
    ranking = ["本周热榜", "1 县城学校课后服务收费标准调整", "2 秋季流感疫苗接种点名单公布", "3 老旧小区电梯加装补贴申领指南"]
    lines = restored(" ".join(BODY * 2 + ranking + ["© 2024 青禾文库"]))
    for row in ranking:
        assert row in lines, lines


def test_a_ranking_numbered_with_leading_zeros_parts_from_its_heading():
    ranking = ["与本文相关的文档", "01\u3000县城学校课后服务收费标准　3页", "02\u3000秋季流感疫苗接种点名单　2页",
               "03\u3000老旧小区电梯加装补贴申领指南　5页"]
    lines = restored(" ".join(BODY * 2 + ranking + ["© 2024 青禾文库"]))
    for row in ranking:
        assert row in lines, lines


@pytest.mark.parametrize("notice", ["……………余下内容需下载后查看……………", "—— 试读已结束，下载后阅读全文 ——",
                                    "-------- 以上为预览部分 --------"])
def test_a_notice_between_rules_parts_from_the_sentence_it_cut(notice):
    cut = "各班主任要利用班会课开展专题教育，"
    lines = restored(" ".join(BODY * 2 + [cut, notice, "相关文档", "防溺水主题班会教案　03-12"]))
    assert notice in lines, lines


def test_a_related_heading_is_a_line_even_between_short_words():
    tail = ["立即下载　收藏", "相关文章", "2024-2025学年七年级语文期中试卷", "五年级数学口算练习题（一）"]
    lines = restored(" ".join(BODY * 2 + tail + ["© 2024 青禾文库"]))
    for row in tail:
        assert row in lines, lines


def test_a_related_heading_at_the_page_end_before_trailing_spaces_is_read_safely():
    # (Reading past the page's end here once rejected the whole page.)
    assert restored(" ".join(BODY * 2 + ["相关推荐"]) + "  ")[-1].strip() == "相关推荐"


def test_a_year_opens_a_listed_title_after_a_word_ending_in_latin():
    tail = ["相关PPT", "2024年消防安全培训PPT课件", "© 2024 青禾文库"]
    assert "相关PPT" in restored(" ".join(BODY * 2 + tail))


def test_a_bracket_left_unclosed_does_not_hold_the_rest_of_the_page_on_one_line():
    # (a decoder lost the byte of its closing bracket: 点个赞吧（赞 96）)
    tail = ["觉得好就点个赞吧（赞", "网友评论：写得真实，很感人，结尾尤其好。", "© 2024 青禾文库"]
    lines = restored(" ".join(BODY * 2 + tail))
    assert tail[1] in lines and tail[2] in lines, lines


def test_the_next_posters_remark_after_a_comments_counter_opens_a_line():
    thread = ["热门评论", "林间小鹿：写得很实在，收藏了。", "2024-06-01　回复　👍9",
              "老周：下周开会正好用得上，谢谢！", "2024-06-02　回复　👍3"]
    lines = restored(" ".join(BODY * 2 + thread + ["© 2024 青禾文库"]))
    assert thread[3] in lines, lines


def test_a_count_before_a_labelled_value_stays_on_its_row():
    row = "点赞 12 作者：王小明 日期：2024-06-01"
    assert row in restored(" ".join(BODY * 2 + [row, "© 2024 青禾文库"]))


def test_numbers_that_count_things_in_a_sentence_are_no_ranking():
    counts = "全年共有 1 所学校新建食堂 2 所学校扩建操场，4 所学校完成改造。"  # not 1, 2, 3 in order
    lines = restored(" ".join(BODY * 2 + [counts, "© 2024 青禾文库"]))
    assert counts in lines, lines
