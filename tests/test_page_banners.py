"""Banners and footers a page prints around its text: a converter's banner, the page's browser
title with more than one name after it, a notice that the text goes on on another page. All
pages are invented for these tests."""

from __future__ import annotations

from tests.conftest import clean_bytes, clean_text

BODY = ["夜里的风很大，老陈把最后一扇窗户关好，才发现院门外站着一个人。",
        "那人浑身湿透，手里提着一只旧皮箱，犹豫了很久才开口说话。",
        "老陈认出了他，却一时想不起他的名字，只好先把他让进屋里。"]


def test_a_chapter_page_loses_its_browser_title_with_book_and_site_and_its_next_page_notice():
    page = ["云杉书屋 > 乡土小说 > 《北坡人家》 > 第七章 风雪夜里的客人", "第七章 风雪夜里的客人", *BODY,
            "（本章未完，请翻到下一页继续阅读）", "上一页　　返回目录　　下一页",
            "第七章 风雪夜里的客人_北坡人家_云杉书屋"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "第七章 风雪夜里的客人"
    assert doc.text.split("\n") == BODY
    assert doc.flags.get("truncated") is True


def test_a_converters_banner_goes_and_an_authors_sentence_about_converting_stays():
    page = ["#### textlab.site 转换结果 ####", "老屋记事", *BODY, "#### 由 textlab.site 免费生成 ####"]
    [doc] = clean_text("\n".join(page), "strip_site_chrome")
    assert "textlab" not in doc.text
    sentence = "我们用textlab.site把扫描件转换成文字，校对后发现有三处错误。"
    [doc] = clean_text("\n".join(["老屋记事", *BODY, sentence]), "strip_site_chrome")
    assert sentence in doc.text
