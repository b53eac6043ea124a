"""normalize: correct characters (cleaning.md section 4).

Rules, each recorded as an edit:
- `nfc`: Unicode NFC composition.
- `fullwidth_alnum`: full-width Latin letters and digits (ＡＢＣ１２３) become ASCII.
- `fullwidth_punct`: ASCII , : ; ! ? ( ) in Chinese context become ，：；！？（）; between
  two ASCII letters or digits (1,000  10:30) and inside URLs they stay ASCII; a pair of
  brackets changes together or not at all (电话：(02)2931-5678 keeps both).
- `chinese_quotes`: ASCII quotes " and ' in Chinese context, in pairs on a line, become
  “ ” and ‘ ’ (English text keeps its quotes); curly quotes that all face one way on a
  line (”…”) open and close in turn.
- `opencc_t2s`: traditional characters in a simplified document become simplified
  (OpenCC t2s); a document wholly in traditional script is kept unless `script = "t2s"`.

ftfy's fix_character_width is not used: it turns ，！？ into ASCII (section 8).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from operator import add
from typing import Annotated

import numpy as np

from pipeline.charsets import han_chars, is_cjk, is_han, iter_lines
from pipeline.document import Document, Span
from pipeline.metadata import URL
from pipeline.opencc_scope import changeable_pieces, convert_pieces, scope
from pipeline.stages.base import Between, Check, OneOf, Stage

FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
ASCII_PUNCT = re.compile(r"[,:;!?()]")
QUOTE = re.compile("[\"'“”‘’]")
# A character that is Chinese context when next to a mark: is_cjk, and not one that
# _context_char looks through (the wide marks). Held equal to that by a test.
CJK_CONTEXT = ("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f\uf900-\ufaff\u3000-\u303f"
               "\uff02-\uff07\uff0a\uff0b\uff0d-\uff0f\uff1c-\uff1e\uff20“”‘’…—·]")
_URL_MARKS = ":!?"  # the marks a URL can hold
# The mark first, its neighbours after: a pattern that starts with a lookbehind is tried
# at every position of the text, one that starts with a class only at the marks.
_BESIDE_CJK = re.compile(f"[,:;!?()](?<={CJK_CONTEXT}.)|[,;()](?={CJK_CONTEXT})")
_NOT_BESIDE_CJK = re.compile(f"[,;()](?<!{CJK_CONTEXT}.)(?!{CJK_CONTEXT})|[:!?](?<!{CJK_CONTEXT}.)")
_QUOTE_OR_BREAK = re.compile("[\"'“”‘’\n]")
WIDE = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_SKIP = " \t" + "".join(WIDE) + "".join(WIDE.values())
# A number (98.3%, 2023) belongs to the Chinese sentence around it.
_NUMBER = "0123456789.%+-"


@dataclass(frozen=True)
class NormalizeSettings:
    script: Annotated[str, OneOf(("auto", "t2s", "keep"))] = "auto"
    # OpenCC configuration used to convert: tw2s also reads Taiwan-standard forms (著, 裡)
    # that Big5 pages use, and reads OpenCC's own traditional forms as t2s does.
    opencc_config: Annotated[str, Check(lambda name: bool(_converter(name)),
                                        "must name an OpenCC configuration (tw2s, t2s, hk2s, ...)")] = "tw2s"
    # Share of Han characters that t2s changes below which a document counts as simplified.
    max_traditional_share: Annotated[float, Between(0, 1)] = 0.05


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def detect_script(text: str, config: str = "tw2s") -> tuple[str, float]:
    """('simplified' | 'traditional' | 'none', share of Han characters OpenCC would change)."""
    han = han_chars(text)
    if not han:
        return "none", 0.0
    pieces, converted = _converted_pieces(han, config)
    if converted is not None:
        changed = _differences("".join(piece for _, piece in pieces), "".join(converted))
    else:
        whole = _converter(config).convert(han)
        changed = _differences(han, whole) if len(whole) == len(han) else len(han)
    share = changed / len(han)
    return ("traditional" if share > 0.3 else "simplified"), share


def _converted_pieces(text: str, config: str) -> tuple[list[tuple[int, str]], list[str] | None]:
    """The pieces of `text` OpenCC may change and what it makes of them, converted in one
    call (pipeline.opencc_scope): the rest of the text it leaves as it is. None for the
    conversion when the scope does not apply."""
    table = scope(config)
    pieces = changeable_pieces(text, table) if table is not None else None
    if pieces is None:
        return [], None
    return pieces, convert_pieces(pieces, _converter(config).convert)


def _differences(a: str, b: str) -> int:
    """Positions at which two strings of one length differ (compared in numpy)."""
    x, y = (np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) for s in (a, b))
    return int(np.count_nonzero(x != y))


def _context_char(text: str, i: int, step: int) -> str:
    # Skip spaces and the punctuation this rule converts, in either width, so that a run
    # like ",," is judged by the text around it, the same before and after conversion.
    # Numbers are looked through as well: the comma after 98.3% in a Chinese sentence is
    # Chinese punctuation.
    while 0 <= i < len(text) and (text[i] in _SKIP or text[i] in _NUMBER):
        i += step
    return text[i] if 0 <= i < len(text) else ""


def fullwidth_punct_spans(text: str) -> list[Span]:
    # Most marks are decided by one scan: a mark with a CJK character right before it (or,
    # for a mark no URL can hold, right after it) is in Chinese context and in no URL (a
    # URL is ASCII and starts with none of these marks). Only the others are judged one
    # by one.
    beside, others = _marks_beside_cjk(text)
    spans = list(map(_new_span, repeat(Span), zip(
        beside, map(add, beside, repeat(1)), map(WIDE.__getitem__, map(text.__getitem__, beside)),
        repeat("fullwidth_punct"), repeat(1.0), repeat(""))))
    urls: list[tuple[int, int]] | None = None  # found when first needed
    for i in others:
        left, right = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
        if left.isascii() and left.isalnum() and right.isascii() and right.isalnum():
            continue
        near = _context_char(text, i - 1, -1) + _context_char(text, i + 1, 1)
        if not any(is_cjk(c) for c in near):
            continue
        if text[i] in _URL_MARKS:  # the only marks a URL can hold
            if urls is None:
                urls = [(u.start(), u.end()) for u in URL.finditer(text)]
            if any(start <= i < end for start, end in urls):
                continue
        spans.append(Span(i, i + 1, WIDE[text[i]], "fullwidth_punct"))
    return _brackets_in_pairs(text, spans) if "(" in text else spans


_ASCII_BRACKET = re.compile(r"[()\n]")


def _brackets_in_pairs(text: str, spans: list[Span]) -> list[Span]:
    """A pair of brackets changes together or not at all: where only one of a pair on a line is
    in Chinese context (电话：(02)2931-5678), both stay ASCII."""
    converted = {s.start for s in spans}
    alone, stack = set(), []
    for m in _ASCII_BRACKET.finditer(text):
        if m.group() == "\n":
            stack.clear()
        elif m.group() == "(":
            stack.append(m.start())
        elif stack:
            opener = stack.pop()
            if (opener in converted) != (m.start() in converted):
                alone |= {opener, m.start()}
    return [s for s in spans if s.start not in alone] if alone else spans


def _marks_beside_cjk(text: str) -> tuple[list[int], list[int]]:
    """Positions of the marks `_BESIDE_CJK` matches and of those `_NOT_BESIDE_CJK` does,
    in numpy over the text's code points (a regex match object per mark costs more than
    the test: a Chinese text may hold a mark every twenty characters)."""
    if not ASCII_PUNCT.search(text):
        return [], []
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    marks = np.flatnonzero(_MARK_KIND[np.minimum(codes, 127)])
    context = _context_table()
    last = len(context) - 1  # False: every code point above the table
    before = np.zeros(len(marks), dtype=bool)
    after = np.zeros(len(marks), dtype=bool)
    inner = marks > 0
    before[inner] = context[np.minimum(codes[marks[inner] - 1], last)]
    inner = marks < len(codes) - 1
    after[inner] = context[np.minimum(codes[marks[inner] + 1], last)]
    beside = before | (after & (_MARK_KIND[codes[marks]] == _EITHER_SIDE))
    return marks[beside].tolist(), marks[~beside].tolist()


# The ASCII marks: 1 judged by the character before them only (a URL can hold them),
# 2 by the character before or after.
_BEFORE_ONLY, _EITHER_SIDE = 1, 2
_MARK_KIND = np.zeros(128, dtype=np.uint8)
_MARK_KIND[[ord(c) for c in ":!?"]] = _BEFORE_ONLY
_MARK_KIND[[ord(c) for c in ",;()"]] = _EITHER_SIDE


@cache
def _context_table() -> np.ndarray:
    """Whether each code point is Chinese context (`CJK_CONTEXT`), up to the class's last
    code point and one above it (False); read off the class itself."""
    every = "".join(map(chr, range(0x2FA21)))
    table = np.zeros(len(every), dtype=bool)
    for m in re.finditer(CJK_CONTEXT + "+", every):
        table[m.start():m.end()] = True
    return table


_new_span = tuple.__new__  # a Span made without NamedTuple's Python-level __new__


def quote_spans(text: str) -> list[Span]:
    """Pairs of ASCII quotes in Chinese context on one line, as “…” or ‘…’; then the curly
    quotes of the line as they now stand are paired (so that ASCII and curly quotes mixed
    on one line are judged together, and a second run finds nothing to change)."""
    return line_quote_spans(text, _lines_to_pair(text))


def line_quote_spans(text: str, lines: Iterable[tuple[int, int]]) -> list[Span]:
    """`quote_spans` on the given lines (start, end) of `text`."""
    spans = []
    for pos, end in lines:
        line = text[pos:end]
        chars = list(line)
        for mark, pair in (('"', "“”"), ("'", "‘’")):
            at = [i for i in _positions(mark, line) if any(
                is_cjk(c2) for c2 in _context_char(line, i - 1, -1) + _context_char(line, i + 1, 1))]
            if at and len(at) == line.count(mark) and len(at) % 2 == 0:
                for k, i in enumerate(at):
                    chars[i] = pair[k % 2]
        for span in _unpaired_curly_spans("".join(chars), 0):
            chars[span.start] = span.after
        spans += [Span(pos + i, pos + i + 1, chars[i], "chinese_quotes")
                  for i in _positions("\"'“”‘’", line) if chars[i] != line[i]]
    return spans


def _lines_to_pair(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines whose quotes `quote_spans` may change: those holding an
    ASCII quote, or curly quotes of one kind in even number that do not open and close in
    turn. The quotes of every line are read in one scan; the other lines cost nothing."""
    if not QUOTE.search(text):
        return []
    marks = "".join(_QUOTE_OR_BREAK.findall(text)).split("\n")
    picked = [n for n, seq in enumerate(marks) if seq and not _paired(seq)]
    if not picked:
        return []
    lines = list(iter_lines(text))
    return [lines[n] for n in picked]


def _paired(marks: str) -> bool:
    """Whether the quote marks of a line (in order) are all curly and each kind, in even
    number, opens and closes in turn (an odd number is left alone, as by the rule)."""
    if '"' in marks or "'" in marks:
        return False
    for pair, other in (("“”", "‘’"), ("‘’", "“”")):
        kind = marks.translate(_DELETE[other])
        if len(kind) % 2 == 0 and kind != pair * (len(kind) // 2):
            return False
    return True


_DELETE = {pair: dict.fromkeys(map(ord, pair)) for pair in ("“”", "‘’")}


@cache
def _class(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}]")


def _positions(chars: str, line: str) -> list[int]:
    return [m.start() for m in _class(chars).finditer(line)]


def _unpaired_curly_spans(line: str, pos: int) -> list[Span]:
    """Curly quotes that all face one way (”…”, “…“), in even number on a line, are set
    to open and close in turn. An odd number (a quote that runs over several
    paragraphs) is left alone."""
    spans = []
    for pair in ("“”", "‘’"):
        at = _positions(pair, line)
        if at and len(at) % 2 == 0 and any(line[i] != pair[k % 2] for k, i in enumerate(at)):
            spans += [Span(pos + i, pos + i + 1, pair[k % 2], "chinese_quotes")
                      for k, i in enumerate(at) if line[i] != pair[k % 2]]
    return spans


def line_diff_spans(old: str, new_lines: list[str], rule: str) -> list[Span]:
    """Spans turning each line of `old` into the same line of `new_lines`."""
    spans, pos = [], 0
    for line, new in zip(old.split("\n"), new_lines):
        if line != new:
            if len(line) == len(new):
                i = 0
                while i < len(line):
                    if line[i] != new[i]:
                        j = i
                        while j < len(line) and line[j] != new[j]:
                            j += 1
                        spans.append(Span(pos + i, pos + j, new[i:j], rule))
                        i = j
                    else:
                        i += 1
            else:
                spans.append(Span(pos, pos + len(line), new, rule))
        pos += len(line) + 1
    return spans


# FULLWIDTH_ALNUM's code points, as offsets from its first one.
_ALNUM_BASE = 0xFF10
_FULLWIDTH_ALNUM_TABLE = np.zeros(0xFF5A - _ALNUM_BASE + 1, dtype=bool)
_FULLWIDTH_ALNUM_TABLE[[ord(c) - _ALNUM_BASE for c in map(chr, range(_ALNUM_BASE, 0xFF5B)) if FULLWIDTH_ALNUM.match(c)]] = True


def _holds_fullwidth_alnum(text: str) -> bool:
    """Whether FULLWIDTH_ALNUM matches in `text`, by a lookup in numpy over its code points
    (measured: 0.6 ms per MB, where the regex scan takes 4; few texts hold one)."""
    offsets = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) - np.uint32(_ALNUM_BASE)
    near = offsets[offsets < _FULLWIDTH_ALNUM_TABLE.size]  # wraps below the base: out
    return bool(_FULLWIDTH_ALNUM_TABLE[near].any())


class Normalize(Stage):
    """NFC, width of letters and punctuation, quotes, script."""

    name = "normalize"
    Settings = NormalizeSettings

    def process(self, doc: Document) -> Document:
        if not unicodedata.is_normalized("NFC", doc.text):
            doc.replace_spans(self.name, line_diff_spans(
                doc.text, [unicodedata.normalize("NFC", s) for s in doc.text.split("\n")], "nfc"))
        if _holds_fullwidth_alnum(doc.text):
            doc.replace_spans(self.name, [
                Span(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()), "fullwidth_alnum")
                for m in FULLWIDTH_ALNUM.finditer(doc.text)])
        # Quotes first: a comma next to a quote is judged by the Chinese quote it becomes.
        doc.replace_spans(self.name, quote_spans(doc.text))
        doc.replace_spans(self.name, fullwidth_punct_spans(doc.text))
        self._title(doc)
        self._script(doc)
        return doc

    def _title(self, doc: Document) -> None:
        """The title's characters as the text's: a title read off an ASCII-punctuation line
        (考勤办法(试行)) gets the marks its text gets, each change a title edit."""
        for rule, spans_of in (("nfc", lambda t: line_diff_spans(t, [unicodedata.normalize("NFC", t)], "nfc")),
                               ("fullwidth_alnum", lambda t: [Span(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()),
                                                                   "fullwidth_alnum") for m in FULLWIDTH_ALNUM.finditer(t)]),
                               ("chinese_quotes", quote_spans), ("fullwidth_punct", fullwidth_punct_spans)):
            if doc.title and (spans := spans_of(doc.title)):
                doc.set_title(self.name, rule, _applied(doc.title, spans))

    def _script(self, doc: Document) -> None:
        script, share = detect_script(doc.text, self.settings.opencc_config)
        if script != "none" and self.settings.script == "t2s":
            convert = _converter(self.settings.opencc_config).convert
            new = [convert(s) for s in doc.text.split("\n")]
            doc.replace_spans(self.name, line_diff_spans(doc.text, new, "opencc_t2s"))
            if doc.title:
                doc.set_title(self.name, "opencc_t2s", convert(doc.title))
            script = "simplified"
        elif script == "simplified" and self.settings.script == "auto" and 0 < share <= self.settings.max_traditional_share:
            doc.replace_spans(self.name, stray_traditional_spans(doc.text, self.settings.opencc_config))
        doc.metadata["script"] = script


def _applied(text: str, spans: list[Span]) -> str:
    """`text` with non-overlapping `spans` replaced."""
    out, pos = [], 0
    for sp in sorted(spans, key=lambda sp: sp.start):
        out += [text[pos:sp.start], sp.after]
        pos = sp.end
    return "".join(out) + text[pos:]


def in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def stray_traditional_spans(text: str, config: str = "tw2s") -> list[Span]:
    """Characters OpenCC t2s changes that are not simplified characters themselves: a
    GB2312 character such as 乾 (乾坤) is correct simplified text and is left alone.
    Each line is converted alone; only the pieces OpenCC may change are converted, or,
    when the scope does not apply, every line. (Not the lines in one call: an ideographic
    description character at the end of a line would take the line break and the next
    line's first character as its parts.)"""
    pieces, converted = _converted_pieces(text, config)
    if converted is None:
        pieces = [(start, text[start:end]) for start, end in iter_lines(text)]
        converted = [_converter(config).convert(line) for _, line in pieces]
    spans = []
    for (start, piece), new in zip(pieces, converted):
        if new != piece and len(new) == len(piece):
            spans += [Span(start + i, start + i + 1, b, "opencc_t2s")
                      for i, (a, b) in enumerate(zip(piece, new)) if a != b and is_han(a) and not in_gb2312(a)]
    return spans
