"""quality: signals a user can filter on, published as `documents` columns. Changes no text.

- `han_share`: Han characters / characters other than whitespace.
- `mean_sentence_chars`: mean length of the document's sentences (from `segment`).
- `chrome_share`: characters removed as site chrome (the edits of `strip_site_chrome` and
  `strip_repeated_lines`) / (those + the published text).
- `repeated_line_share`: lines equal to an earlier line of the text / lines (Gopher's and
  FineWeb-2's `dup_line_frac`), on the published text.
- `too_short`: fewer than `min_words` words (jieba tokens holding a letter, digit or
  Han character).

Nothing is dropped unless `filter` is on; then a document outside the bounds is dropped
and listed with its reason in the manifest. Defaults, where FineWeb-2 has one for Chinese
(huggingface/fineweb-2, configs/cmn_Hani.yml and fineweb-2-pipeline.py):
`max_repeated_line_share` = its `dup_line_frac` 0.287, and `min_words` = 50, datatrove's
GopherQualityFilter `min_doc_words`, which FineWeb-2 kept. FineWeb-2 has no Han-share,
sentence-length or chrome threshold (it uses a GlotLID language score of 0.692 instead):
`min_han_share` 0.5 is ours (the seeds hold 0.81-0.91), and the sentence and chrome
bounds are off (0 and 1) until a user sets them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import compress, islice
from operator import attrgetter, itemgetter
from typing import Annotated, Any

import numpy as np

from pipeline.document import Document
from pipeline.stages.base import Between, Stage

CHROME_STAGES = ("strip_site_chrome", "strip_repeated_lines")
COLUMNS = ("han_share", "mean_sentence_chars", "chrome_share", "repeated_line_share", "too_short")


@dataclass(frozen=True)
class QualitySettings:
    min_words: Annotated[int, Between(0, 1_000_000)] = 50
    filter: bool = False
    min_han_share: Annotated[float, Between(0, 1)] = 0.5
    max_repeated_line_share: Annotated[float, Between(0, 1)] = 0.287
    min_mean_sentence_chars: Annotated[float, Between(0, 100_000)] = 0.0
    max_mean_sentence_chars: Annotated[float, Between(0, 100_000)] = 0.0  # 0: no upper bound
    max_chrome_share: Annotated[float, Between(0, 1)] = 1.0


_WORDISH = re.compile(r"[^\W_]")  # a letter, digit or Han character
_HAN_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))  # as charsets.is_han
_OTHER, _HAN, _SPACE = 0, 1, 2
_SPAN = 0x2FA20  # no code point from here on is Han or a space


@cache
def _class_table() -> np.ndarray:
    """The class of each code point below _SPAN (the last entry stands for all above):
    Han, whitespace (str.isspace, which is what `\\s` matches) or other."""
    table = np.zeros(_SPAN + 1, dtype=np.uint8)
    for low, high in _HAN_RANGES:
        table[low : high + 1] = _HAN
    table[[ord(c) for c in re.findall(r"\s", "".join(map(chr, range(_SPAN))))]] = _SPACE
    return table


def character_counts(text: str) -> tuple[int, int]:
    """(Han characters, characters other than whitespace) of `text`, counted in numpy:
    one lookup per code point instead of a pass of Python objects per run."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    counts = np.bincount(_class_table()[np.minimum(codes, _SPAN)], minlength=3)
    return int(counts[_HAN]), len(text) - int(counts[_SPACE])


def chrome_chars(doc: Document) -> int:
    """Characters the chrome stages removed (applied edits): the edits are picked by stage
    in compiled loops, since a document may carry tens of thousands of other edits."""
    edits = doc.edits
    picked = [e for e in compress(edits, map(_IS_CHROME, map(_STAGE, edits))) if e.applied]
    return sum(map(len, map(_BEFORE, picked))) - sum(map(len, map(_AFTER, picked)))


_IS_CHROME = frozenset(CHROME_STAGES).__contains__
_STAGE, _BEFORE, _AFTER = attrgetter("stage"), attrgetter("before"), attrgetter("after")


def signals(doc: Document, min_words: int) -> dict[str, Any]:
    text = doc.text
    han, visible = character_counts(text)
    chrome = chrome_chars(doc)
    lines = [line for line in text.split("\n") if line.strip()]
    repeats = len(lines) - len(set(lines))
    # Words are only compared with min_words: counting stops there.
    words = sum(1 for _ in islice((t for *_, tokens in doc.sentences for t in tokens if _WORDISH.search(t)), min_words))
    return {
        "han_share": round(han / visible, 4) if visible else 0.0,
        "mean_sentence_chars": round(sum(map(len, map(itemgetter(2), doc.sentences))) / len(doc.sentences), 2)
        if doc.sentences else 0.0,
        "chrome_share": round(chrome / (chrome + len(text)), 4) if chrome + len(text) else 0.0,
        "repeated_line_share": round(repeats / len(lines), 4) if lines else 0.0,
        "too_short": words < min_words,
    }


def failed_bound(q: dict[str, Any], s: QualitySettings) -> str | None:
    """Why a document falls outside the filter's bounds (None when it passes)."""
    checks = [
        (q["too_short"], f"fewer than {s.min_words} words"),
        (q["han_share"] < s.min_han_share, f"han_share {q['han_share']} < {s.min_han_share}"),
        (q["repeated_line_share"] > s.max_repeated_line_share,
         f"repeated_line_share {q['repeated_line_share']} > {s.max_repeated_line_share}"),
        (q["mean_sentence_chars"] < s.min_mean_sentence_chars,
         f"mean_sentence_chars {q['mean_sentence_chars']} < {s.min_mean_sentence_chars}"),
        (0 < s.max_mean_sentence_chars < q["mean_sentence_chars"],
         f"mean_sentence_chars {q['mean_sentence_chars']} > {s.max_mean_sentence_chars}"),
        (q["chrome_share"] > s.max_chrome_share, f"chrome_share {q['chrome_share']} > {s.max_chrome_share}"),
    ]
    return next((reason for failed, reason in checks if failed), None)


class Quality(Stage):
    """Compute the quality signals; with `filter` on, mark documents to drop."""

    name = "quality"
    Settings = QualitySettings

    def process(self, doc: Document) -> Document:
        doc.quality = signals(doc, self.settings.min_words)
        if self.settings.filter and (reason := failed_bound(doc.quality, self.settings)):
            doc.flags["dropped"] = f"quality filter: {reason}"
        return doc
