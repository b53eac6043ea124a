"""Share of the pipeline's time spent in the typo stages, on the seeds repeated (default x20).

    .venv/bin/python tools/time_typos.py [--copies 20]

One process, one core; the corpus pass (count_collocations.observe over every file, after
decode) is timed as part of the typo work. Not a test: a measurement to report.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from pipeline.config import load_config
from pipeline.document import Document
from pipeline.stages.base import CorpusStage
from pipeline.stages.split_documents import explode

TYPO_STAGES = ("count_collocations", "fix_typos")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--config", type=Path, default=Path("pipeline.toml"))
    a = ap.parse_args()
    raw = [p.read_bytes() for p in sorted(Path("seeds").glob("*")) if p.is_file()] * a.copies
    t0 = time.perf_counter()
    stages = load_config(a.config).build_stages()
    for stage in stages:  # warm up: dictionaries and tables, once per process
        if isinstance(stage, CorpusStage):
            stage.observe(Document(source="w.txt", text="预热"))
        else:
            stage.process(Document(source="w.txt", text="预热"))
    print(f"start-up (tables, dictionaries, confusion index), once per process: {time.perf_counter() - t0:.2f} s")
    timings: Counter[str] = Counter()
    t0 = time.perf_counter()
    for i, stage in enumerate(stages):  # pass 1, as the runner does it
        if isinstance(stage, CorpusStage):
            for data in raw:
                docs = [Document(source="b.txt", raw=data)]
                for before in stages[:i]:
                    s = time.perf_counter()
                    docs = [p for d in docs for p in explode(before.process(d))]
                    timings[f"pass 1: {before.name}"] += time.perf_counter() - s
                s = time.perf_counter()
                for d in docs:
                    stage.observe(d)
                timings[f"pass 1: {stage.name}.observe"] += time.perf_counter() - s
            stage.finish_observing()
    for data in raw:
        docs = [Document(source="b.txt", raw=data)]
        for stage in stages:
            s = time.perf_counter()
            docs = [p for d in docs for p in explode(stage.process(d))]
            timings[stage.name] += time.perf_counter() - s
    total = time.perf_counter() - t0
    typo = sum(v for k, v in timings.items() if any(t in k for t in TYPO_STAGES))
    mb = sum(map(len, raw)) / 1e6
    for k, v in timings.most_common():
        print(f"  {k:<34} {v:7.3f} s  {100 * v / total:5.1f} %")
    print(f"{mb:.2f} MB, whole pipeline (both passes) {total:.2f} s; typo stages {typo:.3f} s = {100 * typo / total:.1f} %")


if __name__ == "__main__":
    main()
