"""Necessary literals: every match of a pattern holds one of them (so a literal scan never
hides a match), and the scan gives exactly the rules whose literals a text holds."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.literals import LiteralScan, lower, necessary_literals
from pipeline.rulebook import load_rules

INVENTED = [
    r"(?:微信|QQ)\s*号?\s*:?\s*[A-Za-z0-9]{5,}",
    r"第\s*\d+\s*页(?:共\d+页)?",
    r"(?i)all\s+rights\s+reserved",
    r"[甲乙丙]方代表",
    r"(?:立即|马上)?(?:下载|领取)(?=全文|资料)",
    r"x{2,}y|zz+",
]
RULE_PATTERNS = [p.pattern for r in load_rules("site_chrome.toml") if r.scope in ("sentence", "phrase")
                 for p in r.patterns]


@pytest.mark.parametrize("pattern", INVENTED + RULE_PATTERNS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_match_holds_a_necessary_literal(pattern, data):
    need = necessary_literals(pattern)
    if need is None:
        return  # the rule is always tried: nothing to check
    text = data.draw(st.from_regex(re.compile(pattern), fullmatch=False))
    match = re.search(pattern, text)
    assert match
    assert any(lit in lower(text) for lit in need), (pattern, text, need)


def test_what_a_pattern_needs():
    assert necessary_literals(r"(?:微信|QQ)\s*号?[0-9]{5,}") == {"微信", "qq"}
    assert necessary_literals(r"第\s*\d+\s*页") in ({"第"}, {"页"})
    assert necessary_literals(r"\d+") is None and necessary_literals(r"(?:下载)?全文") == {"全文"}
    assert necessary_literals(r"a|\d") is None  # one branch needs nothing


def test_the_scan_names_the_rules_a_text_could_match():
    scan = LiteralScan({"contact": necessary_literals(INVENTED[0]), "pages": necessary_literals(INVENTED[1]),
                        "any": None})
    assert scan.keys_in("欢迎加QQ群讨论") == {"contact", "any"}
    assert scan.keys_in("这是一句普通的话。") == {"any"}


def test_a_scan_travels_pickled():
    import pickle

    scan = LiteralScan({"contact": necessary_literals(INVENTED[0])})
    again = pickle.loads(pickle.dumps(scan))
    assert again.keys_in("加QQ") == scan.keys_in("加QQ") == {"contact"}


# Pieces that make literals often (and the letters that lowering must leave: Ä, İ, K).
_TEXT = st.lists(st.sampled_from(list("微信号QqXxYyzZ下载全文领取 ：:，。ÄİK") + ["QQ", "下载全文", "xxy"]),
                 max_size=20).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT)
def test_lowering_changes_ascii_letters_only(text):
    lowered = lower(text)
    assert len(lowered) == len(text)
    assert all(a == b or ("A" <= a <= "Z" and b == chr(ord(a) + 32)) for a, b in zip(text, lowered))


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, bounds=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_one_scan_of_a_line_tells_each_part_what_a_scan_of_the_part_would(text, bounds):
    scan = LiteralScan({"chat": necessary_literals(INVENTED[0]), "download": necessary_literals(INVENTED[4]),
                        "xy": necessary_literals(INVENTED[5])})
    start, end = sorted(min(b, len(text)) for b in bounds)
    located = scan.located(text)
    assert scan.keys_within(located, start, end) == scan.keys_in(text[start:end])
    assert scan.keys_within(located, 0, len(text)) == scan.keys_in(text)
