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
