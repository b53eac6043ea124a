"""rjieba and jieba give the same tokens: on the seeds, a generated corpus and random text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.bench_corpus import write_corpus
from pipeline.words import segmenter
from tests.conftest import SEEDS

SENTENCE = re.compile(r"[^。！？…\n]+[。！？…]*")


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


def assert_same_tokens(sentences: list[str]) -> None:
    fast, reference = segmenter("rjieba"), segmenter("jieba")
    different = [s for s in sentences if fast(s) != reference(s)]
    assert not different, different[:3]


def test_the_seeds():
    assert_same_tokens([s for p in sorted(SEEDS.iterdir()) for s in sentences_of(p.read_text(encoding="utf-8"))])


def test_a_generated_corpus(tmp_path):
    paths = write_corpus(SEEDS, tmp_path, megabytes=0.5, seed=5)
    texts = []
    for p in paths:
        data = p.read_bytes()
        for encoding in ("utf-16", "utf-8", "gbk"):
            try:
                texts.append(data.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    sentences = [s for t in texts for s in sentences_of(t)]
    assert len(sentences) > 1000
    assert_same_tokens(sentences)


# What makes the engines differ if nothing is done: ASCII runs that are not words, rare
# Han outside jieba's block class, symbols and spaces between them.
PIECES = st.sampled_from(["我们", "发展", "2026", "-", "06", ".", "www", "cn", "%", "98.3%", "9:00", "#", "+", "&", "_",
                          "C++", "，", "。", "“", "”", " ", "x86", "QQ", "T恤", "B超", "iPhone", "５", "㐀", "鿕", "鿿",
                          "\u3000", "…", "——", "·", "\t"])
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TEXT = st.lists(st.one_of(PIECES, st.text(HAN, min_size=1, max_size=6), st.text(st.characters(max_codepoint=0x7F), max_size=5),
                          st.text(st.characters(blacklist_categories=("Cs",)), max_size=3)), max_size=20).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_random_text(text):
    """The dictionary route (jieba's DAG and the ASCII and block handling done here) is the
    same in both engines on any text. With the HMM for unknown words on, they agree on the
    seeds and the generated corpus (tests below) but can part on a float near-tie."""
    assert segmenter("rjieba", hmm=False)(text) == segmenter("jieba", hmm=False)(text)


def test_a_float_tie_between_two_paths_is_cut_the_jieba_way():
    """丁丈丐丐丐一仑 (random rare characters, no word of the dictionary): jieba's Viterbi
    takes 丐 丐丐, jieba-rs alone 丐丐 丐; the two state paths score the same but for the
    last bits of a float sum (the engines add in other orders). Such ties need a run of
    three (丐丐丐, 一一一): a text holding one is cut by jieba, and the engines agree."""
    import rjieba
    from jieba.finalseg import emit_P, start_P, trans_P

    text = "丁丈丐丐丐一仑"
    raw, ours, reference = rjieba.cut(text, True), segmenter("rjieba")(text), segmenter("jieba")(text)
    assert raw != reference and ours == reference and "".join(raw) == text
    dag_tie = "丗一一一丂"  # the same in the dictionary's routes, without the HMM
    assert segmenter("rjieba", hmm=False)(dag_tie) == segmenter("jieba", hmm=False)(dag_tie)
    ours = raw  # (the tie: both answers score the same)

    def score(tokens: list[str]) -> float:
        states = "".join("S" if len(t) == 1 else "B" + "M" * (len(t) - 2) + "E" for t in tokens)
        total = start_P[states[0]] + emit_P[states[0]][text[0]]
        for i in range(1, len(text)):
            total += trans_P[states[i - 1]][states[i]] + emit_P[states[i]][text[i]]
        return total

    assert abs(score(ours) - score(reference)) < 1e-9


def test_the_segment_stage_gives_the_same_sentences_with_either_engine():
    from pipeline.document import Document
    from pipeline.stages.segment import Segment, SegmentSettings

    for path in sorted(SEEDS.iterdir()):
        text = path.read_text(encoding="utf-8")
        fast = Segment(SegmentSettings(tokenizer="rjieba")).process(Document(source="s", text=text))
        reference = Segment(SegmentSettings(tokenizer="jieba")).process(Document(source="s", text=text))
        assert fast.sentences == reference.sentences and fast.sentences


PLAIN_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5)
PLAIN_PUNCT = st.sampled_from(list("，。！？：；、“”‘’（）《》【】…—·"))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.text(PLAIN_HAN, min_size=1, max_size=8), PLAIN_PUNCT), max_size=25).map("".join),
       st.booleans())
def test_plain_chinese_sentences_in_one_call(text, hmm):
    assert segmenter("rjieba", hmm)(text) == segmenter("jieba", hmm)(text)


# Where jieba-rs's blocks differ from jieba's: the rarer Han ranges, and the characters
# just outside them (each range's first and last code point and its neighbours).
_EDGES = [0x3400, 0x4DBF, 0x4E00, 0x9FD5, 0x9FD6, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2A6DF, 0x2A700, 0x2EBEF,
          0x2F800, 0x2FA1F]
EDGE_CHARS = sorted({chr(cp + d) for cp in _EDGES for d in (-1, 0, 1)})


def test_characters_at_the_edges_of_the_block_classes_in_every_context():
    fast, reference = segmenter("rjieba"), segmenter("jieba")
    contexts = ["{c}", "{c}{c}", "中{c}{c}国", "发展{c}2026-06", "a{c}b", "{c}.5%", "我们{c}人民{c}"]
    for c in EDGE_CHARS:
        for context in contexts:
            text = context.format(c=c)
            assert fast(text) == reference(text), text


# Rare Han next to common Han and the ASCII runs jieba cuts: the pieces between rare
# characters are cut in one call each, and a non-word ASCII run at a block mark is re-cut.
RARE_AND_ASCII = st.lists(st.one_of(st.sampled_from(EDGE_CHARS), PIECES, st.text(PLAIN_HAN, min_size=1, max_size=4),
                                    st.text(st.sampled_from("abcXY0123456789+#&._%-"), min_size=1, max_size=6)),
                          max_size=20).map("".join)


@settings(max_examples=400, deadline=None)
@given(RARE_AND_ASCII, st.booleans())
def test_rare_han_and_ascii_runs(text, hmm):
    assert segmenter("rjieba", hmm)(text) == segmenter("jieba", hmm)(text)
