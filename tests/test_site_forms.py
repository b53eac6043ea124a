"""Forms of the everyday 文库/范文 sites (issue 8, what the twenty-first unseen-site check showed),
each by what it is: a label of the site's heading the text, the site's excerpt of the text above
it, a giver's key built from what was given, a statement that names the member who uploaded, a
byline stamped with the poster's region, the page count in the wrapper's second title, the
text's source given as this page's address, a button that sends the page somewhere. Site
names, user names and wordings are invented; none is from a fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.document import Document
from pipeline.stages.chrome_rows import is_widget
from tests.conftest import clean_text

TITLE = "关于做好今冬明春森林防火工作的通知"
BODY = ("为切实做好今冬明春森林防火工作，保护森林资源安全，现将有关事项通知如下。\n"
        "一、各乡镇要落实属地责任，组织护林员每日巡山，及时发现和处置火情。\n"
        "二、严禁在林区野外用火，对违规用火行为依法从严查处。")


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


@pytest.mark.parametrize("label", ["文档简介：", "资料描述：", "内容提要: "])
def test_a_label_heading_the_text_on_its_line_goes_and_the_text_stays(label):
    first, rest = BODY.split("\n", 1)
    doc = only(f"{TITLE}\n{label}{first}\n{rest}")
    assert doc.text == BODY


def test_a_word_for_a_summary_inside_a_sentence_is_the_authors():
    line = "请各班在周五前提交活动的内容简介：包括时间、地点和参加人数。"
    assert line in only(f"{TITLE}\n{BODY}\n{line}").text


@pytest.mark.parametrize("excerpt", [
    "内容摘录：为切实做好今冬明春森林防火工作，保护森林资源安全……",
    "为切实做好今冬明春森林防火工作，保护森林资源...",
])
def test_the_sites_excerpt_of_the_text_above_it_goes(excerpt):
    doc = only(f"{TITLE}\n{excerpt}\n{BODY}")
    assert doc.text == BODY


def test_an_authors_sentence_cut_with_an_ellipsis_stays():
    said = "他想了想，说：“山上的事，一句两句也说不清楚……”"
    assert said in only(f"{TITLE}\n{BODY}\n{said}\n山上的事，一句两句也说不清楚，后来大家都不再问了。").text


@pytest.mark.parametrize("row,uploader", [
    ("内容提供方：松间明月　文档ID：77120931", "松间明月"),
    ("资料上传者：lin***88　资料编号：A-2207", "lin***88"),
])
def test_a_givers_key_names_the_uploader_whatever_was_given(row, uploader):
    doc = only(f"{TITLE}\n{row}\n{BODY}")
    assert doc.text == BODY and doc.metadata.get("uploader") == uploader


def test_a_statement_naming_the_member_who_uploaded_gives_the_uploader():
    statement = "本文（森林防火通知.doc）为本站会员（186****2231）自行上传，本站仅提供信息存储空间，不承担相关法律责任。"
    doc = only(f"{TITLE}\n{BODY}\n{statement}")
    assert doc.text == BODY and doc.metadata.get("uploader") == "186****2231"


def test_a_byline_stamped_with_the_posters_region_gives_the_poster_and_the_date():
    byline = "竹林听雨　2022-12-05 发布于四川　|　733 阅读　12 转藏"
    doc = only(f"{TITLE}\n{byline}\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata.get("uploader") == "竹林听雨" and doc.metadata.get("upload_date") == dt.date(2022, 12, 5)


def test_the_wrappers_second_title_gives_the_page_count():
    wrapper = f"《{TITLE}.docx》由用户上传分享，免费在线阅读，更多相关内容在松果文库搜索《{TITLE}(9页)》即可找到。"
    doc = only(f"{wrapper}\n{TITLE}\n{BODY}")
    assert doc.text == BODY and doc.metadata.get("page_count") == 9


def test_the_texts_source_given_as_an_address_is_this_pages_address():
    doc = only(f"{TITLE}\n{BODY}\n本篇出处：https://www.songguo-wk.cn/tongzhi/40817.html")
    assert doc.text == BODY
    assert doc.metadata.get("source_url") == "https://www.songguo-wk.cn/tongzhi/40817.html"
    assert doc.metadata.get("site_doc_id") == "40817"


@pytest.mark.parametrize("token,widget", [
    ("分享到朋友圈", True), ("转藏到我的图书馆", True), ("分享到", True),
    ("分享经验", False), ("到达现场", False),
])
def test_a_button_that_sends_the_page_somewhere_is_a_widget(token, widget):
    widgets = frozenset({"分享到", "转藏到", "收藏", "分享"})
    assert is_widget(token, widgets) is widget


def test_the_site_asking_to_be_bookmarked_goes_with_its_question():
    doc = only(f"{TITLE}\n{BODY}\n还想读更多精彩范文？别忘了收藏松果范文网，天天更新。")
    assert doc.text == BODY


def test_advice_on_copying_the_sample_text_goes():
    doc = only(f"{TITLE}\n{BODY}\n本文内容仅供参考借鉴，请结合本单位实际修改后使用，切勿照抄。")
    assert doc.text == BODY


def test_what_the_view_shows_of_a_slide_deck_gives_its_format_and_its_cut():
    slides = "第1张\n森林防火知识\n第2张\n一、林区严禁携带火种进山。\n二、发现火情立即拨打报警电话。"
    doc = only(f"{TITLE}\n本课件为PPTX格式，网页版只显示文字内容，请下载查看完整版式。\n{slides}\n还剩12张未读，点击继续")
    assert doc.metadata.get("file_format") == "PPTX" and doc.flags.get("truncated")
    assert "网页版" not in doc.text and "未读" not in doc.text


def test_a_text_signed_with_a_date_ends_there_whatever_the_site_says_of_its_preview():
    signed = f"{BODY}\n县森林防火指挥部\n2023年11月8日"
    doc = only(f"{TITLE}\n{signed}\n温馨提示：预览内容与下载后的文档一致，请放心下载。")
    assert doc.text == signed and not doc.flags.get("truncated")


def test_a_browser_title_parts_at_the_site_name_its_chrome_states():
    doc = only(f"{TITLE}-松果范文-公文写作免费下载\n松果范文　首页 | 通知 | 总结\n{BODY}\n松果范文 www.songguofw.cn 版权所有")
    assert doc.title == TITLE


def test_how_a_text_came_names_no_uploader():
    doc = only(f"{TITLE}\n时间：2024-03-02　作者：热心网友投稿　来源：网络整理\n{BODY}")
    assert doc.metadata.get("uploader") is None and doc.metadata.get("upload_date") == dt.date(2024, 3, 2)


def test_a_row_of_counters_gives_its_page_count_and_its_stamped_date():
    doc = only(f"{TITLE}\n812人已读 · 5次下载 · 7页 · 2023-10-09上传\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata.get("page_count") == 7 and doc.metadata.get("upload_date") == dt.date(2023, 10, 9)


def test_a_subtitle_set_off_by_a_dash_is_no_site_tail():
    title = "关于基层减负的调查与思考——以某县为例"
    doc = only(f"{title}_青禾文库_免费下载\n当前位置：首页 > 以某县为例 > 调研报告\n{BODY}\n青禾文库 版权所有")
    assert doc.title == title


def test_the_sites_badge_after_a_name_is_no_part_of_it():
    doc = only(f"{TITLE}\n上传者：松风阁主（认证用户）　上传时间：2024-01-05\n{BODY}")
    assert doc.metadata.get("uploader") == "松风阁主"


def test_a_uploaded_by_users_source_names_no_uploader():
    doc = only(f"{TITLE}\n时间：2024-01-05　来源：网友上传\n{BODY}")
    assert doc.metadata.get("uploader") is None


def test_a_title_the_chrome_cut_short_is_the_heading_it_begins():
    heading = "关于进一步做好今冬明春森林防火工作的紧急通知"
    doc = only(f"关于进一步做好今冬明春森林防火工作…_松果范文网\n{heading}\n{BODY}\n松果范文网 版权所有")
    assert doc.title == heading and doc.text == BODY


def test_a_folded_category_list_over_the_heading_goes_and_the_heading_stays():
    cats = "范文分类\n+ 工作总结\n+ 通知公告\n+ 心得体会"
    doc = only(f"{TITLE}…_松果范文网\n{cats}\n{TITLE}\n{BODY}\n松果范文网 版权所有")
    assert doc.text == BODY and doc.title == TITLE


def test_the_site_saying_the_text_ends_here_and_what_it_lets_you_preview():
    doc = only(f"{TITLE}\n{BODY}\n—— 全文完 ——\n松果范文网 版权所有")
    assert doc.text == BODY
    cut = only(f"{TITLE}\n本文档前2页可免费预览，下载后查看完整内容\n{BODY[:-6]}")
    assert cut.flags.get("truncated") and "免费预览" not in cut.text
