"""Context plausibility for fix_typos: is a word's correction at home in its window, beyond
what the two words' own frequencies say?

Two measures, both from what installs with jieba (no corpus, nothing downloaded), both
computed only at a candidate span, never over a whole text:
- the compound: a dictionary word or fixed phrase (`rules/typos_phrases.tsv`, jieba's
  dictionary) that the correction forms with a whole neighbouring word across the span's
  edge (食品 + 安全 -> 食品安全, 档案 + 管理 -> 档案管理). A single neighbouring character is
  not enough: an affix makes a word of almost anything (产业化, 分辨率, 实际上);
- the collocation margin: jieba's best route through the clause with the correction, less
  the route as written, less the two words' unigram log-ratio. A word that is merely more
  frequent gains nothing; what is left is what the neighbours add (the compound's
  association: log P(食品安全) - log P(食品) - log P(安全)).
A written word that forms a phrase of its own with its neighbours is at home and is never a
candidate here (`typo_evidence.own_phrase`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.typo_decision import Fix, right_written
from pipeline.typo_evidence import (
    MAX_CONTEXT,
    CollocationCounts,
    confusion_words,
    confusions,
    dictionary,
    is_segment_word,
    own_phrase,
    phrase_set,
    reading_gain,
    split_key,
)

MIN_NEIGHBOUR = 2  # characters of the neighbouring word a compound must hold (no affixes)


def compound(text: str, start: int, end: int, right: str, phrase_file: str = "typos_phrases.tsv") -> str | None:
    """The longest dictionary word or fixed phrase that `right`, written in place of
    text[start:end], forms with at least MIN_NEIGHBOUR characters of its neighbours on one
    side (within MAX_CONTEXT characters); None if it forms none."""
    words, known = dictionary(), phrase_set(phrase_file)
    best: str | None = None
    for a in range(max(0, start - MAX_CONTEXT), start + 1):
        for b in range(end, min(len(text), end + MAX_CONTEXT) + 1):
            if start - a < MIN_NEIGHBOUR and b - end < MIN_NEIGHBOUR:
                continue
            piece = text[a:start] + right + text[end:b]
            if (piece in known or words.get(piece)) and (best is None or len(piece) > len(best)):
                best = piece
    return best


def unigram_ratio(written: str, right: str) -> float:
    """log(freq right / freq written) in jieba's dictionary (a missing word counts 1)."""
    words = dictionary()
    return math.log(max(1, words.get(right, 0)) / max(1, words.get(written, 0)))


def collocation_margin(text: str, start: int, end: int, right: str) -> float:
    """What the clause's neighbours add to `right` over the written word, in nats: jieba's
    route gain from the correction less the words' unigram log-ratio."""
    return reading_gain(text, start, end, right) - unigram_ratio(text[start:end], right)


@dataclass(frozen=True)
class Plausibility:
    """The context's verdict on one candidate reading."""

    compound: str | None
    margin: float  # collocation margin, nats
    frequency: float  # unigram log-ratio, right over written

    def log_odds(self, score: dict[str, float]) -> float:
        """`context_per_nat` per nat of margin (capped at `context_cap`), `frequency_weight`
        per nat of frequency (capped at ±2), `context_compound` if the correction forms a compound."""
        margin = max(-score["context_cap"], min(score["context_cap"], self.margin))
        return (score["context_per_nat"] * margin + score["frequency_weight"] * max(-2.0, min(2.0, self.frequency))
                + (score["context_compound"] if self.compound else 0.0))

    def evidence(self) -> str:
        found = f"compound {self.compound!r}; " if self.compound else ""
        return f"context: {found}collocation margin {self.margin:+.1f} nats; frequency log-ratio {self.frequency:+.1f}"


def plausibility(text: str, start: int, end: int, right: str, phrase_file: str = "typos_phrases.tsv") -> Plausibility:
    return Plausibility(compound(text, start, end, right, phrase_file), collocation_margin(text, start, end, right),
                        unigram_ratio(text[start:end], right))


def context_margin(text: str, start: int, end: int, right: str, score: dict[str, float]) -> tuple[float, str]:
    """(log-odds, evidence) the collocation margin adds to a hand-written pair's candidate whose
    correction forms a phrase: `context_per_nat` per nat, capped at `context_cap` either way
    (the pair itself says the words are confused; the frequencies add nothing)."""
    margin = collocation_margin(text, start, end, right)
    odds = score["context_per_nat"] * max(-score["context_cap"], min(score["context_cap"], margin))
    return odds, f"; collocation margin {margin:+.1f} nats {odds:+.1f}"


def context_candidates(text: str, score: dict[str, float], phrase_file: str, taken: set[int],
                       corpus: CollocationCounts) -> list[Fix]:
    """Candidates of the generated confusion set decided by the context (rule
    `round_trip_context`): a written word, not already a candidate (`taken`: start
    positions), whose correction forms a compound with a neighbouring word, where the
    document does not write that correction elsewhere (a tool that turns a word into its
    artifact does so throughout: a page that writes 综合 did not turn 综合 into 完善), the
    build never writes the word in the same window in another place (both readings would be
    in use there: 完善治理 beside 综合治理), the written word forms no phrase of its own and is a
    word of the segmentation. The cheap tests (dictionary look-ups) come first; the route
    through the clause only at the spans that pass them. The correction written in the same
    window elsewhere in the build adds `context_corpus` per nat of log(1 + count)."""
    table = confusions(corpus.confusion_file)
    listed, automaton = confusion_words(corpus.confusion_file)
    out: list[Fix] = []
    alone = corpus.windows(text)  # the build's counts first, for the whole text at once
    if not alone:
        return out
    present: dict[tuple[str, str], bool] = {}  # (right, word) -> the document writes `right` (once per pair)
    suspects = {split_key(k)[1] for k in alone}
    for i, s, e in automaton.find_matches_as_indexes(text):
        word = listed[i]
        if word not in suspects or word not in table or s in taken:
            continue
        windows = corpus.context_keys(text, s, e, word)
        if not any(k in alone for _, k in windows) or any(corpus.elsewhere(text, c, word) for c, _ in windows):
            continue  # the build never writes a correction in this window, or writes the word here too
        right, theirs = max(alone[k] for _, k in windows if k in alone)
        found = compound(text, s, e, right, phrase_file)
        if not found or present.setdefault((right, word), right_written(text, right, word)) \
                or own_phrase(text, s, e, phrase_file) or not is_segment_word(text, s, e):
            continue
        p = Plausibility(found, collocation_margin(text, s, e, right), unigram_ratio(word, right))
        bonus = score["context_corpus"] * min(score["context_cap"], math.log1p(theirs))
        why = p.evidence() + f"; the build writes {right!r} here x{theirs} elsewhere, {word!r} x0"
        out.append(Fix(s, e, right, "round_trip_context", score["context"] + p.log_odds(score) + bonus, why))
    return out
