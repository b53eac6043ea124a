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
