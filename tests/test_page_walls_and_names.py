"""Mechanisms the twenty-fifth unseen check showed missing, each tested on pages invented here:
the page's name in a browser title the site cut short, a labelled file name, a subtitle the
page's name leaves out, walls that hide the rest, readers' remarks under a heading without a
count, a page number over a site's chunk marker, and a line that ends the sentence a removed
player or ad interrupted."""

from __future__ import annotations

from tests.conftest import clean_text

BODY = ("春天来了，河边的柳树发了新芽，孩子们在堤上放风筝。\n"
        "傍晚时分，老人们坐在石凳上聊天，说起几十年前这条河的样子，都感慨变化太大。\n")


def test_a_heading_that_starts_like_a_cut_browser_title_is_the_title_not_a_masthead():
    # The browser title gives the site, then the title cut short; the heading gives it whole
    # (words, a dash, more words: the shape of a site's name and slogan).
    page = ("青枫书屋 · 一条河的四季——写给我的童年…\n"
            "首页 ｜ 散文 ｜ 城市笔记\n"
            "一条河的四季——写给我的童年\n" + BODY +
            "青枫书屋 qingfeng.example 版权所有\n")
    [doc] = clean_text(page)
    assert doc.title == "一条河的四季——写给我的童年"
    assert doc.text.startswith("春天来了") and "青枫书屋" not in doc.text


def test_a_masthead_whose_name_the_site_states_still_goes():
    page = ("青枫书屋——读好文章，过慢生活\n一条河的四季\n" + BODY + "青枫书屋 qingfeng.example 版权所有\n")
    [doc] = clean_text(page)
    assert "读好文章" not in doc.text and doc.text.startswith("春天来了")


def test_a_file_name_under_a_label_of_any_script_gives_the_title_without_the_label():
    for label in ("檔案名稱：", "资料名称：", "檔名："):
        page = f"{label}社區春季清潔日活動方案.docx\n" + BODY
        [doc] = clean_text(page)
        assert doc.title == "社區春季清潔日活動方案", (label, doc.title)


def test_a_sites_edition_tag_in_ascii_brackets_leaves_the_title():
    page = "社区春季义诊活动总结(精编版)-好范文网\n" + BODY + "好范文网 版权所有\n"
    [doc] = clean_text(page)
    assert doc.title == "社区春季义诊活动总结"


def test_a_subtitle_the_pages_name_leaves_out_stays_in_the_text():
    page = ("守护一方碧水｜江城晚报·人物\n"
            "——记河道保洁员老周\n" + BODY +
            "分享到朋友圈：《守护一方碧水》 https://m.example.cn/a/1\n")
    [doc] = clean_text(page)
    assert doc.title == "守护一方碧水"
    assert doc.text.startswith("——记河道保洁员老周\n")


def test_a_wall_that_hides_the_rest_goes_and_marks_the_cut():
    page = ("社区春季清洁日活动方案\n为营造整洁的居住环境，社区决定开展清洁日活动，具体安排如下：各楼栋要在\n"
            "=== 以下内容仅对会员开放，开通会员后即可查看全部方案 ===\n"
            "二楼　小雨点　发表于 2025-3-1　谢谢分享\n")
    [doc] = clean_text(page)
    assert "会员" not in doc.text and doc.flags.get("truncated")


def test_forum_replies_under_their_floor_names_go():
    page = ("社区春季清洁日活动方案\n" + BODY +
            "沙发　林间小鹿　感谢分享，正好用得上。\n"
            "板凳　老街坊　写得很实在。\n")
    [doc] = clean_text(page)
    assert "林间小鹿" not in doc.text and "老街坊" not in doc.text and doc.text.rstrip().endswith("感慨变化太大。")


def test_readers_remarks_under_a_heading_that_names_the_readers_go():
    page = ("社区春季清洁日活动方案\n" + BODY + "读者留言\n河畔人家：写得真好，想起了小时候。\n")
    [doc] = clean_text(page)
    assert "河畔人家" not in doc.text and "读者留言" not in doc.text


def test_an_author_section_on_comments_stays():
    text = ("关于进一步规范网络评论管理的通知\n各单位：\n评论区管理要做到专人负责。\n"
            "王主任：请各单位于本周内报送负责人名单。\n")
    [doc] = clean_text(text)
    assert "王主任：请各单位于本周内报送负责人名单。" in doc.text


def test_a_page_number_over_a_chunk_marker_leaves_the_sentence_whole():
    lines = ["关于开展社区清洁日活动的通知", "各楼栋：", "为营造整洁的居住环境，社区决定于本月开展清洁日活动，请各楼栋长提前做好",
             "·1·", "2、动员，组织居民清理楼道杂物，做到不留死角。活动期间，物业公司要安排人员配合清运",
             "·2·", "3、垃圾，确保当天清理完毕。各楼栋要把活动情况及时报送社区居委会，社区将进行检查和通报",
             "·3·", "4、表扬。", "特此通知。"]
    [doc] = clean_text("\n".join(lines) + "\n")
    assert "提前做好动员，组织居民" in doc.text and "配合清运垃圾，确保" in doc.text
    assert "·" not in doc.text


def test_the_rest_of_a_sentence_under_a_removed_player_stays():
    page = ("河畔老厂房变身文创园\n" + "老厂房建于上世纪六十年代，曾是全市最大的纺织厂，停产以后一度\n"
            "[视频] 点击播放 02:15\n"
            "荒废。\n"
            "去年，区里启动改造工程，保留了厂房的红砖外墙和锯齿形屋顶，引入了书店、展厅和咖啡馆。\n")
    [doc] = clean_text(page)
    assert "播放" not in doc.text and "一度荒废。" in doc.text.replace("\n", "")


def test_a_bundle_whose_name_lists_its_documents_is_cut_at_their_headings():
    page = ("文档标题：随笔两篇 故园的井 外婆的灶台\n首页 ｜ 散文 ｜ 乡土记忆\n"
            "故园的井\n老屋门前有一口井，井水冬暖夏凉，全村人都来这里挑水。\n后来家家通了自来水，井就慢慢被人忘了。\n"
            "外婆的灶台\n外婆家的灶台是土坯砌的，灶膛里的火一年到头不熄。\n如今老屋拆了，可我总记得那股柴火的香味。\n"
            "青枫书屋 qingfeng.example 版权所有\n")
    docs = clean_text(page)
    assert [d.title for d in docs] == ["故园的井", "外婆的灶台"]
    assert docs[0].text.startswith("老屋门前") and docs[1].text.startswith("外婆家的灶台")


def test_a_title_that_names_one_piece_of_a_series_is_no_bundle():
    page = "文档标题：第三篇 乡村振兴调研报告\n首页 ｜ 调研 ｜ 乡村\n" + BODY + "青枫书屋 qingfeng.example 版权所有\n"
    assert len(clean_text(page)) == 1


def test_a_count_of_an_uploaders_documents_is_no_bundle():
    page = ("社区春季清洁日活动方案-青枫文库\n已上传文档：3,512篇　+关注\n" + BODY + "青枫书屋 qingfeng.example 版权所有\n")
    [doc] = clean_text(page)
    assert doc.title == "社区春季清洁日活动方案" and "已上传" not in doc.text


def test_a_list_of_titles_under_a_two_part_heading_above_the_sites_footer_goes():
    page = ("社区春季清洁日活动方案\n" + BODY +
            "同类方案 · 更多范本\n楼道清洁活动方案（第一期）\n社区环境整治月实施方案\n垃圾分类宣传周活动安排\n"
            "本站文档均由用户上传，仅提供信息存储空间服务。\n青枫书屋 qingfeng.example 版权所有\n")
    [doc] = clean_text(page)
    assert "更多范本" not in doc.text and "楼道清洁" not in doc.text and doc.text.rstrip().endswith("感慨变化太大。")


def test_a_bundle_whose_name_lists_its_parts_after_a_colon_and_a_slash_is_cut_into_them():
    page = ("习作两篇：雨中的公交站／奶奶的菜篮 - 一叶书屋\n"
            "雨中的公交站\n那天放学下起了大雨，我站在公交站台上，看见一位老奶奶没有带伞。\n我把伞递给她，自己跑进了雨里。\n"
            "奶奶的菜篮\n奶奶每天清早都挎着竹篮去菜市场，篮子里总装着我爱吃的青菜。\n如今竹篮旧了，奶奶也老了。\n"
            "Copyright © 2025 一叶书屋\n")
    assert [d.title for d in clean_text(page)] == ["雨中的公交站", "奶奶的菜篮"]


def test_a_page_named_as_a_bundle_whose_parts_show_no_heading_stays_one_document():
    page = "心得体会两篇 - 一叶书屋\n" + BODY + "Copyright © 2025 一叶书屋\n"
    [doc] = clean_text(page)
    assert doc.text.startswith("春天来了")


def test_a_masthead_goes_though_the_site_states_its_name_under_a_decorated_notice():
    page = ("青枫书屋｜好文章，慢慢读\n社区春季清洁日活动方案\n" + BODY +
            "—— 预览结束，剩余 3 页请下载查看 ——\n青枫书屋 版权所有 © 2025\n")
    [doc] = clean_text(page)
    assert "好文章" not in doc.text


def test_answers_and_reviews_under_their_counted_heading_go():
    page = ("社区春季清洁日活动方案\n" + BODY +
            "其他 2 条回答\n"
            "路过的小周 回答于 2024-05-02：写得很具体，可以参考。\n"
            "阿明 回答于 2024-05-03：建议加上分工表。\n"
            "复制链接分享给好友：https://example.cn/q/12345.html\n")
    [doc] = clean_text(page)
    assert "回答" not in doc.text and doc.text.rstrip().endswith("感慨变化太大。")


def test_a_blogs_comment_floor_and_its_form_go():
    page = ("社区春季清洁日活动方案\n" + BODY +
            "评论（2）\n#1楼　2025-03-01 09:10　山茶花：很受启发。\n#2楼　2025-03-02 10:20　老街坊：支持！\n"
            "发表评论　昵称：＿＿＿　内容：＿＿＿　［提交］\n")
    [doc] = clean_text(page)
    assert "山茶花" not in doc.text and "提交" not in doc.text


def test_a_sidebars_counted_links_go():
    page = ("社区春季清洁日活动方案\n" + BODY
            + "个人分类\n读书笔记（12）\n教学随笔（30）\n文章归档\n2025年03月（2）\n2025年02月（6）\n")
    [doc] = clean_text(page)
    assert "（12）" not in doc.text and "2025年03月" not in doc.text


def test_a_blog_posts_browser_title_names_the_blog_and_the_platform_after_the_title():
    page = ("三年級數學教學反思 @ 小雨老師的教室 :: 樂學部落格\n" + "關於我 ｜ 教學檔案 ｜ 聯絡我\n"
            "這學期我嘗試用分組合作的方式上數學課，學生的參與度明顯提高。\n但也發現部分學生依賴同組同學，下學期要再調整分組方式。\n")
    [doc] = clean_text(page)
    assert doc.title == "三年級數學教學反思"


def test_a_site_name_in_traditional_script_is_split_off_the_title():
    page = "社區春季清潔日活動方案 - 好範文網\n" + BODY + "好範文網 版權所有\n"
    [doc] = clean_text(page)
    assert doc.title == "社區春季清潔日活動方案"


def test_a_form_row_left_blank_to_fill_in_stays_above_the_sites_foot():
    page = ("关于组织学生参加春季研学活动的通知\n各位家长：\n学校定于4月12日组织四年级学生赴科技馆研学，请家长填写回执。\n"
            "学生班级：＿＿＿＿　学生姓名：＿＿＿＿　家长签名：＿＿＿＿\n"
            "有帮助（12）　没帮助（1）\n青枫书屋 qingfeng.example 版权所有\n")
    [doc] = clean_text(page)
    assert "学生班级：＿＿＿＿　学生姓名：＿＿＿＿　家长签名：＿＿＿＿" in doc.text and "有帮助" not in doc.text
