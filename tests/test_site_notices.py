"""Notices, rows and threads of sites nobody here has seen (issue 8, the mechanisms the third
unseen-site check showed): each held to an invented page it must change and one it must keep.
Site names, user names, separators and wordings are made up; none is from a fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.document import Document
from tests.conftest import clean_text

TITLE = "关于开展村庄清洁行动的实施方案"
BODY = ("各村要把人居环境整治作为重点，组织群众清理房前屋后的杂物，做到干净整洁。\n"
        "乡镇要加强督查，每月通报一次进展情况，对工作滞后的村进行约谈。")
CUT = "各村要把人居环境整治作为重点，组织群众清理房前屋后的杂物，做到干"
FOOTER = "Copyright © 2015-2024 lanting-docs.com"


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


# Sentences of the site's in other words than the seeds': the kind, not the wording.

@pytest.mark.parametrize("notice", [
    "《村庄清洁行动方案.docx》由网友提供，可免费阅读，更多相关资料请到青禾书屋查找。",
    "正文约 1,820 字，预计阅读用时 5 分钟",
    "注册后即可保存全文，会员专享PDF原版",
    "此文本经墨点OCR自动识别，排版或有出入",
    "长按并识别下方二维码，关注青禾订阅号",
    "青禾网络违法信息投诉热线 0571-86001234 受理时间 9:00-17:00",
    "已经读到本文档的末尾啦",
    # more of a page's furniture, each by what it is: prices, tags, browser and refund
    # notices, generated-page stamps, comment counters, service hours, document-only keys
    "收藏 ｜ 购买 ￥4.50 ｜ 原价￥12.00",
    "热门标签：防汛 应急 演练",
    "当前浏览器版本过低，建议更换浏览器",
    "戳上方蓝字“青禾读书角”关注我们",
    "以下為掃描辨識文字，難免有錯漏，請以紙本為準",
    "下载文件原文（2.3MB）",
    "打开全文（PDF，1.2MB）",
    "以上内容为网友收藏，不代表青石书屋观点。",
    "这份手册对您有帮助吗？ 有用(8)  没用(1)",
    # the site defers to the original text, or says it compiled its copy from elsewhere
    "说明：本数据库收录的标准文本仅供检索参考，请以出版社正式出版的文本为准。",
    "提示：本信息由青柚采购网从公开渠道汇编，具体以采购人发布的公告为准。",
    "虚拟商品一经售出不予退款，请确认后下载",
    "该页面内容由系统自动生成",
    "共 12 条评论",
    "人工客服 每天 8:30-21:00",
    "文档评分：★★★☆☆",
    "小提示：若文档显示乱码，请下载后用本地软件打开",
    # disclaimers by what they say (a right, an action on it, the site's or reader's voice)
    "柳岸文档所有资料均由网友上传分享，若侵犯了您的权益，请发送邮件至 report@liuan-doc.net",
    "本站仅提供存储空间，版权归作者所有，投诉请联系我们",
    "本站课件素材仅供学习交流使用",
    # adverts by their tag or their call with an arrow, and a loading notice that is over
    "[广告] 柳岸驾校暑期班火热报名中，学费立减500元",
    "家用净水器 限时直降200元 马上抢 >>",
    "文件已全部加载",
    "所属分类：社区治理　志愿服务　网格化",
    # scanning into the site's app, following a named account, asking for an 在看
    "微信扫码，在墨点小程序里改这份方案",
    "关注「柳岸说事」，每周带你读懂一项新政策",
    "如果有收获，顺手点个「在看」吧",
    "▶ 名师带你备考，扫码领取真题礼包 ◀",
    # a machine's text said so after a label, a library's disclaimer, credits, a signature
    "说明：页面文字由扫描件自动识别生成，表格可能错位，请以原件为准。",
    "本馆所藏文本仅供研究参考，引用请核对纸本。",
    "（责任编辑：闻舟　校对：柯宁）",
    "~~个人签名：今天也要好好吃饭~~",
])
def test_a_sites_notice_in_other_words_goes(notice):
    assert only(f"{TITLE}\n{BODY}\n{notice}\n{FOOTER}").text == BODY


@pytest.mark.parametrize("author", [
    "全文共5000字，分为三个部分，请大家会前认真阅读。",
    "市民登录后可查看社保缴费记录，也可打印缴费证明。",
    "学生预习结束后继续阅读第三单元的课文，并完成练习。",
    "消费者权益受到侵犯时，可以向市场监管部门投诉或者拨打12315举报。",
    "网站用户的合法权益受到侵犯的，可以向网信部门举报。",
    "本次宣传活动共发放广告宣传单五百份，现场咨询群众一百二十余人次。",
    "全部内容加载完成后，系统会自动生成统计报表。",
    "会员注册后可以查看全部积分明细，积分可兑换礼品。",
    "本文件由县政府办公室负责解释。",
    "咨询电话：0571-88886666（工作日9:00-17:00）",
    "关键词：防汛；应急；演练",
    "本次采购单价：¥4.50，数量：120件，请各单位核对。",
    # the same words in the author's sentences: a heading on a concern, a code scanned at a door
    "关注“一老一小”，办好民生实事",
    "居民进出小区需扫码登记，并配合工作人员测量体温。",
    "编辑：负责稿件的校对与排版工作。",
    "以下内容由各村自行填报，乡镇负责审核汇总。",
    "报名的具体时间以学校最终公布的通知为准。",
    "本信息表由各村填写后报乡镇汇总。",
    # an author's own account asked for a reply: the 加 of 参加 asks no one to follow anything
    "想参加的朋友请在公众号后台回复“观鸟”报名，名额二十个。",
    # a number labelled as a code is an identifier, whatever site word its label holds (证券)
    "证券代码：688214",
    "基金代码：160632",
])
def test_an_authors_sentence_on_the_same_things_stays(author):
    assert author in only(f"{TITLE}\n{BODY}\n{author}\n{BODY}").text


def test_a_search_box_at_the_top_goes_and_a_heading_with_the_same_word_stays():
    assert only(f"青禾书屋 - 范文免费分享\n请输入标题或关键词... 查找\n{TITLE}\n{BODY}").text == BODY
    heading = "关于推进全文检索 检索"
    assert heading in only(f"{BODY}\n{BODY}\n{BODY}\n{heading}\n{BODY}\n{BODY}\n{BODY}\n{BODY}").text


# Preview notices: a cut where the text is cut, not under a complete text.

@pytest.mark.parametrize("notice", ["下面尚有 9 页 ↓ 展开阅读", "试阅结束，成为会员可看全部合同条款",
                                    # the free part named (章节, 内容) and a gate before reading on
                                    "～ 试看内容已经结束，解锁本专栏后继续阅读 ～",
                                    "（游客只能浏览前两节，注册会员后即可查看完整条款）",
                                    "～ 资料预览到此为止，全文请登录后下载 ～",
                                    # the count's 共 lost to mojibake: the document named is enough
                                    "本卷6页，免费预览前2页",
                                    # what follows is for members, or what is left in characters
                                    "—— 余下部分只对付费用户开放 ——",
                                    "（后文还剩约 2400 字，登录后继续）",
                                    # the free range's end, the first pages free, a gate on what follows
                                    "～ 試閱範圍到此為止 ～", "＊免费试读前3页，请订阅后阅读全书＊",
                                    "以下内容需开通会员后查看", "—— 其余章节为VIP专享 ——"])
def test_a_preview_notice_in_other_words_flags_the_cut(notice):
    doc = only(f"{TITLE}\n{CUT}\n{notice}\n{FOOTER}")
    assert doc.flags.get("truncated") and notice not in doc.text


def test_a_partial_preview_notice_flags_a_cut_text_and_not_a_complete_one():
    notice = "—— 以上仅为该资料的部分预览，完整版敬请下载 ——"
    complete = only(f"{TITLE}\n{BODY}\n- 3 -\n{notice}\n{FOOTER}")
    assert complete.text == BODY and not complete.flags.get("truncated")
    cut = only(f"{TITLE}\n{CUT}\n{notice}\n{FOOTER}")
    assert cut.flags.get("truncated") and notice not in cut.text


# Related lists whose heading is found by its shape.

def test_a_readers_also_read_heading_takes_its_list():
    page = f"{TITLE}\n{BODY}\n浏览过此文的网友还喜欢\n社区消夏晚会主持词\n村级财务公开制度汇编\n{FOOTER}"
    assert only(page).text == BODY


def test_an_earlier_items_heading_takes_its_list():
    page = f"{TITLE}\n{BODY}\n往期回顾\n社区消夏晚会主持词\n村级财务公开制度汇编"
    assert only(page).text == BODY


def test_a_related_heading_left_alone_at_the_pages_end_goes():
    assert only(f"{TITLE}\n{BODY}\n更多同类范文推荐").text == BODY
    one_line = BODY.replace("\n", " ")
    assert "热门资料排行" not in only(f"{one_line}  热门资料排行 ").text


# Rows taken in parts leave nothing behind; a price is part of its counter.

def test_a_header_row_of_a_banner_and_widgets_leaves_no_separator():
    doc = only(f"青禾书屋 - 免费资料分享平台 ｜ 登录 ｜ 注册\n{TITLE}\n{BODY}")
    assert doc.text == BODY


def test_a_price_in_a_widget_row_goes_with_its_counter():
    assert only(f"{TITLE}\n{BODY}\n立即下载  仅需 12 金币  加入收藏\n{FOOTER}").text == BODY


def test_a_banner_with_a_box_drawing_dash_goes():
    assert only(f"青禾書屋 QingHe ━ 免費範文線上閱讀\n{TITLE}\n{BODY}").text == BODY


# A forum thread: path, counters, byline with buttons, toolbar, signature, edit stamp, credit.

THREAD = """竹里馆 ⇒ 家长交流 ⇒ 升学经验
浏览: 2210 | 回帖: 41
【经验分享】关于孩子升学准备工作的几点体会
晚风 发表于 2022-06-01 20:15 | 只看楼主 | 倒序
{body}
点评 引用 收藏 Share
行到水穷处，坐看云起时。 -- 晚风的个性签名
板凳  山居客 发表于 2022-06-02 08:00
该帖最后由 版主 于 2022-06-02 09:30 编辑
Powered by 竹里馆 2012-2022"""


def test_a_forum_thread_keeps_the_post_and_its_title():
    doc = only(THREAD.format(body=BODY))
    assert doc.text == BODY
    assert doc.title == "关于孩子升学准备工作的几点体会"
    assert doc.metadata.get("uploader") == "晚风"
    assert doc.metadata.get("upload_date") == dt.date(2022, 6, 1)
    assert not doc.flags.get("truncated")


def test_an_arrow_flow_inside_the_body_stays():
    flow = "申请 → 初审 → 公示 → 发放"
    assert flow in only(f"{TITLE}\n{BODY}\n{BODY}\n{BODY}\n{flow}\n{BODY}\n{BODY}\n{BODY}\n{BODY}").text


def test_a_tag_with_a_count_stays_in_the_title():
    doc = only(f"【精选3篇】社区工作总结合集.docx\n{BODY}")
    assert "3篇" in (doc.title or "")


# Facts in a row of fields without keys.

def test_a_file_row_without_keys_gives_its_facts():
    doc = only(f"晴川资料站 - 在线文档\n暑期安全教育致家长的一封信.pdf ｜ 晴川老师 ｜ 2023/07/02 ｜ 2页\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata.get("uploader") == "晴川老师" and doc.metadata.get("page_count") == 2
    assert doc.metadata.get("upload_date") == dt.date(2023, 7, 2)


def test_a_forum_without_a_domain_is_named_by_its_paths_root_and_a_domain_wins():
    assert only(THREAD.format(body=BODY)).metadata.get("source_site") == "竹里馆"
    doc = only(THREAD.format(body=BODY) + "\nzhuliguan-bbs.net 客服QQ 3350012")
    assert doc.metadata.get("source_site") == "zhuliguan-bbs.net"


# Upload facts under keys built from other verbs, a colon lost, a role word for a name.

@pytest.mark.parametrize("row,facts", [
    ("供稿人：石榴籽  投稿时间：2021-08-19  文档编号：SL-2219", {"uploader": "石榴籽", "upload_date": dt.date(2021, 8, 19)}),
    ("提供者：秋水 | 日期2022/01/05 | 格式：DOC | 7页", {"uploader": "秋水", "upload_date": dt.date(2022, 1, 5)}),
    ("编辑：周末  来源：晚报  作者：林一苇  点击：402", {"uploader": "林一苇"}),
])
def test_upload_facts_under_other_keys(row, facts):
    doc = only(f"{row}\n{TITLE}\n{BODY}")
    assert doc.text == BODY
    assert {k: doc.metadata.get(k) for k in facts} == facts


def test_a_minutes_field_row_is_not_an_upload_row():
    row = "整理人：何晓晴  推荐人：陶一鸣"
    assert row in only(f"{TITLE}\n{BODY}\n{row}").text


def test_a_credit_to_the_sites_users_names_no_uploader():
    doc = only(f"{TITLE}\n{BODY}\n本资料由网友分享，如有侵权请联系删除。")
    assert doc.text == BODY and "uploader" not in doc.metadata


# The context stage: the page's edge closes a block of chrome as chrome does.

def test_a_short_line_between_footer_chrome_and_the_pages_end_goes_and_one_after_the_body_stays():
    assert only(f"{TITLE}\n{BODY}\n{FOOTER}\n兰亭 Docs").text == BODY
    contact = "联系电话：0571-88886666"
    assert contact in only(f"{TITLE}\n{BODY}\n{contact}").text



def test_a_notice_naming_the_converted_text_and_its_layout_goes():
    body = ["全县共有各类学校八十六所，在校学生四万二千人。", "今年新建改建校舍十二万平方米，完成投资三点二亿元。"]
    notice = "下面是Word转换后的文字内容，版式可能与原文不一致，请以下载文件为准"
    [doc] = clean_text("\n".join(["某某文库 | 首页 | 登录", "全县教育事业发展统计公报", notice, *body]), "strip_site_chrome")
    assert notice not in doc.text and all(b in doc.text for b in body)
    kept = "以下为OCR识别的文字内容，已由档案馆工作人员逐字校对。"
    [doc] = clean_text("\n".join(["全县教育事业发展统计公报", kept, *body]), "strip_site_chrome")
    assert kept in doc.text


def test_a_button_with_a_note_in_brackets_goes_and_a_heading_with_one_stays():
    body = ["一、选择题（每小题3分，共24分）。", "1. 下列各数中，最小的数是（　　）"]
    page = ["某某试卷网 | 首页 | 登录", "七年级数学期中测试卷", *body, "立即下载（含答案解析）", "教学反思（第二次）",
            "某某试卷网 版权所有"]
    [doc] = clean_text("\n".join(page), "strip_site_chrome")
    assert "立即下载" not in doc.text and "教学反思（第二次）" in doc.text


def test_a_membership_ad_naming_the_site_goes_and_a_card_the_author_offers_stays():
    body = ["全县共有各类学校八十六所，在校学生四万二千人。", "欢迎广大居民到社区服务中心办理图书借阅卡，免费借阅下载电子书。"]
    ad = "开通青禾VIP，全站资料免积分下载"
    [doc] = clean_text("\n".join(["某某文库 | 首页 | 登录", "全县教育事业发展统计公报", *body, ad]), "strip_site_chrome")
    assert ad not in doc.text and all(b in doc.text for b in body)


@pytest.mark.parametrize("prompt", ["～～ 上滑继续浏览 ～～", "· 点击加载下一页 ·", "往下拉，接着看"])
def test_a_prompt_to_scroll_on_goes_and_the_sentence_it_cut_is_joined_unflagged(prompt):
    first, second = BODY.split("\n")
    page = f"{TITLE}\n{first}\n{second[:20]}\n{prompt}\n{second[20:]}\n{FOOTER}"
    doc = only(page)
    assert prompt not in doc.text and doc.text == BODY
    assert not doc.flags.get("truncated")


def test_a_numbered_list_of_other_documents_under_an_unknown_heading_goes():
    page = f"{TITLE}\n{BODY}\n看了又看\n1. 秋季防火工作实施方案（精编）\n2. 村级组织换届工作总结\n3. 植树节活动策划书\n{FOOTER}"
    assert only(page).text == BODY


def test_a_numbered_outline_at_the_end_above_the_footer_stays():
    outline = "下一步打算\n1. 继续抓好村庄清洁常态化\n2. 建立群众评议长效机制\n3. 加大资金投入力度"
    assert outline in only(f"{TITLE}\n{BODY}\n{outline}\n{FOOTER}").text


def test_comments_dated_and_replies_to_a_name_go_under_a_counted_heading():
    comments = "读者留言（共2则）\n竹影 2024/05/06 10:12：很有参考价值\n回复 @竹影：谢谢支持"
    assert only(f"{TITLE}\n{BODY}\n{comments}\n{FOOTER}").text == BODY


def test_a_credit_with_a_spaced_name_and_the_files_facts_goes_whole_and_keeps_them():
    credit = "本资料由 林间小路 于 2021-11-03 08:05 上传，共 12 页，大小 318K"
    doc = only(f"{TITLE}\n{credit}\n{BODY}\n{FOOTER}")
    assert doc.text == BODY
    assert (doc.metadata.get("uploader"), doc.metadata.get("page_count")) == ("林间小路", 12)


@pytest.mark.parametrize("button", ["〓 获取本文（PDF格式）　需 3 个金豆 〓", "阅读全文（高清版）需要 2 点"])
def test_a_download_price_with_the_format_in_brackets_goes(button):
    assert only(f"{TITLE}\n{BODY}\n{button}\n{FOOTER}").text == BODY


def test_a_site_announcement_giving_days_of_membership_goes_and_the_title_under_it_is_taken():
    doc = only(f"某某资源站\n【通知】青苗网改版完成，新用户注册即送3天会员！\n{TITLE}\n{BODY}\n{FOOTER}")
    assert (doc.title, doc.text) == (TITLE, BODY)


def test_an_upload_key_alone_and_an_update_stamp_in_the_facts_row_go_to_metadata():
    facts = "资料信息\n上传：青山书院\n大小：1.2MB　格式：pdf　下载：37次　更新：2022年5月3日"
    doc = only(f"{TITLE}\n{BODY}\n{facts}\n{FOOTER}")
    assert doc.text == BODY
    assert (doc.metadata.get("uploader"), doc.metadata.get("upload_date")) == ("青山书院", dt.date(2022, 5, 3))


def test_a_giving_verb_an_author_uses_too_stays_as_a_line_of_the_document():
    signed = "发布：县防汛抗旱指挥部办公室"
    assert signed in only(f"{TITLE}\n{BODY}\n{signed}\n{FOOTER}").text


def test_a_facts_row_dated_without_the_century_dates_the_page():
    doc = only(f"{TITLE}\nPDF · 4页 · 1.3MB · 22-08-14\n{BODY}\n{FOOTER}")
    assert doc.text == BODY and doc.metadata.get("upload_date") == dt.date(2022, 8, 14)


@pytest.mark.parametrize("value, date", [("23/11/06", dt.date(2023, 11, 6)), ("收录于 21-02-03", dt.date(2021, 2, 3)),
                                         ("98-01-01", None), ("0731-88-65", None), ("24-13-01", None)])
def test_a_two_digit_year_is_this_centurys_and_no_later_than_now(value, date):
    from pipeline.metadata import parse_date
    assert parse_date(value) == date


@pytest.mark.parametrize("notice", ["我们的网站使用cookies来改善服务。继续使用本站即视为您已同意隐私条款。",
                                    "注册后才能发表留言", "《植树活动方案》选自某某文库，转载请保留原文链接。"])
def test_consent_banners_comment_box_prompts_and_repost_terms_go(notice):
    assert only(f"{TITLE}\n{BODY}\n{notice}\n{FOOTER}").text == BODY


def test_a_repost_said_of_the_authors_text_stays():
    said = "这篇倡议书被多家媒体转载后，引起了广泛关注。"
    assert said in only(f"{TITLE}\n{BODY}\n{said}\n{FOOTER}").text


def test_an_english_interface_names_the_file_and_its_facts():
    head = ("File: 秋季森林防火工作方案.pdf\nPosted by: lin_mu\nPublished: 3 March 2022\n"
            "Format: PDF · Length: 5 pages · Filesize: 1.1 MB")
    doc = only(f"Forest Docs | 森林文库\n{head}\n{BODY}\n{FOOTER}")
    assert (doc.title, doc.text) == ("秋季森林防火工作方案", BODY)
    assert {k: doc.metadata.get(k) for k in ("uploader", "upload_date", "page_count")} == {
        "uploader": "lin_mu", "upload_date": dt.date(2022, 3, 3), "page_count": 5}
    assert doc.metadata["file_size"].replace(" ", "") == "1.1MB"


@pytest.mark.parametrize("value, date", [("Jan 8, 2024", dt.date(2024, 1, 8)), ("8 March 2023", dt.date(2023, 3, 8)),
                                         ("Marching 3 2024", None), ("may 2024", None)])
def test_an_english_date_is_read_by_its_month_word(value, date):
    from pipeline.metadata import parse_date
    assert parse_date(value) == date


@pytest.mark.parametrize("stamp", ["〔识别成功〕", "此次识别结果由系统自动生成，如有出入请以原件为准。"])
def test_a_converters_state_and_its_stamp_on_the_result_go(stamp):
    assert only(f"{TITLE}\n{BODY}\n{stamp}\n{FOOTER}").text == BODY


def test_a_free_tier_that_converted_only_the_first_pages_marks_the_cut():
    doc = only(f"{TITLE}\n{BODY}\n{CUT}\n体验版只识别了前 3 页（全文 9 页），升级后可识别全部页面\n{FOOTER}")
    assert doc.flags.get("truncated") and "识别" not in doc.text


@pytest.mark.parametrize("browser_title", ["村庄清洁行动实施方案：以整治促振兴——青禾文库",
                                           "村庄清洁行动实施方案：以整治促振兴 —— 青禾文库"])
def test_a_site_name_after_a_doubled_dash_leaves_the_title_whole(browser_title):
    from pipeline.metadata import clean_title
    assert clean_title(browser_title) == "村庄清洁行动实施方案：以整治促振兴"


def test_a_name_set_off_before_the_upload_verb_is_the_uploader():
    doc = only(f"{TITLE}\n青禾小编 上传 · 实名认证\n{BODY}\n{FOOTER}")
    assert doc.text == BODY and doc.metadata.get("uploader") == "青禾小编"


def test_other_documents_listed_with_their_pages_below_the_body_go():
    listed = "秋季森林防火工作实施方案 · 6页\n村级河长制工作总结 · 3页"
    assert only(f"{TITLE}\n{BODY}\n{listed}\n{FOOTER}").text == BODY


@pytest.mark.parametrize("name", ["青禾文件库", "城南档案文件库"])
def test_a_masthead_with_no_domain_names_the_site_by_a_site_names_ending(name):
    # The masthead goes as an echo of the footer's name; the page writes no domain.
    page = (f"{name} — 机关公文汇编检索\n{TITLE}\n{BODY}\n主办：{name}编辑部　本站为非官方汇编，请以正式文本为准\n"
            "网站识别码 QH-0001 ｜ 浙ICP备18042271号-3")
    doc = only(page)
    assert doc.metadata.get("source_site") == name and BODY in doc.text


def test_a_url_in_an_open_bracket_at_a_wrapped_lines_end_stays_and_an_ad_with_one_goes():
    # The author's sentence cites an address in brackets and the page wrapped it before the
    # bracket closed; a short ad pointing at a site has no prose around its address.
    cited = "报名表可在区教育局官方网站下载（http://jy.nanhu-edu."
    text = only(f"{TITLE}\n{BODY}\n{cited}\ncn）下载后填写，于本月底前交到各校教务处。\n{BODY}\n{FOOTER}").text
    assert cited in text
    assert "（www.qinghe-docs" not in only(f"{TITLE}\n{BODY}\n更多资料请访问（www.qinghe-docs.com\n{BODY}\n{FOOTER}").text


def test_the_sites_citation_line_goes_and_the_title_it_names_stays_the_title():
    # A journal site tells the reader how to cite the paper; the paper's own references stay.
    title = "社区协商议事的实践与反思"
    cite = f"引用格式：周青，吴桐. {title}[J]. 城乡治理研究，2024（2）：15-22."
    doc = only(f"{title}\n{BODY}\n{cite}\n{FOOTER}")
    assert doc.title == title and doc.text == BODY
    refs = f"参考文献：\n[1] 周青，吴桐. {title}[J]. 城乡治理研究，2024（2）：15-22."
    assert refs in only(f"{title}\n{BODY}\n{refs}\n{FOOTER}").text


def test_a_journals_banner_at_a_page_break_goes_when_its_name_is_in_the_breadcrumb():
    # The journal's name and issue, printed once at the page break of a 2-page preview, in the
    # middle of a sentence; the site's breadcrumb (which also carries the title) names it.
    para = ("本研究在城南片区的三个街道随机抽取四百二十户居民，采用入户访谈与问卷相结合的方式，共回收有效问卷"
            "三百九十八份，有效率为百分之九十四点八，样本的年龄结构与片区人口基本一致，可以代表片区居民的总体情况。")
    lines = [para[k:k + 24] for k in range(0, len(para), 24)]
    page = ["当前位置：首页 › 期刊论文 › 城乡治理研究 › 2024年第2期", "社区协商议事的实践与反思", *lines[:2], "·16·",
            "城乡治理研究　2024年第2期", *lines[2:], FOOTER]
    doc = only("\n".join(page))
    assert doc.text == para
