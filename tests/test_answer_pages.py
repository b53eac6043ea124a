"""Question-and-answer pages (issue 8): the question is the title, the best answer is the
document, who answered and when are its facts, and the asker's row, the site's buttons and
the other answers are chrome. Site, users and wording are invented."""

from __future__ import annotations

from tests.conftest import clean_text

QUESTION = "阳台种的番茄只开花不结果，是哪里出了问题？"
ANSWER = ["番茄只开花不结果，多半是授粉出了问题，阳台上没有风也没有昆虫，花粉落不到柱头上。",
          "开花以后每天上午轻轻摇一摇花枝，或者用毛笔在花朵之间来回点一点，帮它完成授粉。",
          "另外氮肥不要施得太多，枝叶长得太旺也会影响坐果，开花期可以换成磷钾肥。"]


def page(*, others: bool = True) -> str:
    lines = [f"{QUESTION}_青蛙问答", "青蛙问答 ｜ 首页 ｜ 分类 ｜ 我要提问 ｜ 登录 / 注册", QUESTION,
             "种菜新手小白 提问于 2024-05-06 ｜ 2,317 人看过", "我来回答", "最佳答案",
             "园艺师阿榕　青蛙Lv6　采纳率91%", "2024-05-07 回答 · 已被提问者采纳", *ANSWER,
             "赞同 58　｜　评论　｜　分享　｜　举报"]
    if others:
        lines += ["其他回答（2）", "老李种菜　2024-05-06", "我也遇到过，后来换了个大盆就好了。",
                  "匿名用户　2024-05-08", "可以试试番茄灵。"]
    return "\n".join(lines + ["青蛙问答 qingwawenda.cn ©2024 粤ICP备21017734号"])


def test_a_question_and_answer_page_keeps_the_answer_under_the_question_as_title():
    [doc] = clean_text(page())
    assert doc.title == QUESTION
    assert doc.text.split("\n") == ANSWER
    # (The answer's author and date are the document's; the asker's are the question's.)
    assert (doc.metadata.get("uploader"), str(doc.metadata.get("upload_date"))) == ("园艺师阿榕", "2024-05-07")


def test_the_other_answers_go_and_without_them_the_answer_stays_whole():
    [doc] = clean_text(page(others=False))
    assert doc.text.split("\n") == ANSWER


def test_a_saved_article_under_its_savers_row_is_no_thread_of_posts():
    # A personal library's page: the saver's dated row over a hard-wrapped article. A reader's
    # post is a few lines under its header; a run of many lines is the article.
    body = ("把支出分成吃饭、住房、交通、孩子、人情和其他六类就够了，一杯奶茶记在哪一类不必纠结，"
            "月底能看出钱主要花在哪里才是目的。与其每花一笔就掏出手机，不如每天晚上睡前花五分钟，"
            "对照支付记录补一遍。坚持三个月，大多数家庭都能找到节省的空间。")
    lines = [body[k:k + 22] for k in range(0, len(body), 22)]
    page = ["记账坚持不下去？试试这两个办法 - 半亩田的个人图书馆", "青石图书馆 | 首页 | 我的图书馆 | 登录",
            "半亩田 收藏于 2024-02-20 文件夹《理财》", *lines, "© 2012-2024 qingshilib.cn 青石图书馆"]
    [doc] = clean_text("\n".join(page))
    assert doc.title == "记账坚持不下去？试试这两个办法"
    assert doc.text == body
    assert (doc.metadata.get("uploader"), str(doc.metadata.get("upload_date"))) == ("半亩田", "2024-02-20")


def test_a_users_library_names_the_title_and_the_source_line_over_the_body_goes():
    body = ["外公每天天不亮就起来磨豆浆，石磨转一圈，白浆就顺着槽口流进木桶里。",
            "点卤的时候他从不说话，端着小碗慢慢往锅里淋，眼睛一直盯着豆浆的变化。"]
    page = ["老街的豆腐坊 - 木槿2019的个人图书馆", "青石图书馆 | 首页 | 我的图书馆 | 登录",
            "木槿2019 收藏于 2023-12-17 文件夹《散文》", "来源：个人博客", *body,
            "© 2012-2024 qingshilib.cn 青石图书馆"]
    [doc] = clean_text("\n".join(page))
    assert doc.title == "老街的豆腐坊" and doc.text.split("\n") == body
    # (A field is no title: with no other name for the page, it stays in the text, untitled.)
    from pipeline.stages.title_shapes import is_title_shaped
    assert not is_title_shaped("来源：个人博客", 50) and is_title_shaped("标题：老街的豆腐坊", 50)
