"""The related-list rules of strip_site_chrome: links under a 'related' heading
(`related_blocks`, `related_heading`) and lists of titles under a heading no rule knows
(`headed_lists`), with `is_link_line`, the shape of a line that can be a link. Split out
of chrome_lines.py; settings and examples are in `pipeline/rules/site_chrome.toml`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from pipeline.charsets import iter_lines
from pipeline.document import Span
from pipeline.literals import LiteralScan, necessary_literals
from pipeline.metadata import Candidate
from pipeline.rulebook import Rule
from pipeline.stages.chrome_lines import line_cover, merged, pieces_of, uncovered
from pipeline.titles import ends_with_doc_type


def is_link_line(line: str, max_chars: int = 50) -> bool:
    """A line that can be a link to another document: a short title, not a sentence. A
    question may be a title (…怎么写？看这几篇就够了): a short line with one and no full stop."""
    if not 0 < len(line) <= max_chars or line[-1] in ":：,，;；" or any(c in line for c in "。!！"):
        return False
    questions = sum(line.count(c) for c in "?？")
    return questions == 0 or (questions == 1 and len(line) <= _QUESTION_LINK_CHARS)


_QUESTION_LINK_CHARS = 30



_BRACKETED = re.compile(r"【[^】]*】|《[^》]*》")
_NUMBERED = re.compile(r"\s*(?:\d+[.、．]|\d{2}[\s\u3000]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])")


# What a site says of a listed file, set apart at the item's end: its pages, date, rating, readers.
# (A date may leave off its year, 08-28; a rating may be starred, ★4.5; a price, ￥2.90.)
_FILE_FACT_AT_END = re.compile(r"\s(?:共\s*\d+\s*[页张]|\d+\s*[页张](?:\s*★\s*\d(?:\.\d)?)?|(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}"
                               r"|★?\s*\d(?:\.\d)?\s*分?|[¥￥]\s*\d+(?:\.\d+)?"
                               r"|\d[\d,.]*\s*[万千]?\s*(?:人|次)\s*(?:已读|阅读|下载|浏览))\s*$")
_HALVES = re.compile(r"\s+[·•|/]\s+")


_BRACKETED_HEADING = re.compile(r"[【〖\[]([^【】〖〗\[\]]{2,20})[】〗\]]\s*:?")


def related_heading(line: str, rule: Rule) -> str | None:
    """'listed' for a heading from the rule's list (with or without a colon), 'shaped' for
    one found by its shape (`heading_patterns`), else None."""
    if (inner := _BRACKETED_HEADING.fullmatch(line)) is not None:
        line = inner.group(1).strip()  # 【相关范文推荐】: the heading in the site's brackets
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
        # Under a heading found by shape, a numbered item (1.…, 一、…) is the author's list,
        # unless it ends in what a site says of a file (1. <title>　共5页).
        # (A site may close a listed title with a full stop, 关于开展…的通知。; a line with a
        # clause's comma before its full stop is a sentence.) The list ends where a line leaves
        # off the mark its items carry (◆ …), or goes on with the page's own numbering.
        marks = ""
        while j < len(lines) and (cover[j][0] or (is_link_line(_unstopped(line := _line_at(folded, lines[j])), limit)
                                                  and not (kind == "shaped" and _numbered_item(folded, lines[j][0]))
                                                  and not _leaves_the_list(line, marks, folded, lines[i][0]))):
            if not cover[j][0]:
                links.append(j)
                marks = marks or _item_mark(line) or " "
            j += 1
        # A heading found by shape at the page's end (or above nothing but chrome) heads a list
        # that the rules took or the page lost; so does one whose list the text's own numbering
        # resumes under (二、 above the box, 三、 right under it: the site dropped it in between).
        resumed = j < len(lines) and links and _resumes_numbering(_line_at(folded, lines[j]), folded, lines[i][0])
        if kind == "listed" or j == len(lines) or resumed:
            out += [Span(a, b, "", rule.name) for k in [i, *links] for a, b in uncovered(*lines[k], taken)]
            blocks.append((lines[i][0], lines[j - 1][1]))
            i = j
        elif (end := _dropped_box(folded, lines, cover, i, limit)) is not None:
            out += [Span(a, b, "", rule.name) for k in range(i, end) for a, b in uncovered(*lines[k], taken)]
            blocks.append((lines[i][0], lines[end - 1][1]))
            i = end
        else:
            i += 1
    return out, blocks


def _dropped_box(folded: str, lines: list[tuple[int, int]], cover: list, i: int, limit: int) -> int | None:
    """Under a heading found by shape (最新上传, 周排行), a box of other documents that a scraper
    dumped between the author's paragraphs: where it ends (the index of the paragraph under
    it), else None. Its items (numbered or not, tabs among them) follow one another, then
    nothing but chrome the rules took down to a sentence of prose; two in three of those longer
    than five characters end in a kind of document or in what a site says of a file (08-12,
    6页): other documents' titles, not the author's list, which ends the text (its signature
    under it) or runs into the text's own heading (一、…)."""
    j, items = i + 1, []
    while j < len(lines) and not cover[j][0] and is_link_line(line := _line_at(folded, lines[j]), limit) \
            and not _ORDINAL_HEADING.match(line):
        items.append(line)
        j += 1
    end = j
    while j < len(lines) and cover[j][0]:
        j += 1  # (the rules' chrome under the box: an ad, a link's remnant)
    if j == len(lines) or not _PARAGRAPH.search(_line_at(folded, lines[j])):
        return None
    titled = [x for x in items if len(x) > 5]
    listed = sum(_names_a_document(x) or _FILE_FACT_AT_END.search(x) is not None for x in titled)
    return end if len(titled) >= 3 and 3 * listed >= 2 * len(titled) else None


# A sentence of prose: ten characters or more, a sentence's end among them.
_PARAGRAPH = re.compile(r"^(?=.{10})[^\n]*[。!?！？]")


_ITEM_MARK = re.compile(r"\s*([^\w\s\u4e00-\u9fff《【“(（\[])")
_ORDINALS = "一二三四五六七八九十"
# A numbered heading of the text, in its form: 三、, 第三，(or 第三、, 第三是), （三）.
_ORDINAL_HEADING = re.compile(rf"\s*(?:(?P<bare>[{_ORDINALS}])、|第(?P<nth>[{_ORDINALS}])[，,、是]"
                             rf"|[(（](?P<paren>[{_ORDINALS}])[)）])")
_ORDINAL_FORMS = {"bare": "{}、", "nth": "第{}[，,、是]", "paren": "[(（]{}[)）]"}


def _item_mark(line: str) -> str:
    """The mark a list item opens with (◆, ●, ·, -), "" if none."""
    m = _ITEM_MARK.match(line)
    return m.group(1) if m else ""


def _leaves_the_list(line: str, marks: str, folded: str, heading_at: int) -> bool:
    """A line that is not the next item of a list whose items so far opened with `marks`
    (" " for no mark): it opens without their mark, or it is the next of the page's own
    numbered headings above the list (二、 above, 三、 here)."""
    if marks and marks != " " and _item_mark(line) != marks:
        return True
    return _resumes_numbering(line, folded, heading_at)


def _resumes_numbering(line: str, folded: str, heading_at: int) -> bool:
    """The line is the next of the page's own numbered headings above `heading_at` (二、 there, 三、 here)."""
    m = _ORDINAL_HEADING.match(line)
    if not m:
        return False
    form, ordinal = next((k, v) for k, v in m.groupdict().items() if v)
    if ordinal == _ORDINALS[0]:
        return False
    before = _ORDINAL_FORMS[form].format(_ORDINALS[_ORDINALS.index(ordinal) - 1])
    return re.search(rf"(?:^|\n)\s*{before}", folded[:heading_at]) is not None


def _numbered_item(folded: str, at: int) -> bool:
    """The line holding `at` opens with a number (1.…, 一、…) and does not end in what a site
    says of a file (1. <title>　共5页): an item of the author's numbered list. (The whole line is
    read: the pieces of a line with spaces are read one by one, and 1. may be one.)"""
    start, end = folded.rfind("\n", 0, at) + 1, folded.find("\n", at)
    line = folded[start:end if end >= 0 else len(folded)].strip()
    return bool(_NUMBERED.match(line)) and not _FILE_FACT_AT_END.search(line)


def _unstopped(line: str) -> str:
    return line if "," in line or "，" in line else line.removesuffix("。")


def _line_at(folded: str, bounds: tuple[int, int]) -> str:
    return folded[bounds[0]:bounds[1]].strip()


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


# (Or two such words set apart by a dot or a bar: 同课异构 · 更多版本.)
_BARE_HEADING = re.compile(r"[^\s\d。!?,;:|/>»·•]{2,12}(?:\s*[·•|｜]\s*[^\s\d。!?,;:|/>»·•]{2,8})?:?")
_HEADING_MARKS = re.compile(r"[\s·•|｜]")
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
    # (A line the rules took a piece of is chrome too: it ends a run and is never an item.)
    cover = [c[1] for c in line_cover(lines, merged(removed))]
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
        if k > 0 and not cover[k - 1] and folded[lines[k - 1][0]:lines[k - 1][1]].rstrip().endswith(":"):
            continue  # the author announced what follows (板书设计：): an outline, not links
        # The heading is the top-most line of the run that has the shape and stands over
        # nothing but titles longer than itself.
        for h in range(k, j - 2):
            heading = folded[lines[h][0]:lines[h][1]].strip()
            items = [folded[a:b].strip() for a, b in lines[h + 1:j]]
            if len({_item_mark(i) for i in items}) > 1:
                break  # items open with a mark the last does not (+ 工作总结 … <the page's heading>): no one list
            if (_BARE_HEADING.fullmatch(heading) and not heading.startswith(own) and not _NUMBERED.match(heading)
                    and len({len(i) for i in items}) > 1  # lines of one length are verse, not titles
                    and all(len(i) > max(len(_HEADING_MARKS.sub("", heading)), 5) and _TITLE_LIKE.match(i) for i in items)
                    and (not any(_NUMBERED.match(i) for i in items)
                         or 3 * sum(map(_names_a_document, items)) >= 2 * len(items))):
                out += [Span(a, min(b + 1, len(folded)), "", rule.name) for a, b in lines[h:j]]
                blocks.append((lines[h][0], lines[j - 1][1]))
                break
    return out, blocks


def _names_a_document(item: str) -> bool:
    """A numbered item that is a document's title (1. 校庆活动主持词（完整版）): it ends in a
    kind of document, a bracketed note after it aside. An outline's items do not (two in
    three of a numbered list must, for it to be other documents' titles)."""
    return ends_with_doc_type(_NOTE_AFTER.sub("", _NUMBERED.sub("", item, count=1)).strip())


_NOTE_AFTER = re.compile(r"[(（][^()（）]{1,12}[)）]\s*$")


# What an item of a list starts with: a bullet, a number (· , • , 1. , 3、).
_MARKER = re.compile(r"\s*(?:[·•・●○◆◇▪▶►\-*]|\d{1,2}[.、)])\s*")


def listed_titles(folded: str, lines: list[tuple[int, int]], found: list[Candidate],
                  title_rules: set[str]) -> list[tuple[int, int]]:
    """Titles on consecutive lines, taken by one rule, behind one marker and not all alike
    (· <name>.pptx on each line under a download button), are a list of other documents: a
    page names its own file once, or repeats one name (with or without its extension or
    tag). `lines` are the page's non-empty lines; returns the blocks (start, end) whose
    titles are no title of this page."""
    starts = [s for s, _ in lines]
    named: dict[int, tuple[tuple[str, str], str]] = {}
    for c in found:
        if c.field == "title" and c.rule in title_rules:
            k = bisect_right(starts, c.position) - 1
            marker = _MARKER.match(folded, lines[k][0])
            named.setdefault(k, ((c.rule, marker[0].strip() if marker else ""), c.value))
    blocks: list[tuple[int, int]] = []
    run: list[int] = []
    for k in [*sorted(named), None]:
        if run and (k is None or k != run[-1] + 1 or named[k][0] != named[run[-1]][0]):
            if len(run) > 1 and not _all_alike([named[i][1] for i in run]):
                blocks.append((lines[run[0]][0], lines[run[-1]][1]))
            run = []
        if k is not None:
            run.append(k)
    return blocks


def _all_alike(titles: list[str]) -> bool:
    """Whether the titles name one document: each holds the first or is held by it (a name
    with and without its extension or tag: 【文档】X.docx, X)."""
    return all(t in titles[0] or titles[0] in t for t in titles[1:])


# The site's words for its readers' remarks as a whole: no author heads a section so.
_READERS = re.compile(r"(?:网友|读者|用户|全部|最新|热门|精彩|精选)(?:评论|留言|跟帖|回复)")


def comment_threads(folded: str, lines: list[tuple[int, int]], removed: list[Span], rule: Rule) -> list[Span]:
    """Readers' comments: under a comment heading that counts them (网友评论（2）) or that the
    rules took as chrome, the lines of <name>：<remark> that run to the page's end or into
    chrome. `lines` are the page's non-empty lines; returns spans of the heading and remarks."""
    words = tuple(rule.extra.get("heading_words", ()))
    if not any(w in folded for w in words):
        return []
    headings, remarks = _compiled(tuple(rule.extra["heading_patterns"])), _compiled(tuple(rule.extra["comment_patterns"]))
    cover = line_cover(lines, merged(removed))
    out: list[Span] = []
    for i, (s, e) in enumerate(lines):
        line = folded[s:e].strip()
        if len(line) > 16 or not any(w in line for w in words) or not any(p.fullmatch(line) for p in headings):
            continue
        if not (cover[i][1] or any(c.isdigit() for c in line) or _READERS.match(line)):
            continue  # (a heading that counts them, or names the site's readers: 精选留言, 网友评论)
        j = i + 1
        while j < len(lines) and not cover[j][1] and any(p.fullmatch(folded[lines[j][0]:lines[j][1]].strip()) for p in remarks):
            j += 1
        if j > i + 1 and (j == len(lines) or cover[j][1]):
            out += [Span(a, min(b + 1, len(folded)), "", rule.name) for a, b in lines[i + 1:j]]
            if not cover[i][1]:
                out.append(Span(s, min(e + 1, len(folded)), "", rule.name))
    return out
