"""Invariants: nothing is lost outside recorded edits, clean text passes unchanged,
cleaning is idempotent, and every encoding of a seed gives the same document."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.document import Document, revert
from pipeline.executors import run_stages
from tests.conftest import SEEDS, clean_bytes, clean_text, gold_files, stages_named

SEED_FILES = sorted(SEEDS.glob("*.txt"))
CLEANING = ("repair_mojibake", "restore_line_breaks", "strip_site_chrome", "chrome_context", "pagination", "strip_site_chrome",
            "split_documents", "normalize", "fix_typos")
# Random character strings are not correct Chinese: the typo stage may rightly fix a
# non-word they happen to contain, so the clean-text property leaves it out.
LAYOUT_AND_CHARS = CLEANING[:-1]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_edits_replay_back_to_the_raw_file(path):
    raw = path.read_bytes().decode("utf-8")
    docs = clean_bytes(path.read_bytes(), path.name)
    if len(docs) == 1:
        assert revert(docs[0].text, docs[0].edits) == raw
    else:  # parts of a bundle: each part's own edits replay back to its slice
        for doc in docs:
            own = [e for e in doc.edits if e.stage not in ("decode", "strip_site_chrome", "pagination")
                   and e.rule != "bundle_heading"]
            assert revert(doc.text, own)


def test_gold_text_passes_unchanged():
    for gold in gold_files():
        for d in gold["documents"]:
            docs = clean_text(d["text"], *CLEANING)
            assert [x.text for x in docs] == [d["text"]], gold["source"]
            assert [e for x in docs for e in x.edits] == []


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_cleaning_is_idempotent_on_seeds(path):
    for doc in clean_bytes(path.read_bytes(), path.name):
        again = clean_text(doc.text, *CLEANING, title=doc.title)
        assert [d.text for d in again] == [doc.text]


ENCODINGS = ["utf-8-sig", "utf-16-le", "utf-16-be", "gb18030", "gbk"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_every_encoding_gives_the_same_documents(path, encoding):
    text = path.read_bytes().decode("utf-8")
    data = text.encode(encoding)
    if encoding.startswith("utf-16"):
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    expected = [(d.title, d.text) for d in clean_bytes(path.read_bytes(), path.name)]
    got = clean_bytes(data, path.name)
    assert [(d.title, d.text) for d in got] == expected
    assert got[0].metadata["encoding"] in {"utf-8", "utf-16-le", "utf-16-be", "gb18030"}


def test_undecodable_bytes_are_rejected_with_a_reason():
    from pipeline.stages.decode import DecodeError

    with pytest.raises(DecodeError, match="bad.bin"):
        clean_bytes(bytes(range(128, 256)) * 40, "bad.bin")


# GB2312 level 1: common simplified characters, none of which OpenCC t2s changes.
GB2312 = sorted({bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
                 if (hi, lo) < (0xD7, 0xFA)})
HAN = st.sampled_from(GB2312)
PUNCT = st.sampled_from(list("，。！？：；、“”（）,.:;!?\"' \n") + [
    "\n\n", "1、", "2、", "第1页", "- 2 -", "上传人:", "文档编号:12345", "下载", "微信abc12345", "www.a.com",
    "https://b.cn/1.html", "《", "》", "篇一：", "一一", "效劳", "根底", "试读结束", "版权所有", "2篇", "报告", "\u3000",
    "锟斤拷", "\ufffd", "å…š", "鍏氬缓", "ａｂ１"])
TEXT = st.lists(st.one_of(st.text(HAN, min_size=1, max_size=12), PUNCT), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
@example('“"“"')  # ASCII and curly quotes mixed on one line are paired together
@example("一一一一一一一一一一\u3000\"" + "一" * 37 + "\"")  # a space before an ASCII quote (found by CI)
def test_any_text_replays_and_is_idempotent(text):
    doc = Document(source="h.txt", text=text)
    docs = run_stages(stages_named(*CLEANING), doc)
    assert len(docs) == 1
    assert revert(docs[0].text, docs[0].edits) == text
    again = clean_text(docs[0].text, *CLEANING, title=docs[0].title)
    assert [d.text for d in again] == [docs[0].text]


CLEAN_SENTENCE = st.lists(st.text(HAN, min_size=2, max_size=15), min_size=2, max_size=6).map(
    lambda parts: "，".join(parts) + "。")


@settings(max_examples=100, deadline=None)
@given(st.lists(CLEAN_SENTENCE, min_size=1, max_size=8))
def test_clean_simplified_text_passes_unchanged(sentences):
    text = "\n".join("".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))
    docs = clean_text(text, *LAYOUT_AND_CHARS)
    assert [d.text for d in docs] == [text]


# Documents of short lines that are the author's, not chrome: poems, numbered lists,
# headings, a letter's closing, signature and date, with prose or without. Dressed in site
# chrome that the rules remove (at the page's head and foot, and between its parts), the
# context stage must give every line back.
WORDS = st.text(HAN, min_size=2, max_size=10)
POEM = st.lists(st.text(HAN, min_size=5, max_size=5) | st.text(HAN, min_size=7, max_size=7), min_size=2, max_size=4)
NUMBERED = st.lists(WORDS, min_size=2, max_size=4).flatmap(lambda items: st.sampled_from(
    [[f"{n}、{t}" for n, t in zip("一二三四", items)], [f"{n}.{t}" for n, t in enumerate(items, 1)],
     [f"（{n}）{t}" for n, t in zip("一二三四", items)]]))
LETTER_END = st.tuples(st.text(HAN, min_size=2, max_size=3), st.text(HAN, min_size=6, max_size=12)).map(
    lambda names: ["此致", "敬礼！", names[0], names[1], "2024年1月8日"])
LEAD_IN = st.tuples(WORDS, CLEAN_SENTENCE).map(lambda t: [t[0] + "：", t[1]])
BLOCK = st.one_of(POEM, NUMBERED, LETTER_END, CLEAN_SENTENCE.map(lambda s: [s]), LEAD_IN)
HEAD = ["您好，欢迎访问青禾文库", "当前位置：首页 > 文档中心 > 正文"]
FOOT = ["Copyright © 2008-2024 qinghe.com All Rights Reserved", "浙ICP备12345678号-1"]
BETWEEN = "本文档由用户上传，如有侵权请联系删除。"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCK, min_size=1, max_size=6), st.integers(0, 2), st.integers(0, 2), st.booleans())
# (Found in CI: a letter's closing, and a poem, amid chrome had passed for a menu dumped one item a line.)
@example([["此致", "敬礼！", "王五", "青禾区教育局办公室", "2024年1月8日"], ["会议于下午三时结束，与会人员合影。"]], 1, 0, False)
@example([["会议于下午三时结束，与会人员合影留念。"], ["江南可采莲", "莲叶何田田", "鱼戏莲叶间"]], 0, 0, True)
def test_short_author_lines_amid_chrome_are_kept(blocks, head, foot, chrome_between_blocks):
    lines = [line for block in blocks for line in block]
    page = HEAD[:head]
    for n, block in enumerate(blocks):
        if chrome_between_blocks and n:
            page.append(BETWEEN)
        page += block
    page += FOOT[:foot]
    [rules_only] = clean_text("\n".join(page), "strip_site_chrome")
    # Given chrome rules that took only the chrome (a random name may be a site word: 分类),
    assume([line for line in rules_only.text.split("\n") if line] == lines)
    # the context takes nothing of the author's.
    [doc] = clean_text("\n".join(page), "strip_site_chrome", "chrome_context")
    assert not [(e.before, e.rule, e.evidence) for e in doc.edits if e.stage == "chrome_context"]


# Clean prose holding what the chrome rules look for: colons, commas, dates, numbers,
# book titles, quotes, separators, and short lines (list headings, a signature, a date).
CLAUSE_WORDS = st.text(HAN, min_size=2, max_size=8)
CLAUSE = st.one_of(
    CLAUSE_WORDS,
    st.builds(lambda a, b: f"{a}：{b}", CLAUSE_WORDS, CLAUSE_WORDS),
    st.builds(lambda a, y, m, d: f"{a}{y}年{m}月{d}日", CLAUSE_WORDS, st.integers(2000, 2030), st.integers(1, 12),
              st.integers(1, 28)),
    st.builds(lambda a, n: f"{a}{n}%", CLAUSE_WORDS, st.floats(0.1, 99.9).map(lambda x: f"{x:.1f}")),
    st.builds(lambda a, n, u: f"{a}{n}{u}", CLAUSE_WORDS, st.integers(1, 9999),
              st.sampled_from(["万元", "人", "个", "次", "户"])),
    st.builds(lambda a, b: f"{a}《{b}》", CLAUSE_WORDS, CLAUSE_WORDS),
    st.builds(lambda a, b: f"{a}“{b}”", CLAUSE_WORDS, CLAUSE_WORDS),
    st.builds(lambda a, b: f"{a}——{b}", CLAUSE_WORDS, CLAUSE_WORDS),
)
PROSE = st.lists(CLAUSE, min_size=2, max_size=5).map(lambda parts: "，".join(parts) + "。")
SHORT_LINE = st.one_of(
    st.builds(lambda n, w: f"{'一二三四五六'[n]}、{w}", st.integers(0, 5), CLAUSE_WORDS),
    st.builds(lambda n, w: f"（{'一二三四五六'[n]}）{w}", st.integers(0, 5), CLAUSE_WORDS),
)


@settings(max_examples=150, deadline=None)
# (Lines are distinct: a short line said three times is a running header by design.)
@given(st.lists(st.one_of(PROSE, PROSE, SHORT_LINE), min_size=1, max_size=10, unique=True), CLAUSE_WORDS,
       st.integers(2000, 2030), st.booleans())
def test_clean_prose_with_colons_dates_numbers_and_headings_passes_unchanged(lines, issuer, year, signed):
    paragraphs = list(lines)
    paragraphs.insert(0, "各单位：" if signed else "现将有关事项通知如下。")
    if signed:
        paragraphs += [f"{issuer}办公室", f"{year}年5月6日"]
    text = "\n".join(paragraphs)
    docs = clean_text(text, *LAYOUT_AND_CHARS)
    assert [d.text for d in docs] == [text]
    assert docs[0].title is None and not docs[0].flags.get("truncated")


def test_a_space_before_an_ascii_quote_in_a_flattened_line_is_judged_as_before_a_curly_one():
    # Pagination reads the space as a lost break before "…" as it will before “…” once
    # normalize has turned the quote: cleaning the output again changes nothing.
    text = ("会议要求\u3000\"全体党员要按时参加组织生活，认真学习有关文件，积极发言，会后把学习体会"
            "写成书面材料交党支部，支部汇总后报镇党委\"")
    [doc] = clean_text(text, *CLEANING)
    assert [d.text for d in clean_text(doc.text, *CLEANING, title=doc.title)] == [doc.text]
