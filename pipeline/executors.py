"""Executors: how the files of a build go through the stages, in one process or several.

Stages are pure functions of a document and their settings, so a file can be cleaned in
any process: the executor only decides where. `map` yields results in input order, so the
published dataset is the same (byte for byte) whatever the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.document import Document
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


def clean_file(stages: list[Stage], input_dir: Path, path: Path, after_stage: StageHook | None = None) -> FileResult:
    source = path.relative_to(input_dir).as_posix()
    try:
        return FileResult(source, run_stages(stages, Document(source=source, raw=path.read_bytes()), after_stage))
    except Exception as exc:  # the file is rejected with its reason; the build goes on
        return FileResult(source, error=f"{type(exc).__name__}: {exc}")


class SerialExecutor:
    """Every file in this process, one after the other."""

    workers = 1
    reports_stages = True  # after_stage is called for each stage of each file

    def __init__(self, stages: list[Stage], input_dir: Path, after_stage: StageHook | None = None) -> None:
        self.stages, self.input_dir, self.after_stage = stages, input_dir, after_stage

    def map(self, paths: Iterable[Path]) -> Iterator[FileResult]:
        for path in paths:
            yield clean_file(self.stages, self.input_dir, path, self.after_stage)

    def close(self) -> None:
        pass


_WORKER: tuple[list[Stage], Path] | None = None


def _start_worker(stages: list[Stage], input_dir: Path) -> None:
    global _WORKER
    _WORKER = (stages, input_dir)


def _clean_in_worker(path: Path) -> FileResult:
    assert _WORKER is not None
    return clean_file(_WORKER[0], _WORKER[1], path)


class ProcessExecutor:
    """Files spread over worker processes; each worker gets the stages once, fitted
    corpus state included, and results come back in input order."""

    reports_stages = False  # a file is only seen again when all its stages are done

    def __init__(self, stages: list[Stage], input_dir: Path, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(stages, input_dir))

    def map(self, paths: Iterable[Path]) -> Iterator[FileResult]:
        paths = list(paths)
        chunk = max(1, len(paths) // (4 * self.workers))
        yield from self.pool.map(_clean_in_worker, paths, chunksize=chunk)

    def close(self) -> None:
        self.pool.shutdown()


def make_executor(stages: list[Stage], input_dir: Path, workers: int,
                  after_stage: StageHook | None = None) -> SerialExecutor | ProcessExecutor:
    """`workers` = 0 means one per CPU core. Only the serial executor reports each stage."""
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        return SerialExecutor(stages, input_dir, after_stage)
    return ProcessExecutor(stages, input_dir, workers)
