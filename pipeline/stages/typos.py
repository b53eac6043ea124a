"""fix_typos: synonym-substitution artifacts and OCR look-alikes, decided on evidence.

Three sources of candidates, one way of deciding (read `pipeline/rules/typos.toml`):
- hand-written pairs with contexts (`[[pair]]`): a keep-context (matched at a word of the
  segmentation) vetoes, a certain context or a selectional frame (`pipeline.typo_frames`: the
  written word cannot take that neighbour in its own sense, 局部 before a noun of people)
  fixes, likely and bare contexts need evidence; an
  occurrence no context decides is a candidate where the correction forms a fixed phrase
  with its neighbours, or (`unlisted`) where the same pair is confident elsewhere in the
  document, for a verb only where no object follows it (or only where one does); a pair
  marked `unlisted = "contexts"` only in its listed contexts and frames;
- the generated round-trip confusion set (`typos_confusions.tsv`): a word is a candidate
  where the build (this stage's corpus pass) writes a word it may stand for with
  the same neighbours far more often (食品平安 → 食品安全); it is fixed when those counts,
  a fixed phrase the correction forms and the unigram frequencies outweigh the margin,
  never where the build writes the word there too, where its other side or a phrase of
  its own says it is at home, or where it is not a word of the segmentation;
- the generated confusion set decided by the context (`round_trip_context`,
  `pipeline.typo_context`), in a document with other artifacts: where the correction forms a
  dictionary compound with a neighbouring word and the build writes it in that window
  elsewhere, never the word as written (食品平安 where other pages write 食品安全);
- look-alike families generated from the jieba dictionary (则→那么 words, OCR characters):
  fixed where jieba finds the corrected clause far more probable than the written one (a
  reading that is a word itself needs a phrase the correction forms, or other look-alike
  errors in the document); and single characters the segmentation leaves alone, in the slot
  of their look-alike adverb or joined by it into a word (`pipeline.typo_lookalike`).
A hand-written pair's candidate that its context leaves uncertain also hears a reference text
(`pipeline.typo_reference`: how written Chinese uses either word beside the same two characters:
产业开展 -> 产业发展, but 企业开展 is at home).
Each candidate gets log-odds; the rest of the document adds evidence (`pipeline.typo_decision`:
other artifacts as a prior, never a gate; the same pair elsewhere; the right word written
elsewhere, against). Confidence is the logistic of the log-odds; at or above the stage's
`threshold` the fix is applied, below it is listed with `applied = False`. Every edit's
evidence names its signals and margin.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Annotated

from pipeline.document import Document, Span
from pipeline.literals import lower, shared_scan
from pipeline.rulebook import load_rule_data
from pipeline.stages.base import Between, CorpusStage, RuleFile
from pipeline.typo_context import context_candidates, context_margin
from pipeline.typo_decision import Company, Fix, Weighing, corrected_phrase, logistic, logistic_inverse, right_written
from pipeline.typo_evidence import (
    CollocationCounts,
    Suspect,
    confusion_words,
    dictionary,
    is_segment_word,
    own_phrase,
    phrase_set,
    segment_word_and_next,
    starts_a_word,
    written,
)
from pipeline.typo_frames import check_frames, frame_fit, load_classes
from pipeline.typo_lookalike import (  # noqa: F401
    Lookalikes,
    clause_tokens,
    generated_rule,
    has_tag,
    lookalike_finder,
    lookalike_table,
    neighbours,
)
from pipeline.typo_pairs import Pair, load_pairs, pattern_width, windows, with_artifacts  # noqa: F401  (tests import them here)
from pipeline.typo_reference import Reference


@dataclass(frozen=True)
class TypoSettings:
    rule_file: Annotated[str, RuleFile()] = "typos.toml"
    confusion_file: Annotated[str, RuleFile()] = "typos_confusions.tsv"
    phrase_file: Annotated[str, RuleFile()] = "typos_phrases.tsv"
    threshold: Annotated[float, Between(0, 1)] = 0.7
    # Off: only the generated confusion set and the generated look-alike families.
    hand_pairs: bool = True
    # The generated confusion set decided by the context (`round_trip_context`,
    # pipeline/typo_context.py). Off by default: its evidence is every window's count in the
    # build, so the fitted state (and every fix_typos cache entry) changes whenever a file
    # comes or goes (tests/test_cache.py holds the default to the stable state).
    context_synonyms: bool = False
    # Bound on the corpus pass's table of contexts (keys seen once are dropped past it).
    max_corpus_keys: Annotated[int, Between(1000, 1_000_000_000)] = 4_000_000


OPENING = "“‘《〈「『（(\"'"  # marks that open what follows a word: a quotation, a title, an aside


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
        self.pair_names = {p.name: p for p in self.pairs}
        # Which pairs' wrong words a text holds, in one compiled scan rather than one
        # substring search of the whole text per pair (each pair is still checked).
        self.pair_scan = shared_scan({p.wrong: frozenset([lower(p.wrong)]) for p in self.pairs})
        self.classes = load_classes(data.get("classes", {}))
        for p in self.pairs:
            check_frames(list(p.frames), self.classes, p.name)
        self.function_words = frozenset(data["unlisted"]["function_words"])
        self.particles = frozenset(data["unlisted"]["particles"])
        self.weigh = Weighing(self.score, frozenset(self.pair_names))
        self.reference = Reference(tuple(w for p in self.pairs for w in (p.wrong, p.right)), self.score)
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
                                        data["corpus"]["uninformative"], int(self.score["min_count"]),
                                        keep_all=self.settings.context_synonyms)
        # The tables are loaded (and checked) when the stage is built, not at its first document.
        lookalike_table(self.settings.rule_file)
        self.lookalikes = Lookalikes(self.settings.rule_file, self.score, self.settings.phrase_file)
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
        paired, undecided = self._pair_candidates(text)
        paired = self._with_reference(text, paired)
        found = (paired + self._synonym_candidates(text) + self.lookalikes.candidates(text)
                 + self._dash_candidates(text) + self._digit_candidates(text))
        sure = logistic_inverse(self.settings.threshold)
        # The conversion tool's own artifacts say the document went through it; OCR does not.
        # First the candidates sure on their own; then every fix that first round applies
        # (a document's likely artifacts support each other, never below the threshold alone).
        confident = frozenset((f.start, f.rule) for f in found if f.log_odds >= sure and not f.rule.startswith("ocr_"))
        synonyms = {(f.after, text[f.start:f.end]) for f in found if f.takes_prior}
        written = frozenset((r, w) for r, w in synonyms if right_written(text, r, w))
        # Candidates in a likely context count for the others at a fraction of a confident one.
        likely = frozenset((f.start, f.rule) for f in found if self.score["likely"] <= f.log_odds < sure
                           and f.takes_prior and (f.after, text[f.start:f.end]) not in written)
        lookalikes = frozenset((f.start, f.rule) for f in found if f.log_odds >= sure and f.rule.startswith("ocr_"))
        company = Company(confident, likely, lookalikes, written)
        grown = confident | {(c.start, c.rule) for c, odds, _ in self.weigh.judged(text, found, company, explain=False)
                             if odds >= sure and not c.rule.startswith("ocr_")}
        # Occurrences no context decides: where the correction forms a fixed phrase, in any
        # document (the other artifacts are a prior, not a gate); any other occurrence only
        # where the same pair is confident elsewhere in the document.
        more = self._with_reference(text, self._undecided(text, undecided, grown))
        written |= {(f.after, text[f.start:f.end]) for f in more if right_written(text, f.after, text[f.start:f.end])}
        likely |= {(f.start, f.rule) for f in more if f.log_odds >= self.score["likely"]
                   and (f.after, text[f.start:f.end]) not in written}
        if self.settings.context_synonyms and (grown or likely):  # only with the document's prior
            more += context_candidates(text, self.score, self.settings.phrase_file, {f.start for f in found + more},
                                       self.corpus)
        applied, suggested = self._decide(text, found + more, Company(grown, likely, lookalikes, written), sure)
        for span in suggested:
            doc.suggest(self.name, span)
        doc.replace_spans(self.name, applied)
        return doc

    def _decide(self, text: str, found: list[Fix], company: Company, sure: float) -> tuple[list[Span], list[Span]]:
        """(applied, suggested): each candidate's log-odds plus its document's evidence."""
        applied, suggested = [], []
        for c, odds, note in self.weigh.judged(text, found, company):
            if odds < self.score["min_suggested"]:
                continue  # too weak to be worth a reviewer's time
            conf = logistic(odds)
            span = Span(c.start, c.end, c.after, c.rule, round(conf, 2), f"{note}; log-odds {odds:.2f} (needs {sure:.2f})")
            (applied if conf >= self.settings.threshold else suggested).append(span)
        return applied, suggested

    def _with_reference(self, text: str, fixes: list[Fix]) -> list[Fix]:
        """The hand-written pairs' candidates that their context leaves uncertain, with what the
        reference text says of the correction in that window (`pipeline.typo_reference`)."""
        out = []
        for f in fixes:
            if f.rule in self.pair_names and f.log_odds < self.score["certain"]:
                odds, why = self.reference.evidence(text, f.start, f.end, f.after)
                f = replace(f, log_odds=f.log_odds + odds, evidence=f.evidence + why) if why else f
            out.append(f)
        return out

    def _pair_candidates(self, text: str) -> tuple[list[Fix], list[tuple[Pair, int]]]:
        """The hand-written pairs' candidates, and the occurrences that none of the pair's
        contexts, no phrase and no bare rule decides (for `_unlisted`)."""
        out, undecided = [], []
        s = self.score
        base = {"certain": s["certain"], "likely": s["likely"], "phrase": s["pair_phrase"]}
        present = self.pair_scan.keys_in(text)
        for pair in self.pairs:
            if pair.wrong not in present or pair.wrong not in text:
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
                level, why = decided.get(start) or (("bare", "bare word") if pair.bare else ("", ""))
                framed = frame_fit(text, start, start + len(pair.wrong), pair.frames, self.classes) \
                    if pair.frames and level not in ("keep", "certain") else None
                level, why = framed or (level, why)
                if level and level != "keep":
                    odds = base.get(level, s["bare"])
                    out.append(Fix(start, start + len(pair.wrong), pair.right, pair.name, odds, why, level != "certain"))
                elif not level:
                    undecided.append((pair, start))
        return out, undecided

    def _undecided(self, text: str, undecided: list[tuple[Pair, int]], grown: frozenset[tuple[int, str]]) -> list[Fix]:
        """Candidates among the occurrences no context decides: where the correction forms a
        fixed phrase with its neighbours and the written word, a word of the segmentation,
        forms none (as good as a likely context); else, where the word is a word of the
        segmentation, an unlisted candidate (a verb marked "without_object" only where no
        content word follows it) where the pair is confident elsewhere in the document, or
        where the document never writes the correction and holds `unwritten_prior` confident
        artifacts of other rules (the tool that converted them converted this word wherever it
        wrote it: `unwritten` more): a pair marked "any" there only where a content word follows
        it (晋升基层治理能力, not 孩子进步了), a verb marked "without_object" where none does
        (自我监视。, 作用施展就深化一步: its own use takes an object)."""
        out = []
        sure_rules = Counter(rule for _, rule in grown)
        for pair, start in undecided:
            if pair.unlisted == "contexts":
                continue  # a word right in most of its uses: only its listed contexts and frames decide
            end = start + len(pair.wrong)
            phrase = corrected_phrase(text, start, end, pair.right, self.settings.phrase_file)
            if phrase and not own_phrase(text, start, end, self.settings.phrase_file) and is_segment_word(text, start, end):
                margin = context_margin(text, start, end, pair.right, self.score)
                out.append(Fix(start, end, pair.right, pair.name, self.score["pair_phrase"] + margin[0],
                               f"the correction forms {phrase!r} here{margin[1]}"))
                continue
            if pair.unlisted == "never":
                continue
            converted = (len(grown) - sure_rules[pair.name] >= self.score["unwritten_prior"]
                         and not right_written(text, pair.right, pair.wrong))
            if pair.name not in sure_rules and not converted:
                continue
            is_word, after = segment_word_and_next(text, start, end, self.particles)
            if after == "" and text[end:end + 1] in OPENING:
                after = text[end]  # a quotation or title opening after the word is its object (开展“…”活动)
            if pair.unlisted == "with_object" and not self._object_follows(after):
                continue  # 成绩进步很快: the word's own use; what it stands for takes what is raised (提高效率)
            if not is_word or pair.unlisted == "without_object" and after and after not in self.function_words:
                continue  # the word takes its object here: its own use (缺乏经验), not the noun it stands for
            if pair.name not in sure_rules and pair.unlisted == "any" and (not after or after in self.function_words):
                continue  # the page alone speaks for such a pair only where a content word follows (晋升基层治理能力),
                # not for 孩子进步了; a verb without its object it speaks for (作用施展就深化一步, 自我监视。)
            bonus = self.score["unwritten"] if converted else 0.0
            why = f"; {pair.right!r} written nowhere in the document +{bonus:.1f}" if converted else ""
            out.append(Fix(start, end, pair.right, pair.name, self.score["unlisted"] + bonus,
                           f"no listed context (next word {after!r}){why}"))
        return out

    def _object_follows(self, after: str) -> bool:
        """`after`, the word after a verb, may be its object: a content word, no adverb or adjective."""
        return bool(after) and after not in self.function_words and not has_tag(after, ("d", "a", "u", "y"))

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
        if "一一" not in text:
            return out
        # A chain lies within max_link_chars of its 一一s: the regex runs only on those windows.
        for lo, hi in self._dash_windows(text):
            for m in self.dash_chain.finditer(text, lo, hi):
                for d in re.finditer("一一", m.group()):
                    s = m.start() + d.start()
                    out.append(Fix(s, s + 2, "——", "ocr_dash", self.score["certain"],
                                   "一一 links a chain of short phrases", takes_prior=False))
        return out + self._dash_before_noun(text, {f.start for f in out})

    def _dash_before_noun(self, text: str, taken: set[int]) -> list[Fix]:
        """一一 as a word of its own between a noun and a noun or an opening quote (储备库一一城东粮站,
        三个字一一“实、严、早”): the adverb 一一 (one by one) goes before a verb (一一核对, 一一发言),
        so there it stands for a dash."""
        out = []
        for m in re.finditer("一一", text):
            s = m.start()
            if s in taken:
                continue
            tokens = clause_tokens(text, s, s + 2)
            around = neighbours(tokens, s, s + 2)
            if around is None:
                continue
            before, after = around
            quoted = text[s + 2:s + 3] in _OPENING_QUOTES
            if has_tag(before, ("n",)) and (quoted or has_tag(after, _NOUN_TAGS)):
                why = f"一一 between the noun {before!r} and {'a quotation' if quoted else repr(after)}: a dash, not 'one by one'"
                out.append(Fix(s, s + 2, "——", "ocr_dash", self.score["lookalike"], why, takes_prior=False))
        return out

    def _dash_windows(self, text: str) -> list[tuple[int, int]]:
        return windows([m.start() for m in re.finditer("一一", text)], 2, self.dash_reach, len(text))


_OPENING_QUOTES = "“「『《\"'"
# jieba's tags of nouns, names, places and organisations (not m: 一一〇 is a number).
_NOUN_TAGS = ("n", "s", "j")


def rounded(n: int) -> str:
    """A count the corpus pass rounded up to 2^k - 1, as the range it stands for: 63 -> 32-63."""
    return str(n) if n < 2 else f"{(n + 1) // 2}-{n}"
