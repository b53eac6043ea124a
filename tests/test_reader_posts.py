"""Readers' posts under a page's body, a question as a page's title, and the head of a page
that shows chrome only by its shapes. All pages are invented for these tests (names, sites,
texts); the copyright line is there because the rules remove it, which is the context's
evidence that the page's foot is the site's."""

from __future__ import annotations

from pipeline.stages.context_posts import is_post_header, signature, thread
from tests.conftest import clean_bytes, clean_text

FOOTER = "Copyright © 2015-2024 lanshan-wenji.cn 版权所有"
TITLE = "关于开展夏季消防安全检查的通知"
BODY = ["为切实做好夏季消防安全工作，经研究，决定在全镇范围内开展一次消防安全大检查。",
        "各村、各单位要高度重视，成立检查小组，对辖区内的重点场所逐一排查，建立问题清单。",
        "检查结束后，请于七月二十日前将检查情况书面报送镇应急办。"]


def lines_after_context(page: list[str]) -> list[str]:
    [doc] = clean_text("\n".join(page), "strip_site_chrome", "chrome_context")
    return [x for x in doc.text.split("\n") if x]


def test_a_post_header_is_a_stamp_beside_a_name_or_at_the_line_end():
    for header in ["青柠 2022-08-14 20:31", "老周\u300008-15\u3000我们村也在搞这个，效果不错",
                   "回复 青柠：感谢支持！\u300008-16", "#7 山间小路 2023/02/01", "晚风\u30003小时前\u3000已收藏"]:
        assert is_post_header(header), header
    for line in ["2022年8月14日", "会议时间：7月15日", "全镇共排查隐患23处，整改21处。", "4月1日\u3000动员部署",
                 "第1-2周\u3000复习巩固"]:
        assert not is_post_header(line), line


def test_a_thread_of_posts_under_the_body_goes_even_where_a_reader_writes_sentences():
    posts = ["青柠 2022-08-14 20:31", "说得很实在，我们单位也要学习。",
             "老周\u300008-15\u3000我们村也在搞这个，效果不错",
             "回复 青柠：感谢支持！\u300008-16"]
    assert lines_after_context([TITLE, *BODY, *posts, FOOTER]) == [TITLE, *BODY]


def test_a_stamp_above_the_authors_long_paragraph_is_no_thread():
    long = "镇应急办将会同有关部门进行抽查，" * 14 + "对整改不到位的单位予以通报。"
    page = [TITLE, *BODY, "更新 2022-08-14", long, FOOTER]
    assert long in lines_after_context(page)
    texts = [TITLE, *BODY, "更新 2022-08-14", long]
    assert thread(texts, {1, 2, 3, 5}, {4}, set()) == set()


def test_one_post_counts_only_right_under_the_comment_box_the_rules_removed():
    texts = [TITLE, *BODY, "小溪 2022-08-15", "支持！"]
    assert thread(texts, {1, 2, 3, 5}, {4}, set()) == set()
    assert thread(texts, {1, 2, 3, 5}, {4}, {4}) == {4, 5}


def test_a_question_is_the_title_of_a_question_and_answer_page():
    page = ["蓝山问答 · 有问必答", "老房子加装电梯需要哪些手续？", "关注问题\u3000写回答\u3000邀请回答",
            "56 个回答 · 被浏览 12,345 次",
            "先要征得本单元业主的同意，一般要求三分之二以上的业主签字，并且没有明确反对的住户。",
            "然后向街道提交申请材料，由规划部门审批后才能施工，整个过程大约需要三个月。", FOOTER]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "老房子加装电梯需要哪些手续？"
    assert doc.text.split("\n") == page[4:6]


def test_a_question_that_opens_the_authors_paragraphs_stays_in_the_text():
    question = "为什么要开展这次检查？"
    page = [question, BODY[0], BODY[1], FOOTER]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.text.split("\n")[0] == question


def test_an_app_prompt_that_names_the_app_and_a_follow_bait_that_points_at_the_page_go():
    for bait in ["打开蓝山App，查看全部56个回答", "点击上方蓝字，关注我们"]:
        [doc] = clean_text("\n".join([TITLE, *BODY, bait]), "strip_site_chrome")
        assert bait not in doc.text, bait
    keep = "点击上方的菜单栏，进入系统设置页面。"
    [doc] = clean_text("\n".join([TITLE, *BODY, keep]), "strip_site_chrome")
    assert keep in doc.text


def test_a_key_built_from_what_the_site_numbers_gives_the_site_doc_id():
    row = "上传者：山间小路\u3000课件编号：LS-KJ-0412"
    [doc] = clean_bytes("\n".join([TITLE, row, *BODY, FOOTER]).encode("utf-8"))
    assert doc.metadata.get("site_doc_id") == "LS-KJ-0412" and "课件编号" not in doc.text
    sentence = "本次检查的档案编号统一由镇应急办分配，请各单位妥善保管。"
    [doc] = clean_bytes("\n".join([TITLE, *BODY, sentence, FOOTER]).encode("utf-8"))
    assert sentence in doc.text


def test_a_heading_the_page_also_prints_as_its_browser_title_is_no_echo_of_chrome():
    # The footer prints "<heading>｜<site>": the heading line is the page's title, kept for it.
    heading = "一名乡村邮递员的二十年"
    page = ["蓝山周刊 — 好文章存档", heading, *BODY, "往期回顾", "丨 春耕时节话农事", f"{heading}｜蓝山周刊",
            "本站内容转载自网络，如有侵权请联系删除"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == heading and heading not in doc.text
    # A site's name alone on a line, where the page prints "<name> · <title>", is the site's.
    page = ["蓝山文库", "租房合同范本_蓝山文库", "蓝山文库 · 租房合同范本", "租房合同", *BODY, FOOTER]
    [doc] = clean_text("\n".join(page), "strip_site_chrome")
    assert not doc.text.startswith("蓝山文库\n")


def test_a_counter_left_beside_counters_the_rules_took_goes_but_a_year_stays():
    page = [TITLE, *BODY, "阅读 3.4万\u3000\u3000转发 12\u3000\u3000点赞 208", FOOTER]
    assert lines_after_context(page) == [TITLE, *BODY]
    page = [TITLE, *BODY, "点赞 12\u3000\u3000镇应急办 2024年7月1日", FOOTER]
    [rules_only] = clean_text("\n".join(page), "strip_site_chrome")
    assert "点赞 12" not in rules_only.text and "2024年7月1日" in rules_only.text
    assert "镇应急办 2024年7月1日" in lines_after_context(page)


def test_the_sites_word_that_it_shows_everything_goes_with_the_reader_addressed():
    notice = "您是尊享会员，该资料已为您全部展示"
    [doc] = clean_text("\n".join([TITLE, notice, *BODY]), "strip_site_chrome")
    assert notice not in doc.text


def test_a_forum_thread_keeps_the_first_post_and_its_title_and_dates_the_page():
    page = ["蓝山教师论坛 - 教学交流区", "标题: 初中物理浮力教学的几点体会",
            "楼主 | 发表于 2023-5-6 10:12:33 | 只看该作者",
            "浮力是初中物理的难点之一，学生往往分不清浮力的大小与哪些因素有关。",
            "我在教学中先让学生动手做实验，把同一个物体分别放入清水和盐水中，观察弹簧测力计示数的变化。",
            "回复 引用 举报",
            "沙发 | 发表于 2023-5-6 11:02:10 | 只看该作者", "很实用的经验，下周我也试试这个实验。",
            "板凳 | 回复于 2023-5-7 08:45 | 只看该作者", "盐水的浓度要配得高一些，否则示数差别不明显。",
            "您需要登录后才可以回帖 登录 | 注册", "Powered by Discuz! X3.4 © 2001-2023 Comsenz Inc."]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "初中物理浮力教学的几点体会"
    assert doc.text.split("\n") == page[3:5]
    assert str(doc.metadata.get("upload_date")) == "2023-05-06"


def test_replies_whose_headers_the_rules_took_go_with_their_floor_labels_and_the_posters_signature():
    page = ["青枫教师社区 › 论坛 › 学科教研 › 初中物理 › 浮力教学的几点体会", "[教学心得] 浮力教学的几点体会",
            "发表于 2023-5-6 10:12:33 | 只看该作者 | 倒序浏览",
            "浮力是初中物理的难点之一，学生往往分不清浮力的大小与哪些因素有关。",
            "我在教学中先让学生动手做实验，把同一个物体分别放入清水和盐水中，观察弹簧测力计示数的变化。",
            "----------------------------", "教书育人，静待花开。", "收藏 分享 支持 反对",
            "沙发", "山间清风 发表于 2023-5-6 11:02:10", "很实用的经验，下周我也试试这个实验。",
            "板凳", "月下独行 发表于 2023-5-7 08:45", "盐水的浓度要配得高一些，否则示数差别不明显。",
            "Powered by Discuz! X3.4 © 2001-2023 Comsenz Inc."]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.text.split("\n") == page[3:5]


def test_a_rule_line_and_a_short_line_under_the_body_of_a_page_without_replies_stay():
    # A note under a rule line is the author's; so is anything on a page no reader posted to.
    page = [TITLE, *BODY, "----------------------------", "镇应急办 2024年7月", FOOTER]
    assert lines_after_context(page) == [TITLE, *BODY, "----------------------------", "镇应急办 2024年7月"]
    texts = [TITLE, *BODY, "------", "注：数据截至六月底"]
    assert signature(texts, {1, 2, 3}) == set()
    assert signature([TITLE, *BODY, "------", "静待花开"], {1, 2, 3}) == {4, 5}


def test_a_poster_named_under_the_body_is_a_readers_not_the_uploader():
    # The page's own byline gives its uploader and date; one under the body heads a reply.
    head = ["岚山文集 > 通知公告", TITLE, "竹影清风 上传于 2023-06-02 09:10"]
    reply = ["松下问童 发表于 2023-06-05 18:22", "收到，我们马上组织自查。"]
    [doc] = clean_bytes("\n".join([*head, *BODY, *reply, FOOTER]).encode())
    assert doc.metadata.get("uploader") == "竹影清风"
    assert str(doc.metadata.get("upload_date")) == "2023-06-02"
    # With no byline above the body, a reply's poster still names no one's upload.
    [doc] = clean_bytes("\n".join([head[0], TITLE, *BODY, *reply, FOOTER]).encode())
    assert doc.metadata.get("uploader") is None
    assert "松下问童" not in doc.text


def test_an_answers_own_stamp_under_it_still_dates_the_page():
    # 编辑于 <date> names no one: the author's own stamp at the end of the answer.
    [doc] = clean_bytes("\n".join(["岚山文集 > 问答", TITLE, *BODY, "编辑于 2023-06-03 07:45", FOOTER]).encode())
    assert str(doc.metadata.get("upload_date")) == "2023-06-03"


def test_remarks_under_a_comment_boxs_heading_are_readers_posts_without_a_stamp():
    replies = ["游客117.**.**.3：写得很实在，借鉴了", "后勤组小周：格式很规范，收藏了"]
    page = [TITLE, *BODY, "网友评论（2）", *replies, "发表评论需要先登录 ｜ 文明上网，理性发言", FOOTER]
    assert lines_after_context(page) == [TITLE, *BODY]


def test_a_question_and_answer_page_keeps_the_best_answer_and_loses_the_other_answers():
    # Invented: the question twice (browser title, heading), the asker's row, the best answer
    # under its answerer's row, then other answers, related questions and the site's footer.
    answer = ["先说结论：可以退，但要看合同怎么约定。",
              "一般来说，定金在对方违约的情况下应当双倍返还，你这种情况属于商家违约，可以据此主张",
              ]
    page = ["装修合同签了一半能退定金吗?_解惑网", "解惑网 - 有疑问，就有回应", "首页 | 提问 | 登录",
            "装修合同签了一半能退定金吗?", "热心网友 | 浏览 812 次 | 2023-07-01 提问", "最佳答案",
            "老周讲法 | 律师 | 回答于 2023-07-01 21:12", *answer, "赞同 36 | 评论 2",
            "其他回答(2)", "小白 | 2023-07-02 回答", "直接找他们退就行了。", "阿峰 | 2023-07-03 回答",
            "我去年也遇到过，最后退了一半。", "相关问题", "定金和订金有什么区别?",
            "©2023 解惑网 jiehuo.cn"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title and doc.title.startswith("装修合同签了一半能退定金吗")
    assert doc.text.split("\n")[-2:] == answer
    assert not doc.flags.get("truncated")


def test_a_posters_profile_does_not_date_the_post():
    # The byline lost the word after its verb (发表 for 发表于): the profile row above it,
    # 注册时间, dates the account, not the post.
    body = ["各位同行好！带了三年初三毕业班，和家长打交道的次数多了，慢慢摸索出一些门道。",
            "第一条，第一次家长会最重要。开学第一周就要把班级的目标讲清楚。"]
    page = ["某某论坛 | 首页 | 登录", "带了三年毕业班的六条经验", "查看: 3826|回复: 27", "晨风老师",
            "积分 2356　帖子 418　精华 3　注册时间 2015-3-9", "晨风老师 发表 2023-11-20 20:05 | 只看该作者", "楼主", *body,
            "某某论坛 版权所有"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert str(doc.metadata.get("upload_date")) == "2023-11-20"
