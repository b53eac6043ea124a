"""fix_typos's fast paths held to the reference they replace: jieba's dictionary in NumPy
arrays against jieba's own dict, route and cut; the corpus pass's integer keys against
the Counter of strings it replaced (bound, rounding and verdicts included); the look-alike
table against the one built from jieba's dict; short Han words by array operations against
the automaton. Texts are generated (words invented where they are not the rule files')."""

from __future__ import annotations

import pickle
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import context_counts
from pipeline.jieba_dict import JiebaDictionary, _arrays, jieba_dictionary, read_entries
from pipeline.stages.typos import generated_rule, lookalike_table
from pipeline.typo_evidence import CollocationCounts, confusion_words, confusions, key_for, split_key
from pipeline.typo_lookalike import shape_pairs
from pipeline.words import jieba_tokenizer

LISTED, _ = confusion_words()
SOME_WORDS = LISTED[::40]  # a few hundred confusion words, either side
RULES_SKIP = "的和与及"
HAN = "食品安全平监管发展城市开展活动服务水平程度的和与人入日曰己已未末一二三"
ASCII = "ab9Z.-+%_# \n\t，。、：“”()"


@pytest.fixture(scope="module")
def jieba_freq():
    return jieba_tokenizer()


# --- jieba's dictionary ---


def test_the_arrays_hold_jiebas_entries_in_its_order_and_total(jieba_freq):
    words = jieba_dictionary()
    assert words.total == jieba_freq.total and len(words) == len(jieba_freq.FREQ)
    assert all(words.get(w) == f for w, f in jieba_freq.FREQ.items())
    ranked = [w for w, f in jieba_freq.FREQ.items() if f >= 3000 and 2 <= len(w) <= 3]
    assert [w for w, _ in words.ranked(3000, min_len=2, max_len=3)] == ranked


def test_a_small_dictionary_is_read_the_way_jieba_reads_it():
    freq, total = read_entries("甲乙丙 5 n\n甲乙 3\n丁 0 x\r\n甲乙 4\n".encode())
    assert list(freq.items()) == [("甲乙丙", 5), ("甲", 0), ("甲乙", 4), ("丁", 0)] and total == 12
    small = JiebaDictionary(_arrays(freq, total))
    assert small.get("甲乙") == 4 and small["甲"] == 0 and small.get("乙") is None and "丁" in small
    with pytest.raises(KeyError):
        small["乙"]
    with pytest.raises(ValueError, match="line 2"):
        read_entries(b"a 1\nbroken\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=HAN + ASCII, max_size=30) | st.text(max_size=12))
def test_route_and_cut_are_jiebas(jieba_freq, text):
    words = jieba_dictionary()
    assert words.cut(text) == jieba_freq.lcut(text, HMM=False)
    if text:
        route: dict[int, tuple[float, int]] = {}
        jieba_freq.calc(text, jieba_freq.get_DAG(text), route)
        assert words.route(text) == route
    assert words.get(text) == jieba_freq.FREQ.get(text)


# --- the corpus pass ---


def reference_keys(text: str, skip: frozenset[str]) -> Counter[str]:
    """The Counter of string keys the corpus pass kept before (typo_evidence._keys)."""
    listed, automaton = confusion_words()
    out: Counter[str] = Counter()
    n = len(text)
    han = lambda c: "\u4e00" <= c <= "\u9fff"  # noqa: E731
    for i, s, e in automaton.find_matches_as_indexes(text):
        if s >= 2 and han(text[s - 2]) and han(text[s - 1]) and text[s - 1] not in skip:
            out[text[s - 2:s] + "<" + listed[i]] += 1
        if e + 2 <= n and han(text[e]) and han(text[e + 1]) and text[e] not in skip:
            out[listed[i] + ">" + text[e:e + 2]] += 1
    return out


class ReferenceCounts:
    """The string Counter the integer keys replace: bound per document, rounding, verdicts."""

    def __init__(self, max_keys: int, min_count: int) -> None:
        self.max_keys, self.min_count, self.counts = max_keys, min_count, Counter()

    def best(self, key: str) -> tuple[int, str]:
        context, word = split_key(key)
        return max(((self.counts.get(key_for(context, r), 0), r) for r in confusions().get(word, ())), default=(0, ""))

    def absorb(self, observation: Counter[str]) -> None:
        self.counts.update(observation)
        if len(self.counts) > self.max_keys:
            self.counts = Counter({k: n for k, n in self.counts.items() if n > 1 or self.best(k)[0] >= self.min_count})

    def finish(self, ratio: float) -> tuple[dict, dict]:
        self.counts = Counter({k: (1 << n.bit_length()) - 1 for k, n in self.counts.items()})
        verdicts = {}
        for key, n in self.counts.items():
            best = self.best(key)
            if best[0] >= self.min_count and best[0] >= ratio * n:
                verdicts[key] = (best[1], best[0])
        words = {split_key(k)[1] for k in verdicts} | {r for r, _ in verdicts.values()}
        return verdicts, {k: n for k, n in self.counts.items() if split_key(k)[1] in words}


def sentences(draw_words: list[str]) -> st.SearchStrategy[str]:
    piece = st.sampled_from(draw_words) | st.text(alphabet=HAN + "，。a1 ", min_size=1, max_size=3)
    return st.lists(piece, max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(sentences(SOME_WORDS + ["安全", "平安", "发展", "开展", "水平", "程度"]))
def test_a_documents_keys_are_the_string_keys_one_to_one(text):
    skip = frozenset(RULES_SKIP)
    counts = CollocationCounts(uninformative=RULES_SKIP)
    observed = counts.observation(text)
    tables = counts._tables()
    assert Counter(tables.decode(int(k)) for k in observed) == reference_keys(text, skip)
    assert all(tables.encode(tables.decode(int(k))) == k for k in observed)


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences(["安全", "平安", "发展", "开展", "水平", "程度", "服务", "效劳"]), min_size=1, max_size=30),
       st.integers(1, 40), st.integers(1, 64), st.integers(1, 4))
def test_the_counts_bound_and_verdicts_are_the_counters(texts, max_keys, flush, copies):
    saved, context_counts.FLUSH_KEYS = context_counts.FLUSH_KEYS, flush  # a merge spans documents, the bound falls inside one
    try:
        check_against_the_counter(texts * copies, max_keys)
    finally:
        context_counts.FLUSH_KEYS = saved


def check_against_the_counter(texts: list[str], max_keys: int) -> dict:
    counts = CollocationCounts(max_keys=1000, uninformative=RULES_SKIP, min_count=3)
    counts.max_keys = max_keys
    reference = ReferenceCounts(max_keys, 3)
    skip = frozenset(RULES_SKIP)
    for text in texts:
        counts.absorb(pickle.loads(pickle.dumps(counts.observation(text))))
        reference.absorb(reference_keys(text, skip))
    assert counts.observed() == reference.counts
    counts.finish(2.0)
    verdicts, kept = reference.finish(2.0)
    assert counts.verdicts == verdicts and dict(counts.counts) == kept
    return verdicts


def test_a_bound_passed_inside_a_merge_with_artifacts_kept_through_it():
    texts = [f"{a}{b}发展，加强食品安全，服务水平" for a in "春夏秋冬" for b in "东南西北"] * 2 + ["要把食品平安放在首位"]
    saved, context_counts.FLUSH_KEYS = context_counts.FLUSH_KEYS, 10
    try:
        assert check_against_the_counter(texts, 12)  # verdicts survive the pruning
    finally:
        context_counts.FLUSH_KEYS = saved


def test_a_build_with_an_artifact_fits_the_same_state_as_the_counter():
    corpus = [f"第{i}季度各地加强食品安全监管。" for i in range(40)] + ["要把食品平安放在首位。"]
    counts = CollocationCounts(uninformative=RULES_SKIP, min_count=30)
    reference = ReferenceCounts(4_000_000, 30)
    for text in corpus:
        counts.absorb(counts.observation(text))
        reference.absorb(reference_keys(text, frozenset(RULES_SKIP)))
    counts.finish(5.0)
    verdicts, kept = reference.finish(5.0)
    assert counts.verdicts == verdicts == {"食品<平安": ("安全", 63)}
    assert dict(counts.counts) == kept


# --- look-alikes ---


def test_the_lookalike_table_is_the_one_built_from_jiebas_dict(jieba_freq):
    """The table as it is built by iterating jieba's FREQ (a reading's first word wins)."""
    words, table = jieba_freq.FREQ, {}
    ze, ocr = generated_rule("typos.toml", "namo_ze"), generated_rule("typos.toml", "ocr_lookalike")
    for w, f in words.items():
        if len(w) >= 2 and f >= ze["min_word_freq"] and w.endswith(ze["suffix"]):
            table.setdefault(w[: -len(ze["suffix"])] + ze["replacement"], (w, ze["name"]))
    for w, f in words.items():
        if 2 <= len(w) <= 4 and f >= ocr["min_word_freq"]:
            for wrong_ch, right_ch in ocr["pairs"]:
                for i, ch in enumerate(w):
                    if ch == right_ch and words.get(w[:i] + wrong_ch + w[i + 1:], 0) * ocr["min_ratio"] < f:
                        table.setdefault(w[:i] + wrong_ch + w[i + 1:], (w, ocr["name"]))
    shape = generated_rule("typos.toml", "ocr_shape")
    for w, f in words.items():
        if 2 <= len(w) <= 4 and f >= shape["min_word_freq"]:
            for i, ch in enumerate(w):
                for wrong_ch, right_ch in shape_pairs("typos.toml"):
                    if ch == right_ch and not words.get(w[:i] + wrong_ch + w[i + 1:], 0) \
                            and words.get(wrong_ch, 0) < shape["max_misread_freq"]:
                        table.setdefault(w[:i] + wrong_ch + w[i + 1:], (w, shape["name"]))
    assert lookalike_table("typos.toml") == table and len(table) > 50


def test_the_stage_loads_no_jieba_dictionary_in_a_fresh_process():
    import subprocess
    import sys

    code = ("import sys; from pipeline.stages.typos import FixTypos; from pipeline.document import Document; "
            "FixTypos().process(Document(source='t', text='今年全村农民人均收人稳步增长，原那么上不变。')); "
            "print('jieba' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


# --- short Han words by array operations ---

INVENTED = ["甲乙", "乙甲", "甲乙丙", "乙丙丁", "丙丁", "丁甲乙丙", "甲甲", "戊己", "己戊己", "庚辛壬癸"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(INVENTED) | st.text(alphabet="甲乙丙丁戊己庚辛壬癸a，", max_size=6), max_size=30).map("".join))
def test_han_words_match_what_a_leftmost_longest_automaton_reports(text):
    import ahocorasick_rs
    import numpy as np

    from pipeline.han_words import HanWords

    automaton = ahocorasick_rs.AhoCorasick(INVENTED, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    word, start, end = HanWords(INVENTED).matches(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32))
    assert list(zip(word.tolist(), start.tolist(), end.tolist())) == automaton.find_matches_as_indexes(text)


def test_han_words_resolve_a_long_chain_of_overlaps():
    import numpy as np

    from pipeline.han_words import HanWords

    text = "甲" * 1001 + "乙" + "甲乙" * 500  # 甲甲 overlaps itself all along; then 乙甲 and 甲乙 alternate
    word, start, _ = HanWords(INVENTED).matches(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32))
    assert start[:500].tolist() == list(range(0, 1000, 2)) and {INVENTED[i] for i in word[:500]} == {"甲甲"}
    assert [INVENTED[i] for i in word[500:503]] == ["甲乙", "甲乙", "甲乙"] and start[500] == 1000
    assert not HanWords.fits(["甲"]) and not HanWords.fits(["ab"]) and HanWords.fits(INVENTED)
