"""segment: paragraphs, sentences and jieba words. Changes no text.

Paragraphs are the lines of `text`; a sentence never spans two lines, so text the spec
keeps on one line stays in one paragraph. Inside a line, a sentence ends at 。！？… (and ；
when `split_on_semicolon`), keeping the run of end marks and any closing quote or bracket
with it (`……”`, `！？`, `。）`). An end mark ends no sentence inside a book title
(《你好！中国》), a URL, a file name (`为什么？.docx`) or a range of numbers (`1…5`);
ASCII `.` never ends one. A heading on its own line (`一、…`, `（二）…`, a short line
that does not end as a sentence) is one sentence whatever marks it holds.

Each sentence is segmented in jieba's precise mode with its bundled dictionary, by
rjieba (jieba-rs, the default) or jieba itself (`tokenizer` setting; both give the same
tokens, see `pipeline/words.py`). Tokens keep the sentence's inner spaces (`Windows 10` →
`Windows`, ` `, `10`), so that the tokens joined are the sentence, always.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Annotated

from pipeline.charsets import lines_holding
from pipeline.document import Document
from pipeline.metadata import URL
from pipeline.stages.base import OneOf, Stage
from pipeline.stages.repeated_paragraphs import is_heading
from pipeline.words import BACKENDS, batch_segmenter, jieba_tokenizer, segmenter

_CLOSE = "”’」』）》〉】\"')"
_FILE_NAME = re.compile(r"[^\s《》“”\"'，,；;：:。]{1,80}?\.(?:docx?|pdf|txt|pptx?|xlsx?|wps|rtf|caj)(?![A-Za-z])", re.I)
_BOOK_TITLE = re.compile(r"《[^《》\n]{1,80}》")
_NUMBER = re.compile(r"\d[．…]+\d")
MAX_HEADING_CHARS = 40


@dataclass(frozen=True)
class SegmentSettings:
    split_on_semicolon: bool = False
    hmm: bool = True
    tokenizer: Annotated[str, OneOf(BACKENDS)] = "rjieba"


@cache
def end_pattern(split_on_semicolon: bool) -> re.Pattern[str]:
    ends = "。！？…" + ("；" if split_on_semicolon else "")
    return re.compile(rf"[{ends}]+[{_CLOSE}]*")


# jieba's tokenizer (its dictionary is read by other stages too).
tokenizer = jieba_tokenizer


# Each guarded span and what it cannot match without (found by one scan of the text):
# the span is searched for only in the lines that hold it.
_GUARDS = ((_BOOK_TITLE, re.compile("《")), (URL, re.compile(r"://|www\.|\.[a-z]")),
           (_FILE_NAME, re.compile(r"\.(?:docx?|pdf|txt|pptx?|xlsx?|wps|rtf|caj)(?![A-Za-z])", re.I)),
           (_NUMBER, re.compile("[．…]")))


def _cuts(text: str, split_on_semicolon: bool) -> list[int]:
    """Offsets after each run of end marks (closers included) that ends a sentence: one
    not inside a book title, URL, file name or range of numbers. No match crosses a line
    break, so the whole text is scanned at once."""
    inside = None  # 1 strictly inside a protected span
    for pattern, guard in _GUARDS:
        for start, end in lines_holding(guard, text):
            for m in pattern.finditer(text, start, end):
                if inside is None:
                    inside = bytearray(len(text) + 1)
                inside[m.start() + 1:m.end()] = b"\1" * (m.end() - m.start() - 1)
    ends = end_pattern(split_on_semicolon).finditer(text)
    if inside is None:
        return [m.end() for m in ends]
    return [m.end() for m in ends if not (inside[m.start()] or inside[m.end()])]


def sentences_of(text: str, split_on_semicolon: bool = False) -> list[tuple[int, int, str]]:
    """(paragraph, sentence, text) of each sentence of `text`: each line cut after its
    sentence ends (a heading line is one sentence), each piece stripped."""
    cuts = _cuts(text, split_on_semicolon)
    out: list[tuple[int, int, str]] = []
    pos = first = 0
    for p, line in enumerate(text.split("\n")):
        end = pos + len(line)
        k = bisect_right(cuts, end, first)
        if first == k or is_heading(line, MAX_HEADING_CHARS):  # one sentence
            pieces = [line]
        else:
            bounds = [c - pos for c in cuts[first:k]]
            pieces = [line[i:j] for i, j in zip([0, *bounds], [*bounds, len(line)])]
        out += [(p, s, sentence) for s, sentence in enumerate(filter(None, map(str.strip, pieces)))]
        pos, first = end + 1, k
    return out


def split_sentences(paragraph: str, split_on_semicolon: bool = False) -> list[str]:
    """The sentences of one line, stripped; their concatenation is the line without the
    spaces between sentences."""
    return [sentence for _, _, sentence in sentences_of(paragraph, split_on_semicolon)]


def tokens_of(sentence: str, hmm: bool = True, backend: str = "rjieba") -> list[str]:
    """jieba's words for the sentence; joined, they are the sentence."""
    tokens = segmenter(backend, hmm)(sentence)
    if "".join(tokens) != sentence:  # never seen; a sentence must not lose characters
        raise ValueError(f"{backend} tokens do not rebuild the sentence {sentence!r}")
    return tokens


class Segment(Stage):
    """Fill `doc.sentences` with (paragraph_index, sentence_index, sentence, tokens)."""

    name = "segment"
    Settings = SegmentSettings

    def process(self, doc: Document) -> Document:
        backend, join = self.settings.tokenizer, "".join
        found = sentences_of(doc.text, self.settings.split_on_semicolon)
        cut = batch_segmenter(backend, self.settings.hmm)(list(map(itemgetter(2), found)), doc.text)
        doc.sentences = [(p, s, sentence, tokens) for (p, s, sentence), tokens in zip(found, cut)]
        if any(join(tokens) != sentence for _, _, sentence, tokens in doc.sentences):  # never seen
            sentence = next(s for _, _, s, tokens in doc.sentences if join(tokens) != s)
            raise ValueError(f"{backend} tokens do not rebuild the sentence {sentence!r}")
        return doc
