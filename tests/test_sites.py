"""Pages in the style of sites beyond the seeds: chrome goes, author text stays, facts move."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import FIXTURES, clean_bytes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SITES = FIXTURES / "sites"
EXPECTED = tomllib.loads((SITES / "expected.toml").read_text(encoding="utf-8"))


@pytest.fixture(params=sorted(EXPECTED), ids=sorted(EXPECTED))
def page(request):
    name = request.param
    docs = clean_bytes((SITES / f"{name}.txt").read_bytes(), f"{name}.txt")
    assert len(docs) == 1, [d.title for d in docs]
    return EXPECTED[name], docs[0]


def test_chrome_is_gone(page):
    expected, doc = page
    for s in expected["gone"]:
        assert s not in doc.text, s


def test_author_text_is_kept(page):
    expected, doc = page
    for s in expected["kept"]:
        assert s in doc.text, s


def test_title_and_flags(page):
    expected, doc = page
    assert doc.title == expected["title"]
    assert not doc.text.startswith(expected["title"])
    assert bool(doc.flags.get("truncated")) is expected["truncated"]


def test_metadata(page):
    expected, doc = page
    got = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in doc.metadata.items()}
    for key, value in expected["meta"].items():
        assert got.get(key) == value, key


def test_layout(page):
    _, doc = page
    lines = doc.text.split("\n")
    assert all(line and line == line.strip() for line in lines)
