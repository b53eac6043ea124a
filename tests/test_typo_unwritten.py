"""fix_typos outside a hand-written pair's listed contexts: a phrase the correction forms
counts in any document (the document's other artifacts are a prior, not a gate), and in a
document that went through the conversion tool and never writes the correction, every
occurrence of the artifact is a candidate. Sentences here are invented for the tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Document
from pipeline.stages.typos import FixTypos

# Certain artifacts of four pairs (服务, 基础, 制度, 关注), none of 提升, 发挥 or 进行.
CONVERTED = "街道建起了便民效劳站，打牢了根底，完善了值班轨制，赢得了居民的存眷。"


def fix(text: str) -> Document:
    return FixTypos().process(Document(source="t", text=text))


def applied(doc: Document) -> list[tuple[str, str]]:
    return [(e.before, e.after) for e in doc.edits if e.applied]


def test_a_phrase_the_correction_forms_is_enough_without_other_artifacts():
    doc = fix("我们把一局部奖金捐给了敬老院。")
    assert doc.text == "我们把一部分奖金捐给了敬老院。"
    (edit,) = [e for e in doc.edits if e.applied]
    assert "forms '一部分'" in edit.evidence and "0 other artifact(s)" in edit.evidence


def test_an_unlisted_occurrence_is_fixed_where_the_converted_document_never_writes_the_correction():
    doc = fix(CONVERTED + "今年要努力晋升乡村颜值。")
    assert doc.text.endswith("今年要努力提升乡村颜值。")
    why = next(e.evidence for e in doc.edits if e.before == "晋升")
    assert "'提升' written nowhere in the document" in why and "log-odds" in why


def test_the_correction_written_elsewhere_or_a_weak_prior_keeps_the_word():
    written = CONVERTED + "今年要努力晋升乡村颜值，提升服务水平。"
    assert "努力晋升乡村颜值" in fix(written).text
    weak = "街道建起了便民效劳站。今年要努力晋升乡村颜值。"  # one other artifact: no converted page
    assert "努力晋升乡村颜值" in fix(weak).text
    assert not any(before == "晋升" for before, _ in applied(fix(weak)))


def test_a_word_at_the_end_of_its_clause_is_left_to_the_same_pair_elsewhere():
    # Without a content word after it, the converted page alone does not decide (孩子进步了).
    for sentence in ["孩子们都进步了。", "这片牧场十分广阔。", "他被那番话感化了。"]:
        assert fix(CONVERTED + sentence).text.endswith(sentence)


# 开展 in a likely context (县域经济开展): the pair is confident in this document.
KAIZHAN = CONVERTED + "要推动县域经济开展。"


def test_a_quoted_object_after_a_verb_is_its_object():
    doc = fix(KAIZHAN + "社区每月开展“邻里节”活动。")
    assert "开展“邻里节”" in doc.text and [b for b, _ in applied(doc)].count("开展") == 1


def test_an_aspect_particle_is_passed_over_to_the_object():
    doc = fix(KAIZHAN + "村里开展了一次义诊。")
    assert "开展了一次义诊" in doc.text
    doc = fix(KAIZHAN + "这几年茶叶种植开展了。")
    assert doc.text.endswith("茶叶种植发展了。")


CORRECT_USES = ["他晋升为副处长。", "老人晚年精力充沛。", "比赛因大雨停止了。", "这把钥匙开不了三单元的门。",
                "他的书法根底很深。", "我们愿为乡亲们效劳。", "孩子的成绩进步很快。", "他在舞台上尽情施展才华。",
                "这幅画的局部很精致。", "她被老人的善良感化了。", "大家都很关注这件事。", "街道开展了一次义诊。"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(CORRECT_USES), min_size=1, max_size=10))
def test_text_using_the_same_words_correctly_is_never_changed(paragraphs):
    text = "\n".join(paragraphs)
    doc = fix(text)
    assert doc.text == text and not applied(doc)
