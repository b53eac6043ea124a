"""Readers' posts under a page's body, as chrome_context reads them: a post's header carries the
site's time stamp as a field of its own (楼主 2024-01-20 09:13, <name>　01-18　<text>, 3小时前), and
a thread of posts runs from its first header to the page's foot. Whatever a reader wrote, it is
not the author's document (the spec's comment widgets), even when it is a sentence.
"""

from __future__ import annotations

import re

from pipeline.document import TITLE, Document, positions_now
from pipeline.stages.chrome_lines import TITLE_BEARING
from pipeline.stages.context_blocks import fields_of
from pipeline.stages.pagination_scans import LIST_START

# A time stamp as sites print it: a dashed or slashed date (with its year, or a zero-padded
# month and day), a clock time, or an age (3小时前, 刚刚). Authors write dates in words (4月1日).
_DATE = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{2}[-/]\d{2})"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
# (A forum says what was done then, before the stamp or after it: 发表于 2023-5-6 10:12:33,
# 回复于 …, 2024-02-27 回答.)
_DONE = "(?:发表|发布|回复|回帖|回答|提问|编辑|评论|留言|更新|提交)"
STAMP_FIELD = re.compile(rf"(?:{_DONE}于?\s*)?"
                         rf"(?:{_DATE}(?:\s+{_CLOCK})?|{_CLOCK}|\d+\s*(?:秒|分钟|小时|天)前|刚刚|(?:昨天|前天)\s*{_CLOCK})"
                         rf"(?:\s*{_DONE})?")
# A full stamp at the end of a line (… 2024-05-17 10:02), wherever the line's fields are cut.
_END_STAMP = re.compile(rf"\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}[ \t]+{_CLOCK}[ \t]*$")
_NAME = re.compile(r"[^\s。!?！？,，;；:：]{1,12}")
# A post's text is a reader's remark: a line of the author's longer than this is no post.
MAX_POST_CHARS = 200
MAX_LABEL_CHARS = 6
MAX_POST_LINES = 4


def is_post_header(line: str) -> bool:
    """A line with a time stamp as a field of its own: its last field, or the one after a
    name (<name>　01-18　<text>, #3 <name> 2024-01-20)."""
    if _END_STAMP.search(line):
        return True
    fields = [f.strip() for f in fields_of(line)]
    if len(fields) < 2:
        return False
    stamps = [i for i, f in enumerate(fields) if STAMP_FIELD.fullmatch(f)]
    if not stamps:
        return False
    first = stamps[0]
    return stamps[-1] == len(fields) - 1 or 1 <= first <= 2 and all(_NAME.fullmatch(f) for f in fields[:first])


def thread(texts: list[str], prose: set[int], headers: set[int], removed_above: set[int]) -> set[int]:
    """The lines (indices) of a thread of posts under the body: from the first post header
    that has the author's prose above it, when two headers or more follow (or one right under
    chrome the rules removed, a comment box's counter), and every line from there to the foot
    is a header or a remark short enough to be one (no heading, no long paragraph). All its
    lines are returned: the readers' (the stage keeps the shape of a line that has one of the
    site's, a footer row)."""
    first_prose = min(prose, default=None)
    if first_prose is None:
        return set()
    # (The first header from which the page's foot is all posts: a header over the page's own
    # long answer, 2024-02-27 回答, starts no thread; the readers' under it may.)
    start = next((k for k in sorted(headers) if k > first_prose and _all_posts(texts, headers, removed_above, k)), None)
    if start is None:
        return set()
    # A floor's label (沙发, #2) goes with its post, the one above the first header too.
    while start - 1 > first_prose and start - 1 not in prose and len(texts[start - 1]) <= MAX_LABEL_CHARS:
        start -= 1
    return set(range(start, len(texts)))


def _all_posts(texts: list[str], headers: set[int], removed_above: set[int], start: int) -> bool:
    """Whether every line from `start` to the foot is a post's header or a remark short enough
    to be a post, with two headers or more (or one right under chrome the rules removed)."""
    tail = range(start, len(texts))
    if sum(k in headers for k in tail) < 2 and start not in removed_above:
        return False
    if any(k not in headers and (len(texts[k]) > MAX_POST_CHARS or LIST_START.match(texts[k])) for k in tail):
        return False
    # A reader's post is a few lines under its header: a run of many is an author's text, its
    # header the page's byline (<user> 收藏于 <date>) over a hard-wrapped body.
    run = 0
    for k in tail:
        run = 0 if k in headers else run + 1
        if run > MAX_POST_LINES:
            return False
    return True


_DATED = re.compile(rf"(?<![\d-]){_DATE}(?![\d-])|\d+\s*(?:分钟|小时|天)前")


def removed_post_headers(doc: Document) -> list[int]:
    """Where strip_site_chrome removed a whole line that dates a post (<name> 发表于 2023-5-6
    11:02, a byline of the site's) or heads a comment box (网友评论（2）): in the current text,
    the start of the line after it, the first post's first line. (Not a line that names a
    document: a page's thumbnail, 2024.03.12 <title>.pdf_第3页, dates a file, no post; nor an
    item of the site's list of other documents, 村级工作职责　11-18, whose date is its upload's:
    what such a list took is a post's header only with the time of day or an age a post has.)"""
    picked = [i for i, e in enumerate(doc.edits) if e.stage == "strip_site_chrome" and e.applied and "\n" in e.before
              and not e.after and e.position != TITLE and e.rule not in TITLE_BEARING
              and (e.rule not in _DOCUMENT_LISTS or _TIMED.search(e.before))
              and (_DATED.search(e.before) or e.rule in _COMMENT_BOXES)]
    return positions_now(doc.edits, picked)


# The rules that take a comment box's heading (网友评论（2）): the posts start under it.
_COMMENT_BOXES = frozenset({"comment_widget"})
# The rules that take the site's lists of other documents (their items dated by upload, a
# post by the minute: 2023-11-22 08:16, 3小时前).
_DOCUMENT_LISTS = frozenset({"related_links"})
_TIMED = re.compile(rf"{_CLOCK}|\d+\s*(?:秒|分钟|小时|天)前|刚刚")


# A rule line: a run of one dash, underscore or equals sign, alone on its line.
_RULE_LINE = re.compile(r"[-_=—─━*~]{6,}")
# What an author sets under a rule line: a note, an appendix, a source.
_AUTHORS_NOTE = re.compile(r"(?:注|附|备注|说明|资料来源|数据来源|来源|参考)")
MAX_SIGNATURE_LINES, MAX_SIGNATURE_CHARS = 2, 30


def signature(texts: list[str], prose: set[int]) -> set[int]:
    """A poster's signature at the page's foot: a rule line under the body and at most two
    short lines under it, the last lines of the page (no note of the author's: 注：…, 附件…).
    The lines (indices) it takes, or none."""
    if not texts or not prose:
        return set()
    rule = next((k for k in range(len(texts) - 1, max(len(texts) - 2 - MAX_SIGNATURE_LINES, 0), -1)
                 if _RULE_LINE.fullmatch(texts[k])), None)
    if rule is None or rule <= min(prose) or rule == len(texts) - 1:
        return set()
    under = texts[rule + 1:]
    if any(len(t) > MAX_SIGNATURE_CHARS or _AUTHORS_NOTE.match(t) for t in under):
        return set()
    return set(range(rule, len(texts)))

