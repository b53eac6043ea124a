"""Statistics of a published version (`stats.json`): what a reader checks before training.

Totals (documents, characters, sentences, tokens), length distributions, edits per stage
and rule, documents dropped and files rejected by reason, and the distribution of every
numeric column of the documents table: today's lengths and counts, and any quality-signal
column a later pipeline adds, without this module knowing its name.

The build writes the file into the version; for a version built before that, the same
numbers are computed from its tables on demand (`load_stats`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

STATS_FILE = "stats.json"
FORMAT = "zh-docsite-dataset-stats/1"
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
NOT_MEASUREMENTS = {"doc_index"}  # numeric, but a position, not a property of the document
BATCH_ROWS = 65_536


def distribution(values: np.ndarray, bins: int = 20) -> dict[str, Any]:
    """Count, range, mean, quantiles and a histogram of the non-null values."""
    values = values[~np.isnan(values)] if values.dtype.kind == "f" else values
    if values.size == 0:
        return {"count": 0}
    lo, hi = float(values.min()), float(values.max())
    if values.dtype.kind in "iu" and hi - lo < bins:
        edges = np.arange(lo, hi + 2)  # one bin per integer value
    else:
        edges = np.linspace(lo, hi if hi > lo else lo + 1, bins + 1)
    counts, edges = np.histogram(values, bins=edges)
    return {"count": int(values.size), "min": _round(lo), "max": _round(hi), "mean": _round(values.mean()),
            "quantiles": {f"p{round(q * 100)}": _round(np.quantile(values, q)) for q in QUANTILES},
            "histogram": {"edges": [_round(e) for e in edges], "counts": [int(c) for c in counts]}}


def _round(x: float) -> float:
    return round(float(x), 4)


def _batches(folder: Path, columns: list[str]) -> Iterator[pa.RecordBatch]:
    for path in sorted(folder.glob("*.parquet")):
        yield from pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns)


def _numeric_columns(folder: Path) -> list[str]:
    schema = pq.read_schema(sorted(folder.glob("*.parquet"))[0])
    return [f.name for f in schema if (pa.types.is_integer(f.type) or pa.types.is_floating(f.type))
            and f.name not in NOT_MEASUREMENTS]


def _values(column: pa.ChunkedArray) -> np.ndarray:
    """The non-null numbers (a column only some documents have a value for), type kept."""
    return pc.drop_null(column).to_numpy()


def _document_stats(folder: Path) -> tuple[pa.Table, dict[str, Any]]:
    columns = _numeric_columns(folder)
    table = pq.read_table(folder, columns=["id", *columns])
    return table, {c: distribution(_values(table.column(c))) for c in columns}


def _sentence_stats(folder: Path, doc_ids: list[str]) -> tuple[int, int, dict[str, Any]]:
    sentences: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    for batch in _batches(folder, ["doc_id", "tokens"]):
        lengths = pc.list_value_length(batch.column("tokens")).to_pylist()
        for doc_id, n in zip(batch.column("doc_id").to_pylist(), lengths):
            sentences[doc_id] += 1
            tokens[doc_id] += n
    per_doc = {"sentences_per_document": distribution(np.array([sentences[d] for d in doc_ids])),
               "tokens_per_document": distribution(np.array([tokens[d] for d in doc_ids]))}
    return sum(sentences.values()), sum(tokens.values()), per_doc


def _edit_stats(folder: Path, stage_order: list[str]) -> dict[str, Any]:
    rules: dict[tuple[str, str], dict[str, int]] = {}
    for batch in _batches(folder, ["stage", "rule", "applied", "before", "after"]):
        removed = pc.subtract(pc.utf8_length(batch.column("before")), pc.utf8_length(batch.column("after")))
        for stage, rule, applied, delta in zip(batch.column("stage").to_pylist(), batch.column("rule").to_pylist(),
                                               batch.column("applied").to_pylist(), removed.to_pylist()):
            entry = rules.setdefault((stage, rule), {"applied": 0, "suggested": 0, "chars_removed": 0})
            entry["applied" if applied else "suggested"] += 1
            entry["chars_removed"] += delta if applied else 0
    order = {name: i for i, name in enumerate(dict.fromkeys(stage_order))}
    ordered = sorted(rules.items(), key=lambda item: (order.get(item[0][0], len(order)), item[0]))
    by_stage: dict[str, dict[str, int]] = {}
    for (stage, _), entry in ordered:
        total = by_stage.setdefault(stage, {"applied": 0, "suggested": 0, "chars_removed": 0})
        for key, n in entry.items():
            total[key] += n
    return {"by_stage": by_stage,
            "by_rule": [{"stage": s, "rule": r, **e} for (s, r), e in ordered]}


def reason_kind(reason: str) -> str:
    """What kind of problem a reason names: "DecodeError: a.txt: …" → "DecodeError"."""
    return reason.split(":", 1)[0].strip() or reason


def compute_stats(version_dir: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    docs, columns = _document_stats(version_dir / "documents")
    n_sentences, n_tokens, per_doc = _sentence_stats(version_dir / "sentences", docs.column("id").to_pylist())
    edits = _edit_stats(version_dir / "edits", [s["name"] for s in manifest.get("config", {}).get("stages", [])])
    disk = {t: sum(p.stat().st_size for p in (version_dir / t).glob("*.parquet"))
            for t in ("documents", "sentences", "edits")}
    return {
        "format": FORMAT,
        "version": manifest.get("version"),
        "totals": {"documents": docs.num_rows, "characters": pc.sum(docs.column("n_chars")).as_py() or 0,
                   "sentences": n_sentences, "tokens": n_tokens,
                   "edits_applied": sum(s["applied"] for s in edits["by_stage"].values()),
                   "edits_suggested": sum(s["suggested"] for s in edits["by_stage"].values())},
        "lengths": {"document_chars": columns.get("n_chars", {"count": 0}), **per_doc},
        "columns": columns,
        "edits": edits,
        "dropped_by_reason": dict(Counter(d["reason"] for d in manifest.get("dropped", []))),
        "rejected_by_reason": dict(Counter(reason_kind(r["reason"]) for r in manifest.get("rejected", []))),
        "files": {"download_size": sum(disk.values()), "dataset_size": sum(manifest.get("bytes", {}).values()),
                  "parquet_bytes": disk},
    }


def write_stats(version_dir: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    stats = compute_stats(version_dir, manifest)
    (version_dir / STATS_FILE).write_text(json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return stats


def load_stats(version_dir: Path) -> dict[str, Any]:
    """The version's stats.json, or the same numbers computed from its tables (older versions)."""
    path = version_dir / STATS_FILE
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    manifest = json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))
    return compute_stats(version_dir, manifest)
