"""Facts about a document found in its page chrome, and how they become typed columns.

Rules report `Candidate`s (field, value, priority, position); `merge_candidates` keeps,
for each field, the strongest source (lowest priority, then first on the page) and turns
values into their column types: dates as `datetime.date`, page counts as int, formats in
upper case, URLs without the spaces sites put into them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from pipeline.charsets import match_view
from pipeline.rulebook import load_rule_data
from pipeline.titles import bundle_count, han_count, is_category, is_fact_element, strip_label

# URLs and bare domains are ASCII: a pattern that allowed other characters would run on
# into unspaced Chinese text (cleaning.md section 8).
URL = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+=%]+"
    r"|(?<![A-Za-z0-9@.\-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|edu|gov|info|cc|top|vip|xyz|io|me|tv|co|biz)"
    r"(?:\.[a-z]{2})?(?:/[A-Za-z0-9\-._~/?#=&%]*)?(?![A-Za-z0-9])"
)
DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|cc|top|vip|info|edu|gov)")

# Upload-metadata keys as sites label them, and the column each one fills.
UPLOAD_FIELDS: dict[str, str | None] = {
    "上传人": "uploader", "上传者": "uploader", "上传用户": "uploader", "贡献者": "uploader",
    "分享者": "uploader", "发布人": "uploader", "发布者": "uploader", "分享人": "uploader",
    "文档编号": "site_doc_id", "文档ID": "site_doc_id", "资料编号": "site_doc_id", "文档id": "site_doc_id",
    "上传时间": "upload_date", "上传日期": "upload_date", "发布时间": "upload_date",
    # A public office's portal: the date a text was issued, its index number, the office that
    # posted it (发布机构, as 发布者 names a user; the office that issued it, 发文机关, is its author).
    "发文日期": "upload_date", "成文日期": None, "索引号": "site_doc_id", "发布机构": "uploader", "发文机关": None,
    "发布日期": "upload_date", "更新时间": "upload_date",
    "格式": "file_format", "文档格式": "file_format", "文件格式": "file_format",
    "页数": "page_count", "文档页数": "page_count", "总页数": "page_count",
    "大小": "file_size", "文件大小": "file_size", "文档大小": "file_size",
    "下载次数": None, "浏览次数": None, "下载": None, "浏览": None, "阅读": None,
    "收藏": None, "积分": None, "价格": None, "贡献值": None, "下载积分": None,
    "文档星级": None, "星级": None, "所属分类": None, "分类": None, "评分": None, "热度": None,
    "文档热度": None, "上传于": "upload_date", "浏览量": None, "下载量": None,
    "收藏人数": None, "评论次数": None, "文档分类": None, "踩数": None, "阅读量": None,
    "作者": "author", "来源": None, "文章来源": None, "信息来源": None, "稿件来源": None, "责任编辑": None,
    "编辑": None, "点击数": None, "点击量": None, "阅读次数": None,
    "日期": "upload_date", "类型": "file_format", "文档类型": "file_format", "文件类型": "file_format",
    "资料类型": "file_format", "资料大小": "file_size", "资料页数": "page_count",
    # Short keys of info rows (上传：<user>, 发布：<user>, 编号｜<id>, 时间｜<date>); a key that
    # names a person takes a date instead when its value is one (上传 2022年3月3日).
    "上传": "uploader", "发布": "uploader", "编号": "site_doc_id", "ID": "site_doc_id", "文件ID": "site_doc_id",
    "时间": "upload_date", "发布于": "upload_date", "分享于": "upload_date", "更新于": "upload_date",
    "更新": "upload_date",
    "篇数": None, "标签": None,
}
# A site with an English interface (Uploaded by: …, Pages: 12P, Size: 1.2 MB).
SITE_ONLY_ENGLISH: set[str] = set()
for _key, _column in (("Uploaded by", "uploader"), ("Uploader", "uploader"), ("Shared by", "uploader"),
                      ("Upload date", "upload_date"), ("Uploaded", "upload_date"), ("Date", "upload_date"),
                      ("Pages", "page_count"), ("Size", "file_size"), ("File size", "file_size"),
                      ("Format", "file_format"), ("File type", "file_format"), ("Type", "file_format"),
                      ("Contributor", "uploader"), ("Contributed by", "uploader"), ("Posted by", "uploader"),
                      ("Added", "upload_date"), ("Posted", "upload_date"), ("Published", "upload_date"),
                      ("Filesize", "file_size"), ("Length", "page_count")):
    for _spelling in (_key, _key.lower(), _key.upper()):
        UPLOAD_FIELDS.setdefault(_spelling, _column)
        if _key.startswith(("Upload", "Shared", "Contribut", "Posted by")):
            SITE_ONLY_ENGLISH.add(_spelling)
# Keys a site builds from a verb of giving a file (提供, 投稿 …): <verb>人/者/用户 (or the
# office: 部门/机构/单位) names the uploader, <verb>时间/日期 dates the upload (提供者：…,
# 投稿时间：…), whatever the verb.
# Not 整理, 推荐, 记录: minutes and forms have their own 整理人, 推荐人, 记录人.
# The verb may say what was given (内容提供方, 资料上传者, 文档分享人) and the giver may be a
# party (提供方).
GIVING_VERBS = ("上传", "分享", "发布", "贡献", "提供", "投稿", "供稿")
for _given in ("", "内容", "资料", "文档", "文件"):
    for _verb in GIVING_VERBS:
        for _suffix, _column in (("人", "uploader"), ("者", "uploader"), ("用户", "uploader"), ("方", "uploader"),
                                 ("部门", "uploader"), ("机构", "uploader"), ("单位", "uploader"),
                                 ("时间", "upload_date"), ("日期", "upload_date")):
            UPLOAD_FIELDS.setdefault(_given + _verb + _suffix, _column)
# What a site prices and files a document under (文档价格, 资料分类, 下载费用): no column.
for _noun in ("文档", "资料", "文件", "下载", "阅读"):
    for _what in ("价格", "售价", "费用", "分类", "类别", "评分", "热度"):
        UPLOAD_FIELDS.setdefault(_noun + _what, None)
UPLOAD_FIELDS.setdefault("更新日期", "upload_date")
# What a site says of the file under a key built from a noun for it (档案大小 on a Taiwanese
# site, 附件格式, 资料页数): the file's column.
for _noun in ("文档", "文件", "资料", "档案", "附件"):
    for _what, _column in (("大小", "file_size"), ("格式", "file_format"), ("类型", "file_format"),
                           ("页数", "page_count"), ("编号", "site_doc_id")):
        UPLOAD_FIELDS.setdefault(_noun + _what, _column)
# Keys that only a site would write: one of them alone makes a metadata line (every key
# that speaks of the 文档 itself, 文档热度, 文档评分, is one).
SITE_ONLY_KEYS = {"上传人", "上传者", "上传用户", "上传时间", "上传日期", "文档编号", "文档ID", "贡献者",
                  "文件大小", "文档大小", "下载次数", "浏览次数", "下载积分", "文档页数", "上传于", "文档星级",
                  "文章来源", "信息来源", "稿件来源", "责任编辑", "点击数", "点击量", "阅读次数",
                  "更新时间", "更新日期", "下载价格", "下载费用", "资料价格", "发布机构", "索引号"}
SITE_ONLY_KEYS |= SITE_ONLY_ENGLISH
# (Not a category: its value may be a path, 文档分类：总结 / 计划, that the row rules read whole.)
SITE_ONLY_KEYS |= {k for k in UPLOAD_FIELDS if k.startswith("文档") and not k.endswith(("分类", "类别", "类型"))}
# Columns that only an uploaded file has.
FILE_COLUMNS = {"site_doc_id", "file_format", "page_count", "file_size"}
# Keys of an article's byline (an outlet, an editor): a source that is a site's user names the uploader.
ARTICLE_KEYS = {"来源", "文章来源", "信息来源", "稿件来源", "责任编辑", "编辑"}
# A key a site builds from what it numbers (资源编号, 页面ID, 范本编号): whatever the noun, the
# number is the site's id of the page; after a separator, not inside a word of a sentence.
# (Tried only on a line that holds 编号 or ID: a Han run is no literal the engine can skip to.)
ID_KEY = r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,3}(?:编号|ID)"
_LISTED_KEYS = "|".join(sorted(UPLOAD_FIELDS, key=len, reverse=True))


def site_only(key: str) -> bool:
    """A key only a site writes: one of SITE_ONLY_KEYS, or an id in the web's word (试卷ID, 页面ID)."""
    return key in SITE_ONLY_KEYS or key.endswith("ID")


def key_column(key: str) -> str | None:
    """The column an upload-row key fills (a built id key: site_doc_id)."""
    if key in UPLOAD_FIELDS:
        return UPLOAD_FIELDS[key]
    return "site_doc_id" if key.endswith(("编号", "ID")) else None
# A value: a date (with its time), a size written with a space before its unit (12.34 KB),
# or anything up to the next separator.
_STAMP_VERBS = "收录|上传|发布|发表|分享|更新|创建"
_DATE_VALUE = r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
# An English interface's date (January 8, 2024; 8 Jan 2024): a word for the month (parse_date
# tells a month's from another).
_ENGLISH_DATE_VALUE = r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
_SIZE_VALUE = r"\d+(?:\.\d+)?\s+(?i:[kmgt]i?b?)(?![A-Za-z])"
# A source that is one of the site's users (来源：<site>用户 <name>) names the uploader.
USER_SOURCE = re.compile(r"\S{0,20}?(?:用户|网友|会员)\s*(?P<name>[^\s|,，。;；]{1,24})")


def _upload_pair(keys: str) -> re.Pattern[str]:
    """A key and its value: the key ends at a colon, at 于 (上传于 <date>), before a date, or
    inside brackets that stand for the colon (【上传时间】2024年1月9日)."""
    return re.compile(
        rf"[【\[]?({keys})(?:[】\]]\s*:?|\s*(?::|(?<=于)|(?={_DATE_VALUE})))\s*({_DATE_VALUE}|{_ENGLISH_DATE_VALUE}|{_SIZE_VALUE}|[^\s|｜,，。;；]{{0,20}}?(?:用户|网友|会员)\s+[^\s|｜,，。;；]{{1,24}}"
        r"|[^\s|｜,，。;；]*)")


def _other_upload_pairs(keys: str) -> tuple[re.Pattern[str], ...]:
    """Rows whose key and value are set apart by a bar or a slash (贡献者｜<user> · 编号｜<id>,
    作者 / <user>　文件大小 / 45.2KB): the value stops at any field separator."""
    return tuple(re.compile(rf"(?<![^\s|/·•»,，;；])({keys})\s*{sep}\s*({_DATE_VALUE}|{_SIZE_VALUE}|[^\s|,，。;；·•»/]+)")
                 for sep in (r"\|", "/"))


UPLOAD_PAIR = _upload_pair(_LISTED_KEYS)
OTHER_UPLOAD_PAIRS = _other_upload_pairs(_LISTED_KEYS)
_ID_UPLOAD_PAIR = _upload_pair(_LISTED_KEYS + "|" + ID_KEY)
_ID_OTHER_UPLOAD_PAIRS = _other_upload_pairs(_LISTED_KEYS + "|" + ID_KEY)


def upload_pairs(line: str) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The key-value patterns for a line: with the built id keys where it holds 编号 or ID."""
    if "编号" in line or "ID" in line:
        return _ID_UPLOAD_PAIR, _ID_OTHER_UPLOAD_PAIRS
    return UPLOAD_PAIR, OTHER_UPLOAD_PAIRS
# A fact standing alone in a field of an upload row: a date, a page count, a size, a format.
# (A date may follow the verb of the site's stamp: 收录于2024.01.15; or leave off its century.
# A slide deck counts its pages in slides: 共20张, the count with 共 only.)
BARE_FACT = re.compile(
    rf"(?<![^\s|/·•»,，;；])(?:(?:{_STAMP_VERBS})于\s*)?(?:(?P<upload_date>{_DATE_VALUE}|\d{{2}}([-/])\d{{1,2}}\2\d{{1,2}})|(?:共(?=\s*\d+\s*张)|共?(?=\s*\d+\s*页))\s*(?P<page_count>\d+)\s*[页张]|(?P<file_size>\d+(?:\.\d+)?\s*(?i:[kmg]b))"
    r"|(?P<file_format>(?i:docx?|pdf|pptx?|xlsx?|txt|wps|rtf)))(?=$|[\s|/·•»,，;；])")
_FORMAT_VALUE = re.compile(r"\.?[A-Za-z]{2,5}")

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# A site's date with the century left off (24-03-30, 23/11/06), never inside a longer number.
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_ENGLISH_DATE = re.compile(rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?"
                           rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?,?)\s+(?P<year>\d{{4}})(?!\d)")
_SHORT_DATE = re.compile(r"(?<![\d.-])(\d{2})([-/])(\d{1,2})\2(\d{1,2})(?![\d.-])")
# (With the facts a site writes after the name in brackets: .pdf（共3页，1.02 MB）.)
_DOC_EXT = re.compile(r"\.(docx?|pdf|pptx?|xlsx?|txt|wps|rtf)(?:\s*[(（][^()（）]{0,30}[)）])?$", re.IGNORECASE)
_BUNDLE_SIZE = re.compile(r"[(（]\s*(?P<pages>\d+)\s*页[^)）]*[)）]$")


# The page's counter after a title in a running header (<title>　第2页（共4页）, 第3页/共9页).
PAGE_COUNTER = re.compile(r"[ \t\u3000]*第\s*\d+\s*页\s*(?:[(（/／]?\s*共\s*(?P<pages>\d+)\s*页\s*[)）]?)?$")


def pages_in_title(value: str) -> int | None:
    """The page count a site writes after a title (<title>（4页）, <title> 第1页（共3页）), or None."""
    m = _BUNDLE_SIZE.search(value.strip()) or PAGE_COUNTER.search(value.strip())
    return int(m["pages"]) if m and m["pages"] else None
# A site's advertisement of its copy after a title, in brackets: (完整版), （精选）, (精编版), (word版可编辑).
# The words are the sites' (no author calls a text its full version); a note of the author's
# (（试行）, （人教版）, （2024年修订）) stays.
_SITE_TAG_WORD = (r"(?:完整版|完整|精选|精华版|精[编品校排]版?|最新版?|可编辑|(?i:word)版?|免费下载|推荐|高清版?|全文"
                  r"|优秀|优质|热门|珍藏版?|打印版)")
_SITE_TAG = re.compile(rf"\s*[(（【\[]\s*{_SITE_TAG_WORD}(?:\s*[,，、+]?\s*{_SITE_TAG_WORD})*\s*[)）】\]]$")


@dataclass(frozen=True)
class Candidate:
    field: str
    value: str
    priority: int
    position: int
    rule: str = ""


def strongest(candidates: list[Candidate], field: str) -> Candidate | None:
    """The candidate of `field` that wins: lowest priority, then first on the page."""
    return min((c for c in candidates if c.field == field), key=lambda c: (c.priority, c.position), default=None)


def parse_date(value: str) -> dt.date | None:
    """The first date in `value`: a four-digit year; a site's two-digit one standing alone
    (24-03-30: this century, no later than this year); an English interface's (January 8,
    2024; 8 Jan 2024)."""
    if m := _DATE.search(value):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _SHORT_DATE.search(value):
        year, month, day = 2000 + int(m.group(1)), int(m.group(3)), int(m.group(4))
        if year > dt.date.today().year:
            return None
    elif m := _ENGLISH_DATE.search(value):
        month = _MONTHS.index((m.group("month") or m.group("month2"))[:3].lower()) + 1
        year, day = int(m.group("year")), int(m.group("day") or m.group("day2"))
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@cache
def site_suffix() -> re.Pattern[str]:
    """A page title's trailing site name: "关于…的通知 - 豆丁网", "…总结_百度文库"."""
    endings = load_rule_data("site_chrome.toml")["site_name_endings"]
    ending = "(?:" + "|".join(map(re.escape, endings)) + ")"
    # (A dash may be doubled: ——. A blog's title names the blog, then the platform: <title> @ <blog> ::
    # <platform>; the name before the last separator may be the site's section or its keyword.)
    return re.compile(rf"\s*(?:[-_|–—]+|@|::)\s*(?:[^\s@:|_–—-]{{1,20}}\s*(?:::|[|_–—-]+)\s*)?"
                      rf"(?P<site>[^-_|–—@:\s]{{2,12}}{ending})\s*$")


@cache
def _site_name() -> re.Pattern[str]:
    endings = load_rule_data("site_chrome.toml")["site_name_endings"]
    return re.compile(r"\S{1,10}(?:" + "|".join(map(re.escape, endings)) + ")")


def is_site_name(value: str) -> bool:
    """A short name that ends the way a site's name does (豆丁网, 某某文库)."""
    return bool(_site_name().fullmatch(value.strip()))


def split_site_suffix(value: str) -> tuple[str, str | None]:
    """(title, site name) of a page title that ends in the site's name, read on the view (a
    traditional page's 豆丁網 ends like 网); (value, None) when it does not."""
    m = site_suffix().search(match_view(value))
    return (value[:m.start()], value[m.start("site"):m.end("site")]) if m and m.start() > 0 else (value, None)


def unwrapped(value: str) -> str:
    """A title without the book-title marks a site wraps it in (《关于…的通知》); a title that
    only starts or ends with a book name (《论语》读后感, 读《论语》) keeps its marks."""
    value = value.strip()
    inner = value[1:-1]
    if value.startswith("《") and value.endswith("》") and "《" not in inner and "》" not in inner:
        return inner.strip()
    return value


def clean_title(value: str) -> str:
    """A title without the site's name, its file extension, wrapper brackets or page count,
    and without a field label or an icon before it (文件名：X, 📄 X); a heading set in spaced
    letters (供 货 合 同) is its word (供货合同)."""
    value = unwrapped(split_site_suffix(strip_label(value))[0])
    value = _SITE_TAG.sub("", _BUNDLE_SIZE.sub("", value)).strip()
    return unspaced(unwrapped(_DOC_EXT.sub("", value)))


_SPACED_LETTERS = re.compile(r"\S(?:[ \t\u3000]+\S){2,}")


def unspaced(value: str) -> str:
    """Letters set one by one with spaces between them (供 货 合 同), joined; else as it was."""
    if _SPACED_LETTERS.fullmatch(value) and all(len(t) == 1 for t in value.split()):
        return "".join(value.split())
    return value


def clean_url(value: str) -> str:
    return re.sub(r"\s+", "", value).rstrip(".,;:!?)")


# The host names a site shows for its desktop, mobile and WAP pages: one site.
_HOST_PREFIX = re.compile(r"^(?:www|m|wap|mobile|3g)\.(?=[^.]+\.)")


def site_name_of_host(host: str) -> str:
    """A host as the site's name: www.x.com, m.x.com and wap.x.com are all x.com."""
    return _HOST_PREFIX.sub("", host)


def site_of_url(url: str) -> str | None:
    host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    return site_name_of_host(host) or None


_PAGE_EXT = re.compile(r"\.(?:s?html?|shtm|aspx?|php|jsp)$", re.IGNORECASE)
_ID_PREFIX = re.compile(r"^[A-Za-z]{1,8}[-_]")
_QUERY_ID = re.compile(r"(?:^|&)(?:id|docid|doc_id|did|aid|fid)=([A-Za-z0-9_-]{4,})", re.IGNORECASE)


def site_doc_id_of_url(url: str) -> str | None:
    """The site's id of the document in its page URL: the last path segment without its
    page extension and a short word prefix (p-, doc-, view_), when it holds a digit; ids
    may be hex or alphanumeric (/p-3fa9c01b7d.html). Digit runs joined by _ or - (a user's
    id, then the document's) give the last long run (thread-88412-1-1: a forum's page and
    floor numbers are short); an id= query parameter comes next."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    stem = _PAGE_EXT.sub("", parts.path.rstrip("/").rsplit("/", 1)[-1])
    stem = _ID_PREFIX.sub("", stem)
    if re.fullmatch(r"\d+(?:[-_]\d+)+", stem):
        runs = re.split(r"[-_]", stem)
        long_runs = [r for r in runs if len(r) >= 4]  # a page or floor number (thread-88412-1-1) is short
        return long_runs[-1] if long_runs else max(runs, key=len)
    if re.fullmatch(r"[A-Za-z0-9]{4,}", stem) and any(c.isdigit() for c in stem):
        return stem
    if m := _QUERY_ID.search(parts.query):
        return m.group(1)
    ids = re.findall(r"\d{4,}", parts.path)
    return ids[-1] if ids else None


def typed(field: str, value: str) -> Any:
    if field == "upload_date":
        return parse_date(value)
    if field == "page_count":
        m = re.search(r"\d+", value)
        return int(m.group()) if m else None
    if field == "file_format":  # a format is a file extension's word (DOCX), not a kind (合集)
        return value.strip().lstrip(".").upper() if _FORMAT_VALUE.fullmatch(value.strip()) else None
    if field == "source_url":
        return clean_url(value)
    if field == "file_size":
        return re.sub(r"\s+", "", value) or None
    if field == "title":
        return clean_title(value) or None
    if field == "uploader":
        value = _BADGE.sub("", value.strip())  # 墨香斋主人(认证用户): the name, not the site's badge on it
    if field == "uploader" and (value.strip() in nobody() or _HOW_IT_CAME.fullmatch(value.strip())):
        return None  # 作者：佚名 says the page names no one; 作者：网友投稿 says how the text came
    if field == "uploader" and (BARE_FACT.fullmatch(value.strip()) or re.fullmatch(r"[\d.,]+", value.strip())):
        return None  # a page count, size, format or date is another field's value (<date> 上传 ｜ 7页)
    return value.strip() or None


# Where a page says how a text came rather than who sent it (网友投稿, 网络整理, 本站收集).
_HOW_IT_CAME = re.compile(r"(?:网友|用户|会员|读者|热心网友|匿名)?(?:投稿|来稿|上传|提供|分享)"
                          r"|(?:网络|网上|互联网|本站|本网)(?:整理|收集|转载|搜集)?")


# A badge the site sets after a user's name, in brackets (认证用户, 官方认证, VIP会员).
_BADGE = re.compile(r"\s*[(（\[【][^()（）\[\]【】]{0,4}(?:认证|官方|实名|VIP|vip|会员|机构|企业号)"
                    r"[^()（）\[\]【】]{0,4}[)）\]】]\s*$")


@cache
def nobody() -> frozenset[str]:
    """What a page writes where it names no person (佚名, 匿名): no uploader."""
    return frozenset(load_rule_data("site_chrome.toml")["nobody"])


# A field of a row of facts: a short key and a colon (主题分类：… 发布机构：…).
_LABELLED_FIELD = re.compile(r"(?:^|\s)[\u4e00-\u9fff]{1,6}\s*[:：]")


def is_a_title(value: str) -> bool:
    """A cleaned title candidate that can be a title at all: some Chinese words, not a
    site's name alone, not a key and its number or date (上传 2022年3月3日), not a row of
    labelled fields."""
    return han_count(value) >= 2 and not is_site_name(value) and not is_fact_element(value) \
        and len(_LABELLED_FIELD.findall(value)) < 2 and not _SHORT_FIELD.fullmatch(value.strip())


# One field of a user's card: a short key for a rank, a state or a role, and a short value
# (等级：黄金会员, 设计师：某某); not a title's short theme before its colon (学习体会：守初心).
_SHORT_FIELD = re.compile(r"[\u4e00-\u9fff]{0,3}[级态份证师员者人]\s*[:：]\s*[^\s,，;；。!?！？]{1,8}")


def unlikeness(title: str) -> int:
    """How little a candidate looks like a title: a sentence's end inside it, a bare
    category name (工作总结), more than a title's length. 0 for a title-shaped one."""
    return 2 * bool(re.search(r"[。！？!?]", title.rstrip("。！？!?"))) + is_category(title) + (len(title) > 60)


def _squashed(value: str) -> str:
    return re.sub(r"\s+", "", value)


def best_title(candidates: list[Candidate], page: str = "") -> Candidate | None:
    """The title candidate that wins. Only candidates that are titles at all count; of
    those, one that says the page bundles several documents, then the one the page states
    most often (a file name that the footer, the thumbnail
    captions, the breadcrumb's tail or a heading line of `page` repeat; a shortened copy,
    …-ended, counts for the whole), then a whole one before a shortened one, then the
    strongest source, then the first."""
    titles = [(c, clean_title(c.value)) for c in candidates if c.field == "title"]
    titles = [(c, _squashed(t)) for c, t in titles if t and is_a_title(t)]
    if len({t for _, t in titles}) <= 1:
        return titles[0][0] if titles else None
    stems = {t: t.rstrip(".…。") for _, t in titles}
    support = {t: sum(u == t or (stems[u] != u and t.startswith(stems[u])) for _, u in titles) for _, t in titles}
    headings = {_squashed(line) for line in page.split("\n") if line.strip() and len(line) <= 80}
    for t in support:
        support[t] += t in headings
    # A candidate that says the page holds several documents names the page; the others
    # (a thumbnail caption, a heading) may name only the first of them.
    return min(titles, key=lambda ct: (bundle_count(ct[1]) < 2, -support[ct[1]], stems[ct[1]] != ct[1],
                                       unlikeness(ct[1]), ct[0].priority, ct[0].position))[0]


def merge_candidates(candidates: list[Candidate], page: str = "") -> dict[str, Any]:
    """The strongest value of each field (the title: `best_title` on `page`); source_site
    and site_doc_id fall back on the URL. A value that is not one of its field's (a format
    合集) gives way to the next strongest."""
    best = {name: c for name in {c.field for c in candidates} if (c := strongest(candidates, name))}
    if title := best_title(candidates, page):
        best["title"] = title
    else:
        best.pop("title", None)
    out: dict[str, Any] = {}
    for name in best:
        ordered = [best[name]] if name == "title" else sorted(
            (c for c in candidates if c.field == name), key=lambda c: (c.priority, c.position))
        for cand in ordered:
            if (value := typed(name, cand.value)) is not None:
                out[name] = value
                break
    title = best.get("title")
    ext = _DOC_EXT.search(_BUNDLE_SIZE.sub("", unwrapped(title.value)).strip()) if title else None
    if ext and "file_format" not in out:
        out["file_format"] = ext.group(1).upper()
    url = out.get("source_url")
    if url:
        out.setdefault("site_doc_id", site_doc_id_of_url(url))
    # The page's own URL names the site better than a copyright line or a site name.
    site = site_of_url(url) if url else None
    for name in ("domain", "site"):
        value = out.pop(name, None)
        site = site or value
    if site:
        out["source_site"] = site_name_of_host(site)
    return {k: v for k, v in out.items() if v is not None}
