"""A browser title whose title the page prints again as its heading (session 17): the
restated line proves where the title ends, whatever marks it holds, and what follows the
separator is the site's name. Pages invented here."""

from __future__ import annotations

from pipeline.charsets import iter_lines, match_view
from pipeline.stages.chrome_lines import restated_titles
from tests.conftest import clean_text

BODY = ("今年入夏以来，镇里组织志愿者清理河道垃圾二十余吨，沿岸村民也自发参与进来。\n"
        "下一步，我们将建立河道巡查制度，做到责任到人、每周一查。\n")


def test_a_title_ending_in_a_bracket_is_cut_where_its_heading_ends():
    # The browser title writes ASCII brackets, the heading full-width ones: the heading's form wins.
    page = ("河道保洁工作总结(第三季度)_青苗文稿\n"
            "首页 | 工作总结 | 心得体会\n"
            "河道保洁工作总结（第三季度）\n" + BODY)
    [doc] = clean_text(page)
    assert doc.title == "河道保洁工作总结（第三季度）"
    assert "青苗文稿" not in doc.text and doc.text.startswith("今年入夏以来")


def test_a_full_width_bar_without_spaces_sets_off_the_sites_name():
    page = ("关于开展河道清洁月活动的倡议书｜溪畔读书会\n"
            "溪畔读书会\n"
            "关于开展河道清洁月活动的倡议书\n" + BODY)
    [doc] = clean_text(page)
    assert doc.title == "关于开展河道清洁月活动的倡议书"
    assert "溪畔读书会" not in doc.text and doc.text.startswith("今年入夏以来")


def test_a_title_with_a_colon_and_a_comma_keeps_them():
    page = ("河长制落实情况：成效明显，仍需加力 - 桐溪政务\n"
            "河长制落实情况：成效明显，仍需加力\n" + BODY)
    [doc] = clean_text(page)
    assert doc.title == "河长制落实情况：成效明显，仍需加力"
    assert "桐溪政务" not in doc.text


def test_a_part_heading_far_down_restated_by_a_contents_line_stays():
    # A heading and its subtitle at the top, the same heading alone far below (a contents
    # list's echo): nothing proves the top line a browser title, so the subtitle stays.
    lines = [f"第{n}项工作按计划推进，完成率达到百分之九十以上。" for n in range(1, 21)]
    page = "一、全面推进河道综合治理工作 - 从清淤到管护\n" + BODY + "\n".join(lines) + "\n一、全面推进河道综合治理工作\n"
    [doc] = clean_text(page)
    assert "从清淤到管护" in (doc.title or "") + doc.text


def test_a_section_between_the_title_and_the_sites_name_goes_with_the_name():
    page = ("石桥村修路记 - 乡土文献库 - 松源县档案馆\n"
            "松源县档案馆　首页　馆藏查询　乡土文献　｜　读者登录\n"
            "石桥村修路记\n" + BODY)
    [doc] = clean_text(page)
    assert doc.title == "石桥村修路记"
    assert doc.text.startswith("今年入夏以来")


def test_a_footer_browser_title_names_the_heading_at_the_top():
    page = "石桥村修路记（节选）\n" + BODY + "石桥村修路记(节选) - 松源文苑\n"
    [doc] = clean_text(page)
    assert doc.title == "石桥村修路记（节选）"
    assert "松源文苑" not in doc.text


def test_a_site_named_like_the_body_that_wrote_the_document():
    # An association's own site: the document's title holds the site's name.
    page = ("松源县茶叶协会章程-松源县茶叶协会\n"
            "网站首页 | 协会概况 | 协会动态\n"
            "松源县茶叶协会章程\n" + BODY)
    [doc] = clean_text(page)
    assert doc.title == "松源县茶叶协会章程"
    assert doc.text.startswith("今年入夏以来")


def test_a_documents_number_before_the_title_is_not_the_title():
    page = ("DB43/T 2088—2024 乡村公路养护技术规程 - 地方标准 - 规范在线\n"
            "规范在线　首页　国家标准　地方标准\n"
            "乡村公路养护技术规程\n"
            "1　范围\n"
            "本文件规定了乡村公路日常养护、定期检查和病害处治的技术要求。\n"
            "本文件适用于县道、乡道和村道的养护作业。\n")
    [doc] = clean_text(page)
    assert doc.title == "乡村公路养护技术规程"
    assert "规范在线" not in doc.text and doc.text.startswith("1　范围")


def test_a_mastheads_name_restated_by_the_footer_is_no_title():
    # <site> — <slogan> on top; the footer's first line restates the site's name alone: the
    # masthead is no browser title (the footer is no heading).
    page = ("溪畔镇中心小学 — 校园网（内网）\n"
            "首页 | 学校概况 | 通知公告 | 教学教研\n"
            "关于做好暑期安全教育工作的通知\n" + BODY +
            "【打印】【关闭】\n"
            "溪畔镇中心小学\n"
            "版权所有　地址：溪畔镇学府路8号　电话：0536-8320000\n"
            "技术支持：溪畔网络中心　建议使用1366×768分辨率浏览\n")
    lines = [(s, e) for s, e in iter_lines(page) if page[s:e].strip()]
    assert restated_titles(page, match_view(page), lines, []) == []


def test_a_heading_names_the_document_a_coded_file_name_shortens():
    page = ("002817_20250318_2024年度社会责任报告.pdf - 溪财网\n"
            "溪财网　首页　行情　公告\n"
            "松源精密机械股份有限公司2024年度社会责任报告\n"
            "本公司始终坚持依法经营、诚信经营，积极履行社会责任，现将2024年度有关情况报告如下。\n"
            "一、公司全年实现营业收入十二亿元，依法纳税八千余万元，吸纳就业一千二百余人。\n")
    [doc] = clean_text(page)
    assert doc.title == "松源精密机械股份有限公司2024年度社会责任报告"
