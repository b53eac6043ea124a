"""`make bench`: throughput of each stage on one core, peak memory, and a baseline.

The corpus is the seeds repeated (`--copies`), so figures are comparable between runs
on one machine. The baseline, timed in the same run on the same bytes, is what a generic
cleaner does at least: decode and `ftfy.fix_text` (with its width fixer off).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from pipeline.config import load_config
from pipeline.document import Document
from pipeline.executors import run_stages
from pipeline.stages.split_documents import explode


def _run_once(stages, raw: list[bytes]) -> None:
    for data in raw:
        run_stages(stages, Document(source="bench.txt", raw=data))


def run(seeds: Path, copies: int, config: Path | None) -> None:
    raw = [p.read_bytes() for p in sorted(seeds.glob("*")) if p.is_file()] * copies
    megabytes = sum(map(len, raw)) / 1e6
    t0 = time.perf_counter()
    stages = load_config(config).build_stages()
    _run_once(stages, raw[:1])  # loads dictionaries and tables once per process
    warm_up = time.perf_counter() - t0
    timings: Counter[str] = Counter()
    started = time.perf_counter()
    for data in raw:
        docs = [Document(source="bench.txt", raw=data)]
        for stage in stages:
            t0 = time.perf_counter()
            out = []
            for d in docs:
                out.extend(explode(stage.process(d)))
            docs = out
            timings[stage.name] += time.perf_counter() - t0
    total = time.perf_counter() - started

    import ftfy

    t0 = time.perf_counter()
    for data in raw:
        ftfy.fix_text(data.decode("utf-8", "replace"), fix_character_width=False)
    baseline = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(raw)} files, {megabytes:.2f} MB (seeds x{copies}), one process = one core")
    print(f"start-up (config, jieba and typo tables), once per process: {warm_up:.2f} s")
    for name, secs in timings.items():
        print(f"  {name:<22} {megabytes / secs:9.2f} MB/s")
    print(f"pipeline (all stages)    {megabytes / total:9.2f} MB/s per core")
    print(f"baseline (ftfy.fix_text) {megabytes / baseline:9.2f} MB/s per core")
    print(f"peak memory              {peak:9.1f} MiB")


def scaling(seeds: Path, copies: int, config: Path | None, workers: list[int]) -> None:
    """Whole builds (reading, cleaning, writing Parquet) with 1..N worker processes."""
    from pipeline.runner import Build

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i in range(copies):
            for p in sorted(seeds.glob("*")):
                if p.is_file():
                    shutil.copy(p, corpus / f"{i:03d}_{p.name}")
        megabytes = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        print(f"whole build of {megabytes:.2f} MB on {os.cpu_count()} CPU core(s):")
        base = None
        for n in workers:
            t0 = time.perf_counter()
            Build(corpus, Path(tmp) / f"out{n}", "bench", load_config(config), progress=False, workers=n).run()
            secs = time.perf_counter() - t0
            base = base or secs
            print(f"  {n:>2} worker(s) {megabytes / secs:7.2f} MB/s  speed-up x{base / secs:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=Path("seeds"))
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--config", type=Path, default=Path("pipeline.toml"))
    ap.add_argument("--workers", type=int, nargs="*", default=None,
                    help="also time whole builds with these worker counts (default: 1 and every core)")
    ap.add_argument("--dedup-docs", type=int, default=2000,
                    help="generated documents for the duplicates benchmark (0: skip it)")
    a = ap.parse_args()
    run(a.seeds, a.copies, a.config)
    scaling(a.seeds, a.copies, a.config, a.workers or sorted({1, os.cpu_count() or 1}))
    if a.dedup_docs:
        from pipeline.bench_dedup import measure
        from pipeline.stages.deduplicate import DedupSettings

        measure(a.dedup_docs, a.dedup_docs // 10, DedupSettings())


if __name__ == "__main__":
    main()
