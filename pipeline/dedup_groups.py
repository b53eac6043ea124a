"""Duplicate groups across a build, from the documents' sketches alone (`pipeline.dedup`).

Runs once, in the parent, after every document has been cleaned; it never sees a text.
Entries can come from any number of workers or shards: they are put in (source,
doc_index) order first, so the groups do not depend on who computed which sketch.

- exact: equal keys (same 64-bit hash of the normalised text).
- near: candidates from MinHash LSH (datasketch) over the signatures, kept when the
  estimated Jaccard reaches `threshold`.
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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from pipeline.dedup import Sketch, containment, jaccard
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

    def completeness(self) -> tuple[bool, int, int, str, int]:
        """Smaller is more complete: the keeper of a group has the smallest."""
        return (self.truncated, -self.sketch.chars, self.chrome_edits, self.source, self.doc_index)


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
        self.parent = list(range(n))

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


def lsh_pairs(signatures: list[np.ndarray], threshold: float) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose signatures share an LSH band (datasketch MinHashLSH, with
    the bands and rows it chooses for `threshold`). The index lives only in this call."""
    from datasketch import LeanMinHash, MinHashLSH

    pairs: set[tuple[int, int]] = set()
    if len(signatures) < 2:
        return pairs
    lsh = MinHashLSH(threshold=threshold, num_perm=signatures[0].size)
    with lsh.insertion_session() as session:
        for i, s in enumerate(signatures):
            session.insert(i, LeanMinHash(seed=1, hashvalues=s, scheme="affine32"), check_duplication=False)
    for i, s in enumerate(signatures):
        pairs.update((i, j) for j in lsh.query(LeanMinHash(seed=1, hashvalues=s, scheme="affine32")) if j > i)
    return pairs


class Grouping:
    """The duplicate groups of a set of entries (see the module docstring)."""

    def __init__(self, entries: Iterable[Entry], settings: DedupSettings) -> None:
        self.entries = sorted(entries, key=lambda e: (e.source, e.doc_index))
        self.settings = settings
        self.uf = UnionFind(len(self.entries))
        self.attached: dict[int, tuple[int, float]] = {}  # component root -> (container index, containment)

    def run(self) -> list[Duplicate]:
        reps = self._exact()
        self._near_and_contained(reps)
        return self._duplicates()

    def _exact(self) -> list[int]:
        """Merge equal keys; return one representative per key long enough to compare."""
        first: dict[int, int] = {}
        for i, e in enumerate(self.entries):
            j = first.setdefault(e.sketch.exact, i)
            if j != i:
                self.uf.union(j, i)
        return [i for i in first.values() if self.entries[i].sketch.chars >= self.settings.min_chars]

    def _near_and_contained(self, reps: list[int]) -> None:
        s, sk = self.settings, [self.entries[i].sketch for i in reps]
        candidates = lsh_pairs([x.signature for x in sk], s.threshold)
        for a, b in sorted(candidates):
            if jaccard(sk[a], sk[b]) >= s.threshold:
                self.uf.union(reps[a], reps[b])
        candidates |= lsh_pairs([x.head for x in sk], s.threshold)
        best: dict[int, tuple[float, int]] = {}
        for a, b in sorted(candidates):
            small, large = sorted((reps[a], reps[b]), key=lambda i: (self.entries[i].sketch.shingles, i))
            if self.uf.find(small) == self.uf.find(large) or self.entries[small].sketch.chars < s.min_contained_chars:
                continue
            c = containment(self.entries[small].sketch, self.entries[large].sketch)
            if c >= s.containment and (c, -large) > best.get(small, (-1.0, 0)):
                best[small] = (c, -large)
        self._attach({small: (-neg, c) for small, (c, neg) in best.items()})

    def _size(self, root: int, members: dict[int, list[int]]) -> tuple[int, int]:
        """A component's size for attaching: its longest key (ties: the earlier component)."""
        return max(self.entries[i].sketch.chars for i in members[root]), -root

    def _attach(self, container_of: dict[int, tuple[int, float]]) -> None:
        """Attach each contained document's component to its best container's component,
        only towards a larger component, so that attachments form no cycle."""
        members: dict[int, list[int]] = {}
        for i in range(len(self.entries)):
            members.setdefault(self.uf.find(i), []).append(i)
        for small in sorted(container_of):
            large, c = container_of[small]
            x, y = self.uf.find(small), self.uf.find(large)
            if x != y and self._size(y, members) > self._size(x, members):
                if x not in self.attached or c > self.attached[x][1]:
                    self.attached[x] = (large, c)

    def _group_of(self, i: int) -> int:
        root = self.uf.find(i)
        while root in self.attached:
            root = self.uf.find(self.attached[root][0])
        return root

    def _duplicates(self) -> list[Duplicate]:
        groups: dict[int, list[int]] = {}
        for i in range(len(self.entries)):
            groups.setdefault(self._group_of(i), []).append(i)
        out = []
        for members in groups.values():
            if len(members) < 2:
                continue
            keeper = min(members, key=lambda i: self.entries[i].completeness())
            out.extend(self._duplicate(i, keeper) for i in members if i != keeper)
        return sorted(out, key=lambda d: (d.source, d.doc_index))

    def _duplicate(self, i: int, keeper: int) -> Duplicate:
        e, k = self.entries[i], self.entries[keeper]
        if e.sketch.exact == k.sketch.exact:
            kind, sim = "exact", 1.0
        elif self.uf.find(i) == self.uf.find(keeper):
            kind, sim = "near", jaccard(e.sketch, k.sketch)
        else:
            small, large = sorted((e.sketch, k.sketch), key=lambda s: s.shingles)
            kind, sim = "contained", containment(small, large)
        return Duplicate(e.source, e.doc_index, e.id, k.id, kind, round(sim, 4))


def find_duplicates(entries: Iterable[Entry], settings: DedupSettings) -> list[Duplicate]:
    """Every document that is a copy of another, with the keeper it is a copy of."""
    return Grouping(entries, settings).run()
