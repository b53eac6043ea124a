"""Facts a document site sets without a key beside them: a byline's row of bare facts
(<user> · 3天前 · 共12页 · DOCX, `keyless_row`) and a card that puts the uploader's key on
one line and the name on the next (文档贡献者 / <name>, `stacked_uploader`). Split out of
chrome_rows.py; the rule `stacked_field` is in `pipeline/rules/site_chrome.toml`.
"""

from __future__ import annotations

import re

from pipeline.metadata import BARE_FACT, UPLOAD_FIELDS, key_column
from pipeline.stages.chrome_rows import _NAME_FIELD, _ROW_COUNTER

# A date the site writes relative to today (3天前, 昨天 16:40): no column can hold it.
_RELATIVE_DATE = re.compile(r"(?:\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|刚刚|今天|昨天|前天)(?:\s*\d{1,2}:\d{2})?")
# A field naming a person under its key, with or without a colon (作者 林间鹿, 上传：lin_mu).
_KEYED_PERSON = re.compile(r"(?P<key>[\u4e00-\u9fff]{2,4})\s*[:：]?\s*(?P<name>[^\s:：]{1,20})")
# A count of what readers did, its unit after it (2381次阅读, 1,862人读过), or a rating (4.5分).
COUNT_OR_RATING = re.compile(r"\d[\d,.]*\s*[万千kKwW+]?\s*[次人位]?\s*(?:阅读|浏览|下载|收藏|评论|点赞|读过|看过|评价)"
                              r"|\d(?:\.\d)?\s*分")
_KEYLESS_FIELDS = re.compile(r"\s*[|｜∣·•]\s*|\s{2,}|\u3000+")
# What the file costs (1.5元/次, ￥3.00): the site's price, no fact of the document.
PRICE_FIELD = re.compile(r"[¥￥]?\s*\d+(?:\.\d+)?\s*元(?:\s*/\s*(?:次|份|篇|本))?|[¥￥]\s*\d+(?:\.\d+)?")
# A fact under its key without a colon, among keyless ones (格式 doc, 页数 3).
_KEYED_FACT = re.compile(r"(?P<key>[\u4e00-\u9fff]{2,4})\s*[:：]?\s*(?P<value>[^\s:：]{1,20})")
_FACT_COLUMNS = ("file_format", "page_count", "file_size", "upload_date")


def keyless_row(line: str) -> list[tuple[str, str]]:
    """A byline's row of facts without keys (<user> · 3天前 · 共12页 · DOCX; 作者 <user> ｜
    2024/05/13 ｜ 18页 ｜ PPTX): two facts or more, counters, and at most one field that
    names a person, bare or under a key naming one: the facts, and that person as the
    uploader (on the site's row the name is who put the file up). [] when the row is not one."""
    facts: list[tuple[str, str]] = []
    people: list[str] = []
    for field in (f for f in _KEYLESS_FIELDS.split(line.strip()) if f):
        found = [(k, v) for m in BARE_FACT.finditer(field) for k, v in m.groupdict().items() if v]
        if found and BARE_FACT.sub("", field).strip() == "":
            facts += found
        elif _RELATIVE_DATE.fullmatch(field) or _ROW_COUNTER.fullmatch(field) or COUNT_OR_RATING.fullmatch(field) \
                or PRICE_FIELD.fullmatch(field):
            continue
        elif (keyed := _KEYED_FACT.fullmatch(field)) and (column := key_column(keyed["key"])) in _FACT_COLUMNS:
            facts.append((column, keyed["value"]))
        elif (keyed := _KEYED_PERSON.fullmatch(field)) and key_column(keyed["key"]) in ("author", "uploader"):
            people.append(keyed["name"])
        elif _NAME_FIELD.fullmatch(field) and not key_column(field):
            people.append(field)
        else:
            return []
    if len(facts) < 2 or len(people) > 1:
        return []
    return facts + [("uploader", name) for name in people]


def fact_row(line: str) -> list[tuple[str, str]] | None:
    """A row of the file's facts without keys (PDF · 4页 · 1.3MB · 2022-08-14): three fields
    or more, read as `keyless_row`, one of them what only a file has (a size or a format):
    the facts, or None. An author writes a date or a count of pages, never a file's size
    beside its format. No field of words: facts only."""
    facts = keyless_row(line)
    # (Not with a field of words: a listed document's title before its facts, 工作汇报 · 5页
    # · 41KB, is another document's; a byline's name the context reads with its neighbours.)
    if len([f for f in _KEYLESS_FIELDS.split(line.strip()) if f]) < 3 or any(c == "uploader" for c, _ in facts) \
            or not any(column in ("file_size", "file_format") for column, _ in facts):
        return None
    return facts


def stacked_uploader(folded: str, lines: list[tuple[int, int]], taken: list[tuple[bool, bool]]) -> list[tuple[int, int, str]]:
    """A card's key alone on one line and the uploader's name alone on the next (文档贡献者 /
    <name>): (start, end, name) of each name line, and of the key line ("") where no rule
    took it. `lines` are the page's non-empty lines, `taken` their cover by the rules'
    claims (all of it, any of it)."""
    out: list[tuple[int, int, str]] = []
    for k in range(len(lines) - 1):
        if lines[k][1] - lines[k][0] > 12 or lines[k + 1][1] - lines[k + 1][0] > 20:
            continue  # (most lines: too long for a key or a name)
        if out and out[-1][0] == lines[k][0]:
            continue  # the name of the card above is no key
        key = folded[lines[k][0]:lines[k][1]].strip().rstrip(":")
        name = folded[lines[k + 1][0]:lines[k + 1][1]].strip()
        if not taken[k + 1][1] and _names_the_uploader(key) and _NAME_FIELD.fullmatch(name) \
                and not key_column(name) and not any(c.isdigit() for c in name):
            if not taken[k][1]:
                out.append((lines[k][0], lines[k][1], ""))  # the key alone on its line is the card's
            out.append((lines[k + 1][0], lines[k + 1][1], name))
    return out


def _names_the_uploader(key: str) -> bool:
    """A key of Chinese words alone, three to eight characters, whose last words name the
    uploader's column (文档贡献者, 上传用户): not a bare verb (上传), not a numbered heading
    (一、上传)."""
    return _CARD_KEY.fullmatch(key) is not None \
        and any(UPLOAD_FIELDS.get(key[-n:]) == "uploader" for n in range(2, min(len(key), 5) + 1))


_CARD_KEY = re.compile(r"[\u4e00-\u9fff]{3,8}")
