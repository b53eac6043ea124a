"""Characters a wrong decoder destroyed, inferred from the bytes that survive and the text around.

A browser that reads UTF-8 as GBK destroys a byte now and then: a lead byte followed by an
ASCII byte (a line break, a digit) becomes U+FFFD and the ASCII byte is read again. The
character that byte belonged to is not gone without a trace: its other bytes survive, so it
is one of the (at most 64) characters whose UTF-8 agrees with them: `年` has lost its last
byte when E5 B9 ?? stands between `2023` and `10`, and `。` when E3 80 ?? ends a line.

Which one is decided the way a reader would, by what is written around the gap:
- words: the jieba dictionary's frequency of the likeliest word through the gap, in a
  window of up to three characters on each side (ASCII digits read as 几, the numeral a
  dictionary word holds: 几年, 几项, 几人);
- the document itself: how often the character follows the gap's left neighbour and comes
  before its right neighbour elsewhere in the same text (digits as one class, the line end
  as a character): a page that ends its lines with `。` ends the damaged ones so too.
A pair of brackets must balance within the line (a line does not end on an opening bracket,
a closing one needs its opener), and a paragraph does not end inside one: at its end, the one
candidate that closes the line's open bracket is the character. A date decides its units: 月
between a month's and a day's number (4?23日), 年 between a year and a month (2024?3月);
between two other numbers, a word of a range (0?5岁: 至).
The likeliest character is restored only when it is far likelier than the next (`MARGIN`,
in natural log units); otherwise the gap stays, as a dropped character, and the edit says so.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from typing import NamedTuple

from pipeline.charsets import PARAGRAPH_END, is_han
from pipeline.jieba_dict import jieba_dictionary

LOST = 0xFF  # a byte the decoder destroyed (never valid in UTF-8)
# How much likelier the restored character must be than the runner-up (e^4: fifty times).
MARGIN = 4.0
# A match in the document counts as much as a word this much more frequent in the dictionary:
# the page's own usage is the stronger evidence, the dictionary the wider one.
DOCUMENT_WEIGHT = 2.0
WINDOW = 3
_DIGITS = re.compile(r"[0-9]+")
_FOLD_DIGITS = str.maketrans("0123456789", "0000000000")
# A run of text before a space is prose when it is this long and holds a clause mark.
_PROSE_CLAUSE = 8
_CLAUSE_MARK = re.compile("[，；、。：,;]")
OPENERS, CLOSERS = "“‘（〈《「『【〔", "”’）〉》」』】〕"


class Restored(NamedTuple):
    char: str
    evidence: str


@cache
def _alphabet() -> tuple[str, ...]:
    """What a restored character may be: any character of GB2312 (Han, punctuation, symbols,
    numbered forms), the general punctuation block (› ‰ ※ …), CJK symbols and full-width
    forms. The wider the set, the fewer gaps look decided by elimination alone."""
    gb2312 = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                gb2312.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    blocks = [*range(0x2010, 0x2028), *range(0x2030, 0x205F), *range(0x3000, 0x3040), *range(0xFF01, 0xFF5F)]
    return tuple(sorted(gb2312 | set(map(chr, blocks))))


@cache
def candidates(pattern: bytes) -> tuple[str, ...]:
    """The characters whose UTF-8 bytes are `pattern`, LOST standing for any byte."""
    known = [(i, b) for i, b in enumerate(pattern) if b != LOST]
    return tuple(c for c in _alphabet()
                 if len(encoded := c.encode("utf-8")) == len(pattern) and all(encoded[i] == b for i, b in known))


def _at_break(left: str, right: str) -> bool:
    """A gap at a paragraph's end: before a line break or the end of the text, or before a
    space that follows a clause of prose (a page that lost its line breaks separates its
    paragraphs with spaces; a space after a short label such as a breadcrumb item is not one)."""
    if not right.strip(" \u3000") or right[0] == "\n":
        return True
    if right[0] not in " \u3000":
        return False
    clause = re.split(r"[\s]", left)[-1]
    return len(clause) >= _PROSE_CLAUSE and bool(_CLAUSE_MARK.search(clause))


def _fits(char: str, left: str, right: str) -> bool:
    """A character that may stand there: at a paragraph's end a Han character or a mark
    that ends a paragraph; a bracket balanced within its line (no opener at the end, no
    closer without its opener)."""
    at_break = _at_break(left, right)
    if at_break and not (char in PARAGRAPH_END or is_han(char)):
        return False
    if char in OPENERS:
        return not at_break
    if char in CLOSERS:
        opener = OPENERS[CLOSERS.index(char)]
        line = left[left.rfind("\n") + 1:]
        return line.rfind(opener) > line.rfind(char) if opener != char else True
    return True


def _language_score(char: str, left: str, right: str) -> float:
    """The log-probability of jieba's best segmentation of the window through the gap (a
    digit just before the gap read as 几, so that a measure word after a number is a word):
    a unigram word model, the same for every candidate but the gap."""
    left, right = left[-WINDOW:], right[:WINDOW]
    left, right = left[left.rfind("\n") + 1:], right.split("\n", 1)[0]
    if left[-1:].isdigit():
        left = _DIGITS.sub("", left) + "几"
    return jieba_dictionary().route(left + char + right)[0][0]


class DocumentPairs:
    """Character pairs of a text (digits folded to 0), to ask how the page writes a gap."""

    def __init__(self, text: str) -> None:
        folded = text.translate(_FOLD_DIGITS)
        self.pairs = Counter(map("".join, zip(folded, folded[1:])))

    def score(self, char: str, left: str, right: str) -> float:
        before = left[-1:].translate(_FOLD_DIGITS)
        after = right[:1].translate(_FOLD_DIGITS)
        return DOCUMENT_WEIGHT * (math.log1p(self.pairs[before + char] if before else 0)
                                  + math.log1p(self.pairs[char + after] if after else 0))


_YEAR_BEFORE, _MONTH_BEFORE = re.compile(r"(?<!\d)\d{4}$"), re.compile(r"(?<!\d)\d{1,2}$")
_DAY_AFTER, _MONTH_AFTER = re.compile(r"\d{1,2}\s*[日号]"), re.compile(r"\d{1,2}\s*月")


_RANGE_WORDS = "至到"


def _date_unit(left: str, right: str) -> str:
    """年 between a year and a month (2024?3月), 月 between a month and a day (4?23日)."""
    if _YEAR_BEFORE.search(left) and _MONTH_AFTER.match(right):
        return "年"
    if _MONTH_BEFORE.search(left) and _DAY_AFTER.match(right):
        return "月"
    return ""


def restore(pattern: bytes, left: str, right: str, pairs: DocumentPairs) -> Restored | None:
    """The character the bytes `pattern` (LOST for a destroyed byte) were, between `left`
    and `right`, or None when the text does not single one out."""
    found = [c for c in candidates(pattern) if _fits(c, left, right)]
    shown = " ".join("??" if b == LOST else f"{b:02X}" for b in pattern)
    if len(found) == 1:
        return Restored(found[0], f"restored {found[0]!r} from bytes {shown}: the only character they can be there")
    if not found:
        return None
    # A date's unit between its numbers (4?23日 is 4月23日, 2024?3月 is 2024年3月), where the
    # bytes allow it: the only unit that makes a date of the numbers around.
    if (unit := _date_unit(left, right)) in found:
        return Restored(unit, f"restored {unit!r} from bytes {shown}: the unit of the date its numbers write")
    # Between two numbers, the one word of a range the bytes allow (0?5岁 is 0至5岁).
    ranges = [c for c in found if c in _RANGE_WORDS] if left[-1:].isdigit() and right[:1].isdigit() else []
    if len(ranges) == 1:
        return Restored(ranges[0], f"restored {ranges[0]!r} from bytes {shown}: a range between two numbers")
    # A paragraph does not end inside brackets: at its end, the one candidate that closes the
    # line's open bracket (…遵守《公约 + E3 80 ?? is 》) is the character.
    closing = [c for c in found if c in CLOSERS] if _at_break(left, right) else []
    if len(closing) == 1:
        return Restored(closing[0], f"restored {closing[0]!r} from bytes {shown}: it closes the line's open bracket")
    scored = sorted(((_language_score(c, left, right) + pairs.score(c, left, right), c) for c in found), reverse=True)
    best, char = scored[0]
    runner_up = scored[1][0]
    if best - runner_up < MARGIN:
        return None
    return Restored(char, f"restored {char!r} from bytes {shown} (log-likelihood {best - runner_up:.1f} above {scored[1][1]!r})")
