"""strip_repeated_paragraphs: a passage the page printed twice is kept once (the first).

Runs on each document after `split_documents` (pagination has joined the lines that page
breaks had cut, so a paragraph is whole, and a bundle's parts are compared separately).
Passages are compared width-folded, without spaces or punctuation, so a copy that
differs in width or punctuation is still a copy (a page prints both copies in one script).

Rules:
- `repeated_paragraph`: a line equal to an earlier line of the document, with at least
  `min_chars` key characters and not a heading, is removed with its line break. Short
  lines and refrains (谢谢大家！, 同志们：) and headings that a table of contents had
  listed before stay.
- `repeated_passage`: inside a line (one-line pages hold a whole document on one line),
  a run of at least `min_sentences` consecutive sentences with at least
  `min_passage_chars` key characters, equal to an earlier run, is removed. A single
  sentence said twice is the author's emphasis and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated

import numpy as np

from pipeline.charsets import fold_width, iter_lines
from pipeline.document import Document, Span
from pipeline.stages.base import Between, Stage
from pipeline.stages.pagination_scans import LIST_START

_NOT_WORD = re.compile(r"[\W_]+")
_WIDE = re.compile("[\uff01-\uff5e\u3000]")  # what fold_width changes
_SENTENCE_END = "。！？!?…；;：:”’」』）)》"
# Not a word character, a sentence end or a line break (the underscore, a word character
# that keys drop, is taken out after).
_NOT_WORD_BUT_END = re.compile(r"[^\w。！？!?…\n]+")
_ENDS = re.compile("[。！？!?…]+")
_SENTENCE_ENDS = re.compile("[。！？!?…\n]+")
_SENTENCE = re.compile(r"[^。！？!?…]+(?:[。！？!?…]+[”’」』）》〉】\"')]*)?")


@dataclass(frozen=True)
class RepeatedParagraphSettings:
    min_chars: Annotated[int, Between(1, 10_000)] = 30          # key characters of a repeated line
    min_sentences: Annotated[int, Between(1, 1_000)] = 2        # sentences of a repeated run inside a line
    min_passage_chars: Annotated[int, Between(1, 10_000)] = 50  # key characters of that run
    max_heading_chars: Annotated[int, Between(0, 1_000)] = 40   # a short line not ending as a sentence is a heading


def passage_key(text: str) -> str:
    """What two copies of a passage printed on one page share: width-folded letters,
    digits and Han characters. (Folding after taking out the rest gives the same: what
    folds to punctuation or a space is not a letter or digit in either width.)"""
    key = _NOT_WORD.sub("", text)
    return fold_width(key) if _WIDE.search(key) else key


def is_heading(line: str, max_chars: int) -> bool:
    """A short line that is numbered (一、…, （二）…, 第三章…) or does not end as a sentence."""
    line = line.strip()
    return 0 < len(line) <= max_chars and (bool(LIST_START.match(line)) or line[-1] not in _SENTENCE_END)


class StripRepeatedParagraphs(Stage):
    """Remove the second and later copies of a paragraph or passage inside one document."""

    name = "strip_repeated_paragraphs"
    Settings = RepeatedParagraphSettings

    def process(self, doc: Document) -> Document:
        # Removing a copy can bring two passages together that repeat an earlier run
        # (A A B A B A → A A B A A), so the stage runs to a fixed point: cleaning its output
        # again then finds nothing. A round that leaves the text as it was would find the
        # same again: the loop stops there.
        for _ in range(8):
            if not self._once(doc):
                break
        return doc

    def _once(self, doc: Document) -> int:
        """One round; the number of characters it removed."""
        if not _may_repeat(doc.text, self.settings):
            return 0
        repeated = self._repeated_lines(doc.text)
        lines = list(iter_lines(doc.text))
        spans = [self._cut(lines, run) for run in _runs(repeated)]
        history, gone = _Passages(), set(repeated)
        for n, (start, end) in enumerate(lines):
            if n not in gone:
                spans.extend(self._repeated_runs(doc.text, start, end, history))
        return doc.replace_spans(self.name, spans)

    def _repeated_lines(self, text: str) -> list[int]:
        """Numbers of the lines that repeat an earlier line (long enough, not headings)."""
        s, seen, repeated = self.settings, set(), []
        for n, (start, end) in enumerate(iter_lines(text)):
            line = text[start:end]
            key = passage_key(line)
            if len(key) < s.min_chars or is_heading(line, s.max_heading_chars):
                continue
            if key in seen:
                repeated.append(n)
            seen.add(key)
        return repeated

    @staticmethod
    def _cut(lines: list[tuple[int, int]], run: tuple[int, int]) -> Span:
        """Lines first..last with one line break: the one after them, or before them when
        they end the text (the first line is never a repeat, so there is one before)."""
        first, last = run
        if last + 1 < len(lines):
            return Span(lines[first][0], lines[last + 1][0], "", "repeated_paragraph")
        return Span(lines[first - 1][1], lines[last][1], "", "repeated_paragraph")

    def _repeated_runs(self, text: str, start: int, end: int, history: _Passages) -> list[Span]:
        """Runs of this line's sentences that repeat an earlier run of the document."""
        s = self.settings
        # finditer with pos/endpos gives positions in the whole text already.
        units = [(m.start(), m.end(), passage_key(m.group())) for m in _SENTENCE.finditer(text, start, end)]
        keys = [u[2] for u in units]
        spans, i = [], 0
        while i < len(units):
            run = history.run_at(keys, i)
            if run >= s.min_sentences and sum(map(len, keys[i : i + run])) >= s.min_passage_chars:
                spans.append(Span(units[i][0], units[i + run - 1][1], "", "repeated_passage"))
                i += run
            else:
                history.add(keys[i])
                i += 1
        return spans


def _may_repeat(text: str, s: RepeatedParagraphSettings) -> bool:
    """Whether the text may hold a repeated line or passage, found from one pass in
    compiled code over the text, so that a document with no copy costs no per-sentence
    work: two lines of at least `min_chars` key characters with one key, or a chain of
    consecutive sentence keys, long enough, each pair of which was seen before.

    A sentence's key is the word characters between two runs of sentence ends: _SENTENCE
    ends a sentence only after an end mark (its closers hold no key) or at a line break.
    A repeated run of n >= 2 sentences is n consecutive non-empty keys (the history keeps
    no empty key) whose n - 1 pairs all appeared before, consecutive, in the document."""
    line_keys, sentence_keys = _keys(text)
    lines = [key for key in line_keys.split("\n") if len(key) >= s.min_chars]
    if len(set(lines)) < len(lines):
        return True
    keys = list(filter(None, sentence_keys.split("\n")))
    if len(set(keys)) == len(keys) or s.min_sentences == 1:  # no key twice: no pair twice either
        return len(set(keys)) < len(keys)
    seen: set[tuple[str, str]] = set()
    sentences, chars = 1, len(keys[0]) if keys else 0
    for pair in zip(keys, keys[1:]):
        if pair in seen:
            sentences, chars = sentences + 1, chars + len(pair[1])
            if sentences >= s.min_sentences and chars >= s.min_passage_chars:
                return True
        else:
            seen.add(pair)
            sentences, chars = 1, len(pair[1])
    return False


def _keys(text: str) -> tuple[str, str]:
    """The text's word characters, width-folded, with its line breaks: without its
    sentence end marks (`_ENDS` removed: the lines' keys), and with each end mark a line
    break (split there, the sentences' keys). In numpy over the code points, a table
    lookup each: the regex steps took most of a document's time in this stage. (Folding
    maps end marks to end marks, ！？ to !?, and nothing else to one, so it can come first.)"""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _kept_table()
    if codes.size and int(codes.max()) >= len(table):  # above the table: rare, the regex way
        marked = word_chars_and_ends(text)
        marked = fold_width(marked) if _WIDE.search(marked) else marked
        return _ENDS.sub("", marked), _SENTENCE_ENDS.sub("\n", marked)
    kept = codes[table[codes]]
    wide = (kept >= 0xFF01) & (kept <= 0xFF5E)  # what fold_width changes that is kept (not U+3000)
    if wide.any():
        kept = np.where(wide, kept - np.uint32(0xFEE0), kept)
    ends = np.isin(kept, _END_CODES)
    return (kept[~ends].tobytes().decode("utf-32-le"),
            np.where(ends, np.uint32(10), kept).tobytes().decode("utf-32-le"))


_END_CODES = np.array([ord(c) for c in "。！？!?…"], dtype=np.uint32)


def word_chars_and_ends(text: str) -> str:
    """`text` with only its word characters but the underscore, its sentence end marks
    and its line breaks (`_NOT_WORD_BUT_END` removed, then "_"), kept in numpy over the
    code points: a Chinese text has a run to remove every few characters."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _kept_table()
    if codes.size and int(codes.max()) >= len(table):  # above the table: rare, the regex way
        return _NOT_WORD_BUT_END.sub("", text).replace("_", "")
    return codes[table[codes]].tobytes().decode("utf-32-le")


@cache
def _kept_table() -> np.ndarray:
    """Whether `word_chars_and_ends` keeps each code point below the fourth plane, read
    off the class itself (the regex engine's own word characters)."""
    every = "".join(map(chr, range(0x40000)))
    table = np.ones(len(every), dtype=bool)
    for m in _NOT_WORD_BUT_END.finditer(every):
        table[m.start():m.end()] = False
    table[ord("_")] = False
    return table


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive numbers as (first, last) runs: [2, 3, 5] -> [(2, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


class _Passages:
    """The sentence keys kept so far in a document, and where each first appeared."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.first: dict[str, int] = {}

    def add(self, key: str) -> None:
        if key:
            self.first.setdefault(key, len(self.keys))
            self.keys.append(key)

    def run_at(self, keys: list[str], i: int) -> int:
        """How many sentences from keys[i] on repeat the kept ones from the first
        occurrence of keys[i] (the earlier run must end before keys[i])."""
        j = self.first.get(keys[i])
        n = 0
        while j is not None and i + n < len(keys) and j + n < len(self.keys) and keys[i + n] == self.keys[j + n]:
            n += 1
        return n
