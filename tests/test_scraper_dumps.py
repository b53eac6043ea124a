"""What a generic scraper (a browser's innerText, a boilerplate-unaware HTML-to-text dump) makes
of a document site, as the held-out real pages show it and the twenty-fourth unseen-site check
imitates it: a share button's text without the page's address or without brackets round the
title; menus, login boxes and sitemaps dumped one item a line; a box of other documents dropped
between the author's paragraphs; HTML entities the dump left. Site names, user names and
wordings are invented; none is from a fixture."""

from __future__ import annotations

from pipeline.document import Document
from tests.conftest import clean_text

TITLE = "关于做好今冬明春农村饮水安全工作的通知"
BODY = ("为切实保障冬春季节农村群众饮水安全，现将有关事项通知如下。\n"
        "一、各乡镇要组织力量对集中供水工程进行一次全面排查，发现问题及时整改。\n"
        "二、加强水源地保护，严禁在水源保护区内堆放垃圾和排放污水。\n"
        "青柳县水利局\n"
        "2024年11月20日")


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def test_a_share_label_over_the_title_in_brackets_goes_without_an_address():
    share = f"分享到朋友圈：《{TITLE}》— 柳青文库，好文档一搜就有"
    doc = only(f"{TITLE} - 柳青文库\n{BODY}\n{share}\nCopyright © 2024 liuqingwk.cn")
    assert doc.text == BODY and doc.title == TITLE
    assert not doc.flags.get("truncated")


def test_a_share_label_over_the_bare_title_and_the_address_gives_the_url():
    share = f"转发：{TITLE}｜柳青文库 https://www.liuqingwk.cn/p/30917.html"
    doc = only(f"{TITLE} - 柳青文库\n{BODY}\n{share}\nCopyright © 2024 liuqingwk.cn")
    assert doc.text == BODY
    assert doc.metadata.get("source_url") == "https://www.liuqingwk.cn/p/30917.html"


def test_the_authors_sentence_about_sharing_stays():
    line = "分享经验：《农村饮水工程管护手册》已印发各村，请组织学习。"
    assert line in only(f"{TITLE}\n{BODY}\n{line}\n{BODY}").text


def test_a_share_text_under_the_sites_list_still_gives_the_pages_address():
    ranking = ["本月排行", "1　村级河长制工作总结", "2　农村人居环境整治工作方案", "3　乡镇防汛应急预案"]
    share = f"分享：{TITLE}｜柳青文库 https://www.liuqingwk.cn/p/30917.html"
    doc = only("\n".join([f"{TITLE} - 柳青文库", BODY, *ranking, share, "Copyright © 2024 liuqingwk.cn"]))
    assert doc.metadata.get("source_url") == "https://www.liuqingwk.cn/p/30917.html"
    assert doc.metadata.get("site_doc_id") == "30917"


MENU = ["首页", "范文大全", "党建专区", "讲话致辞", "教学资源", "招标文件", "会员中心", "上传赚钱"]
LOGIN = ["账号：", "密码：", "记住登录", "找回密码？", "立即登录"]
SITEMAP = ["关于柳青", "联系方式", "帮助中心", "用户协议", "隐私保护", "侵权投诉", "商务合作", "网站导航"]


def test_a_menu_and_a_login_box_dumped_one_item_a_line_go():
    page = [f"{TITLE} - 柳青文库", *MENU, *LOGIN, f"柳青文库 > 通知公告 > {TITLE}", BODY, *SITEMAP,
            "Copyright © 2024 liuqingwk.cn 皖ICP备24001234号"]
    doc = only("\n".join(page))
    assert doc.text == BODY


def test_names_the_author_announced_one_a_line_stay():
    names = ["本次评选出的优秀河长名单如下：", "吴建平", "郑晓梅", "马德胜", "宋玉兰"]
    page = [f"{TITLE} - 柳青文库", BODY, *names, *SITEMAP, "Copyright © 2024 liuqingwk.cn 皖ICP备24001234号"]
    assert "\n".join(names) in only("\n".join(page)).text


def test_the_documents_own_short_headings_under_a_menu_stay():
    body = "壹、工作目标\n今年全县农村集中供水率要达到百分之九十以上。\n贰、主要措施\n加强水质检测，每季度通报一次检测结果。"
    page = [f"{TITLE} - 柳青文库", *MENU, TITLE, body, *SITEMAP, "Copyright © 2024 liuqingwk.cn 皖ICP备24001234号"]
    assert only("\n".join(page)).text == body


def test_an_image_file_name_alone_on_its_line_goes():
    first, rest = BODY.split("\n", 1)
    doc = only(f"{TITLE} - 柳青文库\n{first}\ntop_ad-1200x120_v3.png\n{rest}")
    assert doc.text == BODY


def test_an_attachment_that_names_an_image_file_stays():
    line = "附件2：水源地保护范围示意图.png"
    assert line in only(f"{TITLE} - 柳青文库\n{BODY}\n{line}").text


PARAS = ["今年以来，全县新建和改造农村供水工程四十二处，受益群众八万余人。",
         "下一步，县水利局将继续加大投入，力争明年实现规模化供水全覆盖。"]


def test_a_box_of_dated_uploads_dropped_between_paragraphs_goes():
    box = ["最新上传", "村级水管员工作职责　11-18", "农村供水工程运行管护办法　11-17",
           "冬季防冻保供水工作方案　11-15", "饮用水水源地巡查记录表　11-12"]
    doc = only("\n".join([f"{TITLE} - 柳青文库", PARAS[0], *box, PARAS[1], "Copyright © 2024 liuqingwk.cn"]))
    assert doc.text == "\n".join(PARAS)


def test_a_numbered_ranking_of_documents_dropped_between_paragraphs_goes():
    box = ["月度排行", "日榜", "周榜", "1.关于加强农村饮水工程管理的通知", "2.县级河湖长制工作考核办法",
           "3.2024年水利工作要点", "4.小型水库安全度汛工作方案"]
    doc = only("\n".join([f"{TITLE} - 柳青文库", PARAS[0], *box, PARAS[1], "Copyright © 2024 liuqingwk.cn"]))
    assert doc.text == "\n".join(PARAS)


def test_the_authors_list_of_documents_ending_the_notice_stays():
    own = ["相关文件：", "1.关于加强农村饮水安全保障的通知", "2.县级农村供水工程管护考核办法", "3.饮用水水源地保护工作方案",
           "青柳县水利局", "2024年11月20日"]
    doc = only("\n".join([f"{TITLE} - 柳青文库", *PARAS, *own, "Copyright © 2024 liuqingwk.cn"]))
    assert "\n".join(own[1:]) in doc.text


def test_the_authors_items_between_paragraphs_stay():
    own = ["近期重点工作", "开展水质抽检", "更新老旧管道", "培训村级水管员"]
    doc = only("\n".join([f"{TITLE} - 柳青文库", PARAS[0], *own, PARAS[1], "Copyright © 2024 liuqingwk.cn"]))
    assert "\n".join(own[1:]) in doc.text


def test_the_texts_own_heading_under_a_box_stays():
    box = ["精选推荐", "村级水管员工作职责范文", "农村供水工程运行管护办法", "冬季防冻保供水工作方案"]
    own = "一、基本情况"
    doc = only("\n".join([f"{TITLE} - 柳青文库", PARAS[0], *box, own, PARAS[1], "Copyright © 2024 liuqingwk.cn"]))
    assert own in doc.text.split("\n")


def test_a_menu_word_is_no_heading_of_the_boxes_and_facts_below_it():
    page = [f"{TITLE}.doc - 柳青文库", "首页", "排行", "VIP", "上传", "客户端", f"文件名：{TITLE}.doc",
            "上传用户：水利小周", "作者其他文档", "村级水管员工作职责范文", "农村供水工程运行管护办法", "冬季防冻保供水工作方案",
            *PARAS, "Copyright © 2024 liuqingwk.cn"]
    doc = only("\n".join(page))
    assert doc.title == TITLE and doc.metadata.get("file_format") == "DOC"


def test_character_references_a_dump_wrote_out_become_their_characters():
    first, rest = BODY.split("\n", 1)
    doc = only(f"{TITLE} - 柳青文库\n&nbsp;&nbsp;&nbsp;&nbsp;{first}\n&nbsp;\n{rest}")
    assert doc.text == BODY
    assert only(f"{TITLE}\n{BODY}\n请登录&ldquo;柳青水务&rdquo;公众号查询。").text.endswith("请登录“柳青水务”公众号查询。")


def test_an_ampersand_that_is_no_reference_stays():
    line = "本次采购的R&D设备与AT&T;网关配件已全部到货。"
    assert "R&D设备与AT&T" in only(f"{TITLE}\n{BODY}\n{line}").text


def test_a_script_links_address_alone_on_its_line_goes():
    first, rest = BODY.split("\n", 1)
    doc = only(f"{TITLE} - 柳青文库\n{first}\njavascript:;\n{rest}\nJavaScript:void(0)")
    assert doc.text == BODY


PORTAL_HEAD = [f"政务公开｜{TITLE}", f"首页 / 通知公告 / {TITLE}", TITLE]
PORTAL_FOOT = "网站地图 | 联系我们 | 皖ICP备24001234号"


def test_a_portals_facts_one_a_line_over_the_text_are_no_table():
    facts = ["发布机构：青柳县水利局", "成文日期：2024-11-18", "发布日期：2024-11-20"]
    doc = only("\n".join([*PORTAL_HEAD, *facts, BODY, PORTAL_FOOT]))
    assert doc.text == BODY
    assert str(doc.metadata.get("upload_date")) == "2024-11-20"


def test_the_authors_figures_one_a_line_over_the_text_stay():
    rows = ["计划投资：1,260万元", "完成投资：986万元"]
    doc = only("\n".join([*PORTAL_HEAD, *rows, BODY, PORTAL_FOOT]))
    assert "\n".join(rows) in doc.text


def test_a_loading_placeholder_inside_a_sentence_goes_and_the_sentence_is_whole():
    sentence = "截至十月底，全县农村集中供水工程共覆盖一百八十个行政村，农村自来水普及率达到百分之九十六。"
    cut = sentence.index("农村自来水")
    page = [f"{TITLE} - 柳青文库", sentence[:cut], "正在加载…", sentence[cut:], "图片加载中，请稍候...", *PARAS,
            "Copyright © 2024 liuqingwk.cn"]
    assert only("\n".join(page)).text == "\n".join([sentence, *PARAS])


def test_a_login_boxs_consent_line_goes():
    first, rest = BODY.split("\n", 1)
    doc = only(f"{TITLE} - 柳青文库\n{first}\n登录即视为同意《柳青文库服务条款》、《隐私政策》\n{rest}")
    assert doc.text == BODY


def test_an_empty_search_box_a_dump_printed_goes():
    page = [f"{TITLE} - 柳青文库", *MENU, "站内搜索：请输入文档名称...", BODY,
            "Copyright © 2024 liuqingwk.cn"]
    assert only("\n".join(page)).text == BODY
