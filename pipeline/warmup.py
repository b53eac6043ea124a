"""Warming the later passes' stages in the build's process while workers run the first pass.

Stages load much on their first document (rule tables, dictionaries, compiled patterns:
0.65-0.75 s of CPU for the stages after the first pass, measured in a forked worker; 0.03 s
once warm), and a worker process starts
from what the build's process holds when the pass's workers are forked. The build's
process runs no stage itself when it has workers, so every worker of every pass loaded
the same things again: with 2 workers that cost as much wall time as with one, work that
does not shrink with the number of workers. While the first pass runs, the build's process
mostly waits for results; `Warmer` uses that time to run the later stages once on the
first cleaned file, in a thread, so that the next passes' workers are forked warm.

The thread starts only once the pass's workers are running (forking while another thread
runs could copy a lock it holds) and is stopped before the next pass forks its workers.
"""

from __future__ import annotations

import threading

from pipeline.cache import Encoded
from pipeline.passes import FileResult
from pipeline.stages.base import CorpusStage, Stage
from pipeline.stages.split_documents import explode
from pipeline.tables import published


class Warmer:
    """Runs `later` stages (corpus-level ones left out: they are not fitted yet) on the
    documents of the first result offered that carries them; the results are dropped."""

    def __init__(self, later: list[list[Stage]]) -> None:
        self.stages = [s for part in later for s in part if not isinstance(s, CorpusStage)]
        self.warmed: list[str] = []  # the stages run so far
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def offer(self, result: FileResult) -> None:
        """Start warming on this result's documents (the first new result of a pass that
        is not the last: its entry holds the documents), once."""
        if self._thread is None and result.encoded and self.stages:
            self._thread = threading.Thread(target=self._run, args=(result.encoded[0],), daemon=True)
            self._thread.start()

    def _run(self, encoded: Encoded) -> None:
        try:
            docs = encoded.decoded().documents  # a copy: the stages change documents in place
            for stage in self.stages:
                if self._stop.is_set():
                    return
                docs = [part for d in docs for part in explode(stage.process(d))]
                self.warmed.append(stage.name)
            for doc in docs:
                published(doc)
        except Exception:  # warming only: the pass meets any problem with the file itself
            return

    def stop(self) -> None:
        """Stop after the stage running now, and wait for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
