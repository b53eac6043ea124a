"""Chrome a site drops between the paragraphs of the text, and what the text keeps around it
(issue 8, what the twenty-second unseen-site check showed): a related list ends where its items
stop looking alike or where the text's own numbering goes on; a line of punctuation a wrap left
belongs to the sentence above and is no site's line, however often pages repeat it. Site names
and texts are invented; none is from a fixture."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.stages.repeated_lines import StripRepeatedLines, sounds_like_the_site
from tests.conftest import clean_text

TITLE = "2023年镇农业农村工作总结"
ONE = "一、粮食生产稳中有增\n全年粮食播种面积十二万亩，总产量四万八千吨，同比增长2.1%。"
THREE = "三、农村改革不断深化\n完成农村集体产权制度改革，村集体经济收入全部达到十万元以上。"


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def test_a_related_list_ends_where_its_items_leave_off_their_mark():
    listed = "相关推荐：\n■ 乡镇农业工作计划范文\n■ 农村人居环境整治总结\n■ 村级工作汇报材料"
    doc = only(f"{TITLE}\n{ONE}\n{listed}\n{THREE}")
    assert doc.text == f"{ONE}\n{THREE}"


def test_a_related_list_ends_where_the_texts_own_numbering_goes_on():
    two = "二、特色产业加快发展\n新建蔬菜大棚三百座，培育家庭农场二十六家。"
    listed = "推荐阅读：\n乡镇农业工作计划范文\n农村人居环境整治总结"
    doc = only(f"{TITLE}\n{ONE}\n{two}\n{listed}\n{THREE}")
    assert doc.text == f"{ONE}\n{two}\n{THREE}"


def test_a_list_without_the_texts_numbering_above_it_is_read_as_before():
    # 三、 with no 二、 above it does not go on any numbering: the items run on.
    listed = "推荐阅读：\n乡镇农业工作计划范文\n三、农村工作汇报材料"
    doc = only(f"{TITLE}\n{ONE}\n{listed}")
    assert doc.text == ONE


def test_a_line_of_punctuation_is_no_sites_line_however_often_it_repeats():
    assert not sounds_like_the_site("。", "。") and not sounds_like_the_site("”。", "”。")
    assert sounds_like_the_site("- 3 -", "- 3 -")
    stage = StripRepeatedLines()
    pages = [Document(source=f"{k}.txt", text=f"第{k}段正文写到这里，本段的意思还没有说完\n。\n下一段正文。") for k in range(6)]
    for page in pages:
        stage.absorb(stage.observation(page))
    stage.finish_observing()
    assert all("\n。\n" in stage.process(page).text for page in pages)


def test_a_line_of_punctuation_a_wrap_left_joins_the_sentence_above():
    body = "全年粮食播种面积十二万亩，总产量四万八千吨，同比增长2.1%，创历史新高"
    doc = only(f"{TITLE}\n{ONE}\n{body}\n。\n{THREE}")
    assert f"\n{body}。\n{THREE}" in doc.text


WRAPPED = ("今年暑期，区图书馆为少年儿童安排了绘本共读、小小图书管理员、科普实验课和非\n"
           "遗剪纸体验等四大类三十二场活动。其中，小小图书管理员活动每期招募十二名小学\n"
           "生，在馆员带领下学习图书分类、上架和借还流程，体验图书馆的日常工作和服务。\n"
           "启动仪式上，图书馆向到场的孩子们发放了暑期阅读护照。孩子们每读完一本书，就\n"
           "可以在护照上盖一个章，集满二十个章可以兑换一本新书，活动持续到八月底结束。")
GRID = ("暑期阅读活动方案范文 4.6分 ￥2.00　　少儿阅读推广工作总结 4.2分 ￥3.50　　图书馆年度工作计划 4.4分 ￥1.80\n"
        "全民阅读活动新闻稿 4.1分 ￥1.00　　书香校园建设实施方案 4.7分 ￥2.50　　农家书屋管理制度汇编 4.0分 ￥1.20")


def test_a_page_wrapped_at_a_width_is_rejoined_though_the_sites_rows_run_wider():
    lines = WRAPPED.split("\n")
    expected = "".join(lines[:3]) + "\n" + "".join(lines[3:])
    doc = only(f"图书馆暑期活动启动\n{WRAPPED}\n下载文档　收藏　举报\n{GRID}\n换一换\nCopyright 2024 shuyuan-doc.com")
    assert doc.text == expected


def test_a_row_of_other_documents_with_their_ratings_and_prices_goes():
    doc = only(f"图书馆暑期活动启动\n{ONE}\n下载文档　收藏　举报\n{GRID}\n换一换\nCopyright 2024 shuyuan-doc.com")
    assert doc.text == ONE


def test_what_a_lead_in_announces_is_the_authors_whatever_the_site_drops_between():
    table = "粮食作物　12.1万亩　增长2.3%\n经济作物　　　　增长4.0%\n设施蔬菜　3100亩　增长8.6%"
    page = (f"{TITLE}\n{ONE}\n二、主要指标完成情况\n全年农业主要指标完成情况如下：\n下载APP，阅读体验更流畅　立即打开\n"
            f"{table}\n展开全文\n{THREE}\nCopyright 2024 nongshu-doc.com")
    assert table in only(page).text


def test_a_pair_of_brackets_widens_together_or_not_at_all():
    from pipeline.stages.normalize import fullwidth_punct_spans

    def widened(text: str) -> str:
        out = list(text)
        for s in fullwidth_punct_spans(text):
            out[s.start] = s.after
        return "".join(out)

    assert widened("联系电话：(0571)8801-2345") == "联系电话：(0571)8801-2345"  # one bracket beside Chinese
    assert widened("会议地点(三楼会议室)另行通知") == "会议地点（三楼会议室）另行通知"  # both beside Chinese
    assert widened("见附件(1)和附件(2)") == "见附件（1）和附件（2）"  # each pair beside Chinese both ways


def test_rows_alike_but_for_their_numbers_are_a_table_not_a_running_header():
    from tests.conftest import run_stages, stages_named

    rows = "1至3年　126户　占32.5%\n4至6年　98户　占25.3%\n7至9年　163户　占42.2%"
    text = f"{ONE}\n各乡镇参保户数如下：\n{rows}\n{THREE}"
    [doc] = run_stages(stages_named("pagination"), Document(source="t.txt", text=text))
    assert rows in doc.text


FOOTER = "Copyright © 2018-2024 songguo-wk.com 松果文库 版权所有"


def test_a_numbered_list_of_other_documents_with_their_pages_goes_with_its_heading():
    listed = "\n".join(f"{k}. 乡镇{w}工作总结范文　共{k + 2}页" for k, w in enumerate("农业林业水利交通教育", 1))
    doc = only(f"{TITLE}\n{ONE}\n{THREE}\n【{TITLE}】相关文档\n{listed}\n{FOOTER}")
    assert doc.text == f"{ONE}\n{THREE}"


def test_an_authors_numbered_list_under_a_heading_like_line_stays():
    own = "1. 加强组织领导\n2. 落实资金保障\n3. 强化督查考核"
    assert own in only(f"{TITLE}\n{ONE}\n相关工作要求\n{own}\n{FOOTER}").text


def test_the_sites_category_tree_goes():
    tree = "资料分类\n├ 工作总结\n│　├ 年度总结\n│　└ 个人总结\n└ 计划方案"
    doc = only(f"{tree}\n{TITLE}\n{ONE}\n{THREE}\n{FOOTER}")
    assert doc.text == f"{ONE}\n{THREE}" and doc.title == TITLE


def test_readers_remarks_with_their_date_and_likes_go():
    remarks = "发表评论（2条）\n山里人家：写得很实在。\n2024-03-02　回复　👍6\n小鱼儿：收藏了，谢谢分享！\n2024-03-05　回复　👍1"
    doc = only(f"{TITLE}\n{ONE}\n{THREE}\n{remarks}\n{FOOTER}")
    assert doc.text == f"{ONE}\n{THREE}"


def test_what_the_reader_may_like_heads_a_list_without_a_noun():
    listed = "乡镇农业工作计划范文\n农村人居环境整治总结\n村级工作汇报材料"
    doc = only(f"{TITLE}\n{ONE}\n{THREE}\n你可能感兴趣的\n{listed}")
    assert doc.text == f"{ONE}\n{THREE}"


def test_a_row_naming_a_person_to_contact_is_the_authors_beside_chrome():
    contact = "联系人：李卫东　联系电话：0371-6688 2233"
    doc = only(f"{TITLE}\n{ONE}\n{THREE}\n{contact}\n下载　｜　收藏　｜　举报\n{FOOTER}")
    assert doc.text == f"{ONE}\n{THREE}\n{contact}"


def test_the_site_saying_the_whole_text_is_shown_is_no_cut():
    doc = only(f"{TITLE}\n{ONE}\n{THREE} —— 全文已展示 ——\n{FOOTER}")
    assert doc.text == f"{ONE}\n{THREE}" and not doc.flags.get("truncated")


def test_items_with_starred_ratings_prices_or_dates_without_a_year_are_the_sites():
    for tail in ("　{k}页　★4.{k}", "　￥{k}.90", "　0{k}-1{k}"):
        listed = "\n".join(f"{k}.乡镇{w}工作总结范文" + tail.format(k=k) for k, w in enumerate("农业林业水利交通", 1))
        for heading in (f"与《{TITLE}》相关的文档", "本文档相关"):
            doc = only(f"{TITLE}\n{ONE}\n{THREE}\n{heading}\n{listed}\n{FOOTER}")
            assert doc.text == f"{ONE}\n{THREE}", (heading, tail)


def test_a_category_tree_with_its_counts_goes():
    tree = "├ 工作总结（2,318）\n│　├ 年度总结（1,024）\n└ 计划方案（976）"
    doc = only(f"{tree}\n{TITLE}\n{ONE}\n{THREE}\n{FOOTER}")
    assert doc.text == f"{ONE}\n{THREE}"


def test_an_advert_under_a_tag_set_off_by_marks_goes():
    doc = only(f"{TITLE}\n{ONE}\n★推广★ 暑期公文写作训练营开课啦，报名电话 400-600-1234\n{THREE}\n{FOOTER}")
    assert doc.text == f"{ONE}\n{THREE}"


def test_a_box_the_site_dropped_between_the_texts_numbered_parts_goes():
    first = "第一，要吃透政策。政策是做好工作的依据，必须原原本本学、逐字逐句悟。"
    second = "第二，要摸清实情。情况不明决心就大不起来，必须深入一线调查研究。"
    box = "【精选范文推荐】\n·基层调研报告范文\n·驻村工作心得体会"
    doc = only(f"{TITLE}\n{first}\n{box}\n{second}\n{FOOTER}")
    assert doc.text == f"{first}\n{second}"


def test_a_pages_thumbnail_with_a_date_in_its_name_heads_no_readers_post():
    body = (f"{ONE}\n2024.05.06 {TITLE}.pdf_第2页\n{THREE}\n县农业农村局\n2024年5月6日\n"
            f"下载PDF　|　转存到网盘　|　打印")
    doc = only(f"{TITLE}\n{body}\n{FOOTER}")
    assert doc.text.endswith("县农业农村局\n2024年5月6日")
