"""Duplicate detection, per document: a normalised key and a compact sketch of it.

The key is what two copies of one text still share when they differ only in
presentation: NFKC (width folded), simplified script (OpenCC t2s, character by
character, as the rules' match view), lower case, and nothing but letters, digits and
Han characters (whitespace and punctuation gone). Equal keys are exact duplicates.

The sketch is all the corpus-level step (`pipeline.dedup_groups`) ever sees of a
document: an 8-byte hash of the key, its number of distinct character shingles, a
MinHash signature of those shingles (datasketch, `num_perm` 32-bit values), one of the
shingles of the key's head (its first `head_chars` characters), which is how a truncated
preview of a document finds the complete copy whatever their Jaccard, and the
`sample_size` smallest shingle hashes (a bottom-k sample), from which the containment of
one document in another is estimated. About 2 KB per document, computed where the
document is cleaned (in a worker), so that memory in the parent is bounded by the number
of documents, not their size.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from pipeline.charsets import match_view

_NOT_WORD = re.compile(r"[\W_]+")
# Polynomial rolling hash of the shingle's code points, then a 64-bit finaliser (the
# murmur3 fmix64 constants) so that the low 32 bits are well mixed.
_BASE = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
# MinHash products per block (x 4 bytes = 128 KiB): a block fits in a core's L2 cache.
_BLOCK_VALUES = 1 << 15


def dedup_key(text: str) -> str:
    """Letters, digits and Han characters of the NFKC, simplified, lower-cased text.
    Punctuation goes first: what is left is mostly NFKC already, which is quick to check."""
    kept = word_chars(text)
    folded = unicodedata.normalize("NFKC", kept)
    if folded != kept:  # compatibility forms may fold to punctuation (﹐ → ,)
        folded = word_chars(folded)
    return match_view(folded).casefold()


def word_chars(text: str) -> str:
    """`_NOT_WORD.sub("", text)` (the text less everything but `\\w`, less `_`), by one
    table lookup over its code points instead of a regex step per character."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _word_table()
    if codes.size == 0 or codes.max() >= table.size:
        return _NOT_WORD.sub("", text)  # empty, or beyond the table (rare: CJK extension G and above)
    return codes[table[codes]].tobytes().decode("utf-32-le")


@cache
def _word_table() -> np.ndarray:
    """Whether each code point below 0x30000 (every plane that holds Han) is kept in the
    key, decided by `_NOT_WORD` itself over all of them at once."""
    every = np.arange(0x30000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    table = np.ones(len(every), dtype=bool)
    for m in _NOT_WORD.finditer(every):  # a few hundred runs
        table[m.start() : m.end()] = False
    return table


def exact_hash(key: str) -> int:
    """64-bit hash of the key (as a signed int, for Arrow and numpy alike)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little", signed=True)


def shingle_hashes(key: str, k: int) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the key's `k`-character shingles (one shingle
    for a key shorter than `k`, none for an empty key). Vectorised: no loop per character."""
    codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if codes.size == 0:
        return np.zeros(0, dtype=np.uint32)
    k = min(k, codes.size)
    n = codes.size - k + 1
    h = codes[:n].copy()
    with np.errstate(over="ignore"):  # in place: one array of n, no temporary per step
        for j in range(1, k):
            np.multiply(h, _BASE, out=h)
            np.add(h, codes[j : j + n], out=h)
        for shift, mix in ((33, _MIX1), (33, _MIX2), (33, None)):
            np.bitwise_xor(h, h >> np.uint64(shift), out=h)
            if mix is not None:
                np.multiply(h, mix, out=h)
    return _distinct(h.astype(np.uint32))


def _distinct(values: np.ndarray) -> np.ndarray:
    """`np.unique` of a 1-d array, by sort and compare: several times faster than
    `np.unique` itself, which pays for options this does not use."""
    values.sort()
    keep = np.empty(values.size, dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations h -> a*h + b mod 2^32 of datasketch's MinHash (scheme
    affine32, seed 1), drawn the way datasketch draws them, so that a worker does not
    import datasketch (and scipy with it: a second per process); a test holds both equal."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    """The datasketch MinHash (affine32 scheme, seed 1) of a set of 32-bit shingle hashes,
    computed in numpy instead of its per-item loop; a test holds it equal to
    `datasketch.MinHash(hashfunc=int).update_batch`. The shingles x permutations products
    are taken a block of rows at a time, in one reused buffer that stays in cache: the
    whole matrix at once (megabytes for a long document) is several times slower."""
    out = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    if hashes.size == 0:
        return out
    a, b = _permutations(num_perm)
    h = hashes.astype(np.uint32)
    with np.errstate(over="ignore"):
        h ^= h >> np.uint32(16)  # murmur3's 32-bit finaliser, as datasketch pre-mixes its input
        h *= np.uint32(0x85EBCA6B)
        h ^= h >> np.uint32(13)
        h *= np.uint32(0xC2B2AE35)
        h ^= h >> np.uint32(16)
        rows = max(1, _BLOCK_VALUES // num_perm)
        buffer = np.empty((min(rows, h.size), num_perm), dtype=np.uint32)
        for start in range(0, h.size, rows):
            block = buffer[: min(rows, h.size - start)]
            np.multiply(h[start : start + rows, None], a, out=block)
            np.add(block, b, out=block)
            np.minimum(out, block.min(axis=0), out=out)
    return out


@dataclass(frozen=True)
class Sketch:
    """What the corpus step knows of one document's text."""

    exact: int              # 64-bit hash of the key
    chars: int              # length of the key
    shingles: int           # distinct shingles of the key
    signature: np.ndarray   # MinHash of the key's shingles (uint32[num_perm])
    head: np.ndarray        # MinHash of the head's shingles (uint32[num_perm])
    sample: np.ndarray      # the smallest shingle hashes, sorted (uint32[<= sample_size])

    @property
    def nbytes(self) -> int:
        return 24 + self.signature.nbytes + self.head.nbytes + self.sample.nbytes


def sketch(text: str, settings: Any) -> Sketch:
    """The sketch of a text under a stage's `DedupSettings` (pipeline.stages.deduplicate)."""
    key = dedup_key(text)
    shingles = shingle_hashes(key, settings.shingle_chars)
    head = shingle_hashes(key[: settings.head_chars], settings.shingle_chars)
    exact = exact_hash(key or "\0" + text.strip())  # a text of marks only (……) equals only itself
    return Sketch(exact, len(key), int(shingles.size), minhash(shingles, settings.num_perm),
                  minhash(head, settings.num_perm), shingles[: settings.sample_size].copy())


def jaccard(a: Sketch, b: Sketch) -> float:
    """Estimated Jaccard similarity of two documents' shingle sets (MinHash)."""
    return float(np.count_nonzero(a.signature == b.signature)) / a.signature.size


def _cut(s: Sketch) -> int:
    """Largest hash value up to which the sample holds every shingle of the document."""
    return int(s.sample[-1]) if s.shingles > s.sample.size else 1 << 32


def containment(small: Sketch, large: Sketch) -> float:
    """Estimated share of `small`'s shingles that `large` also has: both bottom-k samples
    are cut at the same hash value, below which each holds all its document's shingles."""
    cut = min(_cut(small), _cut(large))
    mine = small.sample[small.sample <= cut]
    if mine.size == 0:
        return 0.0
    return np.intersect1d(mine, large.sample[large.sample <= cut], assume_unique=True).size / mine.size
