"""The second unseen-site check (tests/fixtures/unseen2) is what it says it is.

It is a measurement, not a target: `make unseen2` builds its pages with pipeline.toml and
scores them with ../shared/tools/score.py. These tests only hold the check itself to its
description: enough pages and templates, the encodings, previews, clean pages and typos it
claims, reproducible from its page definitions, and apart from the first check (no shared
chrome string, title or sentence), so that tuning on one does not silently tune the other.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UNSEEN2, FIRST = FIXTURES / "unseen2", FIXTURES / "unseen"


def load_gold(folder: Path) -> dict[str, dict]:
    return {g["source"]: g for g in (json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "gold").glob("*.json")))}


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    return load_gold(UNSEEN2)


def test_the_check_is_what_it_says(gold):
    """16 pages from 12 templates, 4 previews, 3 clean pages, the encodings and mojibake kinds
    it was written with, and planted typos."""
    notes = [g["notes"] for g in gold.values()]
    assert len(gold) >= 16 and len({n["template"] for n in notes} - {"clean"}) >= 12
    assert sum(d["truncated"] for g in gold.values() for d in g["documents"]) >= 4
    assert sum(n["template"] == "clean" for n in notes) == 3
    encodings = {"gbk", "gb18030", "big5", "utf-16-le", "utf-16-le+bom", "utf-16-be+bom", "utf-8-sig"}
    assert encodings <= {n["encoding"] for n in notes}
    assert sorted(n["mojibake"] for n in notes if n["mojibake"]) == ["cp1252", "gbk_browser"]
    assert sum(len(g["typos"]) for g in gold.values()) >= 5


def test_every_raw_page_decodes_with_its_gold_encoding(gold):
    for src, g in gold.items():
        data = (UNSEEN2 / "pages" / src).read_bytes()
        text = data.decode(g["encoding"]).lstrip("\ufeff")
        assert all(d["text"].split("\n")[0][:6] in text or g["notes"]["mojibake"] for d in g["documents"]), src


def test_clean_pages_are_their_gold_text(gold):
    for src, g in gold.items():
        if g["notes"]["template"] == "clean":
            raw = (UNSEEN2 / "pages" / src).read_bytes().decode("utf-8")
            assert [d["text"] for d in g["documents"]] == [raw] and not g["chrome"], src


def test_the_check_shares_nothing_with_the_first_one(gold):
    """No chrome string, title or body line of this check occurs in the first check's gold."""
    first = load_gold(FIRST)
    first_text = "\n".join([d["text"] for g in first.values() for d in g["documents"]]
                           + [c for g in first.values() for c in g["chrome"]]
                           + [d["title"] for g in first.values() for d in g["documents"]])
    shared = [c for g in gold.values() for c in g["chrome"] if len(c) >= 6 and c in first_text]
    shared += [d["title"] for g in gold.values() for d in g["documents"] if d["title"] and d["title"] in first_text]
    shared += [line for g in gold.values() for d in g["documents"] for line in d["text"].split("\n")
               if len(line) >= 12 and line in first_text]
    assert not shared, shared[:5]
    assert not {g["notes"]["template"] for g in gold.values()} - {"clean"} & {g["notes"]["template"] for g in first.values()}


def test_pages_are_what_the_generator_writes():
    """pages/ and gold/ are reproducible from site_defs.py (edit there, rerun make_pages.py)."""
    done = subprocess.run([sys.executable, str(UNSEEN2 / "make_pages.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-500:] + done.stderr[-2000:]
