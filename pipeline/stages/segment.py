"""segment: paragraphs, sentences and jieba words. Changes no text.

Paragraphs are the lines of `text`. A sentence ends at 。！？… (and ； when
`split_on_semicolon`), keeping any closing quote or bracket with it; ASCII `.` never ends
a sentence, so file names, decimals and URLs stay whole (cleaning.md section 8). Each
sentence is segmented by jieba in precise mode with its bundled dictionary.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from pipeline.document import Document
from pipeline.stages.base import Stage

_CLOSE = "”’」』）》〉】\"')"


@dataclass(frozen=True)
class SegmentSettings:
    split_on_semicolon: bool = False
    hmm: bool = True


@cache
def sentence_pattern(split_on_semicolon: bool) -> re.Pattern[str]:
    ends = "。！？…" + ("；" if split_on_semicolon else "")
    return re.compile(rf"[^{ends}]+(?:[{ends}]+[{_CLOSE}]*)?|[{ends}]+[{_CLOSE}]*")


@cache
def tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def split_sentences(paragraph: str, split_on_semicolon: bool = False) -> list[str]:
    return [s.strip() for s in sentence_pattern(split_on_semicolon).findall(paragraph) if s.strip()]


class Segment(Stage):
    """Fill `doc.sentences` with (paragraph_index, sentence_index, sentence, tokens)."""

    name = "segment"
    Settings = SegmentSettings

    def process(self, doc: Document) -> Document:
        tok = tokenizer()
        doc.sentences = []
        for p, paragraph in enumerate(doc.text.split("\n")):
            for s, sentence in enumerate(split_sentences(paragraph, self.settings.split_on_semicolon)):
                tokens = [t for t in tok.lcut(sentence, HMM=self.settings.hmm) if t.strip()]
                doc.sentences.append((p, s, sentence, tokens))
        return doc
