"""Duplicate groups across a build, from the documents' sketches alone (`pipeline.dedup`).

Runs once, in the parent, after every document has been cleaned; it never sees a text.
Entries can come from any number of workers or shards: they are put in (source,
doc_index) order first, so the groups do not depend on who computed which sketch. They
are held in an `EntryStore` (pipeline.dedup_store): a few numbers per document in
memory, the sketches on disk, read back for candidate pairs only.

- exact: equal keys (same 64-bit hash of the normalised text).
- near: candidates from MinHash LSH over the signatures (datasketch's banding, done in
  numpy by pipeline.dedup_lsh), kept when the estimated Jaccard reaches `threshold`.
- contained: a truncated preview shares the complete copy's head, so candidates also come
  from an LSH index over the head signatures; a candidate pair (from either index) is
  kept when the estimated containment of the smaller document in the larger reaches
  `containment`, whatever their Jaccard.

Exact and near pairs are merged (union-find). A contained document's group is attached
to the group of the one document that contains it best, never merging two containers
through one small document (two reports that open alike must not become one group
because a short preview matches both). In each group the keeper is the most complete
copy: not truncated, then the most text after cleaning, then the fewest chrome edits,
then the first by source path and doc_index. Every other member is a `Duplicate` of it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from pipeline.dedup import Sketch, containment, jaccard
from pipeline.dedup_lsh import band_keys, key_pairs, lsh_bands, shares_band
from pipeline.dedup_store import EntryStore
from pipeline.stages.deduplicate import DedupSettings
from pipeline.stages.quality import CHROME_STAGES


@dataclass(frozen=True)
class Entry:
    """One document as the corpus step sees it: where it is, how complete, its sketch."""

    id: str
    source: str
    doc_index: int
    truncated: bool
    chrome_edits: int
    sketch: Sketch


@dataclass(frozen=True)
class Duplicate:
    """A document set aside as a copy of `duplicate_of` (the keeper's id)."""

    source: str
    doc_index: int
    id: str
    duplicate_of: str
    kind: str  # exact, near or contained
    similarity: float

    def row(self) -> dict[str, Any]:
        return {"source": self.source, "doc_index": self.doc_index, "id": self.id,
                "duplicate_of": self.duplicate_of, "kind": self.kind, "similarity": self.similarity}


def entry_of(doc: Any) -> Entry:
    """The entry of a cleaned `Document` that carries a sketch (set by `deduplicate`)."""
    chrome = sum(1 for e in doc.edits if e.applied and e.stage in CHROME_STAGES)
    return Entry(doc.id, doc.source, doc.doc_index, bool(doc.flags.get("truncated", False)), chrome, doc.sketch)


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = array("q", range(n))  # 8 bytes an entry, not a list of int objects

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Grouping:
    """The duplicate groups of a store of entries (see the module docstring). Entries are
    numbered in (source, doc_index) order; their sketches are read back from the store
    only for candidate pairs and for the duplicates found."""

    def __init__(self, store: EntryStore, settings: DedupSettings) -> None:
        self.store, self.settings = store, settings
        rank = {name: k for k, name in enumerate(sorted(set(store.sources)))}
        by_source = np.fromiter((rank[name] for name in store.sources), dtype=np.int64, count=len(store))
        # position -> the store's record: (source, doc_index) order, ties in arrival order (stable)
        self.record = np.lexsort((store.column("doc_index"), by_source))
        self.columns = {name: store.column(name)[self.record]
                        for name in ("doc_index", "chrome_edits", "exact", "chars", "shingles", "truncated")}
        self.chars = self.columns["chars"]
        self.uf = UnionFind(len(store))
        self.attached: dict[int, tuple[int, float]] = {}  # component root -> (container index, containment)
        self._sketches: dict[int, Sketch] = {}

    def run(self) -> list[Duplicate]:
        reps = self._exact()
        self._near_and_contained(reps)
        return self._duplicates()

    def sketch(self, i: int) -> Sketch:
        found = self._sketches.get(i)
        if found is None:
            found = self._sketches[i] = self.store.sketch(int(self.record[i]))
        return found

    def source(self, i: int) -> str:
        return self.store.sources[int(self.record[i])]

    def completeness(self, i: int) -> tuple[bool, int, int, str, int]:
        """Smaller is more complete: the keeper of a group has the smallest."""
        c = self.columns
        return (bool(c["truncated"][i]), -int(self.chars[i]), int(c["chrome_edits"][i]), self.source(i),
                int(c["doc_index"][i]))

    def _exact(self) -> list[int]:
        """Merge equal keys; return one representative per key (its first position) long
        enough to compare, in position order."""
        exact = self.columns["exact"]
        order = np.argsort(exact, kind="stable")  # equal keys in position order: the first is the smallest
        first = np.ones(exact.size, dtype=bool)
        first[1:] = exact[order][1:] != exact[order][:-1]
        run_start = order[np.maximum.accumulate(np.where(first, np.arange(exact.size), 0))] if exact.size else order
        for i, j in zip(order[~first].tolist(), run_start[~first].tolist()):
            self.uf.union(j, i)
        reps = order[first]
        return np.sort(reps[self.chars[reps] >= self.settings.min_chars]).tolist()

    def _candidates(self, reps: list[int]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        """Pairs of positions in `reps` that share an LSH band of the signature, and of the
        head signature (datasketch's MinHashLSH candidates): one scan of the store keeps 8
        bytes per band; the pairs whose keys match are checked on the bands themselves."""
        bands, rows = lsh_bands(self.settings.threshold, self.store.num_perm)
        at = np.full(len(self.store), -1, dtype=np.int64)
        at[self.record[reps]] = np.arange(len(reps))
        keys = {field: np.zeros((len(reps), bands), dtype=np.uint64) for field in ("signature", "head")}
        offset = 0
        for chunk in self.store.chunks():
            where = at[offset : offset + chunk.size]
            wanted = where >= 0
            for field, held in keys.items():
                held[where[wanted]] = band_keys(chunk[field][wanted], bands, rows)
            offset += chunk.size
        found = []
        for field, held in keys.items():
            pairs = {(a, b) for a, b in key_pairs(held)
                     if shares_band(getattr(self.sketch(reps[a]), field), getattr(self.sketch(reps[b]), field), bands, rows)}
            found.append(pairs)
        return found[0], found[1]

    def _near_and_contained(self, reps: list[int]) -> None:
        s = self.settings
        near, heads = self._candidates(reps)
        for a, b in sorted(near):
            if jaccard(self.sketch(reps[a]), self.sketch(reps[b])) >= s.threshold:
                self.uf.union(reps[a], reps[b])
        shingles = self.columns["shingles"]
        best: dict[int, tuple[float, int]] = {}
        for a, b in sorted(near | heads):
            small, large = sorted((reps[a], reps[b]), key=lambda i: (shingles[i], i))
            if self.uf.find(small) == self.uf.find(large) or self.chars[small] < s.min_contained_chars:
                continue
            c = containment(self.sketch(small), self.sketch(large))
            if c >= s.containment and (c, -large) > best.get(small, (-1.0, 0)):
                best[small] = (c, -large)
        self._attach({small: (-neg, c) for small, (c, neg) in best.items()})

    def _attach(self, container_of: dict[int, tuple[int, float]]) -> None:
        """Attach each contained document's component to its best container's component,
        only towards a larger component (longest key; ties: the earlier component), so
        that attachments form no cycle."""
        if not container_of:
            return
        n = len(self.store)
        roots = np.fromiter((self.uf.find(i) for i in range(n)), dtype=np.int64, count=n)
        longest = np.zeros(n, dtype=np.int64)
        np.maximum.at(longest, roots, self.chars)  # each component's longest key, at its root
        for small in sorted(container_of):
            large, c = container_of[small]
            x, y = self.uf.find(small), self.uf.find(large)
            if x != y and (int(longest[y]), -y) > (int(longest[x]), -x):
                if x not in self.attached or c > self.attached[x][1]:
                    self.attached[x] = (large, c)

    def _group_of(self, i: int) -> int:
        root = self.uf.find(i)
        while root in self.attached:
            root = self.uf.find(self.attached[root][0])
        return root

    def _duplicates(self) -> list[Duplicate]:
        """Every member of a group of two or more but its keeper (singletons, nearly every
        document, are found with numpy and never get a list of their own)."""
        roots = np.fromiter((self._group_of(i) for i in range(len(self.store))), dtype=np.int64, count=len(self.store))
        values, counts = np.unique(roots, return_counts=True)
        groups: dict[int, list[int]] = {}
        for i in np.flatnonzero(np.isin(roots, values[counts > 1])).tolist():
            groups.setdefault(int(roots[i]), []).append(i)
        out = []
        for members in groups.values():
            keeper = min(members, key=self.completeness)
            out.extend(self._duplicate(i, keeper) for i in members if i != keeper)
        return sorted(out, key=lambda d: (d.source, d.doc_index))

    def _duplicate(self, i: int, keeper: int) -> Duplicate:
        e, k = self.sketch(i), self.sketch(keeper)
        if e.exact == k.exact:
            kind, sim = "exact", 1.0
        elif self.uf.find(i) == self.uf.find(keeper):
            kind, sim = "near", jaccard(e, k)
        else:
            small, large = sorted((e, k), key=lambda s: s.shingles)
            kind, sim = "contained", containment(small, large)
        ids = self.store.ids
        return Duplicate(self.source(i), int(self.columns["doc_index"][i]), ids[int(self.record[i])],
                         ids[int(self.record[keeper])], kind, round(sim, 4))


def find_duplicates(entries: Iterable[Entry] | EntryStore, settings: DedupSettings) -> list[Duplicate]:
    """Every document that is a copy of another, with the keeper it is a copy of."""
    if isinstance(entries, EntryStore):
        return Grouping(entries, settings).run()
    store = EntryStore.of(entries, settings.num_perm, settings.sample_size)
    try:
        return Grouping(store, settings).run()
    finally:
        store.close()
