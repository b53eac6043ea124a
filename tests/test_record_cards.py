"""A site's record of the document (a library catalogue's card) under its chrome: keys spaced
out to the card's width are keys, and a short note that ends a sentence among them is the
card's; the document's long 摘要 after a card is the document's. Pages invented here."""

from __future__ import annotations

from tests.conftest import clean_text

TOP = ("松源县图书馆　首页　馆藏检索　地方文献\n"
       "首页 > 地方文献 > 碑刻 > 详细信息\n")
TEXT = ("松溪之上旧有木桥，岁久朽坏，行人苦之。道光三年，乡人集资改建石桥，经始于春，落成于冬。\n"
        "桥成之日，远近来观者甚众，咸称其便，因勒石以记其事。\n")


def test_a_catalogue_card_with_spaced_keys_and_a_note_goes():
    card = ("题　　名：重建松溪桥记\n"
            "责 任 者：（清）周文远撰\n"
            "出版发行：松源县文物管理所，1998\n"
            "附　　注：原碑现存松溪村口，据拓片录入。\n"
            "索 书 号：K877.4/Z12\n"
            "记 录 号：SY0031207\n")
    [doc] = clean_text(TOP + card + "重建松溪桥记\n" + TEXT)
    for gone in ("附　　注", "索 书 号", "记 录 号"):
        assert gone not in doc.text, gone
    assert TEXT.split("\n")[0] in doc.text


def test_a_long_abstract_after_a_card_stays():
    card = ("题　　名：松溪流域竹编产业调查\n"
            "作　　者：周文远\n"
            "刊　　名：松源社会科学\n")
    abstract = ("摘　　要：本文以松溪流域三个行政村为样本，调查了竹编产业的从业人数、原料来源和销售渠道，"
                "分析了产业萎缩的原因，并提出了发展建议。\n")
    [doc] = clean_text(TOP + card + abstract + TEXT)
    assert "调查了竹编产业的从业人数" in doc.text
