"""Executors: how the files of a build go through the stages, in one process or several.

Stages are pure functions of a document and their settings, so a file can be cleaned in
any process: the executor only decides where. `map` yields results in input order, so the
published dataset is the same (byte for byte) whatever the number of workers.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from pipeline.document import Document
from pipeline.inputs import Source
from pipeline.stages.base import Stage
from pipeline.stages.split_documents import explode

StageHook = Callable[[int], None]


def run_stages(stages: list[Stage], doc: Document, after_stage: StageHook | None = None) -> list[Document]:
    """One source document through the stages; a stage that cuts it yields its parts.
    `after_stage(i)` is called when stage i is done (progress bars)."""
    docs = [doc]
    for i, stage in enumerate(stages):
        docs = [part for d in docs for part in explode(stage.process(d))]
        if after_stage:
            after_stage(i)
    return docs


@dataclass
class FileResult:
    """The documents cleaned from one source file, or why the file was rejected."""

    source: str
    documents: list[Document] = field(default_factory=list)
    error: str | None = None


def clean_file(stages: list[Stage], source: Source, after_stage: StageHook | None = None) -> FileResult:
    try:
        raw = source.path.read_bytes()
        return FileResult(source.name, run_stages(stages, Document(source=source.name, raw=raw), after_stage))
    except Exception as exc:  # the file is rejected with its reason; the build goes on
        return FileResult(source.name, error=f"{type(exc).__name__}: {exc}")


class SerialExecutor:
    """Every file in this process, one after the other."""

    workers = 1
    reports_stages = True  # after_stage is called for each stage of each file

    def __init__(self, stages: list[Stage], after_stage: StageHook | None = None) -> None:
        self.stages, self.after_stage = stages, after_stage

    def map(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        for source in sources:
            yield clean_file(self.stages, source, self.after_stage)

    def close(self) -> None:
        pass


_WORKER_STAGES: list[Stage] | None = None


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (kill -9 included), so that no
    worker outlives a killed build. Elsewhere the pool's own shutdown has to do."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _start_worker(stages: list[Stage], parent: int) -> None:
    global _WORKER_STAGES
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER_STAGES = stages


def _clean_in_worker(source: Source) -> FileResult:
    assert _WORKER_STAGES is not None
    return clean_file(_WORKER_STAGES, source)


class ProcessExecutor:
    """Files spread over worker processes; each worker gets the stages once, fitted
    corpus state included, and results come back in input order."""

    reports_stages = False  # a file is only seen again when all its stages are done

    def __init__(self, stages: list[Stage], workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(stages, os.getpid()))

    def map(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        sources = list(sources)
        chunk = max(1, len(sources) // (4 * self.workers))
        yield from self.pool.map(_clean_in_worker, sources, chunksize=chunk)

    def close(self) -> None:
        # On an error or Ctrl-C in the parent, queued files are not started.
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_executor(stages: list[Stage], workers: int,
                  after_stage: StageHook | None = None) -> SerialExecutor | ProcessExecutor:
    """`workers` = 0 means one per CPU core. Only the serial executor reports each stage."""
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        return SerialExecutor(stages, after_stage)
    return ProcessExecutor(stages, workers)
