"""Evidence of how Chinese is written, for fix_typos: is the word on the page, or a
word it may stand for, the one that belongs in this window?

- The confusion set (`rules/typos_confusions.tsv`, generated from CC-CEDICT) lists the
  words a round trip through English turns a word into (服务 → serve → 效劳).
- The corpus: `CollocationCounts` counts, over a whole build, each confusion word with
  the two characters on either side of it (食品<安全, 安全>监管): compact counts
  keyed on the confusion words' collocations only. On a real corpus the right reading of
  a window outnumbers the artifact by orders of magnitude (食品安全 against 食品平安), and a
  reading the corpus writes often in that window is at home there (开展>活动).
- Fixed phrases (`rules/typos_phrases.tsv`: jieba's phrase entries and CC-CEDICT's
  multi-word entries) and the jieba dictionary: a phrase holding the written word with
  its neighbours says the word is at home; one holding the correction adds to its side.
- Segmentation: a word is a candidate only where it is a word of jieba's segmentation
  of its clause (the 愿 of 志愿 is not the word 愿), and jieba's route log-probability
  compares a look-alike reading with its correction.
Words are found by one Aho-Corasick scan (ahocorasick-rs, leftmost-longest); the Python
logic runs only at words the build has made suspects of.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick_rs
import numpy as np
import rjieba

from pipeline.context_counts import ContextCounts, ContextTables, _lookup
from pipeline.jieba_dict import JiebaDictionary, jieba_dictionary
from pipeline.rulebook import RULES_DIR
from pipeline.stored_tables import stored

MAX_CONTEXT = 3  # characters of a phrase on either side of its word
CLAUSE_END = re.compile(r"[\n。！？；，、：,;:!?（）()“”\"《》]")
HAN_ONLY = re.compile("[\u4e00-\u9fd5]+")


def tokenizer():
    """jieba's tokenizer, shared with the segment stage (imported late: the stages package
    imports this module)."""
    from pipeline.stages.segment import tokenizer as shared

    return shared()


def read_tsv(name: str) -> list[list[str]]:
    lines = (RULES_DIR / name).read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]


def dictionary() -> JiebaDictionary:
    """jieba's dictionary: word -> frequency (0 for the prefixes jieba keeps: not words),
    without jieba's Python dict (`pipeline.jieba_dict`)."""
    return jieba_dictionary()


@cache
def confusions(name: str = "typos_confusions.tsv") -> dict[str, frozenset[str]]:
    """wrong word -> the words it may stand for (the table's rows are right, wrong, gloss)."""
    def build() -> dict[str, frozenset[str]]:
        stands_for: dict[str, set[str]] = defaultdict(set)
        for right, wrong, *_ in read_tsv(name):
            stands_for[wrong].add(right)
        return {w: frozenset(s) for w, s in stands_for.items()}

    # Kept on disk between processes (pipeline.stored_tables): 0.15 s to build, 0.03 to read.
    return stored(f"confusions-{Path(name).name}", [RULES_DIR / name], build,
                  lambda table: {w: sorted(s) for w, s in table.items()},
                  lambda data: {w: frozenset(s) for w, s in data.items()})


@cache
def confusion_words(name: str = "typos_confusions.tsv") -> tuple[list[str], ahocorasick_rs.AhoCorasick]:
    """Every word of the confusion set, either side, and one automaton over them."""
    listed = sorted({w for wrong, rights in confusions(name).items() for w in (wrong, *rights)})
    return listed, ahocorasick_rs.AhoCorasick(listed, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


@cache
def context_tables(name: str, skip: frozenset[str]) -> ContextTables:
    """The confusion words' automaton and key tables for the corpus pass, once per process."""
    listed, automaton = confusion_words(name)
    return ContextTables(listed, automaton, confusions(name), skip)


@cache
def phrase_set(name: str = "typos_phrases.tsv") -> frozenset[str]:
    # Kept on disk between processes (pipeline.stored_tables): 0.12 s to build, 0.03 to read.
    return stored(f"phrase_set-{Path(name).name}", [RULES_DIR / name], lambda: frozenset(p for _, p in read_tsv(name)),
                  list, frozenset)


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def context_keys(text: str, start: int, end: int, word: str, skip: frozenset[str]) -> list[tuple[str, str]]:
    """(context, key) for the two characters on each side of a word (`食品<安全`,
    `安全>监管`): Han characters only, and not where the one next to the word is in `skip`
    (的, 和 … say nothing about which word belongs)."""
    out = []
    if start >= 2 and is_han(text[start - 2]) and is_han(text[start - 1]) and text[start - 1] not in skip:
        context = text[start - 2:start] + "<"
        out.append((context, context + word))
    if end + 2 <= len(text) and is_han(text[end]) and is_han(text[end + 1]) and text[end] not in skip:
        context = ">" + text[end:end + 2]
        out.append((context, word + context))
    return out


def split_key(key: str) -> tuple[str, str]:
    """食品<安全 -> (食品<, 安全); 安全>监管 -> (>监管, 安全)."""
    if "<" in key:
        i = key.index("<") + 1
        return key[:i], key[i:]
    i = key.index(">")
    return key[i:], key[:i]


def key_for(context: str, word: str) -> str:
    return context + word if context.endswith("<") else word + context


def written(context: str, word: str) -> str:
    """The text a key stands for: 食品<安全 -> 食品安全."""
    return context[:-1] + word if context.endswith("<") else word + context[1:]


def own_phrase(text: str, start: int, end: int, phrase_file: str = "typos_phrases.tsv") -> str | None:
    """A fixed phrase (or dictionary word) that holds text[start:end] with some of its
    neighbours: then the word as written is at home here."""
    words, known = dictionary(), phrase_set(phrase_file)
    for a in range(max(0, start - MAX_CONTEXT), start + 1):
        for b in range(end, min(len(text), end + MAX_CONTEXT) + 1):
            if (a, b) != (start, end):
                piece = text[a:b]
                if piece in known or words.get(piece):
                    return piece
    return None


def clause(text: str, start: int, end: int, reach: int = 12) -> tuple[int, int]:
    """The window around [start, end): up to `reach` characters each side, not past
    the clause's punctuation or a line break."""
    lo = max(0, start - reach)
    hi = min(len(text), end + reach)
    for m in CLAUSE_END.finditer(text, lo, start):
        lo = m.end()
    m = CLAUSE_END.search(text, end, hi)
    return lo, (m.start() if m else hi)


def precise_words(piece: str) -> list[str]:
    """jieba's precise mode without HMM. A clause of Han characters alone is cut by jieba-rs
    (rjieba) in one call, which gives the same tokens there (tests/test_words.py holds it);
    any other by jieba's algorithm on the compact dictionary (`pipeline.jieba_dict`)."""
    if HAN_ONLY.fullmatch(piece):
        return rjieba.cut(piece, False)
    return dictionary().cut(piece)


def word_edges(text: str, start: int, end: int) -> set[int]:
    """The word boundaries of jieba's segmentation of the clause around [start, end)."""
    lo, hi = clause(text, start, end)
    edges, pos = {lo}, lo
    for token in precise_words(text[lo:hi]):
        pos += len(token)
        edges.add(pos)
    return edges


def is_segment_word(text: str, start: int, end: int) -> bool:
    """text[start:end] is a word of jieba's segmentation of its clause (or a run of
    whole words): it starts and ends on a word boundary."""
    edges = word_edges(text, start, end)
    return start in edges and end in edges


def segment_word_and_next(text: str, start: int, end: int, particles: frozenset[str] = frozenset()) -> tuple[bool, str]:
    """(text[start:end] is a word, or run of whole words, of jieba's segmentation of its
    clause; the word that follows it there, "" where the clause ends). A word of `particles`
    (aspect particles: 了, 着, 过) right after it is passed over when a word follows it: in
    开展了一次义诊 the word after 开展 that tells whether it takes an object is 一次."""
    lo, hi = clause(text, start, end)
    pos, starts, after = lo, False, ""
    tokens = precise_words(text[lo:hi])
    for i, token in enumerate(tokens):
        starts = starts or pos == start
        if pos == end:
            after = token
            if token in particles and i + 1 < len(tokens):
                after = tokens[i + 1]
            break
        pos += len(token)
    return starts and pos == end, after


def starts_a_word(text: str, start: int, end: int) -> bool:
    """A word of the segmentation of the clause starts at `start` (the 愿 of 志愿 does not)."""
    return start in word_edges(text, start, end)


def held_word(text: str, start: int, end: int, right: str) -> str | None:
    """A word of jieba's segmentation of the written clause that holds a character outside
    [start, end) and, inside it, only characters `right` leaves as they are: the look-alike
    "correction" would take that character from a word that reads as written (以后入职: the
    后 of 以后, never 以后人职). None where every such word holds a changed character (进人口岸:
    人口 is the misread 入's own doing)."""
    lo, hi = clause(text, start, end)
    pos = lo
    for token in precise_words(text[lo:hi]):
        a, pos = pos, pos + len(token)
        if len(token) < 2 or pos <= start or a >= end or (start <= a and pos <= end):
            continue
        if all(text[i] == right[i - start] for i in range(max(a, start), min(pos, end))):
            return token
    return None


def broken_pair(text: str, start: int, end: int, right: str, even_if_fixed: bool = False) -> str | None:
    """A dictionary word that a changed character forms with its neighbour outside the span
    as written, where the corrected character forms none there (移入大盆: 移入, no 移人): the
    written character is at home on that side, whatever the correction makes on the other
    (人大). `even_if_fixed`: whatever the corrected character forms there too (养犬人: 养犬,
    though 养大 is a word). None if no side shows it."""
    words = dictionary()
    if len(right) != end - start:
        return None  # (a reading that adds or drops a character has no pair to compare)
    for i in range(start, end):
        if text[i] == right[i - start]:
            continue
        for a, b in ((i - 1, i + 1), (i, i + 2)):
            if a < 0 or b > len(text) or start <= a and b <= end or not (a < start or b > end):
                continue
            pair = text[a:b]
            fixed = pair[:i - a] + right[i - start] + pair[i - a + 1:]
            if words.get(pair, 0) >= MIN_PAIR_FREQ and (even_if_fixed or not words.get(fixed)):
                return pair
    return None


MIN_PAIR_FREQ = 20


def route_logprob(piece: str) -> float:
    """jieba's best segmentation route of `piece`: sum of its words' log-frequencies."""
    return dictionary().route(piece)[0][0]


def reading_gain(text: str, start: int, end: int, after: str) -> float:
    """How much more probable (natural log) jieba finds the clause with `after` in
    place of text[start:end] than as written."""
    lo, hi = clause(text, start, end)
    before = text[lo:hi]
    fixed = text[lo:start] + after + text[end:hi]
    return route_logprob(fixed) - route_logprob(before)


@dataclass(frozen=True)
class Suspect:
    """`wrong` at [start, end) where the build writes `right` with the same neighbour
    (`context`) far more often: `right_count` against `wrong_count` (this document's own
    occurrences included)."""

    start: int
    end: int
    wrong: str
    right: str
    context: str
    right_count: int
    wrong_count: int


class CollocationCounts:
    """Counts, over one build, of the confusion words' two-character contexts.

    `observe` counts; past `max_keys` keys it drops those seen once, except a sighting of
    a word in a context where a word it may stand for has been seen `min_count` times (a
    likely artifact), so memory stays bounded on any corpus. `finish` keeps the verdicts:
    each written key (context, wrong) where a word it may stand for is written in the same
    context at least `min_count` times and `ratio` times as often, and the counts of those
    words' keys, for the comparisons `fix_typos` makes. A small build has no suspects."""

    def __init__(self, confusion_file: str = "typos_confusions.tsv", max_keys: int = 4_000_000,
                 uninformative: str = "", min_count: int = 30, keep_all: bool = False) -> None:
        self.confusion_file = confusion_file
        # Keep every key's count past `finish` (for `anywhere`): the context source needs to know
        # whether the build writes a word in a window at all. The state then changes with the files.
        self.keep_all = keep_all
        self.all_keys, self.all_counts = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        self.min_count = min_count
        self.skip = frozenset(uninformative)
        self.counts: Counter[str] = Counter()  # fitted: the suspects' keys (strings) and counts
        self.documents = 0
        self.verdicts: dict[str, tuple[str, int]] = {}  # wrong key -> (right word, its count in that context)
        self._suspects: tuple[list[str], ahocorasick_rs.AhoCorasick] | None = None
        # While observing: the counts as integer keys (`pipeline.context_counts`).
        self._counting = ContextCounts(max_keys, min_count)

    @property
    def max_keys(self) -> int:
        return self._counting.max_keys

    @max_keys.setter
    def max_keys(self, value: int) -> None:
        self._counting.max_keys = value

    def _tables(self) -> ContextTables:
        return context_tables(self.confusion_file, self.skip)

    def observation(self, text: str) -> np.ndarray:
        """One document's keys (integers, sorted, one per sighting): what travels from a
        worker to the build."""
        return self._tables().observation(text)

    def absorb(self, observation: np.ndarray) -> None:
        self.documents += 1
        self._counting.absorb(observation, self._tables())

    def observed(self) -> Counter[str]:
        """The counts observed so far, keyed by strings (食品<安全): for tests and tools."""
        tables = self._tables()
        self._counting.merge(tables)
        return Counter({tables.decode(int(k)): int(n) for k, n in zip(self._counting.keys, self._counting.counts)})

    def _best(self, key: str) -> tuple[int, str]:
        """The most written word the key's word may stand for, in the key's context, so far."""
        tables = self._tables()
        self._counting.merge(tables)
        code = tables.encode(key)
        if code is None:
            return 0, ""
        count, word = tables.best(np.array([code], dtype=np.int64), self._counting.keys, self._counting.counts)
        return int(count[0]), tables.listed[int(word[0])] if word[0] >= 0 else ""

    def finish(self, ratio: float) -> None:
        """Fit the verdicts. Counts are rounded up to 2^k - 1 (1, 3, 7, 15 …) first, so that
        a rebuild after a few files changed usually fits the same state (and its cache
        entries stay valid); a rounded count only overstates the written word's. A verdict
        is each written key (context, wrong) where a word it may stand for is written in the
        same context at least `min_count` times and `ratio` times as often. Only the
        suspects' counts are kept (those of the verdicts' words, either side): a build with
        no suspect keeps nothing, and its state does not change when files come and go."""
        if self.keep_all:
            self._counting.merge(self._tables())
            self.all_keys, self.all_counts = self._counting.keys.copy(), self._counting.counts.copy()
        verdicts, counts = self._counting.fit(self._tables(), ratio)
        self.verdicts, self.counts = verdicts, Counter(counts)
        self._suspects = None

    def suspects(self, text: str) -> list[Suspect]:
        """The written words this build's counts make suspects of, each with its best verdict."""
        if not self.verdicts:
            return []
        if self._suspects is None:
            listed = sorted({split_key(k)[1] for k in self.verdicts})
            self._suspects = (listed, ahocorasick_rs.AhoCorasick(listed, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest))
        listed, automaton = self._suspects
        out = []
        for i, s, e in automaton.find_matches_as_indexes(text):
            word = listed[i]
            found = [(self.verdicts[key], context) for context, key in self.context_keys(text, s, e, word)
                     if key in self.verdicts]
            if found:
                (right, right_n), context = max(found, key=lambda f: f[0][1])
                out.append(Suspect(s, e, word, right, context, right_n, self.counts.get(key_for(context, word), 0)))
        return out

    def fingerprint(self) -> str:
        """Names the fitted state (what `fix_typos` reads), for the build's cache."""
        digest = hashlib.sha256()
        for key, (right, n) in sorted(self.verdicts.items()):
            digest.update(f"{key}\t{right}\t{n}\n".encode())
        for key, n in sorted(self.counts.items()):
            digest.update(f"{key}\t{n}\n".encode())
        if self.keep_all:
            digest.update(self.all_keys.tobytes() + self.all_counts.tobytes())
        return digest.hexdigest()

    def windows(self, text: str) -> dict[str, tuple[str, int]]:
        """What the build (`keep_all`) says of the windows of `text`'s confusion words, in array
        operations over the whole text: key -> (a word it may stand for, how often the build
        writes that word in the key's window) where the build writes the key's word there
        nowhere but in this text and the other word at least once. Keys seen once may have
        been dropped past `max_keys`."""
        if not len(self.all_keys):
            return {}
        tables = self._tables()
        keys, own = np.unique(tables.observation(text), return_counts=True)
        build = _lookup(self.all_keys, self.all_counts, keys)
        count, word = tables.best(keys, self.all_keys, self.all_counts)
        alone = np.flatnonzero((build <= own) & (count > 0))
        return {tables.decode(int(keys[i])): (tables.listed[int(word[i])], int(count[i])) for i in alone}

    def elsewhere(self, text: str, context: str, word: str) -> int:
        """How often the build (`keep_all`) writes `word` in `context` outside `text`."""
        code = self._tables().encode(key_for(context, word)) if len(self.all_keys) else None
        if code is None:
            return 0
        (n,) = _lookup(self.all_keys, self.all_counts, np.array([code], dtype=np.int64))
        return max(0, int(n) - text.count(written(context, word))) if n else 0

    def context_keys(self, text: str, start: int, end: int, word: str) -> list[tuple[str, str]]:
        return context_keys(text, start, end, word, self.skip)

    def count(self, context: str, word: str) -> int:
        return self.counts.get(key_for(context, word), 0)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_suspects": None}  # the automaton is rebuilt in each worker process

