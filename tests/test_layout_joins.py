"""The line joiner (issue 8, mechanism 2): a line break is joined only on evidence that the
page, not the author, made it: the line reaches the width the page is wrapped at, or page
furniture was removed at that break. All texts are invented for these tests."""

from __future__ import annotations

from pipeline.stages.mojibake import LOST_PUNCTUATION_AT_END
from pipeline.stages.pagination import break_after
from pipeline.stages.pagination_scans import LIST_START
from tests.conftest import clean_bytes, clean_text
from tests.test_gbk_browser_mojibake import whatwg_gbk_decode

BODY = ("今年以来，我们坚持把基层党建与乡村振兴统筹推进，围绕产业发展、人才培养和环境整治三项重点，"
        "逐项细化任务清单，全年共落实帮扶资金一千二百万元，建成示范基地六个。")


def pagination(text: str) -> str:
    [doc] = clean_text(text, "pagination")
    return doc.text


def wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def test_a_short_header_is_not_glued_to_itself_or_to_the_first_paragraph():
    # Title, file name, byline and counters of 20+ characters without final punctuation,
    # then one paragraph on one line: nothing shows a page width to wrap at.
    header = ["某县农业农村局2023年度乡村振兴工作总结汇报材料",
              "某县农业农村局2023年度乡村振兴工作总结汇报材料.docx",
              "发布单位某县农业农村局办公室 发布日期2024年1月8日",
              "阅读次数1024 下载次数56 收藏次数12 评论次数3"]
    text = "\n".join(header + [BODY])
    assert pagination(text) == text


def test_lines_wrapped_at_the_page_width_are_joined():
    paragraphs = [BODY, "下一步，我们将继续压实责任，完善考核机制，推动各项政策落地见效，让群众得到更多实惠。"]
    text = "\n".join(wrap(p, 23) for p in paragraphs)
    assert pagination(text) == "\n".join(paragraphs)


def test_a_line_ending_in_a_quote_closed_mid_sentence_is_joined_when_it_reaches_the_width():
    paragraph = ("全镇推行网格化管理，群众反映的“急难愁盼”问题由网格员第一时间上报，"
                 "做到小事不出网格、大事不出村，全年化解矛盾纠纷三百余件，群众满意度明显提升。")
    width = paragraph.index("”") + 1  # the first line ends with the closing quote
    text = wrap(paragraph, width)
    assert text.split("\n")[0].endswith("”")
    assert pagination(text) == paragraph
    assert break_after("建设“五化”") == "open" and break_after("他说：“好。”") == "end"


def test_a_line_ending_in_a_semicolon_is_joined_unless_a_list_item_follows():
    paragraph = ("加强组织领导，成立由主要负责同志任组长的工作专班；建立月调度制度，每月召开一次推进会；"
                 "完善督查机制，对进展滞后的单位及时约谈，确保各项工作按期完成。")
    width = paragraph.index("；") + 1
    listed = ["一是加强组织领导，成立由主要负责同志任组长的工作专班；",
              "二是完善督查机制，对进展滞后的单位及时约谈，确保按期完成；",
              "三是强化宣传引导，营造全社会共同参与的良好氛围和工作格局。"]
    text = wrap(paragraph, width) + "\n" + "\n".join(listed)
    assert text.split("\n")[0].endswith("；")
    assert pagination(text) == paragraph + "\n" + "\n".join(listed)


def test_a_continuation_that_starts_with_a_decimal_is_not_a_list_item():
    assert not LIST_START.match("8.6%，高于全省平均水平") and LIST_START.match("1. 总体要求")
    paragraph = ("全县地区生产总值完成一百二十三亿元，同比增长8.6%，高于全省平均水平一个百分点，"
                 "规模以上工业增加值增长9.2%，固定资产投资增长7.5%，主要指标均好于预期。")
    text = wrap(paragraph, paragraph.index("8.6%"))
    assert text.split("\n")[1].startswith("8.6%")
    assert pagination(text) == paragraph


def test_a_paragraph_cut_by_a_page_break_is_joined_where_furniture_was_removed():
    # One paragraph per line, no width to wrap at; page numbers and a running header
    # between pages cut two paragraphs, one of them early on its line.
    cut_a = "今年以来，全县上下紧紧围绕年度目标任务，坚持稳中求进"
    cut_b = ("工作总基调，统筹推进疫情防控和经济社会发展，各项工作取得了明显成效，主要经济指标保持平稳增长，"
             "为完成全年目标任务奠定了坚实基础。")
    other_a = BODY[:60]
    other_b = BODY[60:]
    header = "某县人民政府工作报告"
    rest = ["二、存在的问题",
            "一是产业结构仍需优化，二是创新能力有待提升，三是民生短板依然存在，群众在教育、医疗、养老等方面还有不少期盼。"]
    page = "\n".join([header, "一、工作开展情况", BODY, cut_a, "- 2 -", header, cut_b, other_a, "- 3 -", header,
                      other_b, *rest])
    assert pagination(page) == "\n".join(["一、工作开展情况", BODY, cut_a + cut_b, other_a + other_b, *rest])


def test_a_chrome_line_removed_between_pages_marks_the_break_too():
    cut_a = "今年以来，全县上下紧紧围绕年度目标任务，坚持稳中求进"
    cut_b = "工作总基调，统筹推进疫情防控和经济社会发展，各项工作取得了明显成效，主要经济指标保持平稳增长。"
    page = "\n".join(["2023年全县经济运行情况的报告", BODY, cut_a, "查阅全文加微信abc12345", cut_b, BODY])
    [doc] = clean_text(page, "strip_site_chrome", "pagination")
    assert doc.text.split("\n")[1:] == [BODY, cut_a + cut_b, BODY]


def test_no_join_at_a_page_break_after_a_heading_or_a_sentence_end():
    lines = ["一、深入推进“放管服”改革，持续优化营商环境建设", "- 3 -",
             "全县新设立市场主体二千三百户，同比增长百分之十二，营商环境持续改善。", "- 4 -",
             "二、存在的问题"]
    assert pagination("\n".join(lines)) == "\n".join(lines[0::2])


def test_the_title_above_removed_chrome_is_not_joined_to_the_body():
    # The page's head is not body text: a title of 20+ characters with a comma in it, above
    # chrome the rules remove, stays off the first paragraph (indented or not).
    title = "某县2023年度机关党建、纪检和群团工作述职报告"
    for indent in ("", "\u3000\u3000"):
        page = "\n".join(["某某文档分享平台-在线文档", title, "当前位置：首页 > 工作总结 > 述职报告",
                          "上传人：张三 上传时间：2024-01-08 文档编号：123456", indent + BODY, indent + BODY])
        [doc] = clean_text(page, "strip_site_chrome", "pagination")
        assert doc.text.split("\n")[-3:] == [title, BODY, BODY]


def test_an_indented_line_opens_a_paragraph_even_after_removed_furniture():
    # The page indents its paragraphs; the continuation after a page break is not indented.
    cut_a = "\u3000\u3000全县上下紧紧围绕年度目标任务，坚持稳中求进工作总基调，统筹推进"
    cut_b = "疫情防控和经济社会发展，各项工作取得了明显成效。"
    heading = "\u3000\u3000某县人民政府关于推进乡村振兴工作情况、问题及下一步打算"
    page = "\n".join(["\u3000\u3000" + BODY, cut_a, "第1页 共2页", cut_b, heading, "- 2 -", "\u3000\u3000" + BODY])
    assert pagination(page) == "\n".join([BODY, cut_a.strip() + cut_b, heading.strip(), BODY])


def test_a_chrome_claim_on_the_tail_of_a_line_keeps_the_line_break():
    body = "各级党组织要坚持以人民为中心的发展思想，切实把群众的急难愁盼问题解决好"
    text = body + " 查阅全文加微信abc12345\n第二段正文从这里开始，内容不少。"
    [doc] = clean_text(text, "strip_site_chrome")
    assert doc.text == body + "\n第二段正文从这里开始，内容不少。"


def test_a_full_stop_lost_to_mojibake_keeps_the_paragraphs_apart():
    # UTF-8 read as GBK by a browser: a line's final ！ may lose its last byte to the line
    # break; ！ ： ； ？ share the others, so nothing on this page says which it was (the
    # character stays lost), and the repair says so; the joiner reads it.
    lines = ["今天召开全县工作推进会，主要任务是总结前一阶段工作，安排部署下一步任务",
             "各乡镇各部门要提高认识，强化担当，确保各项工作落地见效，不断开创新局面",
             "要坚持问题导向，扎实推进产业振兴和人才振兴，切实增强人民群众的获得感"]
    text = "\n".join(line + "！" for line in lines)
    broken, destroyed = whatwg_gbk_decode((text + "\n").encode("utf-8"))
    assert destroyed
    [repaired] = clean_text(broken, "repair_mojibake")
    assert repaired.text == "\n".join(line + "！" for line in lines[:2]) + "\n" + lines[2] + "\n"
    assert [e for e in repaired.edits if LOST_PUNCTUATION_AT_END in e.evidence]
    [doc] = clean_text(broken, "repair_mojibake", "pagination")
    assert doc.text.count("\n") == 2


def test_poems_lists_and_signatures_stay_as_they_are():
    poem = "床前明月光疑是地上霜\n举头望明月低头思故乡\n独在异乡为异客\n每逢佳节倍思亲"
    # Lines of one width without final punctuation, but no line of them ends a sentence:
    # a list, not a wrapped paragraph.
    attachments = ("附件1：某县乡村振兴重点项目建设进度统计表\n附件2：某县乡村振兴重点项目资金使用情况明细表\n"
                   "附件3：某县乡村振兴重点项目绩效考核评分标准表")
    letter = "此致\n敬礼\n某县农业农村局办公室全体工作人员\n二〇二四年一月八日"
    for text in (poem, attachments, letter):
        assert pagination(text) == text


def test_joining_is_idempotent_on_a_wrapped_page():
    text = "\n".join(wrap(p, 21) for p in [BODY, BODY[::-1] + "。"])
    once = pagination(text)
    assert once.count("\n") == 1
    assert pagination(once) == once


def test_a_one_line_page_splits_where_a_full_stop_was_lost_to_mojibake():
    paragraphs = ["受县政府委托，现将全县乡村振兴工作情况报告如下，请予审议",
                  "今年以来，全县共实施乡村振兴项目八十六个，完成投资五亿元",
                  "下一步，我们将进一步完善工作机制，确保明年全面完成任务"]
    page = " ".join(p + "。" for p in paragraphs)  # a page that lost its line breaks
    broken, destroyed = whatwg_gbk_decode(page.encode("utf-8"))
    assert len(destroyed) == 3  # each 。 before a space lost its last byte
    [doc] = clean_text(broken, "repair_mojibake", "pagination")
    # E3 80 ?? before a space after a clause of prose ends a paragraph: only 。 can (a space
    # after a short label, a breadcrumb's field, is no such end): restored, and the page
    # splits there.
    assert doc.text == "\n".join(p + "。" for p in paragraphs)


def test_page_numbers_in_any_numeral_and_decoration_go_and_the_paragraph_rejoins():
    # Typesetters set page numbers off by dashes, dots, tildes or brackets, in Arabic,
    # Roman, Chinese or circled numerals; the running title beside them repeats twice.
    cut_a = "截至年底，全市累计建成口袋公园八十六个，新增绿道一百二十公里，城市公园绿地服务半径覆盖率达到"
    cut_b = "91.2%，市民出门见绿的获得感明显增强，城市人居环境持续改善。"
    other_a, other_b = BODY[:50], BODY[50:]
    header = "某市园林绿化工作年度报告"
    for number_a, number_b in [("— Ⅳ —", "— Ⅴ —"), ("· 4 ·", "· 5 ·"), ("~ ⅳ ~", "~ ⅴ ~"), ("【4】", "【5】"),
                               ("= 四 =", "= 五 ="), ("－４－", "－５－"), ("- 4/9 -", "- 5/9 -")]:
        page = "\n".join(["一、主要成效", BODY, cut_a, number_a, header, cut_b, other_a, number_b, header, other_b])
        assert pagination(page) == "\n".join(["一、主要成效", BODY, cut_a + cut_b, other_a + other_b]), number_a


def test_a_numbered_heading_or_a_dash_set_word_is_not_a_page_number():
    lines = ["一、总体要求", BODY, "— 完 —", "Ⅲ. 保障措施", BODY, "【通知】", "·实施方案·"]
    page = "\n".join(lines)
    assert pagination(page) == page


def test_a_long_line_is_not_broken_inside_a_bracket_or_after_a_clauses_ordinal():
    """One paragraph per line: a space in （通讯员 李四） or after 第五条 is the author's
    spacing, not a lost line break; a space after a sentence end still is one."""
    lines = ["讯（通讯员 李晓岚）3月2日，县里召开春耕生产调度会，安排部署化肥种子供应和农机检修工作。",
             "第五条 承租方应当按时足额缴纳租金，不得擅自转租或者改变房屋用途，否则出租方有权解除合同。"]
    for line in lines:
        [doc] = clean_text(line + "\n" + line, "pagination")
        assert doc.text == line + "\n" + line
    flat = "县里召开春耕生产调度会，安排部署化肥种子供应工作。 各乡镇要抓紧检修农机，组织农技人员下田指导，确保不误农时。"
    [doc] = clean_text(flat, "pagination")
    assert doc.text.count("\n") == 1


def test_page_furniture_in_any_dress_goes_and_the_cut_sentence_rejoins():
    # Invented: a running header that ends in a bracket (no sentence end), a caption that
    # carries the page's number, a page number inside decorations, a bare number.
    cut_a = "全镇今年新建村级文化广场十四个，改造提升农家书屋二十三家，组织送戏下乡演出"
    cut_b = "一百二十场，群众文化生活日益丰富。"
    header = "云梯文库 · 镇文化站年度工作总结（定稿）"
    for number in ("- 第 2 页 -", "~ 第二页 ~", "2"):
        page = "\n".join([header, "镇文化站年度工作总结.docx - 第1页预览", BODY, cut_a, number, header,
                          "镇文化站年度工作总结.docx - 第2页预览", cut_b])
        assert pagination(page) == "\n".join([BODY, cut_a + cut_b]), number


def test_a_number_alone_under_a_heading_is_not_a_page_number():
    text = "\n".join(["工作目标", "3", "项新建任务全部在年内完成。"])
    assert pagination(text) == text


def test_nothing_is_rejoined_across_the_sites_cut():
    # Invented: a preview stops mid-sentence; the site says so; a line after its notice is
    # not the rest of that sentence, however the page is wrapped.
    cut = "各单位要精心组织，合理安排时间，确保活动取得实效，同时要做好后勤保障和安全防护工作，合理安排"
    after = "欢迎各位老师下载后交流使用，有问题请在评论区留言。"
    page = "\n".join(["您好，欢迎访问青禾文库", BODY, cut, "剩余5页未读，点击继续阅读", after])
    [doc] = clean_text(page, "strip_site_chrome", "pagination")
    assert cut + "\n" in doc.text


def test_an_article_cut_by_a_page_number_is_rejoined_and_a_heading_over_it_is_not():
    articles = ["第一条　本馆每周二至周日开放，开放时间为上午九时至下午五时，法定节假日另行通知。",
                "第二条　读者凭有效证件办理借阅手续，每次可借图书五册，借期一个月，可续借一次。",
                "第三条　损坏或遗失图书的，应按照图书价格的两倍予以赔偿，并承担相应的加工费用。"]
    cut = articles[1].index("借期")
    page = [articles[0], articles[1][:cut], "—— 第1页 ——", articles[1][cut:], articles[2]]
    assert pagination("\n".join(page)) == "\n".join(articles)
    # A heading that stops at the page's end stays a heading: nothing follows it on its line.
    page = [articles[0], "第二章　借阅规则", "—— 第1页 ——", articles[1]]
    assert pagination("\n".join(page)).split("\n") == [articles[0], "第二章　借阅规则", articles[1]]


def test_a_chunk_number_where_the_first_chunk_has_none_is_page_furniture():
    # The site numbers its page chunks from the second on: 2、 3、 cut sentences, no 1、 anywhere.
    text = ("今年我们围绕年度目标扎实推进各项工作，全年共组织培训十二期，累计培训\n"
            "2、职工九百余人次，职工技能水平明显提高。下半年还将继续开展岗位练兵，进一步\n"
            "3、提升队伍的整体素质。")
    assert pagination(text) == ("今年我们围绕年度目标扎实推进各项工作，全年共组织培训十二期，累计培训职工九百余人次，"
                                "职工技能水平明显提高。下半年还将继续开展岗位练兵，进一步提升队伍的整体素质。")


def test_a_list_that_starts_at_its_second_item_after_a_sentence_end_stays():
    text = "主要做法有以下几点。\n2、加强组织领导，明确责任分工。\n3、强化督促检查，确保落实到位。"
    assert pagination(text) == text


def test_the_title_printed_once_at_a_page_break_is_the_running_header():
    page = ["大班科学活动《会唱歌的纸杯》 - 资料宝", "资料名称：大班科学活动《会唱歌的纸杯》.doc",
            "一、活动目标。引导幼儿感知声音的产生与振动有关，愿意动手探索。",
            "二、幼儿分组操作。幼儿用不同的力度拉动棉线，观察纸杯发出的声音，并在记录表上用",
            "第 1 页 共 2 页", "大班科学活动《会唱歌的纸杯》", "图画记下自己的发现。", "© 资料宝 ziliaobao.cn"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == [page[2], page[3] + page[6]]


def test_an_upload_row_stops_where_the_authors_text_begins_on_a_page_without_breaks():
    page = ("蓝页文档-专业文档分享平台 标题:员工出差管理办法(试行) 分类:企业管理 上传:hr_li 日期:2023.12.28 阅读:1,047 "
            "第一条 为规范员工出差管理,合理控制差旅费用,结合公司实际,制定本办法。 "
            "第二条 本办法适用于公司全体员工。 本文由用户上传,如有侵权请联系删除 蓝页文档 lanye.com.cn ©2024")
    [doc] = clean_bytes(page.encode())
    assert doc.text.startswith("第一条")


def test_an_exam_paper_wrapped_at_a_width_gets_each_question_back_on_one_line():
    # A question ends in its last option, with no sentence end: the line before the next
    # numbered question closes it. A row of cells under a full line is never joined to it.
    wrapped = [["1. 下列关于我国河流的说法，正确的是（　　）A. 长江是我",
                "国最长的河流　B. 黄河流经十个省区　C. 珠江的汛期",
                "最短　D. 塔里木河是外流河"],
               ["2. 小华每天放学后帮奶奶打扫院子，周末还陪爷爷去公",
                "园散步。这体现了小华（　　）A. 尊敬长辈　B. 热爱",
                "集体　C. 遵守交规　D. 勤俭节约"],
               ["3. 某县通过热线电话征集群众对新建公园的意见，一个",
                "月收到建议两千多条。这说明（　　）A. 群众参与意识",
                "增强　B. 公园已经建成　C. 意见无人处理"]]
    header = "2023—2024学年第一学期七年级地理与品德期中测试卷"
    text = "\n".join([header, "下载券 | 3"] + [line for q in wrapped for line in q])
    out = pagination(text).split("\n")
    assert out[:2] == [header, "下载券 | 3"]
    assert out[2:] == ["".join(q) for q in wrapped]


def test_a_note_in_brackets_on_its_own_line_is_never_the_rest_of_the_line_above():
    wrapped = ["一、选择题。下列关于我国河流的说法，正确的是（　　）A. 长江是我",
               "国最长的河流　B. 黄河流经十个省区　C. 珠江的汛期", "最短　D. 塔里木河是外流河"]
    header = "2022—2023学年第一学期七年级地理与品德学科期中学业质量检测卷"
    text = "\n".join([header, "（满分100分，考试时间60分钟）", *wrapped])
    out = pagination(text).split("\n")
    assert out[:2] == [header, "（满分100分，考试时间60分钟）"]


def test_a_tables_rows_keep_their_cells_on_one_line():
    # Cells set apart by one ideographic space, rows of a width a flattened page has: a line
    # beside each with as many cells makes them a table's rows, not paragraphs run together.
    rows = ["项目名称　主办单位　协办单位　开始日期　结束日期　参与人数（人次）　经费（万元）　负责人",
            "社区读书月活动　街道文化站　区图书馆　2025年4月1日　2025年4月30日　320　1.5　周雨桐"]
    text = "\n".join([BODY, *rows, BODY])
    assert pagination(text) == text


def test_headings_run_together_on_a_page_that_lost_its_breaks_are_still_parted():
    line = "一、总体要求　二、重点任务　三、保障措施　" + BODY
    assert pagination(line).split("\n")[:3] == ["一、总体要求", "二、重点任务", "三、保障措施"]


def test_a_tables_row_is_judged_whole_before_a_cell_that_ends_in_a_bracket_parts_it():
    # A header cell ending in a unit in brackets closes like a sentence; a row as long as a
    # flattened page, with a row of as many cells under it, is still one table row.
    rows = ["监测点位名称　所属街道　年均浓度（微克每立方米）　较上年变化幅度　达标天数（天）　全年有效监测天数　监测单位",
            "城西公园　和平街道　28　下降3.2%　331　362　区环境监测站"]
    text = "\n".join([BODY, *rows, BODY])
    assert pagination(text) == text


def test_a_run_in_heading_keeps_its_text_on_its_line_when_the_page_kept_its_breaks():
    # A hard-wrapped page whose numbered sections open with a short run-in heading: the joined
    # line is long, but nothing on it shows the page lost its breaks.
    sections = ["2.1　样本　本次调查在城南片区的三个街道随机抽取四百二十户居民，采用入户访谈与问卷相结合的"
                "方式，共回收有效问卷三百九十八份，有效率为百分之九十四点八，样本的年龄结构与片区人口基本一致。",
                "2.2　工具　问卷由课题组自行编制，包括居住年限、出行方式、公共服务满意度三个部分，共二十六个"
                "题项，预调查后删去了表述不清的四个题项，正式问卷的信度系数为零点八二，可以满足研究需要。"]
    lines = [p[k:k + 30] for p in sections for k in range(0, len(p), 30)]
    out = pagination("\n".join(["二、调查方法", *lines])).split("\n")
    assert out[1:] == sections


def test_a_heading_on_a_line_that_lost_its_breaks_is_still_parted_on_a_page_of_many_lines():
    line = "今年的重点工作已经全部完成，各项指标均超过预期。 三、明年工作打算　明年将继续围绕乡村振兴抓好落实，着力补齐短板。"
    out = pagination("\n".join([BODY, line, BODY])).split("\n")
    assert out[2:4] == ["三、明年工作打算", "明年将继续围绕乡村振兴抓好落实，着力补齐短板。"]


def test_a_pages_header_with_its_number_goes_once_and_the_split_sentence_is_joined():
    # A 2-page preview of a scanned book, hard-wrapped: the page's header (the chapter's
    # heading, then its folio) is printed once, in the middle of a sentence the page broke.
    para = ("船到对岸的时候天已经黑了，我们在码头边找了一家小旅馆住下，老板娘端来两碗热汤面，"
            "说是今天最后的两碗。吃完面，父亲又出去看了一趟船，回来的时候鞋子全湿了，他说江上起了风，明天怕是走不成了。")
    lines = [para[k:k + 24] for k in range(0, len(para), 24)]
    text = "\n".join(["第三章　渡口", *lines[:2], "第三章　渡口　·　41", *lines[2:]])
    assert pagination(text).split("\n") == ["第三章　渡口", para]
    # A dash without spaces around it is no folio's: a model number or a date stays.
    coded = "\n".join(["型号　KT", *lines[:2], "型号　KT-15", *lines[2:]])
    assert "型号　KT-15" in pagination(coded)
    # A table of contents: a run of such lines, under nothing they repeat, stays.
    contents = "\n".join(["目录", "第一章　石桥　·　1", "第二章　山路　·　27", "第三章　渡口　·　41", BODY])
    assert pagination(contents) == contents


def test_a_one_line_pages_header_pieces_are_parted_from_its_first_sentence():
    body = ["3月1日，我县首座乡镇污水处理厂在青石镇建成投运，日处理能力达到两千吨。",
            "项目总投资约六千万元，配套铺设污水管网二十八公里，覆盖镇区和周边六个村。",
            "县住建局有关负责人表示，今年还将启动另外三个乡镇的污水处理设施建设。",
            "投运后，青石镇生活污水集中收集率将由不足四成提高到九成以上。"]
    head = "青瓦文档 qingwa-wd.com | 好范本尽在青瓦 2024年3月2日 · 4 页 · 2元/次 · 格式 docx"
    out = pagination(" ".join([head, *body])).split("\n")
    assert out[0] == head and out[1:] == body
    # A byline in brackets or a clause's ordinal before the first sentence keeps its line.
    dated = "本报讯（记者　周青）" + body[0]
    assert pagination(" ".join([dated, *body[1:]])).split("\n")[0] == dated
