"""Loosened patterns: from a regular expression, one that finds a match in any text that
holds a string the first matches, and is cheaper to search for.

`claim_condition` leaves out assertions and the parts at either end that begin or end with
most characters (a leading `.{1,150}` is tried from every position): what is left starts
at something rarer, which the engine skips to. `longest_match` bounds how long a match
can be in a text without spaces; `matches_no_space` tells a pattern none of whose matches
holds one. strip_site_chrome's `ClaimFilter` reads its rules so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from pipeline.literals import _c, _compiler, _drop_assertions, _parser, _relaxed

_SINGLE = (_c.IN, _c.ANY, _c.LITERAL, _c.NOT_LITERAL)
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT)


def _broad(op: Any, arg: Any, end: int) -> bool:
    """Whether an element can begin (`end` 0) or finish (-1) with most characters: a
    negated or wide class, any character, an optional part, or a branch with one such."""
    if op is _c.ANY or op is _c.NOT_LITERAL:
        return True
    if op is _c.IN:
        return any(o in (_c.NEGATE, _c.CATEGORY) or (o is _c.RANGE and a[1] - a[0] > 64) for o, a in arg)
    if op in _REPEATS:
        return arg[0] == 0 or (bool(arg[2].data) and _broad(*arg[2].data[end], end))
    if op is _c.SUBPATTERN:
        return not arg[-1].data or _broad(*arg[-1].data[end], end)
    if op is _c.BRANCH:
        return any(not b.data or _broad(*b.data[end], end) for b in arg[1])
    return False


def _trim(seq: list[tuple[Any, Any]], end: int) -> None:
    """Drop the elements at one end of a parsed sequence (`end` 0: its start, -1: its end)
    that can begin there with most characters (`_broad`), splicing in a group and a
    repeated group's body once to look inside, trimming an alternation's branches.
    Whatever matches the whole holds a match of what is left (each step only shortens a
    match): the engine skips to what is rarer."""
    while seq:
        op, arg = seq[end]
        if op is _c.SUBPATTERN and not arg[1] and not arg[2]:
            seq[end:end + 1 if end == 0 else None] = list(arg[-1].data)
        elif op in _REPEATS and arg[0] >= 1 and len(arg[2].data) > 1:
            seq[end:end + 1 if end == 0 else None] = list(arg[2].data)
        elif op is _c.BRANCH and _broad(op, arg, end):
            # Each branch trimmed the same way, unless one would be left with nothing.
            trimmed = [list(b.data) for b in arg[1]]
            for branch in trimmed:
                _trim(branch, end)
            if not all(trimmed):
                del seq[end]
                continue
            for b, branch in zip(arg[1], trimmed):
                b.data = branch
            return
        elif _broad(op, arg, end):
            del seq[end]
        else:
            return


def claim_condition(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern that finds a match in any text holding a string `pattern` matches (None:
    none can be made, any text may). Without its assertions, and without its ends' parts
    that begin or end with most characters (a leading `.{1,150}` would be tried from every
    position): what is left starts at something rarer, which the engine skips to. When
    nothing is left (`(?=.*为大家整理了).+`), what one of its lookarounds looks for: that
    lies in the text too."""
    return _claim_condition(pattern.pattern, pattern.flags)


@lru_cache(maxsize=4096)
def _claim_condition(source: str, flags: int) -> re.Pattern[str] | None:
    # Kept per source and flags (a compiled pattern is immutable): a build makes
    # strip_site_chrome twice, each reading every rule's patterns. The pattern is not
    # compiled again here: `flags` are the compiled pattern's own (its inline flags with
    # them), and a second compile of each rule's pattern cost 0.12 s of every build (the
    # re module's cache, keyed by the flags given, holds the rules under flags 0).
    tree = _parser.parse(source, flags)
    refs = (_c.GROUPREF, _c.GROUPREF_EXISTS, getattr(_c, "GROUPREF_IGNORE", None))
    if any(op in refs for op, _ in _walk(tree)):
        return _relaxed(source, flags)
    around = [arg[1] for op, arg in tree.data if op is _c.ASSERT]
    for candidate in (tree, *around):
        if _drop_assertions(candidate):
            _trim(candidate.data, 0)
            _trim(candidate.data, -1)
            if candidate.data:
                _forget_widths(candidate)
                return _compiler.compile(candidate, flags)
    return _relaxed(source, flags)  # nothing rare anywhere: the pattern without assertions


def _forget_widths(tree: Any) -> None:
    """Drop the widths the parser kept on each part (a group's, for its references): the
    compiler reads them for the shortest text worth searching, and trimming shortened them."""
    tree.width = None
    for op, arg in tree.data:
        subs = [arg[-1]] if op in (_c.SUBPATTERN, _c.ASSERT, _c.ASSERT_NOT) else arg[1] if op is _c.BRANCH \
            else [arg[2]] if op in _REPEATS else []
        for sub in subs:
            _forget_widths(sub)


def _walk(tree: Any) -> Iterable[tuple[Any, Any]]:
    for op, arg in tree.data:
        yield op, arg
        subs = [arg[-1]] if op is _c.SUBPATTERN else arg[1] if op is _c.BRANCH else [arg[2]] if op in _REPEATS else []
        for sub in subs:
            yield from _walk(sub)


def longest_match(pattern: re.Pattern[str]) -> int | None:
    """The most characters a match of the pattern in a text without spaces can have (None:
    no bound; 0 for a pattern every match of which holds a space, `_needs_space`)."""
    return _longest(pattern.pattern, pattern.flags)


@lru_cache(maxsize=4096)
def _longest(source: str, flags: int) -> int | None:
    tree = _parser.parse(source, flags)
    # A pattern that needs a space matches no text without one: any bound holds, and the
    # least lets the claim filter pass over a line of one run on it (category_tree's
    # `[+＋⊕]\s+<name>` is loosened to a bare `+`, which prose holds: 5+N, 1+1).
    if _needs_space(tree.data):
        return 0
    longest = _width(tree.data)
    return None if longest == math.inf else int(longest)


def _needs_space(seq: Iterable[tuple[Any, Any]]) -> bool:
    """Whether every match of a sequence of parsed elements holds a space: one of them
    matches only spaces (a space, `\\s`), or is a repeat of at least one, a group or an
    alternation each of whose branches needs one."""
    for op, arg in seq:
        if op is _c.LITERAL and chr(arg).isspace():
            return True
        if op is _c.IN and arg and _spaces_only(arg):
            return True
        if op in _REPEATS and arg[0] >= 1 and _needs_space(arg[2].data):
            return True
        if op is _c.SUBPATTERN and _needs_space(arg[-1].data):
            return True
        if op is _c.BRANCH and all(_needs_space(b.data) for b in arg[1]):
            return True
    return False


def _width(seq: Iterable[tuple[Any, Any]]) -> float:
    """The longest a sequence of parsed elements matches in a text without spaces: a
    repeat of spaces (`\\s*`) matches nothing there (and a part that must match a space
    never matches: any bound holds)."""
    total = 0.0
    for op, arg in seq:
        if op in _SINGLE:
            total += 0 if op is _c.IN and _spaces_only(arg) else 1
        elif op in _REPEATS:
            body = _width(arg[2].data)
            total += 0 if body == 0 else body * arg[1] if arg[1] < _c.MAXREPEAT else math.inf
        elif op is _c.SUBPATTERN:
            total += _width(arg[-1].data)
        elif op is _c.BRANCH:
            total += max(_width(b.data) for b in arg[1])
        elif op not in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return math.inf  # a back-reference, a conditional group: no bound read here
    return total


def _spaces_only(items: list[tuple[Any, Any]]) -> bool:
    return all((op is _c.CATEGORY and arg is _c.CATEGORY_SPACE) or (op is _c.LITERAL and chr(arg).isspace())
               for op, arg in items)


# Code points `\s` matches (str.isspace), as ranges, for telling whether a class holds one.
_SPACES = [c for c in range(0x3001) if chr(c).isspace()]


def matches_no_space(pattern: re.Pattern[str]) -> bool:
    """Whether no match of the pattern holds a space: each character it matches comes from
    a literal, or a class that leaves spaces out (`[^\\s,]`, `[\\u4e00-\\u9fff]`)."""
    return _no_space(pattern.pattern, pattern.flags)


@lru_cache(maxsize=4096)
def _no_space(source: str, flags: int) -> bool:
    return _spaceless(_parser.parse(source, flags).data)


def _spaceless(seq: Iterable[tuple[Any, Any]]) -> bool:
    for op, arg in seq:
        if op is _c.LITERAL:
            if chr(arg).isspace():
                return False
        elif op is _c.IN:
            if not _class_spaceless(arg):
                return False
        elif op in _REPEATS:
            if not _spaceless(arg[2].data):
                return False
        elif op is _c.SUBPATTERN:
            if not _spaceless(arg[-1].data):
                return False
        elif op is _c.BRANCH:
            if not all(_spaceless(b.data) for b in arg[1]):
                return False
        elif op not in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return False  # any character, a negated literal, a back-reference: may be a space
    return True


def _class_spaceless(items: list[tuple[Any, Any]]) -> bool:
    """Whether a parsed class matches no space: a negated one must name them all (`\\s`)."""
    if items and items[0][0] is _c.NEGATE:
        return any(op is _c.CATEGORY and arg is _c.CATEGORY_SPACE for op, arg in items[1:])
    for op, arg in items:
        if op is _c.LITERAL and chr(arg).isspace():
            return False
        if op is _c.RANGE and any(arg[0] <= c <= arg[1] for c in _SPACES):
            return False
        if op is _c.CATEGORY and arg not in (_c.CATEGORY_DIGIT, _c.CATEGORY_WORD, _c.CATEGORY_NOT_SPACE):
            return False
    return True
