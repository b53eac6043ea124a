"""The context layer (chrome_context): lines the chrome rules missed, judged by their shape
and by which neighbours the rules removed. All pages are invented for these tests; the
greeting, breadcrumb and copyright lines are there because the rules remove them, which
is the context's evidence that a block is the site's."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import FIXTURES, clean_bytes, clean_text

GREETING = "您好，欢迎访问青禾文库"
CRUMB = "当前位置：首页 > 文档中心 > 正文"
FOOTER = "Copyright © 2008-2024 qinghe.com All Rights Reserved"
TITLE = "2023年度社区党建工作总结"
BODY = ["今年以来，社区党委坚持以党建引领基层治理，各项工作取得了新成效。",
        "一是健全组织体系，二是强化队伍建设，三是提升服务水平。",
        "下一步，我们将继续压实责任，推动各项工作落地见效。"]


def context(page: list[str]) -> tuple[list[str], list]:
    """The page's lines after the chrome rules and the context, and the context's edits."""
    [doc] = clean_text("\n".join(page), "strip_site_chrome", "chrome_context")
    return [x for x in doc.text.split("\n") if x], [e for e in doc.edits if e.stage == "chrome_context"]


# Rows the chrome rules do not take (whole), each a shape the context knows.
@pytest.mark.parametrize("row", ["共 12 条 ｜ 附 3 篇 ｜ 第 5 版", "9527  368  12", "园丁阿明 整理 2021-03-02",
                                 "条目 12 ｜ 附件 3", "【字号 大 中 小】【关闭】"])
def test_a_chrome_shaped_row_above_the_body_goes_where_the_rules_found_chrome(row):
    [rules_only] = clean_text("\n".join([GREETING, TITLE, row, *BODY, FOOTER]), "strip_site_chrome")
    assert row.split()[0] in rules_only.text  # the rules leave (some of) the row
    lines, edits = context([GREETING, TITLE, row, *BODY, FOOTER])
    assert lines == [TITLE, *BODY]
    assert len(edits) == 1 and edits[0].rule in {"counter_row", "digit_row", "byline_row", "separated_row",
                                                 "bracket_buttons"}
    assert "above the body" in edits[0].evidence


def test_nothing_is_judged_on_a_page_where_the_rules_found_no_chrome():
    page = [TITLE, "园丁阿明 整理 2021-03-02", "9527  368  12", *BODY]
    assert context(page) == (page, [])


def test_a_short_line_between_removed_chrome_goes_and_a_sentence_between_them_stays():
    lines, edits = context([GREETING, "青禾好文 · 精选", CRUMB, TITLE, *BODY])
    assert lines == [TITLE, *BODY]
    assert [(e.rule, e.evidence) for e in edits] == [("between_chrome", "no sentence, between greeting and breadcrumb")]
    sentence = "本社区共有居民三千二百户，党员二百一十六名。"
    assert context([GREETING, sentence, CRUMB, TITLE, *BODY])[0] == [sentence, TITLE, *BODY]


def test_titles_above_the_body_are_never_judged_chrome():
    # The title sits between chrome the rules removed: it is the page's title, not chrome.
    lines, edits = context([GREETING, TITLE, CRUMB, "——在全区组织工作会议上的发言", *BODY])
    assert lines == [TITLE, "——在全区组织工作会议上的发言", *BODY] and edits == []


def test_other_documents_titles_between_chrome_below_the_body_go():
    related = ["2022年度社区党建工作计划", "社区网格化管理实施方案（范本）"]
    lines, edits = context([TITLE, *BODY, "展开阅读全文", *related, FOOTER])
    assert lines == [TITLE, *BODY]
    assert {e.rule for e in edits} == {"between_chrome"}


def test_a_letters_end_and_a_contact_line_below_the_body_stay():
    tail = ["联系人：张三", "联系电话：0736-421-8563", "此致", "敬礼！", "青禾县第二中学", "李四", "2024年7月5日"]
    lines, edits = context([GREETING, TITLE, *BODY, *tail, FOOTER])
    assert lines == [TITLE, *BODY, *tail] and edits == []


def test_verse_between_chrome_below_the_body_stays():
    verse = ["春风又绿江南岸", "明月何时照我还"]
    lines, edits = context([TITLE, *BODY, "展开阅读全文", *verse, FOOTER])
    assert lines == [TITLE, *BODY, *verse] and edits == []


def test_a_table_below_the_body_is_the_authors():
    table = ["2022年 ｜ 1362户 ｜ 28个", "2023年 ｜ 1480户 ｜ 31个"]
    lines, edits = context([GREETING, TITLE, *BODY, "展开阅读全文", *table, FOOTER])
    assert lines == [TITLE, *BODY, *table] and edits == []


def test_a_hotline_after_the_footer_goes():
    lines, edits = context([TITLE, *BODY, FOOTER, "8:30-17:30 0571-88886666"])  # a shape the rules leave
    assert lines == [TITLE, *BODY]
    assert [(e.rule, e.evidence) for e in edits] == [("digit_row", "between copyright_line and edge of the page")]


def test_a_page_without_prose_is_left_alone():
    poem = ["静夜思", "床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"]
    lines, edits = context([GREETING, *poem, FOOTER])
    assert lines == poem and edits == []


AUTHOR_SENTENCES = [line for line in (FIXTURES / "author_sentences.txt").read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith("#")]


@pytest.mark.parametrize("sentence", AUTHOR_SENTENCES, ids=[s[:10] for s in AUTHOR_SENTENCES])
def test_an_author_sentence_between_chrome_stays(sentence):
    lines, edits = context([GREETING, TITLE, BODY[0], CRUMB, sentence, FOOTER, BODY[1]])
    assert sentence in lines and edits == []


def test_a_context_removal_marks_a_page_break_for_the_joiner():
    cut_a = "今年以来，全县上下紧紧围绕年度目标任务，坚持稳中求进"
    cut_b = "工作总基调，统筹推进疫情防控和经济社会发展，各项工作取得了明显成效。"
    page = [GREETING, TITLE, BODY[0], cut_a, CRUMB, "青禾好文 · 精选", FOOTER, cut_b, BODY[2]]
    [doc] = clean_text("\n".join(page), "strip_site_chrome", "chrome_context", "pagination")
    assert doc.text.split("\n") == [TITLE, BODY[0], cut_a + cut_b, BODY[2]]


def test_a_chrome_row_at_the_pages_foot_needs_chrome_below_it_only():
    # Invented: a counter row and a row of short labels right under the last sentence, the
    # site's footer under them; a closing date of the author's stays (a digit row is not
    # enough at the foot).
    counters, labels = "共 12 条 ｜ 附 3 篇 ｜ 第 5 版", "甲栏 ｜ 乙栏 ｜ 丙栏 ｜ 丁栏"
    lines, edits = context([GREETING, TITLE, *BODY, counters, labels, FOOTER])
    assert lines == [TITLE, *BODY] and edits and all("foot" in e.evidence for e in edits)
    closing = "签订日期：2024年3月1日"
    lines, _ = context([GREETING, TITLE, *BODY, closing, FOOTER])
    assert lines == [TITLE, *BODY, closing]
    # Without the site's chrome under it, a row at the end is not judged at the foot.
    _, edits = context([GREETING, TITLE, *BODY, counters])
    assert not [e for e in edits if "foot" in e.evidence]


def test_what_the_rules_left_of_a_chrome_line_goes_with_it():
    # Invented: the rules take the label and the number of a price line; the rest of it,
    # a note in brackets, is no title and no sentence of the author's.
    lines, edits = context([GREETING, "下载所需：3 积分（新用户首次下载免费）", TITLE, *BODY, FOOTER])
    assert lines == [TITLE, *BODY]


def test_two_rows_of_links_are_no_table():
    # Invented: a menu left by the rules and a section path with spaced slashes over the
    # title; a table has rows of one make, a path is not one of them.
    lines, _ = context([GREETING, "资讯中心  服务指南  办事大厅", "资讯中心 / 通知公告", TITLE, *BODY, FOOTER])
    assert lines == [TITLE, *BODY]


def test_a_bundles_title_between_chrome_rows_is_the_title():
    bundle = "3篇 社区党建工作总结合集"
    lines, _ = context([GREETING, bundle, "上传于 2024-12-30 ｜ 共9页 ｜ 价格：8 积分", *BODY, FOOTER])
    assert lines[0] == bundle


@pytest.mark.parametrize("row", ["〖打印本页〗〖关闭窗口〗", "〔收藏〕〔分享〕〔纠错〕"])
def test_buttons_in_any_square_brackets(row):
    lines, _ = context([GREETING, TITLE, row, *BODY, FOOTER])
    assert lines == [TITLE, *BODY]


def test_readers_posts_at_the_foot_go_with_the_sites_footer_row():
    # Invented: two readers' comments, each ending in the site's time stamp, and a row of
    # the site's facts as the page's last line; the rules removed a share row above them.
    posts = ["山里的云：这样的好做法值得推广！ 2024-06-02 08:15", "老街坊：希望下一步把停车问题也解决好。 2024-06-02 09:40"]
    lines, edits = context([GREETING, TITLE, *BODY, "分享到： 微信 ｜ 微博", *posts, "主办：青禾日报社　　地址：青禾市人民路9号"])
    assert lines == [TITLE, *BODY] and {e.rule for e in edits} <= {"stamped_post", "labelled_row"}
    # A stamp in the author's sentence does not make it a post.
    line = "截至2024-06-02 18:00，全县共转移群众1200余人，目前各安置点秩序良好。"
    lines, _ = context([GREETING, TITLE, *BODY, line, FOOTER])
    assert line in lines


def test_rows_under_the_documents_first_numbered_heading_are_the_documents():
    # An exam paper has no sentence until late: its outline (一、 1.) begins the document, and
    # a row of options under it, or the aside in brackets under the title, is the author's.
    title, aside = "2023学年第一学期七年级科学单元测试", "（满分100分\u3000时间60分钟）"
    page = [GREETING, title, aside, "一、选择题", "1.下列物质中属于纯净物的是", "A.空气\u3000B.海水\u3000C.蒸馏水\u3000D.牛奶",
            "2.一本书的厚度约为", "A.1\u3000B.2\u3000C.3\u3000D.4", "二、简答题",
            "3.请写出两种常见的溶剂，并说明它们的用途。", FOOTER]
    lines, edits = context(page)
    assert lines == page[1:-1]
    assert edits == []


def test_a_records_first_field_under_the_sites_rows_is_the_authors_when_fields_follow_it():
    # 会议地点：… is one of a block of fields, not a title: the field above it stays too.
    fields = ["会议时间：2024年4月9日上午9:30", "会议地点：东湖社区党群服务中心", "主持人：社区书记 陈立新", "记录人：王敏"]
    body = ["一、传达学习了街道关于做好汛期安全工作的通知精神。", "二、研究部署了社区防汛物资储备和巡查值守工作。"]
    page = ["东湖社区工作纪要 - 文汇文档网", "文汇文档网  www.wenhuidoc.cn", "首页 · 分类 · 排行榜 · 会员中心",
            "贡献者：东湖社区  上传于：2024-04-10  格式：DOCX  页数：2", "下载此文档 | 加入收藏 | 举报",
            *fields, *body, "Copyright 2015-2024 wenhuidoc.cn"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == [*fields, *body]
    # A short title before a name that ends like a site's (… - 文汇文档网) is the title, no site's name.
    assert doc.title == "东湖社区工作纪要"


def test_a_meetings_fields_under_the_sites_record_and_its_sharer_row_are_the_authors():
    # The site's record (a title field, a sharer row it removes), then the minutes' own
    # fields: the removed row splits them into two blocks; only the first is the site's.
    fields = ["时间：2022年6月8日上午9时", "地点：镇政府二楼小会议室", "主持人：王海（副镇长）", "记录：李青"]
    body = ["会议听取了各村防汛准备情况的汇报，研究部署了下一阶段的防汛工作。",
            "会议要求各村在六月底前完成河道清障，汛期实行二十四小时值班制度。"]
    page = ["某某文档 | 首页 | 登录", "资料名称：北山镇防汛工作会议纪要",
            "分享人：bs_office　分享于 2022/06/10　4页　收藏 2", *fields, *body, "某某文档 版权所有"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "北山镇防汛工作会议纪要"
    assert doc.text.split("\n") == fields + body


def test_a_block_of_bracketed_keys_above_the_title_is_the_sites_record():
    rows = ["【发布部门】某某县人民政府", "【发文字号】某政发〔2021〕8号", "【发布日期】2021.05.06",
            "【实施日期】2021.06.01", "【时效性】现行有效", "【效力级别】县级规范性文件"]
    body = ["第一条　为了规范农村集体资产管理，保护集体经济组织成员的合法权益，制定本办法。",
            "第二条　本办法适用于本县行政区域内农村集体资产的管理和监督。"]
    page = ["某某县农村集体资产管理办法 - 法规库", "首页 | 法律 | 地方法规 | 登录", *rows,
            "某某县农村集体资产管理办法", *body, "法规库 fagui-mou.cn 版权所有"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "某某县农村集体资产管理办法"
    assert doc.text.split("\n") == body


def test_a_browser_title_over_the_sites_nav_is_left_for_the_title_not_taken_as_chrome():
    body = ["同志们：", "今天召开全县春耕生产工作会议，主要任务是部署今年的春耕生产工作。",
            "刚才，几位同志作了很好的发言，我都同意。下面，我讲三点意见。"]
    page = ["在全县春耕生产工作会议上的讲话 - 掌上读", "掌上读 | 首页 | 频道 | 我的", "打开APP，阅读体验更佳",
            "县农业局 发表于 2024-03-02 09:15", *body, "返回顶部", "©2024 掌上读 zhangshangdu.cn"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "在全县春耕生产工作会议上的讲话"
    assert doc.text.split("\n") == body


def test_a_portals_grid_with_keys_set_in_spaced_letters_is_the_sites_record():
    # A disclosure grid pads its keys with spaces to align them (索 引 号, 文　　号, 名　　称):
    # the keys are read closed up, so the grid is the site's, its 索引号 the page's id, its
    # 名称 the title, and its line of a category (信息类别：…) no title, though it reads like one.
    grid = ["索 引 号：ZJ-0417/2025-00031　　　信息类别：教育、体育",
            "发布机构：南溪县体育局　　　成文日期：2025-04-02",
            "文　　号：南体发〔2025〕4号　　　发布日期：2025-04-07",
            "名　　称：南溪县2025年全民健身运动会实施方案"]
    body = ["为丰富群众体育文化生活，经研究，决定于今年五月至十月举办全县全民健身运动会。",
            "各乡镇要高度重视，认真组织，确保各项比赛安全有序开展。"]
    page = ["南溪县人民政府门户网站", "首页 | 政务公开 | 政务服务 | 互动交流",
            "您当前的位置：首页 > 政府信息公开 > 部门文件", *grid, "南溪县2025年全民健身运动会实施方案",
            *body, "主办：南溪县人民政府办公室　浙ICP备00000000号"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "南溪县2025年全民健身运动会实施方案"
    assert doc.text.split("\n") == body
    assert doc.metadata.get("site_doc_id") == "ZJ-0417/2025-00031"
    # The date it was written is not the date the page was published.
    assert doc.metadata.get("upload_date") == dt.date(2025, 4, 7)


def test_a_form_of_fields_with_spaced_keys_inside_the_body_stays():
    # The closed-up keys are only how rules read a line: a form in the document keeps its text.
    form = ["姓　　名：____________　　性　　别：______", "工作单位：____________　　职　　务：______"]
    body = ["请各单位于本月底前将报名表报送县文化馆，逾期不再受理。", "联系人：赵老师"]
    page = [GREETING, CRUMB, TITLE, BODY[0], *form, *body, FOOTER]
    lines, _ = context(page)
    assert all(line in lines for line in form)


@pytest.mark.parametrize("row", ["林间小筑　5小时前", "回帖　山野闲人　发表于 刚刚", "晨读会 · 2周前"])
def test_a_byline_dated_by_the_time_since_is_the_sites_row(row):
    lines, edits = context([GREETING, TITLE, row, *BODY, FOOTER])
    assert lines == [TITLE, *BODY]


def test_a_link_to_all_the_sites_answers_below_the_body_goes():
    lines, _ = context([GREETING, TITLE, *BODY, "展开全部126条评论", FOOTER])
    assert lines == [TITLE, *BODY]


def test_a_barred_row_with_keys_set_off_by_a_space_gives_its_facts():
    # The row has no colon: its fields are <key> <value> between bars. The context takes the
    # row, and the fields under keys the metadata reads become facts.
    row = "¥ 3.50 ｜ 页数 5 ｜ 8千次阅读 ｜ 上传者 竹林听雨 ｜ 2024-03-09"
    page = [GREETING, CRUMB, TITLE, row, *BODY, FOOTER]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.text.split("\n") == BODY
    assert doc.metadata.get("uploader") == "竹林听雨" and doc.metadata.get("page_count") == 5


@pytest.mark.parametrize("row,facts", [
    ("2024年6月3日 · 11 页 · 2.5元/次 · PDF", {"upload_date": dt.date(2024, 6, 3), "page_count": 11, "file_format": "PDF"}),
    ("◆ 发布：2024年06月03日", {"upload_date": dt.date(2024, 6, 3), "uploader": None}),
    ("上传于 2天前　本资料共 14 页", {"page_count": 14}),
])
def test_facts_alone_in_a_removed_rows_fields_are_kept(row, facts):
    page = [GREETING, CRUMB, TITLE, row, *BODY, FOOTER]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.text.split("\n") == BODY
    assert {k: doc.metadata.get(k) for k in facts} == facts


def test_the_line_under_a_row_the_rules_took_in_two_claims_is_no_remnant_of_it():
    # The row goes as a labelled part and a counter with the line break: the speaker's line
    # under it was never part of it.
    page = ("在全市防汛工作会议上的讲话\n贡献者：江边渔夫 · 收录于2023.06.02 · 2,407人读过\n市委书记　张明远\n"
            "（2023年6月1日）\n同志们：\n今天召开全市防汛工作会议，主要任务是分析当前防汛形势，部署下一阶段的防汛工作。\n"
            "各级各部门要压实责任，确保安全度汛。")
    [doc] = clean_text(page)
    assert doc.text.startswith("市委书记　张明远\n（2023年6月1日）\n同志们：")
    assert doc.metadata.get("upload_date") == dt.date(2023, 6, 2)


def test_an_announcements_securities_header_over_its_heading_is_the_documents_own():
    # The header a listed company's announcement opens with is printed in the document; a
    # site's labelled facts in the same place go.
    header = "证券代码：603517　　证券简称：青石科技　　公告编号：临2025-019"
    heading = "青石科技股份有限公司关于签订日常经营重大合同的公告"
    body = ["本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏。",
            "公司于近日与南湖水务集团签订了供水管网改造工程合同，合同金额为人民币一亿二千万元。"]
    page = ["公告速递 ｜ 首页 ｜ 沪市 ｜ 深市 ｜ 登录", "公告类型：重大合同　　发布时间：2025-06-12", header, heading,
            *body, "公告速递 ggsudi.cn ©2025 沪ICP备25011873号"]
    [doc] = clean_text("\n".join(page))
    assert header in doc.text and "公告类型" not in doc.text
