"""Executors: where the files of a pass are cleaned, in this process or in several.

Stages are pure functions of a document and their settings, and a pass on one file is
`passes.run_pass`, so a file can be cleaned in any process: the executor only decides
where. `map` yields results in input order, so the published dataset is the same (byte
for byte) whatever the number of workers.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from pipeline.cache import PartCache
from pipeline.inputs import Source
from pipeline.passes import FileResult, Pass, run_pass, run_stages

__all__ = ["EXECUTORS", "FileResult", "ProcessExecutor", "SerialExecutor", "make_executor", "run_stages"]


class SerialExecutor:
    """Every file in this process, one after the other."""

    workers = 1

    def __init__(self, p: Pass, previous_key: str | None, cache: PartCache | None) -> None:
        self.p, self.previous_key, self.cache = p, previous_key, cache

    def map(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        for source in sources:
            yield run_pass(self.p, self.previous_key, source, self.cache)

    def close(self) -> None:
        pass


_WORKER: tuple[Pass, str | None, PartCache | None] | None = None
CHUNK_FILES = 4  # at most, per task sent to a worker


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (kill -9 included), so that no
    worker outlives a killed build. Elsewhere the pool's own shutdown has to do."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _start_worker(p: Pass, previous_key: str | None, cache: PartCache | None, parent: int) -> None:
    global _WORKER
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER = (p, previous_key, cache)


def _run_in_worker(sources: list[Source]) -> list[FileResult]:
    assert _WORKER is not None
    return [run_pass(_WORKER[0], _WORKER[1], source, _WORKER[2]) for source in sources]


class ProcessExecutor:
    """Files spread over worker processes; each worker gets the pass once, fitted corpus
    state included, and results come back in input order."""

    def __init__(self, p: Pass, previous_key: str | None, cache: PartCache | None, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers, initializer=_start_worker,
                                        initargs=(p, previous_key, cache, os.getpid()))

    def map(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        """Results in input order, with at most a few chunks per worker in flight, so that
        results wait in memory only as long as the parent is behind by that much."""
        sources = list(sources)
        # Small chunks: the pass ends when the last chunk does, and meanwhile the other
        # workers are idle, for up to a chunk's time at the end of every pass.
        chunk = max(1, min(CHUNK_FILES, len(sources) // (4 * self.workers)))
        chunks = (sources[i:i + chunk] for i in range(0, len(sources), chunk))
        in_flight: deque[Future[list[FileResult]]] = deque()
        for part in chunks:
            in_flight.append(self.pool.submit(_run_in_worker, part))
            if len(in_flight) >= 3 * self.workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()

    def close(self) -> None:
        # On an error or Ctrl-C in the parent, queued files are not started.
        self.pool.shutdown(wait=True, cancel_futures=True)


EXECUTORS = ("local", "ray")


def make_executor(p: Pass, previous_key: str | None, cache: PartCache | None, workers: int,
                  kind: str = "local", ray_address: str | None = None):
    """`workers` = 0 means one per CPU core. `kind`: "local" (this process, or a process
    pool for several workers) or "ray" (Ray Data, see ray_executor.py)."""
    workers = workers or os.cpu_count() or 1
    if kind == "ray":
        from pipeline.ray_executor import RayExecutor

        return RayExecutor(p, previous_key, cache, workers, ray_address)
    if workers == 1:
        return SerialExecutor(p, previous_key, cache)
    return ProcessExecutor(p, previous_key, cache, workers)
