"""Necessary literals of a rule's pattern, and one scan that finds them all.

A regular expression such as `(?:微信|QQ)\\s*号?\\s*:?\\s*[A-Za-z0-9]{5,}` cannot match a
text that holds neither `微信` nor `qq`: those are its necessary literals. Read from the
parsed pattern (the way RE2 and Hyperscan pick "factors"), they let one Aho-Corasick scan
over a text (`LiteralScan`, compiled code) tell which rules could match where, so that
Python tries a rule only on the few lines and sentences that hold one of its literals, and
prose with nothing to clean costs no more than the scan. Literals are kept in lower case
(ASCII) and texts are scanned lowered, so a case-insensitive pattern is covered too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter
from typing import Any

try:  # Python 3.11+
    import re._compiler as _compiler
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# The same on UTF-8 bytes: ASCII bytes never occur inside a multi-byte character.
_LOWER_BYTES = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))
Need = frozenset[str] | None  # None: a match may hold no literal at all
_MEMO_CHARS = 120  # the longest text whose keys `keys_in` keeps (a chrome line is short)
_MEMO_SETS = 16384  # the most sets of literals found whose keys `keys_in` keeps
_LITERAL = itemgetter(0)  # of a match (literal, start, end)


_UPPER = re.compile("[A-Z]")


def lower(text: str) -> str:
    """ASCII letters in lower case, same length (what the scan and the literals use).
    Done on the UTF-8 bytes (one table lookup per byte in C): `str.translate` with a
    mapping costs a dictionary lookup per character, `str.lower` also changes non-ASCII."""
    if not _UPPER.search(text):
        return text
    return text.encode("utf-8", "surrogatepass").translate(_LOWER_BYTES).decode("utf-8", "surrogatepass")


def _better(a: Need, b: Need) -> Need:
    """The more selective of two needs: longer shortest literal, then fewer literals."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda n: (min(map(len, n)), -len(n)))


def _char_class(items: list[tuple[Any, Any]]) -> Need:
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.RANGE and arg[1] - arg[0] < 16:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:  # a negation, a category, a wide range
            return None
    return frozenset(lower(c) for c in chars) or None


def _sequence(items: Iterable[tuple[Any, Any]]) -> Need:
    best: Need = None
    run = ""
    for op, arg in list(items) + [(None, None)]:
        if op is _c.LITERAL:
            run += chr(arg)
            continue
        if run:
            best = _better(best, frozenset([lower(run)]))
            run = ""
        if op is not None:
            best = _better(best, _node(op, arg))
    return best


def _node(op: Any, arg: Any) -> Need:
    if op is _c.SUBPATTERN:
        return _sequence(arg[-1])
    if op is _c.BRANCH:
        needs = [_sequence(branch) for branch in arg[1]]
        return None if any(n is None for n in needs) else frozenset().union(*needs)  # type: ignore[arg-type]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        return _sequence(arg[2]) if arg[0] >= 1 else None
    if op is _c.IN:
        return _char_class(arg)
    if op is _c.ASSERT and arg[0] == 1:  # a lookahead's text lies in the searched string too
        return _sequence(arg[1])
    return None  # anchors, any character, negated classes, lookbehinds, backreferences


def necessary_literals(pattern: re.Pattern[str] | str) -> Need:
    """Literals (lower-cased) one of which every match of `pattern` holds, or None."""
    return _necessary(pattern.pattern if isinstance(pattern, re.Pattern) else pattern)


@lru_cache(maxsize=4096)
def _necessary(source: str) -> Need:
    # Kept per source (the answer is a frozenset): a build makes strip_site_chrome twice,
    # and each instance reads every rule's patterns twice (its scans, its filter), each
    # read a parse of the pattern.
    return _sequence(_parser.parse(source))


def _dfa():
    """A DFA scans faster than the default automaton (it costs more memory, a few MB for
    thousands of literals): the scans run over every line of every page."""
    import ahocorasick_rs

    return ahocorasick_rs.Implementation.DFA


class LiteralScan:
    """One Aho-Corasick automaton over the literals of many keys (rules); `keys_in(text)`
    says which keys have a literal in the text. Keys with no literal are always given."""

    def __init__(self, needs: dict[str, Need]) -> None:
        import ahocorasick_rs

        self.needs = needs
        self.always = frozenset(k for k, n in needs.items() if n is None)
        owners: dict[str, set[str]] = {}
        for key, need in needs.items():
            for literal in need or ():
                owners.setdefault(literal, set()).add(key)
        self.literals = sorted(owners)
        self.owners = [frozenset(owners[lit]) for lit in self.literals]
        # Scanned as UTF-8 bytes, lowered by one bytes.translate (a 256-byte table).
        self.automaton = ahocorasick_rs.BytesAhoCorasick(
            [lit.encode("utf-8", "surrogatepass") for lit in self.literals],
            matchkind=ahocorasick_rs.MatchKind.Standard, implementation=_dfa()) if self.literals else None
        self._str_automaton: Any = None
        self._memo: dict[str, frozenset[str]] = {}
        self._by_found: dict[frozenset[int], frozenset[str]] = {}
        self.cased = any("a" <= c <= "z" for lit in self.literals for c in lit)

    def __reduce__(self):
        """Pickled as its needs (the automaton is rebuilt): a stage travels to Ray workers."""
        return (LiteralScan, (self.needs,))

    def located(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """(start, end, keys) of every literal in `text`, in character offsets: one scan of a
        line tells which keys each of its parts holds (`keys_within`)."""
        if self.automaton is None:
            return []
        if self._str_automaton is None:
            import ahocorasick_rs

            self._str_automaton = ahocorasick_rs.AhoCorasick(self.literals, matchkind=ahocorasick_rs.MatchKind.Standard,
                                                             implementation=_dfa())
        # Literals are lower case: a text needs lowering only if some literal holds a letter.
        text = lower(text) if self.cased else text
        return [(s, e, self.owners[i]) for i, s, e in self._str_automaton.find_matches_as_indexes(text, overlapping=True)]

    def keys_within(self, located: list[tuple[int, int, frozenset[str]]], start: int, end: int) -> frozenset[str]:
        """The keys whose literal lies in text[start:end], from `located(text)`."""
        return self.always.union(*(keys for s, e, keys in located if start <= s and e <= end))

    def keys_by_part(self, text: str, start: int, end: int, parts: list[tuple[int, int]]) -> list[frozenset[str]]:
        """For each of the sorted, disjoint parts (start, end) of text[start:end], the keys
        whose literal lies in it, from one scan of text[start:end] (`keys_within` on each
        part would read every literal of the text once per part)."""
        found: list[list[frozenset[str]]] = [[] for _ in parts]
        part_starts = [a for a, _ in parts]
        for s, e, keys in self.located(text[start:end]):
            k = bisect_right(part_starts, start + s) - 1
            if k >= 0 and start + e <= parts[k][1]:
                found[k].append(keys)
        return [self.always.union(*keys) for keys in found]

    def keys_in(self, text: str) -> frozenset[str]:
        """The keys with a literal in `text`. The answers for short texts are kept (bounded):
        pages of one site repeat their chrome lines, scanned line by line."""
        if self.automaton is None:
            return self.always
        if len(text) <= _MEMO_CHARS and (keys := self._memo.get(text)) is not None:
            return keys
        data = text.encode("utf-8", "surrogatepass").translate(_LOWER_BYTES)
        found = frozenset(map(_LITERAL, self.automaton.find_matches_as_indexes(data, overlapping=True)))
        # Lines of prose differ, but most hold the same few literals (a comma, figures): the
        # keys of each set of literals found are kept (bounded), the union made once per set.
        if (keys := self._by_found.get(found)) is None:
            if len(self._by_found) > _MEMO_SETS:
                self._by_found.clear()  # bounded, whatever the text
            keys = self._by_found[found] = self.always.union(*map(self.owners.__getitem__, found))
        if len(text) <= _MEMO_CHARS:
            if len(self._memo) > 16384:
                self._memo.clear()  # bounded, whatever the text
            self._memo[text] = keys
        return keys


def shared_scan(needs: dict[str, Need]) -> LiteralScan:
    """The scan of these needs, made once per process: a build makes strip_site_chrome twice
    with the same rules (and a process may run several builds), and each automaton over a
    thousand literals costs more to build than a megabyte of text costs to scan. A scan's
    state is its automata and a memo of answers, the same for every user."""
    return _shared(frozenset(needs.items()))


@lru_cache(maxsize=64)
def _shared(items: frozenset[tuple[str, Need]]) -> LiteralScan:
    return LiteralScan(dict(items))


_ASSERTIONS = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
# Constructs that commit to a path: without an assertion inside, they may commit to another.
_COMMITTING = tuple(op for op in (getattr(_c, "ATOMIC_GROUP", None), getattr(_c, "POSSESSIVE_REPEAT", None),
                                  _c.GROUPREF_EXISTS) if op is not None)


def _drop_assertions(tree: Any) -> bool:
    """Remove anchors and lookarounds from a parsed pattern in place; False when the
    pattern holds a construct whose matches would not stay matches without them."""
    kept = []
    for op, arg in tree.data:
        if op in _COMMITTING:
            return False
        if op in _ASSERTIONS:
            continue
        subs = [arg[-1]] if op is _c.SUBPATTERN else arg[1] if op is _c.BRANCH else [arg[2]] if op in (
            _c.MAX_REPEAT, _c.MIN_REPEAT) else []
        if not all(_drop_assertions(sub) for sub in subs):
            return False
        kept.append((op, arg))
    tree.data = kept
    return True


def without_assertions(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern with its anchors and lookarounds left out, and the optional repeats at its
    ends (None: not safely possible). Wherever the pattern matches, in any string, this one
    matches some of the same characters: so it finds a match in any text that holds a
    string the pattern matches."""
    return _relaxed(pattern.pattern, pattern.flags)


@lru_cache(maxsize=4096)
def _relaxed(source: str, flags: int) -> re.Pattern[str] | None:
    # Kept per source and flags (a compiled pattern is immutable): both instances of
    # strip_site_chrome in a build relax the same patterns.
    tree = _parser.parse(source, flags)
    if not _drop_assertions(tree):
        return None
    # For a search, optional repeats at either end change nothing but the cost (a leading
    # .* left by a dropped ^ would be tried from every position to the end).
    while tree.data and tree.data[0][0] in (_c.MAX_REPEAT, _c.MIN_REPEAT) and tree.data[0][1][0] == 0:
        del tree.data[0]
    while tree.data and tree.data[-1][0] in (_c.MAX_REPEAT, _c.MIN_REPEAT) and tree.data[-1][1][0] == 0:
        del tree.data[-1]
    return _compiler.compile(tree, flags)


class MatchFilter:
    """Whether some pattern of given keys could match anywhere inside a text: the patterns
    one of whose necessary literals the text holds (one scan), each without its assertions
    searched in the whole text (compiled code). Never says no where a pattern matches a
    part of the text. Each pattern has a name of its own in `needs` (`<n>:<key>`), so that
    a scan made for more than this (a whole line) can tell which are present."""

    def __init__(self, patterns: dict[str, list[re.Pattern[str]]]) -> None:
        self.patterns = patterns
        numbered = {f"{i}:{key}": (key, p) for key, pats in patterns.items() for i, p in enumerate(pats)}
        self.needs = {name: necessary_literals(p) for name, (_, p) in numbered.items()}
        self.scan = shared_scan(self.needs)
        self.relaxed = {name: (key, without_assertions(p)) for name, (key, p) in numbered.items()}
        self.names = frozenset(self.relaxed)

    def __reduce__(self):
        """Pickled as its patterns: a pattern compiled from a parsed tree has no source."""
        return (MatchFilter, (self.patterns,))

    def may_match(self, text: str, keys: frozenset[str], present: frozenset[str] | None = None) -> bool:
        """Whether a pattern of one of `keys` could match in text or in a part of it.
        `present`: the names of `needs` found in a text that holds this one (None: scan)."""
        # `present` may name more than patterns (a line's scan names its rules too): only
        # the patterns' names are looked at.
        names = self.scan.keys_in(text) if present is None else (present & self.names) | self.scan.always
        for name in names:
            key, relaxed = self.relaxed[name]
            if key in keys and (relaxed is None or relaxed.search(text)):
                return True
        return False
