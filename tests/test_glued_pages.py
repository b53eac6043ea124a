"""Pages whose scraper ran the heading and the paragraphs together with no break at all
(chrome lines kept apart): the title is read off the start of the body, and only there."""

from __future__ import annotations

import pytest

from tests.conftest import clean_text

CHROME = "好文库 - 免费文档分享\n当前位置：首页 > 公文写作\n"


@pytest.mark.parametrize(("heading", "body"), [
    ("关于开展2025年读书月活动的通知", "各科室、各班组：为营造良好的学习氛围，经研究决定开展读书月活动。"),
    ("青山区城市绿化管理办法", "第一条　为加强城市绿化管理，改善生态环境，制定本办法。第二条　本办法适用于本区。"),
    ("关于老旧小区加装电梯的调研报告", "按照区人大年度工作安排，我们对全区加装电梯情况进行了调研。"),
    ("城西街道志愿服务管理制度", "（2025年3月1日街道办事处印发）第一条　为规范志愿服务，制定本制度。"),
])
def test_a_heading_run_into_its_body_becomes_the_title(heading, body):
    [doc] = clean_text(CHROME + heading + body + "\n特此通知。")
    assert doc.title == heading and doc.text.startswith(body), (doc.title, doc.text[:40])


@pytest.mark.parametrize("body", [
    "会议听取了区政府工作报告根据会议安排，各代表团进行了分组讨论。",  # a sentence, not a heading
    "本次检查报告显示，各单位整改进度总体符合要求，个别单位仍需加快。",  # no body opening follows
    "城西街道志愿服务管理制度健全，运行良好，群众满意度逐年提高。",
])
def test_a_first_sentence_that_starts_like_a_title_stays(body):
    [doc] = clean_text(CHROME + body + "\n特此通知。")
    assert doc.title is None and doc.text.startswith(body), (doc.title, doc.text[:40])


def test_a_clean_page_keeps_its_run_in_heading():
    text = "青山区城市绿化管理办法第一条　为加强城市绿化管理，制定本办法。\n第二条　本办法适用于本区。"
    [doc] = clean_text(text)
    assert doc.text == text and doc.title is None


def test_labelled_facts_over_a_heading_run_into_its_body_are_the_sites():
    """The labelled rows sit over the title, which here starts the first paragraph."""
    facts = "【印发单位】城西街道办事处\n【文件编号】城西办〔2025〕7号\n【公开方式】主动公开\n"
    body = "为规范志愿服务，保障志愿者和服务对象的合法权益，结合本街道实际，制定本制度。"
    [doc] = clean_text(CHROME + facts + "城西街道志愿服务管理制度" + body + "\n本制度自印发之日起施行。")
    assert doc.title == "城西街道志愿服务管理制度" and doc.text.startswith(body), (doc.title, doc.text[:60])


def test_the_authors_fields_under_a_heading_run_into_its_body_stay():
    fields = "时间：2025年3月5日下午\n地点：街道三楼会议室\n"
    body = "各社区：为规范志愿服务，保障志愿者和服务对象的合法权益，经研究，制定本制度。"
    [doc] = clean_text(CHROME + "城西街道志愿服务管理制度" + body + "\n" + fields + "本制度自印发之日起施行。")
    assert fields in doc.text, doc.text


def test_a_heading_run_into_its_body_names_the_document_better_than_a_site_header():
    page = ("青禾公司 · 资料中心 | 内网\n当前用户：访客  [登录]\n"
            "车辆使用管理规定第一条　为加强公务车辆管理，降低运行成本，制定本规定。第二条　本规定适用于公司全体员工。\n"
            "© 青禾公司 信息部 版权所有")
    [doc] = clean_text(page)
    assert doc.title == "车辆使用管理规定" and doc.text.startswith("第一条"), (doc.title, doc.text[:30])


def test_a_title_line_that_ran_the_sites_words_into_the_title_keeps_the_part_the_page_states():
    page = ("好文库 - 免费文档分享\n当前位置：首页 > 合同范本\n"
            "请先登录后下载，新用户注册即送 1 次机会 [合同范本] 车位租赁协议（2025版）\n"
            "车位租赁协议\n甲方将小区地下车位一个出租给乙方使用，租期一年，租金按季度支付。\n© 好文库")
    [doc] = clean_text(page)
    assert doc.title == "车位租赁协议（2025版）", doc.title


def test_a_title_printed_twice_on_its_line_is_the_title_once():
    page = ("好文库 - 免费文档分享\n标题：社区读书会活动纪要 社区读书会活动纪要\n"
            "本次读书会共有二十名居民参加，大家分享了近期读过的好书。\n© 好文库")
    [doc] = clean_text(page)
    assert doc.title == "社区读书会活动纪要", doc.title


def test_a_title_with_a_space_whose_parts_the_page_does_not_repeat_stays_whole():
    page = "好文库 - 免费文档分享\n春季运动会圆满落幕 三个班级获团体奖\n本次运动会共有十二个班级参加，比赛项目十八个。\n© 好文库"
    [doc] = clean_text(page)
    assert doc.title == "春季运动会圆满落幕 三个班级获团体奖", doc.title


def test_a_browser_title_with_a_clause_keeps_its_title_and_not_the_name_after_its_bar():
    page = ("好文库 - 免费文档分享\n秋冬流感来袭，这份防护清单请收好 | 健康小站\n"
            "入秋以来，流感进入高发期，专家提醒市民做好个人防护。\n健康小站\n© 好文库")
    [doc] = clean_text(page)
    assert doc.title != "健康小站", doc.title


def test_a_bundle_run_together_is_cut_at_its_item_marks_with_each_heading_as_title():
    parts = [("社区志愿者个人总结", "今年我参加了社区组织的二十多次志愿活动，收获很大。"),
             ("网格员年度工作总结", "一年来，我坚持每天走访网格内的居民，及时上报各类问题。")]
    body = "".join(f"第{k + 1}篇：{heading}{text}" for k, (heading, text) in enumerate(parts))
    docs = clean_text("好文库 - 免费文档分享\n2篇 社区工作总结范文\n" + body + "\n© 好文库")
    assert [(d.title, d.text) for d in docs] == parts, [(d.title, d.text[:20]) for d in docs]


def test_a_chapter_mark_inside_a_sentence_cuts_nothing():
    text = "本书共分十章，其中第2篇：城市治理部分由李明执笔，其余由王红完成。"
    docs = clean_text("好文库 - 免费文档分享\n2篇 读书笔记\n" + text + "\n© 好文库")
    assert len(docs) == 1 and text in docs[0].text, [d.text for d in docs]
