"""What a title looks like, and what looks like one but is not (cleaning.md section 1).

Sites put the document's title in many places: a file-name line, a breadcrumb's last
element, a footer or label that names the page, a heading. Each also carries things
that are not the title: a field label or an icon before it (`文件名：`, `📄`), the
categories of the path before it, a row of key/value facts, the site's own name and
slogan. These functions judge a candidate by its shape, never by a site's strings; the
words they know (labels that name a title or the page, kinds of document) are data in
`pipeline/rules/documents.toml` ([titles], [doc_types]).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pipeline.charsets import is_han, match_view
from pipeline.rulebook import load_rule_data

# Where a path of categories splits: arrows and chevrons always, a slash or a bar only
# with spaces round it (a date 2023/12/18 or a name A/B is not a path), a spaced dash.
PATH_SEPARATOR = re.compile(r"\s*(?:>>|[>»›→＞]|》(?=\s))\s*|\s+[/／|｜∣¦]\s+|\s+[-–—·•]\s+")
# An element of a fact row: a short key, then a space or a colon, then a value.
_KEY_VALUE = re.compile(r"(?P<key>[^\s:：\d]{1,4})\s*(?:[:：]\s*|\s+)(?P<value>\S.*)")
# A value that is a number or a date, with at most a short unit (6, 2022年3月3日, 1.36 MB, 5页).
_NUMERIC = re.compile(r"[\d\s.,:/\-年月日时分秒]*\d[\d\s.,:/\-年月日时分秒]*[^\s\d]{0,3}")
# An icon before a title: symbols, emoji and their joiners, bullets.
_LEADING_MARKS = set("•·*#~>=+_-–—|｜")


@cache
def _title_words() -> dict[str, list[str]]:
    data = load_rule_data("documents.toml")
    return {"labels": data["titles"]["labels"], "doc_types": sorted(data["doc_types"]["words"], key=len, reverse=True)}


CN_COUNTS = "一二三四五六七八九十"


@cache
def _bundle_patterns() -> list[re.Pattern[str]]:
    rule = next(r for r in load_rule_data("documents.toml")["rule"] if r["name"] == "bundle_heading")
    return [re.compile(p) for p in rule.get("bundle_patterns", [])]


def bundle_count(title: str | None) -> int:
    """How many documents a title says its page holds (2篇…, …合集(3篇)), by the
    `bundle_heading` rule's patterns; 1 when it says nothing of the kind."""
    for pattern in _bundle_patterns() if title else ():
        if m := pattern.search(match_view(title)):  # type: ignore[arg-type]
            count = m.group("count")
            return int(count) if count.isdigit() else CN_COUNTS.index(count.replace("两", "二")) + 1
    return 1


@cache
def _label() -> re.Pattern[str]:
    """A field label before a title: `文件名：`, `【标题】`, `当前文档 |`."""
    labels = "|".join(_title_words()["labels"])
    return re.compile(rf"^[【\[]?\s*(?:{labels})\s*(?:[】\]]\s*[:：]?|[:：|｜])\s*")


def strip_marks(value: str) -> str:
    """A title without the icon or bullet a site set before it (📄 X, ★ X, • X)."""
    i = 0
    while i < len(value) and (value[i].isspace() or value[i] in _LEADING_MARKS
                              or unicodedata.category(value[i]) in ("So", "Sk", "Sm", "Co", "Cn", "Cf", "Mn")):
        i += 1
    return value[i:] if i < len(value) else value


# A bracketed tag before a title ([心得体会] <title>, 【原创】<title>): the site's category.
TAG = re.compile(r"^[\[【〔［][^\[\]【】〔〕［］]{1,8}[\]】〕］]\s*")


def strip_tag(value: str) -> str:
    """A title without the bracketed category tag a site set before it, when what follows
    is a title in itself (four Chinese characters or more). A tag with a number in it
    (【精选2篇】, 【3页】) says something of the file and stays."""
    m = TAG.match(value)
    if not m or han_count(value[m.end():]) < 4 or any(c.isdigit() for c in m.group()) or bundle_count(m.group()) > 1:
        return value
    return value[m.end():]


def strip_label(value: str) -> str:
    """A title without a field label before it (文件名：X, 本页：X), and without its icon or
    a bracketed tag ([经验交流] X)."""
    value = strip_marks(value.strip())
    m = _label().match(match_view(value))  # (labels in simplified script find 資料名稱 too)
    if m and value[m.end():].strip():
        value = strip_marks(value[m.end():])
    return strip_tag(value.strip()).strip()


@cache
def _labelled() -> re.Pattern[str]:
    labels = "|".join(_title_words()["labels"])
    # (A label in brackets stands for its colon: 【文档名称】<title>.)
    return re.compile(rf"(?:^|[\s·•|｜])(?:(?:{labels})\s*[:：]|[【\[](?:{labels})[】\]]\s*[:：]?)\s*"
                      r"(?P<title>[^·•|｜\s][^·•|｜]*?)\s*(?=$|\s[·•|｜]|[·•|｜])")


def labelled_title(line: str) -> re.Match[str] | None:
    """`<label>：<title>` inside a row of chrome (© site · 本页：<title>): the title runs to
    the next separator of the row or the line's end (group `title`)."""
    return _labelled().search(line)


def han_count(value: str) -> int:
    return sum(is_han(c) for c in value)


def ends_with_doc_type(value: str) -> bool:
    return value.rstrip("）)").endswith(tuple(_title_words()["doc_types"]))


def is_category(value: str) -> bool:
    """A category of a site's path, not a document's title: a short generic name with no
    number and no particulars (正文, 工作总结, 会议纪要, 社区工作总结)."""
    value = value.strip()
    return len(value) <= 6 and not any(c.isdigit() for c in value) and "的" not in value


def is_fact_element(element: str) -> bool:
    """One element of a fact row: `<key> <value>` or `<key>：<value>` whose value is a
    number or a date (作者 林间鹿 is one only beside others, see `is_fact_row`)."""
    m = _KEY_VALUE.fullmatch(element.strip())
    return bool(m) and bool(_NUMERIC.fullmatch(m["value"].strip()))


def is_fact_row(elements: list[str]) -> bool:
    """A row of key/value facts (作者 X » 页数 6 » 上传 <date>), not a path of categories."""
    pairs = sum(bool(_KEY_VALUE.fullmatch(e.strip())) for e in elements)
    return sum(is_fact_element(e) for e in elements) >= 1 and pairs >= 2


def path_elements(path: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The elements of a path or row (split at PATH_SEPARATOR) and the separators' spans."""
    cuts = [(m.start(), m.end()) for m in PATH_SEPARATOR.finditer(path) if m.start() > 0 and m.end() < len(path)]
    return [path[a:b] for a, b in zip([0] + [e for _, e in cuts], [s for s, _ in cuts] + [len(path)])], cuts


def is_fact_line(line: str) -> bool:
    """A line of facts about the file: a key/value row (作者：X | 页数：5) or one pair whose
    value is a number or a date (上传：2022-03-03)."""
    return is_fact_element(line) or is_fact_row(path_elements(line)[0])


def path_tail(path: str) -> tuple[int, int] | None:
    """(start, end) in `path` of the title a breadcrumb carries: at most its last element,
    past short categories set off by spaces (社区工作总结 <title> on a page that lost its
    separators), and only when that is a real title; None for a row of facts."""
    elements, cuts = path_elements(path)
    if is_fact_row(elements):
        return None
    start = cuts[-1][1] if cuts else 0
    tail = path[start:].strip()
    start += len(path[start:]) - len(path[start:].lstrip())
    pieces = [(m.start(), m.end()) for m in re.finditer(r"\S+", tail)]
    if len(pieces) > 1 and all(is_category(tail[a:b]) for a, b in pieces[:-1]) and len(tail[pieces[-1][0]:]) >= 8:
        start += pieces[-1][0]
        tail = tail[pieces[-1][0]:]
    if is_category(tail) or is_fact_element(tail) or han_count(tail) < 4:
        return None
    return start, start + len(tail)


def is_site_header(line: str, is_site_name) -> bool:
    """The site's name and slogan (<site>_<slogan>, <site> - <slogan>, <site> | <slogan>):
    the page's header, never a title. The name comes first and is a site's name; the
    slogan is no title of a document (it names no kind of document)."""
    m = re.match(r"\s*(?P<name>[^\s_|｜\-–—·]{2,12})\s*(?:[_|｜·]|\s[-–—]+\s|[-–—]{1,2})\s*(?P<rest>\S.*)$", line)
    return bool(m) and is_site_name(m["name"]) and not ends_with_doc_type(m["rest"].strip())
