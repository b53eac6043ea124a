"""jieba's dictionary without jieba's Python dict: the same words, prefixes and frequencies
in sorted NumPy arrays, one per word length, read in milliseconds from a disk cache.

jieba holds its bundled dictionary (`dict.txt`: 349k words, and the 149k prefixes it adds
with frequency 0) as a Python dict of strings: about 100 MB in every process that loads it
and 0.7 s to load. What the pipeline asks of it is a string's frequency (None when it is
neither a word nor a prefix), jieba's best route through a short clause and jieba's precise
cut without HMM of a clause that is not all Han. `JiebaDictionary` answers those exactly as
jieba does, by the same algorithm on the same entries (tests/test_jieba_dict.py holds it to
jieba's own), in about 12 MB. Lookups are exact (a binary search over the strings
themselves, no hashing): nothing can collide.

The arrays are built from `dict.txt` the way jieba builds its dict (`gen_pfdict`), once per
dictionary file (named by its sha256) and cached under the user's cache folder.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import re
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np

FORMAT = 1  # of the cache file: bump when what is stored changes
ASKED = 1 << 16  # strings whose answer is kept (see JiebaDictionary.get)
# jieba's blocks, the characters it cuts apart, and what its no-HMM cut glues back (jieba/__init__.py).
_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]")


def jieba_dict_file() -> Path:
    """The dictionary bundled with the installed jieba (found without importing jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed: its dictionary is needed")
    return Path(spec.origin).parent / "dict.txt"


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zh-docsite-dataset"


def read_entries(data: bytes) -> tuple[dict[str, int], int]:
    """word -> frequency, prefixes added with 0, in jieba's order, and the total: jieba's
    `Tokenizer.gen_pfdict` on the bytes of a dictionary file."""
    freq: dict[str, int] = {}
    total = 0
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()  # a file iterated by lines gives no empty last line
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip().decode("utf-8")
        try:
            word, count = line.split(" ")[:2]
            n = int(count)
        except ValueError:
            raise ValueError(f"invalid dictionary entry at line {lineno}: {line!r}") from None
        freq[word] = n
        total += n
        for end in range(1, len(word) + 1):
            if word[:end] not in freq:
                freq[word[:end]] = 0
    return freq, total


def _arrays(freq: dict[str, int], total: int) -> dict[str, np.ndarray]:
    """Per word length L: `kL` the strings sorted, `fL` their frequencies, `rL` their rank
    in jieba's order; and `total`."""
    by_len: dict[int, list[tuple[str, int, int]]] = {}
    for rank, (word, n) in enumerate(freq.items()):
        by_len.setdefault(len(word), []).append((word, n, rank))
    out = {"total": np.array([total], dtype=np.int64)}
    for length, rows in by_len.items():
        rows.sort()
        out[f"k{length}"] = np.array([w for w, _, _ in rows], dtype=f"<U{length}")
        out[f"f{length}"] = np.array([n for _, n, _ in rows], dtype=np.int64)
        out[f"r{length}"] = np.array([r for _, _, r in rows], dtype=np.int64)
    return out


def _load_or_build(source: Path, folder: Path) -> dict[str, np.ndarray]:
    data = source.read_bytes()
    path = folder / f"jieba-dict-{FORMAT}-{hashlib.sha256(data).hexdigest()[:24]}.npz"
    try:
        with np.load(path) as stored:
            return {name: stored[name] for name in stored.files}
    except (OSError, ValueError, EOFError):
        pass  # not made yet (or damaged): made now
    arrays = _arrays(*read_entries(data))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".npz")
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path)  # whole or not at all, when builds race
    except OSError:
        pass  # a read-only home: kept in memory only
    return arrays


class JiebaDictionary:
    """jieba's FREQ and total, as sorted arrays (see the module's docstring)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.total = int(arrays["total"][0])
        self._logtotal = math.log(self.total)
        self._by_len = {int(name[1:]): (arrays[name], arrays["f" + name[1:]], arrays["r" + name[1:]])
                        for name in arrays if name.startswith("k")}
        # The strings asked about lately: the typo stage asks about the same few hundred
        # neighbourhoods again and again, and a binary search costs twenty dict lookups.
        self._asked: dict[str, int | None] = {}

    def get(self, word: str, default: int | None = None) -> int | None:
        """The frequency of a word (0 for a prefix jieba keeps), `default` for neither."""
        if word in self._asked:
            found = self._asked[word]
            return default if found is None else found
        if len(self._asked) >= ASKED:
            self._asked.clear()  # bounded: a corpus of new words costs a lookup each, no memory
        found = self._asked[word] = self._search(word)
        return default if found is None else found

    def _search(self, word: str) -> int | None:
        found = self._by_len.get(len(word))
        if found is None:
            return None
        keys, freqs, _ = found
        i = int(keys.searchsorted(word))
        return int(freqs[i]) if i < len(keys) and keys[i] == word else None

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __len__(self) -> int:
        return sum(len(keys) for keys, _, _ in self._by_len.values())

    def ranked(self, min_freq: int, min_len: int = 1, max_len: int = 1_000) -> Iterator[tuple[str, int]]:
        """(word, frequency) of the words of `min_len` to `max_len` characters with at least
        `min_freq`, in jieba's order (the dictionary file's)."""
        rows: list[tuple[int, str, int]] = []
        for length, (keys, freqs, ranks) in self._by_len.items():
            if min_len <= length <= max_len:
                picked = np.flatnonzero(freqs >= min_freq)
                rows += zip(ranks[picked].tolist(), keys[picked].tolist(), freqs[picked].tolist())
        rows.sort()
        return ((w, n) for _, w, n in rows)

    def route(self, piece: str) -> dict[int, tuple[float, int]]:
        """jieba's best route (`Tokenizer.get_DAG` then `calc`): position -> (log-probability
        of the best route from there, end of its first word - 1)."""
        n = len(piece)
        route: dict[int, tuple[float, int]] = {n: (0, 0)}
        dag = [self._ends(piece, k) for k in range(n)]
        for idx in range(n - 1, -1, -1):
            route[idx] = max((math.log(f or 1) - self._logtotal + route[x + 1][0], x) for x, f in dag[idx])
        return route

    def _ends(self, piece: str, k: int) -> list[tuple[int, int | None]]:
        """The words starting at k (get_DAG's list for k) with their frequencies."""
        out: list[tuple[int, int | None]] = []
        i, n = k, len(piece)
        f = self.get(piece[k])
        while i < n and f is not None:
            if f:
                out.append((i, f))
            i += 1
            f = self.get(piece[k:i + 1])
        return out or [(k, self.get(piece[k:k + 1]))]

    def cut(self, text: str) -> list[str]:
        """jieba's precise mode without HMM (`Tokenizer.lcut(text, HMM=False)`)."""
        out: list[str] = []
        for block in _BLOCK.split(text):
            if not block:
                continue
            if _BLOCK.match(block):
                out += self._cut_block(block)
            else:
                for x in _SKIP.split(block):
                    if _SKIP.match(x):
                        out.append(x)
                    else:
                        out += x
        return out

    def _cut_block(self, block: str) -> list[str]:
        route = self.route(block)
        out: list[str] = []
        x, buf = 0, ""
        while x < len(block):
            y = route[x][1] + 1
            word = block[x:y]
            if len(word) == 1 and _ENG.match(word):
                buf += word  # single letters and digits are glued into one token
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)
        return out


@cache
def jieba_dictionary() -> JiebaDictionary:
    """The dictionary bundled with jieba, once per process."""
    return JiebaDictionary(_load_or_build(jieba_dict_file(), cache_folder()))
