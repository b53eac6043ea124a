"""decode: raw bytes to text, with the encoding chosen on evidence and recorded.

Order of evidence: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a BOM
(NUL bytes in every other position); strict UTF-8; UTF-8 with a few broken bytes (named
so in the encoding column); then GB18030 (a superset of GBK and
GB2312) and Big5, each decoded strictly and scored by how plausible the result is as
Chinese (the share of Han characters that are common ones, see `charsets.py`). A file
that no candidate decodes plausibly is rejected with the reason, never guessed.

Edits: `bom` (the byte-order mark), `line_endings` (CRLF/CR to LF).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Annotated

from pipeline.charsets import han_plausibility
from pipeline.document import Document, Span
from pipeline.stages.base import Between, Check, Stage

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# CRLF and CR, and the Unicode line and paragraph separators, are line breaks.
_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")
# What a file that is not text starts with: it is rejected with what it is, not decoded.
_NOT_TEXT = ((b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX, EPUB …)"),
             (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (DOC, XLS …)"), (b"\x89PNG", "a PNG image"),
             (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"\x1f\x8b", "a gzip archive"),
             (b"{\\rtf", "an RTF file"))
_HTML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|\?xml[^>]*>\s*<html)",
                   re.IGNORECASE | re.DOTALL)


def known_codecs(names: tuple[str, ...]) -> bool:
    for name in names:
        codecs.lookup(name)
    return True


class DecodeError(ValueError):
    """The bytes cannot be decoded with confidence."""


@dataclass(frozen=True)
class DecodeSettings:
    # Least share of common characters among the Han characters of a legacy-encoded
    # file for GB18030/Big5 to be accepted.
    min_plausibility: Annotated[float, Between(0, 1)] = 0.8
    legacy_encodings: Annotated[tuple[str, ...], Check(known_codecs, "must name Python codecs")] = ("gb18030", "big5")
    # UTF-8 with at most this many broken byte sequences (or this share of the text) is
    # still read as UTF-8.
    max_bad_utf8_bytes: Annotated[int, Between(0, 1_000_000)] = 3
    max_bad_utf8_share: Annotated[float, Between(0, 1)] = 0.001


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes, settings: DecodeSettings) -> tuple[str, str] | None:
    """UTF-8 with a few broken bytes (a cut-off scrape): decoded, the bad bytes as U+FFFD
    (removed later as edits), and said in the encoding name so it is never silent."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if multibyte and bad <= max(settings.max_bad_utf8_bytes, settings.max_bad_utf8_share * len(text)):
        return text, f"utf-8 ({bad} invalid byte sequence(s) replaced)"
    return None


def not_text(data: bytes) -> str | None:
    """What the file is when it is not plain text (a PDF, an image, an HTML page), or None.
    HTML is rejected rather than guessed at: extract the page's text first (README)."""
    for magic, kind in _NOT_TEXT:
        if data.startswith(magic):
            return f"{kind}, not text"
    if _HTML.match(data[:4096]):
        return "an HTML page, not text: extract its text first (markup is not published)"
    return None


def decode_bytes(data: bytes, settings: DecodeSettings = DecodeSettings()) -> tuple[str, str]:
    """Return (text, encoding). The BOM, if any, is kept as U+FEFF for the stage to record."""
    kind = not_text(data)
    if kind:
        raise DecodeError(kind)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DecodeError(f"has a {enc} byte-order mark but does not decode as {enc}: {exc}") from exc
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            return data.decode(enc16), enc16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data, settings)
    if mostly:
        return mostly
    best: tuple[float, str, str] | None = None
    # UTF-16 without a byte-order mark and with few ASCII characters has no NUL pattern to
    # see; it competes on plausibility like the legacy encodings.
    candidates = settings.legacy_encodings + (("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ())
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = han_plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is None:
        raise DecodeError(f"not valid UTF-8, UTF-16 or any of {list(settings.legacy_encodings)}")
    if best[0] < settings.min_plausibility:
        raise DecodeError(f"decodes as {best[2]} but reads as implausible Chinese "
                          f"(common-character share {best[0]:.2f} < {settings.min_plausibility})")
    return best[1], best[2]


class Decode(Stage):
    """Turn `doc.raw` into `doc.text`; record the encoding in `metadata['encoding']`."""

    name = "decode"
    Settings = DecodeSettings

    def process(self, doc: Document) -> Document:
        if doc.raw is None:
            doc.metadata.setdefault("encoding", "utf-8")
            return doc
        try:
            doc.text, doc.metadata["encoding"] = decode_bytes(doc.raw, self.settings)
        except DecodeError as exc:
            raise DecodeError(f"{doc.source}: {exc}") from exc
        doc.raw = None
        # Most files break lines with \n alone: three character searches (a fraction of a
        # millisecond per MB) spare them the regex scan (about 6 ms per MB).
        text = doc.text
        has_breaks = "\r" in text or "\u2028" in text or "\u2029" in text
        spans = [Span(m.start(), m.end(), "\n", "line_endings") for m in _LINE_BREAK.finditer(text)] if has_breaks else []
        if doc.text.startswith("\ufeff"):
            spans.append(Span(0, 1, "", "bom"))
        doc.replace_spans(self.name, spans)
        return doc
