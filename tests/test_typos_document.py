"""fix_typos's document evidence and word-shaped contexts: a pair outside its listed contexts,
the right word written elsewhere, a verb with its object, look-alike readings that are words,
and clean text left alone. Sentences here are invented for the tests."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Document
from pipeline.stages.typos import FixTypos
from tests.conftest import FIXTURES

# A page through the conversion tool: certain artifacts of several pairs, and 开展 for 发展
# in a likely context (县域经济开展), so the pair is confident in this document.
CONVERTED = "镇里建起了便民效劳站，打牢了根底，制定了管理轨制，推动县域经济开展。"


def fix(text: str) -> Document:
    return FixTypos().process(Document(source="t", text=text))


def evidence(doc: Document, before: str) -> str:
    return next(e.evidence for e in doc.edits if e.before == before)


def test_an_occurrence_outside_the_listed_contexts_is_fixed_where_the_document_shows_the_tool():
    unlisted = "这几年茶叶种植开展得很快。"
    doc = fix(CONVERTED + unlisted)
    assert doc.text.endswith("茶叶种植发展得很快。")
    why = [e.evidence for e in doc.edits if e.applied and e.before == "开展"]
    assert any("no listed context" in w and "same pair" in w and "log-odds" in w for w in why)
    alone = fix(unlisted)
    assert alone.text == unlisted and not alone.edits  # too weak even to suggest


def test_a_verb_with_its_object_stays_even_in_a_converted_document():
    text = CONVERTED + "村里还开展茶艺比赛，不少村民缺乏销售渠道。"
    assert fix(text).text.endswith("村里还开展茶艺比赛，不少村民缺乏销售渠道。")


def test_a_verb_without_its_object_is_fixed_in_a_page_that_never_writes_the_right_word():
    # 监督 → 监视 where no object follows: the written verb takes one in its own use.
    tail = "各级干部要做到自我约束、自我监视。"
    doc = fix(CONVERTED + tail)
    assert "自我监督。" in doc.text and "written nowhere in the document" in evidence(doc, "监视")
    assert fix(tail).text == tail  # without the page's other artifacts: left alone
    # 作用施展 is decided by a frame (the role before the verb), in any document.
    assert "作用发挥就" in fix("党的作用施展就深化一步。").text
    kept = CONVERTED + "保安在门口监视来往车辆，青年人要施展才干。"
    assert fix(kept).text.endswith("保安在门口监视来往车辆，青年人要施展才干。")  # with their objects


def test_the_right_word_written_elsewhere_counts_against_the_fix():
    converted = "社区效劳中心建成了，下一步要推动城市开展。"
    assert "城市发展" in fix(converted).text
    both = converted + "我们的发展思路很清楚。"
    doc = fix(both)
    assert "城市开展" in doc.text and "服务中心" in doc.text
    assert not any(e.applied and e.before == "开展" for e in doc.edits)


def test_a_phrase_the_correction_forms_counts_as_a_likely_context():
    # (模范带头感化 is decided by a frame now, pipeline/typo_frames.py: after a role, 感化 is its 作用.)
    sentence = "这项措施起了促进感化。"
    assert fix(sentence).text == sentence
    doc = fix("街道效劳中心建成了。" + sentence)
    assert "促进作用" in doc.text and "forms '促进作用'" in evidence(doc, "感化")


def test_a_lookalike_reading_that_is_a_word_needs_proof():
    for text in ["停车场入口设有道闸。", "他收人钱财后跑了。"]:
        assert fix(text).text == text
    doc = fix("全县农民收人有了明显增加。")
    assert "农民收入" in doc.text and "forms '农民收入'" in evidence(doc, "收人")
    # 自已 is a (rare) word: alone it is only suggested, beside other OCR errors it is fixed.
    alone = fix("他们自已也说不清。")
    assert alone.text == "他们自已也说不清。" and "0 other look-alike" in evidence(alone, "自已")
    assert fix("这件事己经定了，他们自已也说不清。").text == "这件事已经定了，他们自己也说不清。"


def test_a_lookalike_correction_never_takes_a_character_from_a_word_as_written():
    # 员工入职: the 工 the "correction" 工人 keeps belongs to 员工; 进人口岸: 人口 holds the misread 入.
    for text in ["这批员工入职还不到一年。", "五年以后入职的同事都很年轻。"]:
        assert fix(text).text == text
    assert fix("外来人口大量进人口岸城市。").text == "外来人口大量进入口岸城市。"


SPEC = [json.loads(x) for x in (FIXTURES / "typo_benchmark" / "spec_cases.jsonl").read_text(encoding="utf-8").splitlines()]
CORRECT_USES = [p for d in SPEC if d["split"] == "tune" for p, k in zip(d["text"].split("\n"), d["kinds"]) if k == "clean"]
INVENTED = ["他愿意为家乡效劳。", "这孩子的钢琴根底不错。", "广场上开展了一场义诊。", "报告缺乏数据支撑。",
            "草原辽阔，天地广阔。", "老人精神充沛。", "这栋楼有三个单元。", "他停止了发言。"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(CORRECT_USES + INVENTED), min_size=1, max_size=8))
def test_clean_text_using_the_pair_words_correctly_is_never_changed(paragraphs):
    text = "\n".join(paragraphs)
    assert fix(text).text == text


def test_benchmark_spec_and_converted_parts_keep_precision():
    from pipeline.typo_benchmark import score

    for part in ("spec", "converted"):
        t = score("tune", hand_pairs=True, show=False, part=part)
        fixed = sum(n for k, n in t.items() if k.startswith("tp_"))
        assert t["changed_clean_paragraphs"] == 0, part
        assert fixed / (fixed + t["fp"]) >= 0.99, part


def test_a_listed_collocate_also_matches_its_own_artifact():
    from pipeline.stages.typos import with_artifacts

    widened = with_artifacts("(?P<w>甲乙)(?=丙丁|戊)", "(?P<w>甲乙)", {"丙丁": "庚辛", "甲乙": "壬癸"})
    assert widened == "(?P<w>甲乙)(?=(?:丙丁|庚辛)|戊)"
    assert with_artifacts("(?<!丙丁)(?P<w>甲乙)", "(?P<w>甲乙)", {"丙丁": "庚"}) == "(?<!丙丁)(?P<w>甲乙)"
    # 施展 before 作用 is a likely context; where the tool also wrote 感化 for 作用, so is 施展…感化.
    doc = fix(CONVERTED + "要让老党员施展好模范感化。")
    assert "发挥好模范" in doc.text


def test_copies_of_one_likely_reading_are_not_evidence_for_each_other():
    # 开展 after 社会 is a likely context for 发展, but here it carries out a campaign: the
    # sentence written four times is one reading four times, not four signs of the tool.
    text = "\n".join(["全社会开展爱国卫生运动，街巷干净了许多。"] * 4)
    assert fix(text).text == text
