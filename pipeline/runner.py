"""Running a build: sources in, documents through the stages in bounded batches, a version out.

Every entry of the input folder is accounted for (`inputs.list_inputs`): read, rejected
with a reason, or ignored by a documented rule. The build holds the dataset's lock from
the moment it looks at the published versions until it has published, so concurrent
builds of one dataset run one after the other; it first removes drafts left by killed
builds and checks the newest version against its manifest.

The stages run in passes (`passes.py`): a corpus-level stage must observe every document
first, so the stage list is cut before it. Each pass starts from what the previous one
left for a file in the cache (`cache.py`), never from the raw file again, and only compact
observations travel back to this process. The last pass streams its documents in batches
of `batch_size` into the draft version, so memory stays bounded by the batch, not the
corpus. A file that fails (cannot be decoded, or a stage raises) is rejected with its
reason and costs no other document.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.cache import Encoded, PartCache, entry_key
from pipeline.config import PipelineConfig
from pipeline.dedup_step import DedupStep
from pipeline.executors import ProcessExecutor, make_executor
from pipeline.final_pass import BatchEntry, final_batches, stage_batch, without_rows
from pipeline.inputs import InputListing, Source, list_inputs
from pipeline.passes import FileResult, Pass, entry_keys, parts, pass_key
from pipeline.process_setup import fewer_collections, keep_pandas_out, use_system_allocator  # noqa: F401 (re-exported)
from pipeline.progress import BuildProgress, summary_table
from pipeline.publish import (
    VersionDraft,
    dataset_lock,
    dataset_name_problem,
    list_versions,
    next_version_name,
    read_manifest,
    remove_stale_drafts,
)
from pipeline.schema import TABLES, load_table
from pipeline.stages.base import Stage
from pipeline.stats import TableStats, write_stats
from pipeline.tables import Batch, Published
from pipeline.verify import verify_version
from pipeline.version import pipeline_version
from pipeline.warmup import Warmer


class BuildRefused(RuntimeError):
    """The build stopped without publishing, for a reason the user must act on."""


@dataclass
class BuildReport:
    name: str
    files_in: int = 0
    docs_out: int = 0
    dropped: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    ignored: list[dict[str, str]] = field(default_factory=list)
    chars_removed: Counter[str] = field(default_factory=Counter)
    duplicates: dict[str, int] = field(default_factory=dict)  # set aside, by kind (exact, near, contained)
    stage_seconds: Counter[str] = field(default_factory=Counter)
    cached: Counter[int] = field(default_factory=Counter)  # per pass: files whose result came from the cache
    version_dir: Path | None = None
    published: bool = False
    message: str = ""
    stats: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    bytes_in: int = 0

    def summary(self, max_named: int = 50) -> str:
        """The summary table, then every input that was not read, with its reason (up to
        `max_named`; manifest.json lists all)."""
        named = [f"  rejected {e['source']}: {e['reason']}" for e in self.rejected]
        named += [f"  ignored {e['source']}: {e['reason']}" for e in self.ignored]
        named += [f"  dropped {e['source']}#{e['doc_index']}: {e['reason']}" for e in self.dropped]
        if len(named) > max_named:
            named = named[:max_named] + [f"  … and {len(named) - max_named} more (see manifest.json)"]
        return "\n".join([summary_table(self, self.seconds, self.bytes_in), *named])


def fingerprint(listing: InputListing, config: PipelineConfig) -> str:
    """What a version is built from: every input's hash, the entries not read and why,
    the effective configuration and the pipeline version."""
    digest = hashlib.sha256()
    for rel, sha in sorted(listing.sha256.items()):
        digest.update(f"{rel}\0{sha}\n".encode())
    for entry in sorted(listing.rejected + listing.ignored, key=lambda e: e["source"]):
        digest.update(f"{entry['source']}\0{entry['reason']}\n".encode())
    digest.update(config.fingerprint().encode())
    digest.update(pipeline_version().encode())
    return digest.hexdigest()


class Build:
    """One build of `input_dir` into `output_dir/name`.

    `strict`: any rejected input fails the build (nothing is published). `allow_empty`:
    publish even when no document comes out. `repair`: when the newest version is
    corrupt, publish a new version after the newest sound one instead of refusing.
    `follow_symlinks`: read links that lead out of the input folder. `cache`: keep each
    pass's result per file in `<dataset>/.cache/` for the next build (see cache.py).
    `executor`: "local" (this process or `workers` processes) or "ray" (Ray Data, at
    `ray_address` or a local Ray instance); the published bytes are the same."""

    def __init__(self, input_dir: Path, output_dir: Path, name: str, config: PipelineConfig,
                 progress: bool | None = None, workers: int = 1, *, strict: bool = False,
                 allow_empty: bool = False, repair: bool = False, follow_symlinks: bool = False,
                 cache: bool = True, executor: str = "local", ray_address: str | None = None) -> None:
        problem = dataset_name_problem(name)
        if problem:
            raise ValueError(f"dataset name {name!r} {problem}")
        self.input_dir, self.output_dir, self.config, self.workers = input_dir, output_dir, config, workers
        self.strict, self.allow_empty, self.repair, self.follow_symlinks = strict, allow_empty, repair, follow_symlinks
        self.dataset_dir = output_dir / name
        self.use_cache = cache
        self.executor_kind, self.ray_address = executor, ray_address
        self.used_keys: set[str] = set()
        self.previous_key: str | None = None  # of the pass before the one running
        self.warmer: Warmer | None = None
        self.corrupt_skipped: list[str] = []
        self.report = BuildReport(name=name)
        self.progress = sys.stderr.isatty() if progress is None else progress

    def run(self) -> BuildReport:
        started = time.perf_counter()
        problems = self.config.problems()
        if problems:
            raise BuildRefused(f"{self.config.source}:\n  " + "\n  ".join(problems))
        listing = list_inputs(self.input_dir, exclude=[self.output_dir], follow_symlinks=self.follow_symlinks,
                              max_file_bytes=int(self.config.max_file_mb * 1e6))
        self.report.files_in = listing.entries
        self.report.rejected, self.report.ignored = list(listing.rejected), list(listing.ignored)
        with dataset_lock(self.dataset_dir, on_wait=self._say_waiting):
            remove_stale_drafts(self.dataset_dir)
            previous = self._previous_version()
            fp = fingerprint(listing, self.config)
            if previous and previous.get("fingerprint") == fp:
                self.report.version_dir = self.dataset_dir / previous["version"]
                self.report.message = (f"unchanged: inputs, config and pipeline match {self.report.version_dir}; "
                                       "nothing published")
                self.report.seconds = time.perf_counter() - started
                return self.report
            with fewer_collections():
                self._publish(listing, fp, previous)
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _say_waiting(self) -> None:
        print(f"waiting for another build of {self.dataset_dir} to finish…", file=sys.stderr)

    def _previous_version(self) -> dict[str, Any] | None:
        """The manifest of the version this build comes after: the newest, which must be
        sound (refused otherwise), or with `repair` the newest sound one."""
        versions = list_versions(self.dataset_dir)
        for vdir in reversed(versions):
            problems = verify_version(vdir, deep=False)
            if not problems:
                return read_manifest(vdir)
            if self.repair:
                self.corrupt_skipped.append(vdir.name)
                continue
            raise BuildRefused(
                f"the newest version {vdir} does not match its manifest:\n  " + "\n  ".join(problems[:5])
                + "\nRun `python -m pipeline verify` for details; `build --repair` publishes a new version "
                "after the newest sound one (corrupt versions are left as they are).")
        return None

    def _publish(self, listing: InputListing, fp: str, previous: dict[str, Any] | None) -> None:
        stages = self.config.build_stages()
        # The stages' tables (jieba's dictionary, rule tables: millions of objects) live as
        # long as the build: out of the collector's sight, each collection scans only what
        # the documents made (and forked workers share the tables' pages untouched).
        gc.freeze()
        tables = TableStats(load_table("documents").arrow_schema)
        draft = VersionDraft(self.dataset_dir, observe=tables.add, threads=self.workers or os.cpu_count() or 1)
        cache = self._cache(len(parts(stages)))
        dedup = DedupStep.of(stages)
        try:
            self._run_passes(stages, listing, draft, cache, dedup)
            if dedup is not None:
                self._deduplicate(dedup, draft)
            self._refuse_if_incomplete()
            started = time.perf_counter()
            draft.close_tables()
            self.report.stage_seconds["write parquet"] += time.perf_counter() - started
            manifest = self._manifest(fp, listing, draft, previous)
            from pipeline.card import render_card

            self.report.stats = write_stats(draft.tmp, manifest, tables)
            card = render_card(manifest, previous, self.report.stats)
            self.report.version_dir = draft.commit(manifest, card)
        except BaseException:
            draft.abort()
            raise
        finally:
            gc.unfreeze()  # a build run inside a longer process leaves the collector as it was
            if cache is not None:
                cache.close_files()  # also when the build failed: a longer process keeps no open packs
            if cache is not None and not self.use_cache:
                cache.clear()  # a spill for this build only
        self.report.published = True
        if self.use_cache and cache is not None:
            cache.prune(self.used_keys)

    def _cache(self, n_passes: int) -> PartCache | None:
        """The cache of pass results; without `use_cache`, a spill that lives for this
        build only (none at all for a one-pass build)."""
        if self.use_cache:
            return PartCache(self.dataset_dir / ".cache")
        if n_passes > 1:
            return PartCache(Path(tempfile.mkdtemp(prefix=".spill-", dir=self.dataset_dir)), keep_last_pass=False)
        return None

    def _run_passes(self, stages: list[Stage], listing: InputListing, draft: VersionDraft,
                    cache: PartCache | None, dedup: DedupStep | None = None) -> None:
        plan = parts(stages)
        sources = list(listing.sources)
        sizes = {s.name: s.path.stat().st_size for s in sources}
        self.report.bytes_in = sum(sizes.values())
        bar = BuildProgress(sizes, len(plan), self.progress)
        key, previous_key = entry_key(pipeline_version()), None
        try:
            for k, part in enumerate(plan):
                observer = plan[k + 1][0] if k + 1 < len(plan) else None
                key = pass_key(key, part)  # a corpus stage opening this part is fitted by now
                p = Pass(k, part, observer, key)  # type: ignore[arg-type]
                bar.start_pass(f"({observer.name} observes)" if observer else "(cleaning)")
                executor = make_executor(p, previous_key, cache, self.workers, self.executor_kind, self.ray_address)
                # The build's process, idle meanwhile, warms the later stages for their workers.
                self.warmer = Warmer(plan[1:]) if k == 0 and isinstance(executor, ProcessExecutor) else None
                try:
                    self.previous_key = previous_key
                    sources = self._pass(p, executor, sources, draft, lambda r: bar.file_done(r.source), dedup, cache)
                finally:
                    executor.close()
                    if self.warmer is not None:
                        self.warmer.stop()  # before the next pass forks its workers
                if cache is not None:
                    cache.flush()  # the next pass reads these entries
                if observer is not None:
                    observer.finish_observing()
                self.used_keys |= {e for s in sources for e in entry_keys(key, s, p.final)}
                previous_key = key
        finally:
            bar.close()

    def _pass(self, p: Pass, executor, sources: list[Source], draft: VersionDraft, done,
              dedup: DedupStep | None = None, cache: PartCache | None = None) -> list[Source]:
        """Run one pass over `sources`; return those that were not rejected. New results go
        to the cache; the last pass writes its documents to the draft (`_final_pass`)."""
        if p.final:
            return self._final_pass(p, executor, sources, draft, done, dedup, cache)
        kept: list[Source] = []
        for source, result in zip(sources, executor.map(sources)):
            if self.warmer is not None:
                self.warmer.offer(result)
            if self._take(p, result, done, cache):
                kept.append(source)
                for observation in result.observations:
                    p.observer.absorb(observation)  # type: ignore[union-attr]
        return kept

    def _final_pass(self, p: Pass, executor, sources: list[Source], draft: VersionDraft, done,
                    dedup: DedupStep | None, cache: PartCache | None) -> list[Source]:
        """The last pass, `batch_size` files at a time: each batch's rows are written to
        the draft as one row group per table, its documents' sketches go to the dedup
        step, and the batch is kept whole in the cache (pipeline.final_pass)."""
        kept: list[Source] = []
        for fb in final_batches(p, self.previous_key, executor, sources, cache, self.config.batch_size):
            batch = Batch()
            for source, result in zip(fb.sources, fb.results):
                if not self._take(p, result, done, cache):
                    continue
                kept.append(source)
                for doc in result.published:
                    if self._add(doc, batch if fb.tables is None else None) and dedup is not None \
                            and doc.dedup is not None:
                        dedup.entries.append(doc.dedup)
            started = time.perf_counter()
            if fb.tables is not None:  # as staged by the build that made them
                chunks = fb.tables
                for table, chunk in chunks:
                    draft.write_chunk(table, chunk)
            else:
                chunks = stage_batch(batch, draft)
            self.report.stage_seconds["write parquet"] += time.perf_counter() - started
            if cache is not None and cache.keep_last_pass and fb.cacheable:
                cache.add(Encoded.of(fb.key, BatchEntry(chunks, [without_rows(r) for r in fb.results]), compress=False))
            if cache is not None and cache.keep_last_pass and (fb.cacheable or fb.tables is not None):
                self.used_keys.add(fb.key)
        return kept

    def _take(self, p: Pass, result: FileResult, done, cache: PartCache | None) -> bool:
        """Account for one file's result (progress, cache, times, rejection); True if kept."""
        done(result)
        if cache is not None:
            for encoded in result.encoded:
                cache.add(encoded)
        self.report.stage_seconds.update(result.stage_seconds)
        self.report.cached[p.index] += result.cached
        if result.error is not None:
            self.report.rejected.append({"source": result.source, "reason": result.error})
            return False
        return True

    def _refuse_if_incomplete(self) -> None:
        if self.strict and self.report.rejected:
            raise BuildRefused(f"--strict: {len(self.report.rejected)} input(s) rejected, nothing published "
                               f"(first: {self.report.rejected[0]['source']}: {self.report.rejected[0]['reason']})")
        if self.report.docs_out == 0 and not self.allow_empty:
            raise BuildRefused(f"no document would be published from {self.report.files_in} input(s) "
                               f"({len(self.report.rejected)} rejected, {len(self.report.dropped)} dropped, "
                               f"{len(self.report.ignored)} ignored); nothing published (--allow-empty publishes anyway)")

    def _add(self, doc: Published, batch: Batch | None) -> bool:
        """Take the document's rows into the batch (True), or list it as dropped: empty,
        or marked by a stage (the quality filter) with `flags["dropped"]` = its reason.
        No batch: the rows are in a batch taken whole from the cache."""
        self.report.chars_removed.update(doc.chars_removed)
        if doc.dropped:
            self.report.dropped.append({"source": doc.source, "doc_index": doc.doc_index,
                                        "id": doc.id, "reason": doc.dropped})
            return False
        if batch is not None:
            batch.add(doc)
        self.report.docs_out += 1
        return True

    def _deduplicate(self, dedup: DedupStep, draft: VersionDraft) -> None:
        """Group the copies once every document is written; without keep_duplicates only
        the kept copy of each group stays in the draft (pipeline.dedup_step)."""
        started = time.perf_counter()
        duplicates = dedup.finish(draft)
        self.report.stage_seconds["group duplicates"] += time.perf_counter() - started
        if not dedup.settings.keep_duplicates:
            self.report.docs_out -= len(duplicates)
        self.report.duplicates = dedup.counts()

    def _manifest(self, fp: str, listing: InputListing, draft: VersionDraft,
                  previous: dict[str, Any] | None) -> dict[str, Any]:
        return {
            "name": self.report.name,
            "version": next_version_name(self.dataset_dir),
            "previous_version": previous["version"] if previous else None,
            "pipeline_version": pipeline_version(),
            "fingerprint": fp,
            "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "config": self.config.as_dict(),
            "inputs": listing.sha256,
            "rows": draft.row_counts(),
            "bytes": draft.byte_counts(),
            "schemas": {t: [{"name": f.name, "type": f.type, "nullable": f.nullable} for f in load_table(t).fields]
                        for t in TABLES},
            "chars_removed_by_stage": dict(self.report.chars_removed),
            "dropped": self.report.dropped,
            "duplicates": self.report.duplicates,
            "rejected": self.report.rejected,
            "ignored": self.report.ignored,
            "corrupt_versions_skipped": self.corrupt_skipped,
        }
