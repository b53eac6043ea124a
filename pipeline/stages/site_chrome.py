"""strip_site_chrome: remove what the site put on the page, keep the facts it states.

Rules are in `pipeline/rules/site_chrome.toml` (patterns, with a reason and an example
to remove and to keep each) and `pipeline/rules/widgets.txt` (button and tab labels).
Line rules remove a whole line; sentence rules remove one sentence, so that chrome glued
into a long line (a one-line page) goes without its neighbours. A long line is read piece
by piece where a space stands for a lost line break, and at its edges by runs of
space-separated pieces. Rules match a width-folded, simplified view of the text
(`charsets.match_view`). A few rules need logic rather than one pattern, and are the
named functions below: `widget_line`, `upload_metadata`, `url_line`,
`related_link_spans`, `chrome_echo_spans`, and `second_condition_holds` for sentence rules
that also need a word from `require_any` (a bait word, the site's voice).

Facts found in chrome (title, URL, site, uploader, dates, format, pages, size) become
metadata; a preview notice sets the `truncated` flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from pipeline.charsets import PARAGRAPH_END, fold_width, is_han, iter_lines, match_view
from pipeline.document import Document, Span
from pipeline.metadata import SITE_ONLY_KEYS, UPLOAD_FIELDS, UPLOAD_PAIR, URL, Candidate, merge_candidates, parse_date
from pipeline.rulebook import Rule, load_rules, load_word_list
from pipeline.stages.base import RuleFile, Stage

SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』)）]*|$)")
_WIDGET_SPLIT = re.compile(r"[\s|/·•()\[\]【】]+")
_PIECE = re.compile(r"\S+")
_COUNTER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[次人页元分个万KkMm条赞]|阅读|下载|浏览|收藏|评论|人阅读|次阅读|条评论)*")


@dataclass(frozen=True)
class ChromeSettings:
    rule_file: Annotated[str, RuleFile()] = "site_chrome.toml"
    widget_file: Annotated[str, RuleFile()] = "widgets.txt"


# A space between Chinese text in a long line stands for a lost line break (see
# pagination/flattened_paragraph): sentence rules see the pieces it separates.
# (Split wherever flattened_paragraph might break, so that both read the same pieces.)
LOST_BREAK = re.compile(rf"(?<=[\u4e00-\u9fff{re.escape(PARAGRAPH_END)}])[ ]+(?=[\u4e00-\u9fff“‘《（(【「『])")


def _unnamed(pattern: str) -> str:
    """A rule pattern as a plain group, fit to be one branch of a larger alternation."""
    pattern = re.sub(r"\(\?P<\w+>", "(?:", pattern)
    if pattern.startswith("(?i)"):
        pattern = "(?i:" + pattern[4:] + ")"
    return "(?:" + pattern + ")"


def pieces_of(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """view[start:end] cut at its lost line breaks (the spaces themselves left out)."""
    out, s = [], start
    for gap in LOST_BREAK.finditer(view, start, end):
        out.append((s, gap.start()))
        s = gap.end()
    out.append((s, end))
    return out


def sentence_units(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of view[start:end], split also at lost line breaks."""
    for m in SENTENCE.finditer(view, start, end):
        if m.end() <= m.start() or not view[m.start():m.end()].strip():
            continue
        s = m.start()
        for gap in LOST_BREAK.finditer(view, m.start(), m.end()):
            if view[s:gap.start()].strip():
                yield s, gap.start()
                s = gap.start()
        yield s, m.end()


def widget_line(line: str, widgets: frozenset[str]) -> bool:
    tokens = [t for t in _WIDGET_SPLIT.split(line) if t]
    return bool(tokens) and len(line) <= 60 and any(t in widgets for t in tokens) and all(
        t in widgets or _COUNTER.fullmatch(t) for t in tokens)


def upload_metadata(line: str) -> list[tuple[str, str]] | None:
    """The (column, value) pairs of an upload-metadata line, or None if it is not one:
    nothing on the line but key:value pairs and separators, at least two pairs with a
    value, or one whose key only a site would write (上传人, 文档编号) and a real value."""
    pairs = list(UPLOAD_PAIR.finditer(line))
    valued = [m for m in pairs if m.group(2)]
    if not valued:
        return None
    covered = sum(m.end() - m.start() for m in pairs)
    rest = len(line) - covered - sum(c.isspace() or c in "|｜/·,，;；" for c in line)
    # A long row of facts may carry a few odd bits (顶/踩数:0/0) between its pairs.
    allowed = 0.25 * len(line) if len(valued) >= 3 else 0
    if rest > allowed or (len(valued) < 2 and valued[0].group(1) not in SITE_ONLY_KEYS):
        return None
    if any(UPLOAD_FIELDS[m.group(1)] == "upload_date" and not parse_date(m.group(2)) for m in valued):
        return None
    return [(UPLOAD_FIELDS[m.group(1)], m.group(2)) for m in valued if UPLOAD_FIELDS[m.group(1)]]


def url_line(line: str) -> bool:
    """A short line built around a URL that does not read as a sentence of prose."""
    urls = list(URL.finditer(line))
    if not urls or len(line) > 80:
        return False
    rest = URL.sub("", line)
    han = sum(is_han(c) for c in rest)
    return not line.rstrip().endswith(("。", "！", "？")) or han < 10


def second_condition_holds(sentence: str, rule: Rule) -> bool:
    """A sentence rule with `require_any` also needs one of those words in the sentence,
    unless the sentence is no longer than `bare_max_len` (nothing but the chrome)."""
    required = rule.extra.get("require_any")
    if not required or any(w in sentence for w in required):
        return True
    return len(sentence.strip()) <= int(rule.extra.get("bare_max_len", 0))


def related_link_spans(text: str, folded: str, removed: list[Span], rule: Rule) -> list[Span]:
    """Under a 'related' heading, the title-like lines that follow are links, not text."""
    headings = set(rule.extra.get("headings", []))
    limit = int(rule.extra.get("max_link_chars", 50))
    taken = {s.start for s in removed}
    out, inside = [], False
    for start, end in iter_lines(text):
        line = folded[start:end].strip()
        if not line:
            continue
        if line in headings:
            inside = True
            if start not in taken:
                out.append(Span(start, min(end + 1, len(text)), "", rule.name))
            continue
        if start in taken:
            continue
        if inside and len(line) <= limit and not any(c in line for c in "。!?！？") and line[-1] not in ":：,，;；":
            out.append(Span(start, min(end + 1, len(text)), "", rule.name))
        else:
            inside = False
    return out


TITLE_BEARING = {"breadcrumb", "title_label", "file_name_line", "page_thumbnail", "site_wrapper", "link_label"}


def chrome_echo_spans(text: str, folded: str, removed: list[Span], max_chars: int = 20) -> list[Span]:
    """Short lines that repeat part of removed chrome (a site name alone on a line).
    Chrome that carries the document's own title (breadcrumbs, file names, title labels)
    is not used: a heading that repeats it is the document's, not the site's."""
    chrome = "\n".join(folded[s.start:s.end] for s in removed if s.rule not in TITLE_BEARING)
    taken = [(s.start, s.end) for s in removed]
    echoes = []
    for start, end in iter_lines(text):
        line = folded[start:end].strip()
        if not (3 <= len(line) <= max_chars) or any(c in line for c in "。,，!?！？:：;；"):
            continue
        if any(a <= start < b for a, b in taken) or line not in chrome:
            continue
        echoes.append(Span(start, min(end + 1, len(text)), "", "chrome_echo"))
    return echoes


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
        # One pass that rejects most author sentences before the rules are tried one by one.
        self.sentence_prefilter = re.compile("|".join(
            _unnamed(p.pattern) for r in self.sentence_rules for p in r.patterns))
        self.widgets = load_word_list(self.settings.widget_file)
        # Line rules that are logic rather than one pattern: line -> facts, or None.
        self.logic = {
            "widget_line": lambda line: [] if widget_line(line, self.widgets) else None,
            "upload_metadata": upload_metadata,
            "url_line": lambda line: [] if url_line(line) else None,
        }
        self.related = next(r for r in rules if r.name == "related_links")

    def match_line(self, line: str, fallback: bool = False, edge: int = 0) -> tuple[Rule, list[tuple[str, str]]] | None:
        """The line rule that claims this (stripped, folded) line, with the facts it found.
        `edge`: how close the line is to the top or bottom of the page (1 = first/last
        non-empty line; 0 = unknown), for rules that only hold there."""
        for rule in self.fallback_rules if fallback else self.line_rules:
            if "edge_lines" in rule.extra and not (0 < edge <= int(rule.extra["edge_lines"])):
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

    def match_sentence(self, sentence: str) -> tuple[Rule, list[tuple[str, str]]] | None:
        if not self.sentence_prefilter.search(sentence.strip()):
            return None
        for rule in self.sentence_rules:
            if len(sentence.strip()) > rule.max_len:
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

    def process(self, doc: Document) -> Document:
        text, folded = doc.text, match_view(doc.text)
        spans: list[Span] = []
        found: list[Candidate] = []

        def claim(rule: Rule, facts: list[tuple[str, str]], start: int, end: int) -> None:
            spans.append(Span(start, end, "", rule.name))
            for field_name, value in facts:
                column = {"url": "source_url", "format": "file_format"}.get(field_name, field_name)
                found.append(Candidate(column, original(value, start, end, column), rule.priority, start))
            if rule.flag:
                doc.flags[rule.flag] = True
                doc.flags.setdefault(f"{rule.flag}_by", f"{self.name}/{rule.name}")

        def original(value: str, start: int, end: int, column: str) -> str:
            """A fact as the page wrote it (rules matched the simplified, folded view):
            the title in its own script and width, other facts width-folded."""
            at = folded.find(value, start, end)
            if at < 0:
                return value
            source = text if column == "title" else fold_width(text[at:at + len(value)])
            return source if column != "title" else source[at:at + len(value)]

        lines = [(s, e) for s, e in iter_lines(text) if folded[s:e].strip()]
        for n, (start, end) in enumerate(lines):
            edge = min(n + 1, len(lines) - n)
            pieces = pieces_of(folded, start, end)
            if len(pieces) > 1:
                # The whole line first (a row of facts has spaces between its parts), then
                # piece by piece, as it will read once pagination has put its breaks back.
                hit = self.match_line(folded[start:end].strip(), edge=edge)
                if hit:
                    claim(*hit, start, min(end + 1, len(text)))
                    continue
            for ps, pe in pieces:
                if folded[ps:pe].strip():
                    self._claim_piece(folded, ps, pe, end, edge, claim)
        spans += related_link_spans(text, folded, spans, self.related)
        spans += chrome_echo_spans(text, folded, spans)
        doc.replace_spans(self.name, spans)
        facts = merge_candidates(found)
        title = facts.pop("title", None)
        if title and not doc.title:
            doc.title = title
        for key, value in facts.items():
            doc.metadata.setdefault(key, value)
        return doc

    def _claim_piece(self, folded: str, start: int, end: int, line_end: int, edge: int, claim) -> None:
        """Line rules on the whole piece, then on its edges, then sentence rules."""
        whole = end == line_end
        hit = self.match_line(folded[start:end].strip(), edge=edge)
        if hit:
            claim(*hit, start, min(end + 1, len(folded)) if whole else end)
            return
        piece = (start, end)
        start, end = self._claim_edges(folded, start, end, claim)
        if (start, end) != piece and folded[start:end].strip():
            hit = self.match_line(folded[start:end].strip())  # what the edges left
            if hit:
                claim(*hit, start, min(end + 1, len(folded)) if end == line_end else end)
                return
        self._claim_sentences(folded, start, end, line_end, claim)

    def _claim_edges(self, folded: str, start: int, end: int, claim, max_pieces: int = 10,
                     max_chars: int = 120) -> tuple[int, int]:
        """In a long line (a page that lost its line breaks), chrome at either end is set off
        by spaces: try line rules on runs of space-separated pieces from each end. Returns
        the part of the line left for the sentence rules."""
        pieces = [(m.start(), m.end()) for m in _PIECE.finditer(folded, start, end)]
        if len(pieces) < 2:
            return start, end
        i = 0
        while i < len(pieces) - 1:
            best = None
            for j in range(i, min(i + max_pieces, len(pieces) - 1)):
                window = folded[pieces[i][0]:pieces[j][1]]
                if len(window) > max_chars:
                    break
                best = (j, hit) if (hit := self.match_line(window)) else best
            if best is None:
                break
            claim(*best[1], pieces[i][0], pieces[best[0] + 1][0])
            start, i = pieces[best[0] + 1][0], best[0] + 1
        k = len(pieces) - 1
        while k > i:
            best = None
            for j in range(k, max(k - max_pieces, i), -1):
                window = folded[pieces[j][0]:pieces[k][1]]
                if len(window) > max_chars:
                    break
                if hit := self.match_line(window):  # the shortest: end items are separate
                    best = (j, hit)
                    break
            if best is None:
                break
            claim(*best[1], pieces[best[0] - 1][1], pieces[k][1])
            end, k = pieces[best[0] - 1][1], best[0] - 1
        return start, end

    def _claim_sentences(self, folded: str, start: int, end: int, line_end: int, claim) -> None:
        """Apply sentence rules inside one line, then the fallback line rules to what they
        left; a line left empty goes with its newline."""
        hits = []
        for us, ue in sentence_units(folded, start, end):
            hits.append((us, ue, self.match_sentence(folded[us:ue])))
        # What the sentence rules left is read as the line it will be once they are done
        # (when they took nothing, the line rules have already had that very text).
        leftover = "".join(folded[s:e] for s, e, h in hits if not h).strip()
        took_some = any(h for *_, h in hits)
        fallback = None
        if leftover:
            fallback = (took_some and self.match_line(leftover)) or self.match_line(leftover, fallback=True)
        if fallback:
            hits = [(s, e, h or fallback) for s, e, h in hits]
        if not hits or not any(h for *_, h in hits):
            return
        whole_line = all(h for *_, h in hits)
        for i, (s, e, hit) in enumerate(hits):
            if not hit:
                continue
            if whole_line and i == 0:
                s = start
            if whole_line and i == len(hits) - 1 and end == line_end:
                e = min(end + 1, len(folded))
            claim(*hit, s, e)
