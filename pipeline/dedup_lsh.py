"""MinHash LSH banding as datasketch's `MinHashLSH` does it, in numpy and without its index.

Two signatures are candidates when some band (`rows` consecutive values, `bands` bands
from the start of the signature) is equal in both; datasketch chooses `bands` and `rows`
for a threshold by minimising the weighted false positive and negative areas under the
LSH S-curve (`_optimal_param`, weights 0.5 and 0.5). Here each band is reduced to a
64-bit key, so that the whole index is `bands` integers per document (sorted once per
band); a pair whose keys match is then checked on the bands themselves, so a key
collision never makes a candidate that datasketch would not. Tests hold the choice of
bands and the candidate pairs equal to datasketch's.
"""

from __future__ import annotations

from functools import cache

import numpy as np

_FNV_PRIME = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)


@cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) that datasketch's MinHashLSH uses for `threshold` and `num_perm`.

    datasketch integrates with scipy's adaptive quadrature; the integrands are
    polynomials of degree at most `num_perm`, which Gauss-Legendre quadrature with more
    than num_perm / 2 nodes integrates exactly, so no scipy is needed (nor imported)."""
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 8)

    def area(lo: float, hi: float, values: np.ndarray) -> np.ndarray:
        return (hi - lo) / 2 * (values @ weights)

    low = (threshold / 2) * (nodes + 1)                       # nodes mapped to [0, threshold]
    high = threshold + (1 - threshold) / 2 * (nodes + 1)      # and to [threshold, 1]
    best, chosen = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        r = np.arange(1, num_perm // b + 1, dtype=np.float64)[:, None]
        false_pos = area(0.0, threshold, 1 - (1 - low[None, :] ** r) ** b)
        false_neg = area(threshold, 1.0, 1 - (1 - (1 - high[None, :] ** r) ** b))
        errors = false_pos * 0.5 + false_neg * 0.5
        i = int(np.argmin(errors))  # the first minimum, as datasketch's strict `<` keeps it
        if errors[i] < best:
            best, chosen = float(errors[i]), (b, i + 1)
    return chosen


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """A 64-bit key of each band of each signature: (n, num_perm) uint32 -> (n, bands) uint64."""
    n = signatures.shape[0]
    values = signatures[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    keys = np.zeros((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(rows):
            keys = (keys ^ values[:, :, j]) * _FNV_PRIME
        keys ^= keys >> np.uint64(33)
        keys *= _MIX1
        keys ^= keys >> np.uint64(33)
        keys *= _MIX2
        keys ^= keys >> np.uint64(33)
    return keys


def key_pairs(keys: np.ndarray) -> set[tuple[int, int]]:
    """Index pairs (i < j) equal in at least one band key: one sort per band; only the
    runs of equal keys (rare: a bucket of one is a document with no candidate) are walked."""
    pairs: set[tuple[int, int]] = set()
    if keys.shape[0] < 2:
        return pairs
    for band in keys.T:
        order = np.argsort(band, kind="stable")
        ranked = band[order]
        same = ranked[1:] == ranked[:-1]
        if not same.any():
            continue
        starts = np.flatnonzero(np.diff(np.concatenate(([False], same, [False])).astype(np.int8)) == 1)
        ends = np.flatnonzero(np.diff(np.concatenate(([False], same, [False])).astype(np.int8)) == -1)
        for start, end in zip(starts.tolist(), ends.tolist()):
            members = sorted(order[start : end + 1].tolist())
            pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
    return pairs


def shares_band(x: np.ndarray, y: np.ndarray, bands: int, rows: int) -> bool:
    """Whether two signatures are equal in some band (the test the keys stand for)."""
    span = bands * rows
    return bool((x[:span] == y[:span]).reshape(bands, rows).all(axis=1).any())


def lsh_pairs(signatures: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """Index pairs (i < j) of an (n, num_perm) matrix of signatures that share a band."""
    if signatures.shape[0] < 2:
        return set()
    bands, rows = lsh_bands(threshold, signatures.shape[1])
    keys = band_keys(signatures, bands, rows)
    return {(i, j) for i, j in key_pairs(keys) if shares_band(signatures[i], signatures[j], bands, rows)}
