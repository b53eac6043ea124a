"""`make bench`, duplicates part: the dedup stage's MB/s, the grouping step's time and
memory per document, and how well copies and distinct documents are told apart, on a
generated corpus (`pipeline.synthetic`) with edited copies of some of its documents.

`python -m pipeline.bench_dedup --jaccard` also prints the true Jaccard distributions
(exact shingle sets, every pair) behind the default threshold and shingle size.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import time
import tracemalloc

import numpy as np

from pipeline.dedup import dedup_key, shingle_hashes, sketch
from pipeline.dedup_groups import Entry, find_duplicates
from pipeline.dedup_store import EntryStore
from pipeline.stages.deduplicate import DedupSettings
from pipeline.synthetic import corpus


def edited_copies(text: str, rng: random.Random) -> dict[str, str]:
    """What a second site holds: the same text with one small edit, or a preview."""
    import opencc

    sentences = re.findall(r"[^。！？\n]+[。！？]?|\n", text)
    long = [i for i, s in enumerate(sentences) if len(s) > 10]
    numbers = list(re.finditer(r"\d+", text))
    lines = text.split("\n")
    out = {"presentation": opencc.OpenCC("s2t").convert(text).replace("，", ", ").replace("\n", "\n\n")}
    if numbers:
        m = rng.choice(numbers)
        out["number_changed"] = text[: m.start()] + str(int(m.group()) + 7) + text[m.end():]
    i = rng.choice(long)
    out["sentence_deleted"] = "".join(sentences[:i] + sentences[i + 1:])
    out["sentence_changed"] = "".join(sentences[:i] + ["本次会议还研究了其他有关事项，具体安排另行通知。"] + sentences[i + 1:])
    if len(lines) > 3:
        k = rng.randrange(1, len(lines))
        out["paragraph_removed"] = "\n".join(lines[:k] + lines[k + 1:])
    out["leftover_ad"] = "\n".join(lines[:1] + ["查阅全文加微信3231169，更多范文请访问本站"] + lines[1:])
    for share in (0.25, 0.5, 0.75):
        out[f"preview_{int(share * 100)}"] = text[: int(len(text) * share)]
    return out


def _items(n_docs: int, n_copied: int) -> list[tuple[str, str, int | None]]:
    rng = random.Random(2)
    docs = [text for _, text in corpus(n_docs)]
    items: list[tuple[str, str, int | None]] = [(f"doc/{i:06d}", t, None) for i, t in enumerate(docs)]
    for i, text in enumerate(docs[:n_copied]):
        items += [(f"copy/{name}/{i:06d}", v, i) for name, v in edited_copies(text, rng).items()]
    return items


def measure(n_docs: int, n_copied: int, settings: DedupSettings) -> dict:
    items = _items(n_docs, n_copied)
    megabytes = sum(len(t.encode()) for _, t, _ in items) / 1e6
    t0 = time.process_time()
    sketches = [sketch(t, settings) for _, t, _ in items]
    secs = time.process_time() - t0
    entries = [Entry(name, name, 0, name.startswith("copy/preview"), 0, s) for (name, _, _), s in zip(items, sketches)]
    t0 = time.process_time()
    duplicates = find_duplicates(entries, settings)
    group_secs = time.process_time() - t0
    tracemalloc.start()  # a second run, traced: what the parent holds per document, and the step's peak
    held = EntryStore(settings.num_perm, settings.sample_size)  # as the build's DedupStep holds them
    for name, t, _ in items:
        held.append(Entry(name, name, 0, False, 0, sketch(t, settings)))
    per_doc = tracemalloc.get_traced_memory()[0] / len(held)
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    find_duplicates(held, settings)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    held.close()
    print(f"dedup on {len(items)} generated documents ({n_docs} distinct, edited copies of {n_copied}), "
          f"{megabytes:.2f} MB (CPU time):")
    print(f"  deduplicate stage (key + sketch)  {megabytes / secs:7.2f} MB/s per core")
    print(f"  grouping step                     {group_secs:7.2f} s ({1000 * group_secs / len(items):.2f} ms per document)")
    print(f"  memory: {per_doc:.0f} bytes held per document (its sketch, {held.record.itemsize} bytes, is "
          f"on disk), grouping peak {peak / 2**20:.1f} MiB ({peak / len(items):.0f} bytes per document)")
    origin = {name: o for name, _, o in items}
    keeper = {d.id: d.duplicate_of for d in duplicates}
    wrong = [d for d in duplicates if origin[d.id] is None and origin[d.duplicate_of] is None]
    print(f"  distinct documents marked as copies of another distinct document: {len(wrong)}")
    found: dict[str, list[bool]] = {}
    for name, _, o in items:
        if o is not None:
            original = f"doc/{o:06d}"
            found.setdefault(name.split("/")[1], []).append(keeper.get(name, name) == keeper.get(original, original))
    print("  copies grouped with their document: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in found.items()))
    return {"documents": len(items), "stage_mb_per_s": round(megabytes / secs, 2),
            "grouping_ms_per_doc": round(1000 * group_secs / len(items), 3), "bytes_held_per_doc": round(per_doc),
            "grouping_peak_bytes_per_doc": round(peak / len(items)), "false_duplicates": len(wrong),
            "copies_found": {k: [sum(v), len(v)] for k, v in found.items()}}


def jaccard_report(n_docs: int, n_copied: int, shingle_sizes: list[int]) -> None:
    """True Jaccard (exact sets): copies with one edit vs every pair of distinct documents."""
    items = _items(n_docs, n_copied)
    for k in shingle_sizes:
        sets = {name: shingle_hashes(dedup_key(t), k) for name, t, _ in items}
        originals = [sets[name] for name, _, o in items if o is None]

        def jac(a: np.ndarray, b: np.ndarray) -> float:
            inter = np.intersect1d(a, b, assume_unique=True).size
            return inter / (a.size + b.size - inter)

        unrelated = np.array([jac(a, b) for a, b in itertools.combinations(originals, 2)])
        print(f"k={k}: distinct pairs ({unrelated.size}) max {unrelated.max():.3f} p99.9 "
              f"{np.quantile(unrelated, 0.999):.3f} p99 {np.quantile(unrelated, 0.99):.3f} "
              f"median {np.median(unrelated):.3f}")
        by_kind: dict[str, list[float]] = {}
        for name, _, o in items:
            if o is not None:
                by_kind.setdefault(name.split("/")[1], []).append(jac(sets[name], originals[o]))
        for kind, values in by_kind.items():
            v = np.array(values)
            print(f"   {kind:18} min {v.min():.3f} p1 {np.quantile(v, 0.01):.3f} median {np.median(v):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--copied", type=int, default=200)
    ap.add_argument("--jaccard", action="store_true", help="print the true Jaccard distributions (slow)")
    a = ap.parse_args()
    if a.jaccard:
        jaccard_report(min(a.docs, 300), min(a.copied, 100), [3, 4, 5, 6, 8])
    else:
        measure(a.docs, a.copied, DedupSettings())


if __name__ == "__main__":
    main()
