"""strip_repeated_lines: lines that recur across many documents of a build are boilerplate.

The corpus-level signal of CCNet and datatrove's line deduplication, kept as one signal
among several (cleaning.md section 8): a line repeated across documents is removed only
when it also looks like the site's (its words: 本站, 下载, 会员 …; a URL; no Chinese at
all). Genres repeat their own lines (谢谢大家！, 一、主要做法, 同志们：), and those stay.
Observing (`observation`, `absorb`) keeps only an 8-byte hash per distinct site-sounding
line and a count of the documents it appears in.

Rules: `repeated_line`; `related_links` when a removed line heads a list of short
title-like lines that runs to the page's end (a related-documents block whose heading only
repetition gave away): the list goes with its heading instead of being orphaned.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from pipeline.charsets import HAN_RUN as _HAN
from pipeline.charsets import is_han, iter_lines, match_view
from pipeline.document import Document, Span
from pipeline.metadata import URL
from pipeline.stages.base import Between, CorpusStage
from pipeline.stages.chrome_related import is_link_line

_SPACE = re.compile(r"\s+")
# Words in a site's voice: a repeated line holding one is boilerplate even if it reads as prose.
SITE_VOICE = ("本站", "本网", "本平台", "网站", "文档", "下载", "会员", "登录", "VIP", "上传", "客服", "版权")


@dataclass(frozen=True)
class RepeatedLineSettings:
    min_documents: Annotated[int, Between(1, 1_000_000_000)] = 3
    min_share: Annotated[float, Between(0, 1)] = 0.02
    max_line_chars: Annotated[int, Between(1, 1_000_000)] = 200
    # A removed line this short, not a sentence, heads a list of links (see related_list).
    max_heading_chars: Annotated[int, Between(1, 1_000)] = 20
    min_links: Annotated[int, Between(1, 1_000)] = 2


def line_key(view_line: str) -> bytes:
    """8-byte hash of a line's match view (width-folded, simplified), spaces left out."""
    return hashlib.blake2b(_SPACE.sub("", view_line).encode(), digest_size=8).digest()


def sounds_like_the_site(line: str, view_line: str) -> bool:
    """A line in the site's words, with a URL, or without Chinese but with a letter or a digit
    (a line of punctuation alone, 。 or ”。, is what a wrap left of a sentence: nothing of the
    site's)."""
    return any(w in view_line for w in SITE_VOICE) or bool(URL.search(line)) or (
        not any(is_han(c) for c in line) and _LETTER_OR_DIGIT.search(line) is not None)


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


_SITE_VOICE = re.compile("|".join(map(re.escape, SITE_VOICE)))


def site_sounding_lines(text: str, view: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) of the lines of `text` of at most `max_chars` characters that
    `sounds_like_the_site`, in order: the same tests, each one scan in compiled code, the
    cheap ones first (every URL holds "." or "://": the URL pattern runs only then)."""
    out = []
    for s, e in iter_lines(text):
        if e - s > max_chars:
            continue
        line = text[s:e]
        if not _HAN.search(line) and _LETTER_OR_DIGIT.search(line) or _SITE_VOICE.search(view, s, e) \
                or (("." in line or "://" in line) and URL.search(line)):
            out.append((s, e))
    return out


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
        text, view = doc.text, match_view(doc.text)
        for s, e in site_sounding_lines(text, view, self.settings.max_line_chars):
            if text[s:e].strip():
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
        spans = [Span(s, min(e + 1, len(doc.text)), "", "repeated_line")
                 for s, e, key in self.candidate_keys(doc) if key in self.boilerplate]
        doc.replace_spans(self.name, spans + self.related_list(doc.text, spans))
        return doc

    def related_list(self, text: str, removed: list[Span]) -> list[Span]:
        """The links under the first removed heading-like line that is followed, to the
        page's end, by nothing but title-like lines and other removed lines."""
        gone = {s.start for s in removed}
        for heading in removed:
            line = text[heading.start:heading.end].strip()
            if len(line) > self.settings.max_heading_chars or not is_link_line(line):
                continue
            links = [(s, e) for s, e in iter_lines(text) if s >= heading.end and text[s:e].strip()
                     and s not in gone]
            if len(links) >= self.settings.min_links and all(is_link_line(text[s:e].strip()) for s, e in links):
                return [Span(s, min(e + 1, len(text)), "", "related_links") for s, e in links]
        return []
