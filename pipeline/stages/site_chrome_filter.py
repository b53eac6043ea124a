"""Whether any rule of strip_site_chrome could claim anything on a line, in compiled code.

Most lines that hold a literal of some rule (a figure, a comma near the page's edge, 下载 in
prose) hold no chrome: `PieceClaims._claim_line` reads them whole, piece by piece, by runs
of pieces at their edges and sentence by sentence, and takes nothing. `ClaimFilter` says
beforehand, from each rule's own patterns and code, when no rule can take anything, so that
the stage passes the line over.

Why it never passes over a line the claim code would take something on. Until a rule first
matches, the claim code reads the line only in these views (each a function of the line
and of no earlier match):

- parts of the line that start and end beside a space or at the line's ends (the line,
  its pieces, runs of pieces at a piece's edges; a piece with the sentences taken out of
  it, none being taken, is the piece), and sentences, which only sentence and phrase
  rules read; the inner text of a view wrapped in brackets (`_WRAPPED`); a button before
  its note (`_NOTED_BUTTON`), which only the button rules take;
- `key:value` for a view `【key】 value` (`_BRACKET_KEY`), and the views of that: parts of
  the line with each `【key】` and the spaces after it written `key:` (`bracket_keys_read`).

A pattern that matches a view leaves a match of its loosened form (`claim_condition`) in
the line or in its `bracket_keys_read` form, and only a pattern whose literal the line holds
can match in a part of it (the scan's names, one per pattern). A line rule's pattern must
match a whole view: on a line without spaces every view but a button is the line, at most
a bracket and a key's colon shorter, so a pattern whose matches are shorter (`longest_match`)
takes nothing there; a pattern whose matches hold no space (`matches_no_space`) takes only
a view that is one run of the line. A rule that is logic rather than a pattern has a
condition read from its code (`logic_conditions`); the row rules, with a longest line
(`MAX_CHARS`), read runs no longer than that, which hold what they need and nothing that
rules out each of their readings (`_short_views`). A line none of whose possible rules
meets its condition has no match of any rule in any view: no first match, and no claim.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.literals import Need, necessary_literals
from pipeline.loosened import claim_condition, longest_match, matches_no_space
from pipeline.stages.chrome_row_needs import Condition, alternation, logic_conditions
from pipeline.stages.chrome_rows import MAX_CHARS
from pipeline.stages.site_chrome_pieces import _HOME_LINKS

# `_BRACKET_KEY` (site_chrome.py) reads 【key】 value as key:value: the line so rewritten
# holds every such view as a part (a key has no space and no bracket, a value no bracket).
_BRACKET_KEY_HEAD = re.compile(r"【([^【】\s]{1,8})】\s*")
# A view of a rule with a longest line is a part of the line, or its inner text without a
# bracket at each end, or a key:value rewrite of it: its runs without spaces are the line's
# runs, at most this many characters shorter.
_VIEW_MARGIN = 3
_LONGEST_RUN = max(MAX_CHARS.values()) + _VIEW_MARGIN
_BRACKETS = "【】[]()（）"  # those `_WRAPPED` takes off a line
_NOTE_OPENS = re.compile(r"[（(]")  # where `_NOTED_BUTTON`'s note opens
_UNKNOWN = object()  # not yet in a memo


def bracket_keys_read(line: str) -> str:
    """The line with each 【key】 (and the spaces after it) written key: (see `_BRACKET_KEY`)."""
    return _BRACKET_KEY_HEAD.sub(r"\1:", line)


# A search: a pattern, the longest view a claim through it is made on (None: any), and
# whether no such view holds a space. A line with no space longer than that by more than
# `_VIEW_MARGIN` holds no such view; a view with no space lies in one run of the line.
Search = tuple[re.Pattern[str], int | None, bool]


@dataclass(frozen=True)
class _Plan:
    """What `may_claim` searches for one set of possible names."""

    in_line: tuple[Search, ...]  # the patterns whose literals the line holds, logic needs
    in_rewrite: tuple[Search, ...]  # every pattern of a line rule, logic needs (`bracket_keys_read`)
    in_runs: tuple[Condition, ...]  # the needs of rules with a longest line


class ClaimFilter:
    """For each rule, the conditions one of which any claim of the rule on a line meets
    (see the module's docstring); `may_claim` says whether a line meets one of its
    possible rules'. Each pattern has a name of its own (`<n>:<rule>`, as `MatchFilter`'s)
    with its literals in `pattern_needs`: a line's scan names the patterns it may hold,
    and only those are searched. A line rule's pattern must match a whole view: on a line
    with no space (one view, and the views a bracket less) it needs a line that short;
    not so for the rules that take a button before its note (`button_rules`)."""

    def __init__(self, line_rules: Iterable[Any], sentence_rules: Iterable[Any], logic_rules: frozenset[str],
                 widgets: frozenset[str], nav_rule: str, button_rules: frozenset[str]) -> None:
        self._args = (tuple(line_rules), tuple(sentence_rules), logic_rules, widgets, nav_rule, button_rules)
        logic = logic_conditions(widgets)
        # (A logic rule with no condition read from its code may claim on any line.)
        conditions = {name: logic.get(name, [Condition(None)]) for name in logic_rules}
        # A nav row's run of section names starts at the home page's link (`_claim_nav_run`),
        # read wherever the line stands: the rule stays possible out of its patterns' reach.
        self.nav_rule = nav_rule
        conditions[nav_rule] = [Condition(alternation(_HOME_LINKS))]
        self.pattern_needs: dict[str, Need] = {}
        self.searches: dict[str, tuple[str, Search | None]] = {}  # by pattern name: its rule, its search
        self.always: dict[str, list[Search | None]] = {}  # by rule: searched in every line it is possible on
        self.rewrites: dict[str, list[Search | None]] = {}  # by rule: searched in `bracket_keys_read`
        self.runs: dict[str, list[Condition]] = {}  # by rule: needs within a short run
        fullmatched = frozenset(r.name for r in self._args[0]) - button_rules
        for rule in self._args[0] + self._args[1]:
            if rule.name in logic_rules:
                continue
            for i, p in enumerate(rule.patterns):
                name = f"{i}:{rule.name}"
                self.pattern_needs[name] = necessary_literals(p)
                loose = claim_condition(p)
                longest = longest_match(p) if rule.name in fullmatched else None
                search = None if loose is None else (loose, longest, longest is not None and matches_no_space(p))
                self.searches[name] = (rule.name, search)
                if self.pattern_needs[name] is None:
                    self.always.setdefault(rule.name, []).append(search)
                if rule.name in fullmatched or rule.name in button_rules:  # line rules read rewritten views
                    self.rewrites.setdefault(rule.name, []).append(search)
        for name, listed in conditions.items():
            for c in listed:
                if c.max_run is not None:
                    self.runs.setdefault(name, []).append(c)
                else:
                    search = None if c.pattern is None else (c.pattern, None, False)
                    self.always.setdefault(name, []).append(search)
                    self.rewrites.setdefault(name, []).append(search)
        # What each name adds to a plan, looked up once: a pattern's rule and search; a rule's
        # searches in every line, in the rewritten line, in short runs.
        self._adds: dict[str, tuple[str | None, tuple[Search | None, ...], tuple[Search | None, ...],
                                    tuple[Condition, ...]]] = {
            **{name: (rule, (search,), (), ()) for name, (rule, search) in self.searches.items()},
            **{name: (None, tuple(self.always.get(name, ())), tuple(self.rewrites.get(name, ())),
                      tuple(self.runs.get(name, ()))) for name in {*self.always, *self.rewrites, *self.runs}}}
        self._plans: dict[tuple[frozenset[str], frozenset[str]], _Plan | None] = {}
        # A plan is a function of the names it reads: lines whose literals differ (a figure
        # more) often leave the same names in reach, and share the plan made for them.
        self._by_names: dict[frozenset[str], _Plan | None] = {}

    def __reduce__(self):
        """Pickled as what it is made of: a pattern compiled from a parsed tree has no source."""
        return (ClaimFilter, self._args)

    def pattern_names(self, rules: Iterable[str]) -> frozenset[str]:
        """The names of these rules' patterns."""
        rules = frozenset(rules)
        return frozenset(n for n, (rule, _) in self.searches.items() if rule in rules)

    def _plan(self, names: frozenset[str]) -> _Plan | None:
        """What to search for these possible names (rules and patterns); None when one of
        them may claim on any line."""
        in_line: list[Search | None] = []
        in_rewrite: list[Search | None] = []
        in_runs: list[Condition] = []
        for name in names:
            if (adds := self._adds.get(name)) is None:
                continue  # a rule whose patterns all have literals (named on their own), or no rule
            rule, searched, rewritten, runs = adds
            if rule is None or rule in names:
                in_line += searched
            in_rewrite += rewritten
            in_runs += runs
        if None in in_line or None in in_rewrite or any(c.pattern is None for c in in_runs):
            return None
        # (Rules that share a condition share its objects: kept once.)
        return _Plan(*(tuple({id(x): x for x in found}.values()) for found in (in_line, in_rewrite, in_runs)))

    def may_claim(self, line: str, possible: frozenset[str], far: frozenset[str]) -> bool:
        """Whether a rule could claim anything on the line, in any view the claim code
        reads: of `possible` (the rules and patterns whose literals the line holds), those
        not `far` (out of their reach at the line's place; the nav row's run is read anywhere)."""
        if (plan := self._plans.get((possible, far), _UNKNOWN)) is _UNKNOWN:
            if len(self._plans) > 4096:
                self._plans.clear()  # bounded, whatever the text
            names = (possible - far) | (possible & {self.nav_rule})
            if (plan := self._by_names.get(names, _UNKNOWN)) is _UNKNOWN:
                if len(self._by_names) > 4096:
                    self._by_names.clear()  # bounded, whatever the text
                plan = self._by_names[names] = self._plan(names)
            self._plans[(possible, far)] = plan
        if plan is None:
            return True
        runs = line.split()
        # (On a line with no space, views are at most a bracket and a key's colon shorter.)
        shortest = len(runs[0]) - _VIEW_MARGIN if len(runs) == 1 else 0
        if _found(plan.in_line, line, runs, shortest):
            return True
        rewritten = bracket_keys_read(line) if "【" in line else None
        if rewritten is not None and _found(plan.in_rewrite, rewritten, rewritten.split(), shortest):
            return True
        if not plan.in_runs:
            return False
        if rewritten is not None:
            runs += rewritten.split()
        short = _short_views(runs)
        return any(len(v) <= c.max_run  # type: ignore[operator]
                   and not (c.ruled_out and all(any(p.search(v) for p in way) for way in c.ruled_out))
                   and c.pattern.search(v) for c in plan.in_runs for v in short)  # type: ignore[union-attr]


def _short_views(runs: list[str]) -> list[str]:
    """What a view of a rule with a longest line holds of each short run: a view is whole
    runs, each maybe without a bracket at its end (`_WRAPPED`), or a button, the run before
    its note's bracket (`_NOTED_BUTTON`). Each of these lies in the run a view holds (so
    what rules the one out rules out the other) and holds what the rule needs (no widget,
    figure or URL holds a bracket)."""
    views = []
    for run in runs:
        if len(run) <= _LONGEST_RUN:
            views.append(run.strip(_BRACKETS))
            if (note := _NOTE_OPENS.search(run)) and note.start() >= 2:
                views.append(run[:note.start()])
    return views


def _found(searches: Iterable[Search], text: str, runs: list[str], shortest: int) -> bool:
    """Whether one of the searches finds a match in the text (its runs: `text.split()`) where
    a view it reads can be (`shortest`: the least a view of a line with no space is long)."""
    for pattern, longest, spaceless in searches:
        if longest is not None and longest < shortest:
            continue
        if spaceless:
            if any(len(r) <= longest + _VIEW_MARGIN and pattern.search(r) for r in runs):  # type: ignore[operator]
                return True
        elif pattern.search(text):
            return True
    return False
