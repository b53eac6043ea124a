"""Related lists and what only looks like one (issue 8, mechanisms the fourteenth
unseen-site check showed): a site may close a listed title with a full stop or head its list
with 您可能还想看; an outline the author announces with a colon is the author's; a date the
site states too is still the author's when it stands alone. Invented pages throughout."""

from __future__ import annotations

from pipeline.document import Document
from tests.conftest import clean_text

TITLE = "桐溪小学2025年春季运动会方案"
BODY = ("为丰富校园体育生活，学校定于4月18日举办春季运动会，全体学生均可报名参加。\n"
        "各班主任要做好学生的安全教育，运动会期间不得擅自离开指定区域。")
FOOT = "桐溪文库 版权所有 © 2025"


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def test_listed_titles_closed_with_a_full_stop_go():
    page = (f"{TITLE}\n{BODY}\n相关推荐\n1. 关于做好春季校园传染病防控工作的通知。\n"
            f"2. 小学秋季田径运动会秩序册\n3. 体育组2025年工作计划。\n{FOOT}")
    assert only(page).text == BODY


def test_a_list_under_a_you_may_want_to_see_heading_goes():
    page = f"{TITLE}\n{BODY}\n您可能还想看：\n校园足球联赛实施方案\n大课间活动安排表（春季版）\n{FOOT}"
    assert only(page).text == BODY


def test_an_outline_the_author_announces_with_a_colon_stays():
    outline = "板书设计：\n运动会\n赛前：分组报名→编排秩序\n赛中：安全第一→文明参赛\n赛后：总结表彰"
    doc = only(f"{TITLE}\n{BODY}\n{outline}\n{FOOT}")
    assert "赛中：安全第一→文明参赛" in doc.text and "运动会\n" in doc.text


def test_a_signature_date_the_site_also_states_stays():
    page = f"{TITLE}\n{BODY}\n桐溪小学体育组\n2025年3月5日\n上传时间：2025年3月5日 16:02\n{FOOT}"
    assert only(page).text.endswith("桐溪小学体育组\n2025年3月5日")
