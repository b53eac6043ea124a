"""The rules of strip_site_chrome that are logic rather than one pattern.

Line rules (`widget_line`, `counter_row`, `upload_metadata`, `url_line`) take a stripped,
width-folded line and say whether it is chrome; block rules (`related_blocks`,
`chrome_echo_spans`) read a whole page with what the line rules already took; and
`preview_is_a_cut` decides whether a preview notice ends what the page holds. Their
settings and examples are in `pipeline/rules/site_chrome.toml` under the same names.
`pieces_of` cuts a long line where a space stands for a lost line break.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache

from pipeline.charsets import PARAGRAPH_END, is_han, iter_lines
from pipeline.document import Span
from pipeline.literals import LiteralScan, necessary_literals
from pipeline.metadata import FILE_COLUMNS, SITE_ONLY_KEYS, UPLOAD_FIELDS, UPLOAD_PAIR, URL, is_site_name, parse_date
from pipeline.rulebook import Rule

_WIDGET_SPLIT = re.compile(r"[\s|/·•()\[\]【】,，、]+")
# A label followed by a colon or a more-arrow (分享到:, 更多>>) is still the label.
_LABEL_END = re.compile(r"(?::|>>|»|›)+$")
# A counter: a number, with a label before it (收藏数:0) or a unit after it (58积分,
# 1.2万人已下载, 36KB), either of a few characters.
COUNTER = re.compile(r"(?:(?P<label>[\u4e00-\u9fff]{1,5})\s*:?\s*)?[+-]?\d+(?:[.,]\d+)*\s*[万千wWkK+]?"
                     r"(?P<unit>[\u4e00-\u9fffA-Za-z]{0,4})")
# A widget label that opens a menu: 分享到: 微信 QQ空间, after other widgets or not.
_MENU = re.compile(r"(?:^|(?<=[\s|/]))(?P<label>[^\s|/:>»]{1,6})\s*(?::|>>|»)\s*(?P<items>[^:>»]*)$")
# A number and its unit written apart (12 阅, 3 转藏) are one counter.
_SPACED_UNIT = re.compile(r"(?<=\d)\s+(?=[\u4e00-\u9fff]{1,3}(?:[\s|/]|$))")
_SENTENCE_PUNCT = set("。!?！？,，;；")
# A title glued to the first key of an upload row (a page that lost its line breaks).
_GLUED_TITLE = re.compile(r"[^\s。!?:|]{5,79}[^\s。!?:|,，、;；]")


def row_tokens(line: str) -> list[str]:
    line = _SPACED_UNIT.sub("", line)
    return [t for t in (_LABEL_END.sub("", t) for t in _WIDGET_SPLIT.split(line)) if t]


def counts_for_the_site(token: str, site_counts: Iterable[str]) -> bool:
    """A counter of something a site counts (downloads, points, coins, likes …)."""
    m = COUNTER.fullmatch(token)
    return bool(m) and any(w in (m.group("label") or "") + m.group("unit") for w in site_counts)


def label_menu(line: str, widgets: frozenset[str]) -> bool:
    """A widget label with a colon or arrow and a few short items after it (分享到: 微信 微博),
    after nothing but other widgets (举报 | 收藏 | 分享到: …)."""
    m = _MENU.search(line)
    if not m or m.group("label") not in widgets or _SENTENCE_PUNCT & set(line):
        return False
    items = m.group("items").split()
    head = row_tokens(line[:m.start()])
    return (len(line) <= 60 and len(items) <= 6 and all(len(i) <= 10 for i in items)
            and all(is_widget(t, widgets) for t in head))


def is_widget(token: str, widgets: frozenset[str]) -> bool:
    """A widget label, or two run together (文档分类, 下载文档)."""
    return token in widgets or (len(token) <= 8 and any(
        token[:k] in widgets and token[k:] in widgets for k in range(1, len(token))))


def widget_line(line: str, widgets: frozenset[str], site_counts: Iterable[str]) -> bool:
    """A row of widget labels and counters holding a label or a count of the site's."""
    if len(line) > 60:
        return False
    tokens = row_tokens(line)
    if tokens and all(is_widget(t, widgets) or COUNTER.fullmatch(t) for t in tokens):
        return any(is_widget(t, widgets) or counts_for_the_site(t, site_counts) for t in tokens)
    return label_menu(line, widgets)


def counter_row(line: str, widgets: frozenset[str]) -> bool:
    """A row of two or more bare numbers or counters of unknown things (weak: a table row
    looks alike; one counter alone, 2篇 or 2023年, is too little to tell)."""
    if len(line) > 60:
        return False
    tokens = row_tokens(line)
    return (len(tokens) >= 2 and any(c.isdigit() for c in line)
            and all(is_widget(t, widgets) or COUNTER.fullmatch(t) for t in tokens))


def upload_metadata(line: str) -> list[tuple[str, str]] | None:
    """The (column, value) pairs of an upload-metadata line, or None if it is not one:
    nothing on the line but key:value pairs and separators, at least two pairs with a
    value, or one whose key only a site would write (上传人, 文档编号) and a real value.
    A title glued to the first key (…工作计划上传者：…, a page without line breaks) is
    reported as `glued_title`."""
    pairs = list(UPLOAD_PAIR.finditer(line))
    valued = [m for m in pairs if m.group(2)]
    if not valued:
        return None
    prefix = line[:pairs[0].start()]
    glued = [("glued_title", prefix)] if _GLUED_TITLE.fullmatch(prefix) and not is_site_name(prefix) else []
    row = line[len(prefix):] if glued else line
    covered = sum(m.end() - m.start() for m in pairs)
    rest = len(row) - covered - sum(c.isspace() or c in "|｜/·,，;；" for c in row)
    # A long row of facts may carry a few odd bits (顶/踩数:0/0) between its pairs.
    allowed = 0.25 * len(row) if len(valued) >= 3 else 0
    if rest > allowed or (len(valued) < 2 and valued[0].group(1) not in SITE_ONLY_KEYS):
        return None
    columns = [UPLOAD_FIELDS[m.group(1)] for m in valued]
    if any(c == "upload_date" and not parse_date(m.group(2)) for c, m in zip(columns, valued)):
        return None
    # 作者 on a row that describes an uploaded file names the uploader; on an article's
    # byline (作者, 来源, 发布时间) it names the writer, which is not a column.
    author_is_uploader = "uploader" not in columns and bool(FILE_COLUMNS & set(columns))
    columns = ["uploader" if c == "author" and author_is_uploader else c for c in columns]
    return [(c, m.group(2)) for c, m in zip(columns, valued) if c and c != "author"] + glued


def url_line(line: str) -> bool:
    """A short line built around a URL that does not read as a sentence of prose."""
    urls = list(URL.finditer(line))
    if not urls or len(line) > 80:
        return False
    rest = URL.sub("", line)
    han = sum(is_han(c) for c in rest)
    return not line.rstrip().endswith(("。", "！", "？")) or han < 10


def is_link_line(line: str, max_chars: int = 50) -> bool:
    """A line that can be a link to another document: a short title, not a sentence."""
    return (0 < len(line) <= max_chars and not any(c in line for c in "。!?！？")
            and line[-1] not in ":：,，;；")


# A space between Chinese text in a long line stands for a lost line break (see
# pagination/flattened_paragraph): sentence rules see the pieces it separates.
# (Split wherever flattened_paragraph might break, so that both read the same pieces.)
LOST_BREAK = re.compile(rf"(?<=[\u4e00-\u9fff{re.escape(PARAGRAPH_END)}])[ ]+(?=[\u4e00-\u9fff“‘《（(【「『])")


def pieces_of(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """view[start:end] cut at its lost line breaks (the spaces themselves left out)."""
    out, s = [], start
    for gap in LOST_BREAK.finditer(view, start, end):
        out.append((s, gap.start()))
        s = gap.end()
    out.append((s, end))
    return out


_BRACKETED = re.compile(r"【[^】]*】|《[^》]*》")
_NUMBERED = re.compile(r"\s*(?:\d+[.、．]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])")


def related_heading(line: str, rule: Rule) -> str | None:
    """'listed' for a heading from the rule's list (with or without a colon), 'shaped' for
    one found by its shape (`heading_patterns`), else None."""
    if line.rstrip(":") in rule.extra.get("headings", ()):
        return "listed"
    shapes = _compiled(tuple(rule.extra.get("heading_patterns", ())))
    if len(_BRACKETED.sub("", line)) <= 30 and any(p.fullmatch(line) for p in shapes):
        return "shaped"
    return None


@cache
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


@cache
def _heading_scan(headings: tuple[str, ...], patterns: tuple[str, ...]) -> LiteralScan:
    """One scan for what any related heading holds: a listed heading, or a necessary
    literal of a heading pattern (a pattern without one makes every line a candidate)."""
    needs = [necessary_literals(p) for p in patterns]
    literals = None if any(n is None for n in needs) else frozenset(headings).union(*needs)  # type: ignore[arg-type]
    return LiteralScan({"heading": literals})


def heading_literal_starts(folded: str, rule: Rule) -> list[int] | None:
    """Where the literals a related heading must hold start, in order (None: a heading
    pattern has no such literal, any line may be a heading). A line holding none of them
    is not read as a heading: one scan spares reading each line."""
    scan = _heading_scan(tuple(rule.extra.get("headings", ())), tuple(rule.extra.get("heading_patterns", ())))
    return None if scan.always else sorted(s for s, _, _ in scan.located(folded))


def related_blocks(text: str, folded: str, removed: list[Span], rule: Rule) -> tuple[list[Span], list[tuple[int, int]]]:
    """Under a 'related' heading, the title-like lines that follow are links, not text.
    A heading from the rule's list (with or without a colon) takes the links after it; a
    heading found only by its shape (`heading_patterns`) takes them when they run to the
    page's end, past nothing but chrome. Returns the spans and the blocks (start, end)."""
    limit = int(rule.extra.get("max_link_chars", 50))
    starts = heading_literal_starts(folded, rule)
    if starts == []:
        return [], []
    # Lines, and the pieces of a line that lost its breaks (each with the space after it).
    lines = []
    for s, e in iter_lines(text):
        if folded[s:e].strip():
            bounds = pieces_of(folded, s, e)
            lines += [(a, bounds[k + 1][0] if k + 1 < len(bounds) else min(e + 1, len(text)))
                      for k, (a, _) in enumerate(bounds)]
    taken = merged(removed)
    cover = line_cover(lines, taken)
    out: list[Span] = []
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        # A heading another rule took (a site-name shape: …的文档) still heads its list.
        may_head = starts is None or ((k := bisect_left(starts, lines[i][0])) < len(starts)
                                      and starts[k] < lines[i][1])
        kind = related_heading(folded[lines[i][0]:lines[i][1]].strip(), rule) if may_head else None
        if kind is None:
            i += 1
            continue
        j, links = i + 1, []
        # Under a heading found by shape, a numbered item (1.…, 一、…) is the author's list.
        while j < len(lines) and (cover[j][0] or (is_link_line(line := folded[lines[j][0]:lines[j][1]].strip(), limit)
                                                  and not (kind == "shaped" and _NUMBERED.match(line)))):
            if not cover[j][0]:
                links.append(j)
            j += 1
        if kind == "listed" or (links and j == len(lines)):
            out += [Span(a, b, "", rule.name) for k in [i, *links] for a, b in uncovered(*lines[k], taken)]
            blocks.append((lines[i][0], lines[j - 1][1]))
            i = j
        else:
            i += 1
    return out, blocks


def line_cover(lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[tuple[bool, bool]]:
    """For each line (start, end): whether the taken stretches cover all of it, and any of it."""
    out, k = [], 0
    for s, e in lines:
        while k < len(taken) and taken[k][1] < e:
            k += 1
        whole = k < len(taken) and taken[k][0] <= s
        out.append((whole, whole or any(a < e and b > s for a, b in taken[max(0, k - 1):k + 1])))
    return out


def uncovered(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) outside the taken stretches."""
    out, pos = [], start
    for a, b in taken:
        if b <= pos or a >= end:
            continue
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    return out + ([(pos, end)] if pos < end else [])


TITLE_BEARING = {"breadcrumb", "title_label", "file_name_line", "page_thumbnail", "site_wrapper", "link_label",
                 "title_footer", "page_title_line"}


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


def merged(spans: Iterable[Span]) -> list[tuple[int, int]]:
    """The stretches of text the spans cover, in order, touching ones joined."""
    out: list[tuple[int, int]] = []
    for s in sorted(spans):
        if out and s.start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], s.end))
        else:
            out.append((s.start, s.end))
    return out


_PROSE = re.compile(r"[^。!?\n]{6,}[。!?]")


def prose_chars(view: str, taken: list[tuple[int, int]], lo: int, hi: int) -> int:
    """Characters of whole sentences in view[lo:hi] outside the taken stretches."""

    def count(a: int, b: int) -> int:
        return sum(len(m.group()) for m in _PROSE.finditer(view, a, b))

    total, pos = 0, lo
    for a, b in taken:
        if b <= pos:
            continue
        if a >= hi:
            break
        if a > pos:
            total += count(pos, a)
        pos = max(pos, b)
    return total + (count(pos, hi) if pos < hi else 0)


def preview_is_a_cut(view: str, taken: list[tuple[int, int]], start: int, end: int, min_chars: int,
                     only_at_end: bool = False) -> bool:
    """A preview notice ends the page's text unless the author's prose runs on both before
    and after it (a 展开阅读全文 button in a page that holds the whole text); a prompt to read
    it all (`only_at_end`) ends it only when no prose follows."""
    after = prose_chars(view, taken, end, len(view))
    if only_at_end:
        return after < min_chars
    return after < min_chars or prose_chars(view, taken, 0, start) < min_chars
