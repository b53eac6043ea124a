"""How far evidence that needs no corpus separates round-trip artifacts from correct words,
measured on the frozen typo benchmark (tune split; the final split is never read here).

    .venv/bin/python -m pipeline.typo_signals [--show 10] [--clean-gold DIR ...]

fix_typos decides a generated synonym on the build's collocation counts; a build of one
document has none. This tool measures the evidence a single document does have, from
what installs with jieba (no corpus in the repo, nothing downloaded):
- collocation: jieba's best route through the clause with the other word, less the two
  words' unigram log-ratio: what the other word gains from its neighbours alone (in
  `…的工作职工…` the reading 人员 joins 工作 into the dictionary word 工作人员);
- phrase: log frequency of the dictionary word or phrase the other word forms with its
  neighbours (`rules/typos_phrases.tsv` or the jieba dictionary; 0 where it forms none);
- compound: log frequency of the dictionary word or phrase the other word forms with the
  whole segment word next to it (at least two characters: an affix makes a word of almost
  anything) where the written word forms none with that word (食品 + 安全 against 食品平安; 0
  where it forms none): the word-pair evidence a phrase list gives;
- syntax: jieba.posseg's tag transitions (from the word before, to the word after), the
  other word's tag minus the written word's;
- sum: the four added.
Candidates are those fix_typos could consider: a word of the confusion set (either
direction of the table) that is a word of its clause's segmentation and forms no fixed
phrase with its neighbours. For each signal it prints the recall a margin reaches at
precision >= 0.99 (artifacts found / artifacts injected), the best-scoring correct words,
and how many candidates of known-correct text (gold texts: `--clean-gold`, by default the dev
set's and the unseen pages' gold) reach that margin: each would be a false fix.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.typo_benchmark import CASES
from pipeline.typo_evidence import (
    clause,
    confusion_words,
    confusions,
    dictionary,
    is_segment_word,
    own_phrase,
    phrase_set,
    precise_words,
    reading_gain,
    tokenizer,
)


@dataclass(frozen=True)
class Candidate:
    text: str
    start: int
    end: int
    other: str  # the word the written one may stand for
    artifact: bool  # the benchmark injected the written word here for `other`


@cache
def readings() -> dict[str, frozenset[str]]:
    """word -> the words it may stand for, either direction of the confusion set."""
    both: dict[str, set[str]] = defaultdict(set)
    for wrong, rights in confusions().items():
        for right in rights:
            both[wrong].add(right)
            both[right].add(wrong)
    return {w: frozenset(s) for w, s in both.items()}


def candidates(text: str, injected: dict[tuple[int, str], str]) -> Iterator[Candidate]:
    listed, automaton = confusion_words()
    for i, s, e in automaton.find_matches_as_indexes(text):
        word = listed[i]
        if own_phrase(text, s, e) or not is_segment_word(text, s, e):
            continue
        for other in sorted(readings().get(word, ())):
            yield Candidate(text, s, e, other, injected.get((s, word)) == other)


def unigram_ratio(written: str, other: str) -> float:
    words = dictionary()
    return math.log(max(1, words.get(other, 0)) / max(1, words.get(written, 0)))


def collocation(c: Candidate) -> float:
    written = c.text[c.start:c.end]
    return reading_gain(c.text, c.start, c.end, c.other) - unigram_ratio(written, c.other)


def phrase(c: Candidate) -> float:
    fixed = c.text[:c.start] + c.other + c.text[c.end:]
    found = own_phrase(fixed, c.start, c.start + len(c.other))
    return math.log(1 + dictionary().get(found, 0)) if found else 0.0


def _known(piece: str) -> int:
    """jieba's frequency of `piece`, 1 for a fixed phrase of typos_phrases.tsv, else 0."""
    return dictionary().get(piece, 0) or (1 if piece in phrase_set() else 0)


def segment_neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after text[start:end] in jieba's segmentation of its clause
    ("" at its edge, or where no word ends or starts there)."""
    lo, hi = clause(text, start, end)
    pos, before, after = lo, "", ""
    for token in precise_words(text[lo:hi]):
        before = token if pos + len(token) == start else before
        after = token if pos == end else after
        pos += len(token)
    return before, after


def compound(c: Candidate) -> float:
    written, (before, after) = c.text[c.start:c.end], segment_neighbours(c.text, c.start, c.end)
    found = [_known(before + c.other)] if len(before) >= 2 and not _known(before + written) else []
    found += [_known(c.other + after)] if len(after) >= 2 and not _known(written + after) else []
    return math.log(1 + max(found, default=0))


@cache
def _tags() -> tuple[dict[str, str], dict]:
    import jieba.posseg as posseg
    from jieba.posseg.prob_trans import P as transitions

    return posseg.dt.word_tag_tab, transitions


def _transition(a: str, b: str) -> float:
    """log P(tag of b starts | tag of a ended), jieba.posseg's HMM states."""
    tags, trans = _tags()
    end = ("S" if len(a) == 1 else "E", tags.get(a, "x"))
    begin = ("S" if len(b) == 1 else "B", tags.get(b, "x"))
    return trans.get(end, {}).get(begin, -20.0)


def syntax(c: Candidate) -> float:
    lo, hi = clause(c.text, c.start, c.end)
    before = tokenizer().lcut(c.text[lo:c.start], HMM=False)
    after = tokenizer().lcut(c.text[c.end:hi], HMM=False)
    written, gain = c.text[c.start:c.end], 0.0
    if before:
        gain += _transition(before[-1], c.other) - _transition(before[-1], written)
    if after:
        gain += _transition(c.other, after[0]) - _transition(written, after[0])
    return gain


SIGNALS: dict[str, Callable[[Candidate], float]] = {"collocation": collocation, "phrase": phrase, "compound": compound,
                                                    "syntax": syntax}


def recall_at_precision(scored: list[tuple[float, bool]], injected: int, precision: float = 0.99) -> tuple[int, float]:
    """(artifacts found, margin) for the lowest margin at which the candidates scoring above
    it are at least `precision` artifacts; (0, inf) when no margin is."""
    best, margin, tp, fp = 0, math.inf, 0, 0
    ordered = sorted(scored, key=lambda x: -x[0])
    for i, (score, artifact) in enumerate(ordered):
        tp, fp = tp + artifact, fp + (not artifact)
        last_of_tie = i + 1 == len(ordered) or ordered[i + 1][0] < score
        if last_of_tie and tp / (tp + fp) >= precision and tp > best:
            best, margin = tp, score
    return min(best, injected), margin


GOLD = [CASES.parents[4] / "shared" / "dev" / "gold", CASES.parents[1] / "unseen" / "gold"]


def gold_texts(folders: list[Path]) -> list[str]:
    """The documents' texts of the gold files (`{"documents": [{"text": …}]}`) in `folders`."""
    return [doc["text"] for folder in folders for path in sorted(folder.glob("*.json"))
            for doc in json.loads(path.read_text(encoding="utf-8")).get("documents", [])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=5, help="best-scoring correct words to list per signal")
    ap.add_argument("--clean-gold", type=Path, nargs="*", default=[g for g in GOLD if g.is_dir()])
    a = ap.parse_args()
    docs = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()]
    docs = [d for d in docs if d["split"] == "tune"]
    injected = sum(1 for d in docs for f in d["fixes"] if f[3] == "synonym")
    rows = []
    for d in docs:
        marks = {(p, w): r for p, w, r, kind in d["fixes"] if kind == "synonym"}
        for c in candidates(d["text"], marks):
            rows.append((c, {name: f(c) for name, f in SIGNALS.items()}))
    reachable = sum(c.artifact for c, _ in rows)
    clean = [{name: f(c) for name, f in SIGNALS.items()} for t in gold_texts(a.clean_gold) for c in candidates(t, {})]
    print(f"tune: {injected} synonym artifacts injected, {reachable} among {len(rows)} candidates; "
          f"{len(clean)} candidates in {len(a.clean_gold)} folder(s) of gold text")
    for name in [*SIGNALS, "sum"]:
        scored = [(sum(s.values()) if name == "sum" else s[name], c.artifact) for c, s in rows]
        found, margin = recall_at_precision(scored, injected)
        false = sum(1 for s in clean if (sum(s.values()) if name == "sum" else s[name]) >= margin)
        print(f"{name:<12} recall at precision >= 0.99: {found}/{injected} (margin {margin:.1f}); "
              f"gold-text candidates at or above it: {false}")
        worst = sorted(((x, c) for (x, _), (c, _) in zip(scored, rows) if not c.artifact), key=lambda t: -t[0])
        for x, c in worst[:a.show]:
            t = c.text.replace("\n", " ")
            print(f"    {x:6.1f} correct {t[max(0, c.start - 6):c.start]}[{t[c.start:c.end]}->{c.other}]{t[c.end:c.end + 6]}")


if __name__ == "__main__":
    main()
