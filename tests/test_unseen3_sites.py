"""The third unseen-site check (tests/fixtures/unseen3) is what it says it is.

A sealed measurement, not a target: `make unseen3` builds its pages with pipeline.toml and
scores them with ../shared/tools/score.py, and the integrator compares that score line
before and after a session. These tests hold only the check itself to its description
(pages, templates, encodings, previews, clean pages, typos, a bundle), reproducible from its
page definitions and apart from the first two checks. They assert nothing about the score.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UNSEEN3 = FIXTURES / "unseen3"
EARLIER = (FIXTURES / "unseen", FIXTURES / "unseen2")


def load_gold(folder: Path) -> dict[str, dict]:
    return {g["source"]: g for g in (json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "gold").glob("*.json")))}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def raw_text(src: str, g: dict) -> str:
    return (UNSEEN3 / "pages" / src).read_bytes().decode(g["encoding"]).lstrip("\ufeff").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    return load_gold(UNSEEN3)


def test_the_check_is_what_it_says(gold):
    """16 pages from 12 templates, 4+ previews, 3 clean pages, a bundle of two, the encodings
    and the browser mojibake it was written with, and planted typos."""
    notes = [g["notes"] for g in gold.values()]
    assert len(gold) >= 16 and len({n["template"] for n in notes} - {"clean"}) >= 12
    assert sum(d["truncated"] for g in gold.values() for d in g["documents"]) >= 4
    assert sum(n["template"] == "clean" for n in notes) == 3
    assert any(len(g["documents"]) == 2 for g in gold.values())
    encodings = {"gbk", "gb18030", "big5", "utf-16-le", "utf-16-be+bom", "utf-8-sig", "utf-8"}
    assert encodings <= {n["encoding"] for n in notes}
    assert [n["mojibake"] for n in notes if n["mojibake"]] == ["gbk_browser"]
    assert sum(len(g["typos"]) for g in gold.values()) >= 6


def test_every_raw_page_decodes_with_its_gold_encoding(gold):
    """Each page reads back with the encoding its gold names, and (but for the mojibake page)
    shows the start of every document's first line."""
    for src, g in gold.items():
        text = raw_text(src, g)
        if not g["notes"]["mojibake"]:
            assert all(d["text"].split("\n")[0][:6] in text for d in g["documents"]), src
    boms = {src: (UNSEEN3 / "pages" / src).read_bytes()[:3] for src in gold}
    assert sum(b.startswith(b"\xfe\xff") for b in boms.values()) == 1
    assert sum(b.startswith(b"\xef\xbb\xbf") for b in boms.values()) == 1


def test_no_chrome_string_in_the_gold_text(gold):
    for src, g in gold.items():
        body = squash("\n".join(d["text"] for d in g["documents"]))
        assert not [c for c in g["chrome"] if squash(c) in body], src


def test_clean_pages_are_their_gold_text(gold):
    for src, g in gold.items():
        if g["notes"]["template"] == "clean":
            assert [d["text"] for d in g["documents"]] == [raw_text(src, g)] and not g["chrome"], src


def test_the_check_shares_nothing_with_the_first_two(gold):
    """No chrome string, title or body line of this check occurs in the earlier checks' gold,
    and no template name is reused."""
    earlier = [g for folder in EARLIER for g in load_gold(folder).values()]
    earlier_text = "\n".join([d["text"] for g in earlier for d in g["documents"]]
                             + [c for g in earlier for c in g["chrome"]]
                             + [d["title"] for g in earlier for d in g["documents"]])
    shared = [c for g in gold.values() for c in g["chrome"] if len(c) >= 6 and c in earlier_text]
    shared += [d["title"] for g in gold.values() for d in g["documents"] if d["title"] and d["title"] in earlier_text]
    shared += [line for g in gold.values() for d in g["documents"] for line in d["text"].split("\n")
               if len(line) >= 12 and line in earlier_text]
    assert not shared, shared[:5]
    assert not ({g["notes"]["template"] for g in gold.values()} - {"clean"}) & {g["notes"]["template"] for g in earlier}
    assert not set(gold) & {g["source"] for g in earlier}


def test_pages_are_what_the_generator_writes():
    """pages/ and gold/ are reproducible from sealed_defs.py (edit there, rerun make_pages.py)."""
    done = subprocess.run([sys.executable, str(UNSEEN3 / "make_pages.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-500:] + done.stderr[-2000:]
