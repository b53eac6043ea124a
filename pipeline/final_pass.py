"""The last pass a batch at a time, with each batch's rows kept whole in the cache.

The last pass writes its documents to the draft `batch_size` files at a time, one row
group per table and batch. Besides each file's entry (`passes.run_pass`), the cache keeps
what a whole batch wrote (`BatchEntry`: its tables, as they went to the draft, and per file
what the build keeps of its documents, without their rows), under a key made of its files'
entries. A rebuild after one file changed reads one such entry for each unchanged batch
instead of every file's documents one by one (unpickling every file's rows and joining
them into tables was most of a rebuild's time) and runs the files only of the batches that
changed, where the unchanged files still come from their own entries. The tables are the
same objects the draft would have been given, so the published bytes are the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.cache import PartCache, entry_key
from pipeline.inputs import Source
from pipeline.passes import FileResult, Pass, file_key, run_pass
from pipeline.publish import StagedChunk, VersionDraft, stage_chunk
from pipeline.tables import Batch


@dataclass
class BatchEntry:
    """What the last pass wrote for one batch of files: each table's rows (one row group)
    as staged, and per file its result with the documents' rows left out (`without_rows`)."""

    tables: list[tuple[str, StagedChunk]]
    results: list[FileResult]


@dataclass
class FinalBatch:
    """One batch of the last pass: its files and their results; `tables` when the batch
    came whole from the cache, else None (the rows are in the results)."""

    key: str
    sources: list[Source]
    results: list[FileResult]
    tables: list[tuple[str, StagedChunk]] | None = None

    @property
    def cacheable(self) -> bool:
        """Made anew and without a rejected file (a failure is tried again next time)."""
        return self.tables is None and all(r.error is None for r in self.results)


def stage_batch(batch: Batch, draft: VersionDraft) -> list[tuple[str, StagedChunk]]:
    """Stage the batch's rows in the draft, one chunk (row group) per table, and return
    the chunks as staged, for the cache. With the chunk the draft gets its rows, which it
    checks, and cuts should the chunk cross a shard."""
    chunks = []
    for name, table in batch.tables():
        if not table.num_rows:  # documents without sentences or edits: nothing to stage
            continue
        chunk = stage_chunk(table)
        draft.write_chunk(name, chunk, table)
        chunks.append((name, chunk))
    return chunks


def batch_key(p: Pass, sources: list[Source]) -> str:
    """A batch's entry: the last pass's key and its files' entries, in order."""
    return entry_key(p.key, "batch", *(file_key(p.key, s) for s in sources))


def without_rows(result: FileResult) -> FileResult:
    """A file's result as a batch entry keeps it: the build's record of each document (id,
    characters removed, dropped, duplicate entry) without its rows, which are in the
    batch's tables; marked as coming from the cache."""
    docs = [dataclasses.replace(d, row={}, tables={}) for d in result.published]
    return FileResult(result.source, published=docs, cached=True)


def final_batches(p: Pass, previous_key: str | None, executor, sources: list[Source],
                  cache: PartCache | None, size: int) -> Iterator[FinalBatch]:
    """The batches of the last pass, in order: whole from the cache where it holds them,
    else with each file's result from the executor (which is given only those files, all
    at once, so that it keeps its workers busy)."""
    batches = [sources[i:i + size] for i in range(0, len(sources), size)]
    keys = [batch_key(p, batch) for batch in batches]
    stored = [cache is not None and cache.keep_last_pass and cache.has(key) for key in keys]
    fresh = executor.map([s for batch, hit in zip(batches, stored) if not hit for s in batch])
    for key, batch, hit in zip(keys, batches, stored):
        entry = cache.get(key, kind=BatchEntry) if hit else None  # type: ignore[union-attr]
        if entry is not None and len(entry.results) == len(batch):
            yield FinalBatch(key, batch, entry.results, entry.tables)
        elif hit:  # a damaged entry: its files were not given to the executor
            yield FinalBatch(key, batch, [run_pass(p, previous_key, s, cache) for s in batch])
        else:
            yield FinalBatch(key, batch, [next(fresh) for _ in batch])
