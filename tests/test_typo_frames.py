"""fix_typos' selectional frames (pipeline/typo_frames.py, [[pair.frames]] in typos.toml):
where the written word cannot take its neighbour in its own sense, the occurrence is fixed
in a document with no other artifact; where it can, it is kept. Sentences are invented."""

from __future__ import annotations

import pytest

from pipeline.document import Document
from pipeline.stages.typos import FixTypos
from pipeline.typo_frames import WordClass, check_frames

STAGE = FixTypos()


def fix(text: str) -> Document:
    return STAGE.process(Document(source="t", text=text))


@pytest.mark.parametrize("text,expected", [
    ("局部商户对停车收费有意见。", "部分商户对停车收费有意见。"),  # people
    ("局部医院的床位比较紧张。", "部分医院的床位比较紧张。"),  # organisations
    ("物业人员和广阔义工一起清扫了小区。", "物业人员和广大义工一起清扫了小区。"),
    ("我们要主动向兴旺国家学习。", "我们要主动向发达国家学习。"),
    ("不断完善游客效劳流程。", "不断完善游客服务流程。"),  # 效劳 after a noun modifying it
    ("为旅客提供优质效劳。", "为旅客提供优质服务。"),  # 为 governed by 提供, not 为…效劳
    ("既要看到成绩，也要正视短处和缺乏。", "既要看到成绩，也要正视短处和不足。"),
    ("村级组织的根底要进一步筑牢。", "村级组织的基础要进一步筑牢。"),
])
def test_a_word_out_of_its_own_frame_is_fixed_without_other_artifacts(text, expected):
    doc = fix(text)
    assert doc.text == expected
    (edit,) = [e for e in doc.edits if e.applied]
    assert edit.evidence.startswith("frame: ")


@pytest.mark.parametrize("text", [
    "局部路段出现积水，局部地区有小雨。",  # places: 局部 in its own sense
    "农村是一个广阔天地，发展前景广阔。",
    "兴旺村党支部召开会议，祝愿家庭兴旺。",  # a village's name is no region
    "他为国家效劳了一辈子。",  # 为…效劳: the verb
    "全心全意为人民群众效劳。",
    "由于贫穷和缺乏教育，他很早就辍学了。",  # 缺乏 with its object
    "他的书法根底很扎实。",
])
def test_a_word_in_its_own_frame_is_kept(text):
    assert fix(text).text == text


def test_a_class_is_a_shape_of_word():
    person = WordClass("person", ("n",), ("员", "者"))
    assert person.holds("志愿者") and person.holds("运动员")
    assert not person.holds("者") and not person.holds("或者")  # too short; not a noun


def test_a_frame_with_an_unknown_key_or_class_is_refused():
    with pytest.raises(ValueError):
        check_frames([{"why": "x", "nxt": ["person"]}], {}, "p")
    with pytest.raises(ValueError):
        check_frames([{"why": "x", "next": ["animal"]}], {}, "p")


@pytest.mark.parametrize("text,expected", [
    ("切实晋升了窗口办事效率。", "切实提升了窗口办事效率。"),  # what is raised, a few words on
    ("群众满意度逐年晋升。", "群众满意度逐年提升。"),  # what is raised, its subject, the verb ending the clause
    ("晋升后能力有所提高。", "晋升后能力有所提高。"),  # a promotion, then
    ("能力突出的干部优先晋升。", "能力突出的干部优先晋升。"),
])
def test_tisheng_takes_what_is_raised_as_object_or_subject(text, expected):
    assert fix(text).text == expected
