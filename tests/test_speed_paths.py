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


def test_patterns_made_from_the_kept_code_are_those_re_compiles(tmp_path, monkeypatch):
    """Every chrome rule's pattern and its loosened form, compiled through the file and made
    again from it in a fresh table, has the code, flags and groups `re` gives it (a compiled
    pattern's == compares its code). Compiled by `re._compiler` itself: `re`'s own cache may
    hold them already."""
    import re._compiler as compiler

    from pipeline import regex_cache
    from pipeline.loosened import claim_condition
    from pipeline.rulebook import load_rules

    original = compiler.compile
    patterns = [p for r in load_rules("site_chrome.toml") for p in r.patterns]
    sources = {(p.pattern, p.flags) for p in patterns} | {
        (c.pattern, c.flags) for p in patterns if (c := claim_condition(p)) is not None and c.pattern is not None}
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with regex_cache.kept_compiled():
        for source, flags in sources:
            compiler.compile(source, flags)
    table = regex_cache._read(regex_cache.cache_file())
    assert len(table) == len(sources) > 100
    for (source, flags), args in table.items():
        made, ref = regex_cache.from_args(source, args), original(source, flags)
        assert made == ref
        assert (made.groups, dict(made.groupindex), made.flags) == (ref.groups, dict(ref.groupindex), ref.flags)


def test_a_damaged_pattern_file_is_not_read(tmp_path, monkeypatch):
    from pipeline import regex_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regex_cache, "WRITE_AFTER", 1)
    with regex_cache.kept_compiled():
        import re
        re.compile("(?P<a>x+)y{2,5}[\u4e00-\u9fff]")
    path = regex_cache.cache_file()
    assert regex_cache._read(path)
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    assert regex_cache._read(path) == {}
