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


def test_a_quoted_object_after_a_verb_is_its_object():
    # 停止 may stand for 进行 where no object follows; a quotation that opens after it is its object.
    doc = fix(CONVERTED + "居民可以随时停止“点单”服务。")
    assert "随时停止“点单”" in doc.text and not any(before == "停止" for before, _ in applied(doc))


CORRECT_USES = ["他晋升为副处长。", "老人晚年精力充沛。", "比赛因大雨停止了。", "这把钥匙开不了三单元的门。",
                "他的书法根底很深。", "我们愿为乡亲们效劳。", "孩子的成绩进步很快。", "他在舞台上尽情施展才华。",
                "这幅画的局部很精致。", "她被老人的善良感化了。", "大家都很关注这件事。", "街道开展了一次义诊。"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(CORRECT_USES), min_size=1, max_size=10))
def test_text_using_the_same_words_correctly_is_never_changed(paragraphs):
    text = "\n".join(paragraphs)
    doc = fix(text)
    assert doc.text == text and not applied(doc)
