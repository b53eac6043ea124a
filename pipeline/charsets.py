"""Character classes shared by the stages: Han, CJK punctuation, common characters.

The common-character set is derived, not shipped: GB2312 level 1 (the 3,755 most
frequent simplified characters) and Big5's frequent characters (A440-C67E), obtained by
decoding those byte ranges with Python's own codecs.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】\"'"
# Punctuation after which a line break is a real paragraph break.
PARAGRAPH_END = "。！？!?；;：:…" + CLOSERS


HAN_RUN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f\uf900-\ufaff]+")


def han_chars(text: str) -> str:
    """The Han characters of `text`, in order (one scan in compiled code: the regex for a
    line, a table lookup in numpy for a whole text, where a class with astral ranges costs
    the regex a range test per character)."""
    if len(text) < 256:
        return "".join(HAN_RUN.findall(text))
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _han_table()
    return codes[table[np.minimum(codes, len(table) - 1)]].tobytes().decode("utf-32-le")


@cache
def _han_table():
    """Whether each code point is Han (`HAN_RUN`), up to the class's last code point and one
    above it (False); read off the class itself."""
    import numpy as np

    every = "".join(map(chr, range(0x2FA21)))
    table = np.zeros(len(every), dtype=bool)
    for m in HAN_RUN.finditer(every):
        table[m.start():m.end()] = True
    return table


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


def _han_in(codec: str, leads: range, trails: list[int]) -> set[str]:
    """The Han characters a double-byte codec gives for these lead and trail bytes."""
    chars = set()
    for hi in leads:
        for lo in trails:
            try:
                ch = bytes([hi, lo]).decode(codec)
            except UnicodeDecodeError:
                continue
            if is_han(ch):
                chars.add(ch)
    return chars


@cache
def common_simplified() -> frozenset[str]:
    """GB2312 level 1: the 3,755 most frequent simplified characters."""
    return frozenset(_han_in("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF))))


@cache
def gb2312_han() -> frozenset[str]:
    """Every Han character of GB2312 (levels 1 and 2: 6,763 characters)."""
    return frozenset(_han_in("gb2312", range(0xB0, 0xF8), list(range(0xA1, 0xFF))))


@cache
def common_han() -> frozenset[str]:
    """Frequent characters of either script: GB2312 level 1 and Big5's frequent set."""
    big5 = _han_in("big5", range(0xA4, 0xC7), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))
    return frozenset(common_simplified() | big5)


def han_plausibility(text: str, simplified_only: bool = False) -> float:
    """Share of Han characters that are common ones (1.0 when there are none)."""
    han = han_chars(text)
    if not han:
        return 1.0 if text.isascii() else 0.0
    uncommon = han.translate(common_deletion_table(simplified_only))
    return (len(han) - len(uncommon)) / len(han)


@cache
def common_deletion_table(simplified_only: bool) -> dict[int, None]:
    """A str.translate table deleting the common characters (counted in compiled code)."""
    return dict.fromkeys(map(ord, common_simplified() if simplified_only else common_han()))


_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Full-width ASCII variants to ASCII, same length: a view for matching rules that
    must see `，` and `,` alike without moving any offset."""
    return text.translate(_FOLD)


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


HAN_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2FA1F), (0xF900, 0xFAFF))


@cache
def _view_table() -> dict[int, int]:
    """The width fold and, for every Han character that OpenCC t2s turns into one other
    character (taken alone), that character: one table, so a view is one translate."""
    table = dict(_FOLD)
    han = [chr(cp) for low, high in HAN_RANGES for cp in range(low, high + 1)]
    # One conversion of all characters, one per line: no dictionary phrase spans a line
    # break, so each is converted alone, as if by itself.
    simplified = _t2s().convert("\n".join(han)).split("\n")
    if len(simplified) != len(han):  # pragma: no cover - a line break was converted
        simplified = [_t2s().convert(c) for c in han]
    table.update((ord(c), ord(s)) for c, s in zip(han, simplified) if len(s) == 1 and s != c)
    return table


_VIEW_SPAN = 0x30000  # code points below this have a place in the view array


@cache
def _view_array():
    """`_view_table` as a numpy array indexed by code point (identity where unmapped)."""
    import numpy as np

    array = np.arange(_VIEW_SPAN, dtype=np.uint32)
    for source, target in _view_table().items():
        array[source] = target
    return array


@lru_cache(maxsize=32)
def match_view(text: str) -> str:
    """What rules match against: width-folded and, character by character, simplified.
    Same length as `text`, so offsets found in the view apply to the text. Rules are
    written once, in simplified script, and still see 試讀結束 as 试读结束. Stages and
    rules ask for the view of the same text many times: the last views are kept.

    (The same as `text.translate(_view_table())`, done as one array lookup over the
    text's code points: a dict lookup per character is the slow part of translate.)"""
    if text.isascii():
        return text  # nothing to fold or simplify
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    view = np.where(codes < _VIEW_SPAN, _view_array()[np.minimum(codes, _VIEW_SPAN - 1)], codes)
    view = view.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
    return _close_spaced_keys(view) if ":" in view else view


# A key set in spaced letters to align a column of fields (名　　称：, 索 引 号：): two to
# four Han characters, each alone, at a line's start or after a space, before a colon.
_SPACED_KEY = re.compile(r"(?:^|(?<=\s))[\u4e00-\u9fff](?: +[\u4e00-\u9fff]){1,3} *:", re.M)


# How every match of `_SPACED_KEY` ends: its last letter, a space before it, spaces and the
# colon after it (` +[\u4e00-\u9fff] *:`, its last repeat and the colon). Led by a space, a
# character the scan skips to: prose holds few.
_SPACED_KEY_END = re.compile(r" [\u4e00-\u9fff] *:")


def _close_spaced_keys(view: str) -> str:
    """`_SPACED_KEY` closed up in the lines that hold `_SPACED_KEY_END`, the only ones it can
    match in (no match crosses a line break; at a line's start `^` and the lookbehind hold
    alike). Searching the whole text tried the pattern at every character; so did the lines
    holding a colon, read before (0.1 s on the colon lines of 1,200 views of bench pages,
    0.003 s so, none of them holding a key)."""
    parts: list[str] = []
    last = 0
    for start, end in lines_holding(_SPACED_KEY_END, view):
        line = view[start:end]
        if (closed := _SPACED_KEY.sub(_close_key, line)) != line:
            parts += (view[last:start], closed)
            last = end
    if not parts:
        return view
    parts.append(view[last:])
    return "".join(parts)


def _close_key(m: re.Match[str]) -> str:
    """The key closed up and its padding moved after the colon (名  称: → 名称:  ): the view
    keeps its length, so rules read 名称: and the value keeps its offsets."""
    key = m.group()
    letters = key.replace(" ", "")
    return letters + " " * (len(key) - len(letters))


def lines_holding(pattern: re.Pattern[str], text: str):
    """(start, end) of each line of `text` in which `pattern` matches, end excluding the
    newline: one compiled scan finds them, so lines with nothing to do cost nothing."""
    end = -1
    for m in pattern.finditer(text):
        if m.start() <= end:
            continue  # a line already given
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        yield start, end


def iter_lines(text: str):
    """(start, end) of each line of `text`, end excluding the newline."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1
