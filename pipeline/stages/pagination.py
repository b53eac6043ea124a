"""pagination: remove what page layout left in the text and rejoin what pages split.

Rules (pipeline/rules/pagination.toml), applied in this order, each a function here or,
for page furniture, in `pagination_scans.py`:
`page_chunk_marker` (site chunk numbers 1、2、3、… that land mid-sentence; the pieces are
joined), `page_number_line`, `bare_page_number` (a number alone where a page broke a
sentence), `running_header`, `layout_whitespace` (one paragraph per
line, no indentation, no blank lines), `hard_wrap` (line breaks inside a sentence, run to
a fixed point) and `flattened_paragraph` (a space standing for a lost line break).

`hard_wrap` joins a break only on evidence that the page made it, never on a line's
length alone: the line reaches the width the page is wrapped at (several lines end at one
width, mid-sentence), or, on a page with no such width, page furniture was removed at the
break (page numbers and running headers here, whole lines of chrome by earlier stages:
read from `doc.edits`). A break after a sentence end stays; so does one after a closing
quote or bracket that closes a sentence (`。”`), while one that closes a quoted phrase
mid-sentence (`“五化”`) is joined on the same evidence. A break after `；` is joined on that
evidence unless the next line opens the next item of a list (`二是`). A break where a
mojibake repair lost a punctuation mark is a sentence end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pipeline.charsets import CLOSERS, HAN_RANGES, PARAGRAPH_END, SENTENCE_END, iter_lines, match_view
from pipeline.document import Document, Span, carry_positions, positions_now, removed_lines
from pipeline.rulebook import Rule, load_rules, rules_by_name
from pipeline.stages.base import RuleFile, Stage
from pipeline.stages.mojibake import LOST_PUNCTUATION_AT_END
from pipeline.stages.pagination_scans import (
    LIST_START,
    bare_page_number_spans,
    break_banner_spans,
    folio_header_spans,
    header_gap_spans,
    page_chunk_spans,
    page_number_spans,
    running_header_spans,
)

# The stages whose removals name the site (a banner repeats its names at page breaks).
_CHROME_STAGES = frozenset({"strip_site_chrome", "chrome_context"})
_WHITESPACE_RUN = re.compile(r"\s{2,}")  # two or more: a lone line break is already layout
# A short segment that opens its paragraph without being a heading: an ordinal label
# (第三条, 第二款) that its clause follows on the same line.
_ORDINAL_LABEL = re.compile(r"第[〇零一二三四五六七八九十百千\d]{1,4}[条條款项項]")
_ENDS_WITH_ORDINAL = re.compile(_ORDINAL_LABEL.pattern + r"\s*$")
# What may open a paragraph: opening brackets and quotes of either direction and ASCII
# quotes (normalize turns a closing quote that opens a line into an opening one, and an
# ASCII quote into a curly one: the verdict must not change when cleaning runs again).
_OPENERS = "“‘”’\"'《（(【「『"
_HAN = "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES)
# A run of spaces with Chinese text or a paragraph end right before it and Chinese text or an
# opener right after it (the run whole: a space before it fails the lookbehind, one after it
# the lookahead): the only runs flattened_paragraph weighs, found in compiled code. The
# class comes first, so that the scan looks only at spaces.
_FLAT_GAP = re.compile(f"[ \u3000](?<=[{_HAN}{re.escape(PARAGRAPH_END)}].)[ \u3000]*(?=[{_HAN}{re.escape(_OPENERS)}])")


@dataclass(frozen=True)
class PaginationSettings:
    rule_file: Annotated[str, RuleFile()] = "pagination.toml"


_WIDE_GAP = re.compile(r"[ \t]{4,}|\u3000{2,}[ \t]*|[ \t]*\u3000{2,}")
_SENTENCE_END_IN = re.compile("[。！？!?]")


def flattened_paragraph_spans(text: str, rule: Rule, sentence_ends: Container[int] = ()) -> list[Span]:
    """A space between Chinese text in a long line, after a sentence end (or one lost to
    mojibake: `sentence_ends`) or after a short heading, stands for a lost line break."""
    max_heading = int(rule.extra.get("max_heading_chars", 30))
    min_line = int(rule.extra.get("min_line_chars", 50))
    spans: list[Span] = []
    tables: dict[int, bool] = {}  # line start -> whether the whole line is a table's row
    headings: dict[int, list[int]] = {}  # line start -> breaks found after a short heading
    other_breaks: set[int] = set()  # lines with a break after a sentence end or a wide gap
    # Chinese text or a sentence end before the run, Chinese text or an opener after it
    # (_FLAT_GAP), judged the same in either width, so that normalize cannot change the verdict.
    for m in _FLAT_GAP.finditer(text):
        s, e = m.start(), m.end()
        line_end, line_start = text.find("\n", e), text.rfind("\n", 0, s) + 1
        line_end = line_end if line_end >= 0 else len(text)
        if line_end - line_start < min_line:
            continue  # a short line with a space in it is a title or a label, not a flattened page
        # A table's row is judged whole, before any of its gaps: a cell ending in a bracket
        # (本次质押股数（万股）) must not part the row, and a part is no row.
        if line_start not in tables:
            tables[line_start] = _in_table(text, line_start, line_end, max_heading)
        if tables[line_start]:
            continue
        # The paragraph so far starts after the last line break, one found here included.
        start = max(text.rfind("\n", 0, s) + 1, spans[-1].end if spans else 0)
        segment = text[start:s]
        # A space inside a bracket (（记者 张三）) or after a clause's ordinal is no break (nor
        # after one a heading runs into, on a page that lost its breaks: …办法第一条　为…).
        if segment.count("（") + segment.count("(") > segment.count("）") + segment.count(")") \
                or _ENDS_WITH_ORDINAL.search(segment[-12:]):
            continue
        # (A short heading: its length first, so that a long line is not searched.)
        # (A wide gap is the page's layout between blocks, whatever stands before it: a text a
        # preview cut off mid-sentence, then the site's list.)
        if text[s - 1] in PARAGRAPH_END or s in sentence_ends or _WIDE_GAP.fullmatch(m.group()):
            spans.append(Span(s, e, "\n", rule.name))
            other_breaks.add(line_start)
        elif s - start <= max_heading and not any(c in segment for c in "。！？") \
                and not _in_table(text, start, line_end, max_heading):
            spans.append(Span(s, e, "\n", rule.name))
            headings.setdefault(line_start, []).append(s)
    return _without_run_in_headings(text, spans, headings, other_breaks)


def _without_run_in_headings(text: str, spans: list[Span], headings: dict[int, list[int]],
                             other_breaks: set[int]) -> list[Span]:
    """A short heading with text after it on the same line is a run-in heading (1.1　对象
    在…, 摘要：目的　了解…) unless the line shows it lost its breaks: a break after a
    sentence end on it, headings run together (一、总则　二、…), or the page is that line."""
    run_in = {starts[0] for line_start, starts in headings.items() if len(starts) == 1 and line_start not in other_breaks}
    if not run_in or sum(1 for line in text.split("\n") if line.strip()) <= 1:
        return spans
    return [sp for sp in spans if sp.start not in run_in]


def _cells(line: str, max_cell: int) -> int:
    """How many cells a line holds as a table's row (three or more, each short, none a
    sentence), or 0."""
    cells = line.split()
    return len(cells) if len(cells) >= 3 and all(len(c) <= max_cell for c in cells) \
        and not _SENTENCE_END_IN.search(line) else 0


def _in_table(text: str, start: int, end: int, max_cell: int) -> bool:
    """Whether text[start:end] is a row of a table (股东名称　持股数　比例 … over 恒信　1,200
    8.6% …): a line beside it has as many cells. A space there sets cells apart, not
    paragraphs; rows of headings on a page that lost its breaks are no table."""
    n = _cells(text[start:end], max_cell)
    if not n:
        return False
    before = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start else -1
    after = text.find("\n", end + 1)
    neighbours = ([text[before:start - 1]] if start else []) + \
        ([text[end + 1:after if after >= 0 else len(text)]] if end < len(text) else [])
    return any(_cells(line, max_cell) == n for line in neighbours)


def display_width(line: str) -> int:
    """Columns a line takes: two for a Han character or a full-width mark, one for ASCII."""
    return len(line) + (len(line.encode("utf-8")) - len(line)) // 2


def break_after(line: str) -> str:
    """How a line ends: `end` (a sentence or a lead-in ends: 。！？： or a closing quote
    after one), `clause` (；: a sentence goes on, a list item may end) or `open` (mid-
    sentence, a quote or bracket closed mid-sentence included: 以“党建+”|模式)."""
    core = line.rstrip(CLOSERS)
    if not core:
        return "end"
    if core[-1] in SENTENCE_END or core[-1] in ":：":
        return "end"
    if core[-1] in ";；":
        return "end" if core != line else "clause"
    return "open"


def is_heading(line: str, max_chars: int = 50) -> bool:
    """A numbered heading (一、…, （二）…, 第三，…): opens a list item, holds no full stop. An
    article's label with its clause after it (第二条　乙方负责…，并…) is the article's text."""
    if _ORDINAL_LABEL.match(line.strip()) and any(c in line for c in "，,"):
        return False
    return len(line) <= max_chars and "。" not in line and bool(LIST_START.match(line))


def page_width(sizes: list[int], kinds: list[str], rule: Rule, unit: int,
               prose: list[bool] | None = None) -> tuple[int, int, int] | None:
    """The width the page was wrapped at, when the page shows one: (width, tolerance, lines
    at that width). `sizes` are line lengths in characters (unit 1) or in display columns
    (unit 2: a Han character is two): a text file wraps at a count of characters, a
    PDF or a GBK text at a width. Evidence: at least `min_full_lines` lines end within the
    tolerance of one width, most of them mid-sentence, that width is the page's right edge
    (few lines of prose are longer: `prose`, where given, says which lines are; a row of the
    site's fields left on the page is no line of the text) and at least `min_line_chars` Han
    characters wide. Else None:
    lines of a page laid out one paragraph per line, or a header of a few short lines,
    give no width to wrap at."""
    min_size = unit * int(rule.extra.get("min_line_chars", 20))
    share = float(rule.extra.get("tolerance_share", 0.1))
    min_full = int(rule.extra.get("min_full_lines", 3))
    order = sorted(range(len(sizes)), key=sizes.__getitem__)
    ordered = [sizes[i] for i in order]
    best = None
    for w in sorted(set(ordered), reverse=True):
        if w < min_size:
            break
        tol = max(2 * unit, round(share * w))
        lo, hi = bisect_left(ordered, w - tol), bisect_right(ordered, w)
        beyond = order[bisect_right(ordered, w + tol):]
        full, longer = hi - lo, len(beyond) if prose is None else sum(prose[i] for i in beyond)
        if full < min_full or longer > full // 4 or (best and full <= best[2]):
            continue
        open_ends = sum(kinds[i] != "end" for i in order[lo:hi])
        if open_ends >= float(rule.extra.get("min_open_share", 0.5)) * full:
            best = (w, tol, full)
    return best


@dataclass
class BreakEvidence:
    """What earlier edits say about line breaks: offsets of the breaks where page furniture
    was removed and of those after a sentence end lost to mojibake; offsets of the lines
    that were indented deeper than the page's margin (paragraph starts)."""

    page_breaks: Container[int] = ()
    sentence_ends: Container[int] = ()
    paragraph_starts: Container[int] = ()


def hard_wrap_spans(text: str, rule: Rule, evidence: BreakEvidence | None = None) -> list[Span]:
    """Join a line that stops mid-sentence to the line that continues it, on evidence that
    the break is the page's and not the author's: the line reaches the width the page is
    wrapped at (`page_width`), or, on a page with no wrap width, page furniture was removed
    at this break after body text. Nothing joins after a sentence end, before an indented
    line (a paragraph start) or a list item, or after a short line (titles, headings,
    signatures)."""
    evidence = evidence or BreakEvidence()
    min_chars = int(rule.extra.get("min_line_chars", 20))
    if not _has_open_line(text, min_chars):
        return []  # every line ends a sentence or is too short to join: nothing to weigh
    item = re.compile(rule.extra.get("item_opener", "(?!)"))
    lines = [(s, e) for s, e in iter_lines(text) if e > s]
    if len(lines) < 2:
        return []
    kinds = [break_after(text[s:e]) for s, e in lines]
    chars = [e - s for s, e in lines]
    columns = [display_width(text[s:e]) for s, e in lines]
    prose = [_PROSE_MARK.search(text, s, e) is not None for s, e in lines]
    by_chars, by_columns = page_width(chars, kinds, rule, 1, prose), page_width(columns, kinds, rule, 2, prose)
    sizes, width = (columns, by_columns) if by_columns and (not by_chars or by_columns[2] >= by_chars[2]) \
        else (chars, by_chars)
    # Wrapped paragraphs end in sentences: some full line mid-sentence is followed by a
    # line that ends one, or by a short line before the next numbered item (an exam's
    # question ends in its last option). Lines of one width that never end one are a list.
    def ends_paragraph(k: int) -> bool:
        return kinds[k] == "end" or k + 1 < len(lines) and sizes[k] < width[0] - width[1] \
            and bool(LIST_START.match(text[lines[k + 1][0]:lines[k + 1][1]]))

    if width and not any(kinds[k] != "end" and sizes[k] >= width[0] - width[1] and ends_paragraph(k + 1)
                         for k in range(len(lines) - 1)):
        width = None
    # The body starts at its first sentence of prose: lines above it are the page's head.
    first_prose = next((k for k, (s, e) in enumerate(lines) if kinds[k] == "end" and e - s >= min_chars), len(lines))
    spans: list[Span] = []
    joined = ""  # the lines above joined to this one: with it, the line as the author wrote it
    for k in range(len(lines) - 1):
        (s1, e1), (s2, e2) = lines[k], lines[k + 1]
        joined = (joined if spans and spans[-1].end == s1 else "") + text[s1:e1]
        # (A page's last line may be short, the rest of a wrapped line: 集中缴|费期为…9月1日|— 1 —.)
        prev, nxt = joined, text[s2:e2]
        if _PUNCTUATION_LINE.fullmatch(nxt):
            spans.append(Span(e1, s2, "", rule.name))  # no paragraph opens with 。 or ”: a wrap left it
            continue
        if kinds[k] == "end" or len(prev) < min_chars or LIST_START.match(nxt) or e1 in evidence.sentence_ends \
                or s2 in evidence.paragraph_starts or _TABLE_ROW.search(nxt) or _BRACKETED_LINE.fullmatch(nxt.strip()):
            continue  # (no sentence runs on into a row of cells, 下载券 | 3, or a note of its own, （满分100分）)
        if kinds[k] == "clause" and item.match(nxt):
            continue  # 一是……；|二是……: a list item ends
        # The line reaches the page's width; or (whatever the width) a page break cut a
        # paragraph: body text after body text, not a heading.
        cut = bool(width) and sizes[k] >= width[0] - width[1] or e1 in evidence.page_breaks \
            and prev[-1] not in CLOSERS and not is_heading(prev) and any(c in prev for c in "，,、。") and k > first_prose
        if not cut:
            continue
        # English words wrapped at a line end get their space back; digits do not (20|0万).
        joiner = " " if prev[-1].isascii() and prev[-1].isalpha() and nxt[0].isascii() and nxt[0].isalpha() else ""
        spans.append(Span(e1, s2, joiner, rule.name))
    return spans


_ENDS = SENTENCE_END + ":："
_PROSE_MARK = re.compile("[，。；、,;]")  # a line holding a clause mark is the text's, not a row of fields
_MARKS = "。！？!?，,、；;：:”’）)》」』】〕"
_PUNCTUATION_LINE = re.compile(rf"\s*[{_MARKS}][{_MARKS}\s]*")
# A line of punctuation (after its leading spaces) under a line break. Searched from the text's
# first non-space character on: there it is "a line of punctuation under another", what
# `\S\s*\n\s*<marks>` says, and the search tries the line breaks alone, not each character.
_PUNCTUATION_LINE_AFTER = re.compile(rf"\n\s*[{_MARKS}][{_MARKS} \t\u3000]*(?=\n|$)")
_TABLE_ROW = re.compile(r"\s[|｜]\s")
_BRACKETED_LINE = re.compile(r"[(（][^()（）]*[)）]")


def _has_open_line(text: str, min_chars: int) -> bool:
    """Whether a line hard_wrap could join exists: one of `min_chars` or more, not the
    last, that does not end a sentence (the last character tells most lines at once), or a
    line of punctuation under another."""
    return any(line and len(line) >= min_chars and line[-1] not in _ENDS and break_after(line) != "end"
               for line in text.split("\n")[:-1]) or _punctuation_line_under_text(text)


def _punctuation_line_under_text(text: str) -> bool:
    r"""Whether a line break has a line of punctuation under it (`_PUNCTUATION_LINE_AFTER`). A
    regex led by `\S` was tried at every character of every page (0.25 ms a page); this search
    tries the page's few dozen line breaks."""
    # (Also under a line of spaces only: the joiner reads that line too, ' \n。' joins on a page
    # break. A shortcut that says yes too often costs time only; one that says no wrongly, text.)
    return _PUNCTUATION_LINE_AFTER.search(text) is not None


def layout_spans(text: str, rule: Rule | str) -> list[Span]:
    """One paragraph per line: no indentation, trailing spaces or blank lines. The
    whitespace at either end of the text goes; inside, a run of whitespace holding a line
    break becomes one line break (a lone line break, already one, is not looked at: one
    scan finds the runs of two or more)."""
    name = rule if isinstance(rule, str) else rule.name
    body_start, body_end = len(text) - len(text.lstrip()), len(text.rstrip())
    if body_start == len(text):
        return [Span(0, len(text), "", name)] if text else []
    spans = [Span(0, body_start, "", name)] if body_start else []
    spans += [Span(m.start(), m.end(), "\n", name) for m in _WHITESPACE_RUN.finditer(text, body_start, body_end)
              if "\n" in m.group()]
    if body_end < len(text):
        spans.append(Span(body_end, len(text), "", name))
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
        # Evidence for the joiner, kept at its place in the text while this stage edits it:
        # where page furniture was removed, where a sentence end was lost to mojibake; and
        # for the running-header rule, where a page number stood (removed here, or as a line
        # repeated across documents by strip_repeated_lines): the start of the next page.
        furniture, cuts = removed_line_starts(doc, r["hard_wrap"])
        marks = {"page_breaks": furniture, "sentence_ends": lost_sentence_ends(doc) + cuts,
                 "page_starts": [p for p, rule in removed_lines(doc, ["strip_repeated_lines"]) if rule == "repeated_line"]}

        def apply(spans: list[Span], furniture: bool = False) -> None:
            spans = [sp for sp in spans if doc.text[sp.start:sp.end] != sp.after]
            if furniture:
                marks["page_breaks"] += [sp.start for sp in spans]
            for key, positions in marks.items():
                marks[key] = carry_positions(positions, spans)
            doc.replace_spans(self.name, spans)

        # Page numbers first: a chunk marker joins its line to the line before, which must not
        # be the page number a page ended with (…生活的 / ·1· / 2、语句).
        numbers = page_number_spans(doc.text, r["page_number_line"], doc)
        numbers += bare_page_number_spans(doc.text, r["bare_page_number"], set(marks["page_breaks"]))
        numbers = sorted(set(numbers))
        marks["page_starts"] += [sp.start for sp in numbers if "\n" in doc.text[sp.start:sp.end]]
        apply(numbers, furniture=True)
        apply(page_chunk_spans(doc.text, r["page_chunk_marker"]))
        apply(running_header_spans(doc.text, r["running_header"], set(marks["page_starts"]), doc.title or ""),
              furniture=True)
        def named() -> str:  # (the page's title and all the chrome said: 【<book>】<site>, 书名：<book>)
            return "\n".join([match_view(doc.title or "")] + [match_view(e.before) for e in doc.edits
                                                               if e.stage in _CHROME_STAGES and e.applied and not e.after])
        apply(break_banner_spans(doc.text, r["running_header"], set(marks["page_starts"]), named), furniture=True)
        apply(folio_header_spans(doc.text, r["folio_header"], named), furniture=True)
        marks["paragraph_starts"] = indented_line_starts(doc.text)  # before layout takes the indents
        apply(layout_spans(doc.text, r["layout_whitespace"]))
        # Joining lines changes the line statistics hard_wrap reads, so it runs to a fixed
        # point: cleaning the output again then finds nothing left to join.
        for _ in range(8):
            evidence = BreakEvidence(line_breaks_at(doc.text, marks["page_breaks"]),
                                     line_breaks_at(doc.text, marks["sentence_ends"]), set(marks["paragraph_starts"]))
            joins = hard_wrap_spans(doc.text, r["hard_wrap"], evidence)
            if not joins:
                break
            apply(joins)
        # After the joins, so that the breaks it makes (after a sentence end, or a heading
        # shorter than hard_wrap's shortest line) are never joined again.
        flat = flattened_paragraph_spans(doc.text, r["flattened_paragraph"], set(marks["sentence_ends"]))
        taken = {sp.start for sp in flat}
        flat += [sp for sp in header_gap_spans(doc.text, r["flattened_paragraph"]) if sp.start not in taken]
        doc.replace_spans(self.name, sorted(flat, key=lambda sp: sp.start))
        return doc


def removed_line_starts(doc: Document, rule: Rule) -> tuple[list[int], list[int]]:
    """Where earlier stages (`page_furniture_stages`) removed whole lines: page furniture
    and chrome between two pieces of text; and apart, where what they removed says the
    text was cut there (a preview's end: 剩余6页未读), where nothing is rejoined."""
    furniture, cuts = [], []
    for p, rule_name in removed_lines(doc, rule.extra.get("page_furniture_stages", [])):
        (cuts if rule_name in cut_rules() else furniture).append(p)
    return furniture, cuts


@cache
def cut_rules() -> frozenset[str]:
    """The chrome rules whose match says the site cut the text short (flag = "truncated")."""
    return frozenset(r.name for r in load_rules("site_chrome.toml") if r.flag == "truncated")


def lost_sentence_ends(doc: Document) -> list[int]:
    """Ends of mojibake repairs whose last character, a punctuation mark, was destroyed."""
    picked = [i for i, e in enumerate(doc.edits) if LOST_PUNCTUATION_AT_END in e.evidence]
    return [p + len(doc.edits[i].after) for p, i in zip(positions_now(doc.edits, picked), picked)]


def indented_line_starts(text: str) -> list[int]:
    """Where lines indented deeper than the page's shallowest line start their text: on a
    page that indents its paragraphs, each such line opens one."""
    lines = [(s, e, len(text[s:e]) - len(text[s:e].lstrip())) for s, e in iter_lines(text) if text[s:e].strip()]
    margin = min((indent for *_, indent in lines), default=0)
    return [s + indent for s, _, indent in lines if indent > margin]


def line_breaks_at(text: str, positions: list[int]) -> set[int]:
    """The line breaks (offsets of \\n) at or just before these positions."""
    out = set()
    for p in positions:
        if text[p:p + 1] == "\n":
            out.add(p)
        elif p > 0 and text[p - 1:p] == "\n":
            out.add(p - 1)
    return out
