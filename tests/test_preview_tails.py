"""Where a site cut the text and said so at the cut, and what it says about its own content
under the text. All pages are invented for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import clean_bytes

HEAD = ["松溪合同网 > 合同范本 > 技术合同", "软件开发服务合同", "编号：SX-40017 | 格式：DOCX | 上传时间：2024-05-02"]
FOOT = "松溪合同网 songxi-ht.cn 闽ICP备10000002号"
BODY = ["甲乙双方经友好协商，就软件开发服务事宜达成如下协议，以资共同遵守。",
        "第一条 乙方按照甲方的需求说明书完成软件的设计、开发、测试和部署工作。"]
CUT = "第二条 双方对在合作过程中知悉的对方商业秘密负有保密义务，保密期限为合同终止后"


@pytest.mark.parametrize("tail", [
    "……您已阅读30%，购买后查看完整合同（￥5.00）",
    "...已预览40%，下载后可查看全部内容",
    "（试读到此结束，付费3元阅读全文）",
    "……还剩2页未读，继续阅读",
    "……本文档仅展示部分内容，完整版请下载",
])
def test_the_sites_words_at_a_cut_go_and_the_cut_sentence_stays(tail):
    [doc] = clean_bytes("\n".join([*HEAD, *BODY, CUT + tail, FOOT]).encode())
    assert doc.text.split("\n") == [*BODY, CUT]
    assert doc.flags.get("truncated")


@pytest.mark.parametrize("line", [
    "他停了一下……又说：“这本书我读完了，完整的感想下次再谈。”",
    "会议指出，要把好事办好……群众满意是检验工作的根本标准。",
    "（试点阶段）各单位要按照方案要求，认真组织实施。",
])
def test_an_authors_ellipsis_or_bracket_stays(line):
    [doc] = clean_bytes("\n".join([*HEAD, *BODY, line, FOOT]).encode())
    assert doc.text.split("\n") == [*BODY, line]
    assert not doc.flags.get("truncated")


def test_the_sites_word_on_what_its_templates_are_for_goes_with_the_list_above_it():
    page = [*HEAD, *BODY, "—— 预览已结束，购买后下载完整版 ——", "同类范本推荐", "技术开发（委托）合同",
            "信息系统运维服务协议", "提示：本平台所有模板仅供参考，使用前请咨询专业律师。", FOOT]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == BODY


def test_the_rest_behind_a_gate_is_the_sites_notice():
    [doc] = clean_bytes("\n".join([*HEAD, *BODY, CUT + "……", "剩余内容需购买后查看", FOOT]).encode())
    assert "购买" not in doc.text
    assert doc.flags.get("truncated")


@pytest.mark.parametrize("notice", ["全文阅读已结束，如果下载本文需要使用1下载券", "—— 全部内容阅读完毕 ——"])
def test_the_site_saying_the_whole_text_was_read_goes_and_flags_no_cut(notice):
    [doc] = clean_bytes("\n".join([*HEAD, *BODY, notice, "下载本文档  收藏  举报", FOOT]).encode())
    assert doc.text.split("\n") == BODY
    assert not doc.flags.get("truncated")


def test_the_sites_number_for_the_page_goes_to_metadata_but_the_authors_numbers_stay():
    [doc] = clean_bytes("\n".join([*HEAD[:2], "稿件编号：GJ20240517003", *BODY, FOOT]).encode())
    assert (doc.text.split("\n"), doc.metadata.get("site_doc_id")) == (BODY, "GJ20240517003")
    [doc] = clean_bytes("\n".join([*HEAD[:2], "合同编号：HT-2024-017", *BODY, FOOT]).encode())
    assert doc.text.split("\n")[0] == "合同编号：HT-2024-017"


def test_a_question_among_related_links_is_a_link_but_an_authors_question_stays():
    links = ["2024年安全生产月活动方案（附检查表）", "年度述职报告怎么写？看这几篇就够了"]
    [doc] = clean_bytes("\n".join([*HEAD, *BODY, "同类文档推荐", *links, FOOT]).encode())
    assert doc.text.split("\n") == BODY
    asked = ["怎样才能把安全责任落到实处？", "关键在于明确分工、层层压实。"]
    [doc] = clean_bytes("\n".join([*HEAD, *BODY, *asked, FOOT]).encode())
    assert doc.text.split("\n") == [*BODY, *asked]


def test_the_sites_charge_a_facts_heading_and_a_search_wrapper_go():
    page = [*HEAD, *BODY, "—— 资源信息 ——", "格式：pdf", "页数：共9页", "下载本资源需消耗 2 个书院币，VIP会员免费",
            "更多与《软件开发服务合同》相关的文档，请在松溪合同网搜索。", FOOT]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == BODY
    assert doc.metadata.get("page_count") == 9


@pytest.mark.parametrize("prompt", ["喜欢这篇文档？点击右上角收藏，下次阅读更方便", "下载此文档（Word版，可编辑） ￥3.00"])
def test_a_prompt_under_a_complete_text_goes_and_flags_no_cut(prompt):
    [doc] = clean_bytes("\n".join([*HEAD, *BODY, prompt, FOOT]).encode())
    assert doc.text.split("\n") == BODY
    assert not doc.flags.get("truncated")


def test_a_sidebar_naming_who_shared_the_file_goes_with_its_block():
    page = [*HEAD[:2], *BODY, "—— 资源信息 ——", "林老师 分享", "发布：03-05 14:22", "格式：docx", "页数：3",
            "下载本资源需消耗 1 个书院币，VIP会员免费", "大家都在下", "小学语文整本书阅读教学设计", FOOT]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.text.split("\n") == BODY
    assert doc.metadata.get("uploader") == "林老师"
