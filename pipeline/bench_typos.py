"""Share of the pipeline's time spent in fix_typos, on the seeds repeated (default x20).

    .venv/bin/python -m pipeline.bench_typos [--copies 20]

One process, one core, the stages of pipeline.toml in order, as the build runs them: the
stages before fix_typos on every file, fix_typos's corpus pass (`observation` of each
document, `absorb`, `finish_observing`), then fix_typos and the stages after it. The
build's cache between passes is not timed here (a whole build times it). Times are this
process's CPU time, so that other work on a shared machine does not move the shares. Not a
test: a measurement to report.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from pipeline.config import load_config
from pipeline.document import Document
from pipeline.stages.split_documents import explode

clock = time.process_time  # CPU time of this process (one thread): load elsewhere does not count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--config", type=Path, default=Path("pipeline.toml"))
    a = ap.parse_args()
    raw = [p.read_bytes() for p in sorted(Path("seeds").glob("*")) if p.is_file()] * a.copies
    t0 = clock()
    stages = load_config(a.config).build_stages()
    cut = [s.name for s in stages].index("fix_typos")
    fixer = stages[cut]
    for stage in stages[1:]:  # warm up: dictionaries and tables, once per process
        stage.process(Document(source="w.txt", text="预热"))
    fixer.observation(Document(source="w.txt", text="预热"))
    print(f"start-up (tables, dictionaries, confusion set), once per process: {clock() - t0:.2f} s")
    timings: Counter[str] = Counter()
    started = clock()
    middle = []
    for data in raw:
        docs = [Document(source="b.txt", raw=data)]
        for stage in stages[:cut]:
            s = clock()
            docs = [p for d in docs for p in explode(stage.process(d))]
            timings[stage.name] += clock() - s
        s = clock()
        for d in docs:
            fixer.absorb(fixer.observation(d))
        timings["fix_typos (corpus pass)"] += clock() - s
        middle.append(docs)
    s = clock()
    fixer.finish_observing()
    timings["fix_typos (corpus pass)"] += clock() - s
    for docs in middle:
        for stage in stages[cut:]:
            s = clock()
            docs = [p for d in docs for p in explode(stage.process(d))]
            timings[stage.name] += clock() - s
    total = clock() - started
    typo = sum(v for k, v in timings.items() if k.startswith("fix_typos"))
    for k, v in timings.most_common():
        print(f"  {k:<26} {v:7.3f} s  {100 * v / total:5.1f} %")
    print(f"{sum(map(len, raw)) / 1e6:.2f} MB, all stages {total:.2f} s; fix_typos with its corpus pass "
          f"{typo:.3f} s = {100 * typo / total:.1f} %")


if __name__ == "__main__":
    main()
