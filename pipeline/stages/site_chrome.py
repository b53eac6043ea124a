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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pipeline.charsets import fold_width, iter_lines, match_view
from pipeline.document import Document, Span, positions_now
from pipeline.literals import LiteralScan, MatchFilter, lower, necessary_literals
from pipeline.metadata import UPLOAD_FIELDS, Candidate, best_title, key_column, merge_candidates, upload_pairs
from pipeline.rulebook import Rule, load_rules, load_word_list
from pipeline.stages.base import RuleFile, Stage
from pipeline.stages.chrome_lines import (
    LOST_BREAK,
    TITLE_BEARING,
    chrome_echo_spans,
    line_cover,
    merged,
    pieces_of,
    preview_is_a_cut,
    stops_mid_sentence,
)
from pipeline.stages.chrome_related import headed_lists, related_blocks
from pipeline.stages.chrome_rows import (
    MAX_CHARS,
    counter_row,
    file_row,
    lone_file_fact,
    row_tokens,
    toolbar_row,
    upload_metadata,
    url_line,
    widget_facts,
    widget_line,
)
from pipeline.titles import labelled_title, path_tail

# A line the site wrapped in brackets (【本文地址：…】, （责任编辑：…）) is read without them too.
_WRAPPED = re.compile(r"[【\[(（](?P<inner>[^【】\[\]()（）]+)[】\])）]")
_SENTENCE_END = re.compile(r"[。！？!?]")
_BODY_LINE = 20  # characters: a sentence of prose, not a button's label
_SHORT_PIECE = 40  # characters: a piece read as one sentence before its edges
# Rows of the file's facts: a lone key and value beside one of their pieces is of the row.
_FACT_ROWS = frozenset({"upload_metadata", "file_name_line", "file_row", "widget_line", "counter_row"})
SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』)）]*|$)")
# A piece: a run without spaces, or one whose number has its size unit written apart (2.41 MB).
_PIECE = re.compile(r"\S*\d[ \t]+(?i:[kmgt]b)(?![A-Za-z0-9])\S*|\S+")
# A nav row's first link, and a section's name after it (a short word, no mark).
_HOME_LINKS = frozenset({"首页", "主页", "网站首页", "返回首页"})
_SECTION_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}")
_SPACE = re.compile(r"\s")
# A domain in any chrome the site wrote names the site, as the weakest source of source_site
# (rules with `fact_patterns` say where a domain is stronger: a banner, a copyright line).
_DOMAIN = re.compile(r"(?<![A-Za-z0-9.@-])(?:www\.)?(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                     r"\.(?:com|cn|net|org|cc|top|vip|info|io|tw|hk)(?:\.[a-z]{2})?)(?![A-Za-z0-9.])")
_WEAKEST = 10
_UNKNOWN = object()  # not yet in a memo
_MEMO_CHARS = 120  # the longest line whose rule is kept (chrome lines are short)
_SEPARATORS = " \t\u3000|｜∣¦·•/／-–—―─━>»›→"


@dataclass(frozen=True)
class ChromeSettings:
    rule_file: Annotated[str, RuleFile()] = "site_chrome.toml"
    widget_file: Annotated[str, RuleFile()] = "widgets.txt"


@cache
def digits() -> frozenset[str]:
    """Every character Python reads as a digit (counter rows test `str.isdigit`). Filtered
    by the builtin method itself: no Python frame per code point (half the start-up cost)."""
    return frozenset(filter(str.isdigit, map(chr, range(0x110000))))


def _rule_need(rule: Rule) -> frozenset[str] | None:
    """Literals one of which any match of any of the rule's patterns holds (None: unknown)."""
    needs = [necessary_literals(p) for p in rule.patterns]
    return None if not needs or any(n is None for n in needs) else frozenset().union(*needs)  # type: ignore[arg-type]


def sentence_units(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of view[start:end], split also at lost line breaks."""
    for m in SENTENCE.finditer(view, start, end):
        if m.end() <= m.start() or not view[m.start():m.end()].strip():
            continue
        s = m.start()
        if view.find(" ", s, m.end()) < 0:  # no run of spaces, no lost break
            yield s, m.end()
            continue
        for gap in LOST_BREAK.finditer(view, m.start(), m.end()):
            if view[s:gap.start()].strip():
                yield s, gap.start()
                s = gap.start()
        yield s, m.end()


def second_condition_holds(sentence: str, rule: Rule) -> bool:
    """A sentence rule with `require_any` also needs one of those words in the sentence,
    unless the sentence is no longer than `bare_max_len` (nothing but the chrome)."""
    required = rule.extra.get("require_any")
    if not required or any(w in sentence for w in required):
        return True
    return len(sentence.strip()) <= int(rule.extra.get("bare_max_len", 0))


def line_claims(text: str, start: int, end: int, claims: list[Span]) -> list[Span]:
    """Claims inside the line text[start:end]. A claim at the line's start takes the spaces
    after it, one at its end the spaces before it; when together they take all of the line,
    they take its break too (each claim keeps its rule)."""
    own = sorted(claims)
    if not text[start:own[0].start].strip():
        rest = text[own[0].end:end]
        # Up to the next claim at most: it may start on a space itself (a run of pieces).
        ceiling = own[1].start if len(own) > 1 else end
        own[0] = own[0]._replace(start=start, end=max(own[0].end, min(end - len(rest.lstrip(" ")), ceiling)))
    if not text[own[-1].end:end].strip():
        floor = own[-2].end if len(own) > 1 else start
        own[-1] = own[-1]._replace(start=max(floor, start + len(text[start:own[-1].start].rstrip(" "))), end=end)
    edges = [start] + [x for c in own for x in (c.start, c.end)] + [end]
    # What the claims leave between them counts only when it is more than separators (a
    # lone | between a banner and the widgets of one header row is not a line).
    if any(text[a:b].strip(_SEPARATORS) for a, b in zip(edges[::2], edges[1::2])):
        return own
    ends = [c.start for c in own[1:]] + [min(end + 1, len(text))]
    return [c._replace(end=e) for c, e in zip(own, ends)]


def body_start(folded: str, lines: list[tuple[int, int]], spans: list[Span]) -> int:
    """Where the author's body starts: the end of the first line no claim touches that reads
    as a sentence (one long run of text with a sentence's end in it); the page's end if none."""
    taken = merged(spans)
    for start, end in lines:
        line = folded[start:end].strip()
        if len(line) >= _BODY_LINE and _SENTENCE_END.search(line) and not any(a < end and start < b for a, b in taken):
            return end
    return len(folded)


class StripSiteChrome(Stage):
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
        self.sentence_scan = LiteralScan({r.name: _rule_need(r) for r in self.sentence_rules + self.phrase_rules})
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
        # Rules that hold only in a block of chrome: near the page's edges or beside chrome.
        self.edge_rules = [r for r in self.line_rules if "edge_lines" in r.extra]
        # By a line's distance from the page's edge (the last: any farther), the edge rules
        # that cannot hold there (see `_passed_over`).
        reach = {r.name: int(r.extra["edge_lines"]) for r in self.edge_rules}
        self.out_of_reach = [frozenset(n for n, lines in reach.items() if not 0 < edge <= lines)
                             for edge in range(max(reach.values(), default=0) + 2)]
        self.capped = frozenset(MAX_CHARS)
        self._rule_lists: dict[tuple[str, frozenset[str] | None], list[Rule]] = {}
        self._line_memo: dict[tuple, tuple[Rule, list[tuple[str, str]]] | None] = {}
        self.related = next(r for r in rules if r.name == "related_links")
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
        self.any_rule_scan = LiteralScan({
            **{r.name: frozenset(map(lower, logic_needs[r.name])) if r.name in logic_needs else _rule_need(r)
               for r in self.line_rules + self.fallback_rules + self.sentence_rules + self.phrase_rules},
            **{name: need for name, need in self.sentence_filter.needs.items() if need is not None}})
        # Patterns searched for facts only, in what a rule took (a domain in a copyright line).
        self.fact_patterns = {r.name: [re.compile(p) for p in r.extra.get("fact_patterns", [])] for r in rules}
        self.title_label_priority = next(r.priority for r in rules if r.name == "title_label")

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
        if possible is None:
            possible = self.sentence_scan.keys_in(sentence.strip())
        if not possible:
            return None
        for rule in self.sentence_rules:
            if rule.name not in possible or len(sentence.strip()) > rule.max_len:
                continue
            facts: list[tuple[str, str]] = []
            hit = False
            for pat in rule.patterns:
                m = pat.search(sentence.strip())
                if m:
                    hit = True
                    facts += [(k, v) for k, v in m.groupdict().items() if v]
            if hit and second_condition_holds(sentence, rule):
                return rule, facts
        return None

    def match_phrase(self, sentence: str, possible: frozenset[str]) -> tuple[Rule, int] | None:
        """A phrase rule found at the end of a sentence: the rule and where the phrase starts
        (`possible`: as for `match_sentence`)."""
        for rule in self.phrase_rules:
            if rule.name not in possible:
                continue
            for pat in rule.patterns:
                if (m := pat.search(sentence)) and m.start() > 0:
                    return rule, m.start()
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
        for n, (start, end) in enumerate(lines):
            possible = self.any_rule_scan.keys_in(folded[start:end])
            edge = min(n + 1, len(lines) - n)
            if not possible or self._passed_over(folded, start, end, edge, possible):
                continue
            first = len(spans)
            pieced = self._claim_line(folded, start, end, edge, claim, possible)
            if len(spans) > first and any(sp.rule in _FACT_ROWS for sp in spans[first:]):
                self._claim_lone_pairs(folded, start, end, spans[first:], claim, pieced)
            if len(spans) > first and (pieced or len(spans) - first > 1):
                # Claims on some pieces of a line (or runs of its edges): the rest stays a
                # line, and a line they take all of goes with its break (see line_claims).
                spans[first:] = line_claims(text, start, end, spans[first:])
        self._claim_beside_chrome(folded, lines, spans, claim)
        related, blocks = related_blocks(text, folded, spans, self.related)
        spans += related
        headed, more_blocks = headed_lists(folded, lines, spans, self.related, self._chrome_removed_at_end(doc))
        spans += headed
        blocks += more_blocks
        earlier = "\n".join(match_view(e.before) for e in doc.edits if e.stage == self.name and e.applied
                             and e.before.strip() and not e.after and e.rule not in TITLE_BEARING)
        spans += chrome_echo_spans(text, folded, spans, earlier=earlier)
        self._set_flags(doc, folded, spans, flagged)
        doc.replace_spans(self.name, spans)
        # A file name or title listed in a related block names another document; a byline
        # that names its poster under the body's first sentence heads a reader's post (a reply,
        # a quote), not the page (an answer's own 编辑于 <date> under it names no one).
        body = body_start(folded, lines, spans) if self.facts_above_body else len(text)
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

    def _candidates(self, text: str, folded: str, rule: Rule, facts: list[tuple[str, str]],
                    start: int, end: int) -> list[Candidate]:
        """The facts a rule found in text[start:end] as candidates, with those its
        `fact_patterns` find in the whole line (the rest of a footer line is the site's too),
        each as the page wrote it: the title in its own script and width, others folded."""
        if self.fact_patterns[rule.name]:
            lo, hi = folded.rfind("\n", 0, start) + 1, folded.find("\n", start)
            facts = facts + [(k, v) for p in self.fact_patterns[rule.name]
                             for m in p.finditer(folded, lo, hi if hi >= 0 else len(folded))
                             for k, v in m.groupdict().items() if v]
        out = self._titles_in_chrome(text, folded, rule, start, end, facts)
        if not self.fact_patterns[rule.name] and rule.name not in TITLE_BEARING and "." in folded[start:end]:
            out += [Candidate("domain", m["domain"], _WEAKEST, start, rule.name) for m in _DOMAIN.finditer(folded, start, end)]
        facts = [(k, v) for k, v in facts if not (k == "title" and rule.extra.get("title_from") == "path_tail")]
        for field_name, value in facts:
            column = {"url": "source_url", "format": "file_format", "glued_title": "title"}.get(field_name, field_name)
            at = folded.find(value, start, end)
            if at >= 0:
                value = text[at:at + len(value)] if column == "title" else fold_width(text[at:at + len(value)])
            priority = int(rule.extra.get("fact_priority", {}).get(field_name, rule.priority))
            out.append(Candidate(column, value, priority, start, rule.name))
        return out

    def _titles_in_chrome(self, text: str, folded: str, rule: Rule, start: int, end: int,
                          facts: list[tuple[str, str]]) -> list[Candidate]:
        """Titles a piece of chrome carries beyond its rule's own groups: a path's title is
        at most its last element (`title_from = "path_tail"`: a breadcrumb's categories and
        a row of facts are no title); a label naming the page inside any chrome row
        (© site · 本页：<title>) gives the title, as strong as a title label."""
        out = []
        if rule.extra.get("title_from") == "path_tail" and any(k == "title" for k, _ in facts):
            if tail := path_tail(folded[start:end]):
                out.append(Candidate("title", text[start + tail[0]:start + tail[1]], rule.priority, start, rule.name))
        if rule.name != "title_label" and (m := labelled_title(folded[start:end])) and len(m["title"]) >= 6:
            out.append(Candidate("title", text[start + m.start("title"):start + m.end("title")],
                                 self.title_label_priority, start, "title_label"))
        return out

    def _claim_line(self, folded: str, start: int, end: int, edge: int, claim, possible: frozenset[str]) -> bool:
        """One line: whole when it is one piece; else whole first (a row of facts has
        spaces between its parts, a short sentence may too: 本文由 <user> 上传), then piece
        by piece, as it will read once pagination has put its breaks back."""
        pieces = pieces_of(folded, start, end)
        if len(pieces) > 1:
            line = folded[start:end].strip()
            hit = self.match_line(line, edge=edge, possible=possible) or (
                len(line) <= 40 and not _SENTENCE_END.search(line.rstrip("。！？!?”’」』)）"))
                and self.match_sentence(line, possible & self.sentence_scan_keys))
            if hit:
                claim(*hit, start, min(end + 1, len(folded)))
                return False
            pieces = self._claim_nav_run(folded, pieces, claim, possible)
        # A claim on one piece of several never takes the line's break by itself: whether
        # the break goes is settled for the whole line (line_claims). Returns True then.
        # One scan of the line tells which rules each piece holds literals of: a long line
        # (a page that lost its breaks) holds nearly every rule's, each piece a few.
        owns = self.any_rule_scan.keys_by_part(folded, start, end, pieces) if len(pieces) > 1 else [possible]
        for (ps, pe), own in zip(pieces, owns):
            if folded[ps:pe].strip():
                self._claim_piece(folded, ps, pe, end if len(pieces) == 1 else -1, edge, claim, possible, own)
        return len(pieces) > 1

    def _claim_nav_run(self, folded: str, pieces: list[tuple[int, int]], claim,
                       possible: frozenset[str]) -> list[tuple[int, int]]:
        """In a line that lost its breaks, a nav row's section names are pieces of their own
        (首页 本地 教育 健康): from the home page's link on, a run of two or more short names
        (two to five characters: 是, 的 are no sections) goes as one nav row. The pieces left
        to read one by one."""
        if "nav_row" not in possible:
            return pieces
        for k, (ps, pe) in enumerate(pieces):
            if folded[ps:pe] not in _HOME_LINKS:
                continue
            j = k + 1
            while j < len(pieces) and _SECTION_NAME.fullmatch(folded[pieces[j][0]:pieces[j][1]]):
                j += 1
            if j - k >= 3:
                claim(self.nav_rule, [], ps, pieces[j - 1][1])
                return pieces[:k] + pieces[j:]
        return pieces

    def _claim_lone_pairs(self, folded: str, start: int, end: int, claims: list[Span], claim, pieced: bool) -> None:
        """In a line that lost its breaks, a lone key and value of an upload row (上传：<user>)
        cut off from the rest of its row by a lost break, or of a row of the file's facts
        (大小：2.41 MB beside 文件名：….pdf 页数：8): a piece right before or after a piece
        such a row took, with a key that fills a column."""
        rows = [(c.start, c.end) for c in claims if c.rule in _FACT_ROWS]
        # (Read at its lost breaks, or, in a line the rules took by its edges, at its spaces.)
        pieces = pieces_of(folded, start, end) if pieced else [m.span() for m in _PIECE.finditer(folded, start, end)]
        for ps, pe in pieces:
            if any(a < pe and b > ps for a, b in [(c.start, c.end) for c in claims]):
                continue
            near = any(folded[pe:a].strip() == "" or folded[b:ps].strip() == "" for a, b in rows)
            piece = folded[ps:pe].strip()
            m = upload_pairs(piece)[0].fullmatch(piece)
            if near and m and m.group(2) and key_column(m.group(1)) not in (None, "author"):
                claim(self.upload_rule, [(key_column(m.group(1)), m.group(2))], ps, pe)

    def _claim_beside_chrome(self, folded: str, lines: list[tuple[int, int]], spans: list[Span], claim) -> None:
        """Chrome comes in blocks: a line that only the edge rules would take is taken when
        the line before or after it is chrome, and the block grows from there."""
        if not spans:
            return
        cover = line_cover(lines, merged(spans))
        chrome, touched = [c[0] for c in cover], [c[1] for c in cover]
        todo = [i for i in range(len(lines)) if not touched[i]
                and ((i > 0 and chrome[i - 1]) or (i + 1 < len(lines) and chrome[i + 1]))]
        while todo:
            i = todo.pop()
            if touched[i]:
                continue
            s, e = lines[i]
            hit = self.match_line(folded[s:e].strip(), beside_chrome=True)
            if hit and not (hit[0].name == "counter_row" and self._in_a_table(folded, lines, i)):
                claim(*hit, s, min(e + 1, len(folded)))
                chrome[i] = touched[i] = True
                todo += [j for j in (i - 1, i + 1) if 0 <= j < len(lines) and not touched[j]]

    def _in_a_table(self, folded: str, lines: list[tuple[int, int]], i: int) -> bool:
        """Rows of figures with as many cells one under the other are the author's table,
        not a counter row of the site's (2022年 | 1362户 / 2023年 | 1480户)."""
        def cells(j: int) -> int:
            line = folded[lines[j][0]:lines[j][1]].strip()
            return len(row_tokens(line)) if counter_row(line, self.widgets) else 0

        return any(0 <= j < len(lines) and cells(j) == cells(i) > 0 for j in (i - 1, i + 1))

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

    def _keep_facts(self, doc: Document, found: list[Candidate]) -> None:
        """The strongest value of each fact to metadata; the title, when the page had none
        yet, through a title edit that names the rule and shows what the page wrote."""
        # A button's or tab's label (首页 of 首页 | 范文 | 总结) names no site.
        facts = merge_candidates([c for c in found if not (c.field == "site" and c.value.strip() in self.widgets)], doc.text)
        title = facts.pop("title", None)
        best = best_title(found, doc.text)
        if title and not doc.title and best:
            doc.set_title(self.name, best.rule, title, evidence=f"page: {best.value!r}")
        for key, value in facts.items():
            doc.metadata.setdefault(key, value)

    def _claim_piece(self, folded: str, start: int, end: int, line_end: int, edge: int, claim,
                     possible: frozenset[str], own: frozenset[str]) -> None:
        """Line rules on the whole piece, then on its edges, then sentence rules. `possible`:
        the rules whose literals the line holds; `own`: those whose literals the piece holds,
        for what is read inside the piece. What the sentence rules leave is no part of the
        line (sentences are taken out of it): it is read with `possible`, as the line."""
        whole = end == line_end
        hit = self.match_line(folded[start:end].strip(), edge=edge, possible=own)
        if hit:
            claim(*hit, start, min(end + 1, len(folded)) if whole else end)
            return
        piece = (start, end)
        if (sentence := self._one_sentence_of_the_sites(folded[start:end].strip(), own)) is not None:
            # Short and one sentence, the site's whole (开通VIP 全站资料免费下载): edge claims
            # would take its trigger word (开通VIP) and strand the rest.
            claim(*sentence, start, min(end + 1, len(folded)) if whole else end)
            return
        start, end, last = self._claim_edges(folded, start, end, claim, own, edge=edge if edge == 1 else 0)
        if last and 0 < len(folded[start:end].strip()) <= 2 and not _SENTENCE_END.search(folded[start:end]):
            # Edge claims that leave a word or two (共有 of 共有 3 条评论): the row was chrome.
            claim(*last, start, min(end + 1, len(folded)) if end == line_end else end)
            return
        if (start, end) != piece and folded[start:end].strip():
            # What the edges left is still at the page's edge (a slogan after a title footer).
            hit = self.match_line(folded[start:end].strip(), edge=edge, possible=own)
            if hit:
                claim(*hit, start, min(end + 1, len(folded)) if end == line_end else end)
                return
        self._claim_sentences(folded, start, end, line_end, claim, possible, own)

    def _one_sentence_of_the_sites(self, piece: str, own: frozenset[str]) -> tuple[Rule, list[tuple[str, str]]] | None:
        """The sentence rule that takes a short piece with spaces in it whole, when it is one
        sentence and no phrase of the site's sits at its end (that goes alone)."""
        if len(piece) > _SHORT_PIECE or not _SPACE.search(piece) or _SENTENCE_END.search(piece.rstrip("。！？!?")) \
                or not own & self.sentence_scan_keys or self.match_phrase(piece, own):
            return None
        return self.match_sentence(piece, own)

    def _claim_edges(self, folded: str, start: int, end: int, claim, possible: frozenset[str], edge: int = 0,
                     max_pieces: int = 10, max_chars: int = 120
                     ) -> tuple[int, int, tuple[Rule, list[tuple[str, str]]] | None]:
        """In a long line (a page that lost its line breaks), chrome at either end is set off
        by spaces: try line rules on runs of space-separated pieces from each end. Returns
        the part of the line left for the sentence rules, and the last rule that claimed an edge
        (with its facts: none for a second claim)."""
        if not _SPACE.search(folded, start, end):
            return start, end, None  # one piece at most: nothing set off by spaces
        pieces = [(m.start(), m.end()) for m in _PIECE.finditer(folded, start, end)]
        if len(pieces) < 2:
            return start, end, None
        last = None
        i = 0
        while i < len(pieces) - 1:
            best = None
            for j in range(i, min(i + max_pieces, len(pieces) - 1)):
                window = folded[pieces[i][0]:pieces[j][1]]
                if len(window) > max_chars:
                    break
                best = (j, hit) if (hit := self.match_line(window, edge=edge, possible=possible)) else best
            if best is None:
                break
            claim(*best[1], pieces[i][0], pieces[best[0] + 1][0])
            start, i, last = pieces[best[0] + 1][0], best[0] + 1, (best[1][0], [])
        k = len(pieces) - 1
        while k > i:
            best = None
            for j in range(k, max(k - max_pieces, i), -1):
                window = folded[pieces[j][0]:pieces[k][1]]
                if len(window) > max_chars:
                    break
                if hit := self.match_line(window, edge=edge, possible=possible):  # the shortest: end items are separate
                    best = (j, hit)
                    break
            if best is None:
                break
            claim(*best[1], pieces[best[0] - 1][1], pieces[k][1])
            end, k, last = pieces[best[0] - 1][1], best[0] - 1, (best[1][0], [])
        return start, end, last

    def _claim_sentences(self, folded: str, start: int, end: int, line_end: int, claim,
                         possible: frozenset[str], own: frozenset[str]) -> None:
        """Apply sentence rules inside one line, then the fallback line rules to what they
        left; a line left empty goes with its newline. `own`: the names the piece holds
        literals of (for the filter, a piece of `possible`)."""
        keys = possible & self.sentence_scan_keys
        if keys and not self.sentence_filter.may_match(folded[start:end], keys, present=own):
            # No sentence is taken, so what is left is the piece itself (as below).
            leftover = folded[start:end].strip()
            if not (leftover and self.match_line(leftover, fallback=True, possible=possible)):
                return
        hits, phrased = [], False
        # A rule is tried on a sentence when the line holds one of its literals (the prefilter
        # only ever rules out; a sentence holds no literal its line does not). With none on
        # the line the sentences are not read one by one: together they are the piece.
        units = list(sentence_units(folded, start, end)) if possible & self.sentence_scan_keys else []
        located = self.sentence_scan.located(folded[start:end]) if units else []
        for us, ue in units:
            own = self.sentence_scan.keys_within(located, us - start, ue - start)
            # A phrase of the site's after the author's words (…… 您已阅读30%) goes alone, even
            # where a sentence rule would take the whole sentence with the author's part.
            phrase = self.match_phrase(folded[us:ue].rstrip(), own)
            hit = None if phrase and folded[us:us + phrase[1]].strip() else self.match_sentence(folded[us:ue], own)
            if hit is None and phrase:
                # Only the phrase goes: the sentence before it is the author's.
                rule, at = phrase
                claim(rule, [], us + at, us + len(folded[us:ue].rstrip()))
                ue, phrased = us + at, True
            hits.append((us, ue, hit))
        # What the sentence rules left is read as the line it will be once they are done
        # (when they took nothing, the line rules have already had that very text).
        leftover = "".join(folded[s:e] for s, e, h in hits if not h).strip() if units else folded[start:end].strip()
        took_some = any(h for *_, h in hits)
        fallback = None
        if leftover:
            fallback = (took_some and self.match_line(leftover, possible=possible)) or self.match_line(
                leftover, fallback=True, possible=possible)
        if fallback and not units:  # no sentence rule could take anything: the piece is the line
            claim(*fallback, start, min(end + 1, len(folded)) if end == line_end else end)
            return
        if fallback:
            hits = [(s, e, h or fallback) for s, e, h in hits]
        if not hits or not any(h for *_, h in hits):
            return
        whole_line = all(h for *_, h in hits) and not phrased
        for i, (s, e, hit) in enumerate(hits):
            if not hit:
                continue
            if whole_line and i == 0:
                s = start
            if whole_line and i == len(hits) - 1 and end == line_end:
                e = min(end + 1, len(folded))
            claim(*hit, s, e)
