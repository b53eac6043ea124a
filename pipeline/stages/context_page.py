"""The page's head and foot as chrome_context reads them, beyond the shapes of single lines:
the labelled lines above the title, a site's record of the document (题名：… 责任者：…), a
masthead over the chrome, the browser title in the footer, and the facts of the rows the
stage removes (pipeline/stages/chrome_context.py decides; this module names the lines)."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.charsets import match_view
from pipeline.document import Document
from pipeline.metadata import (
    BARE_FACT,
    DOMAIN,
    SITE_ONLY_KEYS,
    UPLOAD_FIELDS,
    key_column,
    parse_date,
    site_name_of_host,
    typed,
    upload_pairs,
)
from pipeline.stages.chrome_cards import keyless_row
from pipeline.stages.context_blocks import ANCHOR, PROSE, SHAPE, UNDECIDED, Line, fields_of
from pipeline.stages.title_shapes import heading_run_into_body
from pipeline.titles import labelled_title

_SENTENCE = re.compile(r"[。！？!?]")

# A labelled line: key：value, or the key in brackets (【发布日期】2023.12.20). Group 1 or 2: the key.
# (A key spaced out to a card's width, 附　　注, 索 书 号, is a key.)
LABEL = re.compile(r"(?:((?:[\u4e00-\u9fff][ \t\u3000]{0,4}){1,6}?)\s*[:：]|【([\u4e00-\u9fff]{1,6})】)\s*\S")
# Any key, Chinese or not (ISBN / 编号：…): a block of fields runs on through it.
_ANY_KEY = re.compile(r"[^:：\s][^:：]{0,11}[:：]\s*\S")


# What a key that names an attribute of the page ends in (主题分类, 信息类别, 公开方式): a
# line under such a key states a fact, however much it reads like a title.
_ATTRIBUTE_ENDS = ("分类", "类别", "类型", "编号", "日期", "时间", "方式", "级别", "状态", "范围")


def names_a_fact(line: str) -> bool:
    """Whether a line is `<key>：<value>` under a key of the page's facts: one the metadata
    reads (发布机构, 格式), or one that names an attribute (主题分类：文化、广电)."""
    m = LABEL.match(line)
    key = m and (m.group(1) or m.group(2))
    return bool(key) and (key in UPLOAD_FIELDS or key.endswith(_ATTRIBUTE_ENDS))


def author_field(lines: list[Line], k: int, marks: dict[int, str] | None = None) -> bool:
    """A labelled line (时间：2024年3月26日上午9:30) in a block of the author's fields: a line
    beside it, with no chrome removed between them, is a field under a key no site writes
    (地点：…, 主持人：…). One key and value, under a key that is not the site's alone; a row of
    the site's facts has several keys or bars (a value may hold a space: 时间：2024年6月20日
    14:00-16:30)."""
    m = LABEL.match(lines[k].text)
    if not m or (m.group(1) or m.group(2)) in SITE_ONLY_KEYS or "|" in lines[k].text \
            or sum(LABEL.match(field) is not None for field in fields_of(lines[k].text)) > 1:
        return False

    def beside(j: int) -> bool:  # (what the rules removed between two lines parts them)
        a, b = sorted((lines[k], lines[j]), key=lambda line: line.start)
        return not any(a.end < p <= b.start for p in marks or ())

    return any(0 <= j < len(lines) and lines[j].cls != SHAPE and (n := LABEL.match(lines[j].text)) is not None
               and (n.group(1) or n.group(2)) not in UPLOAD_FIELDS and beside(j) for j in (k - 1, k + 1))


def block_of_fields(lines: list[Line], k: int, marks: dict[int, str] | None = None) -> list[Line]:
    """The run of labelled lines (key：value) around line k, up to chrome the rules removed
    between two of them (`marks`: a site's row between its record and the author's fields
    makes two blocks)."""
    def joined(a: Line, b: Line) -> bool:  # a then b, both labelled, nothing removed between
        return all(_ANY_KEY.match(x.text) for x in (a, b)) and not any(a.end < p <= b.start for p in marks or ())

    start = end = k
    while start > 0 and joined(lines[start - 1], lines[start]):
        start -= 1
    while end + 1 < len(lines) and joined(lines[end], lines[end + 1]):
        end += 1
    return lines[start:end + 1]


def authors_fields(lines: list[Line], k: int, marks: dict[int, str] | None = None) -> bool:
    """Line k is one of the author's fields (时间：… 地点：… 主持人：…): `author_field`, in a
    block that labels no title (题名：… makes it the site's record of the document)."""
    return author_field(lines, k, marks) and not any(labelled_title(line.text) for line in block_of_fields(lines, k, marks))


def in_field_block(lines: list[Line], k: int) -> bool:
    """A labelled line (会议地点：…) with a labelled line beside it: one of a block of fields
    (a record's 时间/地点/主持人), not a title, though short and without a sentence's end."""
    return LABEL.match(lines[k].text) is not None and any(
        0 <= j < len(lines) and LABEL.match(lines[j].text) is not None for j in (k - 1, k + 1))


# The header a listed company's announcement opens with (证券代码：… 证券简称：… 公告编号：…):
# printed in the document itself, over its heading, in the format its regulator sets.
SECURITIES_HEADER = re.compile(r"(?:证券|股票|债券|基金)(?:代码|简称)\s*:")


def above_the_title(lines: list[Line]) -> list[Line]:
    """Labelled lines (主题分类：… 发布机构：…, 标题：…) between the page's top and the first
    title-shaped line are the site's facts about the page (`labelled_row`): the author's
    own fields (时间：… 地点：…) come under the title, and an announcement's securities
    header is the document's own."""
    # (On a page that lost its line breaks, the title starts the first paragraph.)
    first_title = next((k for k, line in enumerate(lines) if line.shape == "title" and not in_field_block(lines, k)
                        and not names_a_fact(line.text) or line.cls == PROSE and heading_run_into_body().match(line.text)),
                       None)
    first_prose = next((k for k, line in enumerate(lines) if line.cls == PROSE), 0)
    if first_title is None or first_title > first_prose:
        # (No title on top, its name in the browser title the rules took: a line of one of the
        # page's facts alone over the body, 来源：<blog>, is the site's.)
        return [replace(line, cls=SHAPE, shape="labelled_row") if k < first_prose and line.cls != SHAPE
                and names_a_fact(line.text) and not in_field_block(lines, k) and not _SENTENCE.search(line.text)
                else line for k, line in enumerate(lines)]
    return [replace(line, cls=SHAPE, shape="labelled_row") if k < first_title and line.cls != SHAPE
            and LABEL.match(line.text) and not _SENTENCE.search(line.text) and not SECURITIES_HEADER.match(line.text)
            else line for k, line in enumerate(lines)]


_RECORD_NOTE = 40  # characters of a note in a site's record (附注：…), at most
_AFTER_TITLE = re.compile(r"(?:\s*[-–—_|｜·]+\s*[^\s。!?,，]{1,15}){1,2}")


def record_block(lines: list[Line], marks: dict[int, str]) -> tuple[list[Line], tuple[Line, re.Match[str]] | None]:
    """A run of three or more labelled lines (key：value, no sentence) right under chrome the
    rules removed, before any title or sentence, one of which labels the title (题名：…,
    标　题：…): the site's record of the document (a catalogue's entry, a portal's grid). All
    of it is the site's, and its labelled title is the page's title."""
    first = next((k for k, line in enumerate(lines) if line.cls == PROSE
                  or line.shape in ("title", "heading") and not LABEL.match(line.text)), len(lines))
    k = 0
    while k < first:
        run = k
        while run < first and LABEL.match(lines[run].text) and not _SENTENCE.search(lines[run].text) \
                and not (run > k and any(lines[run - 1].end < p <= lines[run].start for p in marks)):
            run += 1  # (a run of the site's record ends at chrome the rules removed)
        titled = [(line, m) for line in lines[k:run] if (m := labelled_title(line.text))]
        under_chrome = any(p <= lines[k].start and (k == 0 or p > lines[k - 1].end) for p in marks)
        if run - k >= 3 and titled and under_chrome:
            # (The record runs on over its labelled lines, a short note that ends a sentence among
            # them: 附注：…录入。 索书号：… 馆藏地：…, up to the first line no key heads; not over
            # a long one, the document's 摘要：….)
            while run < len(lines) and LABEL.match(lines[run].text) \
                    and (lines[run].cls != PROSE or len(lines[run].text) <= _RECORD_NOTE) \
                    and not any(lines[run - 1].end < p <= lines[run].start for p in marks):
                run += 1
            block = range(k, run)
            return [replace(line, cls=SHAPE, shape="record_block") if i in block else line
                    for i, line in enumerate(lines)], titled[0]
        k = run + 1
    return lines, None


def title_footers(lines: list[Line], chrome_title: str) -> list[Line]:
    """Below the body, the page's title (its first title-shaped line, or the title its chrome
    states) with a name or two after it (<title>-<site>, <title>_<book>_<site>): the page's
    browser title in its footer."""
    titles = [t for t in (next((line.text for line in lines if line.shape == "title"), ""), chrome_title) if t]
    last_prose = max((k for k, line in enumerate(lines) if line.cls == PROSE), default=len(lines))
    return [replace(line, cls=SHAPE, shape="title_footer") if k > last_prose and any(
        line.text.startswith(t) and _AFTER_TITLE.fullmatch(line.text[len(t):]) for t in titles)
        else line for k, line in enumerate(lines)]


# Rows whose keys say what their values are: the site's facts about the page.
FACT_ROWS = frozenset({"labelled_row", "fact_row", "digit_row", "byline_row", "counter_row", "remnant", "between_chrome",
                       "record_block", "separated_row"})


def keep_row_facts(doc: Document, rows: list[str]) -> None:
    """The facts a removed row states under a key that names a column (索引号：…, 发布日期：…)
    go to metadata where the rules found none: what the site says of the page is kept, as the
    rules keep it from the rows they take."""
    for row in rows:
        pair, _ = upload_pairs(row)
        found = [(m.group(1), m.group(2), m.start(1)) for m in pair.finditer(row)]
        if not found:
            _keep_keyless(doc, row)
        # (And the fields of a barred row whose key a space sets off: 页数 3 ｜ 上传者 <user>.)
        found += [(m.group(1), m.group(2), 0) for f in fields_of(row) if (m := _SPACED_PAIR.fullmatch(f.strip()))
                  and key_column(m.group(1)) and len(fields_of(row)) >= 2]
        for key, value_text, at in found:
            column = key_column(key)
            if column == "uploader" and parse_date(value_text):
                column = "upload_date"  # (a key that names who posted it, dating it: 发布：2023年11月2日)
            # (An uploader only under a key no author writes: 上传者, Uploaded by. A date's key
            # closes a longer word that may date something else: 引用日期 dates a citation.)
            if column in (None, "author") or (column == "uploader" and key not in SITE_ONLY_KEYS) \
                    or not value_text or doc.metadata.get(column) or _cited(row, at):
                continue
            if (value := typed(column, value_text)) is not None:
                doc.metadata[column] = value
        _keep_bare_facts(doc, row)


# The page count a row says in words (本文档共 5 页, 全文共12页).
_PAGES_SAID = re.compile(r"(?:文档|资料|文件|全文)共\s*(\d+)\s*页")


def _keep_bare_facts(doc: Document, row: str) -> None:
    """Facts standing alone in a removed row's fields (2023年12月28日 · 6 页 · DOCX), and a
    page count said in words, where nothing filled their columns."""
    facts = [(k, v) for f in fields_of(row) if (m := BARE_FACT.fullmatch(f.strip()))
             for k, v in m.groupdict().items() if v]
    facts += [("page_count", m.group(1)) for m in _PAGES_SAID.finditer(row)]
    for column, value_text in facts:
        if not doc.metadata.get(column) and (value := typed(column, value_text)) is not None:
            doc.metadata[column] = value


_SPACED_PAIR = re.compile(r"([\u4e00-\u9fff]{2,5})\s+(\S{1,24})")


def _cited(row: str, key_start: int) -> bool:
    """Whether the key at key_start closes a word of citing or quoting (引用日期, 访问时间)."""
    return row[max(0, key_start - 2):key_start] in _CITING_WORDS


# Words before a date's key that make it a citation's date (引用日期, 访问日期, 检索时间).
_CITING_WORDS = ("引用", "访问", "检索", "获取", "浏览")


def _keep_keyless(doc: Document, row: str) -> None:
    """The facts of a byline's row without keys (<user> · 2024-04-16 · 共3页 · PDF), or of a
    row of nothing but the file's facts (共5页, left of a row the rules took the rest of), where
    the rules found none."""
    facts = keyless_row(row)
    if not facts and BARE_FACT.fullmatch(row.strip()):
        facts = [(k, v) for k, v in BARE_FACT.fullmatch(row.strip()).groupdict().items() if v]
    for column, value in facts:
        column = {"format": "file_format"}.get(column, column)
        if not doc.metadata.get(column) and (typed_value := typed(column, value)) is not None:
            doc.metadata[column] = typed_value


def masthead(lines: list[Line], title: str, marks: dict[int, str], site_endings: tuple[str, ...] = ()) -> list[Line]:
    """The page's first line, title-shaped, over chrome the rules removed, where the page's
    title (as its chrome states it: a breadcrumb's tail, a title label) stands on a line of
    its own further down: the site's name (滨江市数据开放平台 over its nav row), not the title.
    A first line that ends like a site's name (…门户网站) needs no stated title: any
    title-shaped line further down, before the prose, is the page's."""
    if len(lines) < 2 or lines[0].shape != "title" or lines[0].text == title:
        return lines
    if title:
        below = next((k for k, line in enumerate(lines[1:], 1) if line.text == title), None)
    elif site_endings and lines[0].text.endswith(site_endings):
        below = next((k for k, line in enumerate(lines[1:], 1) if line.shape == "title" and not in_field_block(lines, k)), None)
    else:
        return lines
    if below is None or any(line.cls == PROSE for line in lines[:below]) \
            or not any(lines[0].end < p <= lines[below].start for p in marks):
        return lines
    return [replace(lines[0], cls=SHAPE, shape="masthead"), *lines[1:]]


# A domain as the chrome writes it: in an address, after www., or an e-mail's host; a host
# ends a word (not the start of a longer name).
_CHROME_DOMAIN = re.compile(r"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)+(?:com|cn|net|org|cc|top|vip|info|edu|gov|tw|hk|me|io)"
                            r"(?:\.[a-z]{2})?(?![A-Za-z0-9-]|\.[A-Za-z])")


def prefer_the_domain(doc: Document, stages: frozenset[str]) -> None:
    """The site is named by its domain where the chrome the stages removed writes one domain
    (a footer's www.x.com, an address, a service mailbox): a name (X文库) gives way to it, and
    a page that named no site gets it. Two domains or more (an ad's, a partner's): the name stays."""
    site = doc.metadata.get("source_site")
    if site and DOMAIN.fullmatch(site):
        return
    removed = "\n".join(e.before for e in doc.edits if e.stage in stages and e.applied and e.before and not e.after)
    hosts = {site_name_of_host(m.group().lower()) for m in _CHROME_DOMAIN.finditer(removed)}
    if len(hosts) == 1:
        doc.metadata["source_site"] = hosts.pop()


# The page's first line as a browser title prints it: a title, a separator and a short name.
# (A bar needs no spaces, a title holds none; nor does a hyphen before a name without one:
# <title>-<site>.)
_BROWSER_TITLE = re.compile(r"(?P<title>[^|｜]{4,}?)\s*(?:(?:_|\s[-–—|｜]\s|[|｜])\s*(?P<site>[^\s_|｜。！？!?，,]{2,12})"
                            r"|-(?P<hyphened>[^\s_|｜。！？!?，,-]{2,12}))")


# A title that holds a bar of its own (<part>｜<part> - <site>): the site's name after a dash or
# an underscore (after a bar, the line is a row of links).
_BARRED_TITLE = re.compile(r"(?P<title>.{4,}?[^\s|｜])\s*(?:_|\s[-–—]\s)\s*(?P<site>[^\s_|｜。！？!?，,]{2,12})(?P<hyphened>)")


def browser_title(line: str, doc: Document) -> bool:
    """`<title> - <site>` where the site's name is one the rules removed elsewhere on the page
    (its nav row, its footer): the page's title, which split_documents takes, not chrome."""
    m = _BROWSER_TITLE.fullmatch(line) or _BARRED_TITLE.fullmatch(line)
    removed = "\n".join(e.before for e in doc.edits if e.stage == "strip_site_chrome" and e.applied)
    return m is not None and (m["site"] or m["hyphened"]) in match_view(removed)


_SECTION_LABEL_CHARS = 6


def section_labels(lines: list[Line]) -> list[Line]:
    """A short title-shaped line under the page's title, between two rows of chrome shapes
    (最佳答案 between the question's row and the answerer's): the site's label for a part of
    the page, not a heading of the text (a heading has the text under it, not a row)."""
    first_prose = next((k for k, line in enumerate(lines) if line.cls == PROSE), len(lines))
    titles = [k for k in range(first_prose) if lines[k].shape == "title"]
    return [replace(line, cls=SHAPE, shape="section_label") if k in titles[1:] and k + 1 < first_prose
            and len(line.text) <= _SECTION_LABEL_CHARS and lines[k - 1].cls in (SHAPE, UNDECIDED)
            and lines[k + 1].cls == SHAPE else line for k, line in enumerate(lines)]


def restating_site(lines: list[Line]) -> str | None:
    """The site's name after the title on the page's first line (<title>-<site>), where a line
    above the body restates that title: the browser title names the site (a county's media
    centre, 云岭融媒, whose name ends like no site's and whose pages give no domain)."""
    if len(lines) < 2 or not (m := _BROWSER_TITLE.fullmatch(lines[0].text) or _BARRED_TITLE.fullmatch(lines[0].text)):
        return None
    name = "".join(m["title"].split())
    first_prose = next((k for k, line in enumerate(lines) if line.cls == PROSE), len(lines))
    restated = any("".join(line.text.split()) == name for line in lines[1:first_prose])
    return (m["site"] or m["hyphened"]) if restated else None


def restated_title(lines: list[Line]) -> list[Line]:
    """The page's first line as a browser title prints it (<title>-<site>) and a line above the
    body that restates its title (the h1): that line is the page's title, an anchor, whatever
    its shape (a headline of two clauses apart by a space, 县里开展联赛 十六支村队参赛, reads
    as a row of two fields and would go as chrome between the breadcrumb and the byline)."""
    if len(lines) < 2 or not (m := _BROWSER_TITLE.fullmatch(lines[0].text) or _BARRED_TITLE.fullmatch(lines[0].text)):
        return lines
    name = "".join(m["title"].split())
    first_prose = next((k for k, line in enumerate(lines) if line.cls == PROSE), len(lines))
    return [replace(line, cls=ANCHOR, shape="title") if 0 < k < first_prose and line.cls in (SHAPE, UNDECIDED)
            and "".join(line.text.split()) == name else line for k, line in enumerate(lines)]
