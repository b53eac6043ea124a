"""repair_mojibake: text that was decoded with the wrong codec before it reached us.

Rules (each repair is an edit):
- `latin1_mojibake`: UTF-8 read as Latin-1/cp1252 (`å…šå»º` for 党建), fixed by ftfy's
  `fix_encoding` (only that fixer: ftfy's width fixer would damage ，！？), line by line,
  on lines that hold Latin-1 letters at all.
- `gbk_mojibake`: UTF-8 read as GBK (`鍏氬缓` for 党建), which ftfy does not handle. A
  span is re-encoded as GB18030 and decoded as UTF-8; it is replaced only when that
  round trip is valid (bytes the wrong decoder escaped as lone surrogates are taken
  back) and the result is clearly better Chinese: at least two Han
  characters, nearly all of them common ones, where the span itself was not. Works on
  a whole document or on one broken span inside a good line. Where the wrong decoder
  lost a byte (a U+FFFD follows the span), the character it cut is dropped with it.
- `replacement_mojibake`: `锟斤拷` runs (U+FFFD that went through the same mistake)
  carry nothing recoverable and are removed.
- `invisible_chars`: control, zero-width, byte-order-mark, private-use and stray U+FFFD
  characters are removed (line breaks and tabs stay). This is done here, before any
  stage reads the layout, so that an invisible character never decides a line break.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pipeline.charsets import common_han, common_simplified, gb2312_han, han_plausibility, is_cjk_punct, is_han
from pipeline.document import Document, Span, removals
from pipeline.stages.base import Between, Stage

LATIN1_LETTERS = re.compile("[\u00c0-\u00ff]")
NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
# Controls (tab and line break stay), format characters (soft hyphen, zero-width, bidi
# marks, embeddings and isolates, tags), private use, non-characters, lone surrogates and
# stray U+FFFD: nothing a reader sees or a model should learn.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufeff\ufff9-\ufffb"
    "\ufffd-\uffff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f\U000f0000-\U0010ffff]"
    "|[" + "".join(chr(plane << 16 | low) for plane in range(1, 15) for low in (0xFFFE, 0xFFFF)) + "]")
KUN_JIN_KAO = re.compile("(?:锟斤拷|锟斤|烫烫烫|屯屯屯)+")


@dataclass(frozen=True)
class MojibakeSettings:
    # Share of common characters the repaired span must reach.
    min_plausibility: Annotated[float, Between(0, 1)] = 0.9
    # A span that already reads this well is left alone.
    max_span_plausibility: Annotated[float, Between(0, 1)] = 0.75
    # With this many clear repairs the document is known to be mojibake, and short spans
    # (one character, or only a character cut by a lost byte) are repaired too.
    min_repairs_for_document: Annotated[int, Between(1, 1_000_000)] = 3


TWO_UTF8_CHARS = re.compile(rb"[\xe0-\xef][\x80-\xbf\xff]{2}[\xe0-\xef][\x80-\xbf\xff]{2}")
LOST = 0xFF  # stands for a byte the wrong decoder replaced by U+FFFD (never valid UTF-8)


def _char_bytes(c: str) -> bytes:
    """The GB18030 bytes a wrongly decoded character came from. U+FFFD stands for a byte
    the decoder dropped; a lone surrogate (errors="surrogateescape") keeps its byte."""
    if c == "\ufffd":
        return bytes([LOST])
    if "\udc80" <= c <= "\udcff":
        return bytes([ord(c) - 0xDC00])
    return c.encode("gb18030")


def _scan_utf8(data: bytes, start: int, boundaries: Container[int]) -> tuple[int, str, int]:
    """From `start`, the longest stretch of multi-byte UTF-8 characters (some with lost
    bytes) that ends on a character boundary of the mojibake: (end, text, lost chars)."""
    i, out, lost = start, [], 0
    best = (start, "", 0)
    while i < len(data):
        b = data[i]
        # ASCII bytes here were trail bytes of GBK characters (the letter after 在 in 在X).
        n = 1 if b < 0x80 else 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if b == LOST:
            n = 1
            while n < 4 and i + n < len(data) and (0x80 <= data[i + n] <= 0xBF):
                n += 1
        if not n or i + n > len(data):
            break
        tail = data[i + 1:i + n]
        if not all(0x80 <= c <= 0xBF or c == LOST for c in tail):
            break
        chunk = data[i:i + n]
        if LOST in chunk:
            lost += 1
        else:
            out.append(chunk.decode("utf-8", "replace"))
        i += n
        if i in boundaries:
            best = (i, "".join(out), lost)
    return best


@cache
def _known_han() -> frozenset[str]:
    return gb2312_han() | common_han()


def _readable(text: str, min_han: int, min_share: float) -> bool:
    """Chinese a reader would accept: Han characters (nearly all of them known ones),
    Chinese punctuation and ASCII, nothing else."""
    han = [c for c in text if is_han(c)]
    known = _known_han()
    if not all(is_han(c) or is_cjk_punct(c) or c.isascii() for c in text):
        return False
    if len(han) < min_han:
        return min_han <= 1 and bool(text.strip())
    return sum(c in known for c in han) / len(han) >= min_share


def gbk_mojibake_spans(text: str, settings: MojibakeSettings, relaxed: bool = False) -> list[Span]:
    """Spans to repair. `relaxed` (for a document already shown to be mojibake) also takes
    short spans and spans whose only character was cut by a lost byte."""
    spans = []
    common = common_simplified()
    for run in NON_ASCII_RUN.finditer(text):
        chars = run.group()
        if all(c in common for c in chars):
            continue  # mojibake of Chinese holds rare characters
        try:
            encoded = [_char_bytes(c) for c in chars]
        except UnicodeEncodeError:
            continue
        bounds = [0]
        for e in encoded:
            bounds.append(bounds[-1] + len(e))
        index = {b: k for k, b in enumerate(bounds)}
        data, i = b"".join(encoded), 0
        if not relaxed and not TWO_UTF8_CHARS.search(data):
            continue  # GBK bytes of real Chinese almost never hold two UTF-8 characters in a row
        while i < len(chars):
            end_byte, repaired, lost = _scan_utf8(data, bounds[i], index.keys())
            j = index[end_byte]
            if j <= i:
                i += 1
                continue
            span = chars[i:j]
            readable = _readable(repaired, 1 if relaxed else 2, settings.min_plausibility)
            if j - i >= (1 if relaxed else 2) and (readable or (relaxed and lost and not repaired.strip())) \
                    and han_plausibility(span, simplified_only=True) <= settings.max_span_plausibility:
                why = f"GB18030 bytes of {span[:12]!r} are valid UTF-8: {repaired[:12]!r}"
                if lost:
                    why += f"; {lost} character(s) lost by the wrong decoder"
                spans.append(Span(run.start() + i, run.start() + j, repaired, "gbk_mojibake", evidence=why))
                i = j
            else:
                i += 1
    return spans


def latin1_mojibake_spans(text: str) -> list[Span]:
    import ftfy

    spans, pos = [], 0
    for line in text.split("\n"):
        if LATIN1_LETTERS.search(line):
            fixed = ftfy.fix_encoding(line)
            if fixed != line and han_plausibility(fixed) > han_plausibility(line):
                spans.append(Span(pos, pos + len(line), fixed, "latin1_mojibake",
                                  evidence="ftfy.fix_encoding"))
        pos += len(line) + 1
    return spans


class RepairMojibake(Stage):
    """Undo decoding mistakes made before the page reached us."""

    name = "repair_mojibake"
    Settings = MojibakeSettings

    def process(self, doc: Document) -> Document:
        # 锟斤拷 first: its bytes are valid UTF-8 (U+FFFD) and would spoil a GBK repair.
        doc.replace_spans(self.name, removals(KUN_JIN_KAO, doc.text, "replacement_mojibake"))
        doc.replace_spans(self.name, latin1_mojibake_spans(doc.text))
        spans = gbk_mojibake_spans(doc.text, self.settings)
        if len(spans) >= self.settings.min_repairs_for_document:
            spans = gbk_mojibake_spans(doc.text, self.settings, relaxed=True)
        doc.replace_spans(self.name, spans)
        doc.replace_spans(self.name, removals(INVISIBLE, doc.text, "invisible_chars"))
        return doc
