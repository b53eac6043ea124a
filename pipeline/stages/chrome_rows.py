"""The row rules of strip_site_chrome: a stripped, width-folded line read as a row of the
site's widgets, counters or toolbar buttons (`widget_line`, `counter_row`, `toolbar_row`),
the facts of an upload (`upload_metadata`, `file_row`, `lone_file_fact`, `widget_facts`)
or a URL line (`url_line`). Split out of chrome_lines.py; settings and examples are in
`pipeline/rules/site_chrome.toml` under the same names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pipeline.charsets import is_han
from pipeline.metadata import _ID_UPLOAD_PAIR as _ID_PAIR
from pipeline.metadata import _LISTED_KEYS as _UPLOAD_KEYS
from pipeline.metadata import (
    ARTICLE_KEYS,
    BARE_FACT,
    FILE_COLUMNS,
    GIVING_VERBS,
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


# A label that names a number as an identifier (证券代码, 公告编号, 邮政编码, 工号): what it
# labels is a code, not a count, whatever word of the site's its label holds (the 券 of 证券).
_IDENTIFIER_LABEL = re.compile(r"(?:码|号)$")


def counts_for_the_site(token: str, site_counts: Iterable[str]) -> bool:
    """A counter of something a site counts (downloads, points, coins, likes …)."""
    m = COUNTER.fullmatch(token)
    if not m or _IDENTIFIER_LABEL.search(m.group("label") or ""):
        return False
    return any(w in (m.group("label") or "") + m.group("unit") for w in site_counts)


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
    """A widget label, or two run together (文档分类, 下载文档), or a label that sends the page
    somewhere with where it sends it (分享到朋友圈, 转藏至我的空间)."""
    return token in widgets or (len(token) <= 8 and any(
        token[:k] in widgets and (token[k:] in widgets or token[k - 1] in "到至")
        for k in range(1, len(token))))


def widget_line(line: str, widgets: frozenset[str], site_counts: Iterable[str]) -> bool:
    """A row of widget labels and counters holding a label or a count of the site's; or a
    row of fields set apart by bars or dots, each a widget or a short statement of one count
    of the site's (下载本文档需 5 知豆 ｜ 已有 318 人下载)."""
    if len(line) > MAX_ROW_CHARS or _CLAUSE_COMMA.search(line):
        return False  # (counters stand apart; clauses set off by a comma are a note: （满分120分，考试时间100分钟）)
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


_PAGES = re.compile(r"(?:页数|总页数|页码数)\s*:?\s*(\d{1,4})(?!\d)|共\s*(\d{1,4})\s*页"
                    r"|(?:^|(?<=[|∣·•\s]))(\d{1,4})\s*页(?=\s*(?:$|[|∣·•]))")


def widget_facts(line: str) -> list[tuple[str, str]]:
    """What a widget row states about the file: its size (💾 下载 (0.8MB)), its pages (页数 2,
    a field of its own: 3次下载 · 2页)."""
    pages = [("page_count", m.group(1) or m.group(2) or m.group(3)) for m in _PAGES.finditer(line)][:1]
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


# A comma between clauses, not one in a number (1,204).
_CLAUSE_COMMA = re.compile(r"[,，](?!\d{3}(?!\d))")


def counter_row(line: str, widgets: frozenset[str]) -> bool:
    """A row of two or more bare numbers or counters of unknown things (weak: a table row
    looks alike; one counter alone, 2篇 or 2023年, is too little to tell)."""
    if len(line) > MAX_ROW_CHARS or _CLAUSE_COMMA.search(line):
        return False  # (counters stand apart; clauses set off by a comma are a note: （满分120分，考试时间100分钟）)
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


@lru_cache(maxsize=1)
def _key_automaton():
    """The keys as one Aho-Corasick automaton, when they are plain words (no pattern syntax
    but the bars between them): their overlapping matches start where `_KEY_AT` does."""
    if any(c in _UPLOAD_KEYS for c in ".^$*+?{}[]\\()"):
        return None
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(_UPLOAD_KEYS.split("|"), matchkind=ahocorasick_rs.MatchKind.Standard)


def _key_starts(line: str, ids: bool = False) -> list[int]:
    """Where a key starts, each place once (every line a row rule reads: one compiled scan
    rather than a search from each key found on)."""
    try:
        starts = sorted({s for _, s, _ in _key_automaton().find_matches_as_indexes(line, overlapping=True)})
    except (AttributeError, UnicodeEncodeError):  # keys with pattern syntax; a lone surrogate in the line
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


@lru_cache(maxsize=64)
def _key_value_pairs(line: str) -> tuple[re.Match[str], ...]:
    """The key-value pairs of an info row, with the separator between key and value that
    gives valued pairs: a colon (上传人：…), else a bar or a slash (贡献者｜…, 作者 / …). A value
    that is itself a key is a row of labels, not a pair. (Kept for the last lines: two
    row rules, upload_metadata and file_fact_line, read the same line one after the other.)"""
    pair, others = upload_pairs(line)
    starts = _key_starts(line, ids=pair is _ID_PAIR) if pair is _PLAIN_PAIR or pair is _ID_PAIR else None
    if starts == []:
        return ()
    for pattern, sep in ((pair, ""), *zip(others, "|/")):
        if sep not in line:
            continue
        found = pattern.finditer(line) if starts is None else _matches_at(pattern, line, starts)
        pairs = tuple(m for m in found if m.group(2) not in UPLOAD_FIELDS)
        if any(m.group(2) for m in pairs):
            return pairs
    return ()


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


# Verbs of the site's own stamp on a page (更新于, 修改时间): its date, as an upload's.
_PAGE_STAMP_VERBS = ("更新", "修改", "修订")


def lone_file_fact(line: str) -> list[tuple[str, str]] | None:
    """One key and value on a line, the key naming a column only a file has (格式：DOC,
    档案大小：45.6KB, 页数：3页) or who gave it and when (发布人：X, 上传时间：<date>), and the
    value one of that column's: the fact, or None. Alone it could be the author's; beside the
    site's chrome it is a row of its block."""
    pairs = _key_value_pairs(line)
    if len(pairs) != 1 or not pairs[0].group(2) or line[:pairs[0].start()].strip() or line[pairs[0].end():].strip():
        return None
    key, value = pairs[0].group(1), pairs[0].group(2).strip()
    column = key_column(key)
    # (Who gave the file and when, under a key built from a verb of giving it: 发布人, 上传时间;
    # or when the site last touched the page: 更新于.)
    # The verb alone only for uploading, which only a file host does (上传：X; 发布：X, 提供：X
    # an author writes too).
    given = (column in ("uploader", "upload_date") and key.startswith(GIVING_VERBS) and (len(key) >= 3 or key == "上传")) \
        or (column == "upload_date" and key.startswith(_PAGE_STAMP_VERBS))
    if not (column in FILE_COLUMNS or given) or typed(column, value) is None \
            or (column == "file_size" and not _SIZE.fullmatch(value)):
        return None
    if column == "site_doc_id" and not site_only(key):
        return None  # 合同编号：HT-2024-017 numbers the author's contract, not the site's page
    return [(column, value)]


# The row's last word: a size with its unit written apart (38.56 KB) is one.
_LAST_WORD = re.compile(r"(?:\d+(?:\.\d+)?\s+(?i:[kmgt]b)|\S+)$")


def _ends_outside_its_facts(row: str, pairs: tuple[re.Match[str], ...], shift: int) -> bool:
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
    # A sentence's end, or a bracket left open (…问卷平台（https://a.b. wrapped before its
    # close: the sentence goes on below), with prose around the URL: an author's sentence.
    ends_a_sentence = line.rstrip().endswith(("。", "！", "？"))
    if not ends_a_sentence and line.count("（") + line.count("(") <= line.count("）") + line.count(")"):
        return True
    return sum(is_han(c) for c in URL.sub("", line)) < 10  # counted only for such a line
