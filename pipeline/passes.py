"""A build in passes: the stage list cut before each corpus-level stage.

A corpus-level stage (`CorpusStage`) must observe every document before it can process
any, so the stages before it run over the whole corpus first. Each pass runs its part of
the stage list on every file, starting from what the previous pass left in the cache
(`cache.PartCache`), never from the raw file again; when a corpus-level stage starts the
next pass, the pass also returns what that stage observes of each document (compact:
hashes, counts), which the build merges and fits before the next pass. The work of a pass
on one file is `run_pass`, a pure function of the pass, the file and the cache: any
executor (this process, a process pool, Ray) can run it.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.cache import Encoded, Entry, PartCache, entry_key
from pipeline.document import Document
from pipeline.inputs import Source
from pipeline.stages.base import CorpusStage, Stage
from pipeline.stages.split_documents import explode
from pipeline.tables import Published, published

StageHook = Callable[[int], None]


@dataclass
class Pass:
    """One pass: its stages, the corpus stage that observes its output (None for the last
    pass) and `key`, which names everything its output depends on but the file itself."""

    index: int
    stages: list[Stage]
    observer: CorpusStage | None
    key: str

    @property
    def final(self) -> bool:
        return self.observer is None


def parts(stages: list[Stage]) -> list[list[Stage]]:
    """The stage list cut before each corpus-level stage (not before the first stage)."""
    out: list[list[Stage]] = [[]]
    for stage in stages:
        if isinstance(stage, CorpusStage) and out[-1]:
            out.append([])
        out[-1].append(stage)
    return out


def pass_key(previous_key: str, stages: list[Stage]) -> str:
    """What a pass's output depends on besides the file: the previous pass's key, each
    stage's name and settings, and the fitted state of a corpus stage among them."""
    described = [{"stage": s.name, "settings": dataclasses.asdict(s.settings),
                  "state": s.state_fingerprint() if isinstance(s, CorpusStage) else None} for s in stages]
    return entry_key(previous_key, json.dumps(described, sort_keys=True, ensure_ascii=False, default=str))


@lru_cache(maxsize=1 << 16)  # a build asks for each up to three times (run, batch, prune)
def file_key(key: str, source: Source) -> str:
    """The cache entry of one file after the pass named `key`. The file's name is part of
    it: its documents carry their source, so a copy under another name is cleaned anew."""
    return entry_key(key, source.name, source.sha256)


def observations_key(key: str) -> str:
    """The entry beside a non-final pass's entry `key` holding only what the next corpus
    stage observes of the file. Kept apart because a rebuild needs the observations of every
    file but the documents only of the files it cleans again: reading the documents too
    (about ten times the raw file, as Python objects) was most of a rebuild's time."""
    return entry_key(key, "observations")


def entry_keys(key: str, source: Source, final: bool) -> set[str]:
    """The cache entries a pass named `key` leaves for one file (for pruning)."""
    own = file_key(key, source)
    return {own} if final else {own, observations_key(own)}


@dataclass
class FileResult:
    """What a pass made of one source file, or why the file was rejected."""

    source: str
    published: list[Published] = field(default_factory=list)  # the last pass: what it publishes
    observations: list[Any] = field(default_factory=list)
    error: str | None = None
    stage_seconds: Counter[str] = field(default_factory=Counter)
    cached: bool = False
    encoded: list[Encoded] = field(default_factory=list)  # new cache entries, for the build to add (PartCache.add)


def run_stages(stages: list[Stage], doc: Document, after_stage: StageHook | None = None,
               seconds: Counter[str] | None = None) -> list[Document]:
    """One source document through the stages; a stage that cuts it yields its parts.
    `after_stage(i)` is called when stage i is done (progress bars); `seconds` adds up
    the time spent in each stage."""
    docs = [doc]
    for i, stage in enumerate(stages):
        started = time.perf_counter()
        docs = [part for d in docs for part in explode(stage.process(d))]
        if seconds is not None:
            seconds[stage.name] += time.perf_counter() - started
        if after_stage:
            after_stage(i)
    return docs


def _input_documents(p: Pass, previous_key: str | None, source: Source, cache: PartCache) -> list[Document]:
    if previous_key is None:
        return [Document(source=source.name, raw=source.path.read_bytes())]
    entry = cache.get(file_key(previous_key, source), rescan=True)
    if entry is None:
        raise RuntimeError(f"pass {p.index}: the previous pass left no result for this file")
    return entry.documents


def run_pass(p: Pass, previous_key: str | None, source: Source, cache: PartCache | None) -> FileResult:
    """Pass `p` on one file. Without a cache (a one-pass build that keeps nothing) the file
    is read and cleaned; otherwise the result is taken from the cache, or made and returned
    encoded for the cache (`FileResult.encoded`). A non-final pass found in the cache reads
    only the file's observations: its documents are read by the next pass, if that one
    misses."""
    result = FileResult(source.name)
    key = file_key(p.key, source)
    entry = _cached(p, key, cache)
    try:
        if entry is None:
            docs = _input_documents(p, previous_key, source, cache) if cache is not None \
                else [Document(source=source.name, raw=source.path.read_bytes())]
            docs = [out for doc in docs for out in run_stages(p.stages, doc, seconds=result.stage_seconds)]
            if p.final:
                entry = Entry([], None, [published(d) for d in docs])
            else:
                entry = Entry(docs, [p.observer.observation(d) for d in docs])  # type: ignore[union-attr]
            if cache is not None and (cache.keep_last_pass or not p.final):
                result.encoded = _encode(p, key, entry, cache.keep_last_pass)  # encoded here, where the work is
        else:
            result.cached = True
    except Exception as exc:  # the file is rejected with its reason; the build goes on
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    result.observations = entry.observations or []
    result.published = entry.published or []
    return result


def _cached(p: Pass, key: str, cache: PartCache | None) -> Entry | None:
    """The pass's cached result for the file: the published rows (final pass) or the
    observations alone (the documents left out), or None."""
    if cache is None:
        return None
    if p.final:
        return cache.get(key)
    observed = cache.get(observations_key(key))
    return Entry([], observed.observations) if observed is not None else None


def _encode(p: Pass, key: str, entry: Entry, kept: bool) -> list[Encoded]:
    """The file's new entries: the documents, and beside them the observations when the
    cache is kept for the next build (a spill is read only for the documents)."""
    if p.final:
        return [Encoded.of(key, entry)]
    documents = Encoded.of(key, Entry(entry.documents, None))
    return [documents, Encoded.of(observations_key(key), Entry([], entry.observations))] if kept else [documents]
