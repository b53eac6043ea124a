"""split_documents' shortcuts give what the plain rules give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.charsets import han_chars, is_han, match_view
from pipeline.document import Document
from pipeline.stages.split_documents import SplitDocuments

CHARS = st.sampled_from(list("党建工作总结报告讲话通知方案试行，。！？：；（）() \u3000\t2023年月日|abcＡ１㐀𠀀豈鿿"))


@settings(max_examples=500, deadline=None)
@given(st.text(CHARS, max_size=60))
def test_han_characters_are_counted_as_the_character_test_counts_them(line):
    # is_title_shaped counts a line's Han characters by one scan (han_chars)
    assert len(han_chars(line)) == sum(is_han(c) for c in line)


def reference_running_title(doc: Document) -> list[tuple[int, int]]:
    key = re.sub(r"\s+", "", match_view(doc.title or ""))
    spans, pos = [], 0
    for line in match_view(doc.text).split("\n"):
        if pos and re.sub(r"\s+", "", line) == key:
            spans.append((pos - 1, pos + len(line)))
        pos += len(line) + 1
    return spans


LINES = st.lists(st.sampled_from(["XX县工作总结", "XX 县工作总结", " XX县工作总结 ", "XX縣工作總結",
                                  "今年以来，全县经济平稳运行。", "", "  ", "XX县工作", "工作总结"]), max_size=10).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["XX县工作总结", "XX 县 工作总结", "  ", "工作总结"]), LINES)
def test_running_title_lines_are_the_ones_the_plain_loop_finds(title, text):
    doc = Document(source="t", text=text, title=title)
    expected = reference_running_title(doc)
    SplitDocuments()._running_title(doc)
    assert [(e.position, e.position + len(e.before)) for e in doc.edits] == [
        (s - sum(b - a for a, b in expected[:i]), e - sum(b - a for a, b in expected[:i])) for i, (s, e) in enumerate(expected)]


HEADING_TEXT = st.lists(st.one_of(st.sampled_from(["。", "！", "\n", "，", "关于", "在全市", "工作会议上的讲话", "调研报告",
                                                   "方案", "的", "总结", "报告", "实施方案", "（", "）"]),
                                  st.text(st.sampled_from(list("全市党建工作会议乡村治理")), min_size=1, max_size=8)),
                        max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(HEADING_TEXT)
def test_the_heading_pattern_finds_what_the_plain_alternation_finds(text):
    stage = SplitDocuments()
    types = "|".join(map(re.escape, stage.doc_types))
    plain = re.compile(rf"(?<=[。！？!?\n])(?P<h>[^。！？!?，,：:；;“”\n]{{4,40}}?(?:{types}))(?=[^，,。、：:；;）)\n]|\n)")
    assert [m.span("h") for m in stage.heading.finditer(text)] == [m.span("h") for m in plain.finditer(text)]
