"""The seventh unseen-site check (tests/fixtures/unseen7) is what it says it is.

A sealed measurement, not a target: `make unseen7` builds its pages with pipeline.toml and
scores them with ../shared/tools/score.py; the integrator compares that score line before
and after a session. These tests hold the check itself to its description (templates,
encodings, previews, page furniture, clean pages, typos, a bundle, the browser mojibake page),
reproducible from its own generator and page definitions, and sharing nothing with the six
earlier checks. They assert nothing about the pipeline or its score.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_unseen3_sites import load_gold, squash  # the same gold reader and NFKC squash

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UNSEEN7 = FIXTURES / "unseen7"
EARLIER = tuple(FIXTURES / name for name in ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6"))
SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "cleaning.md"
META = ("source_site", "source_url", "uploader", "site_doc_id", "upload_date", "file_format", "page_count", "file_size")
SYNONYM_PAIRS = {("进展", "进行"), ("到达", "达到"), ("平安", "安全"), ("程度", "水平"), ("详细", "具体"), ("仔细", "认真")}
OCR_PAIRS = {("士", "土"), ("入", "人"), ("己", "已")}


def raw_text(src: str, g: dict) -> str:
    return (UNSEEN7 / "pages" / src).read_bytes().decode(g["encoding"]).lstrip("\ufeff").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    return load_gold(UNSEEN7)


def by_template(gold: dict, template: str) -> tuple[str, dict]:
    (hit,) = [(src, g) for src, g in gold.items() if g["notes"]["template"] == template]
    return hit


def test_the_check_is_what_it_says(gold):
    """17 pages from 14 templates, 4+ previews, 3 clean pages, a bundle of two, the eight
    encodings it was written with, one browser-mojibake page, 6-10 typos on 2-4 pages."""
    notes = [g["notes"] for g in gold.values()]
    assert 16 <= len(gold) <= 18 and len({n["template"] for n in notes} - {"clean"}) >= 13
    assert sum(d["truncated"] for g in gold.values() for d in g["documents"]) >= 4
    assert sum(n["template"] == "clean" for n in notes) == 3
    assert [len(g["documents"]) for g in gold.values() if len(g["documents"]) > 1] == [2]
    encodings = {"utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16-le+bom", "utf-16-be+bom", "utf8-as-gbk"}
    assert encodings <= {n["encoding"] for n in notes}
    assert [n["mojibake"] for n in notes if n["mojibake"]] == ["gbk_browser"]
    assert 6 <= sum(len(g["typos"]) for g in gold.values()) <= 10
    assert 2 <= sum(bool(g["typos"]) for g in gold.values()) <= 4


def test_documents_and_gold_fields(gold):
    """Every document is 300-1500 characters, one paragraph a line, with the gold fields score.py
    reads; dates are ISO, page counts integers; clean pages have no title and no metadata."""
    for src, g in gold.items():
        assert set(g) >= {"source", "encoding", "documents", "typos", "chrome", "notes"} and g["source"] == src
        for d in g["documents"]:
            assert 300 <= len(d["text"]) <= 1500 and "\n\n" not in d["text"], src
            assert all(line == line.strip() for line in d["text"].split("\n")), src
            assert tuple(d["meta"]) == META and isinstance(d["truncated"], bool)
            assert d["meta"]["upload_date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", d["meta"]["upload_date"])
            assert d["meta"]["page_count"] is None or isinstance(d["meta"]["page_count"], int)
            assert not re.search(r"\.(docx?|pdf|txt)$", d["title"]), src
            if g["notes"]["template"] == "clean":
                assert d["title"] == "" and not any(d["meta"].values()), src
            else:
                assert d["meta"]["source_site"], src


def test_previews_cut_and_whole(gold):
    """Truncated documents stop mid-sentence; the expander page says "preview" yet holds the whole
    plan (not truncated, ends on its date), and the bundle's preview stops in its second document."""
    for src, g in gold.items():
        for d in g["documents"]:
            if d["truncated"]:
                assert d["text"][-1] not in "。！？”：）", src
    src, g = by_template(gold, "collapsed-fulltext-expander")
    assert not g["documents"][0]["truncated"] and g["documents"][0]["text"].endswith("2024年8月28日")
    assert "预览" in raw_text(src, g) and "展开" in raw_text(src, g)
    _, g = by_template(gold, "bundle-collection-two-rules")
    assert [d["truncated"] for d in g["documents"]] == [False, True]


def test_page_furniture_layouts(gold):
    """Running headers with page numbers, a hard-wrapped page, a one-line page and page-chunk markers
    that land mid-sentence beside a real `1、2、3、` list."""
    src, g = by_template(gold, "paged-reader-running-header")
    text = raw_text(src, g)
    assert text.count(g["documents"][0]["title"]) >= 4 and all(f"- {n} -" in text for n in range(1, 5))
    src, g = by_template(gold, "pdf-textlayer-hardwrap")
    body_lines = [x for x in raw_text(src, g).split("\n") if len(x) >= 30]
    assert len(body_lines) >= 15
    src, g = by_template(gold, "mobile-oneline-app-gate")
    assert "\n" not in raw_text(src, g) and g["documents"][0]["text"].count("\n") >= 3
    src, g = by_template(gold, "chunked-slices-nfkc-preview")
    text = raw_text(src, g)
    assert re.findall(r"\n\n(\d)、", text) == ["2", "3", "4"] and "1、设施布局" in g["documents"][0]["text"]
    assert "," in text and "," not in g["documents"][0]["text"]


def test_every_raw_page_decodes_with_its_gold_encoding(gold):
    """Each page reads back with the encoding its gold names and (but for the mojibake page)
    shows the start of every document's first line; the GB18030 page needs GB18030."""
    for src, g in gold.items():
        text = raw_text(src, g)
        if not g["notes"]["mojibake"]:
            assert all(d["text"].split("\n")[0][:6] in text for d in g["documents"]), src
    gb18030 = [src for src, g in gold.items() if g["encoding"] == "gb18030"]
    assert gb18030 and all(not _encodes(raw_text(src, gold[src]), "gbk") for src in gb18030)
    boms = [(UNSEEN7 / "pages" / src).read_bytes()[:3] for src in gold]
    assert sum(b.startswith(b"\xfe\xff") for b in boms) == 1 and sum(b.startswith(b"\xff\xfe") for b in boms) == 1
    assert sum(b.startswith(b"\xef\xbb\xbf") for b in boms) == 1
    (big5,) = [g for g in gold.values() if g["encoding"] == "big5"]
    assert "學" in big5["documents"][0]["text"]  # a document in traditional script stays traditional


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def test_mojibake_page_is_the_browser_view_of_its_gold(gold):
    """The mojibake page holds none of its gold lines as written, shows the euro sign a browser's
    GBK decoder gives byte 0x80, and its notes count the bytes the decoder destroyed."""
    (src,) = [src for src, g in gold.items() if g["notes"]["mojibake"]]
    text, g = raw_text(src, gold[src]), gold[src]
    assert "\u20ac" in text and not any(line[:6] in text for d in g["documents"] for line in d["text"].split("\n"))
    assert g["notes"]["bytes_destroyed"] == text.count("\ufffd") > 0


def test_no_chrome_string_in_the_gold_text(gold):
    for src, g in gold.items():
        body = squash("\n".join(d["text"] for d in g["documents"]))
        assert not [c for c in g["chrome"] if squash(c) in body], src
        if not g["notes"]["mojibake"]:
            assert all(squash(c) in squash(raw_text(src, g)) for c in g["chrome"]), src


def test_clean_pages_are_their_gold_text(gold):
    for src, g in gold.items():
        if g["notes"]["template"] == "clean":
            assert [d["text"] for d in g["documents"]] == [raw_text(src, g).rstrip("\n")] and not g["chrome"], src


def test_typo_records_point_at_the_fix(gold):
    """Each record's context finds the fix once in the gold and the planted form in the raw page;
    the pairs are the round-trip synonym family (none of the spec's listed examples) and OCR look-alikes."""
    pairs = set()
    for src, g in gold.items():
        raw = squash(raw_text(src, g))
        for t in g["typos"]:
            text = g["documents"][t["doc"]]["text"]
            assert text.count(t["left"] + t["after"] + t["right"]) == 1
            assert t["left"] + t["before"] + t["right"] not in text
            assert squash(t["left"] + t["before"] + t["right"]) in raw
            pairs.add((t["before"], t["after"]))
    assert pairs == SYNONYM_PAIRS | OCR_PAIRS
    if SPEC.is_file():
        listed = SPEC.read_text(encoding="utf-8").split("## 5. Typos")[1].split("## 6.")[0]
        assert not [b for b, _ in SYNONYM_PAIRS if b in listed]


def test_the_check_shares_nothing_with_the_earlier_ones(gold):
    """No chrome string, title or body line of this check occurs in the earlier checks' gold,
    and no template name or source name is reused."""
    earlier = [g for folder in EARLIER for g in load_gold(folder).values()]
    earlier_text = "\n".join([d["text"] for g in earlier for d in g["documents"]]
                             + [c for g in earlier for c in g["chrome"]]
                             + [d["title"] for g in earlier for d in g["documents"]])
    shared = [c for g in gold.values() for c in g["chrome"] if len(c) >= 6 and c in earlier_text]
    shared += [d["title"] for g in gold.values() for d in g["documents"] if d["title"] and d["title"] in earlier_text]
    shared += [line for g in gold.values() for d in g["documents"] for line in d["text"].split("\n")
               if len(line) >= 12 and line in earlier_text]
    assert not shared, len(shared)
    assert not ({g["notes"]["template"] for g in gold.values()} - {"clean"}) & {g["notes"]["template"] for g in earlier}
    assert not set(gold) & {g["source"] for g in earlier}


def test_pages_are_what_the_generator_writes():
    """pages/ and gold/ are reproducible from sealed_defs.py (edit there, rerun make_pages.py)."""
    done = subprocess.run([sys.executable, str(UNSEEN7 / "make_pages.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-500:] + done.stderr[-2000:]
