"""The duplicate step's state for a whole build: a few numbers per document in memory,
its sketch on disk.

Each document's `Entry` (pipeline.dedup_groups) arrives from whichever process cleaned
it. The store keeps its id, source, doc_index and a handful of integers in compact
columns (about 150 bytes a document, most of it the id string) and appends the sketch's
arrays (signature, head signature, sample: about 2 KB) as one fixed-size record to an
unnamed temporary file. The grouping reads the records once, in chunks, to band the
signatures for LSH (keeping 8 bytes per band), and then reads back only the records of
candidate pairs. Memory in the parent therefore grows by a few hundred bytes per
document whatever its size, and the file by a constant 2 KB.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterator
from typing import IO, Any

import numpy as np

from pipeline.dedup import Sketch

_CHUNK_RECORDS = 512  # records read at a time when the whole file is scanned (~1 MB at the defaults)


class EntryStore:
    """Entries appended in any order; `sketch(i)` reads entry i's sketch back."""

    _INTS = ("doc_index", "chrome_edits", "exact", "chars", "shingles", "sample_len")

    def __init__(self, num_perm: int, sample_size: int) -> None:
        self.num_perm, self.sample_size = num_perm, sample_size
        self.record = np.dtype([("signature", "<u4", (num_perm,)), ("head", "<u4", (num_perm,)),
                                ("sample", "<u4", (sample_size,))])
        self.ids: list[str] = []
        self.sources: list[str] = []
        self._source_names: dict[str, str] = {}  # one string object per source, shared by its documents
        self.truncated = array("b")
        self.ints: dict[str, array] = {name: array("q") for name in self._INTS}
        self._spill: IO[bytes] | None = None

    @classmethod
    def of(cls, entries: Any, num_perm: int, sample_size: int) -> EntryStore:
        store = cls(num_perm, sample_size)
        for e in entries:
            store.append(e)
        return store

    def __len__(self) -> int:
        return len(self.ids)

    def append(self, entry: Any) -> None:
        """Take one `Entry` (pipeline.dedup_groups); its sketch goes to the file."""
        s: Sketch = entry.sketch
        if s.signature.size != self.num_perm or s.head.size != self.num_perm or s.sample.size > self.sample_size:
            raise ValueError(f"sketch of {entry.source} #{entry.doc_index} does not have this build's sizes "
                             f"({s.signature.size} values, {s.sample.size} sampled; expected {self.num_perm}, "
                             f"at most {self.sample_size})")
        if self._spill is None:
            self._spill = tempfile.TemporaryFile(prefix="dedup-sketches-")
        sample = np.zeros(self.sample_size, dtype="<u4")
        sample[: s.sample.size] = s.sample
        self._spill.write(s.signature.astype("<u4", copy=False).tobytes()
                          + s.head.astype("<u4", copy=False).tobytes() + sample.tobytes())
        self.ids.append(entry.id)
        self.sources.append(self._source_names.setdefault(entry.source, entry.source))
        self.truncated.append(bool(entry.truncated))
        for name, value in zip(self._INTS, (entry.doc_index, entry.chrome_edits, s.exact, s.chars,
                                            s.shingles, s.sample.size)):
            self.ints[name].append(value)

    def column(self, name: str) -> np.ndarray:
        """One integer column (or `truncated`) as a numpy array, in append order."""
        values = self.truncated if name == "truncated" else self.ints[name]
        return np.frombuffer(values, dtype=np.int8 if name == "truncated" else np.int64).copy()

    def chunks(self) -> Iterator[np.ndarray]:
        """Every record, in append order, `_CHUNK_RECORDS` at a time."""
        if self._spill is None:
            return
        self._spill.flush()
        size = self.record.itemsize * _CHUNK_RECORDS
        for start in range(0, len(self) * self.record.itemsize, size):
            yield np.frombuffer(os.pread(self._spill.fileno(), size, start), dtype=self.record)

    def sketch(self, i: int) -> Sketch:
        """Entry i's sketch, read back from the file."""
        assert self._spill is not None
        self._spill.flush()
        size = self.record.itemsize
        rec = np.frombuffer(os.pread(self._spill.fileno(), size, i * size), dtype=self.record)[0]
        n = self.ints["sample_len"][i]
        return Sketch(self.ints["exact"][i], self.ints["chars"][i], self.ints["shingles"][i],
                      rec["signature"].copy(), rec["head"].copy(), rec["sample"][:n].copy())

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    def nbytes_in_memory(self) -> int:
        """What the store holds in memory (ids and sources counted once each)."""
        import sys

        ints = sum(a.buffer_info()[1] * a.itemsize for a in self.ints.values()) + len(self.truncated)
        strings = sum(sys.getsizeof(x) for x in self.ids) + sum(sys.getsizeof(x) for x in self._source_names)
        return ints + strings + 8 * (len(self.ids) + len(self.sources))
