"""Evidence of how Chinese is written, for fix_typos: is the word on the page, or a
synonym of it, the one that belongs in this window?

- The confusion set (`rules/typos_confusions.tsv`, generated from CC-CEDICT) pairs words
  that a round trip through English turns into each other (服务 → serve → 效劳).
- A fixed phrase (`rules/typos_phrases.tsv`: jieba's phrase entries and CC-CEDICT's
  multi-word entries) that holds the synonym between the page's own neighbours
  (食品 + 安全 where the page reads 食品平安) is evidence for the synonym; a fixed phrase that
  holds the page's word is evidence for the page (both readings are then common: kept).
- The corpus: `CollocationCounts` counts, over a whole build, each fixed phrase and each
  artifact collocation found (食品安全 against 食品平安); on a real corpus the right one
  outnumbers the artifact by orders of magnitude, and an "artifact" that the corpus writes
  as often as the phrase is a reading of its own (业务规范 beside 业务水平).
- Segmentation: a word is a candidate only where it is a word of jieba's segmentation
  of its window (the 愿 of 志愿 is not the word 愿), and jieba's route log-probability
  compares a look-alike reading with its correction.
Candidates are found by one Aho-Corasick scan (ahocorasick-rs) over the words of the
confusion set; the Python logic runs only where a word has a phrase-context of a synonym
next to it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from pipeline.rulebook import RULES_DIR

MAX_CONTEXT = 3  # characters of a phrase on either side of its confusion word
CLAUSE_END = re.compile(r"[\n。！？；，、：,;:!?（）()“”\"《》]")


@dataclass(frozen=True)
class PhraseEvidence:
    """`wrong` at [start, end) reads as `right`, because `phrase` (a fixed phrase holding
    `right`) matches the neighbours; `artifact` is the same window as written."""

    start: int
    end: int
    wrong: str
    right: str
    phrase: str
    artifact: str


def tokenizer():
    """jieba's tokenizer, shared with the segment stage (imported late: the stages package
    imports this module)."""
    from pipeline.stages.segment import tokenizer as shared

    return shared()


def _read_tsv(name: str) -> list[list[str]]:
    lines = (RULES_DIR / name).read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]


def dictionary() -> dict[str, int]:
    """jieba's dictionary: word -> frequency (0 for the prefixes jieba keeps: not words)."""
    return tokenizer().FREQ


@cache
def confusions(name: str = "typos_confusions.tsv", max_ratio: float = 3.0) -> dict[str, frozenset[str]]:
    """right word -> the words a round trip may turn it into. A pair is read in both
    directions, but an artifact is at most `max_ratio` times as frequent (jieba) as the
    word it replaced: 28 of the 31 attested pairs go to a rarer word, none beyond 2.6x."""
    words = dictionary()
    alt: dict[str, set[str]] = defaultdict(set)
    for a, b, *_ in _read_tsv(name):
        for right, wrong in ((a, b), (b, a)):
            if max(1, words.get(wrong, 0)) <= max_ratio * max(1, words.get(right, 0)):
                alt[right].add(wrong)
    return {w: frozenset(s) for w, s in alt.items()}


@cache
def phrases(name: str = "typos_phrases.tsv") -> dict[str, tuple[tuple[str, str], ...]]:
    """word -> (left part, right part) of each fixed phrase that holds it."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for word, phrase in _read_tsv(name):
        i = phrase.find(word)
        while i >= 0:
            left, right = phrase[:i], phrase[i + len(word):]
            if len(left) <= MAX_CONTEXT and len(right) <= MAX_CONTEXT:
                out[word].append((left, right))
            i = phrase.find(word, i + 1)
    return {w: tuple(v) for w, v in out.items()}


@cache
def phrase_set(name: str = "typos_phrases.tsv") -> frozenset[str]:
    return frozenset(p for _, p in _read_tsv(name))


class PhraseIndex:
    """For each confusion word W: the contexts in which a word R that a round trip turns
    into W forms a fixed phrase. Keys are `left<` (a left part; the right part is checked
    after) or `>right`. Each word's entries are built the first time the word is met.
    `only`: the phrases to use (None: all of them)."""

    def __init__(self, confusion_file: str, phrase_file: str, only: frozenset[str] | None = None) -> None:
        self.known = phrase_set(phrase_file)
        self.contexts = phrases(phrase_file)
        self.only = only
        sources: dict[str, list[str]] = defaultdict(list)  # wrong -> the right words it may stand for
        for right, wrongs in confusions(confusion_file).items():
            if right in self.contexts and (only is None or any(left + right + tail in only
                                                               for left, tail in self.contexts[right])):
                for wrong in wrongs:
                    sources[wrong].append(right)
        self.sources = dict(sources)
        self.words = sorted(self.sources)
        self.automaton = ahocorasick_rs.AhoCorasick(self.words) if self.words else None
        self._entries: dict[str, tuple[dict[str, list[tuple[str, str, str]]], frozenset[str], frozenset[str]]] = {}

    def entries(self, wrong: str) -> tuple[dict[str, list[tuple[str, str, str]]], frozenset[str], frozenset[str]]:
        """(keys, first characters of left parts, first characters of right parts)."""
        got = self._entries.get(wrong)
        if got is None:
            keys: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
            for right in self.sources[wrong]:
                for left, tail in self.contexts[right]:
                    phrase = left + right + tail
                    if self.only is None or phrase in self.only:
                        keys[left + "<" if left else ">" + tail].append((tail if left else "", right, phrase))
            got = (dict(keys), frozenset(k[-2] for k in keys if k.endswith("<")),
                   frozenset(k[1] for k in keys if k.startswith(">")))
            self._entries[wrong] = got
        return got

    def scan(self, text: str) -> list[PhraseEvidence]:
        """Every place where a confusion word stands between the neighbours of a fixed
        phrase of one of its synonyms."""
        if self.automaton is None:
            return []
        out: list[PhraseEvidence] = []
        n = len(text)
        for i, s, e in self.automaton.find_matches_as_indexes(text, overlapping=True):
            wrong = self.words[i]
            keys, lefts, rights = self.entries(wrong)
            if not ((s and text[s - 1] in lefts) or (e < n and text[e] in rights)):
                continue
            for k in range(1, MAX_CONTEXT + 1):
                if k <= s:
                    left = text[s - k:s]
                    for tail, right, phrase in keys.get(left + "<", ()):
                        if text.startswith(tail, e):
                            out.append(PhraseEvidence(s, e, wrong, right, phrase, left + wrong + tail))
                if e + k <= n:
                    tail = text[e:e + k]
                    for _, right, phrase in keys.get(">" + tail, ()):
                        out.append(PhraseEvidence(s, e, wrong, right, phrase, wrong + tail))
        # An artifact reading that is a word or phrase of its own is no artifact.
        words = dictionary()
        return [ev for ev in out if not words.get(ev.artifact) and ev.artifact not in self.known]

    def __getstate__(self) -> dict:
        raise TypeError("PhraseIndex is rebuilt in each process, not pickled")


@cache
def phrase_index(confusion_file: str = "typos_confusions.tsv", phrase_file: str = "typos_phrases.tsv") -> PhraseIndex:
    return PhraseIndex(confusion_file, phrase_file)


@cache
def phrase_automaton(phrase_file: str = "typos_phrases.tsv") -> tuple[list[str], ahocorasick_rs.AhoCorasick]:
    listed = sorted(phrase_set(phrase_file))
    return listed, ahocorasick_rs.AhoCorasick(listed)


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


def word_edges(text: str, start: int, end: int) -> set[int]:
    """The word boundaries of jieba's segmentation of the clause around [start, end)."""
    lo, hi = clause(text, start, end)
    edges, pos = {lo}, lo
    for token in tokenizer().cut(text[lo:hi], HMM=False):
        pos += len(token)
        edges.add(pos)
    return edges


def is_segment_word(text: str, start: int, end: int) -> bool:
    """text[start:end] is a word of jieba's segmentation of its clause (or a run of
    whole words): it starts and ends on a word boundary."""
    edges = word_edges(text, start, end)
    return start in edges and end in edges


def starts_a_word(text: str, start: int, end: int) -> bool:
    """A word of the segmentation of the clause starts at `start` (the 愿 of 志愿 does not)."""
    return start in word_edges(text, start, end)


def route_logprob(piece: str) -> float:
    """jieba's best segmentation route of `piece`: sum of its words' log-frequencies."""
    tok = tokenizer()
    route: dict[int, tuple[float, int]] = {}
    tok.calc(piece, tok.get_DAG(piece), route)
    return route[0][0]


def reading_gain(text: str, start: int, end: int, after: str) -> float:
    """How much more probable (natural log) jieba finds the clause with `after` in
    place of text[start:end] than as written."""
    lo, hi = clause(text, start, end)
    before = text[lo:hi]
    fixed = text[lo:start] + after + text[end:hi]
    return route_logprob(fixed) - route_logprob(before)


class CollocationCounts:
    """Over one build: how often each fixed phrase of the confusion words occurs, and how
    often each artifact collocation (a confusion word between a synonym's phrase
    neighbours) occurs. Keys are the phrases themselves: a few per candidate, no n-grams.
    After `finish`, only the phrases written at least `min_phrase_count` times are used
    to look for candidates (an empty build looks for none)."""

    def __init__(self, confusion_file: str = "typos_confusions.tsv", phrase_file: str = "typos_phrases.tsv") -> None:
        self.files = (confusion_file, phrase_file)
        self.counts: Counter[str] = Counter()
        self.documents = 0
        self.active: frozenset[str] = frozenset()
        self._index: PhraseIndex | None = None

    def observe(self, text: str) -> None:
        self.documents += 1
        self.counts.update(ev.artifact for ev in phrase_index(*self.files).scan(text))
        listed, automaton = phrase_automaton(self.files[1])
        self.counts.update(listed[i] for i, _, _ in automaton.find_matches_as_indexes(text, overlapping=True))

    def finish(self, min_phrase_count: int) -> None:
        known = phrase_set(self.files[1])
        self.active = frozenset(p for p, n in self.counts.items() if n >= min_phrase_count and p in known)
        # Only what process() reads: the phrases in use and the artifact collocations.
        self.counts = Counter({k: n for k, n in self.counts.items() if k in self.active or k not in known})
        self._index = None

    def index(self) -> PhraseIndex:
        if self._index is None:
            self._index = PhraseIndex(*self.files, only=self.active)
        return self._index

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_index": None}  # rebuilt in each worker process

    def log_ratio(self, ev: PhraseEvidence, own_count: int) -> tuple[float, int, int]:
        """log((phrase + 1) / (artifact elsewhere + 1)), with both counts."""
        phrase = self.counts.get(ev.phrase, 0)
        artifact = max(0, self.counts.get(ev.artifact, 0) - own_count)
        return math.log((phrase + 1) / (artifact + 1)), phrase, artifact


_PENDING: dict[str, CollocationCounts] = {}


def counts_for_stage(confusion_file: str, phrase_file: str, create: bool) -> CollocationCounts:
    """The link between `count_collocations` (built first in a pipeline, `create=True`)
    and `fix_typos` (built after it, takes the same object): both stages then hold one
    CollocationCounts, which pickling to worker processes keeps shared. `fix_typos`
    without a counting stage before it gets empty counts."""
    key = f"{confusion_file}\t{phrase_file}"
    if create:
        _PENDING[key] = CollocationCounts(confusion_file, phrase_file)
        return _PENDING[key]
    return _PENDING.pop(key, None) or CollocationCounts(confusion_file, phrase_file)
