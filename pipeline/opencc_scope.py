"""Where OpenCC can change a text: the pieces `normalize` has to convert.

OpenCC converts by forward maximum matching of dictionary keys (to cut the text into
segments, then in each step of its conversion chain). Read from the dictionaries of a
configuration (dumped to text by the `opencc_dict` tool that ships with the `opencc`
package), two sets of characters decide what can change:

- changers: characters some entry writes as another character (the key's character at a
  position where a value differs);
- joiners: characters a key holds before its last character (a match can run on from
  them into the next character).

Cut a text after every character that is neither (and before every line break, which no
entry holds): no key matches across such a cut and no step changes the character before
it, so OpenCC converts the text piece by piece exactly as it converts it whole, and a
piece without a changer comes out as it went in. `changeable_pieces` finds, in numpy, the
pieces that hold a changer; only those go to OpenCC.

This holds for dictionaries whose values keep their key's length and hold no line break,
and for text in the Basic Multilingual Plane without surrogates, ideographic description
sequences or variation selectors (OpenCC reads those as units). Otherwise, or when the
dictionaries cannot be read, there is no scope and `normalize` converts the whole text.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

SAFE, JOINER, CHANGER, OUTSIDE = 0, 1, 2, 3
# Code points OpenCC may read together with their neighbours (ideographic description
# characters, variation selectors) and surrogates (which OpenCC cannot take at all).
_OUTSIDE_RANGES = ((0x2FF0, 0x2FFF), (0x31EF, 0x31EF), (0xFE00, 0xFE0F), (0xD800, 0xDFFF))
_BMP = 0x10000  # the last entry of a class table stands for every code point above


def _dictionary_files(config: dict) -> list[str]:
    """The dictionary files a configuration reads (normalization, segmentation, chain)."""
    files: list[str] = []

    def walk(d: dict) -> None:
        if d["type"] == "group":
            for child in d["dicts"]:
                walk(child)
        elif d["type"] == "ocd2":
            files.append(d["file"])
        else:  # text or inline dictionaries are not read here
            raise ValueError(f"dictionary type {d['type']}")

    if config.get("segmentation", {}).get("type") != "mmseg":
        raise ValueError("a segmentation other than mmseg")
    walk(config["segmentation"]["dict"])
    for step in config.get("normalization", []) + config["conversion_chain"]:
        walk(step["dict"])
    return files


def dictionary_entries(config_name: str) -> list[tuple[str, list[str]]]:
    """(key, values) of every entry of the dictionaries an OpenCC configuration reads."""
    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    share = clib / "share" / "opencc"
    name = config_name if config_name.endswith(".json") else config_name + ".json"
    config = json.loads((share / name).read_text(encoding="utf-8"))
    files = _dictionary_files(config)
    entries = []
    with tempfile.TemporaryDirectory() as tmp:
        outs = [Path(tmp) / f"{i}.txt" for i in range(len(files))]
        # One dump per dictionary (a merged dump would keep one entry per key), all at once.
        dumps = [subprocess.Popen([str(clib / "bin" / "opencc_dict"), "-i", str(share / file), "-o", str(out),
                                   "-f", "ocd2", "-t", "text"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for file, out in zip(files, outs)]
        if any(dump.wait(timeout=60) != 0 for dump in dumps):
            raise OSError("opencc_dict failed")
        for out in outs:
            for line in out.read_text(encoding="utf-8").splitlines():
                key, values = line.split("\t", 1)
                entries.append((key, values.split(" ")))
    return entries


def class_table(entries: list[tuple[str, list[str]]]) -> np.ndarray | None:
    """The class of each code point (SAFE, JOINER, CHANGER, OUTSIDE); None when the
    entries do not meet the conditions above."""
    if not entries:
        return None
    joiners: set[int] = set()
    changers: set[int] = set()
    for key, values in entries:
        if "\n" in key or any(len(v) != len(key) or "\n" in v for v in values):
            return None
        joiners.update(map(ord, key[:-1]))
        for value in values:
            changers.update(ord(k) for k, v in zip(key, value) if k != v)
    table = np.zeros(_BMP + 1, dtype=np.uint8)
    # Later classes win: a changer that is also a joiner is a changer; what OpenCC may read
    # as a unit, or lies above the table, is outside.
    table[[min(cp, _BMP) for cp in joiners]] = JOINER
    table[[min(cp, _BMP) for cp in changers]] = CHANGER
    for low, high in _OUTSIDE_RANGES:
        table[low : high + 1] = OUTSIDE
    table[_BMP] = OUTSIDE
    return table


@cache
def scope(config_name: str) -> np.ndarray | None:
    """The class table of an OpenCC configuration, read once; None without one."""
    try:
        return class_table(dictionary_entries(config_name))
    except (OSError, ValueError, KeyError, subprocess.SubprocessError):
        return None


def changeable_pieces(text: str, table: np.ndarray) -> list[tuple[int, str]] | None:
    """(start, piece) of each piece of `text` that holds a changer: a run of joiners and
    changers with the character after it (not a line break). None when the text holds a
    code point outside the scope."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = table[np.minimum(codes, _BMP)]
    if not classes.any():
        return []
    if (classes == OUTSIDE).any():
        return None
    changers = np.flatnonzero(classes == CHANGER)
    if not changers.size:
        return []
    unsafe = np.concatenate(([False], classes != SAFE, [False]))
    starts = np.flatnonzero(unsafe[1:] & ~unsafe[:-1])  # runs of joiners and changers
    ends = np.flatnonzero(unsafe[:-1] & ~unsafe[1:])
    runs = np.unique(np.searchsorted(starts, changers, side="right") - 1)
    pieces = []
    for start, end in zip(starts[runs].tolist(), ends[runs].tolist()):
        if end < len(text) and text[end] != "\n":
            end += 1
        pieces.append((start, text[start:end]))
    return pieces


def convert_pieces(pieces: list[tuple[int, str]], convert: Callable[[str], str]) -> list[str] | None:
    """The pieces converted, in one call (a line break between two is a cut: no entry
    holds one); None when a piece would not keep its length."""
    if not pieces:
        return []
    converted = convert("\n".join(piece for _, piece in pieces)).split("\n")
    if len(converted) != len(pieces) or any(len(a) != len(p) for a, (_, p) in zip(converted, pieces)):
        return None
    return converted
