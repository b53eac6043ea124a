"""Sentences and words: where a Chinese sentence ends, what never ends one, and tokens
that always rebuild their sentence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import Document
from pipeline.stages.segment import Segment, SegmentSettings, split_sentences, tokens_of


def test_end_marks_and_closing_quotes_stay_with_their_sentence():
    line = "主任问道：“任务完成了吗？”大家齐声回答：“完成了！”接下来……还要继续努力。（见附表。）"
    assert split_sentences(line) == ["主任问道：“任务完成了吗？”", "大家齐声回答：“完成了！”", "接下来……",
                                     "还要继续努力。", "（见附表。）"]


def test_no_split_inside_a_book_title_a_file_name_or_a_url():
    line = "组织观看《奋斗吧！青年》专题片。会后下载《通知》附件为什么要改革？.pdf学习。网址http://x.cn/a?b=1已公布。"
    assert split_sentences(line) == ["组织观看《奋斗吧！青年》专题片。", "会后下载《通知》附件为什么要改革？.pdf学习。",
                                     "网址http://x.cn/a?b=1已公布。"]


def test_a_range_of_numbers_is_not_a_sentence_end():
    assert split_sentences("第3…5条由各乡镇负责落实。其余另行通知。") == ["第3…5条由各乡镇负责落实。", "其余另行通知。"]


def test_a_heading_line_is_one_sentence():
    assert split_sentences("三、为什么要改？怎么改？") == ["三、为什么要改？怎么改？"]
    assert split_sentences("（二）强化督查问责") == ["（二）强化督查问责"]
    # a long line that opens with a number is a paragraph, split as usual
    long_item = "1．各村要在月底前完成排查。" + "排查结果报镇农业服务中心汇总，逐户建立台账。" * 2
    assert len(split_sentences(long_item)) == 3


def test_semicolon_splits_only_when_asked():
    line = "一要抓学习；二要抓落实。"
    assert split_sentences(line) == ["一要抓学习；二要抓落实。"]
    assert split_sentences(line, split_on_semicolon=True) == ["一要抓学习；", "二要抓落实。"]


def test_paragraphs_are_lines_and_sentences_never_cross_them():
    doc = Segment(SegmentSettings()).process(Document("t.txt", text="第一段没有句号\n第二段。第二句！"))
    assert [(p, s, text) for p, s, text, _ in doc.sentences] == [(0, 0, "第一段没有句号"), (1, 0, "第二段。"),
                                                                 (1, 1, "第二句！")]


def test_tokens_keep_inner_spaces():
    assert tokens_of("升级到 Windows 10 版本") == ["升级", "到", " ", "Windows", " ", "10", " ", "版本"]


# Common Han characters (a slice of GB2312 level 1), the marks that end or wrap sentences,
# spaces and a few ASCII characters.
HAN = "".join(bytes([0xB0 + i // 94, 0xA1 + i % 94]).decode("gb2312") for i in range(0, 3000, 7))
CHARS = st.sampled_from(list(HAN + "。，！？…“”《》、：；（） 　\t0123456789abcXYZ.?!"))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(CHARS, max_size=120))
def test_tokens_joined_are_the_sentence_and_sentences_are_the_line(line):
    sentences = split_sentences(line)
    assert "".join("".join(sentences).split()) == "".join(line.split())  # nothing lost but spaces between
    for sentence in sentences:
        assert sentence == sentence.strip() and sentence
        assert "".join(tokens_of(sentence)) == sentence


def reference_sentences(paragraph: str, split_on_semicolon: bool = False) -> list[str]:
    """The stage's sentences the plain way, one line at a time, every guarded span searched
    for in every line: what the one-scan `sentences_of` must equal."""
    from pipeline.metadata import URL
    from pipeline.stages.repeated_paragraphs import is_heading
    from pipeline.stages.segment import _BOOK_TITLE, _FILE_NAME, _NUMBER, MAX_HEADING_CHARS, end_pattern

    if is_heading(paragraph, MAX_HEADING_CHARS):
        return [paragraph.strip()] if paragraph.strip() else []
    protected = [m.span() for p in (_BOOK_TITLE, URL, _FILE_NAME, _NUMBER) for m in p.finditer(paragraph)]
    cuts = [m.end() for m in end_pattern(split_on_semicolon).finditer(paragraph)
            if not any(s < m.start() < e or s < m.end() < e for s, e in protected)]
    pieces = [paragraph[a:b] for a, b in zip([0, *cuts], [*cuts, len(paragraph)])]
    return [p.strip() for p in pieces if p.strip()]


# Lines with what ends a sentence and what protects an end mark: book titles, URLs (with
# and without a dot), file names, ranges of numbers, numbered headings, spaces.
PIECES = st.sampled_from(["。", "！", "？", "…", "……", "；", "”", "）", "'", "\"", "《", "》", "《通知！》", "http://x/a?b",
                          "https://localhost", "www.a.cn", "a.gov.cn/x", "改革？.pdf", "说明.DOCX", "3…5", "1．2",
                          "一、", "（二）", "1.", " ", "\u3000", "\t", "\n", "\n\n", "x", "2026"])
LINES = st.lists(st.one_of(PIECES, st.text(st.sampled_from(list(HAN[:40])), min_size=1, max_size=12)),
                 max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINES, st.booleans())
def test_one_scan_of_the_text_gives_the_sentences_of_each_line(text, semicolon):
    from pipeline.stages.segment import sentences_of

    expected = [(p, s, sentence) for p, line in enumerate(text.split("\n"))
                for s, sentence in enumerate(reference_sentences(line, semicolon))]
    assert sentences_of(text, semicolon) == expected
