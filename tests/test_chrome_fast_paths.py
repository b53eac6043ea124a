"""The fast paths of strip_site_chrome give what its plain logic gives: a pattern without its
assertions matches wherever the pattern did, the match filter never rules out a piece a
sentence rule could take, and the stage with its filters gives the same text, edits and
facts as the stage that reads every piece sentence by sentence (the reference, made by
switching the filters off). Text is generated from invented chrome and prose, not fixtures."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import Document, Span
from pipeline.literals import MatchFilter, without_assertions
from pipeline.rulebook import load_rules
from pipeline.stages import chrome_lines, chrome_related, chrome_rows
from pipeline.stages.chrome_lines import LOST_BREAK, line_cover, pieces_of
from pipeline.stages.site_chrome import StripSiteChrome
from pipeline.stages.site_chrome_pieces import sentence_units

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULES = load_rules("site_chrome.toml")
# Invented patterns with anchors, word boundaries and lookarounds of every kind.
INVENTED = [
    r"^(?:点击|继续)?展开全文$",
    r"(?<![A-Za-z])vip\d+\b",
    r"^(?=.*(?:举报|投诉)).*本站(?:将|会)?删除",
    r"(?<!不)免费下载(?!量)",
    r"\b[A-Z]{2}\d{3}\b",
]
# Around a match: prose, marks, digits, spaces that make pieces, brackets that wrap a line.
AROUND = st.lists(st.sampled_from(["我们", "会议", "，", "。", "！", " ", "  ", "3", "2024年", "a", "Z", "【", "】",
                                   "(", ")", "|", "-", ":", "下载", "删除"]), max_size=8).map("".join)


@pytest.mark.parametrize("pattern", INVENTED + [p.pattern for r in RULES for p in r.patterns])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data(), before=AROUND, after=AROUND)
def test_a_pattern_without_its_assertions_matches_wherever_it_did(pattern, data, before, after):
    compiled = re.compile(pattern)
    relaxed = without_assertions(compiled)
    assert relaxed is not None
    text = data.draw(st.from_regex(compiled, fullmatch=False))
    assert relaxed.search(before + text + after), (pattern, before, text, after)


def test_a_pattern_that_commits_to_a_path_is_not_relaxed():
    # (?>a(?!b)|ab)c matches "abc"; without the lookahead the group would commit to "a".
    assert re.search(r"(?>a(?!b)|ab)c", "abc") and without_assertions(re.compile(r"(?>a(?!b)|ab)c")) is None


SENTENCE_RULES = [r for r in RULES if r.scope in ("sentence", "phrase")]
FILTER = MatchFilter({r.name: r.patterns for r in SENTENCE_RULES})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data(), before=AROUND, after=AROUND)
def test_the_match_filter_keeps_every_piece_a_pattern_matches_in(data, before, after):
    rule = data.draw(st.sampled_from(SENTENCE_RULES))
    pattern = data.draw(st.sampled_from(rule.patterns))
    part = data.draw(st.from_regex(pattern, fullmatch=False))
    piece = before + part + after
    assert FILTER.may_match(piece, frozenset({rule.name}))
    # Told what a scan of a longer text (the whole line) found, it says the same.
    line = "前文" + piece + "后文"
    assert FILTER.may_match(piece, frozenset({rule.name}), present=FILTER.scan.keys_in(line))


def test_the_match_filter_rules_out_prose_without_chrome():
    assert not FILTER.may_match("我们在会议上讨论了明年的工作计划。", frozenset(r.name for r in SENTENCE_RULES))


def test_the_filter_travels_pickled():
    import pickle

    again = pickle.loads(pickle.dumps(FILTER))
    assert again.may_match("本站不保证内容的准确性", frozenset({"legal_statement"}))


# --- the stage against itself with the filters switched off --------------------------------

class _NoFilter:
    """The reference: every piece with a sentence rule's literal is read sentence by sentence."""

    def may_match(self, text, keys, present=None) -> bool:
        return True


def _reference_stage() -> StripSiteChrome:
    stage = StripSiteChrome()
    stage.sentence_filter = _NoFilter()  # type: ignore[assignment]
    return stage


FAST, REFERENCE = StripSiteChrome(), _reference_stage()
# Invented lines: chrome of the shapes the rules know (counters, widgets, notices, footers,
# upload rows, URLs, disclaimers) and prose with numbers, beside each other.
LINES = [
    "阅读 1024 | 收藏 12 | 分享", "下载 | 打印 | 举报", "12 阅 3 转藏", "已有 58 人下载 ｜ 需 3 积分",
    "还剩 7 页未读，继续阅读全文", "点击展开全文", "本文档仅提供部分内容预览", "喜欢就下载吧。",
    "上传人：山间小雨  上传时间：2024-03-02  页数：12页", "文档格式：DOC | 大小：36KB",
    "网址：www.example-docs.cn", "http://wenku.example.net/p/123.html", "Copyright © 2024 某某文库 版权所有",
    "本站仅提供信息存储空间服务，不拥有所有权。", "如有侵权请联系本站删除。", "会议纪要_学习文库",
    "相关推荐", "年度工作总结范文", "关注公众号获取更多资料", "客服电话：400-123-4567",
    "2023年全县粮食产量达到12.5万吨，同比增长3%。", "一、加强组织领导，会议于3月26日召开。",
    "第二，我们要把工作做细做实，下载量与阅读量都不是目标。", "全村共有农户362户，其中脱贫户48户",
    "他说：“明年再来。”然后走了。", "(1)提高认识 (2)落实责任", "【本文地址：www.a-b.cn/x】",
]
PARTS = st.one_of(st.sampled_from(LINES), st.lists(st.sampled_from(LINES), min_size=2, max_size=4).map(" ".join))
PAGES = st.lists(PARTS, min_size=1, max_size=12).map("\n".join)


def _run(stage: StripSiteChrome, text: str) -> tuple:
    doc = stage.process(Document(source="x.txt", text=text))
    return doc.text, doc.title, doc.metadata, doc.flags, [repr(e) for e in doc.edits]


@SETTINGS
@given(text=PAGES)
def test_the_stage_with_its_filters_gives_what_it_gives_without_them(text):
    assert _run(FAST, text) == _run(REFERENCE, text)


def test_the_generated_pages_hold_chrome_the_stage_takes():
    # The comparison above is worth something only if the pages hold chrome.
    text, *_, edits = _run(FAST, "\n".join(LINES))
    assert len(edits) >= 5 and "收藏 12" not in text


# --- the plain walks the shortcuts replace --------------------------------------------------

def reference_pieces(view: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for gap in LOST_BREAK.finditer(view, start, end):
        out.append((s, gap.start()))
        s = gap.end()
    return out + [(s, end)]


LINE_TEXT = st.lists(st.sampled_from(["文", "字", "。", "！", " ", "  ", "“", "（", "a", "1", ","]), max_size=30).map("".join)


@SETTINGS
@given(text=LINE_TEXT)
def test_pieces_are_cut_as_by_the_plain_scan(text):
    assert pieces_of(text, 0, len(text)) == reference_pieces(text, 0, len(text))


@SETTINGS
@given(text=LINE_TEXT)
def test_sentences_are_cut_at_lost_breaks_as_by_the_plain_scan(text):
    from pipeline.stages.site_chrome_pieces import SENTENCE

    expected = []
    for m in SENTENCE.finditer(text, 0, len(text)):
        if m.end() <= m.start() or not text[m.start():m.end()].strip():
            continue
        s = m.start()
        for gap in LOST_BREAK.finditer(text, m.start(), m.end()):
            if text[s:gap.start()].strip():
                expected.append((s, gap.start()))
                s = gap.start()
        expected.append((s, m.end()))
    assert list(sentence_units(text, 0, len(text))) == expected


def reference_line_cover(lines, taken):
    out, k = [], 0
    for s, e in lines:
        while k < len(taken) and taken[k][1] < e:
            k += 1
        whole = k < len(taken) and taken[k][0] <= s
        out.append((whole, whole or any(a < e and b > s for a, b in taken[max(0, k - 1):k + 1])))
    return out


def _stretches(cuts: list[int]) -> list[tuple[int, int]]:
    """Sorted disjoint non-empty stretches from sorted distinct cut points, pairwise."""
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]


CUTS = st.lists(st.integers(0, 80), unique=True, max_size=24).map(sorted)


@SETTINGS
@given(line_cuts=CUTS, spans=st.lists(st.tuples(st.integers(0, 80), st.integers(0, 12)), max_size=8))
def test_line_cover_is_the_plain_walk(line_cuts, spans):
    lines = _stretches(line_cuts)
    taken = chrome_lines.merged([Span(a, a + n, "", "r") for a, n in spans])
    assert line_cover(lines, taken) == reference_line_cover(lines, taken)


@SETTINGS
@given(text=PAGES, data=st.data())
def test_related_blocks_read_every_line_that_holds_a_heading_literal(text, data):
    # The reference reads every line as a possible heading (as when a heading pattern has
    # no literal); the fast path only those holding one. Removed spans: some whole lines.
    rule = next(r for r in RULES if r.name == "related_links")
    from pipeline.charsets import iter_lines, match_view

    folded = match_view(text)
    lines = [(s, e) for s, e in iter_lines(text) if text[s:e].strip()]
    chosen = data.draw(st.lists(st.sampled_from(lines), max_size=3, unique=True)) if lines else []
    removed = [Span(s, min(e + 1, len(text)), "", "x") for s, e in sorted(chosen)]
    fast = chrome_related.related_blocks(text, folded, removed, rule)
    original = chrome_related.heading_literal_starts
    chrome_related.heading_literal_starts = lambda folded, rule: None
    try:
        assert fast == chrome_related.related_blocks(text, folded, removed, rule)
    finally:
        chrome_related.heading_literal_starts = original


def test_the_lines_holding_positions_are_found_by_bisection():
    lines = [(0, 4), (5, 9), (12, 20)]
    assert chrome_related._lines_holding(lines, [1, 4, 10, 12, 19, 25]) == [0, 2]


KEY_BITS = st.lists(st.sampled_from(["上传人", "作者", "文档编号", "大小", "下载次数", "Uploaded by", "Date", "积分", "【", "】",
                                     "[", "]", "：", ":", "于", "|", "/", " ", "2024-01-09", "12.3 KB", "用户 张三", "我们",
                                     "，", "。", "会议", "3", "编号", "ID", "资源", "页面ID", "A"]), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(line=KEY_BITS)
def test_upload_pairs_tried_at_keys_only_match_as_finditer(line):
    from pipeline.metadata import _ID_OTHER_UPLOAD_PAIRS, _ID_UPLOAD_PAIR, OTHER_UPLOAD_PAIRS, UPLOAD_PAIR
    starts, id_starts = chrome_rows._key_starts(line), chrome_rows._key_starts(line, ids=True)
    for pattern in (UPLOAD_PAIR, *OTHER_UPLOAD_PAIRS, _ID_UPLOAD_PAIR, *_ID_OTHER_UPLOAD_PAIRS):
        at = id_starts if pattern in (_ID_UPLOAD_PAIR, *_ID_OTHER_UPLOAD_PAIRS) else starts
        assert [(m.span(), m.groups()) for m in chrome_rows._matches_at(pattern, line, at)] == \
            [(m.span(), m.groups()) for m in pattern.finditer(line)], (pattern.pattern[:40], line)
