"""The facts a document site scatters around a page (issue 8, mechanisms the fourteenth
unseen-site check showed): a contributor card (key over name, a date after a separator), a
price row whose rest is the file's bare facts, a page count after the title, a running header
with the page's counter, a download button with its price. Invented pages throughout."""

from __future__ import annotations

from pipeline.document import Document
from tests.conftest import clean_text

TITLE = "桐溪街道2025年老旧小区改造工作方案"
BODY = ("今年街道计划完成三个老旧小区的改造，重点解决管网老化、道路破损和停车难等问题。\n"
        "各社区要广泛听取居民意见，改造方案须经居民议事会讨论通过后方可实施。")
FOOT = "桐溪文库 tongxiwk.cn 版权所有"


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def test_a_contributor_card_names_the_uploader_and_dates_the_upload():
    card = "资料上传者\n青柳老周\nLv.3 普通会员 · 共享资料 86 篇 · 发布于 2025年3月6日\n+ 关注TA"
    doc = only(f"{TITLE}\n{BODY}\n{card}\n{FOOT}")
    assert doc.text == BODY
    assert doc.metadata.get("uploader") == "青柳老周"
    assert str(doc.metadata.get("upload_date")) == "2025-03-06"


def test_what_a_price_row_leaves_is_the_files_facts():
    doc = only(f"{TITLE}\n售价：5积分 ｜ 已有 32 人下载 ｜ PDF ｜ 7页\n{BODY}\n{FOOT}")
    assert doc.text == BODY
    assert (doc.metadata.get("file_format"), doc.metadata.get("page_count")) == ("PDF", 7)


def test_a_page_count_after_the_title_is_a_fact():
    doc = only(f"桐溪文库 | 首页 | 登录\n{TITLE}（6页）\n{BODY}\n{FOOT}")
    assert doc.title == TITLE and doc.metadata.get("page_count") == 6


def test_a_running_header_with_the_pages_counter_gives_the_title():
    first, second = BODY.split("\n")
    page = f"桐溪文库 | 首页 | 登录\n分类：城建\n{TITLE}　第1页（共2页）\n{first}\n{TITLE}　第2页（共2页）\n{second}\n{FOOT}"
    doc = only(page)
    assert doc.title == TITLE and doc.metadata.get("page_count") == 2
    assert doc.text == BODY


def test_a_download_button_with_its_price_goes():
    assert only(f"{TITLE}\n{BODY}\n下载这份资料（2下载券）\n{FOOT}").text == BODY


def test_an_exam_papers_note_with_a_clause_is_no_counter_row():
    note = "（满分100分，考试时间90分钟）"
    head = "桐溪文库 | 首页 | 登录\n上传：数学组 ｜ 2025年4月8日 ｜ DOCX"
    doc = only(f"{head}\n{note}\n一、选择题（每小题3分，共30分）\n{BODY}\n{FOOT}")
    assert note in doc.text


def test_a_numbered_heading_over_a_name_is_no_card():
    text = f"{BODY}\n一、上传\n桐溪办公室\n2025年3月6日"
    assert only(text).text == text
