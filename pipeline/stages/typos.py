"""fix_typos: synonym-substitution artifacts and OCR look-alikes, decided on evidence.

Three sources of candidates, one way of deciding (read `pipeline/rules/typos.toml`):
- hand-written pairs with contexts (`[[pair]]`): a keep-context (matched at a word of the
  segmentation) vetoes, a certain context fixes, likely and bare contexts need evidence;
- the generated round-trip confusion set (`typos_confusions.tsv`): a word is a candidate
  where the build (this stage's corpus pass) writes a word it may stand for with
  the same neighbours far more often (食品平安 → 食品安全); it is fixed when those counts,
  a fixed phrase the correction forms and the unigram frequencies outweigh the margin,
  never where the build writes the word there too, where its other side or a phrase of
  its own says it is at home, or where it is not a word of the segmentation;
- look-alike families generated from the jieba dictionary (则→那么 words, OCR characters):
  fixed where jieba finds the corrected clause far more probable than the written one.
Each candidate gets log-odds; other confident artifacts in the document add a prior
(never a gate). Confidence is the logistic of the log-odds; at or above the stage's
`threshold` the fix is applied, below it is listed with `applied = False`. Every edit's
evidence names its signals and margin.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from pipeline.document import Document, Span
from pipeline.rulebook import load_rule_data
from pipeline.stages.base import Between, CorpusStage, RuleFile
from pipeline.typo_evidence import (
    CollocationCounts,
    Suspect,
    confusion_words,
    dictionary,
    is_segment_word,
    own_phrase,
    phrase_set,
    reading_gain,
    starts_a_word,
    written,
)


@dataclass(frozen=True)
class TypoSettings:
    rule_file: Annotated[str, RuleFile()] = "typos.toml"
    confusion_file: Annotated[str, RuleFile()] = "typos_confusions.tsv"
    phrase_file: Annotated[str, RuleFile()] = "typos_phrases.tsv"
    threshold: Annotated[float, Between(0, 1)] = 0.7
    # Off: only the generated confusion set and the generated look-alike families.
    hand_pairs: bool = True
    # Bound on the corpus pass's table of contexts (keys seen once are dropped past it).
    max_corpus_keys: Annotated[int, Between(1000, 1_000_000_000)] = 4_000_000


@dataclass(frozen=True)
class Pair:
    name: str
    wrong: str
    right: str
    contexts: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    bare: bool = False
    # How far a context may reach from the word (lookarounds included), when every context
    # is bounded and holds the word as its `w` group: then only windows around the word's
    # occurrences are searched. None: the whole text is.
    reach: int | None = None


def pattern_width(pattern: re.Pattern[str]) -> int | None:
    """The most characters a match of `pattern` spans, lookarounds counted as characters;
    None when unbounded or not known."""
    try:
        from re import _parser as parser  # Python >= 3.11
    except ImportError:  # pragma: no cover - older Pythons search the whole text
        return None
    try:
        width = parser.parse(re.sub(r"\(\?<?[=!]", "(?:", pattern.pattern)).getwidth()[1]
    except (re.error, ValueError):
        return None
    return width if width < 1_000 else None


@dataclass
class Fix:
    """A fix proposed by one source, with its log-odds before the document prior."""

    start: int
    end: int
    after: str
    rule: str
    log_odds: float
    evidence: str
    takes_prior: bool = True  # certain fixes do not need the document's other artifacts


def _compile(raw: dict[str, Any]) -> Pair:
    contexts = {level: tuple(re.compile(p) for p in raw.get(level, []))
                for level in ("keep", "certain", "likely")}
    patterns = [p for level in contexts.values() for p in level]
    widths = [pattern_width(p) if f"(?P<w>{re.escape(raw['wrong'])})" in p.pattern else None for p in patterns]
    reach = max(widths, default=0) if None not in widths else None
    return Pair(raw["name"], raw["wrong"], raw["right"], contexts, bool(raw.get("bare", False)), reach)


@cache
def load_pairs(rule_file: str) -> tuple[Pair, ...]:
    return tuple(_compile(p) for p in load_rule_data(rule_file).get("pair", []))


def generated_rule(rule_file: str, name: str) -> dict[str, Any]:
    return next(g for g in load_rule_data(rule_file).get("generated", []) if g["name"] == name)


@cache
def lookalike_table(rule_file: str) -> dict[str, tuple[str, str]]:
    """wrong reading -> (right word, rule name), built from the jieba dictionary."""
    words = dictionary()
    table: dict[str, tuple[str, str]] = {}
    ze = generated_rule(rule_file, "namo_ze")
    for w, _ in words.ranked(ze["min_word_freq"], min_len=2):  # the dictionary's words, in its order
        if w.endswith(ze["suffix"]):
            table.setdefault(w[: -len(ze["suffix"])] + ze["replacement"], (w, ze["name"]))
    ocr = generated_rule(rule_file, "ocr_lookalike")
    for w, f in words.ranked(ocr["min_word_freq"], min_len=2, max_len=4):
        for wrong_ch, right_ch in ocr["pairs"]:
            for i, ch in enumerate(w):
                if ch == right_ch:
                    wrong = w[:i] + wrong_ch + w[i + 1:]
                    if words.get(wrong, 0) * ocr["min_ratio"] < f:
                        table.setdefault(wrong, (w, ocr["name"]))
    return table


@cache
def lookalike_marks(rule_file: str) -> re.Pattern[str]:
    """The characters every wrong reading of the look-alike table contains one of."""
    ocr = generated_rule(rule_file, "ocr_lookalike")
    chars = {wrong for wrong, _ in ocr["pairs"]} | set(generated_rule(rule_file, "namo_ze")["replacement"][:1])
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class FixTypos(CorpusStage):
    """Fix synonym-substitution artifacts and OCR confusions where the evidence is enough.

    A corpus-level stage: it first observes every document of the build (the confusion
    words' two-character contexts, `pipeline.typo_evidence.CollocationCounts`), then
    processes each. Run on a document without a build, it has no corpus evidence."""

    name = "fix_typos"
    Settings = TypoSettings

    def __init__(self, settings: TypoSettings | None = None) -> None:
        super().__init__(settings)
        data = load_rule_data(self.settings.rule_file)
        self.score: dict[str, float] = data["scoring"]
        self.pairs = load_pairs(self.settings.rule_file) if self.settings.hand_pairs else ()
        self.ze_not_followed = generated_rule(self.settings.rule_file, "namo_ze")["not_followed_by"]
        self.digit_rules = [{"pattern": re.compile(r["pattern"]), "map": r["map"]}
                            for r in generated_rule(self.settings.rule_file, "ocr_digits")["rules"]]
        dash = generated_rule(self.settings.rule_file, "ocr_dash")
        n, k = int(dash["max_link_chars"]), int(dash["min_links"])
        # Links neither start nor end with 一, so that runs of 一 are never read as dashes.
        edge = "(?:(?!一)[\u4e00-\u9fff])"
        link = rf"{edge}[\u4e00-\u9fff]{{0,{n - 2}}}{edge}"
        self.dash_chain = re.compile(rf"{link}(?:一一{link}){{{k},}}")
        self.dash_reach = n + 1
        self.corpus = CollocationCounts(self.settings.confusion_file, self.settings.max_corpus_keys,
                                        data["corpus"]["uninformative"], int(self.score["min_count"]))
        # The tables are loaded (and checked) when the stage is built, not at its first document.
        lookalike_table(self.settings.rule_file)
        confusion_words(self.settings.confusion_file)
        phrase_set(self.settings.phrase_file)

    def observation(self, doc: Document) -> Counter[str]:
        return self.corpus.observation(doc.text)

    def absorb(self, observation: Counter[str]) -> None:
        self.corpus.absorb(observation)

    def finish_observing(self) -> None:
        self.corpus.finish(float(self.score["ratio"]))

    def state_fingerprint(self) -> str:
        return self.corpus.fingerprint()

    def process(self, doc: Document) -> Document:
        text = doc.text
        found = (self._pair_candidates(text) + self._synonym_candidates(text) + self._lookalike_candidates(text)
                 + self._dash_candidates(text) + self._digit_candidates(text))
        sure = logistic_inverse(self.settings.threshold)
        # The conversion tool's own artifacts say the document went through it; OCR does not.
        confident = {(f.start, f.rule) for f in found if f.log_odds >= sure and not f.rule.startswith("ocr_")}
        applied, suggested, taken = [], [], set()
        for c in sorted(found, key=lambda c: (c.start, -c.log_odds)):
            if any(i in taken for i in range(c.start, c.end)):
                continue
            taken.update(range(c.start, c.end))
            others = len(confident - {(c.start, c.rule)})
            prior = self.score["per_document_artifact"] * min(others, self.score["max_document_artifacts"])
            odds = c.log_odds + (prior if c.takes_prior else 0.0)
            note = c.evidence + (f"; document prior +{prior:.1f} ({others} other artifact(s))" if c.takes_prior else "")
            if odds < self.score["min_suggested"]:
                continue  # too weak to be worth a reviewer's time
            conf = logistic(odds)
            span = Span(c.start, c.end, c.after, c.rule, round(conf, 2), f"{note}; log-odds {odds:.2f} (needs {sure:.2f})")
            (applied if conf >= self.settings.threshold else suggested).append(span)
        for span in suggested:
            doc.suggest(self.name, span)
        doc.replace_spans(self.name, applied)
        return doc

    def _pair_candidates(self, text: str) -> list[Fix]:
        out = []
        s = self.score
        base = {"certain": s["certain"], "likely": s["likely"]}
        for pair in self.pairs:
            if pair.wrong not in text:
                continue
            found = [m.start() for m in re.finditer(re.escape(pair.wrong), text)]
            # Every context match holds an occurrence and spans at most `reach` characters:
            # searching windows that reach that far around the occurrences finds the same matches.
            spans = [(0, len(text))] if pair.reach is None else windows(found, len(pair.wrong), pair.reach, len(text))
            decided: dict[int, tuple[str, str]] = {}
            for level in ("keep", "certain", "likely"):
                for pat in pair.contexts[level]:
                    for m in (m for lo, hi in spans for m in pat.finditer(text, lo, hi)):
                        if level == "keep" and not starts_a_word(text, m.start(), m.start("w")):
                            continue  # the guard is part of another word (the 愿 of 志愿)
                        decided.setdefault(m.start("w"), (level, f"{level} context /{pat.pattern[:60]}/"))
            for start in found:
                level, why = decided.get(start, ("bare", "bare word") if pair.bare else ("", ""))
                if level and level != "keep":
                    odds = base.get(level, s["bare"])
                    out.append(Fix(start, start + len(pair.wrong), pair.right, pair.name, odds, why, level != "certain"))
        return out

    def _synonym_candidates(self, text: str) -> list[Fix]:
        out = []
        for suspect in self.corpus.suspects(text):  # only words the build's counts make suspects of
            fix = self._judge_synonym(text, suspect)
            if fix:
                out.append(fix)
        return out

    def _judge_synonym(self, text: str, sus: Suspect) -> Fix | None:
        s = self.score
        own = text.count(written(sus.context, sus.wrong))
        elsewhere = max(0, sus.wrong_count - own)
        if elsewhere >= s["common_artifact"]:
            return None  # the build writes the "artifact" in this context too: both readings are common
        if self._at_home(text, sus.start, sus.end, sus.right):
            return None  # on its other side the written word is at home
        if own_phrase(text, sus.start, sus.end, self.settings.phrase_file) or not is_segment_word(text, sus.start, sus.end):
            return None  # the written word forms a phrase here, or is not a word of this window
        fixed = text[:sus.start] + sus.right + text[sus.end:]
        phrase = own_phrase(fixed, sus.start, sus.start + len(sus.right), self.settings.phrase_file)
        ratio = math.log((sus.right_count + 1) / (elsewhere + 1))
        words = dictionary()
        freq = math.log(max(1, words.get(sus.right, 0)) / max(1, words.get(sus.wrong, 0)))
        odds = (s["round_trip"] + s["corpus_weight"] * min(s["corpus_cap"], ratio)
                + s["frequency_weight"] * max(-2.0, min(2.0, freq)) + (s["phrase_bonus"] if phrase else 0.0))
        why = (f"corpus: {written(sus.context, sus.right)!r} x{rounded(sus.right_count)} against "
               f"{written(sus.context, sus.wrong)!r} x{elsewhere if elsewhere < 2 else f'<={elsewhere}'} in other places"
               + (f"; phrase {phrase!r}" if phrase else "") + f"; frequency log-ratio {freq:+.1f}")
        return Fix(sus.start, sus.end, sus.right, "round_trip_synonym", odds, why)

    def _at_home(self, text: str, start: int, end: int, right: str) -> bool:
        """The build writes the word next to one of its neighbours here at least
        `common_artifact` times in other places, and no less often than `right` there."""
        wrong = text[start:end]
        for context, _ in self.corpus.context_keys(text, start, end, wrong):
            mine = self.corpus.count(context, wrong) - text.count(written(context, wrong))
            if mine >= self.score["common_artifact"] and mine >= self.corpus.count(context, right):
                return True
        return False

    def _lookalike_candidates(self, text: str) -> list[Fix]:
        table = lookalike_table(self.settings.rule_file)
        marks = lookalike_marks(self.settings.rule_file)
        # Every wrong reading holds a confusable character: only the positions up to three
        # characters before one need looking at.
        starts = sorted({m.start() - k for m in marks.finditer(text) for k in range(4) if m.start() >= k})
        out = []
        for i in starts:
            for n in (4, 3, 2):
                wrong = text[i:i + n]
                hit = table.get(wrong) if len(wrong) == n else None
                if not hit:
                    continue
                right, rule = hit
                if rule == "namo_ze" and text[i + n:i + n + 1] and text[i + n] in self.ze_not_followed:
                    continue
                gain = reading_gain(text, i, i + n, right)
                odds = self.score["lookalike"] + self.score["lookalike_per_nat"] * (gain - self.score["lookalike_min_gain"])
                out.append(Fix(i, i + n, right, rule, odds, f"{wrong!r} -> {right!r}: jieba route log-prob {gain:+.1f}",
                               takes_prior=False))
                break
        return out

    def _digit_candidates(self, text: str) -> list[Fix]:
        out = []
        for rule in self.digit_rules:
            if not any(ch in text for ch in rule["map"]):
                continue  # nothing this rule could change
            for m in rule["pattern"].finditer(text):
                wrong = m.group("w")
                right = "".join(rule["map"].get(c, c) for c in wrong)
                if right != wrong:
                    out.append(Fix(m.start("w"), m.end("w"), right, "ocr_digits", self.score["certain"],
                                   f"{wrong!r} inside a number reads {right!r}", takes_prior=False))
        return out

    def _dash_candidates(self, text: str) -> list[Fix]:
        out: list[Fix] = []
        # A chain lies within max_link_chars of its 一一s: the regex runs only on those windows.
        for lo, hi in self._dash_windows(text):
            for m in self.dash_chain.finditer(text, lo, hi):
                for d in re.finditer("一一", m.group()):
                    s = m.start() + d.start()
                    out.append(Fix(s, s + 2, "——", "ocr_dash", self.score["certain"],
                                   "一一 links a chain of short phrases", takes_prior=False))
        return out

    def _dash_windows(self, text: str) -> list[tuple[int, int]]:
        return windows([m.start() for m in re.finditer("一一", text)], 2, self.dash_reach, len(text))


def windows(starts: list[int], length: int, reach: int, size: int) -> list[tuple[int, int]]:
    """[start - reach, start + length + reach) around each of `starts` (ascending) within a
    text of `size` characters, overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for start in starts:
        lo, hi = max(0, start - reach), min(size, start + length + reach)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def rounded(n: int) -> str:
    """A count the corpus pass rounded up to 2^k - 1, as the range it stands for: 63 -> 32-63."""
    return str(n) if n < 2 else f"{(n + 1) // 2}-{n}"


def logistic_inverse(p: float) -> float:
    return math.log(p / (1.0 - p))

