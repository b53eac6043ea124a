"""What a title line looks like to split_documents: `is_title_shaped` (a heading, not a
sentence, a list item, a salutation, a date or a byline), with the shapes it rules out
(`DATE_LINE`, `NOT_A_TITLE`). Split out of split_documents.py, which reads titles and
headings with it, as bundles.py does.
"""

from __future__ import annotations

import functools
import re

from pipeline.charsets import PARAGRAPH_END, han_chars, is_han, match_view
from pipeline.document import Document, removed_lines
from pipeline.metadata import clean_title, is_a_title, is_site_name
from pipeline.rulebook import load_rule_data, rules_by_name
from pipeline.stages.pagination_scans import LIST_START
from pipeline.titles import labelled_title

_NUM = "[\\d〇零一二三四五六七八九十]"
DATE_LINE = re.compile(rf"{_NUM}{{2,4}}\s*年{_NUM}{{1,2}}\s*月(?:{_NUM}{{1,3}}\s*日)?")
# What a title is not, though it is short and unpunctuated: a nav row (栏目A | 栏目B), a
# byline (<user> 分享于 <date>) or a credit line (本文由<user>上传).
NOT_A_TITLE = re.compile(r"[|｜]|(?:分享|上传|发布|发表|贡献)于\s*\d|由\s*\S{1,24}?\s*(?:上传|分享|贡献|发表)")
_CLOSING = "”’」』》"
# A headline after its series by one bar, both parts long (读书会第十二期回顾｜在一本小书里读懂…):
# a title, where a row of links has short items and a browser title a short name after its bar.
_BARRED_TITLE = re.compile(r"(?P<series>[^|｜\s]{6,})[|｜](?P<headline>[^|｜\s]{6,})")
_BARRED_PART_HAN = 6


def barred_title(line: str) -> bool:
    """A series and a headline set apart by one bar, each with enough Han to be no link, the
    headline the longer (<title>|<某某法规库>, a short name after a long title, is a browser
    title) and no site's name."""
    m = _BARRED_TITLE.fullmatch(line.strip())
    if m is None or is_site_name(m["headline"]):
        return False
    series, headline = len(han_chars(m["series"])), len(han_chars(m["headline"]))
    return _BARRED_PART_HAN <= series < headline
# How a document's body opens after its heading, when a page ran the two together: a
# salutation (同志们：, 各科室、各班组：) short and with no sentence's end before its colon; an
# article, chapter or numbered part; or (`opening_words`) a clause of purpose, basis or time.
# A note in brackets may stand between (…办法（2023年…公布）第一条).
_BODY_OPENING = (r"(?:[(（][^()（）\n]{1,60}[)）])?\s*(?:[^。！？!?；;：:\n]{1,40}[：:]"
                 r"|第[一二三四五六七八九十百\d]{1,4}[条章节部分]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]"
                 r"|{words})")


def glued_heading(doc_types: list[str], opening_words: list[str]) -> re.Pattern[str]:
    """The heading run into its body at the start of a line: up to 40 characters with no
    sentence's punctuation, closing with a kind of document, before how a body opens."""
    types = "|".join(map(re.escape, doc_types))
    words = "|".join(map(re.escape, sorted(opening_words, key=len, reverse=True)))
    return re.compile(rf"\s*(?P<h>[^。！？!?，,：:；;\n]{{4,40}}?(?:{types}))(?={_BODY_OPENING.replace('{words}', words)})")


@functools.cache
def heading_run_into_body(rule_file: str = "documents.toml") -> re.Pattern[str]:
    """`glued_heading` with the kinds of document and the opening words of `rule_file`."""
    words = sorted(load_rule_data(rule_file)["doc_types"]["words"], key=len, reverse=True)
    return glued_heading(words, rules_by_name(rule_file)["title_line"].extra.get("opening_words", []))


# The rows under a title that say who put the document up and when (and how often it was read).
BYLINE_RULES = frozenset({"upload_metadata", "byline", "edit_stamp", "sharer_line", "stamp_line",
                          "byline_row", "reading_stats"})
# A line holding these has begun the body: no title is looked for below it.
_BODY_MARKS = re.compile("[。，；！？]")


# A field, not a heading: a short key, its colon and a short value (来源：个人博客, 编辑：周青).
_FIELD_LINE = re.compile(r"[\u4e00-\u9fff]{2,4}\s*[:：]\s*[^:：\s]{1,8}")


def is_title_shaped(line: str, max_chars: int) -> bool:
    """A heading, not a sentence, a list item, a salutation, a date, a byline or a field (a
    title under its label, 标题：…, is one)."""
    line = line.strip()
    if len(han_chars(line)) < 4 or DATE_LINE.fullmatch(line) or NOT_A_TITLE.search(line) and not barred_title(line):
        return False
    if _FIELD_LINE.fullmatch(line) and not labelled_title(match_view(line)):
        return False
    # A title may end with a bracketed note: …心得体会（精选3篇）, …办法（试行）.
    line = re.sub(r"[(（][^()（）]{1,12}[)）]$", "", line).strip() or line
    # …or with a quoted phrase or a book name (我心中的“最美庭院”), which a quoted sentence
    # (他说：“…”) is not.
    core = line.rstrip(_CLOSING) or line
    if core != line and re.search(r"[:：][“‘「『]", line):
        return False
    # A question alone may be a title (a question-and-answer page's: 孩子成绩下滑怎么办？).
    question = core[-1] in "？?" and not re.search("[。！？!?；;]", core[:-1])
    return (2 <= len(line) <= max_chars and (core[-1] not in PARAGRAPH_END or question) and core[-1] not in "，,、"
            and "。" not in line and not LIST_START.match(line))


def title_over_byline(doc: Document, chrome_stages: frozenset[str], max_chars: int,
                      max_lines: int = 3) -> tuple[int, int] | None:
    """(start, end) of a title-shaped line that sits on the page's byline (the removed row of
    who shared it, when), below lines that the site's removed chrome cuts off from it (a
    user's space such as 某某的收藏馆 over a nav row): that line, not the first, is the
    document's title, as an article page sets it. None when no such line is near the top."""
    removed = removed_lines(doc, chrome_stages)
    bylines = {p for p, rule in removed if rule in BYLINE_RULES}
    chrome_above = {p for p, _ in removed}
    pos = 0
    for index in range(max_lines):
        end = doc.text.find("\n", pos)
        if end < 0:
            return None
        line = doc.text[pos:end].strip()
        if index and end + 1 in bylines and pos in chrome_above and is_title_shaped(line, max_chars) \
                and is_a_title(clean_title(line)):
            return pos, end
        if _BODY_MARKS.search(line):
            return None
        pos = end + 1
    return None


# A subtitle: a line that opens with a dash and goes on with a phrase, no sentence
# (——基于三所高校的调查, —以某县为例); a line the dashes close (—— 免费预览 ——) is a banner.
_SUBTITLE = re.compile(r"[ \t\u3000]*(?:—{1,2}|-{2}|－{2})[ \t\u3000]*(?P<phrase>[^—\-－。！？!?；;\n]{4,40}?)[ \t\u3000]*")


def subtitle_under(text: str) -> tuple[int, str] | None:
    """The subtitle on the text's first line (under the title): the line's end and the
    phrase; or None."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    m = _SUBTITLE.fullmatch(text, 0, end)
    if m is None or sum(is_han(c) for c in m["phrase"]) < 4 or m["phrase"][-1] in "，,、：:":
        return None
    return end, m["phrase"]


# (Not a dash: an author sets a subtitle off with one, ——以…为例.)
_TAIL_SEPARATORS = re.compile(r"\s*[-_|｜]\s*")


def named_site_tail(title: str, chrome: str) -> tuple[str, str] | None:
    """<title>-<site>-<slogan>: (title, site) where the first part after a separator, of two or
    more, is a name the page's chrome states elsewhere (its banner, its footer): the tail from it
    is the site's, whatever follows. The part before it must be a title (2023-2024学年… does not
    part at its years)."""
    cuts = list(_TAIL_SEPARATORS.finditer(title))
    if len(cuts) < 2:
        return None  # (one separator: <title>_<name>, read by its own rule)
    for k, cut in enumerate(cuts):
        head, rest = title[:cut.start()], title[cut.end():cuts[k + 1].start() if k + 1 < len(cuts) else len(title)]
        if len(rest) >= 2 and rest in chrome and is_a_title(head):
            return head, rest
    return None
