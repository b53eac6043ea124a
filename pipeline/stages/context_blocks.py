"""The blocks of a page as chrome_context reads them: each line's class, its neighbours, and
the decisions that follow from them (pipeline/stages/chrome_context.py tells the classes; this
module decides which lines are chrome). Kept apart so that each file reads as one idea."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from pipeline.charsets import PARAGRAPH_END
from pipeline.metadata import UPLOAD_FIELDS
from pipeline.stages.bundles import ITEM_MARK
from pipeline.stages.pagination import cut_rules

PROSE, ANCHOR, SHAPE, UNDECIDED = "prose", "anchor", "shape", "undecided"
REMOVED, EDGE = "removed", "edge"
_SENTENCE_END = "。！？!?…"
# Anything but Han characters, Chinese punctuation (as the folded view writes it: ，！ as ,!)
# and spaces: a digit, a Latin letter, a symbol.
_NOT_CHINESE = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’…—·!?,:;()\s]")
_WIDE_GAP = re.compile(r"\s*[|｜•·>»]\s*|\s+[/／]\s+|[ \t\u3000]{2,}|\t|\u3000")


def fields_of(line: str) -> list[str]:
    """The fields of a row: split at bars, dots, arrows, spaced slashes and wide gaps, else
    at spaces."""
    fields = [f for f in _WIDE_GAP.split(line) if f.strip()]
    return fields if len(fields) > 1 else line.split()


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # stripped, width-folded and simplified
    cls: str
    shape: str = ""  # the chrome shape, or the anchor's kind


_HAN = re.compile("[\u4e00-\u9fff]")


def announced(lines: list[Line], min_han: int = 6) -> list[Line]:
    """The rows a lead-in of the author's announces (…主要指标如下： then its table) are the
    author's, whatever their shape and whatever the site dropped between them, down to the
    next sentence or heading: the lead-in (a colon at its end, `min_han` Han characters or
    more) has a sentence or a heading of the author's above it."""
    out, k = list(lines), 1
    while k < len(out):
        line = out[k]
        if not (line.text.endswith(":") and len(_HAN.findall(line.text)) >= min_han and out[k - 1].cls in (PROSE, ANCHOR)):
            k += 1
            continue
        j = k + 1
        while j < len(out) and out[j].cls in (SHAPE, UNDECIDED):
            j += 1
        if k + 1 < j < len(out) and out[j].cls in (PROSE, ANCHOR):
            out[k] = replace(line, cls=ANCHOR, shape="lead_in")
            out[k + 1:j] = [replace(x, cls=ANCHOR, shape="announced") for x in out[k + 1:j]]
        k = j
    return out


def _ends_open_sentence(seq: list, i: int) -> bool:
    """The line at `i` ends a sentence that the nearest line of prose above it (past removed
    chrome: a page break, an ad, a player) leaves open."""
    # (A sentence's own end, not a colon or a bracket: 其他用户还看了：, （分机 8021） end no sentence.)
    text = seq[i].text.rstrip().rstrip("”’」』\"'")
    above = next((x for x in reversed(seq[:i]) if isinstance(x, Line)), None)
    return text[-1:] in _SENTENCE_END and above is not None and above.cls in (PROSE, ANCHOR) and _stops_mid_sentence(seq, i)


def prose_bounds(seq: list) -> tuple[int, int]:
    """Indices (in `seq`) of the first and last prose line: the body lies between."""
    idx = [i for i, item in enumerate(seq) if isinstance(item, Line) and item.cls == PROSE]
    return idx[0], idx[-1]


# (No list mark or bracket either: 壹、计划缘起 and （一）总则 are headings; no exclamation or
# colon, which a letter's closing or a lead-in has and a menu's item never: 敬礼！, 名单如下：)
_MENU_ITEM = re.compile(r"[^\s\d。,;|/>»、()《》“”【】！!：:]+")
MENU = "menu_run"


def menu_runs(seq: list, bounds: tuple[int, int], max_chars: int, min_items: int, title: str = "") -> tuple[list, set[Line]]:
    """`seq` with the items of a dumped menu undecided: above or below the body, a run of
    `min_items` or more one-word lines (no space, digit or sentence; `max_chars` at most),
    lines the rules removed passing for items of it (a scraper's menu, login box, share
    list or sitemap, one item a line). No title, heading or signature stands in such a
    run, so its title-shaped and name-shaped lines are no anchors: their neighbours decide
    (`between_chrome`, under this rule's name). A run the author announced (获奖名单如下：
    over names) is the author's, and so is the page's title. Below the body, a run the
    rules took items of between its lines is the site's whole, the author's last line
    above it notwithstanding (a sitemap under the signature): returned as the second value."""
    first, last = bounds
    out, i, sure = list(seq), 0, set()
    while i < len(seq):
        j, items = i, []
        while j < len(seq) and (j < first or j > last) and (not isinstance(seq[j], Line) or _menu_item(seq[j], max_chars, title)):
            if isinstance(seq[j], Line):
                items.append(j)
            j += 1
        above = next((x for x in reversed(seq[:i]) if isinstance(x, Line)), None)
        announced_by = above is not None and above.text.endswith(":") and len(_HAN.findall(above.text)) >= 6
        # (What the rules removed in the run were items of it; three lines at least are left.)
        if len(items) >= 3 and j - i >= min_items and not announced_by:
            for k in items:
                if seq[k].cls in (ANCHOR, UNDECIDED):
                    out[k] = replace(seq[k], cls=UNDECIDED, shape=MENU)
            if i > last and items[-1] - items[0] + 1 > len(items):
                sure |= {out[k] for k in items if out[k].shape == MENU}
        i = j + 1 if j == i else j
    return out, sure


def _menu_item(line: Line, max_chars: int, title: str) -> bool:
    """One short word on its line, chrome-shaped or not decided, or a title- or name-shaped
    anchor (not the page's title, a date or a heading)."""
    anchor_ok = line.cls == ANCHOR and line.shape in ("title", "name")
    return (anchor_ok or line.cls in (SHAPE, UNDECIDED)) and len(line.text.rstrip("?")) <= max_chars \
        and _MENU_ITEM.fullmatch(line.text.rstrip("?")) is not None and line.text != title


def _neighbour(seq: list, i: int, step: int, chrome: dict, skip: set[str]) -> tuple[str, str]:
    """The nearest decided item from seq[i] in direction `step`: (REMOVED or EDGE or the
    class of a line, what it is). Lines of a class in `skip` that are not yet chrome are
    passed over; a line decided as chrome counts as removed."""
    j = i + step
    while 0 <= j < len(seq):
        item = seq[j]
        if not isinstance(item, Line):
            return REMOVED, item[1]
        if item in chrome:
            return REMOVED, chrome[item][0]
        if item.shape == "page_number_line":
            return REMOVED, item.shape
        if item.cls not in skip:
            return item.cls, item.shape
        j += step
    return EDGE, "edge of the page"


def _stops_mid_sentence(seq: list, i: int) -> bool:
    """Whether the nearest line above seq[i] ends without a sentence's end."""
    above = next((item for item in reversed(seq[:i]) if isinstance(item, Line)), None)
    return above is not None and above.text[-1:] not in PARAGRAPH_END


def _table_rows(seq: list) -> set[Line]:
    """Chrome-shaped rows that come in a run of two or more of one shape with the same
    number of fields: a table of the author's, not a counter row. (Not lines that each state
    one of the page's facts under its key, 成文日期：… over 发布日期：…: a portal's record of
    the document, one fact a line.)"""
    rows: set[Line] = set()
    for a, b in zip(seq, seq[1:]):
        if isinstance(a, Line) and isinstance(b, Line) and a.cls == b.cls == SHAPE and a.shape == b.shape \
                and a.shape in ("counter_row", "digit_row", "separated_row") \
                and len(fields_of(a.text)) == len(fields_of(b.text)) and not (_keyed_fact(a.text) and _keyed_fact(b.text)):
            rows |= {a, b}
    return rows


_KEYED = re.compile(r"([^\s:]{2,6})\s*:\s*\S")


def _keyed_fact(line: str) -> bool:
    """One field under a key the page's facts are stated under (发布日期：2024-09-04)."""
    m = _KEYED.match(line)
    return m is not None and m.group(1) in UPLOAD_FIELDS and len(fields_of(line)) == 1


def decide(seq: list, bounds: tuple[int, int]) -> dict[Line, tuple[str, str]]:
    """Which lines are chrome, with (rule, evidence)."""
    first, last = bounds
    tables = _table_rows(seq)
    # The head holds the site's chrome where the rules removed some, or where two lines of
    # chrome shapes stand in it (a button row and a counter row; not the rows of a table).
    head_has_chrome = any(not isinstance(item, Line) for item in seq[:first]) or sum(
        isinstance(item, Line) and item.cls == SHAPE and item not in tables
        and item.shape != "page_number_line" for item in seq[:first]) >= 2
    chrome: dict[Line, tuple[str, str]] = {}
    # Chrome-shaped lines first: their shape and place decide.
    # Numbered headings (一、 1.) above the first sentence: the document's outline has begun
    # (an exam paper, a form), and what follows the first of them is no head of the page's.
    outline = next((i for i, item in enumerate(seq[:first]) if isinstance(item, Line)
                    and item.cls == ANCHOR and item.shape == "heading"), first)
    for i, item in enumerate(seq):
        if not isinstance(item, Line) or item.cls != SHAPE or item in tables or item.shape == "page_number_line":
            continue
        if item.shape == "fact_row" or item.shape == "remnant" and any(c.isdigit() for c in item.text):
            # The counters or facts left of a line the rules took part of are the site's where
            # they stand (DOCX ｜ 3页); a word left may be the author's, its place decides. So is
            # a row of the file's facts, a size or format among them, wherever it stands.
            chrome[item] = (item.shape, "the rest of a line the rules took part of" if item.shape == "remnant"
                            else "the file's facts without keys")
            continue
        if i < first:
            if head_has_chrome and i < outline:
                chrome[item] = (item.shape, "above the body, where the rules removed chrome")
            continue
        up = _neighbour(seq, i, -1, chrome, {SHAPE, UNDECIDED})
        down = _neighbour(seq, i, 1, chrome, {SHAPE, UNDECIDED})
        sides = {REMOVED, EDGE} if i > last else {REMOVED}
        if up[0] in sides and down[0] in sides and REMOVED in (up[0], down[0]):
            chrome[item] = (item.shape, f"between {up[1]} and {down[1]}")
    # Below the site's cut (a preview's end: 剩余6页未读) under the body's last sentence,
    # where the text above it stops mid-sentence, nothing is the author's: it stopped there.
    cut = next((i for i, item in enumerate(seq) if i > last and not isinstance(item, Line)
                and set(item[1].split(",")) & cut_rules() and _stops_mid_sentence(seq, i)), None)
    for item in seq[cut + 1:] if cut is not None else ():
        if isinstance(item, Line) and item not in chrome and item.shape != "page_number_line":
            chrome[item] = ("below_cut", f"under the site's cut ({seq[cut][1]})")
    # Below the body a chrome shape needs chrome below it only (or the page's edge, on a
    # page whose foot held chrome the rules removed): the page's foot is the site's from
    # the first of its rows down (read upwards, so that a run of them goes).
    foot_has_chrome = any(not isinstance(x, Line) for x in seq[last + 1:])
    for i in range(len(seq) - 1, last, -1):
        item = seq[i]
        # (Not a digit row: the author closes with dates and numbers too: 签订日期：….)
        if isinstance(item, Line) and item.cls == SHAPE and item not in chrome and item not in tables \
                and item.shape not in ("page_number_line", "digit_row"):
            down = _neighbour(seq, i, 1, chrome, {UNDECIDED})
            if down[0] in (REMOVED, EDGE) and foot_has_chrome:
                chrome[item] = (item.shape, f"at the page's foot, above {down[1]}")
    # (A line the page repeats is left to the stages that read repetition: a running
    # header; a bundle's item mark is left to split_documents.)
    repeated = {t for t, n in Counter(x.text for x in seq if isinstance(x, Line)).items() if n > 1}
    # Then the undecided: chrome when chrome is their nearest decided neighbour both ways.
    for i, item in enumerate(seq):
        if not isinstance(item, Line) or item in chrome or item.cls not in (UNDECIDED, SHAPE) or item in tables \
                or item.shape == "page_number_line":
            continue
        if _ends_open_sentence(seq, i):
            continue  # the rest of the sentence the author's line above left open (…此后一度 / 闲置。)
        up = _neighbour(seq, i, -1, chrome, {UNDECIDED, SHAPE})
        down = _neighbour(seq, i, 1, chrome, {UNDECIDED, SHAPE})
        # Outside the body the page's edge closes a block of chrome as chrome does.
        sides = {REMOVED, EDGE} if i < first or i > last else {REMOVED}
        if up[0] in sides and down[0] in sides and REMOVED in (up[0], down[0]):
            chrome[item] = (MENU if item.shape == MENU else "between_chrome", f"no sentence, between {up[1]} and {down[1]}")
        elif i < first and head_has_chrome and up[0] in (REMOVED, EDGE) and down == (ANCHOR, "title") \
                and (len(fields_of(item.text)) >= 2 or _NOT_CHINESE.search(item.text) or item.shape == MENU) \
                and item.text not in repeated and not ITEM_MARK.match(item.text) \
                and not any(isinstance(x, Line) and x.cls in (ANCHOR, PROSE) for x in seq[:i]):
            # The head of a page is the site's down to its first title: a row (two fields or
            # more), or a line with more than Chinese in it, between the site's chrome and the
            # title is the site's (the author's lines follow the title), where nothing of the
            # author's stood above.
            chrome[item] = ("between_chrome", f"no sentence, between {up[1]} and the title")
    return chrome
