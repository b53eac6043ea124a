"""Ray Data executor: the same passes on a Ray cluster (`pip install '.[ray]'`).

`build --executor ray [--ray-address ADDR]` runs each pass as a Ray Data pipeline: the
file list becomes a dataset, `map_batches` runs `passes.run_pass` in a pool of actors that
each hold the pass (its stages and fitted corpus state, shipped once), and the results
stream back in input order (`preserve_order`), so the build writes the same bytes as the
local executors. Observations for a corpus-level stage come back with the results and
are merged by the build as usual. The pass cache is a folder: on a cluster of several
machines it must be on storage every node sees (the output folder, e.g. NFS); with
`--no-cache` each node would need the spill folder too.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.cache import PartCache
from pipeline.inputs import Source
from pipeline.passes import FileResult, Pass, run_pass


class _PassActor:
    """Holds one pass; cleans a batch of files and returns each result pickled."""

    def __init__(self, p: Pass, previous_key: str | None, cache: PartCache | None) -> None:
        self.p, self.previous_key, self.cache = p, previous_key, cache

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        results = [run_pass(self.p, self.previous_key, Source(str(name), Path(str(path)), str(sha)), self.cache)
                   for name, path, sha in zip(batch["name"], batch["path"], batch["sha256"])]
        return {"result": [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]}


def start_ray(address: str | None, workers: int) -> None:
    """Connect to the cluster at `address`, or start a local one with `workers` CPUs."""
    import ray

    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # results in input order: same bytes
    context.enable_progress_bars = False


class RayExecutor:
    """Files of a pass spread over Ray actors; results in input order."""

    reports_stages = False

    def __init__(self, p: Pass, previous_key: str | None, cache: PartCache | None, workers: int,
                 address: str | None = None) -> None:
        try:
            import ray  # noqa: F401
        except ImportError as exc:  # the extra is not installed
            raise RuntimeError("--executor ray needs Ray: pip install 'zh-docsite-dataset[ray]'") from exc
        start_ray(address, workers)
        self.args, self.workers = (p, previous_key, cache), workers

    def map(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        import ray

        items = [{"name": s.name, "path": str(s.path), "sha256": s.sha256} for s in sources]
        if not items:
            return
        dataset = ray.data.from_items(items).map_batches(
            _PassActor, fn_constructor_args=self.args, batch_size=8, concurrency=self.workers)
        for row in dataset.iter_rows():
            yield pickle.loads(row["result"])

    def close(self) -> None:
        """The Ray session stays for the next pass; Ray shuts it down when the process ends."""
