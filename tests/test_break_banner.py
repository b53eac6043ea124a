"""An owner's banner printed once at a page break inside a sentence (issue 8: a running
header on a short preview repeats too few times to count): it goes when it names what the
page's removed chrome names, and the sentence it split is rejoined. Invented pages."""

from __future__ import annotations

from tests.conftest import clean_text

HEAD = "桐溪集团 · 资料中心\n2025年一季度安全生产例会纪要"
FOOT = "© 桐溪集团有限公司 信息中心 版权所有"


def test_a_banner_between_the_halves_of_a_sentence_goes():
    page = (f"{HEAD}\n会议听取了安环部关于一季度安全生产情况的汇报，各单位分别汇报了工作进展。\n"
            "会议要求各单位在三月底前完成隐患排查，对排查出的问题要逐项建立台账，并\n"
            "- 1 -\n桐溪集团 内部资料 请勿外传\n明确整改责任人和完成时限。\n下次例会定于四月中旬召开。\n" + FOOT)
    [doc] = clean_text(page)
    assert "内部资料" not in doc.text
    assert "并明确整改责任人和完成时限。" in doc.text


def test_a_heading_at_the_top_of_a_page_after_a_whole_sentence_stays():
    page = (f"{HEAD}\n会议听取了安环部的汇报，各单位分别汇报了一季度的工作。\n"
            "- 1 -\n桐溪集团下步工作安排\n各单位要在三月底前完成隐患排查。\n" + FOOT)
    [doc] = clean_text(page)
    assert "桐溪集团下步工作安排" in doc.text
