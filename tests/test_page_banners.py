"""Banners and footers a page prints around its text: a converter's banner, the page's browser
title with more than one name after it, a notice that the text goes on on another page. All
pages are invented for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import clean_bytes, clean_text

BODY = ["夜里的风很大，老陈把最后一扇窗户关好，才发现院门外站着一个人。",
        "那人浑身湿透，手里提着一只旧皮箱，犹豫了很久才开口说话。",
        "老陈认出了他，却一时想不起他的名字，只好先把他让进屋里。"]


def test_a_chapter_page_loses_its_browser_title_with_book_and_site_and_its_next_page_notice():
    page = ["云杉书屋 > 乡土小说 > 《北坡人家》 > 第七章 风雪夜里的客人", "第七章 风雪夜里的客人", *BODY,
            "（本章未完，请翻到下一页继续阅读）", "上一页　　返回目录　　下一页",
            "第七章 风雪夜里的客人_北坡人家_云杉书屋"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "第七章 风雪夜里的客人"
    assert doc.text.split("\n") == BODY
    assert doc.flags.get("truncated") is True


def test_a_converters_banner_goes_and_an_authors_sentence_about_converting_stays():
    page = ["#### textlab.site 转换结果 ####", "老屋记事", *BODY, "#### 由 textlab.site 免费生成 ####"]
    [doc] = clean_text("\n".join(page), "strip_site_chrome")
    assert "textlab" not in doc.text
    sentence = "我们用textlab.site把扫描件转换成文字，校对后发现有三处错误。"
    [doc] = clean_text("\n".join(["老屋记事", *BODY, sentence]), "strip_site_chrome")
    assert sentence in doc.text


def test_a_page_that_lost_its_line_breaks_loses_its_nav_run_and_its_sites_name():
    page = ("蓝山资讯 首页 本地 教育 健康 城东湿地公园步道正式开放 2024-05-12 09:30 来源：蓝山日报 阅读 3521 "
            "记者从市园林局获悉，城东湿地公园环湖步道经过半年改造，于昨日正式向市民开放。 "
            "新步道全长六点八公里，沿途设置了十二处观景平台和六座休息驿站，并配套建设了无障碍通道。 "
            "打开蓝山资讯APP，阅读全文 © 2024 蓝山资讯 lanshan-news.cn")
    [doc] = clean_bytes(page.encode("utf-8"))
    assert doc.title == "城东湿地公园步道正式开放"
    assert doc.text.split("\n") == ["记者从市园林局获悉，城东湿地公园环湖步道经过半年改造，于昨日正式向市民开放。",
                                    "新步道全长六点八公里，沿途设置了十二处观景平台和六座休息驿站，并配套建设了无障碍通道。"]
    # Words after the home link that hold a function word (是, 的) are a sentence, no nav run
    # (the home link alone is a widget word of its own).
    sentence = "首页 是 我们 共同 的 家园，请大家 爱护 环境。"
    [doc] = clean_text(sentence, "strip_site_chrome")
    assert doc.text.endswith("是 我们 共同 的 家园，请大家 爱护 环境。")


def test_an_engines_stamp_a_like_request_and_an_unfolded_text_notice_go():
    page = ["已为您自动展开全文 ↓", "老屋记事", *BODY, "觉得有收获就点个赞吧 👍 56",
            "GMT+8, 2023-02-11 09:05 , Processed in 0.041 second(s), 18 queries ."]
    [doc] = clean_text("\n".join(page), "strip_site_chrome")
    assert doc.text.strip().split("\n") == ["老屋记事", *BODY]
    sentence = "大家觉得有用的建议，请在周五前报给办公室汇总。"
    [doc] = clean_text("\n".join(["老屋记事", *BODY, sentence]), "strip_site_chrome")
    assert sentence in doc.text


def test_a_byline_with_fields_after_it_gives_the_uploader_the_pages_and_the_id():
    page = ["备课坊 › 教案 › 初中物理", "八年级物理《光的折射》教学设计",
            "由 物理老周 上传于 2023-11-12 · 共5页 · 文档ID 55102",
            "【教学目标】知道光的折射现象，能用折射规律解释生活中的简单现象。",
            "【教学过程】先演示筷子“折断”的实验，引导学生观察并提出问题，再分组探究入射角与折射角的关系。",
            "备课坊 beikefang.cn 版权所有"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == page[3:5]
    assert (doc.metadata.get("uploader"), doc.metadata.get("page_count"), doc.metadata.get("site_doc_id")) == \
        ("物理老周", 5, "55102")


def test_a_search_placeholder_and_where_the_site_files_the_page_go():
    page = ["备课坊 — 老师的备课好帮手", "搜一搜 课件 / 教案 / 试题 / 论文", "登录 注册",
            "八年级物理《光的折射》教学设计", "所属栏目：初中物理 > 八年级", "资料分类：教学设计",
            "【教学目标】知道光的折射现象，能用折射规律解释生活中的简单现象。",
            "【教学过程】先演示筷子“折断”的实验，引导学生观察并提出问题，再分组探究入射角与折射角的关系。",
            "备课坊 beikefang.cn 版权所有"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert (doc.title, doc.text.split("\n")) == (page[3], page[6:8])


def test_an_authors_list_of_kinds_and_a_search_step_stay():
    body = ["分类：按照危险程度分为一般隐患和重大隐患两类。", "检索、登记、归档等环节均由档案室负责。",
            "各单位要对照清单逐项整改，确保按期销号。"]
    assert clean_text("\n".join(body))[0].text.split("\n") == body


def test_the_title_in_the_sites_wrapper_and_a_running_title_beside_its_page_counter():
    # The heading echoes the wrapper's title (本文档《<title>》由用户上传): that names the title;
    # <title>  第2页 共2页 is the running footer of the page, not text.
    body = ["读完《论语》十则，我最大的体会是学习要与思考结合，这句话放在今天依然适用，我们读书时要多问几个为什么。",
            "其次，温故而知新。每次复习旧知识，总能有新的发现，这说明知识的掌握是一个不断深化的过程。"]
    page = ["知行文档 | 专业文档分享平台", "首页 > 学习资料 > 读书笔记", "《论语》十则读后感", "价格：2积分   上传用户：晨读",
            *body, "《论语》十则读后感    第2页 共2页", "立即下载   收藏",
            "本文档《《论语》十则读后感》由用户上传，仅供学习交流，如有侵权请联系删除。", "知行文档网 www.zhixingdoc.cn"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert (doc.title, doc.text.split("\n")) == ("《论语》十则读后感", body)
    assert doc.metadata.get("page_count") == 2


def test_a_line_with_a_page_counter_beside_words_the_page_prints_nowhere_else_stays():
    body = ["全镇共有耕地面积三万亩，其中水田一万二千亩。", "详见附表3  第2页", "各村要按时上报。"]
    assert clean_text("\n".join(body))[0].text.split("\n") == body


def test_a_field_that_names_no_one_gives_no_uploader():
    page = ["范文网 > 讲话稿", "在全镇安全生产工作会议上的讲话", "发布时间：2024-02-21  作者：佚名  阅读：3562次",
            "同志们：", "今天召开全镇安全生产工作会议，主要任务是总结去年工作，部署今年任务。", "© 范文网"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.metadata.get("uploader") is None
    assert str(doc.metadata.get("upload_date")) == "2024-02-21"


def test_a_counter_row_gives_the_pages_and_a_short_ad_goes_whole():
    page = ["知库 > 通知 > 关于开展消防演练的通知", "关于开展消防演练的通知", "浏览 812 | 下载 15 | 收藏 3 | 页数 4",
            "免费下载  |  升级会员 全站文档免费下载",
            "各部门：", "为提高全体员工的消防安全意识，定于下周三下午开展消防疏散演练，请各部门做好准备。", "© 知库"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == page[4:6]
    assert doc.metadata.get("page_count") == 4


def test_the_sites_hot_searches_go():
    page = ["知库 — 让知识流动起来", "大家都在搜：年终总结 述职报告 入党申请书", "关于开展消防演练的通知",
            "各部门：", "为提高全体员工的消防安全意识，定于下周三下午开展消防疏散演练，请各部门做好准备。", "© 知库"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == page[3:5]


def test_the_pages_own_address_under_a_related_list_is_the_pages():
    page = ["知库 > 通知 > 关于开展消防演练的通知", "关于开展消防演练的通知", "各部门：",
            "为提高全体员工的消防安全意识，定于下周三下午开展消防疏散演练，请各部门做好准备。",
            "相关推荐", "关于开展防汛演练的通知", "2024年消防安全工作计划",
            "本文链接：https://www.zhiku-wd.cn/tz/2024/8812.html", "© 知库 zhiku-wd.cn"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == page[2:4]
    assert doc.metadata.get("source_url") == "https://www.zhiku-wd.cn/tz/2024/8812.html"


def test_a_size_written_apart_from_its_unit_is_one_fact():
    page = ["PDF转文字网 - 免费在线转换", "文件名：2024年度全区水资源公报.pdf　页数：8　大小：2.41 MB",
            "2024年，全区平均降水量为1126毫米，比上年偏多百分之六，属平水年份。", "© 2024 pdfzhuan.com"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == page[2:3]
    assert (doc.metadata.get("file_size"), doc.metadata.get("page_count")) == ("2.41MB", 8)


def test_a_sidebar_of_the_files_facts_after_the_text_goes_to_metadata_whatever_the_script():
    # A traditional-script site: 檔案大小 is a file's size, 第一條 opens its article's line.
    body = ["第一條　為規範社區圖書室管理，保障讀者的合法權益，結合本社區實際，制定本辦法。",
            "第二條　圖書室每週二至週日開放，法定節假日另行公告。"]
    page = ["社區圖書室管理辦法 - 書林文檔網", "首頁 ｜ 文檔分類 ｜ 上傳文檔 ｜ 登入", *body,
            "文檔資訊", "上傳者：林美玲", "上傳日期：2024年3月5日", "檔案大小：38.2KB", "格式：DOC",
            "Copyright 2015-2024 書林文檔網 www.shulin-doc.tw 版權所有"]
    [doc] = clean_bytes("\n".join(page).encode("big5"))
    assert doc.text.split("\n") == body
    assert (doc.metadata.get("file_size"), doc.metadata.get("file_format"), doc.metadata.get("uploader")) == \
        ("38.2KB", "DOC", "林美玲")


def test_a_format_line_of_the_authors_stays():
    body = ["会议材料请各单位于周五前报送办公室。", "格式：统一用A4纸打印，一式三份。", "联系人：王敏，电话：12345678。"]
    assert clean_text("\n".join(body))[0].text.split("\n") == body


def test_a_site_with_an_english_interface_gives_its_title_and_facts():
    body = ["近年来，各地通过多种措施充实基层医疗队伍，但人才“引不来、留不住”的问题仍然突出。",
            "调查发现，影响基层医生流动意愿的首要因素是子女教育，其次是职称晋升机会少。"]
    page = ["WenBox中文 · Read, Learn, Share", "Home | Browse | Upload | Sign in",
            "Title: 基层医疗人才队伍建设调研报告.pdf", "Uploaded by: med_watch", "Date: 2024-01-15",
            "Pages: 9P", "Size: 1.4 MB", "Format: PDF", *body,
            "Download PDF (1.4 MB)", "Related documents · 相关文档", "县域医共体建设情况汇报", "乡村医生培训方案",
            "© 2024 wenbox-cn.com All rights reserved."]
    [doc] = clean_bytes("\n".join(page).encode())
    assert (doc.title, doc.text.split("\n")) == ("基层医疗人才队伍建设调研报告", body)
    facts = {k: doc.metadata.get(k) for k in ("uploader", "page_count", "file_size", "file_format")}
    assert facts == {"uploader": "med_watch", "page_count": 9, "file_size": "1.4MB", "file_format": "PDF"}
    assert str(doc.metadata.get("upload_date")) == "2024-01-15"


def test_keys_in_brackets_stand_for_their_colons_and_a_long_slogan_is_no_sites_name():
    body = ["2023年，财务科紧紧围绕年度预算目标，严格执行各项财务制度，较好地完成了全年工作任务。",
            "（一）加强预算管理。全年预算执行率达到百分之九十八，较上年提高两个百分点。"]
    page = ["文库匣子 — 收得下所有好文档", "【文档名称】2023年度财务科工作总结", "【贡献者】财务小钱",
            "【上传时间】2024年1月9日", "【文档格式】docx", "【文档大小】1.06MB", "【页数】共3页", *body,
            "举报 | 收藏 | 打印", "wenkuxia.com 文库匣子 ©2019-2024"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert (doc.title, doc.text.split("\n")) == ("2023年度财务科工作总结", body)
    facts = {k: doc.metadata.get(k) for k in ("uploader", "page_count", "file_size", "file_format")}
    assert facts == {"uploader": "财务小钱", "page_count": 3, "file_size": "1.06MB", "file_format": "DOCX"}
    assert str(doc.metadata.get("upload_date")) == "2024-01-09"


def test_the_site_telling_the_reader_what_they_read_gives_title_uploader_and_pages():
    body = ["本学期，我继续担任初一（2）班班主任，全班共有学生四十二人。", "一、抓好班干部队伍建设，实行值日班长轮换制度。"]
    page = ["学苑文库 - 海量文档免费在线阅读", "登录 | 注册 | 手机版",
            "您正在阅读的《初一（2）班班主任工作总结》由 林小燕 分享，全文共4页，欢迎在线预览。", *body, "闽ICP备19000001号"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert (doc.title, doc.text.split("\n")) == ("初一（2）班班主任工作总结", body)
    assert (doc.metadata.get("uploader"), doc.metadata.get("page_count")) == ("林小燕", 4)


def test_an_english_byline_set_off_from_its_verb_gives_the_uploader_and_date():
    page = ["资料屋 ziliaowu.com — 老师的资料库", "资料名称：中班语言活动教案《小熊请客》.doc",
            "by 暖阳老师 · 上传于 2024-04-12", "活动目标：理解故事内容，学说礼貌用语。",
            "活动准备：故事挂图一套，小熊、小狗等头饰若干。", "© 资料屋 ziliaowu.com"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == page[3:5]
    assert (doc.metadata.get("uploader"), str(doc.metadata.get("upload_date"))) == ("暖阳老师", "2024-04-12")


def test_an_attachment_button_a_copy_link_widget_and_a_librarys_notice_go():
    body = ["各乡镇人民政府，县直有关单位：", "当前已全面进入主汛期，请切实做好汛期各项安全防范工作。", "附件：汛期值班表"]
    page = ["首页 > 通知公告", "关于做好汛期值班工作的通知", "[复制链接]", *body, "附件下载：汛期值班表.xlsx",
            "公告：本馆内容均为馆友收藏，如有侵权请联系客服处理", "© 2024 某县人民政府"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == body


def test_a_sites_name_a_comma_and_its_exclaimed_slogan_on_the_edge_goes():
    body = ["同志们，新的岗位是新的起点。希望大家珍惜机会、不负重托，在各自岗位上奋发有为。", "谢谢大家！"]
    page = ["在新任职干部集体谈话会上的讲话 - 知页文库", *body, "知页文库，让知识流动起来！"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == body


def test_the_title_is_the_line_on_the_byline_not_the_users_space_above_the_nav():
    # A reading-room page: the sharer's space, the site's nav, then the title on its byline.
    page = ["晚风拂柳的书房", "首页 | 书房 | 书友 | 我的书房", "河湾村冬季护林值守安排",
            "晚风拂柳 分享于 2023-12-05 09:12", *BODY]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "河湾村冬季护林值守安排"
    assert "书房" not in doc.text and doc.text.split("\n") == BODY
    # With no chrome between them, the first line is the title, and the dash line under it
    # (over the byline) is its subtitle, not the title on the byline.
    page = ["河湾村冬季护林值守安排", "——致全体护林员的一封信", "晚风拂柳 分享于 2023-12-05 09:12", *BODY]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "河湾村冬季护林值守安排——致全体护林员的一封信"
    assert doc.text.split("\n") == BODY


def test_a_heading_the_sites_closing_word_names_is_the_documents_not_an_echo_of_chrome():
    # The site's outro names the document: the heading it repeats is the document's own.
    page = ["青柠范文网 qingning.cn", "发布时间：2024-03-02 | 阅读：812", "社区河道保洁考核细则", *BODY,
            "以上就是青柠范文网为大家整理的社区河道保洁考核细则，希望对您有所帮助。"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "社区河道保洁考核细则"
    assert doc.text.split("\n") == BODY


def test_a_blog_page_gives_its_title_without_the_users_space_and_its_sidebar_goes():
    # The browser title names the post, the blogger's space and the site; the byline has
    # counters after spaces; the sidebar under the post is the blogger's card and categories.
    page = ["山居笔记：种下第一棵梨树_松间月的博客-木叶博客", "木叶博客 | 首页 | 专栏 | 登录",
            "原创　松间月 发表于 2022-04-11 08:03　阅读量 517　收藏 4", *BODY,
            "点赞 | 收藏 | 评论 | 分享", "松间月", "博龄 3 年　原创 48　访问 2万+", "关注　私信",
            "分类专栏", "山居笔记　19篇", "读书札记　7篇", "最新文章", "给老屋换瓦的那个下午",
            "木叶博客 ©2019-2024 muye-blog.cn"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "山居笔记：种下第一棵梨树"
    assert doc.metadata.get("uploader") == "松间月"
    assert doc.text.split("\n")[:3] == BODY
    assert "私信" not in doc.text and "19篇" not in doc.text and "松间月" not in doc.text


def test_a_browser_title_over_the_pages_heading_gives_the_heading():
    # <heading>_<anything of the site's> over the heading itself: the heading is the title.
    page = ["村级小型水利设施管护办法_管护办法_某某文库", "某某文库 | 首页 | 登录", "村级小型水利设施管护办法", *BODY]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "村级小型水利设施管护办法" and doc.text.split("\n") == BODY


def test_a_short_book_name_a_file_field_and_a_title_field_are_read_as_titles():
    page = ["雁归_在线阅读_某某书屋", "某某书屋 | 书库 | 排行榜 | 登录", "书名：雁归", *BODY]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "雁归" and doc.text.split("\n") == BODY
    page = ["某某文库 — 在线阅读", "首页 | 文档库 | 上传 | 登录", "文件：西岭镇2022年林下经济发展情况报告.pdf",
            "上传者：林业站 ｜ 上传时间：2023-03-20 ｜ 8页", *BODY]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.title == "西岭镇2022年林下经济发展情况报告"


def test_a_chapter_heading_its_table_of_contents_lists_stays():
    # The table of contents is removed chrome; the chapter heading that repeats one of its
    # items heads the text and is no echo of chrome, while a site's name alone on a line is.
    from pipeline.document import Span
    from pipeline.stages.chrome_lines import chrome_echo_spans

    toc = "章节目录\n第一章 初雪\n第二章 渡口\n"
    text = toc + "北岸书屋\n第一章 初雪\n" + "\n".join(BODY) + "\n北岸书屋 版权所有\n"
    removed = [Span(0, len(toc), "", "related_links"), Span(text.index("北岸书屋 版权"), len(text), "", "copyright_line")]
    echoes = [text[s.start:s.end] for s in chrome_echo_spans(text, text, removed)]
    assert echoes == ["北岸书屋\n"]


def test_a_text_ending_in_its_list_of_references_is_not_cut():
    refs = ["[1] 王某．乡村学校少年宫建设的实践与思考[J]．教育研究，2019（4）：12-15．",
            "[2] 李某．课后服务的经费保障机制研究[J]．教育财会研究，2021（2）：30-33"]
    page = ["某某论文网 | 首页 | 期刊 | 登录", "乡村学校课后服务的现状与对策", *BODY, "参考文献", *refs,
            "相关论文", "课后服务质量评价指标体系构建研究"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.text.endswith(refs[-1]) and not doc.flags.get("truncated")


def test_a_list_under_an_unknown_heading_stops_at_a_footer_the_rules_took_pieces_of():
    # The footer's pieces (a site address, a button, an ICP number) are claimed one by one;
    # the list above it ends there and does not claim the footer line a second time.
    from pipeline.charsets import iter_lines
    from pipeline.document import Span
    from pipeline.rulebook import rules_by_name
    from pipeline.stages.chrome_related import headed_lists

    footer = "某某课件网 kejian-mou.com　联系我们　京ICP备11111111号"
    text = "\n".join([*BODY, "配套课件", "《春天的小雨》第一课时识字写字课件", "部编版二年级下册第二单元整体教学设计", footer])
    at = text.index(footer)
    pieces = [Span(at + footer.index(p), at + footer.index(p) + len(p), "", "icp_line")
              for p in ("kejian-mou.com", "京ICP备11111111号")]
    lines = [(s, e) for s, e in iter_lines(text) if text[s:e].strip()]
    spans, _ = headed_lists(text, lines, pieces, rules_by_name("site_chrome.toml")["related_links"])
    assert spans and all(s.end <= at for s in spans)
    assert text[spans[0].start:spans[-1].end].startswith("配套课件")


@pytest.mark.parametrize("row, facts", [
    ("贡献者 wq_1988 于 2022-05-06 上传 | 共6页 | DOCX | 88.2KB | 下载次数：1,204",
     {"uploader": "wq_1988", "page_count": 6, "file_format": "DOCX"}),
    ("山北村委 分享于 2023-02-01 · 7页 · 浏览 3.4万 · 下载 51", {"uploader": "山北村委", "page_count": 7}),
])
def test_a_verb_byline_with_facts_after_it_gives_them_all(row: str, facts: dict):
    [doc] = clean_bytes("\n".join(["某某文库 | 首页 | 登录", "河湾村护林值守安排", row, *BODY]).encode("utf-8"))
    assert doc.text.split("\n") == BODY
    for key, value in facts.items():
        assert str(doc.metadata.get(key)).upper() == str(value).upper(), key


def test_who_gave_the_file_and_when_alone_on_lines_of_the_sites_facts_block():
    page = ["某某资料站 | 首页 | 登录", "首页 > 教育 > 正文", "家长会发言稿", *BODY, "资料信息",
            "发布人：晴川老师", "发布时间：2022年3月9日", "页数：4页", "大小：18.9KB", "某某资料站 版权所有"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.text.split("\n") == BODY
    assert doc.metadata.get("uploader") == "晴川老师" and str(doc.metadata.get("upload_date")) == "2022-03-09"
    # Inside the author's text, with no chrome beside it, the same kind of line is the author's.
    inner = [BODY[0], "报名时间：2022年3月9日至3月20日", BODY[1], BODY[2], BODY[0] + "我们", BODY[1] + "后来"]
    [doc] = clean_bytes("\n".join(["某某资料站 | 首页 | 登录", "家长会发言稿", *inner]).encode("utf-8"))
    assert "报名时间：2022年3月9日至3月20日" in doc.text


def test_a_counter_under_its_key_in_brackets_goes_and_a_tag_over_the_title_stays_a_tag():
    page = ["某某文库 | 首页 | 登录", "【推荐】河湾村冬季护林值守安排", "【上传时间】2023-11-04", "【页数】6页",
            "【浏览量】1,982", *BODY, "某某文库 版权所有"]
    [doc] = clean_bytes("\n".join(page).encode("utf-8"))
    assert doc.text.split("\n") == BODY
    assert doc.title == "河湾村冬季护林值守安排" and doc.metadata.get("page_count") == 6


def test_a_text_ending_in_a_row_of_cells_is_not_cut():
    row = "板书设计：分数的意义　单位“1”　平均分　分数单位、几个这样的单位"
    [doc] = clean_bytes("\n".join(["某某文库 | 首页 | 登录", "分数的意义教学设计", *BODY, row]).encode("utf-8"))
    assert doc.text.endswith(row) and not doc.flags.get("truncated")
    cut = BODY[0] + "他在门口站了很久，手里一直攥着那只"
    [doc] = clean_bytes("\n".join(["某某文库 | 首页 | 登录", "分数的意义教学设计", BODY[1], cut]).encode("utf-8"))
    assert doc.flags.get("truncated") is True


def test_a_cut_inside_the_last_numbered_section_is_a_cut_and_a_wide_gap_ends_the_text():
    # The sections end in sentences; the last one stops mid-sentence, then (one-line page)
    # a wide gap and the site's list.
    sections = ["（一）加强常规管理。每月检查一次教案和作业，结果在教师会上通报，并纳入年度考核。",
                "（二）抓好复习备考。各学科三月中旬前结束新课，制定分阶段复习计划，并由任课教师"]
    page = "某某文库 首页 登录 备课组工作计划 " + " ".join(sections) + "      热门下载 某某学校学年工作计划 某某班务计划"
    [doc] = clean_bytes(page.encode("utf-8"))
    assert sections[1] in doc.text.split("\n")
    assert doc.flags.get("truncated") is True
