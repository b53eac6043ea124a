"""repair_mojibake: text that was decoded with the wrong codec before it reached us.

Rules (each repair is an edit):
- `latin1_mojibake`: UTF-8 read as Latin-1/cp1252 (`å…šå»º` for 党建), fixed by ftfy's
  `fix_encoding` (only that fixer: ftfy's width fixer would damage ，！？), line by line,
  on lines that hold Latin-1 letters at all.
- `gbk_mojibake`: UTF-8 read as GBK (`鍏氬缓` for 党建), which ftfy does not handle. A
  span's characters are turned back into the bytes they came from and decoded as UTF-8.
  The bytes follow a browser's GBK decoder (WHATWG) as well as GB18030: a `€` was a lone
  byte 0x80 (the last byte of 一 最 、 。 “ ” …) or A2 E3, U+3000 was A1 A1 or A3 A0, and
  every reading is followed at once until one of them is valid UTF-8. A U+FFFD is a byte
  the decoder destroyed (a browser does so to a lead byte before an ASCII byte, which it
  then reads again): every other byte is taken back (as are bytes escaped as lone
  surrogates), and the character it belonged to is restored where its surviving bytes and
  the text around single one out (pipeline/lost_chars.py: 年 between 2023 and 10, 。 at a
  paragraph's end), else dropped; the edit's evidence says which. A span is replaced only when the
  result is clearly better Chinese: at least two Han characters, nearly all of them common
  ones, where the span itself was not. Works on a whole document or on one broken span
  inside a good line; once a document is known to be mojibake, short spans go too. Until
  then only runs holding a character of the mojibake alphabet (`mojibake_alphabet`: no
  repair is possible without one) are tried, found by one scan: clean text costs that. When
  the character lost at the end of a span was a punctuation mark (its known bytes say so),
  the edit's evidence says it, for the line joiner.
- `replacement_mojibake`: `锟斤拷` runs (U+FFFD that went through the same mistake)
  carry nothing recoverable and are removed.
- `html_entity`: character references an HTML-to-text dump wrote out (`&nbsp;`, `&ldquo;`)
  become their characters (pipeline/stages/html_remnants.py).
- `invisible_chars`: control, zero-width, byte-order-mark, private-use and stray U+FFFD
  characters are removed (line breaks and tabs stay). After the repairs, which still
  need them (GBK's user-defined areas decode to private use). This is done here, before any
  stage reads the layout, so that an invisible character never decides a line break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated, NamedTuple

from pipeline.charsets import (
    common_deletion_table,
    common_han,
    common_simplified,
    gb2312_han,
    han_plausibility,
    is_cjk_punct,
    is_han,
    lines_holding,
)
from pipeline.document import Document, Span, removals
from pipeline.lost_chars import LOST, DocumentPairs, restore
from pipeline.stages.base import Between, Stage
from pipeline.stages.html_remnants import entity_spans

LATIN1_LETTERS = re.compile("[\u00c0-\u00ff]")
NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
# Controls (tab and line break stay), format characters (soft hyphen, zero-width, bidi
# marks, embeddings and isolates, tags), private use, non-characters, lone surrogates and
# stray U+FFFD: nothing a reader sees or a model should learn.
_INVISIBLE_BMP = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
                  "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufeff\ufff9-\ufffb"
                  "\ufffd-\uffff")
INVISIBLE = re.compile(
    "[" + _INVISIBLE_BMP + "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f\U000f0000-\U0010ffff"
    + "".join(chr(plane << 16 | low) for plane in range(1, 15) for low in (0xFFFE, 0xFFFF)) + "]")
# The same class with every character beyond the BMP in it: few ranges, so the regex
# engine tests a character in one lookup (the exact class, with its many ranges beyond
# the BMP, costs ten times more). A text it finds nothing in holds nothing invisible.
_MAYBE_INVISIBLE = re.compile("[" + _INVISIBLE_BMP + "\U00010000-\U0010ffff]")
KUN_JIN_KAO = re.compile("(?:锟斤拷|锟斤|烫烫烫|屯屯屯)+")
_KUN_JIN_KAO_START = re.compile("[锟烫屯]")  # one lookup per character


@dataclass(frozen=True)
class MojibakeSettings:
    # Share of common characters the repaired span must reach.
    min_plausibility: Annotated[float, Between(0, 1)] = 0.9
    # A span that already reads this well is left alone.
    max_span_plausibility: Annotated[float, Between(0, 1)] = 0.75
    # With this many clear repairs, or one or more repairs giving back this many
    # characters, the document is known to be mojibake, and short spans (one character,
    # or only a character cut by a lost byte) are repaired too.
    min_repairs_for_document: Annotated[int, Between(1, 1_000_000)] = 3
    min_repaired_chars_for_document: Annotated[int, Between(1, 1_000_000)] = 12


TWO_UTF8_CHARS = re.compile(rb"[\xe0-\xef][\x80-\xbf\xff]{2}[\xe0-\xef][\x80-\xbf\xff]{2}")
# Where Python's GB18030 alone does not say which bytes a character came from: a browser's
# GBK decoder (WHATWG) reads a lone byte 0x80 as € (which GB18030 writes A2 E3), A3 A0 as
# U+3000 (GB18030: A1 A1) and A8 BC as U+1E3F (Python's codec: U+E7C7); U+FFFD is a byte
# the decoder destroyed. Likeliest first.
_ALTERNATIVES: dict[str, tuple[bytes, ...]] = {
    "\u20ac": (b"\x80", b"\xa2\xe3"), "\u3000": (b"\xa1\xa1", b"\xa3\xa0"), "\u1e3f": (b"\xa8\xbc",),
    "\ufffd": (bytes([LOST]),)}
# One UTF-8 character, a destroyed byte standing for any byte of it.
_UTF8_CHAR = re.compile(rb"[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf\xff]|[\xe0-\xef][\x80-\xbf\xff]{2}"
                        rb"|[\xf0-\xf4][\x80-\xbf\xff]{3}|\xff[\x80-\xbf]{0,3}")
# Lead bytes (and second bytes) that put a character in a block of punctuation only:
# U+2000-203F (“ ” — …), U+3000-303F (、。《》「」), U+FF00-FF3F (！，：；？).
_PUNCTUATION_PREFIXES = (b"\xe2\x80", b"\xe3\x80", b"\xef\xbc")
# The evidence of a repair whose last character was a punctuation mark the decoder
# destroyed: a line break right after it ended a sentence (pagination reads this).
LOST_PUNCTUATION_AT_END = "the last character, a punctuation mark, was lost"


# Characters whose bytes _char_bytes gives otherwise than GB18030 does.
_SPECIAL = re.compile("[" + "".join(_ALTERNATIVES) + "\udc80-\udcff]")


def _char_bytes(c: str) -> tuple[bytes, ...]:
    """The byte sequences a wrongly decoded character may have come from, likeliest first.
    A lone surrogate (errors="surrogateescape") keeps its byte."""
    if c in _ALTERNATIVES:
        return _ALTERNATIVES[c]
    if "\udc80" <= c <= "\udcff":
        return (bytes([ord(c) - 0xDC00]),)
    return (c.encode("gb18030"),)


def _utf8_steps() -> list[list[tuple[int, ...]]]:
    """UTF-8 as a state machine over bytes, indexed [state + 3][byte] -> next states.
    State 1..3: continuation bytes still due; 0: on a character boundary; -1..-3: after
    a destroyed byte that may have been a lead, that many continuation bytes may still
    belong to its character (or none: it is also on a boundary)."""
    table = []
    for state in range(-3, 4):
        row: list[tuple[int, ...]] = []
        for b in range(256):
            if b == LOST:  # any byte: the continuation that is due, or a new lead
                nxt = (state - 1,) if state > 0 else (min(state + 1, 0), -3) if state < 0 else (-3,)
            elif 0x80 <= b <= 0xBF:
                nxt = (state - 1,) if state > 0 else (min(state + 1, 0),) if state < 0 else ()
            elif state > 0:
                nxt = ()
            elif b < 0x80:  # ASCII here was a trail byte of a GBK pair (the letter after 在 in 在X)
                nxt = (0,)
            else:
                nxt = (1,) if 0xC2 <= b <= 0xDF else (2,) if 0xE0 <= b <= 0xEF else (3,) if 0xF0 <= b <= 0xF4 else ()
            row.append(nxt)
        table.append(row)
    return table


_STEPS = _utf8_steps()


def _scan_utf8(choices: list[tuple[bytes, ...]], start: int) -> tuple[int, bytes]:
    """From character `start`, the longest run of wrongly decoded characters whose bytes
    (one of each character's choices) are UTF-8 ending on a character boundary: (end, bytes).
    All readings are followed at once (a few states per character), so a € that was
    0x80 in one place and A2 E3 in another are both found."""
    layers: list[dict[int, tuple[int, int]]] = []
    states: dict[int, tuple[int, int]] = {0: (0, 0)}
    best = start
    for k in range(start, len(choices)):
        nxt: dict[int, tuple[int, int]] = {}
        for state in states:
            for n, option in enumerate(choices[k]):
                reached = {state}
                for b in option:
                    reached = {s for r in reached for s in _STEPS[r + 3][b]}
                for s in sorted(reached):
                    nxt.setdefault(s, (state, n))
        if not nxt:
            break
        layers.append(nxt)
        states = nxt
        if any(s <= 0 for s in nxt):
            best = k + 1
    if best == start:
        return start, b""
    picked, state = [], max(s for s in layers[best - start - 1] if s <= 0)
    for k in range(best - 1, start - 1, -1):
        state, n = layers[k - start][state]
        picked.append(choices[k][n])
    picked.reverse()
    _prefer_known(picked, choices[start:best])
    return best, b"".join(picked)


def _prefer_known(picked: list[bytes], choices: list[tuple[bytes, ...]]) -> None:
    """Where two readings of a character have the same shape (U+3000: A1 A1 or A3 A0, both
    continuation bytes), UTF-8 cannot tell them apart: keep the one that gives the more
    common Han character (棠 for E6 A3 A0 rather than 桡 for E6 A1 A1)."""
    common, known, offset = common_simplified(), _known_han(), 0
    for k, option in enumerate(picked):
        same = [c for c in choices[k] if c != option and len(c) == len(option) and all(0x80 <= b <= 0xBF for b in c)]
        if same and all(0x80 <= b <= 0xBF for b in option):
            data = b"".join(picked)
            before, after = data[max(0, offset - 3):offset], data[offset + len(option):offset + len(option) + 3]
            scores = {c: sum((ch in known) + (ch in common) for ch in (before + c + after).decode("utf-8", "ignore"))
                      for c in same + [option]}
            best = max(same, key=scores.__getitem__)
            if scores[best] > scores[option]:
                picked[k] = best
        offset += len(picked[k])


class Gap(NamedTuple):
    """A character the wrong decoder destroyed: where it was in the repaired text and its
    UTF-8 bytes, LOST for each destroyed one."""

    offset: int
    pattern: bytes


def _decode_lossy(data: bytes) -> tuple[str, list[Gap], bool]:
    """UTF-8 bytes, some destroyed: the text of the whole characters, the gaps where
    characters were lost, and whether the last one was a lost punctuation mark."""
    out: list[str] = []
    gaps: list[Gap] = []
    punct_at_end, length = False, 0
    for m in _UTF8_CHAR.finditer(data):
        char = m.group()
        if LOST in char:
            gaps.append(Gap(length, char))
            punct_at_end = char.startswith(_PUNCTUATION_PREFIXES)
        else:
            decoded = char.decode("utf-8", "replace")
            out.append(decoded)
            length += len(decoded)
            punct_at_end = False
    return "".join(out), gaps, punct_at_end


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
        # (An ideographic space is text: a repair to one alone is a repair.)
        return min_han <= 1 and bool(text.replace("\u3000", "x").strip())
    return sum(c in known for c in han) / len(han) >= min_share


@cache
def mojibake_alphabet() -> re.Pattern[str]:
    """The characters one of which a run must hold for a repair outside a document known to
    be mojibake: a GBK character whose lead byte is E0-EF, or one read from a lone byte
    (€ as 0x80, U+FFFD, a byte escaped as a lone surrogate). A repair needs
    `TWO_UTF8_CHARS`, two bytes E0-EF three apart with bytes 80-BF between. Among two-byte
    characters, of two bytes three apart one is a lead byte. A four-byte GB18030 character
    has bytes 30-39 second and fourth, which no match holds, so a match takes at most its
    first byte, last: the five bytes before are two-byte characters'. (A test checks
    every code point.)"""
    chars = {"\u20ac", "\ufffd"}
    for lead in range(0xE0, 0xF0):
        for trail in range(0x40, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb18030"))
            except UnicodeDecodeError:
                continue
    return re.compile("[\udc80-\udcff" + "".join(map(re.escape, sorted(chars))) + "]")


def _candidate_runs(text: str, relaxed: bool):
    """The runs of non-ASCII characters a repair may come from: all of them in a document
    known to be mojibake, else those holding a character of the mojibake alphabet (one
    scan finds their lines; clean text costs that scan)."""
    if relaxed:
        yield from NON_ASCII_RUN.finditer(text)
        return
    alphabet = mojibake_alphabet()
    for start, end in lines_holding(alphabet, text):
        for run in NON_ASCII_RUN.finditer(text, start, end):
            if alphabet.search(text, run.start(), run.end()):
                yield run


def gbk_mojibake_spans(text: str, settings: MojibakeSettings, relaxed: bool = False) -> list[Span]:
    """Spans to repair (their lost characters dropped)."""
    return [span for span, _ in gbk_mojibake_repairs(text, settings, relaxed)]


def gbk_mojibake_repairs(text: str, settings: MojibakeSettings,
                         relaxed: bool = False) -> list[tuple[Span, list[Gap]]]:
    """Spans to repair, each with the gaps its lost characters left. `relaxed` (for a
    document already shown to be mojibake) also takes short spans and spans whose only
    character was cut by a lost byte."""
    repairs = []
    uncommon = common_deletion_table(simplified_only=True)
    for run in _candidate_runs(text, relaxed):
        chars = run.group()
        if not chars.translate(uncommon):
            continue  # mojibake of Chinese holds rare characters
        if not relaxed and not _SPECIAL.search(chars):  # the run's bytes in one codec call
            try:
                if not TWO_UTF8_CHARS.search(chars.encode("gb18030")):
                    continue  # GBK bytes of real Chinese almost never hold two UTF-8 characters in a row
            except UnicodeEncodeError:
                continue
        try:
            choices = [_char_bytes(c) for c in chars]
        except UnicodeEncodeError:
            continue
        if not relaxed and not TWO_UTF8_CHARS.search(b"".join(c[0] for c in choices)):
            continue
        i = 0
        while i < len(chars):
            j, data = _scan_utf8(choices, i)
            repaired, gaps, punct_at_end = _decode_lossy(data)
            span = chars[i:j]
            readable = _readable(repaired, 1 if relaxed else 2, settings.min_plausibility)
            if j - i >= (1 if relaxed else 2) and (readable or (relaxed and gaps and not repaired.strip())) \
                    and han_plausibility(span, simplified_only=True) <= settings.max_span_plausibility:
                why = f"GB18030/GBK bytes of {span[:12]!r} are valid UTF-8: {repaired[:12]!r}"
                if gaps:
                    why += f"; {len(gaps)} character(s) lost by the wrong decoder"
                if punct_at_end:
                    why += f"; {LOST_PUNCTUATION_AT_END}"
                repairs.append((Span(run.start() + i, run.start() + j, repaired, "gbk_mojibake", evidence=why), gaps))
                i = j
            else:
                i += 1
    return repairs


def restore_gaps(text: str, repairs: list[tuple[Span, list[Gap]]]) -> list[Span]:
    """The repairs with each lost character put back where the text around it singles one
    out (pipeline/lost_chars.py), read in the repaired document."""
    pieces, starts, at, length = [], [], 0, 0
    for span, _ in repairs:
        pieces += [text[at:span.start], span.after]
        length += span.start - at
        starts.append(length)
        length += len(span.after)
        at = span.end
    repaired = "".join(pieces) + text[at:]
    pairs = DocumentPairs(repaired)
    out = []
    for (span, gaps), start in zip(repairs, starts):
        after, evidence, shift = span.after, [span.evidence], 0
        for gap in gaps:
            where = start + gap.offset
            line_start = repaired.rfind("\n", max(0, where - 400), where) + 1
            found = restore(gap.pattern, repaired[line_start:where], repaired[where:where + 8], pairs)
            if found:
                after = after[:gap.offset + shift] + found.char + after[gap.offset + shift:]
                evidence.append(found.evidence)
                shift += 1
        out.append(span._replace(after=after, evidence="; ".join(evidence)))
    return out


def latin1_mojibake_spans(text: str) -> list[Span]:
    import ftfy

    spans = []
    for start, end in lines_holding(LATIN1_LETTERS, text):
        line = text[start:end]
        fixed = ftfy.fix_encoding(line)
        if fixed == line and _MAYBE_INVISIBLE.search(line):
            # (An invisible character outside the mojibake, \xad before å…šå»º, spoils the round
            # trip; it goes anyway: the line without it is what is repaired.)
            bare = INVISIBLE.sub("", line)
            if (repaired := ftfy.fix_encoding(bare)) != bare:
                fixed = repaired
        if fixed != line and han_plausibility(fixed) > han_plausibility(line):
            spans.append(Span(start, end, fixed, "latin1_mojibake", evidence="ftfy.fix_encoding"))
    return spans


class RepairMojibake(Stage):
    """Undo decoding mistakes made before the page reached us."""

    name = "repair_mojibake"
    Settings = MojibakeSettings

    def process(self, doc: Document) -> Document:
        # 锟斤拷 first: its bytes are valid UTF-8 (U+FFFD) and would spoil a GBK repair.
        if _KUN_JIN_KAO_START.search(doc.text):
            doc.replace_spans(self.name, removals(KUN_JIN_KAO, doc.text, "replacement_mojibake"))
        doc.replace_spans(self.name, latin1_mojibake_spans(doc.text))
        spans = gbk_mojibake_spans(doc.text, self.settings)
        if len(spans) >= self.settings.min_repairs_for_document or \
                sum(len(s.after) for s in spans) >= self.settings.min_repaired_chars_for_document:
            spans = restore_gaps(doc.text, gbk_mojibake_repairs(doc.text, self.settings, relaxed=True))
        doc.replace_spans(self.name, spans)
        doc.replace_spans(self.name, entity_spans(doc.text))  # (&nbsp; a dump wrote out: the layout's space)
        if _MAYBE_INVISIBLE.search(doc.text):
            doc.replace_spans(self.name, removals(INVISIBLE, doc.text, "invisible_chars"))
        return doc
