"""What readers and share buttons add under a page (issue 8, mechanisms the thirteenth
unseen-site check showed): readers' remarks under a comment heading, the share text a
button writes for a friend, the site's terms of reprinting. Invented pages throughout."""

from __future__ import annotations

from pipeline.document import Document
from tests.conftest import clean_text

TITLE = "柳岸街道开展冬季用电安全宣传"
BODY = ("12月5日，柳岸街道联合供电所走进辖区老旧小区，向居民讲解冬季取暖用电常识。\n"
        "工作人员现场检查了三十余户居民家中的电线和插座，对发现的隐患当场提出整改建议。")
FOOTER = "© 2024 柳岸新闻网 版权所有"


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def test_remarks_under_a_counted_comment_heading_go():
    remarks = "读者评论（3）\n河西老张：这种活动多搞几次\n小雨 回复 河西老张：同意，老小区太需要了\nlan_2019：点赞"
    doc = only(f"{TITLE}\n{BODY}\n{remarks}\n{FOOTER}")
    assert doc.text == BODY


def test_remarks_above_an_export_stamp_go():
    remarks = "评论（2）\n赵工：第三步的时限能否放宽？\n钱敏 回复 赵工：先按现行规定执行。"
    doc = only(f"{TITLE}\n{BODY}\n{remarks}\n本页由 柳岸知识库 导出 ｜ 仅限内部使用")
    assert doc.text == BODY


def test_remarks_with_the_authors_prose_after_them_stay():
    minutes = "专家意见（2）\n王教授：方案可行，建议补充预算。\n李工：同意王教授的意见。"
    after = "根据专家意见，街道将在下周修改方案后再次报审。"
    doc = only(f"{TITLE}\n{BODY}\n{minutes}\n{after}\n{FOOTER}")
    assert "王教授：方案可行，建议补充预算。" in doc.text and after in doc.text


def test_a_share_text_goes_and_gives_the_pages_address():
    share = f"分享：我在柳岸新闻网看到《{TITLE}》，推荐给你 https://news.liuan.cn/a/20241205A031.html"
    doc = only(f"{TITLE}\n{BODY}\n{share}\n{FOOTER}")
    assert doc.text == BODY and doc.title == TITLE
    assert doc.metadata.get("source_url") == "https://news.liuan.cn/a/20241205A031.html"
    assert not doc.flags.get("truncated")


def test_a_link_in_the_authors_sentence_stays():
    sentence = "居民可登录街道公众号 https://liuan.example.cn/fw 预约上门检查。"
    assert sentence in only(f"{TITLE}\n{BODY}\n{sentence}\n{BODY}").text


def test_the_terms_of_reprinting_go_and_an_authors_word_on_rights_stays():
    assert only(f"{TITLE}\n{BODY}\n本文版权归柳岸新闻网所有，未经授权转载请注明出处").text == BODY
    own = "这组照片的版权归摄影者本人所有，展览结束后将全部退还。"
    assert own in only(f"{TITLE}\n{BODY}\n{own}\n{BODY}").text


def test_a_sites_label_for_part_of_the_page_goes_and_a_heading_over_text_stays():
    question = "老旧小区加装电梯，一楼住户要出钱吗？"
    answer = ("这要看各地的分摊办法。多数城市的做法是按楼层分摊，一楼住户一般不出资，也有的小区经协商由一楼适当出一点。\n"
              "建议先看本市的指导意见，再由业主共同商议确定。")
    page = (f"{question}_邻里问答\n{question}\n柳岸网友 | 浏览 1,204 次 | 2025-03-02 提问\n"
            f"采纳答案\n老周说法 | 社区律师 | 回答于 2025-03-02 18:20\n{answer}\n{FOOTER}")
    assert only(page).text == answer
    heading = "摘要"
    paper = f"{TITLE}\n柳岸网友 | 浏览 1,204 次 | 2025-03-02\n{heading}\n{BODY}\n{FOOTER}"
    assert f"{heading}\n{BODY}" in only(paper).text
