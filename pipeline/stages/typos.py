"""fix_typos: synonym-substitution artifacts and OCR look-alikes, only on evidence.

The rules are `pipeline/rules/typos.toml` (read its header for the decision procedure).
In short: an artifact is fixed when its context makes it certain, or when it is likely
in context *and* the document holds other certain artifacts (it went through a
conversion tool). Each fix is an edit carrying its rule, its evidence and a confidence;
fixes below the stage's `threshold` are recorded with `applied = False` as suggestions.
Families generated from the jieba dictionary (则→那么 words, OCR look-alikes) are fixed
where the text reads as a non-word and no dictionary word crosses the spot's edges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from pipeline.document import Document, Span
from pipeline.rulebook import load_rule_data
from pipeline.stages.base import Between, RuleFile, Stage
from pipeline.stages.segment import tokenizer


@dataclass(frozen=True)
class TypoSettings:
    rule_file: Annotated[str, RuleFile()] = "typos.toml"
    threshold: Annotated[float, Between(0, 1)] = 0.7


@dataclass(frozen=True)
class Pair:
    name: str
    wrong: str
    right: str
    contexts: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    bare: bool = False


@dataclass
class Fix:
    """A fix the rules propose; its level decides its confidence."""

    start: int
    end: int
    after: str
    rule: str
    level: str
    evidence: str


def _compile(raw: dict[str, Any]) -> Pair:
    contexts = {level: tuple(re.compile(p) for p in raw.get(level, []))
                for level in ("keep", "certain", "likely")}
    return Pair(raw["name"], raw["wrong"], raw["right"], contexts, bool(raw.get("bare", False)))


@cache
def load_pairs(rule_file: str) -> tuple[Pair, ...]:
    return tuple(_compile(p) for p in load_rule_data(rule_file).get("pair", []))


@cache
def dictionary() -> dict[str, int]:
    return {w: f for w, f in tokenizer().FREQ.items() if f > 0}


def generated_rule(rule_file: str, name: str) -> dict[str, Any]:
    return next(g for g in load_rule_data(rule_file).get("generated", []) if g["name"] == name)


@cache
def generated_table(rule_file: str) -> dict[str, tuple[str, str]]:
    """wrong reading -> (right word, rule name), built from the jieba dictionary."""
    words = dictionary()
    table: dict[str, tuple[str, str]] = {}
    ze = generated_rule(rule_file, "namo_ze")
    for w, f in words.items():
        if len(w) >= 2 and w.endswith(ze["suffix"]) and f >= ze["min_word_freq"]:
            table.setdefault(w[: -len(ze["suffix"])] + ze["replacement"], (w, ze["name"]))
    ocr = generated_rule(rule_file, "ocr_lookalike")
    for w, f in words.items():
        if not (2 <= len(w) <= 4) or f < ocr["min_word_freq"]:
            continue
        for wrong_ch, right_ch in ocr["pairs"]:
            for i, ch in enumerate(w):
                if ch == right_ch:
                    wrong = w[:i] + wrong_ch + w[i + 1:]
                    if words.get(wrong, 0) * ocr["min_ratio"] < f:
                        table.setdefault(wrong, (w, ocr["name"]))
    return table


@cache
def generated_marks(rule_file: str) -> re.Pattern[str]:
    """The characters every wrong reading of the generated table contains one of."""
    ocr = generated_rule(rule_file, "ocr_lookalike")
    chars = {wrong for wrong, _ in ocr["pairs"]} | set(generated_rule(rule_file, "namo_ze")["replacement"][:1])
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def crosses_a_word(text: str, start: int, end: int, max_len: int = 4) -> str | None:
    """A dictionary word that starts before `start` and ends inside, or starts inside and
    ends after `end`: then the span is not a word of its own there."""
    words = dictionary()
    for a in range(max(0, start - max_len + 1), start):
        for b in range(start + 1, min(len(text), a + max_len) + 1):
            if b <= end and words.get(text[a:b], 0) >= 50:
                return text[a:b]
    for a in range(start + 1, end):
        for b in range(end + 1, min(len(text), a + max_len) + 1):
            if words.get(text[a:b], 0) >= 50:
                return text[a:b]
    return None


class FixTypos(Stage):
    """Fix synonym-substitution artifacts and OCR confusions where the evidence is enough."""

    name = "fix_typos"
    Settings = TypoSettings

    def __init__(self, settings: TypoSettings | None = None) -> None:
        super().__init__(settings)
        data = load_rule_data(self.settings.rule_file)
        self.confidence: dict[str, float] = data["confidence"]
        self.min_evidence = int(data.get("min_document_evidence", 2))
        self.pairs = load_pairs(self.settings.rule_file)
        ze = generated_rule(self.settings.rule_file, "namo_ze")
        self.ze_not_followed = ze["not_followed_by"]
        self.digit_rules = [{"pattern": re.compile(r["pattern"]), "map": r["map"]}
                            for r in generated_rule(self.settings.rule_file, "ocr_digits")["rules"]]
        dash = generated_rule(self.settings.rule_file, "ocr_dash")
        n, k = int(dash["max_link_chars"]), int(dash["min_links"])
        # Links neither start nor end with 一, so that runs of 一 are never read as dashes.
        edge = "(?:(?!一)[\u4e00-\u9fff])"
        link = rf"{edge}[\u4e00-\u9fff]{{0,{n - 2}}}{edge}"
        self.dash_chain = re.compile(rf"{link}(?:一一{link}){{{k},}}")

    def process(self, doc: Document) -> Document:
        found = (self._pair_candidates(doc.text) + self._generated_candidates(doc.text)
                 + self._dash_candidates(doc.text) + self._digit_candidates(doc.text))
        # Only the conversion tool's artifacts say the document went through the tool.
        evidence = len({(c.start, c.rule) for c in found
                        if c.level in ("certain", "generated") and not c.rule.startswith("ocr_")})
        tool_made = evidence >= self.min_evidence
        applied, suggested, taken = [], [], set()
        for c in sorted(found, key=lambda c: c.start):
            if any(i in taken for i in range(c.start, c.end)):
                continue
            taken.update(range(c.start, c.end))
            conf = self._confidence(c.level, tool_made)
            note = c.evidence + (f"; document holds {evidence} certain artifact(s)" if c.level in ("likely", "bare") else "")
            span = Span(c.start, c.end, c.after, c.rule, round(conf, 2), note)
            if conf >= self.settings.threshold:
                applied.append(span)
            else:
                suggested.append(span)
        for span in suggested:
            doc.suggest(self.name, span)
        doc.replace_spans(self.name, applied)
        return doc

    def _confidence(self, level: str, tool_made: bool) -> float:
        c = self.confidence
        return {"certain": c["certain"], "generated": c["generated"],
                "likely": c["likely_with_evidence"] if tool_made else c["likely_alone"],
                "bare": c["bare_with_evidence"] if tool_made else c["bare_alone"]}[level]

    def _pair_candidates(self, text: str) -> list[Fix]:
        out = []
        for pair in self.pairs:
            if pair.wrong not in text:
                continue
            decided: dict[int, tuple[str, str]] = {}
            for level in ("keep", "certain", "likely"):
                for pat in pair.contexts[level]:
                    for m in pat.finditer(text):
                        decided.setdefault(m.start("w"), (level, f"{level} context /{pat.pattern[:60]}/"))
            for m in re.finditer(re.escape(pair.wrong), text):
                level, why = decided.get(m.start(), ("bare", "bare word") if pair.bare else ("", ""))
                if level and level != "keep":
                    out.append(Fix(m.start(), m.end(), pair.right, pair.name, level, why))
        return out

    def _generated_candidates(self, text: str) -> list[Fix]:
        table = generated_table(self.settings.rule_file)
        marks = generated_marks(self.settings.rule_file)
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
                if crosses_a_word(text, i, i + n):
                    continue
                out.append(Fix(i, i + n, right, rule, "generated",
                                     f"{wrong!r} is not a word; {right!r} is (jieba dictionary)"))
                break
        return out

    def _digit_candidates(self, text: str) -> list[Fix]:
        out = []
        for rule in self.digit_rules:
            for m in rule["pattern"].finditer(text):
                wrong = m.group("w")
                right = "".join(rule["map"].get(c, c) for c in wrong)
                if right != wrong:
                    out.append(Fix(m.start("w"), m.end("w"), right, "ocr_digits", "certain",
                                         f"{wrong!r} inside a number reads {right!r}"))
        return out

    def _dash_candidates(self, text: str) -> list[Fix]:
        out = []
        for m in self.dash_chain.finditer(text):
            for d in re.finditer("一一", m.group()):
                s = m.start() + d.start()
                out.append(Fix(s, s + 2, "——", "ocr_dash", "certain",
                                     "一一 links a chain of short phrases"))
        return out
