"""Where split_documents finds a page's title line (`TitleLines._first_title_line`): the
first line, or one past a nav row, byline, credit line or site header; the heading a page
that lost its line breaks runs into its body; the last element of a nav row; the running
header pagination removed from the top. Split out of split_documents.py (a mixin of
SplitDocuments, whose doc types and heading pattern these methods read).
"""

from __future__ import annotations

import re

from pipeline.document import Document, positions_now
from pipeline.metadata import PAGE_COUNTER, clean_title, is_a_title, is_site_name, pages_in_title, split_site_suffix
from pipeline.stages.title_shapes import NOT_A_TITLE, is_title_shaped
from pipeline.titles import is_category, is_fact_line, is_site_header, path_tail

# A site's name after a title (<title>_<site>, <title> - <site>): any short name, known to be
# the site's when the page's chrome states it again.
TITLE_SUFFIX = re.compile(r"(?P<title>.{4,}?)\s*(?:(?:_|\s[-–—|｜]\s|\s*[|｜]\s*)\s*(?P<site>[^\s_|｜。！？!?，,]{2,12})"
                           r"|-(?P<hyphened>[^\s_|｜。！？!?，,-]{2,12}))")
# A title stated twice at the start of a line (the page's title, then the heading).
TWICE = re.compile(r"[ \t]*(?P<piece>\S{4,50})[ \t]+(?P=piece)(?=\s|$)")
_CLAUSE_MARKS = set("，,！!；;")
_NOTE_AT_END = re.compile(r"[(（][^()（）]{1,12}[)）]$")
# Where a title line's last part may start: after a space, a closing bracket or a colon.
# (Not after a separator: <title> | <name> is a browser title, the name the site's or a user's.)
_TAIL_START = re.compile(r"(?<![|｜\-–—_·>/\s])(?:(?<=[\]】》:：])|\s+)(?=[^\s|｜\-–—_·>/])")


def stated_tail(title: str, doc: Document, start: int, end: int, chrome_stages: frozenset[str]) -> str:
    """The last part of a title line that the page states on its own elsewhere (a line of the
    text, or the start of a line the chrome stages removed: the browser title), when the line
    ran the site's words or a second copy into it on a page that lost its line breaks
    (请先登录后下载… [合同范本] <title>, <title> <title>: a part it states twice); else the
    title line whole."""
    elsewhere = doc.text[:start] + "\n" + doc.text[end:]
    lines = {line.strip() for line in elsewhere.split("\n")} | {
        e.before.strip() for e in doc.edits if e.applied and e.stage in chrome_stages and not e.after.strip()}
    for m in _TAIL_START.finditer(title):
        tail = title[m.end():].strip()
        if len(tail) < 4 or not is_title_shaped(tail, len(tail)):
            continue
        if title.count(tail) >= 2:
            return tail
        # (Only after words that are no title, a notice's clause: a title's own parts, or a
        # site's name after it, <title> - <site>, are the title line's.)
        bare = _NOTE_AT_END.sub("", tail).strip()  # (the heading may leave off the title's note: …合同（2024版）)
        if _CLAUSE_MARKS & set(title[:m.end()]) and not is_site_name(tail) and (tail in lines or bare in lines or any(
                line.startswith(tail) and not line[len(tail):len(tail) + 1].isalnum() for line in lines)):
            return tail
    return title


class TitleLines:
    """The title-line methods of SplitDocuments (a mixin: the doc types and the pattern of
    a heading run into its body are the stage's)."""

    def _first_title_line(self, text: str, max_chars: int, chrome: str = "",
                          max_skipped: int = 2) -> tuple[int, int, int] | None:
        """(cut, start, end): the title on top of the page is text[start:end], and text[cut:]
        from the end on goes. The title is the first line, or one past a nav row, byline,
        credit line or site header; past a path's categories (工作报告, a short kind of
        document) when a real title of a kind of document follows them. Site headers and
        categories above the title go with it (they are the site's, found by their shape);
        or the first piece of a line that states it twice (a one-line page that lost the
        break between the page's title and the heading). None when the body starts at once
        (a salutation, a date, a sentence) or the page is one line. `chrome`: what the rules
        removed, where a name after the title must be stated to be the site's."""
        pos, weak, cut = 0, None, None
        for _ in range(max_skipped + 1):
            end = text.find("\n", pos)
            if end < 0:  # the last line: a title only if it runs into the body
                glued = None if weak else self._heading_run_into_body(text, pos, len(text), max_chars)
                return ((pos if cut is None else cut), *glued) if glued else ((weak[0], *weak) if weak else None)
            line = text[pos:end].strip()
            title = split_site_suffix(line)[0]
            if title == line and (m := TITLE_SUFFIX.fullmatch(line)) and (m["site"] or m["hyphened"]) in chrome:
                title = m["title"]  # (<title>|<name>, the name one the chrome removed elsewhere states)
            header = is_site_header(line, is_site_name)
            if not header and is_title_shaped(title, max_chars) and is_a_title(clean_title(title)) \
                    and text[end + 1:].strip():
                if weak is None and not (is_category(title) and self.ends_with_doc_type(title)):
                    return (pos if cut is None else cut), pos, end
                if weak is None:
                    weak, cut = (pos, end), (pos if cut is None else cut)
                elif not is_category(title) and self.ends_with_doc_type(title):
                    return cut, pos, end
            elif (twice := TWICE.match(text, pos, end)) and is_title_shaped(twice["piece"], max_chars):
                return (pos if cut is None else cut), twice.start("piece"), twice.end("piece")
            elif weak is None and (tail := self._nav_row_title(text[pos:end], max_chars)):
                return (pos if cut is None else cut), pos + tail[0], pos + tail[1]
            elif weak is None and (glued := self._heading_run_into_body(text, pos, end, max_chars)):
                return (pos if cut is None else cut), *glued
            elif not (header or NOT_A_TITLE.search(line) or is_fact_line(line)) or weak:
                break
            if header and cut is None:
                cut = pos
            pos = end + 1
        return (weak[0], *weak) if weak else None

    def _heading_run_into_body(self, text: str, start: int, end: int, max_chars: int) -> tuple[int, int] | None:
        """Where the heading is in a line that runs it into the body (a page that lost its
        line breaks): a title of a kind of document before how a body opens."""
        m = self.glued_heading.match(text, start, end)
        # (了 closes a clause: 会议听取了…工作报告 is a sentence, not a heading)
        if m is None or "了" in m["h"] or not (is_title_shaped(m["h"], max_chars) and is_a_title(clean_title(m["h"]))):
            return None
        return m.start("h"), m.end("h")

    def _nav_row_title(self, line: str, max_chars: int) -> tuple[int, int] | None:
        """A nav row or what the chrome stage left of one (首页 | 公文 | <title>, | <title>)
        whose last element is a real title of a kind of document: where that title is."""
        if not NOT_A_TITLE.search(line) or not (tail := path_tail(line)):
            return None
        title = clean_title(line[tail[0]:tail[1]])
        ok = is_title_shaped(title, max_chars) and self.ends_with_doc_type(title) and not is_category(title)
        return (tail[1] - len(title), tail[1]) if ok and line[tail[0]:tail[1]].endswith(title) else None

    @staticmethod
    def _removed_header(doc: Document, max_chars: int) -> str | None:
        """The running header pagination removed from the very top of the page (every copy
        of a title repeated on each page goes, the first one included), if title-shaped."""
        for i, edit in enumerate(doc.edits):
            if edit.stage != "pagination" or edit.rule != "running_header" or not edit.applied:
                continue
            line = edit.before.strip()
            if positions_now(doc.edits, [i]) == [0] and is_title_shaped(line, max_chars) and not is_site_name(line):
                if (pages := pages_in_title(line)) is not None:
                    doc.metadata.setdefault("page_count", pages)
                return PAGE_COUNTER.sub("", line)  # (the header's page counter is the page's)
            return None
        return None
