"""The corpus pass of fix_typos in NumPy: each confusion word's two-character contexts
(食品<安全, 安全>监管) as 64-bit integers, counted in sorted arrays.

A key is a confusion word (its index in the sorted word list), a side (the context before
or after it) and two Han characters (U+4E00-U+9FFF, 15 bits each): 31 bits of context under
the word's index, so that a key names exactly one (context, word) and one (context, word)
has exactly one key. The encoding is one-to-one, not a hash: no two keys collide, and the
counts are the ones the Counter of strings they replace would hold.

A document's observation is its keys (one per occurrence): found by the confusion
words' automaton, their neighbours read from the text's code points at once. The build's
counts are two arrays (keys ascending, counts); observations wait in a buffer and are merged
in by a linear merge, `FLUSH_KEYS` at a time. The bound on the table is kept exactly as it
is stated per document (see `CollocationCounts`): a merge finds the first document after
which the keys would pass `max_keys`, merges up to it, prunes, and goes on.
"""

from __future__ import annotations

from itertools import chain

import ahocorasick_rs
import numpy as np

from pipeline.han_words import HanWords

HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF
CHAR_BITS = 15  # HAN_LAST - HAN_FIRST < 2**15
AFTER = 1 << (2 * CHAR_BITS)  # the side bit: the context follows the word
WORD_SHIFT = 2 * CHAR_BITS + 1
CONTEXT_MASK = (1 << WORD_SHIFT) - 1
FLUSH_KEYS = 1 << 20  # buffered keys (8 MB) before they are merged into the counts
_EMPTY = np.zeros(0, dtype=np.int64)


def _lookup(keys: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The count of each of `wanted` in (keys ascending, counts); 0 where absent."""
    if not len(keys):
        return np.zeros(len(wanted), dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, counts[at], 0)


class ContextTables:
    """What turns texts into keys and keys back into strings, for one confusion set: built
    once per process (it holds an automaton, which does not pickle)."""

    def __init__(self, listed: list[str], automaton: ahocorasick_rs.AhoCorasick,
                 stands_for: dict[str, frozenset[str]], skip: frozenset[str]) -> None:
        self.listed, self.automaton = listed, automaton
        self._index = {w: i for i, w in enumerate(listed)}
        rights = [sorted(self._index[r] for r in stands_for.get(w, ())) for w in listed]
        self._offsets = np.concatenate([[0], np.cumsum([len(r) for r in rights])]).astype(np.int64)
        self._targets = np.array([i for r in rights for i in r], dtype=np.int64)
        self._han = np.zeros(0x110000, dtype=bool)
        self._han[HAN_FIRST:HAN_LAST + 1] = True
        # Next to the word, a character of `skip` (的, 和 …) makes no context.
        self._next = self._han.copy()
        self._next[[ord(c) for c in skip]] = False
        self._words = HanWords(listed) if HanWords.fits(listed) else None

    def observation(self, text: str) -> np.ndarray:
        """The keys of every confusion word's contexts in `text` (in no order). The words are found
        by array operations (`pipeline.han_words`) when they are all short Han words, as
        the confusion set's are, else by the automaton (leftmost-longest either way)."""
        codes = None
        if self._words is not None:
            try:
                codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            except UnicodeEncodeError:
                pass  # a lone surrogate: the automaton's way, which refuses the text as it always has
        if codes is not None:
            word, start, end = self._words.matches(codes)  # type: ignore[union-attr]
            return self._keys(codes, word, start, end)
        matches = self.automaton.find_matches_as_indexes(text)
        if not matches:
            return _EMPTY
        found = np.fromiter(chain.from_iterable(matches), dtype=np.int64, count=3 * len(matches)).reshape(-1, 3)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self._keys(codes, found[:, 0], found[:, 1], found[:, 2])

    def _keys(self, codes: np.ndarray, word: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """The keys of the matches (word index, start, end) in the text of code points `codes`."""
        word = word << WORD_SHIFT
        before = start >= 2
        a, b = codes[start[before] - 2], codes[start[before] - 1]
        keep = self._han[a] & self._next[b]
        left = word[before][keep] | self._context(a[keep], b[keep])
        after = end + 2 <= len(codes)
        a, b = codes[end[after]], codes[end[after] + 1]
        keep = self._next[a] & self._han[b]
        right = word[after][keep] | AFTER | self._context(a[keep], b[keep])
        return np.concatenate([left, right])

    @staticmethod
    def _context(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return ((a.astype(np.int64) - HAN_FIRST) << CHAR_BITS) | (b.astype(np.int64) - HAN_FIRST)

    def decode(self, key: int) -> str:
        """The key as the string fix_typos reads: 食品<安全 or 安全>监管."""
        word = self.listed[key >> WORD_SHIFT]
        context = chr(HAN_FIRST + ((key >> CHAR_BITS) & 0x7FFF)) + chr(HAN_FIRST + (key & 0x7FFF))
        return word + ">" + context if key & AFTER else context + "<" + word

    def encode(self, key: str) -> int | None:
        """The integer of a key string; None when it names no confusion word."""
        after = ">" in key
        word, context = (key[:-3], key[-2:]) if after else (key[3:], key[:2])
        i = self._index.get(word)
        if i is None:
            return None
        return (i << WORD_SHIFT) | (AFTER if after else 0) | ((ord(context[0]) - HAN_FIRST) << CHAR_BITS) \
            | (ord(context[1]) - HAN_FIRST)

    def best(self, wanted: np.ndarray, keys: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each wanted key, the most counted word its word may stand for in its context
        (ties: the last in the word list, as `max` over (count, word) picks): (count, word
        index); (0, -1) for a word that stands for none."""
        words = wanted >> WORD_SHIFT
        lo, many = self._offsets[words], self._offsets[words + 1] - self._offsets[words]
        owner = np.repeat(np.arange(len(wanted)), many)
        rank = np.arange(len(owner)) - np.repeat(np.cumsum(many) - many, many)
        target = self._targets[np.repeat(lo, many) + rank]
        seen = _lookup(keys, counts, (target << WORD_SHIFT) | (wanted[owner] & CONTEXT_MASK))
        order = np.lexsort((target, seen, owner))
        last = order[np.flatnonzero(np.r_[owner[order][1:] != owner[order][:-1], True])] if len(order) else order
        best_count = np.zeros(len(wanted), dtype=np.int64)
        best_word = np.full(len(wanted), -1, dtype=np.int64)
        best_count[owner[last]] = seen[last]
        best_word[owner[last]] = target[last]
        return best_count, best_word


class ContextCounts:
    """The counts of one build: keys ascending and their counts, and a buffer of
    observations not merged in yet. Plain data: it pickles."""

    def __init__(self, max_keys: int, min_count: int) -> None:
        self.max_keys, self.min_count = max_keys, min_count
        self.keys, self.counts = _EMPTY, _EMPTY
        self._pending: list[np.ndarray] = []
        self._pending_size = 0

    def absorb(self, observation: np.ndarray, tables: ContextTables) -> None:
        self._pending.append(observation)
        self._pending_size += len(observation)
        if self._pending_size >= FLUSH_KEYS:
            self.merge(tables)

    def merge(self, tables: ContextTables) -> None:
        """Merge the buffered documents in, pruning after each document that leaves more
        than `max_keys` keys (as if they had been absorbed one by one)."""
        docs, self._pending, self._pending_size = self._pending, [], 0
        while docs:
            over = self._first_over_bound(docs)
            upto = len(docs) if over is None else over + 1
            self._add(np.concatenate(docs[:upto]))
            if over is not None:
                self._prune(tables)
            docs = docs[upto:]

    def _first_over_bound(self, docs: list[np.ndarray]) -> int | None:
        """The first of `docs` after which the counts would hold more than `max_keys` keys."""
        sizes = [len(d) for d in docs]
        if len(self.keys) + sum(sizes) <= self.max_keys:
            return None  # not even if every key were new
        keys, first = np.unique(np.concatenate(docs), return_index=True)  # first sighting of each
        new = _lookup(self.keys, np.ones_like(self.keys), keys) == 0
        doc_of = np.repeat(np.arange(len(docs)), sizes)
        distinct = len(self.keys) + np.cumsum(np.bincount(doc_of[first[new]], minlength=len(docs)))
        over = np.flatnonzero(distinct > self.max_keys)
        return int(over[0]) if len(over) else None

    def _add(self, observed: np.ndarray) -> None:
        keys, counts = np.unique(observed, return_counts=True)
        at = np.searchsorted(self.keys, keys)
        known = at < len(self.keys)
        known[known] = self.keys[at[known]] == keys[known]
        self.counts[at[known]] += counts[known]
        self.keys = np.insert(self.keys, at[~known], keys[~known])
        self.counts = np.insert(self.counts, at[~known], counts[~known])

    def _prune(self, tables: ContextTables) -> None:
        """Drop the keys seen once, except where a word the key's word may stand for has
        been seen `min_count` times in that context (a likely artifact)."""
        once = np.flatnonzero(self.counts == 1)
        best, _ = tables.best(self.keys[once], self.keys, self.counts)
        drop = once[best < self.min_count]
        self.keys, self.counts = np.delete(self.keys, drop), np.delete(self.counts, drop)

    def fit(self, tables: ContextTables, ratio: float) -> tuple[dict[str, tuple[str, int]], dict[str, int]]:
        """The verdicts (wrong key -> (right word, its count)) and the counts fix_typos reads,
        as `CollocationCounts.finish` states them; the arrays are emptied."""
        self.merge(tables)
        keys = self.keys
        rounded = (np.int64(1) << np.frexp(self.counts.astype(np.float64))[1].astype(np.int64)) - 1  # 2^bit_length - 1
        self.keys, self.counts = _EMPTY, _EMPTY
        best_count, best_word = tables.best(keys, keys, rounded)
        picked = np.flatnonzero((best_count >= self.min_count) & (best_count >= ratio * rounded))
        verdicts = {tables.decode(int(keys[i])): (tables.listed[int(best_word[i])], int(best_count[i])) for i in picked}
        words = np.zeros(len(tables.listed), dtype=bool)
        words[keys[picked] >> WORD_SHIFT] = True
        words[best_word[picked]] = True
        kept = np.flatnonzero(words[keys >> WORD_SHIFT])
        return verdicts, {tables.decode(int(keys[i])): int(rounded[i]) for i in kept}
