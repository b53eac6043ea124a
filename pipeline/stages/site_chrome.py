"""strip_site_chrome: remove what the site put on the page, keep the facts it states.

Rules are in `pipeline/rules/site_chrome.toml` (patterns, with a reason and an example
to remove and to keep each) and `pipeline/rules/widgets.txt` (button and tab labels).
Line rules remove a whole line; sentence rules remove one sentence, so that chrome glued
into a long line (a one-line page) goes without its neighbours; phrase rules remove only
what they match at a sentence's end (a cut mark …展开阅读全文). A long line is read piece
by piece where a space stands for a lost line break, and at its edges by runs of
space-separated pieces. Rules match a width-folded, simplified view of the text
(`charsets.match_view`), so a class that leaves out `:` or `,` leaves out `：` and `，`
too: patterns that carry a title allow both. Rules with `edge_lines` hold only in a
block of chrome: near the page's top or bottom, or next to a line already found to be
chrome (the block grows from there). Rules that need logic rather than one pattern are
in `chrome_lines.py`, `chrome_rows.py` and `chrome_related.py`; `second_condition_holds`
here serves sentence rules that also need a word from `require_any` (a bait word, the
site's voice).

Facts found in chrome (title, URL, site, uploader, dates, format, pages, size) become
metadata, the title through a title edit; facts of a file listed in a related block are
another document's and are dropped. A preview notice sets the `truncated` flag unless the
author's text runs on past it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pipeline.charsets import iter_lines, match_view
from pipeline.document import Document, Span, positions_now
from pipeline.literals import LiteralScan, MatchFilter, lower, necessary_literals, shared_scan
from pipeline.metadata import UPLOAD_FIELDS, Candidate
from pipeline.rulebook import Rule, load_rules, load_word_list
from pipeline.stages.base import RuleFile, Stage
from pipeline.stages.chrome_cards import stacked_uploader
from pipeline.stages.chrome_lines import (
    TITLE_BEARING,
    chrome_echo_spans,
    excerpt_spans,
    line_cover,
    merged,
    preview_is_a_cut,
    restated_titles,
    stops_mid_sentence,
    table_header,
    tail_button_spans,
)
from pipeline.stages.chrome_quiet import QuietLines, rules_key
from pipeline.stages.chrome_related import comment_threads, headed_lists, listed_titles, related_blocks
from pipeline.stages.chrome_rows import (
    MAX_CHARS,
    counter_row,
    file_row,
    lone_file_fact,
    toolbar_row,
    upload_metadata,
    url_line,
    widget_facts,
    widget_line,
)
from pipeline.stages.site_chrome_facts import ChromeFacts, body_start
from pipeline.stages.site_chrome_filter import ClaimFilter
from pipeline.stages.site_chrome_pieces import _FACT_ROWS, _SPACE, PieceClaims, line_claims

# A line the site wrapped in brackets (【本文地址：…】, （责任编辑：…）) is read without them too.
_WRAPPED = re.compile(r"[【\[(（](?P<inner>[^【】\[\]()（）]+)[】\])）]")
# A short label with a note in brackets after it, and the rules that take buttons.
_NOTED_BUTTON = re.compile(r"(?P<button>[^（）()\s]{2,8})\s*[（(](?P<note>[^（）()]{1,12})[）)]")
_BUTTON_RULES = frozenset({"widget_line", "button_row", "toolbar_row"})
# A fact's key in brackets before its value (【浏览量】1,982): read as key: value.
_BRACKET_KEY = re.compile(r"【(?P<key>[^【】\s]{1,8})】\s*(?P<value>[^【】]+)")
_UNKNOWN = object()  # not yet in a memo
_MEMO_CHARS = 120  # the longest line whose rule is kept (chrome lines are short)


@dataclass(frozen=True)
class ChromeSettings:
    rule_file: Annotated[str, RuleFile()] = "site_chrome.toml"
    widget_file: Annotated[str, RuleFile()] = "widgets.txt"


# Digits are in the first two planes (Unicode 14: the last is U+1FBF9); the planes above hold
# ideographs, tags, variation selectors and private use. A test holds this to the full scan.
_DIGIT_PLANES_END = 0x20000


@cache
def digits() -> frozenset[str]:
    """Every character Python reads as a digit (counter rows test `str.isdigit`). Filtered
    by the builtin method itself, over the planes that hold digits: 0.12 -> 0.016 s."""
    return frozenset(filter(str.isdigit, map(chr, range(_DIGIT_PLANES_END))))


def _rule_need(rule: Rule) -> frozenset[str] | None:
    """Literals one of which any match of any of the rule's patterns holds (None: unknown)."""
    needs = [necessary_literals(p) for p in rule.patterns]
    return None if not needs or any(n is None for n in needs) else frozenset().union(*needs)  # type: ignore[arg-type]


def second_condition_holds(sentence: str, rule: Rule) -> bool:
    """A sentence rule with `require_any` also needs one of those words in the sentence,
    unless the sentence is no longer than `bare_max_len` (nothing but the chrome)."""
    required = rule.extra.get("require_any")
    if not required or any(w in sentence for w in required):
        return True
    return len(sentence.strip()) <= int(rule.extra.get("bare_max_len", 0))


class StripSiteChrome(PieceClaims, ChromeFacts, Stage):
    """Remove site chrome and ads; move the page's facts about the document to metadata."""

    name = "strip_site_chrome"
    Settings = ChromeSettings

    def __init__(self, settings: ChromeSettings | None = None) -> None:
        super().__init__(settings)
        rules = load_rules(self.settings.rule_file)
        self.line_rules = [r for r in rules if r.scope == "line" and not r.extra.get("fallback")]
        self.fallback_rules = [r for r in rules if r.scope == "line" and r.extra.get("fallback")]
        self.sentence_rules = [r for r in rules if r.scope == "sentence"]
        self.phrase_rules = [r for r in rules if r.scope == "phrase"]
        # One scan in compiled code for the necessary literals of every sentence and phrase
        # rule: a rule is tried only on a sentence that holds one of its literals.
        self.sentence_scan = shared_scan({r.name: _rule_need(r) for r in self.sentence_rules + self.phrase_rules})
        self.sentence_scan_keys = frozenset(self.sentence_scan.needs)
        # Whether a sentence or phrase rule can match anywhere in a piece, in compiled code:
        # most pieces holding one of their literals hold no match, and are not cut up.
        self.sentence_filter = MatchFilter({r.name: r.patterns for r in self.sentence_rules + self.phrase_rules})
        self.widgets = load_word_list(self.settings.widget_file)
        site_counts = next(r for r in rules if r.name == "widget_line").extra.get("site_counts", [])
        # Line rules that are logic rather than one pattern: line -> facts, or None.
        self.logic = {
            "widget_line": lambda line: widget_facts(line) if widget_line(line, self.widgets, site_counts) else None,
            "counter_row": lambda line: [] if counter_row(line, self.widgets) else None,
            "upload_metadata": upload_metadata,
            "url_line": lambda line: [] if url_line(line) else None,
            "toolbar_row": lambda line: [] if toolbar_row(line, self.widgets) else None,
            "file_row": file_row,
            "file_fact_line": lone_file_fact,
        }
        # Whether a line's possible rules could claim anything on it (their patterns loosened,
        # the logic rules' needs), in compiled code: most lines holding literals hold no chrome.
        self.claim_filter = ClaimFilter(self.line_rules + self.fallback_rules, self.sentence_rules + self.phrase_rules,
                                        frozenset(self.logic), self.widgets, "nav_row", _BUTTON_RULES)
        # Rules that hold only in a block of chrome: near the page's edges or beside chrome.
        self.edge_rules = [r for r in self.line_rules if "edge_lines" in r.extra]
        # By a line's distance from the page's edge (the last: any farther), the edge rules
        # that cannot hold there (see `_passed_over`).
        reach = {r.name: int(r.extra["edge_lines"]) for r in self.edge_rules}
        # (With their patterns' names in the scans, `claim_filter`'s.)
        self.out_of_reach = [(far := frozenset(n for n, lines in reach.items() if not 0 < edge <= lines))
                             | self.claim_filter.pattern_names(far) for edge in range(max(reach.values(), default=0) + 2)]
        self.capped = frozenset(MAX_CHARS)
        self._rule_lists: dict[tuple[str, frozenset[str] | None], list[Rule]] = {}
        self._line_memo: dict[tuple, tuple[Rule, list[tuple[str, str]]] | None] = {}
        self.related = next(r for r in rules if r.name == "related_links")
        self.comments = next(r for r in rules if r.name == "comment_thread")
        self.stacked = next(r for r in rules if r.name == "stacked_field")
        self.page_title = next(r for r in rules if r.name == "page_title_line")
        self.upload_rule = next(r for r in rules if r.name == "upload_metadata")
        self.nav_rule = next(r for r in rules if r.name == "nav_row")
        # Rules whose facts are the page's only above its body (a byline naming a poster: below
        # it, a reader's post).
        self.facts_above_body = frozenset(r.name for r in rules if r.extra.get("facts_above_body"))
        # Rules whose label says the fact is this page's (本文地址：…), wherever the line stands.
        self.names_this_page = frozenset(r.name for r in rules if r.extra.get("names_this_page"))
        # What any rule needs to claim anything on a line (the logic rules' needs written
        # out): a line holding none of it is prose no rule can touch and is passed over.
        logic_needs = {"widget_line": self.widgets | digits(), "counter_row": digits(), "url_line": {".", "http"},
                       "upload_metadata": set(UPLOAD_FIELDS), "toolbar_row": self.widgets,
                       "file_row": {f".{ext}" for ext in ("doc", "pdf", "ppt", "xls", "txt", "wps", "rtf")}}
        # The same scan names the sentence and phrase patterns whose literals the line holds
        # (for `sentence_filter`): a pattern whose rule is possible, never more.
        self.any_rule_scan = shared_scan({
            **{r.name: frozenset(map(lower, logic_needs[r.name])) if r.name in logic_needs else _rule_need(r)
               for r in self.line_rules + self.fallback_rules + self.sentence_rules + self.phrase_rules},
            **{name: need for name, need in self.sentence_filter.needs.items() if need is not None},
            **{name: need for name, need in self.claim_filter.pattern_needs.items() if need is not None}})
        # The same without the edge rules, for a line farther from the page's edges than any
        # of them reaches: there they cannot claim (their claims on a line's pieces and runs
        # need its edge too, `_match_line`), and their literals (a comma, a dash) are in
        # most lines of prose. Nav rows stay: `_claim_nav_run` reads them anywhere.
        nav = {self.nav_rule.name} | self.claim_filter.pattern_names([self.nav_rule.name])
        self.interior_scan = shared_scan({name: need for name, need in self.any_rule_scan.needs.items()
                                          if name not in self.out_of_reach[-1] or name in nav})
        # Patterns searched for facts only, in what a rule took (a domain in a copyright line).
        self.fact_patterns = {r.name: [re.compile(p) for p in r.extra.get("fact_patterns", [])] for r in rules}
        self.title_label_priority = next(r.priority for r in rules if r.name == "title_label")
        self.rules_key = rules_key(self.settings.rule_file, self.settings.widget_file)  # names what QuietLines keeps

    def match_line(self, line: str, fallback: bool = False, edge: int = 0, beside_chrome: bool = False,
                   possible: frozenset[str] | None = None) -> tuple[Rule, list[tuple[str, str]]] | None:
        """The line rule that claims this (stripped, folded) line, with the facts it found.
        `edge`: how close the line is to the top or bottom of the page (1 = first/last
        non-empty line; 0 = unknown), for rules that only hold there (`edge_lines`), as
        they also do on a line `beside_chrome` (next to a line found to be chrome).
        `possible`: the rules whose literals the whole line holds (None: all), when `line`
        is a part of it: no other rule can claim a part.

        The answer depends on nothing else (of `edge`, only which edge rules it lets
        hold), and a site repeats its chrome on every page: the last answers are kept
        (bounded; the facts are never changed by a caller)."""
        if len(line) > _MEMO_CHARS:  # prose, seldom repeated
            return self._match_line(line, fallback, edge, beside_chrome, possible)
        key = (line, fallback, beside_chrome, 0 if beside_chrome else min(edge, len(self.out_of_reach) - 1), possible)
        if (hit := self._line_memo.get(key, _UNKNOWN)) is _UNKNOWN:
            if len(self._line_memo) > 16384:
                self._line_memo.clear()  # bounded, whatever the text
            hit = self._line_memo[key] = self._match_line(line, fallback, edge, beside_chrome, possible)
        return hit  # type: ignore[return-value]

    def _match_line(self, line: str, fallback: bool, edge: int, beside_chrome: bool,
                    possible: frozenset[str] | None) -> tuple[Rule, list[tuple[str, str]]] | None:
        kind = "edge" if beside_chrome else "fallback" if fallback else "line"
        rules = self._rules_for(kind, possible)
        if not rules:  # most calls on prose: no rule of the kind is possible (nor on the wrapped inner)
            return None
        if (wrapped := _WRAPPED.fullmatch(line)) and (hit := self.match_line(wrapped["inner"].strip(), fallback, edge,
                                                                              beside_chrome, possible)):
            return hit
        # (Only a key of the file's facts: 【推荐】<title> is a tag over a title.)
        keyed = _BRACKET_KEY.fullmatch(line)
        if keyed and keyed["key"] in UPLOAD_FIELDS:
            hit = self.match_line(f"{keyed['key']}:{keyed['value']}", fallback, edge, beside_chrome, possible)
            if hit:
                return hit
        # A button with a note after it (立即下载（含答案解析）), or with its price in what the
        # site counts (下载本资源（1下载券）): the button.
        noted = _NOTED_BUTTON.fullmatch(line)
        for part in ("button", "note") if noted else ():
            if (hit := self.match_line(noted[part], fallback, edge, beside_chrome, possible)) and hit[0].name in _BUTTON_RULES:
                return hit
        for rule in rules:
            if "edge_lines" in rule.extra and not (beside_chrome or 0 < edge <= int(rule.extra["edge_lines"])):
                continue
            if rule.name in self.logic:
                facts = self.logic[rule.name](line)
                if facts is not None:
                    return rule, facts
                continue
            for pat in rule.patterns:
                m = pat.fullmatch(line)
                if m:
                    return rule, [(k, v) for k, v in m.groupdict().items() if v]
        return None

    def line_scan(self, edge: int) -> LiteralScan:
        """The scan for a line at `edge` (see `interior_scan`)."""
        return self.interior_scan if edge >= len(self.out_of_reach) - 1 else self.any_rule_scan

    def _rules_for(self, kind: str, possible: frozenset[str] | None) -> list[Rule]:
        """The line rules of a kind ("line", "fallback", "edge"), in order, that are among
        `possible` (None: all). Lines share a few sets of possible rules: each is made once."""
        key = (kind, possible)
        if (rules := self._rule_lists.get(key)) is None:
            if len(self._rule_lists) > 4096:
                self._rule_lists.clear()  # bounded, whatever the text
            every = {"edge": self.edge_rules, "fallback": self.fallback_rules, "line": self.line_rules}[kind]
            rules = self._rule_lists[key] = [r for r in every if possible is None or r.name in possible]
        return rules

    def match_sentence(self, sentence: str, possible: frozenset[str] | None = None
                       ) -> tuple[Rule, list[tuple[str, str]]] | None:
        """The sentence rule that claims this sentence, with its facts. `possible`: the rules
        whose literals the line holding the sentence holds (None: scan the sentence)."""
        stripped = sentence.strip()
        if possible is None:
            possible = self.sentence_scan.keys_in(stripped)
        if not possible:
            return None
        for rule in self.sentence_rules:
            if rule.name not in possible or len(stripped) > rule.max_len:
                continue
            facts: list[tuple[str, str]] = []
            hit = False
            for pat in rule.patterns:
                m = pat.search(stripped)
                if m:
                    hit = True
                    facts += [(k, v) for k, v in m.groupdict().items() if v]
            if hit and second_condition_holds(sentence, rule):
                return rule, facts
        return None

    def match_phrase(self, sentence: str, possible: frozenset[str]) -> tuple[Rule, int, int] | None:
        """A phrase rule found at one end of a sentence, the author's words at the other (a
        tail after them, ……您已阅读30%, or a label before them, 文档介绍：): the rule and
        where the phrase starts and ends (`possible`: as for `match_sentence`)."""
        for rule in self.phrase_rules:
            if rule.name not in possible:
                continue
            for pat in rule.patterns:
                if (m := pat.search(sentence)) and (m.start() > 0) != (m.end() < len(sentence.rstrip())):
                    return rule, m.start(), m.end()
        return None

    def process(self, doc: Document) -> Document:
        text, folded = doc.text, match_view(doc.text)
        spans: list[Span] = []
        found: list[Candidate] = []
        flagged: list[tuple[Rule, int, int]] = []

        def claim(rule: Rule, facts: list[tuple[str, str]], start: int, end: int) -> None:
            spans.append(Span(start, end, "", rule.name))
            found.extend(self._candidates(text, folded, rule, facts, start, end))
            if rule.flag:
                flagged.append((rule, start, end))

        lines = [(s, e) for s, e in iter_lines(text) if folded[s:e].strip()]
        # A browser title the page restates as its heading is read first, whatever else its line looks like.
        restated = restated_titles(text, folded, lines, [])
        for start, end, title, name in restated:
            claim(self.page_title, [("title", title), ("site", name)], start, min(end + 1, len(text)))
        read = {(start, end) for start, end, *_ in restated}
        quiet, interior = QuietLines(self.name, self.rules_key, doc), len(self.out_of_reach) - 1
        for n, (start, end) in enumerate(lines):
            edge, line = min(n + 1, len(lines) - n), folded[start:end]
            if (start, end) in read or edge >= interior and quiet.known(line):
                continue  # passed over by the run before, where it was interior too (chrome_quiet)
            possible = self.line_scan(edge).keys_in(line)
            far = self.out_of_reach[min(edge, interior)]
            if not possible or self._passed_over(folded, start, end, edge, possible) \
                    or not self.claim_filter.may_claim(line, possible, far):
                if edge >= interior:
                    quiet.add(line)
                continue
            first = len(spans)
            pieced = self._claim_line(folded, start, end, edge, claim, possible)
            if len(spans) > first and any(sp.rule in _FACT_ROWS for sp in spans[first:]):
                self._claim_lone_pairs(folded, start, end, spans[first:], claim, pieced)
            if len(spans) > first and (pieced or len(spans) - first > 1):
                # Claims on some pieces of a line (or runs of its edges): the rest stays a
                # line, and a line they take all of goes with its break (see line_claims).
                spans[first:] = line_claims(text, start, end, spans[first:])
        spans[:] = [sp for sp in spans if not (sp.rule == self.nav_rule.name and table_header(folded, lines, sp))]
        self._claim_beside_chrome(folded, lines, spans, claim)
        related, blocks = related_blocks(text, folded, spans, self.related)
        spans += related
        headed, more_blocks = headed_lists(folded, lines, spans, self.related, self._chrome_removed_at_end(doc))
        spans += headed
        blocks += more_blocks
        blocks += listed_titles(folded, lines, found, TITLE_BEARING)
        spans += comment_threads(folded, lines, spans, self.comments)
        for start, end, name in stacked_uploader(folded, lines, line_cover(lines, merged(spans))):
            claim(self.stacked, [("uploader", name)] if name else [], start, min(end + 1, len(text)))
        # (The view is per character and keeps line breaks: the view of the joined texts is
        # the joined views, made in one call rather than one per edit.)
        # (And the name a browser title gives after its title: the site's, alone on a line its masthead.)
        earlier = match_view("\n".join([e.before for e in doc.edits if e.stage == self.name and e.applied and e.before.strip()
                                        and not e.after and e.rule not in TITLE_BEARING] + [n for *_, n in restated]))
        spans += chrome_echo_spans(text, folded, spans, earlier=earlier) + excerpt_spans(text, folded, spans)
        taken = merged(spans)
        spans += [b for b in tail_button_spans(folded) if not any(a < b.end and b.start < c for a, c in taken)]
        self._set_flags(doc, folded, spans, flagged)
        quiet.leave(doc)
        doc.replace_spans(self.name, spans)
        # A file name or title listed in a related block names another document; a byline
        # that names its poster under the body's first sentence heads a reader's post (a reply,
        # a quote), not the page (an answer's own 编辑于 <date> under it names no one).
        titles = frozenset("".join(match_view(c.value).split()) for c in found if c.field == "title")
        body = body_start(folded, lines, spans, titles) if self.facts_above_body else len(text)
        posts = {c.position for c in found if c.rule in self.facts_above_body and c.field == "uploader" and c.position > body}
        self._keep_facts(doc, [c for c in found if (c.rule not in TITLE_BEARING or c.rule in self.names_this_page
                               or not any(a <= c.position < b for a, b in blocks)) and c.position not in posts])
        return doc

    def _chrome_removed_at_end(self, doc: Document) -> bool:
        """Whether an earlier run of this stage removed chrome after the page's last line
        (on a page whose lines pagination has rejoined or split since)."""
        picked = [i for i, e in enumerate(doc.edits) if e.stage == self.name and e.applied and not e.after]
        if not picked:
            return False
        return max(positions_now(doc.edits, picked)) >= len(doc.text.rstrip())

    def _passed_over(self, folded: str, start: int, end: int, edge: int, possible: frozenset[str]) -> bool:
        """Whether no rule can claim anything on the line, though it holds literals of some
        (the scan's `possible`): those of edge rules only, the line too far from the page's
        edge for them; or those of rules with a longest line (`MAX_CHARS`) only, the line
        without spaces (one piece, no edges: only it and its inner part without brackets are
        read) and longer than that. Prose with a figure in it (the widget and counter rows'
        literals are digits) costs the scan and this test."""
        live = possible - self.out_of_reach[min(edge, len(self.out_of_reach) - 1)]
        if not live:
            return True
        if not live <= self.capped:
            return False
        line = folded[start:end].strip()
        return len(line) - 2 > max(MAX_CHARS[name] for name in live) and not _SPACE.search(line)

    def _set_flags(self, doc: Document, folded: str, spans: list[Span], flagged: list[tuple[Rule, int, int]]) -> None:
        """A preview notice flags the page unless the author's text runs on past it."""
        taken = merged(spans)
        for rule, start, end in flagged:
            if rule.flag == "truncated" and not preview_is_a_cut(
                    folded, taken, start, end, int(rule.extra.get("continues_after_chars", 60)),
                    bool(rule.extra.get("only_at_end"))):
                continue
            if rule.extra.get("only_if_cut") and not stops_mid_sentence(folded, taken, start):
                continue  # a notice sites print under every text: a cut only where the text is cut
            doc.flags[rule.flag] = True
            doc.flags.setdefault(f"{rule.flag}_by", f"{self.name}/{rule.name}")

