"""`make bench`: MB/s of raw input per core, documents/s, peak memory and seconds per stage,
with the floor measured in the same run on the same files.

The corpus is generated from the seeds (`bench_corpus.py`: distinct pages, fixed random
seed, `--size` MB). Each measurement runs in a fresh process, so its peak RSS is its own:
- floor: read, decode, one compiled regex scan, Parquet (zstd) of the texts — the least
  any cleaner does;
- floor + tokens: the floor plus sentence splitting and rjieba tokens for every sentence;
- build: the whole pipeline (every stage, Parquet, card, manifest) with N workers;
- incremental: the same build again after one input file changed;
- dedup: the `deduplicate` stage's MB/s, the grouping step's time and memory per
  document, and copies found, on generated same-genre documents (`bench_dedup.py`).
Our figure is reported as a ratio to the floor. Every run appends a JSON line to
`bench/results.jsonl`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = re.compile(r"[^。！？…\n]+[。！？…]*")
SCAN = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#=&%]+|第\s*\d+\s*页|下载|版权所有|微信")


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def _files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.txt"))


def measure_floor(corpus: Path, out: Path, tokens: bool) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if tokens:
        import rjieba
    schema = pa.schema([("text", pa.string())] + ([("tokens", pa.list_(pa.list_(pa.string())))] if tokens else []))
    writer = pq.ParquetWriter(out / "floor.parquet", schema, compression="zstd")
    started, hits, batch = time.perf_counter(), 0, []
    for path in _files(corpus):
        text = _decode(path.read_bytes())
        hits += len(SCAN.findall(text))
        row = {"text": text}
        if tokens:
            row["tokens"] = [rjieba.cut(s) for s in SENTENCE.findall(text)]
        batch.append(row)
        if len(batch) == 64:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            batch = []
    if batch:
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    writer.close()
    return {"seconds": time.perf_counter() - started, "scan_hits": hits}


def measure_build(corpus: Path, out: Path, workers: int, config: Path | None, rebuild_after_change: bool) -> dict:
    from pipeline.config import load_config
    from pipeline.runner import Build, keep_pandas_out, use_system_allocator

    use_system_allocator()  # as the command line does
    keep_pandas_out()
    cfg = load_config(config)
    started, cpu = time.perf_counter(), _cpu_seconds()
    report = Build(corpus, out, "bench", cfg, progress=False, workers=workers, allow_empty=True).run()
    result = {"seconds": time.perf_counter() - started, "documents": report.docs_out,
              "cpu_seconds": _cpu_seconds() - cpu, "stage_seconds": dict(report.stage_seconds)}
    if rebuild_after_change:
        victim = _files(corpus)[len(_files(corpus)) // 2]
        original = victim.read_bytes()
        try:
            victim.write_bytes(original + "\n补充一句话，说明这份材料已经修订。\n".encode(_encoding_of(original)))
            started = time.perf_counter()
            Build(corpus, out, "bench", cfg, progress=False, workers=workers, allow_empty=True).run()
            result["incremental_seconds"] = time.perf_counter() - started
        finally:
            victim.write_bytes(original)
    return result


def _encoding_of(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gbk"


def _cpu_seconds() -> float:
    """User and system CPU time of this process and its finished workers: on a shared
    machine it varies far less than the wall time, so two commits compare on it too."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _in_subprocess(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "pipeline.bench", *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"bench step {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _measure_main(a: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if a.measure == "floor":
            result = measure_floor(a.corpus, Path(tmp), tokens=False)
        elif a.measure == "floor_tokens":
            result = measure_floor(a.corpus, Path(tmp), tokens=True)
        else:
            result = measure_build(a.corpus, Path(tmp), a.workers, a.config, a.incremental)
    result["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(result))


def corpus_for(size: float, seed: int) -> Path:
    from pipeline.bench_corpus import write_corpus

    folder = ROOT / "bench-out" / f"corpus-{size:g}mb-seed{seed}"
    marker = folder / ".complete"
    if not marker.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(ROOT / "seeds", folder, size, seed)
        marker.write_text("generated by pipeline.bench_corpus\n")
    return folder


def _commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return out.stdout.strip() or "unknown"


def report(size: float, seed: int, workers: list[int], config: Path | None) -> dict:
    corpus = corpus_for(size, seed)
    mb = sum(p.stat().st_size for p in _files(corpus)) / 1e6
    print(f"corpus: {len(_files(corpus))} files, {mb:.1f} MB (generated from seeds/, seed {seed})", flush=True)
    floor = _in_subprocess("--measure", "floor", "--corpus", str(corpus))
    floor_tokens = _in_subprocess("--measure", "floor_tokens", "--corpus", str(corpus))
    cfg = ["--config", str(config)] if config else []
    runs = {n: _in_subprocess("--measure", "build", "--corpus", str(corpus), "--workers", str(n), *cfg,
                              *(["--incremental"] if n == workers[0] else [])) for n in workers}
    one = runs[workers[0]]
    result = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "commit": _commit(),
        "machine": f"{platform.machine()} {os.cpu_count()} cores {platform.python_version()}",
        "size_mb": round(mb, 2), "workers": workers[0],
        "mb_per_s_per_core": round(mb / one["seconds"], 3), "docs_per_s": round(one["documents"] / one["seconds"], 1),
        "peak_rss_mb": round(one["peak_rss_mb"], 1),
        "cpu_seconds": round(one["cpu_seconds"], 2), "mb_per_cpu_s": round(mb / one["cpu_seconds"], 3),
        "floor_mb_per_s": round(mb / floor["seconds"], 3), "floor_tokens_mb_per_s": round(mb / floor_tokens["seconds"], 3),
        "baseline_mb_per_s": round(mb / floor["seconds"], 3),
        "stages": {k: round(v, 2) for k, v in Counter(one["stage_seconds"]).most_common()},
        "incremental_seconds": round(one.get("incremental_seconds", 0), 2),
        "scaling": {str(n): round(one["seconds"] / r["seconds"], 2) for n, r in runs.items()},
    }
    _print(result, floor, floor_tokens, one)
    return result


def _print(r: dict, floor: dict, floor_tokens: dict, one: dict) -> None:
    print(f"floor (read+decode+scan+Parquet)   {r['floor_mb_per_s']:8.2f} MB/s   peak {floor['peak_rss_mb']:6.0f} MiB")
    print(f"floor + rjieba tokens              {r['floor_tokens_mb_per_s']:8.2f} MB/s   "
          f"peak {floor_tokens['peak_rss_mb']:6.0f} MiB")
    print(f"pipeline, {r['workers']} worker                 {r['mb_per_s_per_core']:8.2f} MB/s per core   "
          f"peak {r['peak_rss_mb']:6.0f} MiB   {r['docs_per_s']} docs/s")
    print(f"  CPU (user + system) {r['cpu_seconds']:.2f} s: {r['mb_per_cpu_s']:.2f} MB per CPU second")
    print(f"  ratio to floor {r['mb_per_s_per_core'] / r['floor_mb_per_s']:.3f}, "
          f"to floor + tokens {r['mb_per_s_per_core'] / r['floor_tokens_mb_per_s']:.3f}")
    total = sum(one["stage_seconds"].values()) or 1
    for name, secs in r["stages"].items():
        print(f"  {name:<24} {secs:8.2f} s  {100 * secs / total:5.1f} %")
    if r["incremental_seconds"]:
        print(f"incremental rebuild after one file changed: {r['incremental_seconds']:.2f} s "
              f"(x{one['seconds'] / r['incremental_seconds']:.1f} faster than the full build)")
    for n, speedup in r["scaling"].items():
        print(f"  {n} worker(s): wall x{speedup}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=float, default=50, help="MB of raw input to generate")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--workers", type=int, nargs="*", default=None, help="worker counts (default: 1 and every core)")
    ap.add_argument("--config", type=Path, default=ROOT / "pipeline.toml")
    ap.add_argument("--results", type=Path, default=ROOT / "bench" / "results.jsonl")
    ap.add_argument("--measure", choices=["floor", "floor_tokens", "build"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--dedup-docs", type=int, default=2000,
                    help="generated documents for the duplicates benchmark (pipeline.bench_dedup; 0: skip it)")
    a = ap.parse_args()
    if a.measure:
        a.workers = (a.workers or [1])[0]
        _measure_main(a)
        return
    result = report(a.size, a.seed, a.workers or sorted({1, os.cpu_count() or 1}), a.config)
    if a.dedup_docs:
        from pipeline.bench_dedup import measure
        from pipeline.stages.deduplicate import DedupSettings

        result["dedup"] = measure(a.dedup_docs, a.dedup_docs // 10, DedupSettings())
    a.results.parent.mkdir(parents=True, exist_ok=True)
    with a.results.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
