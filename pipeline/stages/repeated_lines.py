"""strip_repeated_lines: lines that recur across many documents of a build are boilerplate.

The corpus-level signal of CCNet and datatrove's line deduplication, kept as one signal
among several (cleaning.md section 8): a line repeated across documents is removed only
when it also looks like the site's (its words: 本站, 下载, 会员 …; a URL; no Chinese at
all). Genres repeat their own lines (谢谢大家！, 一、主要做法, 同志们：), and those stay.
Pass 1 (`observe`) keeps only an 8-byte hash per distinct line and a count of the
documents it appears in.

Rule: `repeated_line`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.charsets import is_han, iter_lines, match_view
from pipeline.document import Document, Span
from pipeline.metadata import URL
from pipeline.stages.base import CorpusStage

_SPACE = re.compile(r"\s+")
# Words in a site's voice: a repeated line holding one is boilerplate even if it reads as prose.
SITE_VOICE = ("本站", "本网", "本平台", "网站", "文档", "下载", "会员", "登录", "VIP", "上传", "客服", "版权")


@dataclass(frozen=True)
class RepeatedLineSettings:
    min_documents: int = 3
    min_share: float = 0.02
    max_line_chars: int = 200


def line_key(line: str) -> bytes:
    norm = _SPACE.sub("", match_view(line))
    return hashlib.blake2b(norm.encode(), digest_size=8).digest()


def sounds_like_the_site(line: str) -> bool:
    view = match_view(line)
    return any(w in view for w in SITE_VOICE) or bool(URL.search(line)) or not any(is_han(c) for c in line)


class StripRepeatedLines(CorpusStage):
    """Remove lines repeated in many documents of the build (threshold in settings)."""

    name = "strip_repeated_lines"
    Settings = RepeatedLineSettings

    def __init__(self, settings: RepeatedLineSettings | None = None) -> None:
        super().__init__(settings)
        self.counts: Counter[bytes] = Counter()
        self.n_docs = 0
        self.boilerplate: frozenset[bytes] = frozenset()

    def observe(self, doc: Document) -> None:
        self.n_docs += 1
        keys = {line_key(doc.text[s:e]) for s, e in iter_lines(doc.text)
                if doc.text[s:e].strip() and e - s <= self.settings.max_line_chars}
        self.counts.update(keys)

    def finish_observing(self) -> None:
        need = max(self.settings.min_documents, self.settings.min_share * self.n_docs)
        self.boilerplate = frozenset(k for k, n in self.counts.items() if n >= need)
        self.counts = Counter()  # only the verdicts are needed from here on

    def process(self, doc: Document) -> Document:
        if not self.boilerplate:
            return doc
        spans = []
        for s, e in iter_lines(doc.text):
            line = doc.text[s:e]
            if not line.strip() or line_key(line) not in self.boilerplate:
                continue
            if not sounds_like_the_site(line):
                continue
            spans.append(Span(s, min(e + 1, len(doc.text)), "", "repeated_line"))
        doc.replace_spans(self.name, spans)
        return doc
