"""How fix_typos weighs a candidate with the rest of its document (read
`pipeline/rules/typos.toml`, [scoring]).

Each source proposes a `Fix` with log-odds of its own. The document adds: a prior from its
other confident conversion artifacts and, at a fraction, its likely ones (a page that went
through a conversion tool holds many; the prior lowers the margin, it is never a gate); for a
synonym, another confident artifact of the same hand-written pair (the tool turns a word
into its artifact wherever it writes it) and, against it, the right word written as such
elsewhere in the document (then the tool did not convert it); for a look-alike reading that
is a word itself, the document's other look-alike errors. Every amount is named in the
edit's evidence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.typo_evidence import MAX_CONTEXT, own_phrase

Key = tuple[int, str]  # (start, rule) of a candidate


@dataclass
class Fix:
    """A fix proposed by one source, with its log-odds before the document's evidence."""

    start: int
    end: int
    after: str
    rule: str
    log_odds: float
    evidence: str
    takes_prior: bool = True  # certain fixes do not need the document's other artifacts
    lookalike_prior: bool = False  # needs the document's other look-alike errors (a reading that is a word)


class Company:
    """A document's other candidates that speak for a candidate: its confident conversion
    artifacts, its likely ones (not counted twice), its confident look-alike errors; and the
    (right, wrong) of the synonyms whose right word the document writes.

    Copies of one rule are not evidence for each other beyond `same_rule`: a sentence written
    three times holds one reading three times, not three signs of the tool. So the artifacts
    that make the document's prior are those of other rules (the same pair counts through
    `same_rule`, once another of its candidates is confident)."""

    def __init__(self, confident: frozenset[Key], likely: frozenset[Key], lookalikes: frozenset[Key],
                 written: frozenset[tuple[str, str]]) -> None:
        self.confident, self.lookalikes, self.written = confident, lookalikes, written
        self.likely = likely - confident
        self.rules = Counter(rule for _, rule in confident)

    @staticmethod
    def others(key: Key, among: frozenset[Key]) -> int:
        return len(among) - (key in among)

    @staticmethod
    def other_rules(key: Key, among: frozenset[Key]) -> int:
        """Candidates in `among` of another rule than `key`'s."""
        return sum(rule != key[1] for _, rule in among)

    def same_rule(self, key: Key) -> bool:
        """Another confident candidate of the same rule."""
        return self.rules[key[1]] - (key in self.confident) > 0


class Weighing:
    """Candidates' log-odds with their document's evidence (`score`: typos.toml [scoring];
    `pair_rules`: the hand-written pairs' rule names)."""

    def __init__(self, score: dict[str, float], pair_rules: frozenset[str]) -> None:
        self.score, self.pair_rules = score, pair_rules

    def judged(self, text: str, found: list[Fix], company: Company, explain: bool = True) -> Iterator[tuple[Fix, float, str]]:
        """(candidate, log-odds with the document's evidence, evidence) of each candidate
        that no stronger one overlaps (evidence "" unless `explain`)."""
        taken: set[int] = set()
        for c in sorted(found, key=lambda c: (c.start, -c.log_odds)):
            if any(i in taken for i in range(c.start, c.end)):
                continue
            taken.update(range(c.start, c.end))
            odds, note = c.log_odds, c.evidence if explain else ""
            if c.takes_prior:
                extra, why = self.document_evidence(text, c, company, explain)
                odds, note = odds + extra, note + why
            elif c.lookalike_prior:
                others = company.others((c.start, c.rule), company.lookalikes)
                extra = self.score["per_document_lookalike"] * min(others, 2)
                odds += extra
                if explain:
                    note += f"; document prior +{extra:.1f} ({others} other look-alike error(s))"
            yield c, odds, note

    def document_evidence(self, text: str, c: Fix, company: Company, explain: bool = True) -> tuple[float, str]:
        """What the rest of the document says about candidate `c` (see the module's doc)."""
        s = self.score
        key = (c.start, c.rule)
        others, likely = company.other_rules(key, company.confident), company.other_rules(key, company.likely)
        extra = s["per_document_artifact"] * min(others + s["weak_artifact"] * likely, s["max_document_artifacts"])
        why = f"; document prior +{extra:.1f} ({others} other artifact(s), {likely} likely)" if explain else ""
        if c.rule not in self.pair_rules and c.rule != "round_trip_synonym":
            return extra, why
        if c.rule in self.pair_rules and company.same_rule(key):
            extra += s["same_pair"]
            why += f"; the same pair confident elsewhere +{s['same_pair']:.1f}" if explain else ""
        if (c.after, text[c.start:c.end]) in company.written:
            extra += s["right_written"]
            why += f"; {c.after!r} written elsewhere {s['right_written']:+.1f}" if explain else ""
        return extra, why


def corrected_phrase(text: str, start: int, end: int, right: str, phrase_file: str) -> str | None:
    """`own_phrase` of `right` written in place of text[start:end] (only the window it reads
    is rebuilt, not the whole text)."""
    lo, hi = max(0, start - MAX_CONTEXT), min(len(text), end + MAX_CONTEXT)
    piece = text[lo:start] + right + text[end:hi]
    return own_phrase(piece, start - lo, start - lo + len(right), phrase_file)


def right_written(text: str, right: str, wrong: str) -> bool:
    """`right` occurs in `text` other than inside an occurrence of `wrong` (原则 inside 原那么
    cannot happen, but 服务 inside a longer wrong word could)."""
    if right not in wrong:
        return right in text
    return text.count(right) > wrong.count(right) * text.count(wrong)


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def logistic_inverse(p: float) -> float:
    return math.log(p / (1.0 - p))
