"""Character classes shared by the stages: Han, CJK punctuation, common characters.

The common-character set is derived, not shipped: GB2312 level 1 (the 3,755 most
frequent simplified characters) and Big5's frequent characters (A440-C67E), obtained by
decoding those byte ranges with Python's own codecs.
"""

from __future__ import annotations

from functools import cache

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】\"'"
# Punctuation after which a line break is a real paragraph break.
PARAGRAPH_END = "。！？!?；;：:…" + CLOSERS


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2FA1F
            or 0xF900 <= cp <= 0xFAFF)


def is_cjk_punct(ch: str) -> bool:
    cp = ord(ch)
    return 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF0F or 0xFF1A <= cp <= 0xFF20 \
        or ch in "“”‘’…—·"


def is_cjk(ch: str) -> bool:
    return is_han(ch) or is_cjk_punct(ch)


@cache
def common_han() -> frozenset[str]:
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(c for c in chars if is_han(c))


def han_plausibility(text: str) -> float:
    """Share of Han characters that are common ones (1.0 when there are none)."""
    han = [c for c in text if is_han(c)]
    if not han:
        return 1.0 if text.isascii() else 0.0
    common = common_han()
    return sum(c in common for c in han) / len(han)


_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Full-width ASCII variants to ASCII, same length: a view for matching rules that
    must see `，` and `,` alike without moving any offset."""
    return text.translate(_FOLD)
