"""fix_typos on OCR look-alike characters that jieba's segmentation leaves alone
(pipeline/typo_lookalike.py): the slot of an adverb, a join into a dictionary word, and a
route gain strong enough to overrule the word-boundary veto. Each document is fixed on its
own: no other artifact speaks for these. Sentences are invented for the tests."""

from __future__ import annotations

import pytest

from pipeline.document import Document
from pipeline.stages.typos import FixTypos
from pipeline.typo_lookalike import tag

STAGE = FixTypos()


def fix(text: str) -> Document:
    return STAGE.process(Document(source="t", text=text))


@pytest.mark.parametrize("text,expected", [
    ("乙方己按合同约定付清全部款项。", "乙方已按合同约定付清全部款项。"),  # a subject, then a preposition
    ("对末签到的同学要逐一联系。", "对未签到的同学要逐一联系。"),  # 末 right after a preposition
])
def test_a_lone_character_in_the_slot_of_its_lookalike_adverb_is_fixed(text, expected):
    doc = fix(text)
    assert doc.text == expected
    (edit,) = [e for e in doc.edits if e.applied]
    assert edit.rule == "ocr_lookalike" and "the slot of the adverb" in edit.evidence


@pytest.mark.parametrize("text", [
    "他只知为己谋私，从不顾及别人。",  # a pronoun after a preposition: its object
    "书末附上参考文献，卷末注明出处。",  # a localizer ending the noun before it
    "末将领命而去。",  # the word after it is no verb
])
def test_a_lone_character_that_fills_its_own_slot_is_kept(text):
    assert fix(text).text == text


def test_parts_of_speech_come_from_jiebas_dictionary():
    assert (tag("已"), tag("己"), tag("末"), tag("建立"), tag("不是一个词")) == ("d", "r", "f", "v", "")


def test_a_correction_joining_stranded_characters_into_a_word_is_fixed_on_a_large_gain():
    doc = fix("我的祖父是一位绅土。")
    assert doc.text == "我的祖父是一位绅士。"
    (edit,) = [e for e in doc.edits if e.applied]
    assert "joins the stranded characters into '绅士'" in edit.evidence


def test_a_small_gain_from_a_join_is_not_enough():
    # 收人钱财: 收入 is a word, but 收 + 人 + 钱财 reads as written (a gain of 5.5 nats at most)
    for text in ("拿人钱财，替人消灾。", "他把一袋泥土带回了家乡。"):
        assert fix(text).text == text


def test_a_large_gain_overrules_the_word_the_segmentation_reads_across_the_span():
    # jieba reads 己 + 经验 + 收; the reading 已经 gains far more than any correct text shows
    doc = fix("我们己经验收了这项工程。")
    assert doc.text == "我们已经验收了这项工程。"
    (edit,) = [e for e in doc.edits if e.applied]
    assert "the segmentation's '经验' overruled by the gain" in edit.evidence


def test_a_small_gain_keeps_the_word_boundary_veto():
    text = "2019年以后入职的员工参加培训。"  # 后 belongs to 以后: never 以后人职
    assert fix(text).text == text


def test_a_digit_before_yue_makes_it_the_day_of_a_date():
    assert fix("会议定于6月15曰上午召开。子曰：学而时习之。").text == "会议定于6月15日上午召开。子曰：学而时习之。"


@pytest.mark.parametrize("text", [
    "把鱼苗移入大池以后要换水。",  # 移入 as written; 人大 would leave 移 and 池 alone
    "把蔬菜装入大筐运往市场。",
])
def test_a_character_in_a_word_with_its_neighbour_outside_the_span_is_kept(text):
    # The look-alike reading (入大 -> 人大) forms a frequent word on one side, but the written
    # character forms one on the other (移入, 装入) and the correction none there (移人, 装人).
    assert fix(text).text == text


def test_a_misread_character_whose_correction_forms_the_word_on_its_side_is_still_fixed():
    assert fix("全年人均收人增长百分之六。").text == "全年人均收入增长百分之六。"


@pytest.mark.parametrize("text,expected", [
    ("镇里最老的建筑是供销社一一南街老百货楼。", "镇里最老的建筑是供销社——南街老百货楼。"),  # a noun, then a place
    ("总结起来就两个字一一“稳”和“实”。", "总结起来就两个字——“稳”和“实”。"),  # a noun, then a quotation
])
def test_one_one_between_a_noun_and_a_noun_or_a_quotation_is_a_dash(text, expected):
    doc = fix(text)
    assert doc.text == expected and [e.rule for e in doc.edits if e.applied] == ["ocr_dash"]


@pytest.mark.parametrize("text", [
    "会后，代表们一一发言，主持人一一点评。",  # the adverb before a verb
    "请各班把整改材料一一归档。",
    "二〇一一年新建了村卫生室。",  # a number
    "这些问题要一一对应整改到位。",
])
def test_one_one_before_a_verb_or_in_a_number_stays(text):
    assert fix(text).text == text


@pytest.mark.parametrize("text,expected", [
    ("會議通知己經發到各班，請家長留意。", "會議通知已經發到各班，請家長留意。"),
    ("他們自已動手整理了書架。", "他們自己動手整理了書架。"),
])
def test_a_lookalike_in_a_traditional_text_is_read_on_its_simplified_view_and_fixed_in_its_script(text, expected):
    assert fix(text).text == expected


def test_a_traditional_text_without_lookalikes_is_unchanged():
    text = "各自已經完成了任務，大家都很滿意。"
    assert fix(text).text == text
