"""restore_line_breaks: a page that lost its line breaks gets them back before any line rule reads it.

A scraper that collapses a page's layout leaves its blocks (the site's menu, the title, the
facts row, each paragraph, the related list, the footer) on one long line, separated by a
space. Every line rule of the stages after this one (chrome rows, breadcrumbs, titles,
related lists, repeated lines, running headers) reads whole lines, so on such a page the
breaks come back first: a run of spaces between two blocks is a line break.

What is a block boundary, by what stands on either side of the run:
- before it, Chinese text, a sentence end or a closing bracket, an address with a path
  (`…/doc/2.html 相关推荐`), a date (`…总结　05-13 母亲节…`) or a row of facts' last value
  (`阅读:1,047 第一条…`); not a number
  between labels (`阅读 1.2万 | 下载 302`, `页数 7 上传者`) nor a mark that opens what follows
  (`☆ 收藏`, `· 2024年工作计划`);
- after it, Chinese text, an opening bracket or quote or an item mark (`举报 ☆ 收藏`); Latin
  or digits after a sentence end (`…完成。 2.慢性病管理…`) or where they open a block
  (`APP下载`, `1.家庭医生…`, `2023年社区…`), not as a label's value (`页数 7`, `时间 2024年5月`);
- not next to a separator that binds the pieces of one row (`首页 | 文档`, `上传者：张三 · 3页`),
  unless it heads a listed title (`相关推荐 · 2024年度工作计划　3页 · …`); before a list's next
  number (`…报告　￥4.90 15.乡村振兴…`) whatever stands before it;
  a page number (`- 3 -`, `— 2 / 4 —`, `第 2 页 共 12 页`) is a line of its own, so is a notice
  set between rules or dots (`…复查， ……余下内容需下载查看……`, `—— 试读结束 ——`), and so is each
  item of a ranking numbered 1, 2, 3 … (or 01, 02 …) with bare numbers (`热点推荐 1 <title> 2 …`),
  and a 'related' heading of site_chrome's `related_links` (`免费下载 同类试卷 2023-2024学年…`);
- not between two short words (a menu, a tag row: `首页 讲话稿 工作总结`, `文明交通 你我同行`),
  nor inside a name the page prints twice (a headline with a space in it);
- not inside an open bracket (`（记者 张三）`), nor after a clause's number (`第一条 为加强…`),
  nor before a key (`日期:`) on a row that holds one already (`上传:hr_li 日期:2023.12.28`);
  a poster's name and remark after a comment's counter (`回复　👍15 小陈：已转藏，…`) opens a line.
Only a flattened page (`lost_line_break` in rules/line_breaks.toml: its longest line holds
nearly all of it) is read so; a page that kept its lines is left to pagination's
`flattened_paragraph`, which breaks a long line only after a sentence end or a heading.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Annotated

from pipeline.charsets import PARAGRAPH_END, is_han, iter_lines, match_view
from pipeline.document import Document, Span
from pipeline.rulebook import Rule, rules_by_name
from pipeline.stages.base import RuleFile, Stage
from pipeline.stages.chrome_related import related_heading

# What binds the two pieces around it into one row.
SEPARATORS = "|｜·•‧/／\\>＞»›<＜«‹—–-_~～:：,，、;；&＆+＋=＝@"
# What opens the piece after it (an item mark, a bullet, an arrow): a space after it is inside the piece.
MARKS = "©®☆★●○◆◇■□▶►▷▸→↓↑←✔✓√※#＃♦♥❤✚✦✧➤➜⊙◎△▲▽▼"
# Marks that separate a row's cells (上传于 2024-01-09 · 3 页) or head a listed title: a title
# (six Chinese characters or more before the next mark or wide space) says which.
BULLETS = "·•◆◇→▪▸►"
_BULLET_ITEM = re.compile(r".[ \t]?(?:[^\s·•◆◇→▪▸►\u3000]*?[\u4e00-\u9fff]){6}")
_LIST_NUMBER = re.compile(r"\d{1,2}(?:[.、．]|\u3000+)(?!\d)[\u4e00-\u9fff“《（(]")
# A ranking's bare number (热点推荐 1 <title> 2 <title> 3 <title>): a space after it, a title.
_BARE_RANK = re.compile(r"(?<=[ \t])(\d{1,2})[ \t\u3000]+(?=(?:[^\s\d]*?[\u4e00-\u9fff]){4})")
# A notice set between rules or dots (……余下内容需下载查看……, —— 试读结束 ——): a block of its own.
# (The rule that opens it: the same rule closes it, within the notice's few words.)
_DECORATED = re.compile(r"(?P<c>[…—.=*~-])(?P=c)+ ?[^\s…—.=*~-][^…—=*~\n]{0,40}? ?(?P=c){2,}")
_GAP = re.compile(r"[ \t]+")
_HAN_WORD_LATIN_END = re.compile(r"[\u4e00-\u9fff][A-Za-z]{2,5}$")
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
# An address ending where the run starts.
# (An address with a path: not a bare domain, which a site's name and slogan keep on their
# line, 文秘驿站 wenmiyz.com 专业公文素材库, nor a word of an English phrase, Open Source 开源.)
_LATIN_WORD_END = re.compile(r"[\w.:%-]*/[\w./:%?=&-]*$", re.ASCII)
# Latin or digits that open a block of their own after a label-like word: a name run into
# Chinese (APP下载), a list number (1.家庭医生…), a year heading a title (2023年社区…; not a
# date, 2024年5月, which is a label's value).
_STARTS_BLOCK = re.compile(r"[A-Za-z]{2,}[\u4e00-\u9fff]{2}|\d{1,2}[.、．][\u4e00-\u9fff]"
                           r"|\d{4}年(?![\d〇零一二三四五六七八九十]{1,3}月)[\u4e00-\u9fff]"
                           # a school year heading a title (2023-2024学年…)
                           r"|\d{4}\s?[-–—~至]\s?\d{4}学?年"
                           # a date that opens a row of its own (…上范本栈 2024年1月9日 · 3 页)
                           r"|\d{4}[-./年]\d{1,2}[-./月]\d{1,2}"
                           # a sentence that opens on its date (7月7日晚，…)
                           r"|\d{1,2}月\d{1,2}日[^\s，,。]{0,4}[，,]")
# A date ending a listed item (…活动总结　05-13 母亲节…, 2024-06-12 作者).
_DATE_END = re.compile(r"(?<![\d.])(?:\d{4}[-./])?(?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])$")
# A page number (- 3 -, — 2 / 4 —, 第 2 页 共 12 页, Page 2 of 9): a line of its own, whatever its neighbours.
_FOLIO = re.compile(r"(?<=[ \t])(?:[-—–] ?\d{1,3} ?(?:/ ?\d{1,3} ?)?[-—–]|第 ?\d{1,3} ?页 ?[/,，]? ?共 ?\d{1,3} ?页"
                    r"|[Pp]age \d{1,3} of \d{1,3})(?=[ \t])")
_TOKEN_START = re.compile(r"[\s\u3000:：]+")
_WORD = re.compile(r"(?=[^\u4e00-\u9fff]*[\u4e00-\u9fff])[\u4e00-\u9fff0-9A-Za-z]{1,6}")  # a Chinese word among them
_ROW_MARK = re.compile("[|｜:：·•]")
# A poster's name, its colon and a remark that reads as a sentence (小陈：已转藏，下周…).
_POSTER = re.compile(r"[^\s:：，。！？]{1,10}[：:][^\s:：]{2,}?[，,。！？!?]")
_SENTENCE_AHEAD = re.compile(r"[^\s]{6,}?[，,。！？；]")
_SHORT_VALUE = re.compile(r"[^\s，。！？；、,;!?]{1,12}(?:[ \t]|$)")
# A key whose value is a date (日期, 时间, 上传于, 发布日): the date after it is its value.
_DATE_KEY_END = re.compile(r"[期间于日时]$")
# A key and its colon (日期:, 阅读量：): on a row that holds one already, the next is the same row's.
_KEY = re.compile(r"[\u4e00-\u9fff]{1,5}[:：]")
# A row of facts so far: its last key with a short value (上传:hr_li, 作者：张三　阅读量：35), not a
# breadcrumb after 当前位置： nor a poster's sentence after 张三：.
_FACT_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,5}[:：][^:：>»。！？!?]{0,16}$")
OPENERS = "“‘\"'《（(【「『〔"
_CLAUSE_NUMBER = re.compile(r"第[〇零一二三四五六七八九十百千\d]{1,4}[条條款项項章节節]$")


# How far back an open bracket holds a space inside it (（记者 张三）): a bracket a decoder's
# lost byte left unclosed (赞 128 …) must not hold every later break on the page.
_BRACKET_REACH = 40


def _opens_bracket(piece: str) -> bool:
    return piece.count("（") + piece.count("(") + piece.count("【") > piece.count("）") + piece.count(")") + piece.count("】")


def _inside_brackets(text: str, last: int, at: int) -> bool:
    """Whether the run at `at` is inside a bracket opened since the last break that closes
    within `_BRACKET_REACH` characters of its opening."""
    start = max(last, at - _BRACKET_REACH)
    if not _opens_bracket(text[start:at]):
        return False
    opened = max(text.rfind(c, start, at) for c in "（(【")
    return any(c in text[at:opened + _BRACKET_REACH] for c in "）)】")


def _is_boundary(text: str, last: int, at: int, end: int) -> bool:
    """Whether the run of spaces text[at:end] parts two blocks, the last break being at
    `last` (see the module's doc)."""
    before, after = text[at - 1], text[end]
    # A colon before a run is a salutation's or a lead-in's (同志们： 这次会议…) unless a short
    # value follows (作者： 张三).
    ends = before in PARAGRAPH_END and not (before in "：:" and _SHORT_VALUE.match(text, end))
    rating = before in "★☆" and text[at - 2:at - 1] in ("★", "☆")  # a rating's stars end its value
    if after in BULLETS and _BULLET_ITEM.match(text, end):
        return True  # a bullet heading a title (相关推荐 · 2024年客户服务部年度工作计划　3页 · …), not a row's separator
    if not ends and before in SEPARATORS or after in SEPARATORS or before in MARKS and not rating:
        return False
    if not ends and _KEY.match(text, end) and _FACT_BEFORE.search(text, last, at):
        return False  # the next key of a row of facts (not the next poster of a thread: 张三：说得对！ 李四：…)
    if _ASCII_ALNUM.match(after):
        if _LIST_NUMBER.match(text, end) and not is_han(before):
            return True  # the next item of a numbered list (…报告　￥4.90 15.乡村振兴…)
        # (after a word: Chinese, or Latin a Chinese word ends with, 相关PPT; after a listed date, …　05-02 2024年…)
        after_item = is_han(before) or _HAN_WORD_LATIN_END.search(text, max(0, at - 6), at) is not None \
            or _DATE_END.search(text, max(0, at - 12), at) is not None
        return ends or after_item and _STARTS_BLOCK.match(text, end) is not None \
            and not _DATE_KEY_END.search(text, at - 1, at)
    if not (is_han(after) or after in OPENERS or after in MARKS):
        return False
    # After a number: only the last value of a row of facts (阅读:1,047 第一条…; 收藏 27 <a
    # sentence>), not a value between two labels (下载 302 收藏).
    if before.isdigit() and _POSTER.match(text, end):
        return True  # a comment's counter, then the next poster's remark (👍15 小陈：已转藏，…)
    return ends or rating or is_han(before) or _LATIN_WORD_END.search(text, max(0, at - 80), at) is not None \
        or _KEY.search(text, last, at) is not None or _DATE_END.search(text, max(0, at - 12), at) is not None \
        or _SENTENCE_AHEAD.match(text, end) is not None and _ROW_MARK.search(text, last, at) is not None


def _in_word_row(text: str, last: int, at: int, end: int, line_end: int) -> bool:
    """Two short words (a menu, a tag row, a slogan: 首页 讲话稿 工作总结, 文明交通 你我同行)
    on either side of the run are one row, unless a separator row starts after it or ends
    before it (注册 | 登录 热门搜索; 资料汇 > 汇报材料)."""
    start = max([last, *(m.end() for m in _TOKEN_START.finditer(text, last, at))])
    stop = text.find(" ", end, line_end)
    stop = line_end if stop < 0 else stop
    if not (_WORD.fullmatch(text, start, at) and _WORD.fullmatch(text, end, stop)):
        return False
    before_word, after_word = text[max(last, start - 3):start].strip(), text[stop:stop + 3].strip()
    row_ends = before_word[-1:] in SEPARATORS and before_word[-1:] not in ":："  # (a key's colon: 作者：记者 吴昊)
    return not (row_ends or after_word[:1] in SEPARATORS and after_word)


def _inside_a_repeated_name(text: str, last: int, at: int, end: int, line_end: int) -> bool:
    """The run is inside a name the page prints twice (a headline with a space in it, in the
    browser title and again as the heading: 社区食堂开进老旧小区 居民吃饭不再犯愁): what
    stands either side of it, together, is found elsewhere on the page. Not after a sentence
    end (a text printed twice is two paragraphs twice)."""
    if text[at - 1] in PARAGRAPH_END:
        return False
    stop = text.find(" ", end, line_end)
    stop = line_end if stop < 0 else stop
    left, right = text[max(last, at - 6):at], text[end:min(stop, end + 6)]
    if len(left) < 3 or len(right) < 3:
        return False
    return text.count(f"{left}{text[at:end]}{right}") >= 2


def one_line_page(text: str, min_chars: int = 200, min_share: float = 0.8) -> tuple[int, int] | None:
    """The line that holds a flattened page (start, end), or None if the page kept its lines."""
    lines = list(iter_lines(text))
    if not lines:
        return None
    s, e = max(lines, key=lambda se: se[1] - se[0])
    if e - s < min_chars or e - s < min_share * sum(b - a for a, b in lines):
        return None
    return s, e


def ranked_items(text: str, start: int, end: int, min_items: int = 3) -> set[int]:
    """Where the items of a ranking with bare numbers start (1 <title> 2 <title> 3 …): at
    least `min_items` numbers 1, 2, 3 … in order, each a space before a title."""
    starts: set[int] = set()
    run: list[int] = []
    for m in _BARE_RANK.finditer(text, start, end):
        number = int(m.group(1))
        if number == len(run) + 1:
            run.append(m.start())
        elif number == 1:
            run = [m.start()]
        if len(run) >= min_items:
            starts.update(run)
    return starts


def related_headings(text: str, start: int, end: int) -> set[int]:
    """The edges of a 'related' heading standing between two runs of spaces (… 免费下载 同类试卷
    2023-2024学年…): site_chrome's `related_links` headings, a line of their own, whatever
    short words stand beside them (not an item of a row set apart by separators)."""
    rule = _related_rule()
    edges: set[int] = set()
    pieces = [start, *(p for m in _GAP.finditer(text, start, end) for p in m.span()), end]
    for k in range(0, len(pieces), 2):
        a, b = pieces[k], pieces[k + 1]
        # (not an item of a row: 首页 | 排行 | 登录)
        in_row = k > 0 and text[pieces[k - 1] - 1] in SEPARATORS \
            or k + 2 < len(pieces) and text[pieces[k + 2]:pieces[k + 2] + 1] in tuple(SEPARATORS)
        if 2 <= b - a <= 20 and not in_row and related_heading(match_view(text[a:b]), rule):
            edges.update((a, b))
    return edges


@functools.cache
def _related_rule() -> Rule:
    return rules_by_name("site_chrome.toml")["related_links"]


def lost_break_spans(text: str, rule: Rule) -> list[Span]:
    """The runs of spaces in a flattened page that stand for its lost line breaks."""
    line = one_line_page(text, int(rule.extra.get("min_page_chars", 200)), float(rule.extra.get("min_share", 0.8)))
    if line is None:
        return []
    s, e = line
    # (A notice between rules is a line of its own, as a page number is.)
    folio_spans = [m.span() for pattern in (_FOLIO, _DECORATED) for m in pattern.finditer(text, s, e)]
    folios = {p for span in folio_spans for p in span}
    inside = {p for a, b in folio_spans for p in range(a + 1, b)}
    folios |= ranked_items(text, s, e)  # (each item of a ranking opens its line, as a folio does)
    folios |= related_headings(text, s, e)
    spans: list[Span] = []
    last = s
    for m in _GAP.finditer(text, s, e):
        a, b = m.start(), m.end()
        if a == s or b == e or a in inside:
            continue
        if a in folios or b in folios or _is_boundary(text, last, a, b) and not _inside_brackets(text, last, a) \
                and not _CLAUSE_NUMBER.search(text, max(last, a - 8), a) and not _in_word_row(text, last, a, b, e) \
                and not _inside_a_repeated_name(text, last, a, b, e):
            spans.append(Span(a, b, "\n", rule.name))
            last = b
    return spans if len(spans) >= int(rule.extra.get("min_breaks", 4)) else []


@dataclass(frozen=True)
class LineBreakSettings:
    rule_file: Annotated[str, RuleFile()] = "line_breaks.toml"


class RestoreLineBreaks(Stage):
    """Turn the spaces that stand for a flattened page's lost line breaks into line breaks."""

    name = "restore_line_breaks"
    Settings = LineBreakSettings

    def __init__(self, settings: LineBreakSettings | None = None) -> None:
        super().__init__(settings)
        self.rule = rules_by_name(self.settings.rule_file)["lost_line_break"]

    def process(self, doc: Document) -> Document:
        doc.replace_spans(self.name, lost_break_spans(doc.text, self.rule))
        return doc
