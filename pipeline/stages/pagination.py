"""pagination: remove what page layout left in the text and rejoin what pages split.

Rules (pipeline/rules/pagination.toml), applied in this order, each a function here:
`page_chunk_marker` (site chunk numbers 1、2、3、… that land mid-sentence; the pieces are
joined), `page_number_line`, `running_header`, `layout_whitespace` (one paragraph per
line, no indentation, no blank lines), `hard_wrap` (line breaks inside a sentence, run to
a fixed point) and `flattened_paragraph` (a space standing for a lost line break).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Annotated

from pipeline.charsets import PARAGRAPH_END, is_han, iter_lines, match_view
from pipeline.document import Document, Span
from pipeline.rulebook import Rule, rules_by_name
from pipeline.stages.base import RuleFile, Stage

CHUNK_MARKER = re.compile(r"(?m)^[ \t\u3000]*(\d{1,4})、")
LIST_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]"
                        r"|第[一二三四五六七八九十]+[,，、章节条部分])")
LAYOUT = re.compile(r"\A\s+|\s+\Z|[^\S\n]*\n\s*")
_SPACE_RUN = re.compile(r"[ \u3000]+")
_OPENERS = "“‘《（(【「『"


@dataclass(frozen=True)
class PaginationSettings:
    rule_file: Annotated[str, RuleFile()] = "pagination.toml"


def _last_char_before(text: str, pos: int) -> str:
    stripped = text[:pos].rstrip()
    return stripped[-1] if stripped else ""


def page_chunk_spans(text: str, rule: Rule) -> list[Span]:
    """Markers numbered 1..N in order at line starts, most of them mid-sentence."""
    series, expect = [], 1
    for m in CHUNK_MARKER.finditer(text):
        if int(m.group(1)) == expect:
            series.append(m)
            expect += 1
    if len(series) < int(rule.extra.get("min_markers", 3)):
        return []
    mid = [_last_char_before(text, m.start()) not in PARAGRAPH_END for m in series[1:]]
    if sum(mid) / len(mid) < float(rule.extra.get("min_mid_sentence_share", 0.5)):
        return []
    spans = [Span(series[0].start(), series[0].end(), "", rule.name)]
    for m in series[1:]:
        start = len(text[: m.start()].rstrip())  # the break before the marker goes too
        spans.append(Span(start, m.end(), "", rule.name))
    return spans


def page_number_spans(text: str, rule: Rule, doc: Document) -> list[Span]:
    spans, view = [], match_view(text)
    for s, e in iter_lines(text):
        line = view[s:e].strip()
        for pat in rule.patterns:
            m = pat.fullmatch(line)
            if m:
                if m.groupdict().get("page_count"):
                    doc.metadata.setdefault("page_count", int(m.group("page_count")))
                spans.append(Span(s, min(e + 1, len(text)), "", rule.name))
                break
    return spans


def running_header_spans(text: str, rule: Rule) -> list[Span]:
    max_chars = int(rule.extra.get("max_chars", 40))
    view = match_view(text)
    lines = [(s, e, view[s:e].strip()) for s, e in iter_lines(text)]
    counts = Counter(key for _, _, key in lines if key and len(key) <= max_chars)
    repeated = {k for k, n in counts.items() if n >= int(rule.extra.get("min_repeats", 3))}
    # A line that ends a sentence is the author's, even when the author repeats it.
    repeated = {k for k in repeated if k[-1] not in PARAGRAPH_END}
    return [Span(s, min(e + 1, len(text)), "", rule.name) for s, e, key in lines if key in repeated]


def flattened_paragraph_spans(text: str, rule: Rule) -> list[Span]:
    max_heading = int(rule.extra.get("max_heading_chars", 30))
    min_line = int(rule.extra.get("min_line_chars", 50))
    spans: list[Span] = []
    for m in _SPACE_RUN.finditer(text):
        s, e = m.start(), m.end()
        if s == 0 or e >= len(text) or text[s - 1] == "\n" or text[e] == "\n":
            continue
        line_end = text.find("\n", e)
        if (line_end if line_end >= 0 else len(text)) - (text.rfind("\n", 0, s) + 1) < min_line:
            continue  # a short line with a space in it is a title or a label, not a flattened page
        # Judged the same in either width, so that normalize cannot change the verdict.
        if not ((is_han(text[s - 1]) or text[s - 1] in PARAGRAPH_END) and (is_han(text[e]) or text[e] in _OPENERS)):
            continue
        # The paragraph so far starts after the last line break, one found here included.
        start = max(text.rfind("\n", 0, s) + 1, spans[-1].end if spans else 0)
        segment = text[start:s]
        if text[s - 1] in PARAGRAPH_END or (max(segment.rfind(c) for c in "。！？") < 0 and len(segment) <= max_heading):
            spans.append(Span(s, e, "\n", rule.name))
    return spans


def hard_wrap_spans(text: str, rule: Rule) -> list[Span]:
    """Join a line that stops mid-sentence at about the page's width to the line that
    continues it. Short lines (titles, headings, signatures) never join, and nothing joins
    a line that opens a list item."""
    min_chars = int(rule.extra.get("min_line_chars", 20))
    lines = list(iter_lines(text))
    lengths = sorted(len(text[s:e].strip()) for s, e in lines if text[s:e].strip())
    if len(lengths) < 2:
        return []
    full = float(rule.extra.get("min_width_share", 0.75)) * lengths[int(0.9 * (len(lengths) - 1))]
    spans = []
    for (s1, e1), (s2, e2) in zip(lines, lines[1:]):
        prev, nxt = text[s1:e1].strip(), text[s2:e2].strip()
        if not prev or not nxt or prev[-1] in PARAGRAPH_END:
            continue
        # A wrapped line may open a list item (第一，…); what follows a break must not.
        if len(prev) < max(min_chars, full) or LIST_START.match(nxt):
            continue
        # English words wrapped at a line end get their space back; digits do not (20|0万).
        joiner = " " if prev[-1].isascii() and prev[-1].isalpha() and nxt[0].isascii() and nxt[0].isalpha() else ""
        start = s1 + len(text[s1:e1].rstrip())
        end = s2 + len(text[s2:e2]) - len(text[s2:e2].lstrip())
        spans.append(Span(start, end, joiner, rule.name))
    return spans


def layout_spans(text: str, rule: Rule | str) -> list[Span]:
    """One paragraph per line: no indentation, trailing spaces or blank lines."""
    name = rule if isinstance(rule, str) else rule.name
    spans = []
    for m in LAYOUT.finditer(text):
        at_edge = m.start() == 0 or m.end() == len(text)
        after = "" if at_edge or "\n" not in m.group() else "\n"
        spans.append(Span(m.start(), m.end(), after, name))
    return spans


class Pagination(Stage):
    """Remove page-chunk markers, page numbers and running headers; rejoin split text."""

    name = "pagination"
    Settings = PaginationSettings

    def __init__(self, settings: PaginationSettings | None = None) -> None:
        super().__init__(settings)
        self.rules = rules_by_name(self.settings.rule_file)

    def process(self, doc: Document) -> Document:
        r = self.rules
        doc.replace_spans(self.name, page_chunk_spans(doc.text, r["page_chunk_marker"]))
        doc.replace_spans(self.name, page_number_spans(doc.text, r["page_number_line"], doc))
        doc.replace_spans(self.name, running_header_spans(doc.text, r["running_header"]))
        doc.replace_spans(self.name, layout_spans(doc.text, r["layout_whitespace"]))
        # Joining lines changes the line-length statistics hard_wrap reads, so it runs to
        # a fixed point: cleaning the output again then finds nothing left to join.
        for _ in range(8):
            joins = hard_wrap_spans(doc.text, r["hard_wrap"])
            if not joins:
                break
            doc.replace_spans(self.name, joins)
        # After the joins, so that the breaks it makes (after a sentence end, or a heading
        # shorter than hard_wrap's shortest line) are never joined again.
        doc.replace_spans(self.name, flattened_paragraph_spans(doc.text, r["flattened_paragraph"]))
        return doc

