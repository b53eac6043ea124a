"""The sixth unseen-site check (tests/fixtures/unseen6) is what it says it is.

A measurement (sealed until the seventh check existed, tuned on since): `make unseen6` builds
its pages with pipeline.toml and scores them with ../shared/tools/score.py.
These tests hold the check itself to its description (templates,
encodings, previews, clean pages, typos, a bundle, the browser mojibake page), reproducible
from its own generator and page definitions, and sharing nothing with the earlier checks.
They assert nothing about the score.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_unseen3_sites import load_gold, squash  # the same gold reader and NFKC squash

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UNSEEN6 = FIXTURES / "unseen6"
EARLIER = tuple(FIXTURES / name for name in ("unseen", "unseen2", "unseen3", "unseen4", "unseen5"))


def raw_text(src: str, g: dict) -> str:
    return (UNSEEN6 / "pages" / src).read_bytes().decode(g["encoding"]).lstrip("\ufeff").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    return load_gold(UNSEEN6)


def test_the_check_is_what_it_says(gold):
    """16-18 pages from 13+ templates, 4+ previews, 3 clean pages, a bundle of two, the
    encodings it was written with, one browser-mojibake page, and planted typos."""
    notes = [g["notes"] for g in gold.values()]
    assert 16 <= len(gold) <= 18 and len({n["template"] for n in notes} - {"clean"}) >= 13
    assert sum(d["truncated"] for g in gold.values() for d in g["documents"]) >= 4
    assert any(not d["truncated"] for g in gold.values() if g["notes"]["template"] != "clean" for d in g["documents"])
    assert sum(n["template"] == "clean" for n in notes) == 3
    assert any(len(g["documents"]) == 2 for g in gold.values())
    encodings = {"utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16-le+bom", "utf-16-be+bom", "utf8-as-gbk"}
    assert encodings <= {n["encoding"] for n in notes}
    assert [n["mojibake"] for n in notes if n["mojibake"]] == ["gbk_browser"]
    assert 6 <= sum(len(g["typos"]) for g in gold.values()) <= 10
    assert 2 <= sum(bool(g["typos"]) for g in gold.values()) <= 4


def test_every_raw_page_decodes_with_its_gold_encoding(gold):
    """Each page reads back with the encoding its gold names and (but for the mojibake page)
    shows the start of every document's first line; the GB18030 page needs GB18030."""
    for src, g in gold.items():
        text = raw_text(src, g)
        if not g["notes"]["mojibake"]:
            assert all(d["text"].split("\n")[0][:6] in text for d in g["documents"]), src
    gb18030 = [src for src, g in gold.items() if g["encoding"] == "gb18030"]
    assert any(not _encodes(raw_text(src, gold[src]), "gbk") for src in gb18030)
    boms = [(UNSEEN6 / "pages" / src).read_bytes()[:3] for src in gold]
    assert sum(b.startswith(b"\xfe\xff") for b in boms) == 1 and sum(b.startswith(b"\xff\xfe") for b in boms) == 1
    assert sum(b.startswith(b"\xef\xbb\xbf") for b in boms) == 1


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def test_mojibake_page_is_the_browser_view_of_its_gold(gold):
    """The mojibake page holds none of its gold sentences as written, and shows the euro sign
    a browser's GBK decoder gives byte 0x80."""
    (src,) = [src for src, g in gold.items() if g["notes"]["mojibake"]]
    text, g = raw_text(src, gold[src]), gold[src]
    assert "\u20ac" in text and not any(line[:6] in text for d in g["documents"] for line in d["text"].split("\n"))


def test_no_chrome_string_in_the_gold_text(gold):
    for src, g in gold.items():
        body = squash("\n".join(d["text"] for d in g["documents"]))
        assert not [c for c in g["chrome"] if squash(c) in body], src


def test_clean_pages_are_their_gold_text(gold):
    for src, g in gold.items():
        if g["notes"]["template"] == "clean":
            assert [d["text"] for d in g["documents"]] == [raw_text(src, g).rstrip("\n")] and not g["chrome"], src


def test_typo_records_point_at_the_fix(gold):
    for g in gold.values():
        for t in g["typos"]:
            text = g["documents"][t["doc"]]["text"]
            assert t["left"] + t["after"] + t["right"] in text
            assert t["left"] + t["before"] + t["right"] not in text


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
    done = subprocess.run([sys.executable, str(UNSEEN6 / "make_pages.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-500:] + done.stderr[-2000:]
