"""repair_mojibake looks only where a repair can be: the scans that skip text must skip
nothing a full look would repair."""

from __future__ import annotations

import re
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import Document
from pipeline.stages import mojibake
from pipeline.stages.mojibake import RepairMojibake, _char_bytes, mojibake_alphabet
from tests.test_gbk_browser_mojibake import whatwg_gbk_decode


def test_every_character_a_repair_can_start_from_is_in_the_alphabet():
    """A run's bytes hold two UTF-8 characters in a row only with a two-byte character
    whose lead byte is E0-EF or a character read from one byte (see `mojibake_alphabet`)."""
    alphabet = mojibake_alphabet()
    missing = []
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        try:
            first = _char_bytes(c)[0]
        except UnicodeEncodeError:
            continue  # a run holding it is never repaired
        if (len(first) == 1 or (len(first) == 2 and 0xE0 <= first[0] <= 0xEF)) and not alphabet.match(c):
            missing.append(hex(cp))
    assert not missing, missing[:10]


@contextmanager
def looking_everywhere():
    """The stage with no scan skipping anything: every non-ASCII run is a candidate, and
    the removals always run."""
    saved = mojibake.mojibake_alphabet, mojibake._MAYBE_INVISIBLE, mojibake._KUN_JIN_KAO_START
    everything = re.compile("[^\x00-\x7f]")
    mojibake.mojibake_alphabet = lambda: everything
    mojibake._MAYBE_INVISIBLE = mojibake._KUN_JIN_KAO_START = re.compile("")
    try:
        yield
    finally:
        mojibake.mojibake_alphabet, mojibake._MAYBE_INVISIBLE, mojibake._KUN_JIN_KAO_START = saved


def test_the_reference_looks_everywhere():
    with looking_everywhere():
        assert mojibake.mojibake_alphabet().match("中")
    assert not mojibake.mojibake_alphabet().match("中")


def gbk_mojibake(text: str) -> str:
    return whatwg_gbk_decode(text.encode("utf-8"))[0]


# Clean text (common and rarer Han, punctuation, ASCII, a few symbols) next to mojibake of
# every kind the stage repairs, whole or in short pieces.
GB2312 = sorted({bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF)
                 if (hi, lo) < (0xD7, 0xFA) or hi >= 0xD8} - {"\ufffd"})
HAN = st.text(st.sampled_from(GB2312), min_size=1, max_size=10)
CLEAN = st.one_of(HAN, st.sampled_from(list("，。、；：！？“”《》（）—…€•①　") + ["2023年", "8.6%", " ", "\n", "ABC", "é"]))
BROKEN = st.one_of(HAN.map(gbk_mojibake), HAN.map(lambda t: t.encode("utf-8").decode("latin-1")),
                   HAN.map(lambda t: t.encode("utf-8").decode("gbk", "replace")),
                   st.sampled_from(["锟斤拷", "烫烫烫", "\u200b", "\ufeff", "\ue000", "\x07", "\U000e0041", "\udce4"]))
PAGE = st.lists(st.one_of(CLEAN, CLEAN, BROKEN), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
def test_the_scans_change_no_repair(text):
    fast = RepairMojibake().process(Document(source="t", text=text))
    with looking_everywhere():
        reference = RepairMojibake().process(Document(source="t", text=text))
    assert (fast.text, fast.edits) == (reference.text, reference.edits)
