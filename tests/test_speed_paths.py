"""Fast paths added for speed give what the plain code they replace gives (kept here as the
reference), on generated text that holds the candidates: no published byte changes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import charsets, words

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Pieces of a folded view: Han characters with spaces between them, colons, line breaks.
VIEW_PIECES = ["名", "称", "索", "引", "号", " ", "  ", "\u3000", ":", "\n", "\r", "\t", "a", "1", "，", "\u2028"]
views = st.lists(st.sampled_from(VIEW_PIECES), max_size=40).map("".join)


@SETTINGS
@given(views)
def test_spaced_keys_are_closed_as_by_one_pass_over_the_whole_text(view):
    assert charsets._close_spaced_keys(view) == charsets._SPACED_KEY.sub(charsets._close_key, view)


# Han characters and pairs repeated (ties of routes) among marks, rare Han and other text.
TIE_PIECES = st.sampled_from(["一", "一一一", "研究研究研究", "哈", "哈哈", "鿕", "鿖", "㐀㐀㐀", "...", "   ", "ab", "，",
                              "\n", "2026", "-", "%", "学习", "学习学习", "\ud800"])
tie_texts = st.lists(TIE_PIECES, max_size=12).map("".join)


@SETTINGS
@given(tie_texts)
def test_the_tie_screen_is_the_tied_routes_regex(text):
    assert words._ties_possible(text) == bool(words._TIED_ROUTES.search(text))


@SETTINGS
@given(tie_texts, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=6))
def test_sentences_cut_together_are_cut_as_one_by_one(text, cuts):
    sentences = [text[a:a + n] for a, n in cuts if text[a:a + n].strip()]
    one_by_one = words.segmenter("rjieba")
    assert words.batch_segmenter("rjieba")(sentences, text) == [one_by_one(s) for s in sentences]


def test_every_digit_is_in_the_planes_the_digit_set_reads():
    from pipeline.stages.site_chrome import digits

    assert digits() == frozenset(filter(str.isdigit, map(chr, range(0x110000))))
