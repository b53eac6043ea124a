"""Rows, banners, related lists and notices of sites nobody here has seen (issue 8, second
unseen-site check): each mechanism held to an invented page it must change and one it must
keep. Site names, separators and wordings are made up on purpose; none is from a fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.document import Document
from tests.conftest import clean_text

TITLE = "关于开展村庄清洁行动的实施方案"
BODY = ("各村要把人居环境整治作为重点，组织群众清理房前屋后的杂物，做到干净整洁。\n"
        "乡镇要加强督查，每月通报一次进展情况，对工作滞后的村进行约谈。")
FOOTER = "Copyright © 2015-2024 lanting-docs.com"


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


# Site header and banner lines, whatever the separator and with a Latin brand or domain.

@pytest.mark.parametrize("banner", ["Lanting 兰亭文档 · 公文写作好帮手", "砚池资料 YanChi — 资料随手可得",
                                    "知墨文档 ZhiMo ∣ 让写作更轻松"])
def test_a_site_banner_with_a_brand_and_another_separator_goes(banner):
    doc = only(f"{banner}\n{TITLE}\n{BODY}")
    assert (doc.title, doc.text) == (TITLE, BODY)


def test_a_subtitle_under_a_dash_at_the_top_stays():
    doc = only(f"乡村振兴调研 - 关于人居环境整治的思考\n{BODY}")
    assert "关于人居环境整治的思考" in (doc.title or "") + doc.text


def test_the_slogan_after_a_title_footer_goes_with_it():
    doc = only(f"{BODY}\n{TITLE} - 砚池文库 - 精品范文在线分享")
    assert doc.text == BODY


# The site speaking (a tip on who uploaded the file, an ad for its membership) and an author's
# sentence on the same thing.
@pytest.mark.parametrize("site,author", [
    ("砚池小贴士：本文档由网友上传，使用前请自行核对。", "该平台上的短视频多由用户上传，再经人工审核后发布。"),
    ("▶ 立即升级年度VIP，全站范文免费下 ◀", "图书馆为持证读者开通会员服务，可免费借阅图书。"),
])
def test_the_sites_voice_goes_and_an_authors_sentence_on_it_stays(site, author):
    doc = only(f"{site}\n{TITLE}\n{BODY}")
    assert (doc.title, doc.text) == (TITLE, BODY)
    assert author in only(f"{BODY}\n{author}").text


# Counter, nav and action rows with other separators and icons.

@pytest.mark.parametrize("row", ["首页 │ 公文 │ 讲话 │ 总结", "范文 ∣ 计划 ∣ 心得"])
def test_a_nav_row_with_other_bars_goes(row):
    [doc] = clean_text(f"砚池资料 - 免费文档分享\n{row}\n{BODY}", "strip_site_chrome")
    assert doc.text == BODY
    assert [e.rule for e in doc.edits] == ["site_banner", "nav_row"]


def test_a_row_of_counted_phrases_goes_and_a_table_row_stays():
    doc = only(f"{BODY}\n获取全文需 8 墨点 · 已被 27 人下载")
    assert doc.text == BODY
    table = "2022年 ｜ 1362户 ｜ 28个"
    assert table in only(f"{BODY}\n{table}\n{BODY}").text


# Upload, byline, info and action rows with other keys, separators and icons: the row goes,
# its facts become metadata.
ONE_LINE = BODY.replace("\n", "")
ROWS = [
    # key｜value, dots between fields, bare page count and size
    (f"分享人｜竹影 · 编号｜QX7B22 · 时间｜2022/05/17 · 类型｜DOCX · 共9页 · 2.05 MB\n{BODY}",
     {"uploader": "竹影", "site_doc_id": "QX7B22", "upload_date": dt.date(2022, 5, 17), "file_format": "DOCX",
      "page_count": 9, "file_size": "2.05MB"}),
    # key / value, wide gaps between fields
    (f"作者 / 山间小溪　分类 / 心得体会　发布时间 / 2021-11-03　文件大小 / 31.7KB\n{BODY}",
     {"uploader": "山间小溪", "upload_date": dt.date(2021, 11, 3), "file_size": "31.7KB"}),
    # a byline: a bare date and a counter between slashes
    (f"发布：河畔观察 ／ 2020-06-30 ／ 浏览 88 次\n{BODY}", {"uploader": "河畔观察", "upload_date": dt.date(2020, 6, 30)}),
    # a source that is one of the site's users, an icon before the date
    (f"来源：砚池网友 青柠　🕒 2019-04-08\n{BODY}", {"uploader": "青柠", "upload_date": dt.date(2019, 4, 8)}),
    # an author on a row that names no outlet is the uploader
    (f"作者：砚池编辑部　更新于 2023-02-11 09:40　阅读(56)\n{BODY}", {"uploader": "砚池编辑部"}),
    # a kind of file (汇编) is not a format; ID is the site's id
    (f"资料类型：汇编 | 总页数：4 | 上传于：2021-01-05 | ID：YC0105\n{BODY}",
     {"site_doc_id": "YC0105", "page_count": 4, "file_format": None}),
    # ... and gives way to the format of the file's name
    (f"村规民约汇编.docx\n资料类型：汇编 | 总页数：4 | 上传于：2021-01-05\n{BODY}", {"file_format": "DOCX"}),
    # a lone key cut off from its row by a lost line break
    (f"上传：竹影 时间：2021-09-02 阅读：77 {ONE_LINE}", {"uploader": "竹影", "upload_date": dt.date(2021, 9, 2)}),
    # who posted it alone on a line; the date between 于 and the verb, counters with units after it
    (f"由 溪畔听风 分享\n{BODY}", {"uploader": "溪畔听风"}),
    (f"溪畔听风 於 2022/08/19 上傳 · 瀏覽 57 次 · 下載 4 次\n{BODY}",
     {"uploader": "溪畔听风", "upload_date": dt.date(2022, 8, 19)}),
    # the site's credit with the date before the verb and the file's facts after it
    (f"本文档由 松间明月 于 2023-06-11 08:40 上传，共 8 页\n{BODY}",
     {"uploader": "松间明月", "upload_date": dt.date(2023, 6, 11), "page_count": 8}),
    # a date and its verb close a field: the next field's page count is no uploader
    (f"2023-06-11 上传 ｜ 8页 ｜ 0.9MB ｜ PDF\n{BODY}", {"uploader": None, "file_size": "0.9MB"}),
    # the domain on a banner names the site
    (f"砚池资料 yanchi-doc.io\n{BODY}", {"source_site": "yanchi-doc.io"}),
    # icons as separators and labels; the file size is kept
    (f"{BODY}\n⬇ 下载 (2.4MB)　✎ 纠错　☆ 收藏", {"file_size": "2.4MB"}),
]


@pytest.mark.parametrize("page,facts", ROWS, ids=[p[:8] for p, _ in ROWS])
def test_an_info_row_goes_and_its_facts_become_metadata(page, facts):
    doc = only(page)
    assert doc.text in (BODY, ONE_LINE)
    assert {k: doc.metadata.get(k) for k in facts} == facts


def test_a_url_line_in_the_middle_of_the_page_goes():
    page = f"{BODY}\n墨溪书斋 moxi-shuzhai.com\n{BODY}"
    assert "moxi" not in only(page).text


# Related lists under headings no rule knows, by their shape.

RELATED = ["社区夏季防汛应急演练方案（范本）", "老旧小区加装电梯工作推进会讲话", "志愿服务队2023年度工作总结"]


@pytest.mark.parametrize("heading", ["延伸閱讀", "相近范文", "大家还在看"])
def test_a_list_of_titles_under_an_unknown_heading_before_chrome_goes(heading):
    doc = only("\n".join([BODY, heading, *RELATED, FOOTER]))
    assert doc.text == BODY


def test_a_list_of_titles_at_the_page_end_below_chrome_goes():
    doc = only("\n".join([BODY, "【责任编辑：石青】", "同主题", *RELATED]))
    assert doc.text == BODY


def test_a_related_list_on_one_line_goes():
    body = BODY.replace("\n", "")
    doc = only(f"{body} 拓展阅读：{RELATED[0]} | {RELATED[1]} | {RELATED[2]} 本站部分资源来自网络，仅供学习交流。")
    assert doc.text == body
    assert not doc.flags.get("truncated")


@pytest.mark.parametrize("block", [["附件", "村庄清洁行动任务分解表", "人居环境整治考核细则（试行）"],
                                   ["山居", "空山新雨后天气晚来秋", "明月松间照清泉石上流"]])
def test_the_authors_own_lists_and_verse_before_chrome_stay(block):
    doc = only("\n".join([BODY, *block, FOOTER]))
    assert all(line in doc.text for line in block[1:])


# A labelled line of the author's is not a site's digit row.

def test_the_time_line_of_minutes_stays():
    minutes = ["时间：2023年9月12日下午2:30", "地点：镇政府二楼会议室", "主持人：镇长王某"]
    doc = only("\n".join(["砚池资料 - 免费文档分享", "阅读 36 · 下载 5 · 4.6分", "镇2023年第九次党政联席会议纪要",
                          *minutes, BODY]))
    assert all(line in doc.text for line in minutes)


def test_a_site_date_row_above_the_body_still_goes():
    doc = only("\n".join(["砚池资料 - 免费文档分享", "镇2023年第九次党政联席会议纪要", "9:30 2023-09-12 36", BODY]))
    assert "2023-09-12" not in doc.text


# Truncation notices of other wordings, and their negation.

def test_a_notice_that_only_the_first_pages_are_shown_flags_the_page():
    doc = only(f"{BODY}\n乡镇要加强督查，每月通报\n……（原文共9页，目前仅显示前2页）……")
    assert doc.flags.get("truncated")
    assert "仅显示" not in doc.text
    assert doc.metadata.get("page_count") == 9


def test_a_notice_that_the_whole_document_is_shown_goes_without_a_flag():
    doc = only(f"{BODY}\n—— 本资料共4页，已全部加载完毕 ——")
    assert doc.text == BODY
    assert not doc.flags.get("truncated")


def test_a_slide_decks_count_of_slides_in_its_facts_row_is_its_page_count():
    row = "上传者：教研组小吴　　上传时间：2024-02-03　　共16张　　格式：PPTX"
    doc = only(f"{TITLE}\n{row}\n{BODY}\n{FOOTER}")
    assert doc.text == BODY and doc.metadata.get("page_count") == 16
    # A count of other things (sheets, photos) without 共 is no page count.
    other = only(f"{TITLE}\n上传者：教研组小吴　　上传时间：2024-02-03　　16张\n{BODY}\n{FOOTER}")
    assert other.metadata.get("page_count") is None


def test_a_keyless_facts_row_with_a_price_and_a_fact_under_a_spaced_key_goes_with_its_facts():
    doc = only(f"{TITLE}\n2025年3月2日 · 5 页 · 2元/次 · 格式 docx\n{BODY}\n{FOOTER}")
    assert doc.text == BODY
    assert (doc.metadata.get("page_count"), doc.metadata.get("file_format")) == (5, "DOCX")
