"""OCR look-alike characters for fix_typos (`ocr_lookalike` and `namo_ze` in
`rules/typos.toml`): which readings are candidates, and how jieba's dictionary decides them.

Three ways a misread character shows, each decided on jieba's route through the clause
(`typo_evidence.reading_gain`: how many nats the corrected clause gains):
- a word of the generated table (`lookalike_table`: 己经 for 已经, 自已 for 自己, 原那么 for
  原则), fixed where the gain reaches `lookalike_min_gain`; never where a word of the written
  clause holds the character the correction keeps (以后入职: 后 belongs to 以后), unless the
  gain is `strong_gain` or more (我们己经学过: jieba reads 经学, but 已经 gains 8 nats; on
  known-correct text no such veto is overruled below 3 nats);
- a character the segmentation leaves alone where its look-alike is an adverb (`slot`): 甲方己将,
  学校己建立, 对末按时提交. The written character cannot fill that slot, between a subject (or a
  conjunction, an adverb) and a predicate: the word after it is a verb, an adverb or a
  preposition (`slot_next`), the word before it one the written character's own part of
  speech cannot follow there (`slot_prev`: a pronoun like 己 is a preposition's object, 为己谋利;
  a localizer like 末 ends the noun before it, 篇末注明);
- two characters the segmentation leaves alone that the correction joins into a dictionary
  word (`join`: 小卫土 → 卫士, 乡士社会 → 乡土社会), where the gain is `strong_gain` or more.
Parts of speech are the third column of jieba's `dict.txt`, looked up word by word.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import ahocorasick_rs

from pipeline.charsets import _t2s, match_view
from pipeline.jieba_dict import jieba_dict_file
from pipeline.rulebook import RULES_DIR, load_rule_data
from pipeline.stored_tables import library_version, stored
from pipeline.typo_decision import Fix, corrected_phrase
from pipeline.typo_evidence import broken_pair, clause, dictionary, held_word, own_phrase, precise_words, read_tsv, reading_gain


def generated_rule(rule_file: str, name: str) -> dict[str, Any]:
    return next(g for g in load_rule_data(rule_file).get("generated", []) if g["name"] == name)


@cache
def lookalike_table(rule_file: str) -> dict[str, tuple[str, str]]:
    """wrong reading -> (right word, rule name), built from the jieba dictionary; kept on
    disk between processes (pipeline.stored_tables: 0.15 s to build, 0.01 to read), under
    what it reads: the rule file, the shape pairs' table, jieba's dictionary and OpenCC."""
    return stored(f"lookalike_table-{Path(rule_file).name}", _table_inputs(rule_file), lambda: _lookalike_table(rule_file),
                  lambda table: {wrong: list(entry) for wrong, entry in table.items()},
                  lambda data: {wrong: (right, rule) for wrong, (right, rule) in data.items()},
                  extra=[f"OpenCC {library_version('OpenCC')}"])


def _table_inputs(rule_file: str) -> list[Path]:
    """The files the look-alike tables are made of: the rule file, the shape pairs' table
    it names and jieba's dictionary."""
    return [RULES_DIR / rule_file, RULES_DIR / generated_rule(rule_file, "ocr_shape")["pairs"], jieba_dict_file()]


def _lookalike_table(rule_file: str) -> dict[str, tuple[str, str]]:
    words = dictionary()
    table: dict[str, tuple[str, str]] = {}
    ze = generated_rule(rule_file, "namo_ze")
    for w, _ in words.ranked(ze["min_word_freq"], min_len=2):  # the dictionary's words, in its order
        if w.endswith(ze["suffix"]):
            table.setdefault(w[: -len(ze["suffix"])] + ze["replacement"], (w, ze["name"]))
    ocr, shape = generated_rule(rule_file, "ocr_lookalike"), generated_rule(rule_file, "ocr_shape")
    # The spec's pairs first: a reading they give is not read again through the shapes' table,
    # whose readings must be no word at all.
    # (A shape's misread character is one the dictionary seldom has as a word of its own: two
    # common words side by side, 二是, 一人, are text, and there are many of them.)
    rare = int(shape["max_misread_freq"])
    for rule, pairs, may_be_word in ((ocr, ocr["pairs"], True), (shape, shape_pairs(rule_file), False)):
        misread = misreadings(pairs)
        for w, f in words.ranked(rule["min_word_freq"], min_len=2, max_len=4):
            for i, ch in enumerate(w):
                for wrong_ch in misread.get(ch, ()):
                    if not may_be_word and words.get(wrong_ch, 0) >= rare:
                        continue
                    wrong = w[:i] + wrong_ch + w[i + 1:]
                    as_word = words.get(wrong, 0)
                    if as_word * ocr["min_ratio"] < f if may_be_word else not as_word:
                        table.setdefault(wrong, (w, rule["name"]))
    return table


def misreadings(pairs: list[list[str]] | list[tuple[str, str]]) -> dict[str, list[str]]:
    """right character -> the characters OCR may print for it, in the pairs' order."""
    out: dict[str, list[str]] = {}
    for wrong, right in pairs:
        out.setdefault(right, []).append(wrong)
    return out


@cache
def shape_pairs(rule_file: str) -> list[tuple[str, str]]:
    """(written, right) both ways for each pair of look-alike characters of the generated
    table (ocr_shape's `pairs`: lookalike_chars.tsv, from the characters' stroke orders and
    four-corner codes), of characters of at least `min_strokes` strokes, neither the other's
    traditional form (沒/没 is a script, not a misreading), nor a pair ocr_lookalike lists."""
    shape, listed = generated_rule(rule_file, "ocr_shape"), generated_rule(rule_file, "ocr_lookalike")["pairs"]
    rows = [r for r in read_tsv(shape["pairs"]) if min(len(r[2]), len(r[3])) >= shape["min_strokes"]
            and not variants(r[0], r[1])]
    both_ways = [(a, b) for r in rows for a, b in ((r[0], r[1]), (r[1], r[0]))]
    return [p for p in both_ways if list(p) not in listed]  # the spec's pairs are ocr_lookalike's, words and joins


def variants(a: str, b: str) -> bool:
    """One character is the other's simplified form."""
    return to_simplified(a) == b or to_simplified(b) == a


@cache
def to_simplified(ch: str) -> str:
    return _t2s().convert(ch)


def simplified_han(text: str) -> str:
    """`text` with its traditional Han characters simplified one by one, all else as it is (the
    same length); `text` itself when it holds none."""
    view = match_view(text)
    if view == text:
        return text
    import numpy as np

    a = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    b = np.frombuffer(view.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    han = (a != b) & (a >= 0x3400)
    if not han.any():
        return text
    return np.where(han, b, a).astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


def in_script(text: str, view: str, fix: Fix) -> Fix | None:
    """A fix found on the simplified view, written in the text's script: only the characters the
    fix changes are replaced, each one a character both scripts write alike (已, 末, 入); None
    when it changes more (原那么 -> 原则 in a traditional text would be 原則)."""
    written, seen = text[fix.start:fix.end], view[fix.start:fix.end]
    if written == seen:
        return fix
    if len(fix.after) != len(seen) or any(to_simplified(r) != r for s, r in zip(seen, fix.after) if s != r):
        return None
    return replace(fix, after="".join(w if s == r else r for w, s, r in zip(written, seen, fix.after)))


MAX_READING = 4  # characters of the longest wrong reading looked for (原那么 of 原则; 以身作那么 is not)


@cache
def lookalike_finder(rule_file: str) -> tuple[list[str], ahocorasick_rs.AhoCorasick]:
    """The wrong readings of the look-alike table, and an automaton that finds them all (every
    occurrence, overlapping), so that the text is scanned once in compiled code."""
    patterns = sorted(w for w in lookalike_table(rule_file) if len(w) <= MAX_READING)
    return patterns, ahocorasick_rs.AhoCorasick(patterns)


def readings(rule_file: str) -> dict[str, list[str]]:
    """written character -> the characters OCR may have misread as it (ocr_lookalike's pairs)."""
    out: dict[str, list[str]] = {}
    for wrong, right in generated_rule(rule_file, "ocr_lookalike")["pairs"]:
        out.setdefault(wrong, []).append(right)
    return out


@cache
def join_table(rule_file: str) -> tuple[dict[str, tuple[int, str, str]], list[str], ahocorasick_rs.AhoCorasick | None]:
    """written pair of characters -> (offset of the misread one, its correction, the word the
    correction makes): 卫土 -> (1, 士, 卫士), for every two-character dictionary word of at least
    `join_min_freq` that a look-alike turns into a non-word outside the look-alike table; and the
    written pairs, sorted, with an automaton over them. The table is kept on disk between
    processes (pipeline.stored_tables: 0.05 s to build, a few ms to read)."""
    out = stored(f"join_table-{Path(rule_file).name}", _table_inputs(rule_file), lambda: _join_table(rule_file),
                 lambda table: {written: list(entry) for written, entry in table.items()},
                 lambda data: {written: (k, right, word) for written, (k, right, word) in data.items()},
                 extra=[f"OpenCC {library_version('OpenCC')}"])
    patterns = sorted(out)
    return out, patterns, (ahocorasick_rs.AhoCorasick(patterns) if out else None)


def _join_table(rule_file: str) -> dict[str, tuple[int, str, str]]:
    words, table, out = dictionary(), lookalike_table(rule_file), {}
    # right character -> the written characters that may be misread for it, in `readings`' order
    # (looked up per character of each word, not searched for in every reading).
    misread: dict[str, list[str]] = {}
    for c, rs in readings(rule_file).items():
        for r in dict.fromkeys(rs):
            misread.setdefault(r, []).append(c)
    for w, _ in words.ranked(int(generated_rule(rule_file, "ocr_lookalike")["join_min_freq"]), min_len=2, max_len=2):
        for k in (0, 1):
            for wrong in misread.get(w[k], ()):
                written = w[:k] + wrong + w[k + 1:]
                if not words.get(written) and written not in table:
                    out.setdefault(written, (k, w[k], w))
    return out


@cache
def slot_words(chars: str) -> frozenset[str]:
    """The two-character dictionary words holding one of `chars` (自己): where it is no word
    alone. Kept on disk between processes (pipeline.stored_tables: 0.1 s to build)."""
    return stored("slot_words", [jieba_dict_file()],
                  lambda: frozenset(w for w, _ in dictionary().ranked(1, min_len=2, max_len=2) if w[0] in chars or w[1] in chars),
                  list, frozenset, extra=[chars])


@cache
def _dict_text() -> str:
    return "\n" + jieba_dict_file().read_text(encoding="utf-8")


@lru_cache(maxsize=1 << 14)
def tag(word: str) -> str:
    """jieba's part of speech of `word` (dict.txt's third column), "" if it is not a word."""
    text = _dict_text()
    i = text.find("\n" + word + " ")
    if i < 0 or not word:
        return ""
    line = text[i + 1:text.find("\n", i + 1)]
    parts = line.split(" ")
    return parts[2] if len(parts) > 2 else ""


def has_tag(word: str, prefixes: list[str] | tuple[str, ...]) -> bool:
    """`word`'s part of speech starts with one of `prefixes` (n holds nr, ns, vn does not)."""
    t = tag(word)
    return bool(t) and any(t.startswith(p) for p in prefixes)


def clause_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of jieba's segmentation of the clause around [start, end)."""
    lo, hi = clause(text, start, end)
    out, pos = [], lo
    for token in precise_words(text[lo:hi]):
        out.append((pos, pos + len(token), token))
        pos += len(token)
    return out


def neighbours(tokens: list[tuple[int, int, str]], start: int, end: int) -> tuple[str, str] | None:
    """(word before, word after) of the token [start, end) ("" at the clause's edge); None
    when [start, end) is not a token of the segmentation."""
    for k, (a, b, _) in enumerate(tokens):
        if (a, b) == (start, end):
            return (tokens[k - 1][2] if k else "", tokens[k + 1][2] if k + 1 < len(tokens) else "")
    return None


class Lookalikes:
    """The look-alike candidates of a text (`score`: typos.toml [scoring])."""

    def __init__(self, rule_file: str, score: dict[str, float], phrase_file: str) -> None:
        self.rule_file, self.score, self.phrase_file = rule_file, score, phrase_file
        ocr = generated_rule(rule_file, "ocr_lookalike")
        self.rule, self.ze_not_followed = ocr["name"], generated_rule(rule_file, "namo_ze")["not_followed_by"]
        self.strong_gain = float(ocr["strong_gain"])
        shape = generated_rule(rule_file, "ocr_shape")
        self.shape_rule, self.shape_min_gain = shape["name"], float(shape["min_gain"])
        self.slot_next, self.slot_prev = list(ocr["slot_next"]), {k: list(v) for k, v in ocr["slot_prev"].items()}
        self.readings = readings(rule_file)
        # The characters whose look-alike is an adverb (己 → 已, 末 → 未): the slot's candidates.
        self.slot_chars = re.compile("[" + "".join(sorted(w for w, rs in self.readings.items()
                                                              if any(tag(r) == "d" for r in rs))) + "]")
        # The tables are built (and cached for the process) with the stage, not at its first document.
        join_table(rule_file), slot_words(self.slot_chars.pattern[1:-1])

    def candidates(self, text: str) -> list[Fix]:
        """The readings of `text`, found and judged on its simplified view (a traditional page's
        己經 is 己经 to jieba's dictionary), each fix written back in the page's own script."""
        view = simplified_han(text)
        found = self.table_candidates(view) + self.slot_candidates(view) + self.join_candidates(view)
        if view is text:
            return found
        return [f for f in (in_script(text, view, f) for f in found) if f is not None]

    def table_candidates(self, text: str) -> list[Fix]:
        table, (patterns, finder) = lookalike_table(self.rule_file), lookalike_finder(self.rule_file)
        longest: dict[int, int] = {}  # start -> end of the longest reading there that may be judged
        for n, i, j in finder.find_matches_as_indexes(text, overlapping=True):
            right, rule = table[patterns[n]]
            if rule == "namo_ze" and text[j:j + 1] and text[j] in self.ze_not_followed:
                continue  # 原那么多: the 那么 of degree, not the 则 of 原则
            longest[i] = max(longest.get(i, j), j)
        out = []
        for i, j in sorted(longest.items()):
            fix = self.judge(text, i, j, *table[text[i:j]])
            if fix:
                out.append(fix)
        return out

    def judge(self, text: str, start: int, end: int, right: str, rule: str) -> Fix | None:
        """A look-alike reading of the table against its correction, on jieba's route through the
        clause. A reading that is a word itself (入口 beside 人口, 收人 beside 收入) is at home where
        it forms a phrase with its neighbours, and elsewhere needs proof: a fixed phrase or
        dictionary word that the correction forms with its neighbours (人均收入), or else a
        reading `lookalike_word_ratio` times rarer than the correction (自已 beside 自己) in a
        document that shows other look-alike errors (`lookalike_word` less, a prior more).
        Where a word of the written clause holds the span's unchanged character (以后入职), only
        a gain of `strong_gain` nats or more fixes it."""
        wrong, words, s = text[start:end], dictionary(), self.score
        why, penalty = "", 0.0
        # (Or the changed character forms a word as written with a neighbour the span leaves
        # out, and the correction none: 移入大盆 is no 移 | 人大 | 盆.)
        held = held_word(text, start, end, right) or broken_pair(text, start, end, right)
        gain = reading_gain(text, start, end, right) if held else 0.0
        if held and gain < self.strong_gain:
            return None  # the character the correction keeps belongs to a word as written (以后入职)
        if held:
            why = f"; the segmentation's {held!r} overruled by the gain (>= {self.strong_gain:.1f})"
        if words.get(wrong):
            if own_phrase(text, start, end, self.phrase_file):
                return None
            phrase = corrected_phrase(text, start, end, right, self.phrase_file)
            if phrase:
                why += f"; {wrong!r} is a word, the correction forms {phrase!r}"
            elif words[wrong] * s["lookalike_word_ratio"] >= words.get(right, 0):
                return None
            else:
                why, penalty = why + f"; {wrong!r} is a word {s['lookalike_word']:+.1f}", s["lookalike_word"]
        gain = gain if held else reading_gain(text, start, end, right)
        if rule == self.shape_rule and not self.shape_fits(gain, text, start, end, right):
            return None
        odds = s["lookalike"] + s["lookalike_per_nat"] * (gain - s["lookalike_min_gain"])
        return Fix(start, end, right, rule, odds + penalty, f"{wrong!r} -> {right!r}: jieba route log-prob {gain:+.1f}{why}",
                   takes_prior=False, lookalike_prior=bool(penalty))

    def shape_fits(self, gain: float, text: str, start: int, end: int, right: str) -> bool:
        """A reading of the shapes' table is a pair of words often enough (二是, 一人): only a
        wide margin speaks for the correction, and never where the written character forms a
        word with its neighbour outside the span (养犬人 is no 养|大人)."""
        return gain >= self.shape_min_gain and not broken_pair(text, start, end, right, even_if_fixed=True)

    def slot_candidates(self, text: str) -> list[Fix]:
        """A character standing alone where its look-alike, an adverb, fits the slot (甲方己将)."""
        out, words = [], slot_words(self.slot_chars.pattern[1:-1])
        for m in self.slot_chars.finditer(text):
            i, ch = m.start(), m.group()
            allowed = self.slot_prev.get(tag(ch))
            if allowed is None or text[max(0, i - 1):i + 1] in words or text[i:i + 2] in words:
                continue  # the character makes a word with a neighbour (自己): not alone
            around = neighbours(clause_tokens(text, i, i + 1), i, i + 1)
            if around is None:
                continue
            before, after = around
            if not after or not has_tag(after, self.slot_next) or before and not has_tag(before, allowed):
                continue
            right = next(r for r in self.readings[ch] if tag(r) == "d")
            gain = reading_gain(text, i, i + 1, right)
            if gain > 0:
                why = (f"{ch!r} ({tag(ch)}) alone between {before!r} ({tag(before) or 'edge'}) and {after!r} "
                       f"({tag(after)}): the slot of the adverb {right!r}; jieba route log-prob {gain:+.1f}")
                odds = self.score["lookalike_slot"] + self.score["lookalike_per_nat"] * gain
                out.append(Fix(i, i + 1, right, self.rule, odds, why, takes_prior=False))
        return out

    def join_candidates(self, text: str) -> list[Fix]:
        """A character standing alone beside another that its correction joins into a
        dictionary word (小卫土 → 卫士), where jieba's route gains `strong_gain` nats or more."""
        joins, patterns, finder = join_table(self.rule_file)
        if finder is None:
            return []
        out, taken = [], set()
        for n, a, _ in finder.find_matches_as_indexes(text, overlapping=True):
            k, right, word = joins[patterns[n]]
            if a + k not in taken:
                fix = self._judge_join(text, a + k, right, [(a, word)])
                if fix:
                    out.append(fix)
                    taken.add(a + k)
        return out

    def _judge_join(self, text: str, i: int, right: str, joined: list[tuple[int, str]]) -> Fix | None:
        tokens = clause_tokens(text, i, i + 1)
        alone = {a for a, b, _ in tokens if b == a + 1}
        for a, word in joined:
            if a in alone and a + 1 in alone:
                gain = reading_gain(text, i, i + 1, right)
                if gain >= self.strong_gain:
                    odds = self.score["lookalike"] + self.score["lookalike_per_nat"] * (gain - self.score["lookalike_min_gain"])
                    return Fix(i, i + 1, right, self.rule, odds,
                               f"{text[i]!r} -> {right!r} joins the stranded characters into {word!r}: "
                               f"jieba route log-prob {gain:+.1f} (>= {self.strong_gain:.1f})", takes_prior=False)
        return None
