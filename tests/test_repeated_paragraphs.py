"""Passages printed twice inside one document: the second copy goes, as an edit."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import Document, revert
from pipeline.stages.repeated_paragraphs import RepeatedParagraphSettings, StripRepeatedParagraphs

STAGE = StripRepeatedParagraphs()
PARAGRAPHS = [
    "全镇今年共组织农技培训二十一场，覆盖种植大户和家庭农场四百余户，推广新品种六个。",
    "在项目建设上，我们坚持每月一调度、每季一观摩，十二个重点项目全部按期开工建设。",
    "下一步，我们将继续加大投入力度，重点解决好群众反映强烈的饮水和出行两个难题。",
    "同志们：",
    "二、主要做法",
    "谢谢大家！",
]


def strip(text: str, **overrides) -> Document:
    stage = StripRepeatedParagraphs(RepeatedParagraphSettings(**overrides)) if overrides else STAGE
    return stage.process(Document("t.txt", text=text))


def test_a_repeated_paragraph_goes_and_the_first_stays():
    text = "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[0].replace("，", ","), PARAGRAPHS[2]])
    doc = strip(text)
    assert doc.text == "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]])
    assert [e.rule for e in doc.edits] == ["repeated_paragraph"]


def test_the_last_line_repeated_takes_its_line_break_with_it():
    doc = strip(f"{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n{PARAGRAPHS[1]}")
    assert doc.text == f"{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}"


def test_headings_refrains_and_short_lines_stay():
    text = "\n".join([PARAGRAPHS[3], PARAGRAPHS[4], PARAGRAPHS[0], PARAGRAPHS[4], PARAGRAPHS[5], PARAGRAPHS[5]])
    assert strip(text).edits == []


def test_a_passage_repeated_inside_a_one_line_page_goes():
    passage = PARAGRAPHS[0] + PARAGRAPHS[1]
    doc = strip("开场白。" + passage + "过渡的一句话。" + passage + "结束语。")
    assert doc.text == "开场白。" + passage + "过渡的一句话。结束语。"
    assert [e.rule for e in doc.edits] == ["repeated_passage"]


def test_a_passage_repeated_on_a_later_line_is_cut_where_it_stands():
    """The repeated passage is found on the line that holds it, not shifted by where that
    line starts (a page whose repeat is on its third line)."""
    passage = ("今年新修村道四条共九公里，路面全部硬化。沿线安装路灯一百二十盏，夜间出行更加方便。"
               "村口新建停车场一处，可停放车辆六十余辆。")
    text = "\n".join(["一、基础设施", "年初，村两委把道路建设列为头号工程。" + passage,
                     "会上，群众代表先后发言。" + passage + "大家对此十分满意。"])
    doc = strip(text)
    assert doc.text == "\n".join(["一、基础设施", "年初，村两委把道路建设列为头号工程。" + passage,
                                  "会上，群众代表先后发言。大家对此十分满意。"])
    assert revert(doc.text, doc.edits) == text


def test_a_single_sentence_said_twice_is_emphasis_and_stays():
    assert strip("开场白。" + PARAGRAPHS[2] + "中间的话。" + PARAGRAPHS[2]).edits == []


def test_thresholds_are_settings():
    text = f"{PARAGRAPHS[1]}\n{PARAGRAPHS[1]}"
    assert strip(text, min_chars=200).edits == []


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=8), st.booleans())
def test_edits_replay_back_and_a_second_pass_changes_nothing(lines, one_line):
    text = ("" if one_line else "\n").join(lines)
    doc = strip(text)
    assert revert(doc.text, doc.edits) == text
    assert strip(doc.text).edits == []
    assert "\n\n" not in doc.text and not doc.text.startswith("\n") and not doc.text.endswith("\n")


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_a_passage_key_folds_width_the_same_before_or_after_taking_out_punctuation(text):
    import re

    from pipeline.charsets import fold_width
    from pipeline.stages.repeated_paragraphs import passage_key

    assert passage_key(text) == re.sub(r"[\W_]+", "", fold_width(text))
