"""pagination looks only where there is something to do: the shortcuts give what the
plain rules give."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.rulebook import rules_by_name
from pipeline.stages import pagination
from pipeline.stages.pagination import hard_wrap_spans, layout_spans

RULES = rules_by_name("pagination.toml")
# The rule as first written: every whitespace run at an edge, and every run holding a line
# break, each one a span (the ones that change nothing included).
LAYOUT = re.compile(r"\A\s+|\s+\Z|[^\S\n]*\n\s*")


def reference_layout(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in LAYOUT.finditer(text):
        at_edge = m.start() == 0 or m.end() == len(text)
        after = "" if at_edge or "\n" not in m.group() else "\n"
        if m.group() != after:
            out.append((m.start(), m.end(), after))
    return out


SPACES = st.sampled_from([" ", "  ", "\t", "\u3000", "\n", "\n\n", " \n", "\n ", "\r\n", "\x0b", "\u2003", "\n\u3000\u3000"])
WORDS = st.sampled_from(["党建", "工作。", "a", "2023", "“是”", "，"])
TEXT = st.lists(st.one_of(SPACES, WORDS), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_layout_finds_what_the_plain_rule_changes(text):
    assert [(s.start, s.end, s.after) for s in layout_spans(text, "layout_whitespace")] == reference_layout(text)


# Lines that end a sentence or not, long and short, with closers, semicolons and colons.
LINE = st.builds(lambda body, end: body + end,
                 st.one_of(st.text(st.sampled_from(list("党建工作要点各级组织，、 ab1")), max_size=12),
                           st.text(st.sampled_from(list("党建工作要点各级组织，、 ab1")), min_size=18, max_size=30)),
                 st.sampled_from(["", "。", "！", "；", ";", "：", "”", "。”", "；”", "）", "…", "，"]))
PAGE = st.lists(LINE, min_size=0, max_size=12).map("\n".join)


@settings(max_examples=500, deadline=None)
@given(PAGE, st.booleans())
@example(" \n。", True)  # a line of punctuation under a line of spaces, on a page break (found by hypothesis)
def test_hard_wrap_skips_only_pages_with_nothing_to_join(text, page_breaks):
    # A page break at every line break, or none: joins on evidence and on width alike.
    evidence = pagination.BreakEvidence(page_breaks={i for i, c in enumerate(text) if c == "\n" and page_breaks})
    fast = hard_wrap_spans(text, RULES["hard_wrap"], evidence)
    saved = pagination._has_open_line
    pagination._has_open_line = lambda text, min_chars: True
    try:
        reference = hard_wrap_spans(text, RULES["hard_wrap"], evidence)
    finally:
        pagination._has_open_line = saved
    assert fast == reference


def test_a_page_ending_on_the_short_rest_of_a_wrapped_line_joins_across_the_break():
    # Where page furniture was removed, the page's last line is the short rest of a wrapped
    # line (…集中申|报期为2024年3月1日|<page break>): read with the line it was wrapped from,
    # it is body text, though it is short and its sentence holds no comma.
    para = ("今年以来，我们坚持把基层党建与乡村振兴统筹推进，围绕产业发展、人才培养和环境整治三项重点，"
            "逐项细化任务清单，全年共落实帮扶资金一千二百万元，建成示范基地六个。本年度的申报材料应当真实完整。集中申"
            "报期为2024年3月1日")
    lines = [para[i:i + 26] for i in range(0, len(para), 26)]
    tail = ["至3月31日止，逾期不再受理，请各单位提前做好准备，确保申报工作按时", "完成。"]
    text = "\n".join(["为做好今年的项目申报工作，现将有关事项通知如下。", *lines, *tail])
    cut = text.index("\n" + tail[0])
    assert len(lines[-1]) < 20 and "，" not in lines[-1] + lines[-2][lines[-2].index("。"):]
    joins = {sp.start for sp in hard_wrap_spans(text, RULES["hard_wrap"], pagination.BreakEvidence(page_breaks={cut}))}
    assert cut in joins
    # Without the page break the short line ends the paragraph as the page shows it.
    assert cut not in {sp.start for sp in hard_wrap_spans(text, RULES["hard_wrap"])}


# What `_has_open_line` searched for before it searched from line breaks only.
PUNCTUATION_LINE_AFTER = re.compile(rf"\S\s*\n\s*[{pagination._MARKS}][{pagination._MARKS} \t\u3000]*(?=\n|$)")
PUNCTUATED = st.lists(st.one_of(SPACES, WORDS, st.sampled_from(list(pagination._MARKS) + ["\n。", "\n ，", "\r", "\x1c"])),
                      max_size=30).map("".join)


@settings(max_examples=2000, deadline=None)
@given(PUNCTUATED)
def test_a_line_of_punctuation_is_found_wherever_the_regex_led_by_a_non_space_finds_it(text):
    # The shortcut may say yes more often (under a line of spaces, which the joiner reads too),
    # never less often than the regex the joiner's punctuation rule was written as.
    if PUNCTUATION_LINE_AFTER.search(text):
        assert pagination._punctuation_line_under_text(text)


def _para(topic: str, n: int) -> str:
    return "".join(f"第{k}轮{topic}巡查把问题清单交给各村整改，整改情况按周通报并纳入考核" for k in range(n))


def test_a_chunk_marker_run_into_the_words_on_a_page_without_line_breaks_goes():
    """Pages glued into one line: the site's chunk numbers 2、3、 land inside words, a page apart."""
    from pipeline.stages.pagination_scans import page_chunk_spans

    text = f"{_para('河道', 3)}沿岸2、堤防加固{_para('山林', 3)}重点3、防火区域。"
    spans = page_chunk_spans(text, RULES["page_chunk_marker"])
    assert ["".join(text[s.start:s.end] for s in spans)] == ["2、3、"]


def test_numbers_run_together_in_a_list_or_after_the_same_label_stay():
    from pipeline.stages.pagination_scans import page_chunk_spans

    run_list = f"{_para('河道', 3)}分三步：1、摸底2、整改3、验收。"  # items a few characters apart
    labels = f"{_para('河道', 3)}详见附件2、附件3所列清单。"  # the same label before each number
    first = f"检查分2、{_para('河道', 3)}"  # at the text's start: no page before it
    for text in (run_list, labels, first):
        assert page_chunk_spans(text, RULES["page_chunk_marker"]) == [], text


# Runs of digits of every length (ASCII, full-width, Arabic-Indic: what \d reads; ² is no
# \d) before and away from 、, beside Han characters.
NUMBERED = st.lists(st.one_of(st.text(st.sampled_from(list("0123456789１٣²")), min_size=1, max_size=5),
                              st.sampled_from(["、", "、、", "党建", "第", " ", "\n"])), max_size=30).map("".join)


@settings(max_examples=2000, deadline=None)
@given(NUMBERED)
def test_number_marks_read_back_from_their_ends_are_the_regex_matches(text):
    from pipeline.stages.pagination_scans import _ANY_NUMBER_MARK, number_marks

    def spans(matches):
        return [(m.span(), m.group(1)) for m in matches]

    assert spans(number_marks(text)) == spans(_ANY_NUMBER_MARK.finditer(text))


# Lines of page counters, decorations, spaces of every kind and prose, long and short.
COUNTER_LINE = st.lists(st.sampled_from(["第", "2", "13", "页", "共", "/", "-", "—", "·", " ", "  ", "\u3000", "\t",
                                         "\xa0", "[", "】", "【", "page", "Page", "of", "Ⅱ", "①", "十", "工作要点",
                                         "各级党组织要把学习贯彻落到实处"]), max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(COUNTER_LINE, max_size=8).map("\n".join), st.sampled_from(["", "工作要点", "page"]))
def test_page_numbers_skipping_long_spaceless_lines_find_what_every_pattern_finds(text, title):
    from pipeline.document import Document
    from pipeline.stages import pagination_scans

    rule = RULES["page_number_line"]
    fast_doc, slow_doc = Document(source="x", title=title), Document(source="x", title=title)
    fast = pagination_scans.page_number_spans(text, rule, fast_doc)
    saved = pagination_scans._longest_number_line
    pagination_scans._longest_number_line = lambda rule: None  # every line tried
    try:
        slow = pagination_scans.page_number_spans(text, rule, slow_doc)
    finally:
        pagination_scans._longest_number_line = saved
    assert fast == slow and fast_doc.metadata == slow_doc.metadata
