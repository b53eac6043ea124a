"""Fast paths added for speed give what the plain code they replace gives (kept here as the
reference), on generated text that holds the candidates: no published byte changes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import charsets

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Pieces of a folded view: Han characters with spaces between them, colons, line breaks.
VIEW_PIECES = ["名", "称", "索", "引", "号", " ", "  ", "\u3000", ":", "\n", "\r", "\t", "a", "1", "，", "\u2028"]
views = st.lists(st.sampled_from(VIEW_PIECES), max_size=40).map("".join)


@SETTINGS
@given(views)
def test_spaced_keys_are_closed_as_by_one_pass_over_the_whole_text(view):
    assert charsets._close_spaced_keys(view) == charsets._SPACED_KEY.sub(charsets._close_key, view)
