"""A public account's article on a mirror site (issue 8): the headline after its series by a
bar is the title, the account's header row (原创　<author>　<account>　<date time>　<place>) and
its follow prompts are chrome, and the date it stamps is the upload date. All invented."""

from __future__ import annotations

from tests.conftest import clean_text

HEADLINE = "周末去哪儿第八期｜沿着老运河走一走南塘古街"
BODY = ["南塘古街沿着老运河展开，全长一千二百米，两边是清末民初留下来的青砖小楼。",
        "街口的茶馆每天早上七点开门，老板说这里的早茶已经传到了第四代，来的多是附近的老街坊。",
        "沿河往南走十分钟，可以看到一座三孔石桥，桥下的水很清，偶尔还能看到有人撑船经过。"]


def test_a_headline_with_its_series_before_a_bar_is_the_title_under_the_accounts_row():
    page = [f"{HEADLINE} - 青杏公号站", "青杏公号站 ｜ 推荐 ｜ 旅行 ｜ 美食 ｜ 搜公众号", HEADLINE,
            "原创　林小满　南塘生活圈　2024年04月20日 09:05　江南", "戳上方蓝字“南塘生活圈”关注我们", *BODY,
            "阅读原文", "分享　收藏　点赞 86　在看 12", "青杏公号站 qingxinggh.cn ©2024 苏ICP备22018877号"]
    [doc] = clean_text("\n".join(page))
    assert doc.title == HEADLINE
    assert doc.text.split("\n") == BODY
    assert str(doc.metadata.get("upload_date")) == "2024-04-20"


def test_a_row_of_short_links_between_bars_is_still_no_title():
    page = ["青杏公号站", "推荐｜旅行｜美食", HEADLINE.split("｜")[1], *BODY, "青杏公号站 qingxinggh.cn ©2024 苏ICP备22018877号"]
    [doc] = clean_text("\n".join(page))
    assert doc.title != "推荐｜旅行｜美食" and "推荐｜旅行｜美食" not in doc.text


def test_a_long_title_before_a_bar_and_a_short_name_after_it_is_a_browser_title():
    # (The name after the bar is the site's; only a headline longer than its series is one.)
    from pipeline.stages.title_shapes import barred_title
    assert barred_title(HEADLINE)
    assert not barred_title("南塘古街历史文化街区保护管理办法|青杏法规检索")
