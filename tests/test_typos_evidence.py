"""fix_typos's evidence: word-level guards, the document prior, the corpus pass, look-alikes
by plausibility, and the frozen benchmark. Sentences here are invented for the tests."""

from __future__ import annotations

import json
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.config import PipelineConfig
from pipeline.document import Document
from pipeline.rulebook import load_rule_data
from pipeline.stages.typos import FixTypos
from tests.conftest import FIXTURES

RULES = load_rule_data("typos.toml")
MIN_COUNT = int(RULES["scoring"]["min_count"])
BENCHMARK = [json.loads(x) for x in (FIXTURES / "typo_benchmark" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
TUNE = [d for d in BENCHMARK if d["split"] == "tune"]
CLEAN = [p for d in TUNE for p, k in zip(d["text"].split("\n"), d["kinds"]) if k == "clean"]


def build(*texts: str) -> tuple[FixTypos, list[Document]]:
    """fix_typos observes every text (one build, as the runner does it), then fixes each."""
    fixer = FixTypos()
    for t in texts:
        fixer.absorb(pickle.loads(pickle.dumps(fixer.observation(Document(source="c.txt", text=t)))))
    fixer.finish_observing()
    return fixer, [fixer.process(Document(source="c.txt", text=t)) for t in texts]


def applied(doc: Document) -> set[str]:
    return {e.rule for e in doc.edits if e.applied}


def test_keep_guard_must_be_a_word_of_the_segmentation():
    # The 愿 of 志愿 is no 愿…效劳 guard; a real 愿 is.
    assert "志愿服务" in FixTypos().process(Document(source="t", text="社区党员坚持开展志愿效劳。")).text
    assert FixTypos().process(Document(source="t", text="老党员说，他愿为乡亲们效劳。")).text.endswith("效劳。")


def test_document_evidence_is_a_prior_not_a_gate():
    one_other = "社区效劳中心建成了，下一步要推动城市开展。"
    alone = "下一步要推动城市开展。"
    assert "城市发展" in FixTypos().process(Document(source="t", text=one_other)).text
    doc = FixTypos().process(Document(source="t", text=alone))
    assert doc.text == alone and "kaizhan_fazhan" in {e.rule for e in doc.edits if not e.applied}


def test_corpus_counts_decide_a_generated_synonym():
    example = RULES["generated"][0]
    assert example["name"] == "round_trip_synonym"
    corpus = [example["corpus_example"]] * example["corpus_copies"]
    _, docs = build(*corpus, example["remove_example"], example["keep_example"])
    fixed, kept = docs[-2], docs[-1]
    assert "round_trip_synonym" in applied(fixed) and "服务水平" in fixed.text
    evidence = next(e.evidence for e in fixed.edits if e.rule == "round_trip_synonym")
    assert "corpus" in evidence and "log-odds" in evidence and "needs" in evidence
    assert kept.text == example["keep_example"]


def test_the_corpus_outnumbering_an_artifact_fixes_it_and_a_word_at_home_on_its_other_side_stays():
    corpus = [f"第{i}季度各地加强食品安全监管，推动城市发展，开展活动{i}次。" for i in range(60)]
    _, docs = build(*corpus, "要把食品平安放在首位。", "周末在城市开展活动。")
    assert docs[-2].text == "要把食品安全放在首位。"
    assert docs[-1].text == "周末在城市开展活动。"


def test_counts_stay_bounded_and_keep_a_likely_artifact_seen_once():
    (counter,) = PipelineConfig(stages=["fix_typos"], stage_settings={"fix_typos": {"max_corpus_keys": 1000}}).build_stages()
    counts = counter.corpus
    counts.max_keys = 50  # below what a config may set, to see the bound at work on a few sentences
    for i in range(40):
        counter.observe(Document(source="c.txt", text=f"第{i}次会议研究部署安全生产、服务水平、发展规划等工作。"))
        # Past the bound, what is kept was seen twice, or is a likely artifact.
        seen = counts.observed()
        assert len(seen) <= counts.max_keys or all(n > 1 or counts._best(k)[0] >= counts.min_count for k, n in seen.items())
    counter.observe(Document(source="c.txt", text="窗口服务程度有待提高。"))
    han = "春夏秋冬东南西北山水田林湖草沙江河海天地"
    for a in han:  # 400 contexts seen once each: the bound is passed again and again
        counter.observe(Document(source="c.txt", text="，".join(f"{a}{b}发展" for b in han)))
    seen = counts.observed()
    assert seen["服务<水平"] == 40 and seen["服务<程度"] == 1
    assert len(seen) < 400
    assert not any(k.startswith("的") for k in seen)


def test_no_fix_without_a_corpus_or_where_the_build_writes_both_readings():
    sentence = "办事大厅的服务程度得到了提升。"
    assert FixTypos().process(Document(source="t", text=sentence)).text == sentence
    both = ["今年的服务水平明显提高。"] * 60 + ["群众对服务程度的评价不一。"] * 4 + [sentence]
    _, docs = build(*both)
    assert docs[-1].text == sentence


def test_lookalikes_are_decided_by_how_probable_the_clause_reads():
    doc = FixTypos().process(Document(source="t", text="今年全村农民人均收人稳步增长。"))
    assert doc.text == "今年全村农民人均收入稳步增长。"
    assert "route log-prob" in doc.edits[0].evidence
    kept = "他们各自已经完成了分内的任务。"
    assert FixTypos().process(Document(source="t", text=kept)).text == kept


def test_hand_pairs_can_be_turned_off():
    text = "街道党群效劳中心正式启用。"
    off = FixTypos(FixTypos.Settings(hand_pairs=False))
    assert off.process(Document(source="t", text=text)).text == text
    assert FixTypos().process(Document(source="t", text=text)).text != text


def test_the_fitted_counts_travel_to_worker_processes_and_name_the_state():
    fixer, _ = build(*["我们要不断提高服务水平，让群众满意。"] * 60, "窗口的服务程度还有待提高。")
    copy = pickle.loads(pickle.dumps(fixer))
    text = "窗口的服务程度还有待提高。"
    assert copy.process(Document(source="t", text=text)).text == fixer.process(Document(source="t", text=text)).text
    assert copy.state_fingerprint() == fixer.state_fingerprint() != FixTypos().state_fingerprint()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(CLEAN), min_size=1, max_size=8))
def test_clean_text_using_the_artifact_words_correctly_is_never_changed(paragraphs):
    text = "\n".join(paragraphs)
    assert FixTypos().process(Document(source="t", text=text)).text == text


def test_benchmark_tune_split_precision_and_clean_paragraphs():
    from pipeline.typo_benchmark import score

    t = score("tune", hand_pairs=True, show=False)
    fixed = t["tp_synonym"] + t["tp_ocr"]
    assert t["changed_clean_paragraphs"] == 0
    assert fixed / (fixed + t["fp"]) >= 0.99
    assert t["tp_ocr"] >= 0.85 * t["n_ocr"]


def _candidate(text: str, written: str, other: str):
    from pipeline.typo_signals import Candidate

    start = text.index(written)
    return Candidate(text, start, start + len(written), other, artifact=False)


def test_single_document_signals_see_a_collocation_the_other_word_completes():
    from pipeline.typo_signals import collocation, phrase, syntax

    broken = _candidate("镇上新修了一条高速道路。", "道路", "公路")  # 高速公路 is one dictionary word
    plain = _candidate("门前这条道路很宽。", "道路", "公路")  # neither reading joins a neighbour
    assert collocation(broken) > 3.0 > abs(collocation(plain))
    assert phrase(broken) > 5.0 and phrase(plain) == 0.0
    # Two nouns: the tag transitions do not tell them apart; a noun where a verb stands does worse.
    assert syntax(broken) == 0.0
    assert syntax(_candidate("大家要认真学习文件。", "学习", "学生")) < 0.0


def test_the_compound_signal_needs_a_whole_neighbouring_word_the_written_word_does_not_join():
    from pipeline.typo_signals import compound

    # 安全隐患 is a dictionary word, 平安隐患 none: the other word completes the pair.
    assert compound(_candidate("要彻底排查校园平安隐患。", "平安", "安全")) > 0.0
    # Only a single character follows (到): an affix or particle makes no word pair.
    assert compound(_candidate("祝你们一路平安到家。", "平安", "安全")) == 0.0
    # The word before counts as well: 高速 + 公路 is a dictionary word, 高速道路 none.
    assert compound(_candidate("镇上新修了一条高速道路。", "道路", "公路")) > 0.0
    # Its weakness, and why it decides nothing alone: a correct word with an unlisted pair
    # (英语程度) scores as an artifact would, since 英语水平 is listed.
    assert compound(_candidate("他的英语程度很高。", "程度", "水平")) > 0.0


def test_recall_at_precision_takes_the_lowest_margin_that_keeps_precision():
    from pipeline.typo_signals import recall_at_precision

    scored = [(9.0, True), (7.0, True), (6.0, False), (5.0, True), (5.0, False), (1.0, True)]
    assert recall_at_precision(scored, injected=4) == (2, 7.0)
    assert recall_at_precision(scored, injected=4, precision=0.6) == (4, 1.0)
    assert recall_at_precision(scored, injected=4, precision=0.7) == (2, 7.0)
    assert recall_at_precision([(3.0, True), (3.0, False)], injected=1) == (0, float("inf"))


def test_word_edges_are_jiebas_whichever_engine_cuts_the_clause():
    from pipeline.typo_evidence import clause, confusion_words, tokenizer, word_edges

    listed, automaton = confusion_words()
    checked = 0
    for d in TUNE[:8]:
        text = d["text"]
        for _, s, e in automaton.find_matches_as_indexes(text):
            lo, hi = clause(text, s, e)
            edges, pos = {lo}, lo
            for token in tokenizer().cut(text[lo:hi], HMM=False):  # the reference: jieba in Python
                pos += len(token)
                edges.add(pos)
            assert word_edges(text, s, e) == edges, text[lo:hi]
            checked += 1
    assert checked > 100


def test_context_windows_and_pattern_widths():
    import re

    from pipeline.stages.typos import pattern_width, windows

    assert windows([3, 10, 40], 2, 4, 44) == [(0, 16), (36, 44)]
    assert pattern_width(re.compile("(?<=甲)(?P<w>乙丙)(?=丁{1,3})")) == 6
    assert pattern_width(re.compile("(?:戊|己庚)(?P<w>乙丙)")) == 4
    assert pattern_width(re.compile("甲.*(?P<w>乙丙)")) is None


PAIR_WORDS = sorted({w for p in FixTypos().pairs for w in (p.wrong, p.right)}) + list("愿为您乐意和与及、，。的上中")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PAIR_WORDS + ["社区", "中心", "城市", "活动", "提供", "党员", "工作", "志愿"]), max_size=40))
def test_pair_contexts_searched_in_windows_match_the_whole_text_search(words):
    import dataclasses

    text = "".join(words)
    windowed = FixTypos()
    whole = FixTypos()
    whole.pairs = tuple(dataclasses.replace(p, reach=None) for p in whole.pairs)
    assert all(p.reach is not None for p in windowed.pairs)  # every hand-written context is bounded
    (got, got_undecided), (want, want_undecided) = windowed._pair_candidates(text), whole._pair_candidates(text)
    assert [(f.start, f.end, f.after, f.rule, f.log_odds, f.evidence) for f in got] == \
        [(f.start, f.end, f.after, f.rule, f.log_odds, f.evidence) for f in want]
    assert [(p.name, s) for p, s in got_undecided] == [(p.name, s) for p, s in want_undecided]
