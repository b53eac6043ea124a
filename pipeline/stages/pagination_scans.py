"""The page furniture pagination removes, found in a page's text: site chunk numbers
that land mid-sentence (`page_chunk_spans`), page number lines (`page_number_spans`), a
number alone where a page broke a sentence (`bare_page_number_spans`) and running headers
and footers (`running_header_spans`); with `LIST_START`, what opens a list item. Split out
of pagination.py, which applies them and rejoins the lines the pages split.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container

from pipeline.charsets import CLOSERS, PARAGRAPH_END, is_han, iter_lines, lines_holding, match_view
from pipeline.document import Document, Span
from pipeline.loosened import longest_match
from pipeline.rulebook import Rule

CHUNK_MARKER = re.compile(r"(?m)^[ \t\u3000]*(\d{1,4})、")
# The same marker on a page that lost its line breaks: run into a word on both sides
# (带动了2、周边农村), where a list's number has a stop or a colon before it.
_ANY_NUMBER_MARK = re.compile(r"(?<!\d)(\d{1,3})、")
# Where each of its matches ends (a digit, then 、): led by no assertion, a scan for this
# skips ahead in compiled code, where the lookbehind has the engine try every position.
_DIGIT_THEN_MARK = re.compile(r"\d、")
# A decimal (8.6%) opens no list item: a number's point is followed by a space or text.
LIST_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+(?:、|[.．](?!\d))"
                        r"|第[一二三四五六七八九十]+[,，、章节条部分])")


def _last_char_before(text: str, pos: int) -> str:
    stripped = text[:pos].rstrip()
    return stripped[-1] if stripped else ""


def page_chunk_spans(text: str, rule: Rule) -> list[Span]:
    """Markers numbered 1..N in order at line starts, most of them mid-sentence; or, on a
    page whose first chunk is unnumbered, 2..N in order, every one of them mid-sentence
    (a list's item 2 follows its item 1: no 1 anywhere, and a sentence cut at each). On a page
    that lost its line breaks a marker may sit inside a line, a page's length from the last."""
    markers = sorted([*CHUNK_MARKER.finditer(text), *_glued_markers(text, int(rule.extra.get("min_glued_gap", 60)))],
                     key=lambda m: m.start())
    series, expect = [], 1
    for m in markers:
        if int(m.group(1)) == expect:
            series.append(m)
            expect += 1
    if not series and markers:
        return _unnumbered_first_chunk(text, markers, rule)
    if len(series) < int(rule.extra.get("min_markers", 3)):
        return []
    mid = [_last_char_before(text, m.start()) not in PARAGRAPH_END for m in series[1:]]
    if sum(mid) / len(mid) < float(rule.extra.get("min_mid_sentence_share", 0.5)):
        return []
    return _chunk_spans(text, series, rule)


def number_marks(text: str) -> list[re.Match[str]]:
    """`_ANY_NUMBER_MARK.finditer(text)`, each match read back from its last digit and 、
    (`_DIGIT_THEN_MARK`): its digits are the run before them, when no longer than three.
    On 3.5M characters of pages: 0.2 -> 0.05 s."""
    found = []
    for hit in _DIGIT_THEN_MARK.finditer(text):
        start = hit.start()
        while start > 0 and hit.start() - start < 3 and text[start - 1].isdecimal():  # what \d reads
            start -= 1
        if m := _ANY_NUMBER_MARK.match(text, start):  # None: a run of four digits or more
            found.append(m)
    return found


def _glued_markers(text: str, min_gap: int) -> list[re.Match[str]]:
    """Chunk numbers inside a line, each at least `min_gap` characters from the text's start
    and from any other number with 、 (a page's length: a list run together has short items),
    and not a label's number in a series of the same label (附件2、附件3, 图1、图2)."""
    numbers = number_marks(text)
    found = []
    for k, m in enumerate(numbers):
        start, end = m.start(), m.end()
        if start < min_gap or not (is_han(text[start - 1]) and end < len(text) and is_han(text[end])):
            continue
        label = text[start - 3:start]
        if text[start - 1] != "第" and (k == 0 or start - numbers[k - 1].start() >= min_gap) \
                and (k + 1 == len(numbers) or numbers[k + 1].start() - start >= min_gap) \
                and not any(text.startswith(label[-j:], end) for j in (1, 2, 3)):
            found.append(m)
    return found


def _unnumbered_first_chunk(text: str, markers: list[re.Match[str]], rule: Rule) -> list[Span]:
    series, expect = [], 2
    for m in markers:
        if int(m.group(1)) == expect:
            series.append(m)
            expect += 1
    if not series or len(series) < len(markers) \
            or any(_last_char_before(text, m.start()) in PARAGRAPH_END or m.start() == 0 for m in series):
        return []
    return [Span(len(text[: m.start()].rstrip()), m.end(), "", rule.name) for m in series]


def _chunk_spans(text: str, series: list[re.Match[str]], rule: Rule) -> list[Span]:
    spans = [Span(series[0].start(), series[0].end(), "", rule.name)]
    for m in series[1:]:
        start = len(text[: m.start()].rstrip())  # the break before the marker goes too
        spans.append(Span(start, m.end(), "", rule.name))
    return spans


_DECORATION = "-—–―~·•・=*_ \t"
_FIELD_GAP = re.compile(r"[ \t\u3000]{2,}")


def running_part(line: str, running: set[str]) -> str:
    """What is left of a line that sets the running title (the document's title, or a line
    the page prints on its own elsewhere) beside a page counter, two spaces apart
    (<title>  第2页 共2页): the counter; else the line itself."""
    parts = _FIELD_GAP.split(line)
    if len(parts) == 2:
        for title, counter in (parts, parts[::-1]):
            if title.strip() in running:
                return counter.strip()
    return line


def _longest_number_line(rule: Rule) -> int | None:
    """The most characters a line without spaces that the rule's patterns take can have
    (None: no bound). Prose is longer: its lines are not tried pattern by pattern."""
    widths = [longest_match(p) for p in rule.patterns]
    return None if None in widths else max(widths, default=0)


def page_number_spans(text: str, rule: Rule, doc: Document) -> list[Span]:
    spans, view = [], match_view(text)
    running: set[str] | None = None  # read only on a page with a gapped line
    # A stripped line has a gap only if the line has one: one scan finds those lines.
    gapped = {s for s, _ in lines_holding(_FIELD_GAP, view)}
    longest = _longest_number_line(rule)
    for s, e in iter_lines(text):
        line = view[s:e].strip()
        if s in gapped and _FIELD_GAP.search(line):
            if running is None:
                running = {x for a, b in iter_lines(view) if (x := view[a:b].strip())
                           and not (a in gapped and _FIELD_GAP.search(x))}
                running = (running | {match_view(doc.title or "").strip()}) - {""}
            line = running_part(line, running)
        core = line.strip(_DECORATION)  # typesetters decorate any form: - 第 2 页 -
        # (No space in the line: all but the ASCII space are unprintable.)
        if longest is not None and len(core) > longest and " " not in line and line.isprintable():
            continue  # no pattern takes the line or its core: each is longer than any match
        for pat in rule.patterns:
            m = pat.fullmatch(line) or (core != line and pat.fullmatch(core))
            if m:
                if m.groupdict().get("page_count"):
                    doc.metadata.setdefault("page_count", int(m.group("page_count")))
                spans.append(Span(s, min(e + 1, len(text)), "", rule.name))
                break
    return spans


_BARE_NUMBER = re.compile(r"\d{1,4}")
_NUMBER = re.compile(r"\d+")


def bare_page_number_spans(text: str, rule: Rule, page_breaks: Container[int] = ()) -> list[Span]:
    """A number alone on a line inside a sentence a page broke: the line above ends with no
    paragraph end and is a wrapped line (`min_cut_line_chars`) or sits next to removed
    furniture (`page_breaks`), and the line below opens no list item."""
    min_cut = int(rule.extra.get("min_cut_line_chars", 15))
    lines = [(s, e) for s, e in iter_lines(text) if text[s:e].strip()]
    spans = []
    for k in range(1, len(lines) - 1):
        s, e = lines[k]
        if not _BARE_NUMBER.fullmatch(text[s:e].strip()):
            continue
        above = text[lines[k - 1][0]:lines[k - 1][1]].strip()
        below = text[lines[k + 1][0]:lines[k + 1][1]]
        furniture = s in page_breaks or e + 1 in page_breaks
        if above[-1] not in PARAGRAPH_END and not LIST_START.match(below) and (len(above) >= min_cut or furniture):
            spans.append(Span(s, min(e + 1, len(text)), "", rule.name))
    return spans


def running_header_spans(text: str, rule: Rule, page_starts: Container[int] = (), title: str = "") -> list[Span]:
    """Short lines repeated at every page. `page_starts`: offsets where a removed page
    number stood: a line found only next to them (the first lines of a page, the last before
    its number) or among the page's first lines is a header or footer with fewer copies (a
    2-page preview repeats its header twice). The document's title (as the chrome states it)
    at a page break is its running header, one copy or more. Copies on consecutive lines that
    differ in their numbers, two or more, are no header (a table's rows)."""
    max_chars = int(rule.extra.get("max_chars", 40))
    view = match_view(text)
    # Numbers folded: a header or footer often carries the page's number (第2页预览).
    # (One substitution over the view: a run of digits holds no line break nor space, so each
    # line of the result is that line with its numbers folded, stripped or not.)
    lines = [(s, e, key) for (s, e), folded in zip(iter_lines(text), _NUMBER.sub("#", view).split("\n"))
             if (key := folded.strip())]
    counts = Counter(key for _, _, key in lines if len(key) <= max_chars)
    top = {s for s, _, _ in lines[:int(rule.extra.get("top_lines", 3))]}
    # At a break: the line before a page number, the first line of a page, and a repeated
    # line right under another one there (a header over a caption).
    at_break, page_head = set(), False
    for s, e, key in lines:
        page_head = s in page_starts or (page_head and counts[key] >= 2)
        # (A line that counts the page, <title>　第2页（共4页）, marks a break by itself.)
        if page_head or e + 1 in page_starts or "第#页" in key:
            at_break.add(s)
    at_breaks = Counter(key for s, _, key in lines if s in at_break)
    on_top = Counter(key for s, _, key in lines if s in top and s not in at_break)
    # Each copy at a page break, but one that may stand among the first lines instead.
    repeated = {k for k, n in counts.items() if n >= int(rule.extra.get("min_repeats", 3))
                or (n >= int(rule.extra.get("min_repeats_at_page_starts", 2)) and at_breaks[k] >= 1
                    and on_top[k] <= 1 and n == at_breaks[k] + on_top[k])}
    # A line that ends a sentence is the author's, even when the author repeats it (a
    # closing bracket alone ends none: 某某文库 · 房屋租赁合同（标准版）).
    repeated = {k for k in repeated if k.rstrip(CLOSERS)[-1:] not in PARAGRAPH_END or not k.rstrip(CLOSERS)}
    # Lines alike but for their numbers (two or more) on consecutive lines are rows of the author's
    # table (0至5岁 812人 / 6至11岁 1635人), not a header's copies, which a page of text parts (the
    # same line twice in a row is a page's footer over the next page's header; 第1张 over 第2张,
    # one number each, an empty slide's counter over the next).
    if repeated:
        where: dict[str, list[int]] = {}
        for n, (_, _, key) in enumerate(lines):
            if key in repeated:
                where.setdefault(key, []).append(n)
        repeated -= {k for k, ns in where.items() if k.count("#") >= 2 and any(
            b - a == 1 and text[lines[a][0]:lines[a][1]].strip() != text[lines[b][0]:lines[b][1]].strip()
            for a, b in zip(ns, ns[1:]))}
    titled = _NUMBER.sub("#", match_view(title).strip())
    return [Span(s, min(e + 1, len(text)), "", rule.name) for s, e, key in lines
            if key in repeated or (titled and key == titled and s in at_break)]


_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{3,}")
# A line of prose that runs on: twenty characters or more with a clause's comma in them (a
# slide's or a heading's short line stops without one).
_IN_A_SENTENCE = re.compile(r"^(?=.{20})[^\n]*[，,、]")


def break_banner_spans(text: str, rule: Rule, page_starts: set[int], chrome: Callable[[], str]) -> list[Span]:
    """A short line printed once at a page break that splits a sentence (the line above the
    removed page number stops mid-sentence), naming what the page's removed chrome names (云峰
    集团 内部资料 注意保密, under a copyright line of 云峰集团…): the owner's banner on each
    page, of which a 2-page preview shows one copy. `chrome`: the text the chrome stages
    removed (read only when a line qualifies). Only the lines at the page starts are read."""
    max_chars = int(rule.extra.get("max_chars", 40))
    out, removed = [], None
    for s in sorted(p for p in page_starts if 0 < p < len(text) and text[p - 1] == "\n"):
        e = text.find("\n", s)
        e = len(text) if e < 0 else e
        key = match_view(text[s:e]).strip()
        end_above = s - 1  # the last non-empty line above (blank lines skipped)
        while end_above > 0 and text[end_above - 1] in " \t\u3000\n":
            end_above -= 1
        before = match_view(text[text.rfind("\n", 0, end_above) + 1:end_above]).strip()
        if not key or len(key) > max_chars or key.rstrip(CLOSERS)[-1:] in PARAGRAPH_END \
                or before.rstrip(CLOSERS)[-1:] in PARAGRAPH_END or not _IN_A_SENTENCE.search(before):
            continue
        removed = chrome() if removed is None else removed
        if any(name in removed for name in _HAN_NAME.findall(key)):
            out.append(Span(s, min(e + 1, len(text)), "", rule.name))
    return out


# A page's header with its folio: words, a separator, the page's number (河岸人家　·　12, 第一章
# 老码头 - 13), or the number first (12 | 河岸人家); the number in digits or small roman numerals.
# (A dash only with spaces around it: 2024-03-15, KT-1517 are no folios.)
_FOLIO_SEP = r"(?:[ \t\u3000]*[·•|｜][ \t\u3000]*|[ \t\u3000]+[—–-][ \t\u3000]+)"
_FOLIO_NUMBER = r"(?:\d{1,4}|[ivxlc]{1,6})"
_FOLIO_LINE = re.compile(rf"(?P<words>[^\d\s].{{0,38}}?){_FOLIO_SEP}{_FOLIO_NUMBER}"
                         rf"|{_FOLIO_NUMBER}{_FOLIO_SEP}(?P<words_after>[^\d\s].{{0,38}})")
_SPACES = re.compile(r"\s+")
# Where such a line may stand: two scans of the text spare reading every line of a page with
# none (each opens with a character class, so the scan skips ahead: a leading optional space,
# or a line-start anchor in one alternation, made it four times slower).
_FOLIO_AT_END = re.compile(rf"[·•|｜—–-][ \t\u3000]*{_FOLIO_NUMBER}[ \t\u3000]*(?:\n|$)")
# (At a line's start: the text's, tried once, or after a line break, which the scan skips to;
# `(?:^|\n)` in front was tried at every character.)
_FOLIO_AT_START = re.compile(rf"[ \t\u3000]*{_FOLIO_NUMBER}[ \t\u3000]*[·•|｜—–-]")
_FOLIO_AT_LINE_START = re.compile(rf"\n{_FOLIO_AT_START.pattern}")


def folio_header_spans(text: str, rule: Rule, named: Callable[[], str]) -> list[Span]:
    """A page's header printed with its number, once (a 2-page preview shows one copy of
    each): a folio line whose words are a line above it (the chapter's heading) or a name the
    page states in what the chrome stages removed or in its title (`named`: read only when a
    line qualifies). A run of such lines is a table of contents, and stays."""
    if not (_FOLIO_AT_END.search(text) or _FOLIO_AT_START.match(text) or _FOLIO_AT_LINE_START.search(text)):
        return []
    # (The view made once: it is the text line for line, as running_header_spans reads it.)
    lines = [(s, e, folded.strip()) for (s, e), folded in zip(iter_lines(text), match_view(text).split("\n"))]
    lines = [line for line in lines if line[2]]
    folios = [_FOLIO_LINE.fullmatch(key) if len(key) <= int(rule.extra.get("max_chars", 40)) else None
              for _, _, key in lines]
    seen: set[str] = set()
    spans, names = [], None
    for k, (s, e, key) in enumerate(lines):
        m = folios[k]
        if m and not any(0 <= j < len(lines) and folios[j] for j in (k - 1, k + 1)):
            words = _SPACES.sub("", m["words"] or m["words_after"])
            if len(words) >= 2 and words.rstrip(CLOSERS)[-1:] not in PARAGRAPH_END:
                if words not in seen and names is None:
                    names = _SPACES.sub("", named())
                if words in seen or words in (names or ""):
                    spans.append(Span(s, min(e + 1, len(text)), "", rule.name))
        seen.add(_SPACES.sub("", key))
    return spans


# A break after a sentence end that a page which lost its line breaks shows as a space.
_LOST_BREAK = re.compile(r"[。！？!?][”’」』）)]*[ \u3000]+(?=\S)")
_SENTENCE_END = re.compile(r"[。！？!?]")
_SPACE_RUN = re.compile(r"[ \u3000]+")
MIN_LOST_BREAKS, MIN_FLAT_LINE, MIN_FIRST_SENTENCE_HAN = 3, 200, 8


def header_gap_spans(text: str, rule: Rule) -> list[Span]:
    """On a line that lost its breaks (three breaks or more after a sentence end shown as
    spaces), the pieces before its first sentence are the page's header (<site> <domain> |
    <slogan> <date> · 3 页 · 格式 doc): the last space before that sentence, which holds none,
    ends the header, so that the header's pieces are read as lines of their own."""
    spans: list[Span] = []
    # (One scan of the text first: a page with too few such breaks in all has no such line.)
    if sum(1 for _ in zip(range(MIN_LOST_BREAKS), _LOST_BREAK.finditer(text))) < MIN_LOST_BREAKS:
        return spans
    for s, e in iter_lines(text):
        if e - s < MIN_FLAT_LINE:
            continue
        line = text[s:e]
        first_end = _SENTENCE_END.search(line)
        if first_end is None or len(_LOST_BREAK.findall(line)) < MIN_LOST_BREAKS:
            continue
        head = line[:first_end.start()]
        gaps = list(_SPACE_RUN.finditer(head))
        if len(gaps) < 2:
            continue
        before, sentence = head[:gaps[-1].start()], head[gaps[-1].end():]
        # (Not a space inside brackets, （记者　林晓岚）, nor after a clause's ordinal, 第一条 为…)
        if before.count("（") + before.count("(") > before.count("）") + before.count(")") \
                or _CLAUSE_ORDINAL.search(before):
            continue
        if sum("\u4e00" <= c <= "\u9fff" for c in sentence) >= MIN_FIRST_SENTENCE_HAN:
            spans.append(Span(s + gaps[-1].start(), s + gaps[-1].end(), "\n", rule.name))
    return spans


_CLAUSE_ORDINAL = re.compile(r"第[〇零一二三四五六七八九十百千\d]{1,4}[条條款项項章节]$")
