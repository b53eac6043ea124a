"""Chrome, titles, truncation and metadata recognised by what they are (issue 8).

Every page here is invented: a site's furniture around a short body of prose. Each test
holds one mechanism to an example it must change and one it must keep.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Document, revert, revert_title
from pipeline.executors import run_stages
from pipeline.metadata import clean_title, site_doc_id_of_url
from pipeline.stages.repeated_lines import RepeatedLineSettings, StripRepeatedLines
from tests.conftest import SEEDS, clean_bytes, clean_text, stages_named

BODY = ("各村要把人居环境整治作为重点，组织群众清理房前屋后的杂物，做到干净整洁。\n"
        "乡镇要加强督查，每月通报一次进展情况，对工作滞后的村进行约谈。")


def only(text: str, title: str | None = None) -> Document:
    [doc] = clean_text(text, title=title)
    return doc


# 1. Punctuation classes: a title with a colon or a comma is still carried by its chrome.

@pytest.mark.parametrize("title", ["某镇2022年工作总结：强基础、补短板", "关于春耕备耕，防灾减灾的工作方案",
                                   "学习体会：守初心；担使命"])
def test_chrome_that_carries_a_title_with_a_colon_or_comma_goes(title):
    page = f"首页 > 范文大全 > {title}\n{title}.docx\n{BODY}"
    doc = only(page)
    assert doc.text == BODY
    assert doc.title == title
    assert doc.metadata["file_format"] == "DOCX"


@pytest.mark.parametrize("footer", ["{t} - 星河范文网", "{t}_求知文库", "{t} | 青松资料库"])
def test_a_footer_that_is_the_title_and_the_site_goes(footer):
    title = "社区2024年度消防安全工作计划：查隐患，保平安"
    doc = only(BODY + "\n" + footer.format(t=title))
    assert doc.text == BODY
    assert doc.title == title


def test_a_line_with_a_dash_and_a_network_word_is_kept():
    line = "全县建成农村电商服务站128个 - 覆盖全部行政村的物流网"
    doc = only(BODY + "\n" + line + "\n" + BODY)
    assert line in doc.text


# 3. Closed lists where the thing has a shape.

@pytest.mark.parametrize("heading", ["【乡村环境整治方案】相关文档：", "热门范文 更多>>", "xiaoming2019的其他文档",
                                     "您可能感兴趣的资料", "同类文档推荐"])
def test_a_related_block_is_found_by_its_shape(heading):
    links = ["2024年村级环境卫生考核细则", "农村厕所改造工作实施方案（5页）", "美丽乡村建设汇报材料"]
    doc = only(BODY + "\n" + heading + "\n" + "\n".join(links))
    assert doc.text == BODY


def test_a_list_under_a_related_word_that_goes_on_into_prose_is_kept():
    text = ("相关文件如下：\n关于加强村庄规划管理的通知\n关于开展环境整治的实施意见\n"
            "以上文件请各村认真学习，抓好贯彻落实，确保取得实效。")
    doc = only(BODY + "\n" + text)
    assert text in doc.text


@pytest.mark.parametrize("row", ["58积分", "3下载券 立即下载", "1.2万人已下载", "收藏数:0 | 顶:0 | 踩:0",
                                 "12金币", "86条评论", "分享到：", "更多>>"])
def test_a_counter_or_label_row_goes(row):
    doc = only(f"社区环境整治工作方案.docx\n{row}\n{BODY}")
    assert doc.text == BODY


def test_a_row_of_bare_counters_goes_next_to_chrome_and_stays_inside_the_body():
    doc = only(f"社区环境整治工作方案.docx\n1256 32 4.5\n{BODY}")
    assert doc.text == BODY
    table = "项目\n2022年\n2023年\n120万元\n135万元"
    doc = only(f"{BODY}\n{table}\n{BODY}")
    assert table in doc.text


@pytest.mark.parametrize("line", ["评论须知：请文明发言，遵守国家相关法律法规", "暂无评论，快来抢沙发吧！",
                                  "本资料共9页，可阅读全部内容", "打开APP，免费阅读全文", "点击展开，查看全文"])
def test_comment_widgets_and_preview_prompts_go(line):
    doc = only(f"{BODY}\n{line}")
    assert doc.text == BODY


@pytest.mark.parametrize("sentence", ["干部要虚心听取群众的批评和评论，及时改进工作作风。", "全文共分三个部分，请大家认真阅读。",
                                      "办事群众打开APP后，可以在线预约窗口服务。"])
def test_sentences_about_comments_reading_and_apps_are_kept(sentence):
    doc = only(f"{BODY}\n{sentence}\n{BODY}")
    assert sentence in doc.text


@pytest.mark.parametrize("byline,who,when", [
    ("lihua88 分享于 2020-11-05", "lihua88", "2020-11-05"),
    ("2021-06-30 由 绿水青山 发表于 经验交流", "绿水青山", "2021-06-30"),
    ("由 tian_yu 上传于 2019/03/08 10:21", "tian_yu", "2019-03-08"),
])
def test_a_verb_form_byline_goes_and_gives_uploader_and_date(byline, who, when):
    doc = only(f"{byline}\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata["uploader"] == who
    assert doc.metadata["upload_date"] == dt.date.fromisoformat(when)


def test_a_sentence_with_a_date_and_a_publishing_verb_is_kept():
    line = "该方案于2020-11-05由县政府发布实施，各单位要遵照执行。"
    assert line in only(f"{BODY}\n{line}\n{BODY}").text


@pytest.mark.parametrize("line", ["400-820-6655（周一至周五 9:00-18:00）", "客服热线 4006-123-456 工作日 8:30-17:30",
                                  "关注『学海拾贝』公众号，回复“方案”即可免费获取全文",
                                  "关注微信公众号【范文小站】，发送关键词领取更多资料"])
def test_hotline_ads_and_follow_baits_go(line):
    doc = only(f"{BODY}\n{line}")
    assert doc.text == BODY


@pytest.mark.parametrize("line", ["咨询电话：0571-88886666（工作日9:00-17:00）",
                                  "欢迎关注“平安小镇”微信公众号，了解更多防诈知识。"])
def test_a_notices_contact_line_and_a_civic_account_are_kept(line):
    assert line in only(f"{BODY}\n{line}\n{BODY}").text


def test_a_nav_row_goes():
    doc = only(f"首页 | 公文写作 | 工作总结 | 心得体会\n村级卫生保洁制度\n{BODY}")
    assert doc.text == BODY and doc.title == "村级卫生保洁制度"


# 4. Evidence is taken before repetition-based removal.

def test_a_related_list_is_taken_even_when_its_heading_is_removed_as_a_repeated_line():
    heading = "本站会员还浏览了"  # no shape of a related heading: only its repetition tells
    links = ["2023年度村级财务公开制度", "农村集体经济发展调研报告", "村务监督委员会工作职责"]
    pages = [Document(source=f"{i}.txt", text=f"第{i}号文件正文：{BODY}\n{heading}\n" + "\n".join(links))
             for i in range(4)]
    first = stages_named("strip_site_chrome")
    pages = [d for p in pages for d in run_stages(first, p)]
    repeated = StripRepeatedLines(RepeatedLineSettings(min_documents=3, min_share=0.5))
    for d in pages:
        repeated.observe(d)
    repeated.finish_observing()
    rest = stages_named("pagination", "strip_site_chrome", "split_documents")
    for d in pages:
        [out] = run_stages(rest, repeated.process(d))
        assert out.text.endswith("约谈。"), out.text
        assert {e.rule for e in out.edits} >= {"repeated_line", "related_links"}


def test_a_running_header_that_is_the_title_is_still_the_title():
    title = "青山镇2023年度河长制工作总结"
    pages = [f"今年以来，全镇落实河长制第{i}项工作，巡河{i}次，清理河道垃圾{i}吨，水质持续改善。" for i in range(1, 4)]
    text = "\n".join(f"{title}\n{p}\n- {i} -" for i, p in enumerate(pages, 1))
    doc = only(text)
    assert doc.title == title
    assert doc.text == "\n".join(pages)


def test_a_running_org_header_above_the_title_is_not_the_title():
    header = "青山镇人民政府办公室"
    pages = [f"今年以来，全镇落实河长制第{i}项工作，巡河{i}次，清理河道垃圾{i}吨，水质持续改善。" for i in range(1, 4)]
    text = "\n".join([header, "关于做好河道保洁工作的通知", pages[0], header, pages[1], header, pages[2]])
    doc = only(text)
    assert doc.title == "关于做好河道保洁工作的通知"


# 5. Title selection.

@pytest.mark.parametrize("top", ["本文由zhou_lan上传", "xiaoyu_88 分享于 2022-04-18"])
def test_a_credit_or_byline_on_top_is_not_the_title(top):
    doc = only(f"{top}\n村级卫生保洁制度\n{BODY}")
    assert doc.title == "村级卫生保洁制度"
    assert doc.text == BODY


def test_a_title_ending_in_a_closing_quote_is_a_title():
    # Under a nav row: a page that shows no chrome at all keeps its heading (test_titles.py).
    doc = only(f"首页 | 美文欣赏 | 征文选登\n我心中的“最美庭院”\n{BODY}")
    assert doc.title == "我心中的“最美庭院”"
    assert doc.text == BODY


def test_a_quoted_sentence_on_top_is_not_a_title():
    first = "他说：“我们一定要把村里的路修好。”"
    doc = only(f"{first}\n{BODY}")
    assert doc.title is None and doc.text.startswith(first)


@pytest.mark.parametrize("raw,title", [
    ("《乡土中国》读后感.docx", "《乡土中国》读后感"), ("《关于做好秋粮收购工作的通知》", "关于做好秋粮收购工作的通知"),
    ("读《红星照耀中国》有感", "读《红星照耀中国》有感"), ("《论语》与《孟子》比较", "《论语》与《孟子》比较")])
def test_clean_title_keeps_book_marks_that_belong_to_the_title(raw, title):
    assert clean_title(raw) == title


def test_a_title_change_is_recorded_as_an_edit():
    doc = only(f"村级卫生保洁制度.pdf\n{BODY}")
    assert doc.title == "村级卫生保洁制度"
    title_edits = [e for e in doc.edits if e.position < 0]
    assert title_edits and title_edits[-1].after == doc.title
    assert title_edits[0].before == ""
    assert revert(doc.text, doc.edits) == f"村级卫生保洁制度.pdf\n{BODY}"


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_published_title_replays_back_to_no_title(path):
    for doc in clean_bytes(path.read_bytes(), path.name):
        assert doc.title
        assert revert_title(doc.title, doc.edits) is None


# 6. Truncation.

def test_a_trailing_title_after_a_complete_body_is_not_a_cut():
    doc = only(f"{BODY}\n2024年度村级环境卫生长效管理考核细则与评分标准")
    assert not doc.flags.get("truncated")


def test_a_body_cut_mid_sentence_is_still_a_cut():
    doc = only(f"{BODY}\n下一步，我们将继续加大投入力度，重点解决农村污水处理设施建设滞后、运行")
    assert doc.flags.get("truncated")


def test_a_preview_notice_followed_by_the_full_text_does_not_flag():
    rest = "\n".join(f"第{i}项，村里要组织党员志愿者开展清洁行动，每周不少于一次，形成长效机制。" for i in range(3))
    doc = only(f"{BODY}\n展开阅读全文\n{rest}")
    assert not doc.flags.get("truncated")
    assert "展开" not in doc.text


def test_a_preview_notice_after_the_body_flags():
    doc = only(f"{BODY}\n点击展开，阅读全文")
    assert doc.flags.get("truncated")


# 8. Metadata.

@pytest.mark.parametrize("row,who", [("发布者：qingshan01 上传时间：2022-03-04 页数：6", "qingshan01"),
                                     ("作者：lin_xi 格式：PDF 页数：8 大小：1.5 MB", "lin_xi")])
def test_an_uploader_under_another_key_on_an_upload_row(row, who):
    doc = only(f"{row}\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata["uploader"] == who


def test_an_author_on_an_article_byline_is_the_uploader_and_the_outlet_is_not():
    """The person a byline credits is the one the page names for the document (the gold of
    every unseen check agrees); the outlet under 来源 is no person."""
    doc = only(f"作者：王小明 来源：青山日报 发布时间：2022-03-04\n{BODY}")
    assert doc.metadata.get("uploader") == "王小明"
    doc = only(f"来源：青山日报 发布时间：2022-03-04\n{BODY}")
    assert "uploader" not in doc.metadata


def test_a_file_size_with_a_space():
    doc = only(f"上传人：abc 页数：3 大小：12.34 KB\n{BODY}")
    assert doc.metadata["file_size"] == "12.34KB"
    assert doc.text == BODY


@pytest.mark.parametrize("url,doc_id", [
    ("https://www.example-doc.com/p-3fa9c01b7d.html", "3fa9c01b7d"),
    ("https://wenku.example.cn/view/a1b2c3d4e5f6a7b8.html", "a1b2c3d4e5f6a7b8"),
    ("http://www.example.org/content/21/0304/10/5566_987654321.shtml", "987654321"),
    ("https://www.example.com/doc-10735713.html", "10735713"),
    ("https://www.example.com/read.php?id=Ab12Cd34", "Ab12Cd34"),
    ("https://bbs.example.net/thread-52317-1-1.html", "52317"),  # a forum thread, its page 1, floor 1
])
def test_a_site_id_is_the_urls_last_segment(url, doc_id):
    assert site_doc_id_of_url(url) == doc_id


@pytest.mark.parametrize("label", ["URL", "网址", "本页地址"])
def test_a_url_under_any_address_label_is_the_source_url(label):
    url = "https://www.qingshandoc.cn/d/88a7f3.html"
    doc = only(f"{BODY}\n{label}：{url}")
    assert doc.text == BODY
    assert doc.metadata["source_url"] == url
    assert doc.metadata["site_doc_id"] == "88a7f3"


# Second round: what the rules must also see, from the shapes of unseen pages.

def test_a_line_wrapped_in_brackets_is_read_without_them():
    url = "https://www.mingshu.cn/d/7c2e91.html"
    doc = only(f"{BODY}\n（责任编辑：周红）\n【本页网址：{url}】")
    assert doc.text == BODY
    assert doc.metadata["source_url"] == url


def test_a_domain_anywhere_in_a_copyright_line_names_the_site():
    doc = only(f"{BODY}\n知行书屋 © 2022 zhixingshu.cn")
    assert doc.text == BODY
    assert doc.metadata["source_site"] == "zhixingshu.cn"


def test_a_related_heading_with_a_long_bracketed_title():
    heading = "【某某县2024年春耕生产工作方案：抓早抓实，确保不误农时】相关资料："
    doc = only(f"{BODY}\n{heading}\n2023年春耕生产工作总结\n农机安全生产检查方案")
    assert doc.text == BODY


def test_a_file_listed_in_a_related_block_does_not_name_this_document():
    doc = only(f"{BODY}\n猜你喜欢\n村级公共服务设施管理办法.pdf\n村民小组长工作职责")
    assert doc.text == BODY
    assert doc.title is None and "file_format" not in doc.metadata


def test_a_credit_line_written_with_spaces_gives_the_uploader():
    doc = only(f"本文由 青山绿水 上传\n{BODY}")
    assert doc.text == BODY and doc.metadata["uploader"] == "青山绿水"


def test_counters_written_apart_from_their_units_beside_a_byline():
    doc = only(f"wangfang 分享于 2023-05-06\n25 阅 | 4 评 | 1 转藏\n{BODY}")
    assert doc.text == BODY


def test_a_site_banner_and_a_page_title_with_any_short_name_at_the_edges():
    doc = only(f"知行书屋 - 海量范文免费下载\n{BODY}\n村级环境卫生长效管理办法_知行书屋")
    assert doc.text == BODY
    assert doc.title == "村级环境卫生长效管理办法"


def test_a_subtitle_set_off_by_a_dash_is_kept():
    line = "一、坚持学习 - 努力提高政治理论水平"
    doc = only(f"{BODY}\n{line}\n{BODY}")
    assert line in doc.text


def test_a_breadcrumb_under_any_short_head():
    doc = only(f"知行书屋 > 范文 > 计划 > 2024年社区消防工作计划：排查隐患，守护平安\n{BODY}")
    assert doc.text == BODY
    assert doc.title == "2024年社区消防工作计划：排查隐患，守护平安"


@pytest.mark.parametrize("line", ["本站不保证资料的完整性，下载前请仔细核对。", "举报 | 收藏 | 分享到：微博 QQ空间 Facebook",
                                  "客服微信：zxsw_2024（工作日9:00-18:00）", "加入VIP，免费下载"])
def test_disclaimers_menus_and_service_contacts_go(line):
    doc = only(f"{BODY}\n{line}")
    assert doc.text == BODY


def test_a_prompt_to_read_it_all_on_top_of_the_whole_text_is_not_a_cut():
    doc = only(f"本资料共5页，可阅读全部内容\n{BODY}\n{BODY}")
    assert doc.text == f"{BODY}\n{BODY}" and doc.title is None
    assert not doc.flags.get("truncated")


def test_a_date_key_on_an_upload_row():
    doc = only(f"作者：lin_xi | 日期：2024年3月2日 | 页数：3\n{BODY}")
    assert doc.metadata["upload_date"] == dt.date(2024, 3, 2) and doc.metadata["uploader"] == "lin_xi"


def test_a_running_header_twice_at_page_breaks_goes_and_a_line_said_twice_stays():
    header = "青山镇人民政府工作简报"
    said = "我们必须坚持不懈地抓下去"
    text = (f"{header}\n一、今年以来，全镇落实河长制各项工作，巡河三百余次，{said}\n- 1 -\n{header}\n"
            f"二、清理河道垃圾二十余吨，水质持续改善，群众满意度明显提升，{said}\n工作还要继续推进。")
    doc = only(text)
    assert header not in doc.text
    assert doc.text.count(said) == 2


def test_a_running_header_is_found_after_page_numbers_removed_as_repeated_lines():
    header = "青山镇人民政府工作简报"
    pages = [Document(source=f"{i}.txt", text=(
        f"{header}\n第{i}期，今年以来，全镇落实河长制各项工作，巡河三百余次，取得明显成效。\n- 1 -\n{header}\n"
        f"清理河道垃圾二十余吨，水质持续改善，群众满意度明显提升。")) for i in range(4)]
    pages = [d for p in pages for d in run_stages(stages_named("strip_site_chrome"), p)]
    repeated = StripRepeatedLines(RepeatedLineSettings(min_documents=3, min_share=0.5))
    for d in pages:
        repeated.observe(d)
    repeated.finish_observing()
    for d in pages:
        [out] = run_stages(stages_named("pagination", "strip_site_chrome"), repeated.process(d))
        assert header not in out.text
        assert "repeated_line" in {e.rule for e in out.edits}


# Third round: a page that lost its line breaks, and toolbars.

ONE_LINE = ("青山文库 首页 文档分类 会员中心 | 青山镇2023年河道保洁工作实施方案上传者：绿水长流 上传时间：2023/04/02 "
            "文档大小：31.2 KB 文档编号：qs-20230402-17 3下载券 立即下载 为切实做好河道保洁工作，结合我镇实际，制定本方案。"
            "一、工作目标。全镇河道实现常态化保洁，水面无漂浮物。二、保障措施。各村要落实专人负责，确保保洁工作…展开阅读全文 "
            "猜你感兴趣的文档 青山镇河长制工作总结 农村生活污水治理方案 青山文库 www.qingshanwk.cn 版权所有")


def test_a_page_without_line_breaks_gives_its_glued_title_facts_and_cut():
    doc = only(ONE_LINE)
    assert doc.title == "青山镇2023年河道保洁工作实施方案"
    assert doc.metadata["uploader"] == "绿水长流" and doc.metadata["site_doc_id"] == "qs-20230402-17"
    assert doc.metadata["source_site"] == "qingshanwk.cn"
    assert doc.text.startswith("为切实做好河道保洁工作")
    assert doc.text.endswith("确保保洁工作")
    assert doc.flags.get("truncated")


def test_a_toolbar_of_bracketed_buttons_beside_chrome_goes_and_a_bracketed_heading_stays():
    doc = only(f"{BODY}\n（责任编辑：周红）\n【收藏本页】【返回顶部】")
    assert doc.text == BODY
    heading = "【典型案例】"
    assert heading in only(f"{BODY}\n{heading}\n{BODY}").text


def test_a_domain_elsewhere_on_an_icp_line_names_the_site():
    doc = only(f"{BODY}\n主办：青山融媒（www.qingshanrm.cn）　京ICP备12345678号")
    assert doc.text == BODY and doc.metadata["source_site"] == "qingshanrm.cn"


def test_a_welcome_that_runs_on_into_the_sites_slogan_goes():
    doc = only(f"欢迎来到知行书屋，万千范文随心下载\n村级卫生保洁制度\n{BODY}")
    assert doc.text == BODY and doc.title == "村级卫生保洁制度"


@pytest.mark.parametrize("text", [
    "附：相关文件目录\n1.关于加强村庄规划管理的通知\n2.关于开展环境整治的实施意见",
    "逾期提交的，不予受理。",
    "网民发表评论须遵守法律法规，理性文明发言。",
    "关注“平安小镇”微信公众号，可免费查询办事指南。",
])
def test_an_author_closing_list_or_notice_sentence_is_kept(text):
    doc = only(f"{BODY}\n{text}")
    assert text in doc.text


def test_a_title_with_a_subtitle_on_top_is_not_a_site_banner():
    # A footer of the site's: a page that shows no chrome at all keeps its heading (test_titles.py).
    doc = only(f"党史学习教育 - 学习心得体会\n{BODY}\nCopyright © 2016-2024 知行书屋 版权所有")
    assert doc.title == "党史学习教育 - 学习心得体会" and doc.text == BODY


@settings(max_examples=300, deadline=None)
@given(line=st.lists(st.sampled_from(list("文档下载。！？!? ”）」") + ["本站", "第3页", "2023年"]), max_size=25).map("".join))
def test_the_sentences_of_a_line_together_are_the_line(line):
    """A line with no sentence-rule literal is read whole instead of sentence by sentence:
    that is the same text only if the sentences cover the line but for its edge spaces."""
    from pipeline.stages.site_chrome_pieces import sentence_units

    units = list(sentence_units(line, 0, len(line)))
    assert "".join(line[s:e] for s, e in units).strip() == line.strip()
    assert all(a[1] <= b[0] for a, b in zip(units, units[1:]))


@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet="甲乙 ", min_size=1, max_size=30), cuts=st.lists(st.integers(0, 30), max_size=8))
def test_claims_on_a_line_never_overlap_once_they_take_their_spaces(line, cuts):
    """Claims that touch (one may start on the space after another) stay apart when the
    first takes the spaces after it and the last the spaces before it."""
    from pipeline.document import Span
    from pipeline.stages.site_chrome_pieces import line_claims

    text = line + "\n后文"
    bounds = sorted({min(c, len(line)) for c in cuts})
    claims = [Span(a, b, "", "r") for a, b in zip(bounds, bounds[1:]) if b > a]  # each touches the next
    if not claims:
        return
    out = sorted(line_claims(text, 0, len(line), claims))
    assert all(a.end <= b.start for a, b in zip(out, out[1:])), out
    assert all(0 <= c.start < c.end <= len(line) + 1 for c in out)


def test_a_claim_that_starts_on_a_space_is_not_overlapped_by_the_one_before():
    from pipeline.document import Span
    from pipeline.stages.site_chrome_pieces import line_claims

    text = "www.example.cn 栏目 > 通知公告 正文内容继续写在这里。"
    first, second = Span(0, 14, "", "url_line"), Span(14, 19, "", "breadcrumb")
    out = sorted(line_claims(text, 0, len(text), [first, second]))
    assert out[0].end <= out[1].start == 14


def test_a_list_under_an_unknown_heading_above_chrome_an_earlier_pass_removed():
    """The second chrome pass sees the page after pagination: the footer below a related list
    is gone already (the first pass took it), and that removal still counts as the chrome
    the list sits on."""
    from pipeline.document import Document, Span
    from pipeline.stages.site_chrome import StripSiteChrome

    body = ("今年以来，全县围绕粮食安全目标，新建高标准农田三万亩，完成投资一亿二千万元。\n"
            "下一步，我们将加强建后管护，确保工程长期发挥效益。\n")
    listing = "延伸阅读\n高标准农田建设项目验收办法\n农田水利设施管护工作方案\n"
    footer = "果园文库 www.guoyuanwk.cn 版权所有"
    doc = Document(source="t", text=body + listing + footer)
    doc.replace_spans("strip_site_chrome", [Span(len(body + listing), len(doc.text), "", "copyright_line")])
    assert StripSiteChrome().process(doc).text == body
    # Without chrome below it, such a list is the author's.
    assert StripSiteChrome().process(Document(source="t", text=body + listing)).text == body + listing


def test_the_office_that_signs_over_the_date_is_the_authors_though_the_site_is_its_own():
    # Invented: an office's own site names the office in its banner; the notice it posts
    # is signed by the same office over the date. The banner goes, the signature stays.
    from tests.conftest import clean_text

    page = "\n".join(["青川职业学院 教务处", "首页 | 机构设置 | 通知公告 | 下载中心",
                      "关于2024年春季学期期末考试安排的通知",
                      "各二级学院：本学期期末考试定于6月24日至28日进行，请各学院提前做好考务安排。",
                      "教务处", "2024年6月3日", "版权所有：青川职业学院 教务处  地址：青川市学院路8号"])
    [doc] = clean_text(page)
    assert doc.text.endswith("教务处\n2024年6月3日")


@pytest.mark.parametrize("line", ["上一条：全市秋季消防安全检查工作部署会召开", "下一则：关于调整部分公交线路的通告",
                                  "本文档为松果书屋用户上传，下载后可自由编辑"])
def test_the_sites_links_and_notices_in_other_words_go(line):
    # Invented: prev/next links that say 条 or 则, an upload notice with the site's name in it.
    from tests.conftest import clean_text

    body = "全镇今年新建村级文化广场十四个，群众文化生活日益丰富。"
    [doc] = clean_text(body + "\n" + line, "strip_site_chrome")
    assert doc.text.strip() == body


def test_a_public_offices_facts_row_gives_the_date_and_index():
    # Invented: a government portal's row over the title (office, date issued, index number).
    doc = only(f"发布机构：青川县交通运输局　　发文日期：2024-08-19　　索引号：0123456AB-2024-0107　　浏览次数：88\n{BODY}")
    assert (str(doc.metadata["upload_date"]), doc.metadata["site_doc_id"]) == ("2024-08-19", "0123456AB-2024-0107")
    # the office that posted the text on the portal is its uploader (as 发布者 names a user)
    assert doc.metadata.get("uploader") == "青川县交通运输局"
    assert doc.text == BODY


def test_a_labelled_url_with_a_copy_button_after_it():
    doc = only(f"{BODY}\n本帖地址：https://bbs.example.net/thread-52317-1-1.html  [复制链接]")
    assert doc.metadata["source_url"] == "https://bbs.example.net/thread-52317-1-1.html"


def test_a_tables_header_between_bars_over_a_row_of_figures_is_the_authors():
    # A row of names between bars reads like the site's nav; over a row of as many cells
    # that holds figures it is a table's header, and stays with its table.
    from tests.conftest import clean_text

    table = ["物资名称 | 单位 | 数量", "应急照明灯 | 台 | 40", "救生衣 | 件 | 120"]
    body = ["为做好汛期防汛工作，现将物资储备情况报告如下。", *table, "以上物资已全部入库，由专人管理。"]
    [doc] = clean_text("\n".join(["首页 | 资料 | 范文 | 登录", *body, "Copyright © 2024 heyuan-doc.com"]))
    assert doc.text.split("\n") == body
