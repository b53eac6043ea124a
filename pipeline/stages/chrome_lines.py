"""The rules of strip_site_chrome that are logic rather than one pattern, beyond rows and
related lists: `chrome_echo_spans` reads a whole page with what the line rules already
took; `preview_is_a_cut` decides whether a preview notice ends what the page holds; and
`pieces_of`, `line_cover`, `uncovered` and `merged` are the pieces and stretches the
rules share. The row rules (`widget_line`, `counter_row`, `upload_metadata`, `url_line`
…) are in `chrome_rows.py`, the related lists (`related_blocks`, `headed_lists`) in
`chrome_related.py`. Settings and examples are in `pipeline/rules/site_chrome.toml` under
the same names. `pieces_of` cuts a long line where a space stands for a lost line break.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable

from pipeline.charsets import PARAGRAPH_END, is_han, iter_lines
from pipeline.document import Span

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
                 "title_footer", "page_title_line", "breadcrumb_path", "file_row", "share_text",
                 # The site's words about the document name it too (以上就是…整理的<title>…), and
                 # so does the reference it builds for citing it (引用格式：<authors>. <title>[J]…).
                 "editor_outro", "reading_wrapper", "citation_line"}


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


_NAME_THEN_SEPARATOR = re.compile(r"\s*[^\s\-–—|｜·•_]{2,12}\s*[-–—|｜·•_]+\s*")
_CUT_AND_END = re.compile(r"\s*(?:…+|\.{3,})?\s*(?:\n|$)")


def _printed_after_name(line: str, text: str) -> bool:
    """Whether `text` holds a line that is a short name, a separator and then `line` to its end
    (or to the ellipsis where the browser cut it): <site> · <title>, the page's browser title."""
    pos = text.find(line)
    while pos >= 0:
        head = text[text.rfind("\n", 0, pos) + 1:pos]
        if _NAME_THEN_SEPARATOR.fullmatch(head) and _CUT_AND_END.match(text, pos + len(line)):
            return True
        pos = text.find(line, pos + 1)
    return False


# A separator between a browser title's title and a short name after it (<title>_<name>,
# <title>｜<name>, <title> - <name>), and such a name: no sentence mark, no space.
_NAME_SEPARATOR = re.compile(r"\s*(?:[_|｜·•]+|\s[-–—]+\s|[-–—]{1,2})\s*")
_SHORT_NAME = re.compile(r"[^\s。!?,，:：;；_|｜·•\-–—]{2,16}")
_SPACES = re.compile(r"\s+")
# A document's number before its title in a browser title (GB/T 46305—2025 <title>, ISO 9001:2015 <title>).
_NUMBER_BEFORE = re.compile(r"(?=[^\u4e00-\u9fff]*\d)[^\u4e00-\u9fff]{3,30}\s+(?=[\u4e00-\u9fff])")


def restated_titles(text: str, folded: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]],
                    edge_lines: int = 3, reach: int = 16) -> list[tuple[int, int, str, str]]:
    """(start, end, title, name) of each browser title among the page's first and last
    `edge_lines` lines: <title><separator><name> where the page prints <title> again as a
    line of its own among its first `reach` lines (a document's heading is at its top). The
    restated line proves where the title ends, whatever marks it holds (a bracket, a colon,
    a comma; the document's number may come before it); what follows the separator is the
    site's name, not part of the title. The title is given as the heading writes it. (A
    part's heading far down, restated by a table of contents, is out of reach.)"""
    if len(lines) < 2:
        return []
    # (A heading has the document under it: not a line of the page's last three, the footer
    # that may restate the site's name, unless the page is that short.)
    near = [ln for k, ln in enumerate(lines[:reach]) if k < len(lines) - 3 or k <= len(lines) // 2]
    bare = {_SPACES.sub("", folded[s:e]): (s, e) for s, e in reversed(near)}
    ends = lines[:edge_lines] + lines[max(edge_lines, len(lines) - edge_lines):]
    return _restated(text, folded, ends, bare, taken)


def _restated(text: str, folded: str, ends: list[tuple[int, int]], bare: dict[str, tuple[int, int]],
              taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    out = []
    for start, end in ends:
        if any(a < end and start < b for a, b in taken):
            continue
        line = folded[start:end].rstrip()
        for sep in _NAME_SEPARATOR.finditer(line):
            title = line[:sep.start()]
            number = _NUMBER_BEFORE.match(title)
            heading = bare.get(_SPACES.sub("", title)) or (number and bare.get(_SPACES.sub("", title[number.end():])))
            names = [n for n in _NAME_SEPARATOR.split(line[sep.end():]) if n]
            # (A section of the site may come between the title and its name: <title> - <section> - <site>.)
            if heading and heading != (start, end) and 1 <= len(names) <= 2 \
                    and all(_SHORT_NAME.fullmatch(n) for n in names):
                out.append((start, end, text[heading[0]:heading[1]].strip(), names[-1]))
                break
    return out


# (A slogan may be two phrases: 有问题，就会有答案.)
_MASTHEAD = re.compile(r"(?P<name>[^\s\-–—|｜·•_。!?,，:：]{2,10})\s*[-–—|｜·•]+\s*[^。!?:：]{2,20}")


_SEPARATOR_BEFORE = re.compile(r"[-–—|｜·•_][ \t\u3000]*$")


def _states_site_name(name: str, chrome: str) -> bool:
    """Whether the removed chrome states `name` where a site states its own name: anywhere but
    after a separator with more words after it. A browser title <site> · <title>… states the
    document's title there: a heading that starts with the title's first words (一座城与一条河
    ——写在…) is the document's, not a masthead of the site."""
    pos = chrome.find(name)
    while pos >= 0:
        line_end = chrome.find("\n", pos)
        rest = chrome[pos + len(name):line_end if line_end >= 0 else len(chrome)]
        if not _SEPARATOR_BEFORE.search(chrome[chrome.rfind("\n", 0, pos) + 1:pos]) or not rest.strip():
            return True
        pos = chrome.find(name, pos + 1)
    return False


# A date alone on a line (2024年3月5日, 2024-03-05): where a text is signed and dated.
_DATE_ALONE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
# A heading that numbers a part of the document (第三章, 第二节, 第5篇).
_PART_HEADING = re.compile(r"第\s*[\d一二三四五六七八九十百零〇]+\s*[章节篇回卷部]")


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
        if masthead and _states_site_name(masthead["name"], chrome):
            # The page's first lines: the site's name and its slogan, the name the chrome states.
            echoes.append(Span(start, min(end + 1, len(text)), "", "chrome_echo"))
            continue
        if not short or line not in chrome or _signs_a_date(text, end) or _PART_HEADING.match(line) \
                or _DATE_ALONE.fullmatch(line):
            continue  # (a part's heading that a table of contents lists is the document's: 第一章 搬家;
            # a date alone is the author's, however often the site states the same day)
        if _printed_as_title(line, folded) or _printed_as_title(line, earlier) or _printed_after_name(line, chrome):
            continue  # the page carries it as its title (<line>|<site>): the line is the heading
        echoes.append(Span(start, min(end + 1, len(text)), "", "chrome_echo"))
    return echoes


# A line that ends in an ellipsis, after an optional short label (内容提示：, 摘要:).
_EXCERPT = re.compile(r"(?:[^\s:：。!?！？]{1,8}\s*[:：]\s*)?(?P<words>.+?)\s*(?:…+|\.{3,}|。{3})\s*")
_BLANK = re.compile(r"\s+")
MIN_EXCERPT = 16  # characters the excerpt must share with the text it cuts short


def excerpt_spans(text: str, folded: str, removed: list[Span]) -> list[Span]:
    """Lines that are the site's excerpt of the text: its first words, cut short with an
    ellipsis (内容提示：<the opening sentence, cut>……), that the page then prints whole below.
    The words (at least `MIN_EXCERPT` characters, spaces aside) must start a line further
    down: a sentence ending in …… that the author wrote is not printed twice."""
    if "…" not in folded and "..." not in folded and "。。。" not in folded:
        return []
    taken = [(s.start, s.end) for s in removed]
    lines = list(iter_lines(text))
    out = []
    for k, (start, end) in enumerate(lines):
        m = _EXCERPT.fullmatch(folded, start, end)
        # A label claimed at the line's start (内容提示：) leaves the rest to this reading; any
        # other claim on the line leaves it alone.
        rest = max((b for a, b in taken if a <= start < b), default=start)
        if not m or rest >= end or any(rest <= a < end for a, _ in taken):
            continue
        words = _BLANK.sub("", m["words"])
        # (The text below may wrap: enough of it is read to hold the words without spaces.)
        if len(words) >= MIN_EXCERPT and any(
                _BLANK.sub("", folded[s:s + 2 * len(words) + 40]).startswith(words) for s, _ in lines[k + 1:]):
            out.append(Span(rest, min(end + 1, len(text)), "", "body_excerpt"))
    return out


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
            # (A date alone is where a text is signed: it ends there.)
            return line.rstrip()[-1] not in PARAGRAPH_END and not _DATE_ALONE.fullmatch(line.strip())
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


# A short bracketed label at a line's end ([编辑], 【修改】): a button when the page ends
# several lines with the same one (a wiki's edit link after each heading).
_LABEL_IN = r"\[[\u4e00-\u9fff]{1,4}\]|【[\u4e00-\u9fff]{1,4}】|〔[\u4e00-\u9fff]{1,4}〕"
_TAIL_BUTTON = re.compile(rf"(?<=\S)[ \t\u3000]*(?:{_LABEL_IN})[ \t\u3000]*$", re.MULTILINE)


def tail_button_spans(folded: str, max_line_chars: int = 40) -> list[Span]:
    """The same bracketed label closing two or more short lines of a page (一、历史沿革 [编辑]):
    the site's button beside each heading, not the author's words (a citation mark [1] has
    a digit; a note in brackets differs line by line); and the same label alone on its line
    under two or more headings (`lone_button_spans`)."""
    out = lone_button_spans(folded, max_line_chars) + glued_button_spans(folded)
    if "[" not in folded and "【" not in folded and "〔" not in folded:
        return out
    tails = [m for m in _TAIL_BUTTON.finditer(folded)
             if m.end() - (folded.rfind("\n", 0, m.start()) + 1) <= max_line_chars]
    counts = Counter(m.group().strip() for m in tails)
    return out + [Span(m.start(), m.end(), "", "tail_button") for m in tails if counts[m.group().strip()] >= 2]


# A word alone on its line (编辑, 展开): a button when it stands under several headings.
_LONE_WORD = re.compile(r"^[ \t]*[\u4e00-\u9fff]{2,4}[ \t]*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"[。!?！？]")


def lone_button_spans(folded: str, max_heading_chars: int = 40, min_prose_chars: int = 20) -> list[Span]:
    """The same short word alone on a line under two or more headings, each time between a
    short line with no sentence end (the heading) and a line of prose: the site's button
    beside each heading (a wiki's 编辑 link). A flattened table's repeated cell (合格) has
    another cell, not prose, under it."""
    found: dict[str, list[tuple[int, int]]] = {}
    for m in _LONE_WORD.finditer(folded):
        found.setdefault(m.group().strip(), []).append((m.start(), m.end()))
    out = []
    for spots in (v for v in found.values() if len(v) >= 2):
        if all(_under_heading_over_prose(folded, a, b, max_heading_chars, min_prose_chars) for a, b in spots):
            out += [Span(a, min(b + 1, len(folded)), "", "tail_button") for a, b in spots]
    return out


# An entry of a page's contents list: a section number and the section's name (2 工艺特点, 3.1 选材).
_CONTENTS_ENTRY = re.compile(r"^[ \t]*\d{1,2}(?:\.\d{1,2})*[ \t]+(?P<name>[^\s\d][^\n]{1,19}?)[ \t]*$", re.MULTILINE)


def glued_button_spans(folded: str) -> list[Span]:
    """The same short word glued to the end of two or more headings that the page's contents
    list names (目录 … 2 工艺特点 … 工艺特点编辑): the site's button, which lost its space."""
    names = {m["name"] for m in _CONTENTS_ENTRY.finditer(folded)}
    if len(names) < 2:
        return []
    found: dict[str, list[Span]] = {}
    for start, end in iter_lines(folded):
        line = folded[start:end].rstrip()
        for name in (n for n in names if line.startswith(n) and len(line) - len(n) in (1, 2, 3, 4)):
            tail = line[len(name):]
            if all("\u4e00" <= c <= "\u9fff" for c in tail):
                found.setdefault(tail, []).append(Span(start + len(name), start + len(line), "", "tail_button"))
    return [sp for spans in found.values() if len(spans) >= 2 for sp in spans]


def _under_heading_over_prose(folded: str, start: int, end: int, max_heading_chars: int, min_prose_chars: int) -> bool:
    above = folded[folded.rfind("\n", 0, max(0, start - 1)) + 1:max(0, start - 1)].strip()
    below_end = folded.find("\n", end + 1)
    below = folded[end + 1:below_end if below_end >= 0 else len(folded)].strip()
    return 0 < len(above) <= max_heading_chars and not _SENTENCE_END.search(above) \
        and len(below) >= min_prose_chars and bool(_SENTENCE_END.search(below))


_BAR = re.compile(r"\s*[|∣│¦┃]\s*")


def table_header(folded: str, lines: list[tuple[int, int]], span: Span) -> bool:
    """A row of names between bars (项目 | 数量 | 金额) over or under a row of as many cells
    that holds figures (图书购置 | 300册 | 9000): a table's header, not the site's nav."""
    at = next((k for k, (s, e) in enumerate(lines) if s <= span.start < max(e, s + 1)), None)
    if at is None:
        return False
    cells = len(_BAR.split(folded[slice(*lines[at])].strip()))
    return cells >= 2 and any(
        0 <= j < len(lines) and len(_BAR.split(row := folded[slice(*lines[j])].strip())) == cells
        and any(c.isdigit() for c in row) for j in (at - 1, at + 1))

