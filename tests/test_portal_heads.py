"""The head of a page whose site names itself first (issue 8, mechanisms the thirteenth
unseen-site check showed): a first line that ends like a site's name over removed chrome is
the masthead, the labelled fields under it are the site's record of the document (the
office that posted it is its uploader), and a heading naming a kind of document beats a
chrome title that shares none of its characters. Invented pages throughout."""

from __future__ import annotations

from pipeline.document import Document
from tests.conftest import clean_text

HEADING = "关于开展2025年春季植树活动的通知"
BODY = ("各社区、各有关单位：\n"
        "为进一步改善辖区生态环境，经研究，决定于3月中旬在全街道范围内开展春季植树活动。\n"
        "请各单位于3月10日前将参加人数报街道办公室，活动所需树苗由街道统一调配。")


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def test_a_portals_name_over_its_nav_row_is_no_title_and_its_fields_are_facts():
    page = ("桐溪街道办事处门户网站\n首页 | 政务公开 | 办事服务 | 互动交流\n"
            "发布机构：桐溪街道党政办\n发布日期：2025-03-02\n"
            f"{HEADING}\n{BODY}")
    doc = only(page)
    assert doc.title == HEADING
    assert doc.text == BODY
    assert doc.metadata.get("uploader") == "桐溪街道党政办"
    assert str(doc.metadata.get("upload_date")) == "2025-03-02"


def test_a_heading_that_names_a_document_beats_a_masthead_title():
    page = f"桐溪集团 · 资料中心 | 内网\n编号：TX-2025-031 | 发布部门：行政部 | 页数：2\n员工考勤管理办法\n{BODY}"
    assert only(page).title == "员工考勤管理办法"


def test_a_chrome_title_the_heading_restates_stays():
    page = f"{HEADING}_桐溪文库\n上传：tx_admin 2025-03-02\n{HEADING}\n{BODY}"
    assert only(page).title == HEADING


def test_the_sites_update_stamp_beside_its_fields_is_the_date():
    page = f"{HEADING}\n发布者：tx_admin\n修改时间：2025-03-04\n已有 87 人下载\n{BODY}"
    doc = only(page)
    assert doc.text == BODY and str(doc.metadata.get("upload_date")) == "2025-03-04"


def test_a_bylines_row_without_keys_names_the_uploader():
    page = f"柳岸文库 — 范文下载\n{HEADING}\n青柳小周  ·  2天前  ·  共4页  ·  PDF  ·  浏览 318\n{BODY}"
    doc = only(page)
    assert doc.metadata.get("uploader") == "青柳小周"
    assert (doc.metadata.get("page_count"), doc.metadata.get("file_format")) == (4, "PDF")
    assert doc.metadata.get("upload_date") is None  # 2天前 is no date a column can hold
    keyed = only(f"柳岸文库 — 范文下载\n{HEADING}\n作者 qingliu_01 ｜ 2025/03/02 ｜ 6页 ｜ DOCX\n{BODY}")
    assert keyed.metadata.get("uploader") == "qingliu_01"


def test_the_office_that_posted_the_file_is_the_uploader():
    page = f"{HEADING}\n文档编号：TX-2025-031 | 发布部门：党政办 | 页数：2\n{BODY}"
    assert only(page).metadata.get("uploader") == "党政办"


def test_the_authors_time_field_with_a_span_of_hours_stays_under_the_sites_rows():
    fields = "时间：2025年3月6日 14:00-16:00\n地点：街道三楼会议室\n主持人：街道党工委书记 周明"
    page = f"桐溪知识库 ｜ 党政办\n街道春季工作部署会会议记录\n页面 ID：7c21ab90\n{fields}\n{BODY}"
    assert fields in only(page).text


def test_a_citations_date_does_not_date_the_page():
    refs = "参考资料\n1. 桐溪街道植树活动顺利举行．桐溪日报〔引用日期2025-03-20〕\n所属分类：街道　植树　环境"
    doc = only(f"桐溪百科 | 词条 | 登录\n{HEADING}\n{BODY}\n{refs}\n© 桐溪百科 tongxi-wiki.org")
    assert doc.metadata.get("upload_date") is None
