"""Titles by what they are (issue 8, item 2 of UNSEEN2.md): every example here is invented,
with other titles, other site names and other separators than any fixture."""

from __future__ import annotations

import pytest

from pipeline.document import Document
from pipeline.metadata import Candidate, best_title, clean_title, is_site_name
from pipeline.titles import is_site_header, labelled_title, path_tail
from tests.conftest import clean_bytes, clean_text

BODY = ("今年以来，我们围绕中心工作，扎实推进各项任务落实，取得了阶段性成效。\n"
        "下一步，将继续加强统筹协调，确保全年目标任务圆满完成。")


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def assert_gives(page: str, title: str) -> None:
    """The page's title is `title`, and its text is BODY alone."""
    doc = only(page)
    assert (doc.title, doc.text) == (title, BODY)


# A file-name line: its key or icon and its extension are not the title.

@pytest.mark.parametrize("line,title", [
    ("资料名称：石桥镇2022年度防汛应急预案.doc", "石桥镇2022年度防汛应急预案"),
    ("【文档标题】关于规范公务接待管理的若干规定.pdf", "关于规范公务接待管理的若干规定"),
    ("🗂 物业服务委托合同（示范文本）.docx", "物业服务委托合同（示范文本）"),
    ("★ 篇名：柳溪村2021年集体经济发展情况汇报.wps", "柳溪村2021年集体经济发展情况汇报"),
])
def test_a_file_name_line_gives_its_title_without_label_icon_or_extension(line, title):
    assert_gives(f"{line}\n{BODY}", title)


@pytest.mark.parametrize("title", ["学习笔记：《乡土中国》读后感", "2022年安全生产月活动总结：筑牢防线，守护平安"])
def test_a_title_with_its_own_colon_keeps_both_halves(title):
    assert clean_title(f"{title}.docx") == title
    assert only(f"{title}.docx\n{BODY}").title == title


# A breadcrumb is a path of categories: the title is at most its last element.

@pytest.mark.parametrize("crumb", ["主页 › 公文范文 › 述职报告 › 正文", "网站首页 / 党建材料 / 心得体会 / 正文",
                                   "首页 → 范文 → 工作计划"])
def test_a_breadcrumb_without_a_real_title_at_its_end_gives_none(crumb):
    heading = "2021年度机关党支部书记抓党建述职报告"
    assert_gives(f"{crumb}\n{heading}\n{BODY}", heading)


def test_a_breadcrumbs_last_element_is_the_title_past_short_categories():
    title = "2022年度财务科科长个人述职报告"
    page = f"松风范文网 songfeng.cn 首页 >> 述职报告 >> 个人述职 {title} 作者：林下客 {BODY}"
    assert only(page).title == title


@pytest.mark.parametrize("path,tail", [
    ("首页 > 工作总结 > 关于A、B和C的报告", "关于A、B和C的报告"),
    ("首页 > 通知公告 > 关于做好 2025 年春运工作的通知", "关于做好 2025 年春运工作的通知"),
    ("文库 › 方案 › 学校 2023年秋季运动会实施方案", "2023年秋季运动会实施方案"),
    ("首页 / 合同范本 / 正文", None),
    ("资料详情 › 作者 山间雾 › 页数 12 › 上传 2021年5月6日", None),
    ("文档属性 » 类型 PDF » 大小 2.4 MB » 下载 88次", None),
])
def test_path_tail(path, tail):
    span = path_tail(path)
    assert (path[span[0]:span[1]] if span else None) == tail


def test_an_info_row_with_separators_is_never_the_title():
    heading = "关于城区停车难问题的调查与思考"
    doc = only(f"资料详情 › 作者 山间雾 › 页数 12 › 上传 2021年5月6日\n{heading}\n{BODY}")
    assert doc.title == heading


# The site's header (its name and slogan) is never a title.

@pytest.mark.parametrize("header", ["青梧文库_海量范文在线读", "竹简资料网 — 学习从这里开始", "书香文档 | 您的写作好帮手"])
def test_a_site_header_is_not_the_title(header):
    assert is_site_header(header, is_site_name)
    title = "2023年社区老年大学招生工作方案"
    doc = only(f"{header}\n{title}\n{BODY}\nCopyright © 2023 版权所有")
    assert doc.title == title and doc.text == BODY


@pytest.mark.parametrize("line", ["关于做好秋季防火工作的通知_青梧文库", "春耕备耕工作方案 - 竹简资料网"])
def test_a_title_with_the_sites_name_after_it_is_no_site_header(line):
    assert not is_site_header(line, is_site_name)


# A footer or label that names the current page gives the title.

FOOTER_TITLE = "河西街道2023年度平安建设工作总结"


@pytest.mark.parametrize("footer", ["© 2024 shuxiang.org · 当前文档：", "版权所有 qingwu.net ｜ 本页：",
                                    "Copyright 2019-2024 zhujian.com 此文档："])
def test_a_footer_label_naming_the_page_gives_the_title(footer):
    assert_gives(f"{BODY}\n{footer}{FOOTER_TITLE}", FOOTER_TITLE)
    assert_gives(f"{BODY}\n{footer}{FOOTER_TITLE} | 联系我们", FOOTER_TITLE)


def test_a_label_that_names_no_title_gives_none():
    assert labelled_title("© 2024 shuxiang.org · 联系我们：400-000-0000") is None
    assert labelled_title("会员中心 · 姓名：王小明 · 用户名：wxm88") is None


# Agreement: the candidate the page states most often wins over a stronger single one.

def test_the_candidate_the_page_repeats_wins():
    found = [Candidate("title", "工作简报", 3, 10, "file_name_line"),
             Candidate("title", "2023年第四季度安全生产工作简报", 6, 50, "title_footer"),
             Candidate("title", "2023年第四季度安全生产工作简报.pdf", 4, 90, "page_thumbnail"),
             Candidate("title", "竹简资料网", 1, 0, "title_label")]  # a site's name is no title
    assert clean_title(best_title(found).value) == "2023年第四季度安全生产工作简报"


def test_a_name_that_says_the_page_holds_several_documents_wins_over_the_first_ones_title():
    # Page images and the first heading name the bundle's first document; the file name
    # names the bundle: the page's title is the bundle's, which then splits it.
    first = "2024年春季开学典礼校长致辞"
    found = [Candidate("title", "开学典礼致辞精选(3篇).docx", 4, 10, "file_name_line"),
             Candidate("title", f"{first}.docx", 4, 40, "page_thumbnail"),
             Candidate("title", f"{first}.docx", 4, 80, "page_thumbnail")]
    assert clean_title(best_title(found, f"{first}\n老师们、同学们：").value) == "开学典礼致辞精选(3篇)"


# A clean page (nothing of a site's on it) keeps its heading; the same page with chrome
# gives it as the title (cleaning.md 1: the title is the page's name for the document).

def test_a_clean_page_keeps_its_heading_in_the_text():
    page = f"关于调整图书馆开放时间的说明\n{BODY}"
    doc = only(page)
    assert doc.text == page and doc.title is None


def test_a_page_with_chrome_gives_its_heading_as_the_title():
    doc = only(f"首页 | 公告 | 新闻\n关于调整图书馆开放时间的说明\n{BODY}\n版权所有 © 2022 青梧文库")
    assert doc.title == "关于调整图书馆开放时间的说明" and doc.text == BODY


# A path whose separators were lost: its categories stand on lines of their own above the
# title; a one-line page states the title twice (the page's, then the heading).

def test_category_lines_above_the_title_are_not_the_title_and_go():
    title = "关于2022年度城区背街小巷整治情况的汇报"
    doc = only(f"首页 | 公文 | 下载\n综合汇报\n情况汇报\n{title}\n{BODY}")
    assert doc.title == title and doc.text == BODY


def test_a_short_title_without_a_real_title_after_it_is_still_the_title():
    doc = only(f"首页 | 公文 | 下载\n辞职报告\n尊敬的领导：\n{BODY}")
    assert doc.title == "辞职报告" and doc.text.startswith("尊敬的领导：")


def test_a_title_stated_twice_on_one_line_is_the_title_once():
    title = "关于2024年度农村饮水安全工程建设进展的报告"
    doc = only(f"首页 | 公文 | 下载\n{title} {title} 各位领导：\n{BODY}")
    assert doc.title == title and title not in doc.text and doc.text.startswith("各位领导：")


def test_a_heading_that_repeats_a_candidate_and_a_shortened_copy_count_for_it():
    full = "关于2022年度社区居家养老服务站运营情况的调查报告"
    found = [Candidate("title", "养老服务资料", 1, 0, "title_label"),
             Candidate("title", full[:12] + "…", 3, 5, "breadcrumb"),
             Candidate("title", full, 6, 90, "title_footer")]
    assert best_title(found).value == full
    found = [Candidate("title", "社区工作参考资料汇编", 3, 0, "file_name_line"),
             Candidate("title", "2023年春节期间安全生产检查情况通报", 6, 90, "title_footer")]
    assert best_title(found).rule == "file_name_line"
    page = "2023年春节期间安全生产检查情况通报\n" + BODY
    assert best_title(found, page).rule == "title_footer"


def test_a_title_shaped_candidate_wins_over_a_category_or_a_sentence_from_a_stronger_source():
    found = [Candidate("title", "通知公告", 1, 0, "title_label"),
             Candidate("title", "请各单位于3月5日前报送材料。逾期不候", 2, 5, "title_label"),
             Candidate("title", "关于报送2024年度预算执行情况的通知", 6, 90, "title_footer")]
    assert best_title(found).rule == "title_footer"


@pytest.mark.parametrize("row", ["网站首页 | 通知公告 | {t}", "| {t}", "主页 ｜ 文件 ｜ {t}"])
def test_a_nav_rows_last_element_that_is_a_real_title_is_the_title(row):
    title = "关于做好2025年度森林防灭火工作的通知"
    assert only(f"{row.format(t=title)}\n{BODY}\n© 2025 青禾网").title == title


def test_a_nav_row_ending_in_a_category_gives_no_title_from_it():
    heading = "石桥村2024年人居环境整治工作方案"
    assert only(f"网站首页 | 方案 | 工作方案\n{heading}\n{BODY}").title == heading


def test_a_row_of_facts_above_the_title_is_passed_over():
    title = "关于开展校园周边交通安全整治的通知"
    doc = only(f"首页 | 公文\n发布：2023-09-01\n{title}\n{BODY}")
    assert doc.title == title and title not in doc.text


# The title a page sets over its body, against the chrome's (unseen-site mechanisms; invented).

def test_a_tag_before_the_heading_in_the_chromes_title_is_the_sites():
    page = "\n".join(["（免费试读）石门村2023年人居环境整治工作方案.doc", "石门村2023年人居环境整治工作方案", BODY])
    assert only(page).title == "石门村2023年人居环境整治工作方案"


def test_a_name_after_the_title_is_the_sites_when_its_chrome_names_it_again():
    # 青藤文档库 ends in no ending a site's name is known by: the page's banner and footer
    # name it, so after the title it is the site's.
    page = "\n".join(["青藤文档库", "物业服务合同（示范文本）_青藤文档库", "文档格式：PDF | 页数：5 | 上传者：lxm_88",
                      "物业服务合同", BODY, "青藤文档库 www.qtwdk.cn 版权所有"])
    doc = only(page)
    assert (doc.title, doc.text) == ("物业服务合同（示范文本）", BODY)
    assert any(e.rule == "title_line" and "site's name" in e.evidence for e in doc.edits)
    # A name the chrome does not state is not known to be the site's.
    page = "\n".join(["文档格式：PDF | 页数：5 | 上传者：lxm_88", "物业服务合同（示范文本）_二〇二四年修订", BODY])
    assert only(page).title != "物业服务合同（示范文本）"


def test_a_note_after_the_heading_in_the_file_name_is_the_authors():
    page = "\n".join(["果树冬季修剪技术要点（第二版）.docx", "果树冬季修剪技术要点", BODY])
    assert only(page).title == "果树冬季修剪技术要点（第二版）"


def test_a_row_of_labelled_fields_is_never_the_title():
    page = "\n".join(["网站首页 / 信息公开 / 公示公告", "信息类别：公示公告    发文单位：某县教育局",
                      "关于2024年秋季学期中小学收费标准的公示", BODY])
    doc = only(page)
    assert doc.title == "关于2024年秋季学期中小学收费标准的公示" and doc.text == BODY


def test_labelled_fields_under_the_title_are_the_authors():
    minutes = "\n".join(["时间：2024年4月9日下午", "地点：村委会二楼会议室", "主持人：村党支部书记"])
    page = "\n".join(["网站首页 / 信息公开 / 会议纪要", "清溪村2024年第二次村民代表会议纪要", minutes, BODY])
    doc = only(page)
    assert doc.title == "清溪村2024年第二次村民代表会议纪要" and doc.text == minutes + "\n" + BODY


def test_a_bundle_is_cut_at_a_heading_that_names_a_rule_a_community_sets_itself():
    # 公约, 守则, 准则: kinds of document a bundle of a community's rules holds.
    page = ["蓝山范文网 - 免费范文下载", "社区公约范本（精选2篇）", "上传者：小李　上传时间：2023-08-01",
            "幸福里小区文明养犬管理办法", "为规范小区养犬行为，维护公共环境，经业主大会讨论通过，制定本办法。",
            "一、犬只出户应当束犬链，由成年人牵领。",
            "幸福里小区居民环境卫生公约", "为建设整洁有序的居住环境，全体居民共同制定本公约。",
            "一、生活垃圾分类投放，不得随意倾倒。", "© 蓝山范文网"]
    docs = clean_bytes("\n".join(page).encode("utf-8"))
    assert [d.title for d in docs] == ["幸福里小区文明养犬管理办法", "幸福里小区居民环境卫生公约"]
    assert docs[1].text.split("\n") == page[7:9]


def test_a_public_offices_grid_gives_the_title_under_a_padded_label_and_its_facts():
    page = ["澄江市人民政府", "首页 > 政务公开 > 政府文件",
            "索引号：11330200MB1234567X/2024-00123\u3000\u3000主题分类：城乡建设、环境保护",
            "发文机关：澄江市人民政府办公室\u3000\u3000成文日期：2024年05月20日",
            "标\u3000\u3000题：澄江市人民政府办公室关于做好2024年汛期安全工作的通知",
            "发文字号：澄政办发〔2024〕15号\u3000\u3000发布日期：2024年05月22日",
            "澄江市人民政府办公室关于做好2024年汛期安全工作的通知", "澄政办发〔2024〕15号", "各镇人民政府，市政府各部门：",
            "为切实做好今年汛期安全工作，确保人民群众生命财产安全，现将有关事项通知如下。",
            "一、压实防汛责任。各镇、各部门要严格落实防汛工作责任制，主要负责同志要亲自部署、靠前指挥。",
            "澄江市人民政府办公室", "2024年5月20日", "【打印本页】【关闭窗口】",
            "主办：澄江市人民政府办公室\u3000\u3000网站标识码：3302000001"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "澄江市人民政府办公室关于做好2024年汛期安全工作的通知"
    assert doc.text.split("\n") == page[7:13]
    assert doc.metadata["site_doc_id"] == "11330200MB1234567X/2024-00123"


def test_a_catalogue_entry_gives_the_title_and_goes_whole():
    page = ["云溪市图书馆 数字资源平台", "首页 > 馆藏检索 > 地方文献", "题名：云溪县茶叶生产情况调查",
            "责任者：云溪县农业局 编", "出版发行：云溪县农业局，1984", "载体形态：12页；26cm",
            "一、基本情况", "全县现有茶园面积一万二千亩，其中投产茶园八千六百亩，年产干茶四百余吨。", "© 云溪市图书馆"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "云溪县茶叶生产情况调查"
    assert doc.text.split("\n") == page[6:8]


def test_a_heading_that_restates_the_title_in_another_order_goes_but_another_units_stays():
    body = ["各位同事：", "今年以来，我们紧紧围绕年度目标任务扎实推进各项工作，现将有关情况汇报如下。",
            "一是产量稳步提升，全年完成计划的百分之一百零六。"]
    title = "2024年质检科年终工作总结"
    for heading in ["质检科2024年度工作总结", "2024年质检科工作总结"]:
        page = ["云栖文档 > 工作总结", title, "上传者：青禾　页数：3页", heading, *body, "© 云栖文档"]
        [doc] = clean_bytes("\n".join(page).encode())
        assert (doc.title, doc.text.split("\n")) == (title, body), heading
    # Another unit's kind of document, or another kind: the author's line, kept.
    for heading in ["2024年财务科年终工作总结", "附：质检科2024年度培训安排"]:
        page = ["云栖文档 > 工作总结", title, "上传者：青禾　页数：3页", heading, *body, "© 云栖文档"]
        [doc] = clean_bytes("\n".join(page).encode())
        assert doc.text.split("\n")[0] == heading, heading


def test_a_bundle_whose_parts_have_no_heading_lines_is_not_cut_inside_a_sentence():
    # The doc type 汇报 inside a sentence (…情况汇报如下) heads no part of the bundle.
    body = ["各位家长：", "本学期以来，在各位家长的大力支持下，班级各项工作稳步推进。现将有关情况汇报如下。",
            "一、学习方面，同学们的作业完成率明显提高。", "二、纪律方面，课堂秩序井然，迟到现象大为减少。"]
    page = ["云栖文档 > 家长会", "家长会班主任发言稿（通用3篇）", "上传者：青禾", *body, "© 云栖文档"]
    docs = clean_bytes("\n".join(page).encode())
    assert "\n".join(d.text for d in docs).split("\n") == body


@pytest.mark.parametrize("browser_title", [
    "2024年质检科年终工作总结_免费下载_云栖文档",      # a word of the site's between title and name
    "2024年质检科年终工作总结_在线阅读_下载_云栖文库",
    "2024年质检科年终工作总结-文档在线预览",           # made of the site's button labels alone
    "2024年质检科年终工作总结 | 免费下载",
])
def test_the_sites_words_after_a_browser_title_are_not_the_title(browser_title):
    body = ["今年以来，我们紧紧围绕年度目标任务扎实推进各项工作，现将有关情况汇报如下。",
            "一是产量稳步提升，全年完成计划的百分之一百零六。"]
    [doc] = clean_bytes("\n".join([browser_title, "首页 | 范文 | 总结 | 计划", *body, "© 2024 云栖文档"]).encode())
    assert (doc.title, doc.text.split("\n")) == ("2024年质检科年终工作总结", body)
    # 首页 heads the nav row: a tab's label, no site's name.
    assert doc.metadata.get("source_site") != "首页"


def test_a_row_of_links_after_a_label_is_no_browser_title():
    body = ["今年以来，我们紧紧围绕年度目标任务扎实推进各项工作，现将有关情况汇报如下。",
            "一是产量稳步提升，全年完成计划的百分之一百零六。"]
    page = ["云栖文档 > 工作总结", "2024年质检科年终工作总结", *body,
            "同类文档：2024年财务科工作总结 | 2024年后勤科工作总结 | 2024年工作计划", "© 2024 云栖文档"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert (doc.title, doc.text.split("\n")) == ("2024年质检科年终工作总结", body)


def test_a_bundle_repeating_its_name_over_parts_with_quoted_headings_is_cut_at_them():
    page = ["社区读书活动总结范文2篇 - 课文吧", "课文吧 > 活动总结 > 社区活动",
            "下面是小编为大家整理的社区读书活动总结范文2篇，仅供参考。",
            "社区读书活动总结范文2篇", "“书香邻里”读书活动总结", "今年以来，社区以“书香邻里”为主题开展读书活动十二场。",
            "“亲子共读”周末活动总结", "社区在周末组织亲子共读活动，共有八十余个家庭参加。",
            "以上就是社区读书活动总结范文2篇的全部内容，本文共计2篇，如需下载请点击下方按钮。",
            "课文吧小程序上线啦！微信搜索“课文吧”，海量范文随时查", "© 课文吧 kewenba.cn"]
    docs = clean_bytes("\n".join(page).encode())
    assert [(d.title, d.text) for d in docs] == [("“书香邻里”读书活动总结", page[5]), ("“亲子共读”周末活动总结", page[7])]


def test_a_short_title_before_a_category_and_the_sites_name_and_its_heading_in_spaced_letters():
    body = ["甲方（买方）：________有限公司", "乙方（卖方）：________有限公司",
            "为明确双方的权利和义务，甲乙双方本着平等互利的原则，经友好协商，订立本合同。"]
    page = ["购销合同 | 合同协议 | 好模板网", "欢迎来到好模板网！请 登录 或 注册", "文档编号：73126 ｜ 2024年3月12日 ｜ 4页",
            "购 销 合 同", *body, "© 好模板网 haomuban.com"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert (doc.title, doc.text.split("\n")) == ("购销合同", body)


def test_an_authors_line_of_single_characters_is_kept():
    lines = ["考场纪律要求如下：", "静 净 敬 竞", "请各位同学牢记以上四个字。"]
    assert clean_text("\n".join(lines))[0].text.split("\n") == lines


def test_a_sites_advert_for_its_copy_leaves_the_title_and_an_authors_note_stays():
    assert clean_title("乡镇河长制工作年度总结(完整版)") == "乡镇河长制工作年度总结"
    assert clean_title("小学科学《种子发芽》教案【word版可编辑】") == "小学科学《种子发芽》教案"
    assert clean_title("村级财务公开管理办法（试行）") == "村级财务公开管理办法（试行）"
    assert clean_title("物业服务合同（2024年修订）") == "物业服务合同（2024年修订）"


def test_a_title_field_in_traditional_script_loses_its_label():
    assert clean_title("資料名稱：里民活動中心啟用典禮") == "里民活動中心啟用典禮"
    assert clean_title("文件：西岭镇林下经济发展情况报告.pdf") == "西岭镇林下经济发展情况报告"


def test_a_heading_that_names_the_kind_of_document_beats_the_files_loose_name():
    body = ["为了解居民对社区食堂的评价，社区于今年五月组织了问卷调查，共回收问卷六百余份。",
            "调查显示，居民对菜品价格和卫生状况的满意度最高，对营业时间的意见较多。"]
    page = ["某某文库 | 首页 | 登录", "[文件] 社区食堂问卷-改3.docx　[页数] 4　[大小] 1.1 MB",
            "东湖社区2023年社区食堂居民满意度问卷调查报告", *body]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "东湖社区2023年社区食堂居民满意度问卷调查报告" and doc.text.split("\n") == body
    # A title that names its kind itself, a note after it or not, stays.
    page = ["某某文库 | 首页 | 登录", "[文件] 三年级语文下册教学计划（部编版）.docx　[页数] 4",
            "三年级语文下册教学计划", *body]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "三年级语文下册教学计划（部编版）"


# A browser title whose site name is no "…网"/"…文库": the page's chrome states the name.

@pytest.mark.parametrize("sep", ["|", "｜", "-"])
def test_a_browser_title_with_an_unspaced_bar_or_hyphen_before_the_sites_name(sep):
    title = "2024—2025学年社区志愿服务工作计划"
    page = [f"{title}{sep}笔耕坊", "笔耕坊 · 计划 · 总结 · 讲话稿 · 会员", "编号：BG2025017　　格式：DOCX　　页数：3页",
            *BODY.split("\n"), "笔耕坊 bigengfang.cn　© 2019-2025　客服QQ：10001"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == title
    assert doc.text == BODY


def test_a_hyphen_inside_the_title_is_not_taken_for_the_sites_separator():
    title = "COVID-19疫情常态化防控工作方案"
    page = [f"{title}-笔耕坊", "编号：BG2025018　　格式：DOCX　　页数：2页", *BODY.split("\n"),
            "笔耕坊 bigengfang.cn　© 2019-2025"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == title


def test_what_is_left_of_the_sites_row_of_fields_is_no_title():
    # The rules take the counters of a row they know (上架时间, N人已下载); the field left of
    # it (出品：<user>) is the site's too, not the page's title.
    title = "班级联欢会主持词"
    page = [f"{title}|笔耕坊", "笔耕坊 · 计划 · 总结 · 讲话稿 · 会员", "出品：青柚工作室　　上架时间：2024-12-02　　530人已下载",
            *BODY.split("\n"), "笔耕坊 bigengfang.cn　© 2019-2025　客服QQ：10001"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == title
    assert doc.text == BODY


def test_a_share_text_that_tells_a_friend_what_was_found_gives_the_title():
    title = "2024年村级集体经济发展调研报告"
    page = ["知行书斋 | 首页 | 资料 | 登录", *BODY.split("\n"),
            f"我在知行书斋读到一份好资料「{title}」，你也来看看 https://zxsz.example.cn/r/Tq81",
            "知行书斋 zxsz.example.cn · 京ICP备00000000号"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == title and doc.text == BODY


@pytest.mark.parametrize("field", ["等级：钻石会员", "讲师：周老师", "状态：已审核"])
def test_one_short_field_of_a_card_is_no_title(field):
    from pipeline.metadata import is_a_title

    assert not is_a_title(field)
    assert is_a_title("关于做好2024年春季森林防火工作的通知")


def test_a_file_line_with_its_page_count_and_size_in_brackets_gives_title_and_facts():
    title = "“平安校园、你我共建”主题活动方案"
    page = [f"文件：{title}.docx（共6页，48.5 KB）", *BODY.split("\n"), "Copyright © 2024 qingwu.net"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == title and doc.text == BODY
    assert (doc.metadata.get("page_count"), doc.metadata.get("file_size"), doc.metadata.get("file_format")) \
        == (6, "48.5KB", "DOCX")


def test_a_dash_line_under_the_title_is_its_subtitle_and_a_dashed_banner_is_not():
    page = "\n".join(["青岚论文库 - 期刊全文在线", "首页 ｜ 期刊 ｜ 学位论文 ｜ 登录",
                      "老旧小区加装电梯的协商机制研究", "——以南湖区五个社区为例", BODY,
                      "Copyright © 2012-2024 qinglan-lw.cn"])
    assert_gives(page, "老旧小区加装电梯的协商机制研究——以南湖区五个社区为例")
    sentence = "——这是课题组在五个社区走访半年后写成的报告。"
    doc = only(page.replace("——以南湖区五个社区为例", sentence))
    assert doc.title == "老旧小区加装电梯的协商机制研究" and sentence in doc.text


def test_a_title_in_lenticular_brackets_before_the_sites_name_is_the_pages_title():
    page = "\n".join(["【山城旧事录】青简扫描馆", "青简扫描馆｜首页｜分类浏览｜试读专区", BODY,
                      "青简扫描馆 qingjian.tw 本站扫描内容仅供试读"])
    assert only(page).title == "山城旧事录"


def test_a_browser_title_that_is_the_sites_name_and_slogan_gives_no_title():
    from tests.conftest import clean_text

    page = ("青苗随笔_天天更新的美文网\n青苗随笔　首页　散文　随笔\n"
            "外婆家的院子里有一棵老枣树，每年秋天都结满了红枣。\n我们几个孩子总是爬上树去摘，外婆就在树下笑着喊小心。\n"
            "© 2016-2024 青苗随笔　浙ICP备16012345号")
    [doc] = clean_text(page)
    assert doc.title is None and doc.text.startswith("外婆家的院子里")


def test_a_headline_of_two_clauses_restating_the_browser_title_is_the_title():
    # (A news headline's two clauses apart by a space read as a row of two fields; the first
    # line, <title>-<site>, says it is the page's name.)
    title = "青川县举办农民丰收节 三千群众共庆丰收"
    page = [f"{title}-青川融媒", "首页 > 要闻", title, "来源：青川县融媒体中心 | 编辑：罗佳 | 发布时间：2024年09月23日 09:30",
            *BODY.split("\n"), "主办：中共青川县委宣传部　青ICP备00000000号"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == title
    assert doc.text == BODY


def test_the_site_named_after_a_restated_browser_title_is_the_source_site():
    title = "青川县举办农民丰收节 三千群众共庆丰收"
    page = [f"{title}-青川融媒", "首页 > 要闻", title, "编辑：罗佳 | 发布时间：2024年09月23日 09:30",
            *BODY.split("\n"), "主办：中共青川县委宣传部"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.metadata.get("source_site") == "青川融媒"
