"""Whole-page scans rewritten to open with what the regex engine skips to (a literal, or a
class read once) find what the patterns they replace find: those patterns, led by `\\S`, a
`(?:^|\\n)` alternation or an alternation of classes, were tried at every character of every
page. Kept here as the reference; generated pages hold the candidates."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages import chrome_context, pagination_scans
from pipeline.stages.pagination_scans import _FOLIO_NUMBER

# chrome_context._MAYBE_STAMP as first written.
MAYBE_STAMP = re.compile(r"\d[-/:]\d|\d\s*(?:秒|分钟|小时|天)前|刚刚")
# pagination_scans' test for a folio at a line's start as first written.
FOLIO_AT_START = re.compile(rf"(?:^|\n)[ \t\u3000]*{_FOLIO_NUMBER}[ \t\u3000]*[·•|｜—–-]")

STAMP_PIECES = st.sampled_from(["1", "23", "٣", "-", "/", ":", " ", "\n", "\u3000", "秒", "分钟", "小时", "天", "前",
                                "刚", "刚刚", "3分钟前", "12:30", "文", "。"])
FOLIO_PIECES = st.sampled_from(["1", "12", "iv", "xl", "I", " ", "\t", "\u3000", "\n", "·", "|", "｜", "—", "-", "第",
                                "章", "a", "。"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(STAMP_PIECES, max_size=30).map("".join), st.integers(0, 10))
def test_a_maybe_stamp_is_found_where_the_alternation_finds_it(text, pos):
    assert [m.span() for m in chrome_context._MAYBE_STAMP.finditer(text, pos)] == \
        [m.span() for m in MAYBE_STAMP.finditer(text, pos)]


@settings(max_examples=2000, deadline=None)
@given(st.lists(FOLIO_PIECES, max_size=30).map("".join))
def test_a_folio_at_a_line_start_is_found_where_the_anchored_alternation_finds_it(text):
    found = pagination_scans._FOLIO_AT_START.match(text) or pagination_scans._FOLIO_AT_LINE_START.search(text)
    assert (found is not None) == (FOLIO_AT_START.search(text) is not None)
