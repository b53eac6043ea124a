"""fix_typos' `ocr_shape`: look-alike characters taken from the characters' shapes (stroke order,
four-corner code; rules/lookalike_chars.tsv, made by pipeline/make_lookalike_chars.py), beyond the
spec's pairs. A reading is fixed only where it is no word and jieba's route gains a wide margin.
Sentences are invented for the tests."""

from __future__ import annotations

import pytest

from pipeline.document import Document
from pipeline.make_lookalike_chars import one_stroke_apart
from pipeline.rulebook import load_rule_data
from pipeline.stages.typos import FixTypos
from pipeline.typo_evidence import read_tsv
from pipeline.typo_lookalike import generated_rule, shape_pairs, variants

STAGE = FixTypos()


def applied(text: str) -> list[tuple[str, str, str]]:
    return [(e.before, e.after, e.rule) for e in STAGE.process(Document(source="t", text=text)).edits if e.applied]


def test_a_reading_one_stroke_from_a_frequent_word_is_fixed():
    # 淮/准 is no pair of the spec's: the shapes give it (准 with one dot more).
    assert applied("各单位要认真做好迎检淮备。") == [("淮备", "准备", "ocr_shape")]


@pytest.mark.parametrize("text", [
    "这批钢材来自本地的冶金企业。",  # 冶金 is a word: nothing to read otherwise
    "一是健全制度；二是强化督查。",  # 二是 is two words; 于是 gains too little to overrule them
    "养犬人应当为犬只办理登记。",  # 养犬 is a word with the neighbour the span leaves out
    "這本書沒有寫完。",  # 沒 is 没's traditional form, not a misreading of it
])
def test_a_reading_the_text_can_stand_on_is_kept(text):
    assert applied(text) == []


def test_the_shapes_table_leaves_the_spec_pairs_and_the_scripts_alone():
    listed = {tuple(p) for p in generated_rule("typos.toml", "ocr_lookalike")["pairs"]}
    pairs = shape_pairs("typos.toml")
    assert pairs and not listed & set(pairs)
    assert not any(variants(a, b) for a, b in pairs)
    assert ("冶", "治") in pairs and ("治", "冶") in pairs  # both ways: OCR may drop or add the stroke


def test_every_generated_pair_is_one_stroke_apart_with_matching_corners():
    rows = read_tsv(generated_rule("typos.toml", "ocr_shape")["pairs"])
    assert len(rows) > 100
    for a, b, order_a, order_b, corners_a, corners_b in rows:
        assert a < b and one_stroke_apart(order_a, order_b), (a, b)
        assert sum(x == y for x, y in zip(corners_a, corners_b)) >= 4, (a, b)


@pytest.mark.parametrize("a,b,apart", [
    ("4154251", "44154251", True),  # one dot more
    ("11234", "11234", True),  # the same strokes, of other lengths
    ("521", "121", False),  # a stroke of another kind in its place
    ("12", "1234", False),  # two strokes more
])
def test_one_stroke_apart(a, b, apart):
    assert one_stroke_apart(a, b) is apart and one_stroke_apart(b, a) is apart


def test_the_rule_is_a_listed_rule_with_its_examples():
    rule = next(g for g in load_rule_data("typos.toml")["generated"] if g["name"] == "ocr_shape")
    assert applied(rule["remove_example"]) and not applied(rule["keep_example"])


@pytest.mark.parametrize("text", [
    "各村共同开展一轮人居环境整治行动。",
    "街道全面开展了一次消防安全大检查。",
])
def test_kaizhan_with_an_activity_later_in_its_clause_is_its_own_use(text):
    # A page that went through the conversion tool: other artifacts are certain, 开展 stays.
    page = text + "社区效劳中心要夯实根底设施。"
    assert ("开展", "发展", "kaizhan_fazhan") not in applied(page)
