"""The build's duplicate step, after every document is cleaned and written to the draft.

Pass 2 writes every document to the draft as usual and hands each one's sketch (set by
the `deduplicate` stage, in whatever process cleaned it) to `DedupStep.add`, which keeps
its `Entry` in an `EntryStore` (pipeline.dedup_store): about 150 bytes in memory and a
2 KB record in a temporary file per document, whatever the document's size. `finish`
groups the entries (`pipeline.dedup_groups`), writes the `duplicates` table, and sets how the
draft's staged tables are published (`VersionDraft.transform`: one batch at a time, as
they are encoded to Parquet, once): without `keep_duplicates` the duplicates' rows leave
`documents`, `sentences` and `edits`; with it every document stays and the columns
`duplicate_of`, `duplicate_kind`, `duplicate_similarity` are filled in. Entries from
several workers (or Ray tasks) are just concatenated; their order does not change the
groups.
"""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.dedup_groups import Duplicate, entry_of, find_duplicates
from pipeline.dedup_store import EntryStore
from pipeline.publish import VersionDraft
from pipeline.stages.base import Stage
from pipeline.stages.deduplicate import Deduplicate, DedupSettings


class DedupStep:
    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings
        self.entries = EntryStore(settings.num_perm, settings.sample_size)
        self.duplicates: list[Duplicate] = []

    @classmethod
    def of(cls, stages: list[Stage]) -> DedupStep | None:
        """The step for a pipeline that ends with `deduplicate` (None without it)."""
        found = [s for s in stages if isinstance(s, Deduplicate)]
        return cls(found[-1].settings) if found else None

    def add(self, doc: Any) -> None:
        if doc.sketch is not None:
            self.entries.append(entry_of(doc))

    def counts(self) -> dict[str, int]:
        """Duplicates by kind, for the manifest and the card."""
        by_kind = Counter(d.kind for d in self.duplicates)
        return {kind: by_kind.get(kind, 0) for kind in ("exact", "near", "contained")}

    def finish(self, draft: VersionDraft) -> list[Duplicate]:
        """Decide the groups and have the draft publish its tables in line with them."""
        self.duplicates = find_duplicates(self.entries, self.settings)
        self.entries.close()
        self.entries = EntryStore(self.settings.num_perm, self.settings.sample_size)
        draft.write("duplicates", [d.row() for d in self.duplicates])
        if not self.duplicates:
            return self.duplicates
        if self.settings.keep_duplicates:
            by_id = {d.id: d for d in self.duplicates}
            draft.transform("documents", partial(_with_duplicate_columns, by_id=by_id))
        else:
            gone = pa.array(sorted(d.id for d in self.duplicates), type=pa.string())
            for name, column in {"documents": "id", "sentences": "doc_id", "edits": "doc_id"}.items():
                draft.transform(name, partial(_without, column=column, ids=gone))
        return self.duplicates


def _without(table: pa.Table, *, column: str, ids: pa.Array) -> pa.Table:
    return table.filter(pc.invert(pc.is_in(table[column], value_set=ids)))


def _as_parquet_reads(table: pa.Table) -> pa.Table:
    """`table` as Parquet reads it back. The manifest's byte counts are those of the Arrow
    tables written, and this table was measured that way (nullable columns carry a
    validity buffer) when the step rewrote Parquet files: kept for identical output."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="none")
    return pq.read_table(pa.BufferReader(sink.getvalue()))


def _with_duplicate_columns(table: pa.Table, by_id: dict[str, Duplicate]) -> pa.Table:
    table = _as_parquet_reads(table)
    found = [by_id.get(i) for i in table["id"].to_pylist()]
    values = {"duplicate_of": [d.duplicate_of if d else None for d in found],
              "duplicate_kind": [d.kind if d else None for d in found],
              "duplicate_similarity": [d.similarity if d else None for d in found]}
    for name, column in values.items():
        index = table.schema.get_field_index(name)
        table = table.set_column(index, table.schema.field(index), pa.array(column, type=table.schema.field(index).type))
    return table
