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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache

from pipeline.charsets import PARAGRAPH_END, is_han, iter_lines
from pipeline.document import Span
from pipeline.literals import LiteralScan, necessary_literals
from pipeline.metadata import _ID_UPLOAD_PAIR as _ID_PAIR
from pipeline.metadata import _LISTED_KEYS as _UPLOAD_KEYS
from pipeline.metadata import (
    ARTICLE_KEYS,
    BARE_FACT,
    FILE_COLUMNS,
    UPLOAD_FIELDS,
    URL,
    USER_SOURCE,
    is_site_name,
    key_column,
    parse_date,
    site_only,
    typed,
    upload_pairs,
)
from pipeline.metadata import UPLOAD_PAIR as _PLAIN_PAIR
from pipeline.rulebook import Rule

# Pictographs and arrows a site uses as icons or separators (💾 下载, ⏱ <date>, ▶).
ICONS = "\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff"
_WIDGET_SPLIT = re.compile(f"[\\s|/·•∣()\\[\\]【】,，、{ICONS}]+")
# A label followed by a colon or a more-arrow (分享到:, 更多>>) is still the label.
_LABEL_END = re.compile(r"(?::|>>|»|›)+$")
# A counter: a number or a price (¥9.90), with a label before it (收藏数:0) or a unit after
# it (58积分, 1.2万人已下载, 36KB), either of a few characters.
COUNTER = re.compile(r"(?:(?P<label>[\u4e00-\u9fff]{1,5})\s*:?\s*)?[+-]?[¥￥$]?\d+(?:[.,]\d+)*\s*[万千wWkK+]?"
                     r"(?P<unit>[\u4e00-\u9fffA-Za-z]{0,4})")
# A widget label that opens a menu: 分享到: 微信 QQ空间, after other widgets or not.
_MENU = re.compile(r"(?:^|(?<=[\s|/]))(?P<label>[^\s|/:>»]{1,6})\s*(?::|>>|»)\s*(?P<items>[^:>»]*)$")
# A number and its unit written apart (12 阅, 3 转藏) are one counter; so are a label, its
# colon and its number (回帖: 23), and a price and its amount (需 3 积分).
_SPACED_UNIT = re.compile(r"(?<=\d)\s+(?=[\u4e00-\u9fff]{1,3}(?:[\s|/]|$))|(?<=[\u4e00-\u9fff]:)\s+(?=\d)"
                          r"|(?<![\u4e00-\u9fff])(?:仅需|需要|需|售价|花费|消耗)\s*:?\s*(?=\d)")
_SENTENCE_PUNCT = set("。!?！？,，;；")
# The longest line a row rule takes (a row of widgets or counters, a toolbar, a URL line).
# strip_site_chrome passes over a longer line without spaces holding literals of these
# rules only (`MAX_CHARS`): the bound is the rules' own, so the two never disagree.
MAX_ROW_CHARS = 60
MAX_URL_LINE_CHARS = 80
MAX_CHARS = {"widget_line": MAX_ROW_CHARS, "counter_row": MAX_ROW_CHARS, "toolbar_row": MAX_ROW_CHARS,
             "url_line": MAX_URL_LINE_CHARS}
# A title glued to the first key of an upload row (a page that lost its line breaks).
_GLUED_TITLE = re.compile(r"[^\s。!?:|]{5,79}[^\s。!?:|,，、;；]")


@lru_cache(maxsize=4096)
def row_tokens(line: str) -> tuple[str, ...]:
    """The labels and counters of a row (kept: a row is read by several rules in turn)."""
    line = _SPACED_UNIT.sub("", line)
    return tuple(t for t in (_LABEL_END.sub("", t) for t in _WIDGET_SPLIT.split(line)) if t)


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
    """A row of widget labels and counters holding a label or a count of the site's; or a
    row of fields set apart by bars or dots, each a widget or a short statement of one count
    of the site's (下载本文档需 5 知豆 ｜ 已有 318 人下载)."""
    if len(line) > MAX_ROW_CHARS:
        return False
    tokens = row_tokens(line)
    if tokens and all(is_widget(t, widgets) or COUNTER.fullmatch(t) for t in tokens):
        return any(is_widget(t, widgets) or counts_for_the_site(t, site_counts) for t in tokens)
    return label_menu(line, widgets) or counted_fields(line, widgets, site_counts)


_BAR_FIELDS = re.compile(r"\s*[|∣·•]\s*")
_ONE_NUMBER = re.compile(r"^[^\d]*\d+(?:\.\d+)?[^\d]*$")
# What a download costs (需 5 知豆, 仅需 2 积分).
_PRICE = re.compile(r"(?:需|需要|售价|价格|花费|消耗)\s*:?\s*\d")


def counted_fields(line: str, widgets: frozenset[str], site_counts: Iterable[str], max_field: int = 16) -> bool:
    """Two or more fields between bars or dots, each a widget or a short phrase with one
    number and a word of what a site counts or a price (需 5 知豆, 318 人下载), none a sentence."""
    if not _BAR_FIELDS.search(line):
        return False
    fields = [f for f in _BAR_FIELDS.split(line) if f]
    if len(fields) < 2 or _SENTENCE_PUNCT & set(line):
        return False
    return all(is_widget(f, widgets) or (len(f) <= max_field and _ONE_NUMBER.match(f) is not None
                                         and (_PRICE.search(f) is not None or any(w in f for w in site_counts)))
               for f in fields)


_SIZE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?i:[kmg]b)(?![A-Za-z])")


_PAGES = re.compile(r"(?:页数|总页数|页码数)\s*:?\s*(\d{1,4})(?!\d)|共\s*(\d{1,4})\s*页")


def widget_facts(line: str) -> list[tuple[str, str]]:
    """What a widget row states about the file: its size (💾 下载 (0.8MB)), its pages (页数 2)."""
    pages = [("page_count", m.group(1) or m.group(2)) for m in _PAGES.finditer(line)][:1]
    return [("file_size", m.group()) for m in _SIZE.finditer(line)][:1] + pages


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+.]{0,11}")


def toolbar_row(line: str, widgets: frozenset[str], max_token: int = 4) -> bool:
    """Three or more short buttons set apart by spaces (回复 引用 举报 TOP): one of them a
    known widget, at least half widgets or Latin words, none a number or a sentence."""
    if len(line) > MAX_ROW_CHARS or _SENTENCE_PUNCT & set(line) or any(c.isdigit() for c in line):
        return False
    tokens = row_tokens(line)
    known = sum(is_widget(t, widgets) for t in tokens)
    latin = sum(bool(_LATIN_WORD.fullmatch(t)) for t in tokens)
    return (len(tokens) >= 3 and known >= 1 and 2 * (known + latin) >= len(tokens)
            and all(len(t) <= max_token or _LATIN_WORD.fullmatch(t) or is_widget(t, widgets) for t in tokens))


_FILE_FIELD = re.compile(r"(?!附件)(?P<title>[^/\\*\"<>|。!?]{2,150}?)\.(?P<format>(?i:docx?|pdf|pptx?|xlsx?|txt|wps|rtf))")
_ROW_FIELDS = re.compile(r"\s*[|∣·•]\s*|\s{2,}|\u3000+")
_NAME_FIELD = re.compile(r"[^\s\d:,，。!?！？;；][^\s:,，。!?！？;；]{1,15}")


def file_row(line: str) -> list[tuple[str, str]] | None:
    """A file's name and its facts in fields without keys (<file>.pdf | <user> | <date> |
    4页): the file's title and format, each fact, and the one field that is no fact as the
    uploader. None unless the first field is a file name and one fact follows it."""
    fields = [f for f in _ROW_FIELDS.split(line.strip()) if f]
    if len(fields) < 3 or not (name := _FILE_FIELD.fullmatch(fields[0])):
        return None
    facts, others = [], []
    for f in fields[1:]:
        found = [(k, v) for m in BARE_FACT.finditer(f) for k, v in m.groupdict().items() if v]
        if found and BARE_FACT.sub("", f).strip() == "":
            facts += found
        else:
            others.append(f)
    if not facts or len(others) > 1 or (others and not _NAME_FIELD.fullmatch(others[0])):
        return None
    return ([("title", name["title"]), ("format", name["format"])] + facts
            + [("uploader", o) for o in others])


def counter_row(line: str, widgets: frozenset[str]) -> bool:
    """A row of two or more bare numbers or counters of unknown things (weak: a table row
    looks alike; one counter alone, 2篇 or 2023年, is too little to tell)."""
    if len(line) > MAX_ROW_CHARS:
        return False
    tokens = row_tokens(line)
    return (len(tokens) >= 2 and any(c.isdigit() for c in line)
            and all(is_widget(t, widgets) or COUNTER.fullmatch(t) for t in tokens))


_ICON = re.compile(f"[{ICONS}]")
_FIELD_SEPARATOR = re.compile(f"[\\s|｜/／·•»∣,，;；{ICONS}]+")
# A counter in an info row (阅读 1204 次, 浏览(873)): a label the site counts by, a number,
# a short unit.
_ROW_COUNTER = re.compile(r"(?<![\u4e00-\u9fff])(?:阅读|浏览|下载|收藏|点击|评论|点赞|热度|人气|阅|评分)"
                          r"\s*[(（:]?\s*\d+(?:\.\d+)?\s*[万千kK]?\s*[)）]?\s*(?:次|人|份|分)?")


# Where a key of the plain upload-pair patterns starts (their key alternation, compiled
# alone: the engine skips to the keys' first characters). Those patterns match only at a
# key or at the bracket just before it, so trying them there alone finds what their
# finditer finds (a long line of prose with no key costs one scan, not ~150 tries per
# character).
_KEY_AT = re.compile(_UPLOAD_KEYS)


# The id patterns (a line with 编号 or ID) also take a key built of one to three Han
# characters before 编号 or ID (metadata.ID_KEY).
_ID_AT = re.compile("编号|ID")
_ID_REACH = 3


def _key_starts(line: str, ids: bool = False) -> list[int]:
    starts, m = [], _KEY_AT.search(line)
    while m:
        starts.append(m.start())
        m = _KEY_AT.search(line, m.start() + 1)
    if ids:
        starts = sorted({*starts, *(m.start() - k for m in _ID_AT.finditer(line)
                                    for k in range(1, _ID_REACH + 1) if m.start() >= k)})
    return starts


def _matches_at(pattern: re.Pattern[str], line: str, starts: list[int]) -> list[re.Match[str]]:
    """`pattern.finditer(line)` for a pattern whose matches start at a key in `starts` or
    at the character before one."""
    found: list[re.Match[str]] = []
    end = 0
    for q in starts:
        for at in (q - 1, q):
            if at >= end and (m := pattern.match(line, at)):
                found.append(m)
                end = m.end()
                break
    return found


def _key_value_pairs(line: str) -> list[re.Match[str]]:
    """The key-value pairs of an info row, with the separator between key and value that
    gives valued pairs: a colon (上传人：…), else a bar or a slash (贡献者｜…, 作者 / …). A value
    that is itself a key is a row of labels, not a pair."""
    pair, others = upload_pairs(line)
    starts = _key_starts(line, ids=pair is _ID_PAIR) if pair is _PLAIN_PAIR or pair is _ID_PAIR else None
    if starts == []:
        return []
    for pattern, sep in ((pair, ""), *zip(others, "|/")):
        if sep not in line:
            continue
        found = pattern.finditer(line) if starts is None else _matches_at(pattern, line, starts)
        pairs = [m for m in found if m.group(2) not in UPLOAD_FIELDS]
        if any(m.group(2) for m in pairs):
            return pairs
    return []


def _bare_facts(rest: str) -> tuple[list[tuple[str, str]], str]:
    """Facts standing alone in the fields of an upload row (a date, 共11页, 1.36 MB, DOC) and
    what is left once they and the row's counters (阅读 1204 次) are taken out."""
    facts = [(k, v) for m in BARE_FACT.finditer(rest) for k, v in m.groupdict().items() if v]
    return facts, _FIELD_SEPARATOR.sub("", _ROW_COUNTER.sub(" ", BARE_FACT.sub(" ", rest)))


def upload_metadata(line: str) -> list[tuple[str, str]] | None:
    """The (column, value) pairs of an upload-metadata line, or None if it is not one:
    nothing on the line but key-value pairs, facts standing alone in a field (a date, 共N页,
    a size, a format), counters and separators; at least two facts, or one key only a site
    would write (上传人, 文档编号) with a real value. A title glued to the first key
    (…工作计划上传者：…, a page without line breaks) is reported as `glued_title`."""
    pairs = _key_value_pairs(line)
    valued = [m for m in pairs if m.group(2)]
    if not valued:
        return None
    prefix = line[:pairs[0].start()]
    glued = [("glued_title", prefix)] if _GLUED_TITLE.fullmatch(prefix) and not is_site_name(prefix) else []
    row = line[len(prefix):] if glued else line
    outside = row
    for m in reversed(pairs):
        at = m.start() - len(prefix) if glued else m.start()
        outside = outside[:at] + " " + outside[at + m.end() - m.start():]
    bare, rest = _bare_facts(outside)
    # A long row of facts may carry a few odd bits (顶/踩数:0/0) between its pairs, not after
    # the last one (阅读:1,047 第一条 …: the author's text begins there).
    allowed = 0.25 * len(row) if len(valued) + len(bare) >= 3 else 0
    if len(rest) > allowed or (len(valued) + len(bare) < 2 and not site_only(valued[0].group(1))):
        return None
    if rest and _ends_outside_its_facts(row, pairs, len(prefix) if glued else 0):
        return None
    columns = [_column(m.group(1), m.group(2)) for m in valued]
    if any(c == "upload_date" and not parse_date(m.group(2)) for c, m in zip(columns, valued)):
        return None
    # 作者 names the person the page credits with the document, on an upload row as on an
    # article's byline (作者, 来源, 责任编辑: the outlet is no person): the uploader, unless
    # the row names one under its own key.
    author_is_uploader = "uploader" not in columns
    columns = ["uploader" if c == "author" and author_is_uploader else c for c in columns]
    facts = [(c, m.group(2)) for c, m in zip(columns, valued) if c and c != "author"]
    facts += [("uploader", u["name"]) for m in valued if m.group(1) in ARTICLE_KEYS
              and "uploader" not in columns and (u := USER_SOURCE.fullmatch(m.group(2)))]
    return facts + [f for f in bare if f[0] not in {c for c, _ in facts}] + glued


def lone_file_fact(line: str) -> list[tuple[str, str]] | None:
    """One key and value on a line, the key naming a column only a file has (格式：DOC,
    档案大小：45.6KB, 页数：3页) and the value one of that column's: the fact, or None. Alone
    it could be the author's; beside the site's chrome it is the last row of its block."""
    pairs = _key_value_pairs(line)
    if len(pairs) != 1 or not pairs[0].group(2) or line[:pairs[0].start()].strip() or line[pairs[0].end():].strip():
        return None
    key, value = pairs[0].group(1), pairs[0].group(2).strip()
    column = key_column(key)
    if column not in FILE_COLUMNS or typed(column, value) is None or (column == "file_size" and not _SIZE.fullmatch(value)):
        return None
    if column == "site_doc_id" and not site_only(key):
        return None  # 合同编号：HT-2024-017 numbers the author's contract, not the site's page
    return [(column, value)]


# The row's last word: a size with its unit written apart (38.56 KB) is one.
_LAST_WORD = re.compile(r"(?:\d+(?:\.\d+)?\s+(?i:[kmgt]b)|\S+)$")


def _ends_outside_its_facts(row: str, pairs: list[re.Match[str]], shift: int) -> bool:
    """Whether the row's last word is none of its pairs, bare facts or counters: words with
    no figure in them (a figure glued to its key, 大小23.08KB, is still a fact)."""
    last = _LAST_WORD.search(row)
    if last is None or any(m.start() - shift <= last.start() < m.end() - shift for m in pairs):
        return False
    return bool(_bare_facts(last.group())[1]) and not any(c.isdigit() for c in last.group())


def _column(key: str, value: str) -> str | None:
    """The column a key fills; a key that names a person (上传, 发布) with a date for its value
    dates the upload."""
    column = key_column(key)
    return "upload_date" if column in ("uploader", "author") and parse_date(value) else column


def url_line(line: str) -> bool:
    """A short line built around a URL that does not read as a sentence of prose."""
    if len(line) > MAX_URL_LINE_CHARS or not URL.search(line):
        return False
    if not line.rstrip().endswith(("。", "！", "？")):
        return True
    return sum(is_han(c) for c in URL.sub("", line)) < 10  # counted only for a line that ends a sentence


def is_link_line(line: str, max_chars: int = 50) -> bool:
    """A line that can be a link to another document: a short title, not a sentence. A
    question may be a title (…怎么写？看这几篇就够了): a short line with one and no full stop."""
    if not 0 < len(line) <= max_chars or line[-1] in ":：,，;；" or any(c in line for c in "。!！"):
        return False
    questions = sum(line.count(c) for c in "?？")
    return questions == 0 or (questions == 1 and len(line) <= _QUESTION_LINK_CHARS)


_QUESTION_LINK_CHARS = 30


# A space between Chinese text in a long line stands for a lost line break (see
# pagination/flattened_paragraph): sentence rules see the pieces it separates.
# (Split wherever flattened_paragraph might break, so that both read the same pieces.)
# (The space first and the lookbehind after it, two wide: a pattern that starts with a
# lookbehind is tried at every position of the line, one that starts with a space only at
# the spaces. The matches are the same: whole runs of spaces.)
LOST_BREAK = re.compile(rf"[ ](?<=[\u4e00-\u9fff{re.escape(PARAGRAPH_END)}][ ])[ ]*(?=[\u4e00-\u9fff“‘《（(【「『])")


def pieces_of(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """view[start:end] cut at its lost line breaks (the spaces themselves left out)."""
    if view.find(" ", start, end) < 0:
        return [(start, end)]  # a lost break is a run of spaces: most lines hold none
    out, s = [], start
    for gap in LOST_BREAK.finditer(view, start, end):
        out.append((s, gap.start()))
        s = gap.end()
    out.append((s, end))
    return out


_BRACKETED = re.compile(r"【[^】]*】|《[^》]*》")
_NUMBERED = re.compile(r"\s*(?:\d+[.、．]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])")


_HALVES = re.compile(r"\s+[·•|/]\s+")


def related_heading(line: str, rule: Rule) -> str | None:
    """'listed' for a heading from the rule's list (with or without a colon), 'shaped' for
    one found by its shape (`heading_patterns`), else None."""
    if line.rstrip(":") in rule.extra.get("headings", ()):
        return "listed"
    # A heading in two languages (You may also like · 你可能还喜欢): either half will do.
    halves = _HALVES.split(line)
    if len(halves) == 2 and any(h.strip().rstrip(":") in rule.extra.get("headings", ()) for h in halves):
        return "listed"
    shapes = _compiled(tuple(rule.extra.get("heading_patterns", ())))
    # A key and its value (推荐人：<name>) is a field, not a heading: a heading's colon ends it
    # (a bracketed title before it may hold its own).
    if ":" in _BRACKETED.sub("", line).rstrip(":"):
        return None
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
    if starts == [] or (starts is not None and not _any_heading(folded, starts, rule)):
        return [], []
    # Lines, and the pieces of a line that lost its breaks (each with the space after it),
    # from the first line holding a literal: those above it head nothing and are not read.
    base = 0 if starts is None else folded.rfind("\n", 0, starts[0]) + 1
    lines = []
    for s, e in ((s + base, e + base) for s, e in iter_lines(text[base:])):
        if folded[s:e].strip():
            lines += _units(folded, s, e)
    taken = merged(removed)
    cover = line_cover(lines, taken)
    out: list[Span] = []
    blocks: list[tuple[int, int]] = []
    # Only a line holding a literal may be a heading (a heading another rule took, a
    # site-name shape such as …的文档, still heads its list): the loop goes from one to the next.
    candidates = list(range(len(lines))) if starts is None else _lines_holding(lines, starts)
    i = 0
    while (c := bisect_left(candidates, i)) < len(candidates):
        i = candidates[c]
        kind = related_heading(folded[lines[i][0]:lines[i][1]].strip(), rule)
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
        # A heading found by shape at the page's end (or above nothing but chrome) heads a list
        # that the rules took or the page lost.
        if kind == "listed" or j == len(lines):
            out += [Span(a, b, "", rule.name) for k in [i, *links] for a, b in uncovered(*lines[k], taken)]
            blocks.append((lines[i][0], lines[j - 1][1]))
            i = j
        else:
            i += 1
    return out, blocks


def _units(folded: str, s: int, e: int) -> list[tuple[int, int]]:
    """The non-empty line folded[s:e] as related_blocks reads it: whole, or the pieces of a
    line that lost its breaks (each with the space after it), the last with the break."""
    if folded.find(" ", s, e) < 0:  # one piece (as pieces_of finds), most lines
        return [(s, min(e + 1, len(folded)))]
    bounds = pieces_of(folded, s, e)
    return [(a, bounds[k + 1][0] if k + 1 < len(bounds) else min(e + 1, len(folded))) for k, (a, _) in enumerate(bounds)]


def _any_heading(folded: str, starts: list[int], rule: Rule) -> bool:
    """Whether any line (or piece) holding a heading literal (at the sorted `starts`) reads
    as a related heading: the lines are found from the literals, and the rest of the page
    is read only on a page that has one (most have none)."""
    units: list[tuple[int, int]] = []
    for p in starts:
        s = folded.rfind("\n", 0, p) + 1
        if units and s < units[-1][1]:
            continue  # the line of an earlier literal
        e = folded.find("\n", p)
        e = len(folded) if e < 0 else e
        if folded[s:e].strip():
            units += _units(folded, s, e)
    return any(related_heading(folded[units[i][0]:units[i][1]].strip(), rule) for i in _lines_holding(units, starts))


def _lines_holding(lines: list[tuple[int, int]], positions: list[int]) -> list[int]:
    """Indices of the (sorted, disjoint) lines that hold one of the sorted positions."""
    line_starts = [s for s, _ in lines]
    found = (bisect_right(line_starts, p) - 1 for p in positions)
    return sorted({k for k, p in zip(found, positions) if k >= 0 and p < lines[k][1]})


_BARE_HEADING = re.compile(r"[^\s\d。!?,;:|/>»]{2,12}:?")
_TITLE_LIKE = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){4}")


def headed_lists(folded: str, lines: list[tuple[int, int]], removed: list[Span], rule: Rule,
                 chrome_at_end: bool = False) -> tuple[list[Span], list[tuple[int, int]]]:
    """A related list under a heading no rule knows, found by its shape: a short heading
    (延伸阅读, 相似合同) over two or more title-like lines, each longer than it and than five
    characters, not all of one length (verse under its title is), the run either
    just above chrome (`chrome_at_end`: an earlier pass removed chrome after the page's last
    line) or at the page's end just below chrome. Below the author's own headings (附件,
    参考文献: `author_headings`) a list of titles is the author's. `lines` are the page's
    non-empty lines. Returns the spans and the blocks (start, end)."""
    cover = [c[0] for c in line_cover(lines, merged(removed))]
    if not lines or (not any(cover) and not chrome_at_end):
        return [], []
    limit, own = int(rule.extra.get("max_link_chars", 50)), tuple(rule.extra.get("author_headings", ()))
    runs = [j for j in range(1, len(lines)) if cover[j] and not cover[j - 1]]  # chrome right below a run
    if not cover[-1]:
        runs.append(len(lines))  # the page's end, when chrome is right above the run
    out: list[Span] = []
    blocks: list[tuple[int, int]] = []
    for j in runs:
        k = j
        while k > 0 and not cover[k - 1] and j - k < 12 and is_link_line(folded[lines[k - 1][0]:lines[k - 1][1]].strip(),
                                                                          limit):
            k -= 1
        if j == len(lines) and (k == 0 or not cover[k - 1]) and not chrome_at_end:
            continue
        # The heading is the top-most line of the run that has the shape and stands over
        # nothing but titles longer than itself.
        for h in range(k, j - 2):
            heading = folded[lines[h][0]:lines[h][1]].strip()
            items = [folded[a:b].strip() for a, b in lines[h + 1:j]]
            if (_BARE_HEADING.fullmatch(heading) and not heading.startswith(own) and not _NUMBERED.match(heading)
                    and len({len(i) for i in items}) > 1  # lines of one length are verse, not titles
                    and all(len(i) > max(len(heading), 5) and _TITLE_LIKE.match(i) and not _NUMBERED.match(i)
                            for i in items)):
                out += [Span(a, min(b + 1, len(folded)), "", rule.name) for a, b in lines[h:j]]
                blocks.append((lines[h][0], lines[j - 1][1]))
                break
    return out, blocks


def line_cover(lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[tuple[bool, bool]]:
    """For each line (start, end): whether the taken stretches cover all of it, and any of it.
    Lines are sorted and disjoint, the stretches too (`merged`): each stretch finds the
    lines it meets by bisection, and lines it does not meet cost nothing."""
    out = [(False, False)] * len(lines)
    starts, ends = [s for s, _ in lines], [e for _, e in lines]
    for a, b in taken:
        for k in range(bisect_right(ends, a), bisect_left(starts, b)):  # lines with a < end and start < b
            out[k] = (out[k][0] or (a <= lines[k][0] and lines[k][1] <= b), True)
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
                 "title_footer", "page_title_line", "breadcrumb_path", "file_row"}


# A page's title as its browser title prints it: a separator and a short name after it.
# (The name, shorter than the title, may carry the site's address after it: 范文汇 fanwenhui.com.)
_TITLE_WITH_NAME = re.compile(r"\s*[-–—_|｜·]+\s*(?P<name>[^\s。!?,，]{1,15})(?:[ \t]+[^。!?,，\n]{1,30})?[ \t]*$",
                              re.MULTILINE)


def _printed_as_title(line: str, text: str) -> bool:
    """Whether `text` holds a line that starts with `line` and a separator and a name shorter
    than it (<line>|<site>): the page's browser title."""
    pos = text.find(line)
    while pos >= 0:
        if not text[text.rfind("\n", 0, pos) + 1:pos].strip(" \t") \
                and (m := _TITLE_WITH_NAME.match(text, pos + len(line))) and len(m["name"]) < len(line):
            return True
        pos = text.find(line, pos + 1)
    return False


_MASTHEAD = re.compile(r"(?P<name>[^\s\-–—|｜·•_。!?,，:：]{2,10})\s*[-–—|｜·•]+\s*[^。!?,，:：]{2,20}")


def chrome_echo_spans(text: str, folded: str, removed: list[Span], max_chars: int = 20, earlier: str = "") -> list[Span]:
    """Short lines that repeat part of removed chrome (a site name alone on a line), this
    run's or (`earlier`, folded) an earlier run's on the same page (a page that lost its line
    breaks has lines only once pagination has put them back). Chrome that carries the
    document's own title (breadcrumbs, file names, title labels) is not used: a heading that
    repeats it is the document's, not the site's."""
    chrome = "\n".join([earlier] + [folded[s.start:s.end] for s in removed if s.rule not in TITLE_BEARING])
    taken = [(s.start, s.end) for s in removed]
    echoes = []
    for k, (start, end) in enumerate(iter_lines(text)):
        line = folded[start:end].strip()
        masthead = _MASTHEAD.fullmatch(line) if k < 2 else None
        short = 3 <= len(line) <= max_chars and not any(c in line for c in "。,，!?！？:：;；")
        if not (masthead or short) or any(a < end + 1 and start < b for a, b in taken):
            continue
        if masthead and masthead["name"] in chrome:
            # The page's first lines: the site's name and its slogan, the name the chrome states.
            echoes.append(Span(start, min(end + 1, len(text)), "", "chrome_echo"))
            continue
        if not short or line not in chrome or _signs_a_date(text, end):
            continue
        if _printed_as_title(line, folded) or _printed_as_title(line, earlier):
            continue  # the page carries it as its title (<line>|<site>): the line is the heading
        echoes.append(Span(start, min(end + 1, len(text)), "", "chrome_echo"))
    return echoes


_DATE_LINE = re.compile(r"[(（]?\s*(?:\d{4}|[〇零一二三四五六七八九十]{4})\s*年\s*[\d〇零一二三四五六七八九十]{1,2}\s*月"
                        r"(?:\s*[\d〇零一二三四五六七八九十]{1,3}\s*日)?\s*[)）]?")


def _signs_a_date(text: str, end: int) -> bool:
    """Whether the line ending at `end` stands over a date line: the author's signature (the
    office that issued the text, which may be the site's owner too)."""
    after = text[end + 1:].lstrip("\n")
    return bool(_DATE_LINE.fullmatch(after.split("\n", 1)[0].strip()))


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


def stops_mid_sentence(view: str, taken: list[tuple[int, int]], start: int, look_back: int = 400) -> bool:
    """Whether the text before `start`, outside the taken stretches, stops without a
    sentence's end (a page cut short), rather than after one or at the page's top. Lines
    without Chinese text (a page number, a rule) are page furniture and passed over."""
    lo = max(0, start - look_back)
    kept = "".join(view[a:b] for a, b in uncovered(lo, start, [t for t in taken if t[1] > lo and t[0] < start]))
    for line in reversed(kept.split("\n")):
        if any(is_han(c) for c in line):
            return line.rstrip()[-1] not in PARAGRAPH_END
    return False


def preview_is_a_cut(view: str, taken: list[tuple[int, int]], start: int, end: int, min_chars: int,
                     only_at_end: bool = False) -> bool:
    """A preview notice ends the page's text unless the author's prose runs on both before
    and after it (a 展开阅读全文 button in a page that holds the whole text); a prompt to read
    it all (`only_at_end`) ends it only when no prose follows."""
    after = prose_chars(view, taken, end, len(view))
    if only_at_end:
        return after < min_chars
    return after < min_chars or prose_chars(view, taken, 0, start) < min_chars
