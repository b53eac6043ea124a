"""Where a list of short Han words occurs in a text, found with array operations: the
matches an Aho-Corasick automaton reports in leftmost-longest mode (ahocorasick_rs's
`MatchKind.LeftmostLongest`), without a Python object per match.

On Chinese prose a list of common words (the typo stage's 12k confusion words) matches
every third or fourth character; the automaton itself is quick, but handing back one
Python tuple per match costs ten times its scan. Here the text is its code points: every
position is looked up at once (its pair of characters in a bitmap of the pairs that begin
a word, then the 2-, 3- and 4-character keys in sorted tables) and the leftmost-longest
choice is made by pointer doubling: once a match is taken, the next one taken is the first
that starts at or after its end, so the matches taken are the orbit of the first one
under that "next" map, found in log2(matches) array steps.

Words of 2 to 4 characters of U+4E00-U+9FFF only (`HanWords.fits` says whether a list is
such); tests/test_typo_fast_paths.py holds the matches to the automaton's.
"""

from __future__ import annotations

import numpy as np

HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF
LENGTHS = (2, 3, 4)
_NONE = np.zeros(0, dtype=np.int64)


def is_han(ch: str) -> bool:
    return HAN_FIRST <= ord(ch) <= HAN_LAST


class HanWords:
    """The leftmost-longest matches of `words` (see the module's docstring)."""

    @staticmethod
    def fits(words: list[str]) -> bool:
        return all(len(w) in LENGTHS and all(map(is_han, w)) for w in words)

    def __init__(self, words: list[str]) -> None:
        self._first, self._k1 = self._alphabet(w[0] for w in words)
        self._second, self._k2 = self._alphabet(w[1] for w in words)
        self._rest, self._k = self._alphabet(c for w in words for c in w[2:])
        # Each pair of characters that begins a word: the 2-character word it is (-1: none), and
        # whether a longer word begins with it; the longer words' keys, sorted, per length.
        self._pair_word = np.full(self._k1 * self._k2, -1, dtype=np.int16 if len(words) < 1 << 15 else np.int32)
        self._begins_longer = np.zeros(self._k1 * self._k2, dtype=bool)
        longer: dict[int, list[tuple[int, int]]] = {3: [], 4: []}
        for i, w in enumerate(words):
            if len(w) == 2:
                self._pair_word[self._key(w)] = i
            else:
                self._begins_longer[self._key(w[:2])] = True
                longer[len(w)].append((self._key(w), i))
        self._longer = {n: (np.array([k for k, _ in sorted(rows)], dtype=np.int64),
                            np.array([i for _, i in sorted(rows)], dtype=np.int64)) for n, rows in longer.items()}

    @staticmethod
    def _alphabet(chars) -> tuple[np.ndarray, int]:
        """Each Han character's digit among `chars`, -1 for the others (the last slot: not Han)."""
        listed = sorted(set(chars))
        digit = np.full(HAN_LAST - HAN_FIRST + 2, -1, dtype=np.int32)
        digit[[ord(c) - HAN_FIRST for c in listed]] = np.arange(len(listed))
        return digit, max(1, len(listed))

    def _key(self, word: str) -> int:
        key = int(self._first[ord(word[0]) - HAN_FIRST]) * self._k2 + int(self._second[ord(word[1]) - HAN_FIRST])
        for ch in word[2:]:
            key = key * self._k + int(self._rest[ord(ch) - HAN_FIRST])
        return key

    def matches(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(word index, start, end) of each match in the text of code points `codes`, by start."""
        n = len(codes)
        if n < 2:
            return _NONE, _NONE, _NONE
        # Offsets into the Han block; every other character (below it: wrapped round) the last slot.
        rel = np.minimum(codes - np.uint32(HAN_FIRST), np.uint32(HAN_LAST - HAN_FIRST + 1))
        first, second = self._first[rel[:-1]], self._second[rel[1:]]
        at = np.flatnonzero((first >= 0) & (second >= 0))
        pair = first[at] * self._k2 + second[at]
        word = self._pair_word[pair].astype(np.int64)
        longest = (word >= 0).astype(np.int64) * 2
        longer = np.flatnonzero(self._begins_longer[pair])
        if len(longer):
            self._longer_words(rel, at, pair, longer, longest, word)
        taken = np.flatnonzero(longest)
        start, end, word = at[taken], at[taken] + longest[taken], word[taken]
        chosen = self._leftmost_longest(start, end)
        return word[chosen], start[chosen], end[chosen]

    def _longer_words(self, rel: np.ndarray, at: np.ndarray, pair: np.ndarray, longer: np.ndarray,
                      longest: np.ndarray, word: np.ndarray) -> None:
        """At the positions `longer` (indices into `at`) whose pair begins a 3- or 4-character
        word, that word where it is there (in place: the longest so far and its index)."""
        n = len(rel)
        for length in (3, 4):
            keys, index = self._longer[length]
            if not len(keys):
                continue
            fit = longer[at[longer] + length <= n]
            key = pair[fit].astype(np.int64)
            for j in range(2, length):
                more = self._rest[rel[at[fit] + j]]
                fit, key = fit[more >= 0], key[more >= 0] * self._k + more[more >= 0]
            found = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
            hit = keys[found] == key
            longest[fit[hit]] = length  # longer lengths come later and overwrite
            word[fit[hit]] = index[found[hit]]

    @staticmethod
    def _leftmost_longest(start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Which candidates (by start, each the longest at its start) a leftmost-longest
        scan takes: the first, then always the first starting at or after the last end."""
        m = len(start)
        if not m:
            return _NONE
        jump = np.append(np.searchsorted(start, end), m)  # m: past the last, a fixed point
        step = np.arange(m)
        orbit = np.zeros(m, dtype=np.int64)  # orbit[t]: the t-th candidate taken (m when none)
        bit = 0
        while (1 << bit) < m:
            odd = (step >> bit) & 1 == 1
            orbit[odd] = jump[orbit[odd]]
            jump = jump[jump]
            bit += 1
        taken = np.zeros(m + 1, dtype=bool)
        taken[orbit] = True
        return np.flatnonzero(taken[:m])
