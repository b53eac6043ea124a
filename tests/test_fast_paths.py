"""The fast paths of normalize, strip_repeated_paragraphs and quality give what the plain
logic they replace gives (kept here as the reference), on generated text that holds
candidates: the speed work changes no published byte."""

from __future__ import annotations

import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import charsets, opencc_scope
from pipeline.charsets import is_cjk, is_han, iter_lines, lines_holding
from pipeline.document import Document, Edit, Span
from pipeline.metadata import URL
from pipeline.stages import normalize, quality, repeated_paragraphs
from pipeline.stages.normalize import _context_char, _converter, in_gb2312

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Pieces that make candidates: Han and CJK punctuation beside marks, numbers, Latin, URLs.
PIECES = ["中", "文", "的", "话", "，", "。", "“", "”", "‘", "’", "（", "）", "…", "、", "　",
          ",", ":", ";", "!", "?", "(", ")", '"', "'", " ", "\n", "a", "Z", "7", "3.5%", "-",
          "http://a.cn/x?y=1", "www.b.com", "c.org", "1,000", "10:30", "OK", "Ａ", "１"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


# --- the reference: the logic as it was before the fast paths ------------------------------

def reference_punct_spans(text: str) -> list[Span]:
    protected = {i for m in URL.finditer(text) for i in range(m.start(), m.end())}
    spans = []
    for m in normalize.ASCII_PUNCT.finditer(text):
        i = m.start()
        if i in protected:
            continue
        left, right = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
        if left.isascii() and left.isalnum() and right.isascii() and right.isalnum():
            continue
        near = _context_char(text, i - 1, -1) + _context_char(text, i + 1, 1)
        if any(is_cjk(c) for c in near):
            spans.append(Span(i, i + 1, normalize.WIDE[m.group()], "fullwidth_punct"))
    return normalize._brackets_in_pairs(text, spans)  # (the pairing of brackets is a step of its own)


def reference_quote_spans(text: str) -> list[Span]:
    return normalize.line_quote_spans(text, lines_holding(normalize.QUOTE, text))  # every line with a quote


def reference_stray_spans(text: str) -> list[Span]:
    spans = []
    for start, end in iter_lines(text):
        line = text[start:end]
        converted = _converter("tw2s").convert(line)
        if len(converted) != len(line):
            continue
        for i, (a, b) in enumerate(zip(line, converted)):
            if a != b and is_han(a) and not in_gb2312(a):
                spans.append(Span(start + i, start + i + 1, b, "opencc_t2s"))
    return spans


def reference_detect_script(text: str) -> tuple[str, float]:
    han = "".join(re.findall("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f\uf900-\ufaff]+", text))
    if not han:
        return "none", 0.0
    converted = _converter("tw2s").convert(han)
    changed = sum(a != b for a, b in zip(han, converted)) if len(converted) == len(han) else len(han)
    return ("traditional" if changed / len(han) > 0.3 else "simplified"), changed / len(han)


def reference_counts(text: str) -> tuple[int, int]:
    han = sum(map(len, re.findall("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f]+", text)))
    return han, len(text) - sum(map(len, re.findall(r"\s+", text)))


# --- normalize -------------------------------------------------------------------------------

@SETTINGS
@given(texts)
def test_marks_are_widened_as_by_the_plain_walk(text):
    assert sorted(normalize.fullwidth_punct_spans(text)) == reference_punct_spans(text)


@SETTINGS
@given(texts)
def test_quotes_are_paired_as_by_the_plain_walk(text):
    assert sorted(normalize.quote_spans(text)) == reference_quote_spans(text)


def test_the_chinese_context_class_is_is_cjk_less_what_the_context_walk_looks_through():
    pattern = re.compile(normalize.CJK_CONTEXT)
    skipped = normalize._SKIP + normalize._NUMBER
    for cp in range(0x30000):
        c = chr(cp)
        assert bool(pattern.fullmatch(c)) == (is_cjk(c) and c not in skipped), hex(cp)


@SETTINGS
@given(st.lists(st.sampled_from(["http://", "www.", "a", "b.", "com", "cn", "/", "?", "=", "#", "-", "_",
                                  ",", ";", "(", ")", ":", "!", " ", "中"]), max_size=30).map("".join))
def test_no_url_holds_a_mark_the_fast_scan_does_not_check_for_urls(text):
    for m in URL.finditer(text):
        assert not set(m.group()) & (set(normalize.WIDE) - set(normalize._URL_MARKS))


# Changers alone and in phrases (反覆, 乾燥, 什么), joiners, characters OpenCC reads as
# units (⿰ an ideographic description character, a variation selector), a compatibility
# ideograph and one outside the Basic Multilingual Plane.
STRAY = ["著", "么", "覆", "乾", "國", "們", "說", "后", "發", "里", "裡", "才", "群", "反覆", "乾燥", "什么", "反", "燥",
         "的", "天", "，", "。", "\n", "a", " ", "⿰", "\ufe0f", "\uf900", "𠀀", "一", "不"]
stray_texts = st.lists(st.sampled_from(STRAY), max_size=30).map("".join)


@SETTINGS
@given(stray_texts)
def test_stray_traditional_characters_are_found_as_line_by_line(text):
    assert normalize.stray_traditional_spans(text) == reference_stray_spans(text)


@SETTINGS
@given(stray_texts)
def test_the_script_share_is_the_share_of_the_whole_conversion(text):
    assert normalize.detect_script(text) == reference_detect_script(text)


def test_every_dictionary_phrase_converts_by_pieces_as_in_the_whole_text():
    """Each multi-character key of the dictionaries, alone, run together with the next
    ones (matches that compete) and inside other text: the pieces give what the whole
    conversion gives."""
    assert opencc_scope.scope("tw2s") is not None
    phrases = [key for key, _ in opencc_scope.dictionary_entries("tw2s") if len(key) > 1]
    texts = ["".join(phrases), "\n".join(phrases), "的".join(phrases), "，".join(phrases[::-1])]
    texts += ["".join(phrases[i : i + 3]) + "。" for i in range(0, len(phrases), 3)]
    text = "\n".join(texts)
    assert normalize.stray_traditional_spans(text) == reference_stray_spans(text)
    for piece in texts:
        assert normalize.detect_script(piece) == reference_detect_script(piece)


# --- strip_repeated_paragraphs -----------------------------------------------------------------

SENTENCES = ["全镇共组织农技培训二十一场。", "覆盖种植大户和家庭农场四百余户！", "推广新品种六个", "谢谢大家！",
             "一、主要做法", "Ａｂｃ１２３，", "……", "“好。”", "_", " ", "\n", "\n", "。", "在项目建设上，我们坚持每月一调度。"]


@st.composite
def texts_with_copies(draw) -> str:
    """Sentences, then a stretch of them printed again, then more."""
    first = draw(st.lists(st.sampled_from(SENTENCES), max_size=25))
    start = draw(st.integers(0, len(first)))
    copy = first[start : draw(st.integers(start, len(first)))]
    return "".join(first + copy + draw(st.lists(st.sampled_from(SENTENCES), max_size=10)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_with_copies(), st.integers(1, 3), st.integers(1, 60), st.integers(1, 60))
def test_a_text_passed_by_the_prefilter_has_nothing_the_full_rounds_would_cut(text, sentences, chars, passage):
    s = repeated_paragraphs.RepeatedParagraphSettings(min_chars=chars, min_sentences=sentences,
                                                      min_passage_chars=passage)
    if repeated_paragraphs._may_repeat(text, s):
        return
    stage = repeated_paragraphs.StripRepeatedParagraphs(s)
    lines = list(iter_lines(text))
    assert stage._repeated_lines(text) == []
    history = repeated_paragraphs._Passages()
    assert [span for start, end in lines for span in stage._repeated_runs(text, start, end, history)] == []



@SETTINGS
@given(st.text(st.one_of(st.sampled_from(list("中文_a1Ａ１，。！？!?…\n 　")), st.characters())))
def test_word_characters_and_ends_are_kept_as_by_the_regex(text):
    expected = repeated_paragraphs._NOT_WORD_BUT_END.sub("", text).replace("_", "")
    assert repeated_paragraphs.word_chars_and_ends(text) == expected

# --- quality -------------------------------------------------------------------------------

@SETTINGS
@given(st.text(alphabet=st.sampled_from("中文㐀豈\U00020000\U0002fa1f\U00030000 \t\n\r\u3000\u00a0\u2028\x1c\x85a,，。")))
def test_han_and_visible_characters_are_counted_as_by_the_regexes(text):
    assert quality.character_counts(text) == reference_counts(text)


def test_every_whitespace_character_is_below_the_class_table():
    assert all(cp < quality._SPAN for cp in range(sys.maxunicode + 1) if chr(cp).isspace())


# --- document ------------------------------------------------------------------------------

def test_an_edit_made_without_its_init_is_the_edit_its_init_makes():
    doc = Document("t.txt", text="abc")
    doc.replace_spans("s", [Span(1, 2, "X", "r")])
    assert doc.edits == [Edit("s", "r", "b", "X", 1)]


def reference_rounds(stage: repeated_paragraphs.StripRepeatedParagraphs, doc: Document) -> Document:
    """The stage's rounds as they ran before: no prefilter, eight rounds while any span is proposed."""
    for _ in range(8):
        repeated = stage._repeated_lines(doc.text)
        lines = list(iter_lines(doc.text))
        spans = [stage._cut(lines, run) for run in repeated_paragraphs._runs(repeated)]
        history, gone = repeated_paragraphs._Passages(), set(repeated)
        for n, (start, end) in enumerate(lines):
            if n not in gone:
                spans.extend(stage._repeated_runs(doc.text, start, end, history))
        doc.replace_spans(stage.name, spans)
        if not spans:
            break
    return doc


def _outcome(run, doc: Document):
    try:
        done = run(doc)
    except ValueError as exc:
        return str(exc)
    return done.text, done.edits


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_with_copies(), st.integers(1, 3), st.integers(1, 60))
def test_the_stage_cuts_what_its_rounds_cut_before(text, sentences, passage):
    stage = repeated_paragraphs.StripRepeatedParagraphs(repeated_paragraphs.RepeatedParagraphSettings(
        min_chars=10, min_sentences=sentences, min_passage_chars=passage))
    assert _outcome(stage.process, Document("t.txt", text=text)) == \
        _outcome(lambda d: reference_rounds(stage, d), Document("t.txt", text=text))


def test_dictionaries_that_change_a_length_or_hold_a_line_break_have_no_scope():
    assert opencc_scope.class_table([("甲乙", ["丙"])]) is None
    assert opencc_scope.class_table([("甲", ["\n"])]) is None
    table = opencc_scope.class_table([("甲乙", ["甲丙"]), ("丁", ["戊"])])
    assert [int(table[ord(c)]) for c in "甲乙丁戊"] == [opencc_scope.JOINER, opencc_scope.CHANGER,
                                                        opencc_scope.CHANGER, opencc_scope.SAFE]
    assert opencc_scope.changeable_pieces("天甲乙戊\n乙", table) == [(1, "甲乙戊"), (5, "乙")]
    assert opencc_scope.changeable_pieces("甲⿰", table) is None


# --- charsets ------------------------------------------------------------------------------

@SETTINGS
@given(st.text(st.one_of(st.sampled_from(list("中文㐀豈\U00020000\U0002fa1f\U0002fa20\U00030000\u9fff\ua000a，")),
                         st.characters()), min_size=200, max_size=600))
def test_han_characters_of_a_long_text_are_those_the_regex_finds(text):
    assert charsets.han_chars(text) == "".join(charsets.HAN_RUN.findall(text))


# --- document: where earlier edits lie now ----------------------------------------------------

@st.composite
def edited_documents(draw) -> Document:
    """A text edited by several stages' calls: removals, insertions, replacements, some
    adjacent or at one point, title edits and suggestions between them."""
    doc = Document("t.txt", text=draw(st.text(st.sampled_from("abc中文\n "), min_size=5, max_size=60)))
    for call in range(draw(st.integers(1, 6))):
        n = len(doc.text)
        cuts = sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=12)))
        spans = [Span(a, b, draw(st.sampled_from(["", "x", "yz", "\n"])), f"r{call}")
                 for a, b in zip(cuts[::2], cuts[1::2])]
        doc.replace_spans(f"s{call}", spans)
        if draw(st.booleans()):
            doc.set_title("t", "title", draw(st.sampled_from(["A", "B", None])))
        if draw(st.booleans()) and doc.text:
            doc.suggest("t", Span(0, 1, "q", "maybe"))
    return doc


@SETTINGS
@given(edited_documents(), st.data())
def test_positions_now_in_numpy_are_those_of_the_walk(doc, data):
    from pipeline.document import _positions_now_sorted, _positions_now_walk

    n = len(doc.edits)
    for picked in (list(range(n)), data.draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=8) if n else st.just([]))):
        if picked:
            assert _positions_now_sorted(doc.edits, picked, min(picked)) == _positions_now_walk(doc.edits, picked)


# --- strip_repeated_lines ------------------------------------------------------------------

SITE_PIECES = ["本站", "本", "站", "網站", "下载", "VIP", "vip", "www.a.cn", "http://x.com/a", "a.com", "中文", "𠀀", "豈",
               "abc", "123", " ", "\n", "\n\n", "，", "x.y", "-", "http://h", "://"]


@SETTINGS
@given(st.lists(st.sampled_from(SITE_PIECES), max_size=30).map("".join))
def test_site_sounding_lines_are_found_as_by_the_test_of_each_line(text):
    from pipeline.charsets import match_view
    from pipeline.stages.repeated_lines import site_sounding_lines, sounds_like_the_site

    view = match_view(text)
    for max_chars in (3, 200):
        expected = [(s, e) for s, e in iter_lines(text)
                    if e - s <= max_chars and sounds_like_the_site(text[s:e], view[s:e])]
        assert site_sounding_lines(text, view, max_chars) == expected
