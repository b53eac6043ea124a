"""fix_typos's hand-written pairs (`rules/typos.toml`, [[pair]]): their contexts compiled,
with how far each context reaches from its word (so that only windows around the word's
occurrences are searched)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.rulebook import load_rule_data


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
    # Occurrences no context decides: "any" are candidates, "without_object" only where no
    # object follows (the next word is a function word or the clause ends), "with_object" only
    # where one does (no function word, adverb or adjective), "never" none but where the
    # correction forms a phrase, "contexts" none at all.
    unlisted: str = "any"
    # Selectional frames (pipeline/typo_frames.py): an occurrence that fits one is certain.
    frames: tuple[dict[str, Any], ...] = ()


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


def with_artifacts(pattern: str, own: str, artifacts: dict[str, str]) -> str:
    """`pattern` where each right word of another pair (a listed collocate) also matches its
    artifact, outside the pattern's own `w` group: the tool that wrote 感化 for 作用 in
    `施展…感化` converted the collocate too. The pattern as written if the result does not
    compile (a lookbehind must keep its width)."""
    if not artifacts:
        return pattern
    alternation = re.compile("|".join(re.escape(r) for r in sorted(artifacts, key=len, reverse=True)))
    parts = pattern.split(own)
    widened = own.join(alternation.sub(lambda m: f"(?:{m.group()}|{artifacts[m.group()]})", part) for part in parts)
    try:
        re.compile(widened)
    except re.error:
        return pattern
    return widened


def _compile(raw: dict[str, Any], artifacts: dict[str, str]) -> Pair:
    own = f"(?P<w>{re.escape(raw['wrong'])})"
    others = {r: w for r, w in artifacts.items() if r != raw["right"] and r not in raw["wrong"]}
    contexts = {level: tuple(re.compile(with_artifacts(p, own, others)) for p in raw.get(level, []))
                for level in ("keep", "certain", "likely")}
    patterns = [p for level in contexts.values() for p in level]
    widths = [pattern_width(p) if own in p.pattern else None for p in patterns]
    reach = max(widths, default=0) if None not in widths else None
    return Pair(raw["name"], raw["wrong"], raw["right"], contexts, bool(raw.get("bare", False)), reach,
                raw.get("unlisted", "any"), tuple(raw.get("frames", ())))


@cache
def load_pairs(rule_file: str) -> tuple[Pair, ...]:
    raw = load_rule_data(rule_file).get("pair", [])
    artifacts = {p["right"]: p["wrong"] for p in raw}
    return tuple(_compile(p, artifacts) for p in raw)


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
