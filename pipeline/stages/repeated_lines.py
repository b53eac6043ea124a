"""strip_repeated_lines: lines that recur across many documents of a build are boilerplate.

The corpus-level signal of CCNet and datatrove's line deduplication, kept as one signal
among several (cleaning.md section 8): a line repeated across documents is removed only
when it also looks like the site's (its words: 本站, 下载, 会员 …; a URL; no Chinese at
all). Genres repeat their own lines (谢谢大家！, 一、主要做法, 同志们：), and those stay.
Observing (`observation`, `absorb`) keeps only an 8-byte hash per distinct site-sounding
line and a count of the documents it appears in.

Rule: `repeated_line`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from pipeline.charsets import is_han, iter_lines, match_view
from pipeline.document import Document, Span
from pipeline.metadata import URL
from pipeline.stages.base import Between, CorpusStage

_SPACE = re.compile(r"\s+")
# Words in a site's voice: a repeated line holding one is boilerplate even if it reads as prose.
SITE_VOICE = ("本站", "本网", "本平台", "网站", "文档", "下载", "会员", "登录", "VIP", "上传", "客服", "版权")


@dataclass(frozen=True)
class RepeatedLineSettings:
    min_documents: Annotated[int, Between(1, 1_000_000_000)] = 3
    min_share: Annotated[float, Between(0, 1)] = 0.02
    max_line_chars: Annotated[int, Between(1, 1_000_000)] = 200


def line_key(view_line: str) -> bytes:
    """8-byte hash of a line's match view (width-folded, simplified), spaces left out."""
    return hashlib.blake2b(_SPACE.sub("", view_line).encode(), digest_size=8).digest()


def sounds_like_the_site(line: str, view_line: str) -> bool:
    return any(w in view_line for w in SITE_VOICE) or bool(URL.search(line)) or not any(is_han(c) for c in line)


class StripRepeatedLines(CorpusStage):
    """Remove lines repeated in many documents of the build (threshold in settings)."""

    name = "strip_repeated_lines"
    Settings = RepeatedLineSettings

    def __init__(self, settings: RepeatedLineSettings | None = None) -> None:
        super().__init__(settings)
        self.counts: Counter[bytes] = Counter()
        self.n_docs = 0
        self.boilerplate: frozenset[bytes] = frozenset()

    def candidate_keys(self, doc: Document) -> Iterator[tuple[int, int, bytes]]:
        """(start, end, key) of the lines that could be boilerplate: short, and sounding
        like the site. Only these are counted and looked up."""
        view = match_view(doc.text)
        for s, e in iter_lines(doc.text):
            line = doc.text[s:e]
            if line.strip() and e - s <= self.settings.max_line_chars and sounds_like_the_site(line, view[s:e]):
                yield s, e, line_key(view[s:e])

    def observation(self, doc: Document) -> frozenset[bytes]:
        """The keys of the document's candidate lines (each counted once per document)."""
        return frozenset(key for _, _, key in self.candidate_keys(doc))

    def absorb(self, observation: frozenset[bytes]) -> None:
        self.n_docs += 1
        self.counts.update(observation)

    def finish_observing(self) -> None:
        need = max(self.settings.min_documents, self.settings.min_share * self.n_docs)
        self.boilerplate = frozenset(k for k, n in self.counts.items() if n >= need)
        self.counts = Counter()  # only the verdicts are needed from here on

    def state_fingerprint(self) -> str:
        return hashlib.sha256(b"".join(sorted(self.boilerplate))).hexdigest()

    def process(self, doc: Document) -> Document:
        if not self.boilerplate:
            return doc
        doc.replace_spans(self.name, [Span(s, min(e + 1, len(doc.text)), "", "repeated_line")
                                      for s, e, key in self.candidate_keys(doc) if key in self.boilerplate])
        return doc
