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
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pipeline.document import Document
from pipeline.metadata import URL
from pipeline.stages.base import OneOf, Stage
from pipeline.stages.repeated_paragraphs import is_heading
from pipeline.words import BACKENDS, jieba_tokenizer, segmenter

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


# What each guarded span cannot match without: a line holding none of it is not searched.
_GUARDS = ((_BOOK_TITLE, "《"), (URL, "."), (_FILE_NAME, "."), (_NUMBER, "．…"))


def _protected(line: str) -> list[tuple[int, int]]:
    """Spans inside which an end mark ends no sentence."""
    return sorted((m.start(), m.end()) for p, marks in _GUARDS if any(c in line for c in marks)
                  for m in p.finditer(line))


def split_sentences(paragraph: str, split_on_semicolon: bool = False) -> list[str]:
    """The sentences of one line, stripped; their concatenation is the line without the
    spaces between sentences."""
    if is_heading(paragraph, MAX_HEADING_CHARS):
        return [paragraph.strip()] if paragraph.strip() else []
    cuts, last = [], 0
    protected = _protected(paragraph)
    for m in end_pattern(split_on_semicolon).finditer(paragraph):
        if any(s < m.start() < e for s, e in protected) or any(s < m.end() < e for s, e in protected):
            continue
        cuts.append(m.end())
    pieces = [paragraph[a:b] for a, b in zip([last, *cuts], [*cuts, len(paragraph)])]
    return [p.strip() for p in pieces if p.strip()]


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
        doc.sentences = []
        for p, paragraph in enumerate(doc.text.split("\n")):
            for s, sentence in enumerate(split_sentences(paragraph, self.settings.split_on_semicolon)):
                doc.sentences.append((p, s, sentence, tokens_of(sentence, self.settings.hmm, self.settings.tokenizer)))
        return doc
