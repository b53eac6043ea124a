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

from pipeline.schema import TABLES

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


def _values(column: pa.ChunkedArray) -> np.ndarray:
    """The non-null numbers (a column only some documents have a value for), type kept."""
    return pc.drop_null(column).to_numpy()


class TableStats:
    """The numbers stats.json takes from the tables, gathered chunk by chunk: as the build
    writes them (`add` is the draft's observer), or from a version's files. Memory: a few
    numbers per document and per (stage, rule), whatever the size of the tables."""

    def __init__(self, documents_schema: pa.Schema) -> None:
        self.doc_types: dict[str, pa.DataType] = {"id": pa.string()} | {
            f.name: f.type for f in documents_schema
            if (pa.types.is_integer(f.type) or pa.types.is_floating(f.type)) and f.name not in NOT_MEASUREMENTS}
        self.doc_columns: dict[str, list[pa.Array]] = {name: [] for name in self.doc_types}  # chunk by chunk
        self.sentences: Counter[str] = Counter()  # per document id
        self.tokens: Counter[str] = Counter()
        self.rules: dict[tuple[str, str], dict[str, int]] = {}

    def add(self, table: str, chunk: pa.Table | pa.RecordBatch) -> None:
        if table == "documents":
            self._add_documents(chunk)
        elif table == "sentences":
            self._add_sentences(chunk)
        elif table == "edits":
            self._add_edits(chunk)

    def _add_documents(self, chunk: pa.Table | pa.RecordBatch) -> None:
        for name, chunks in self.doc_columns.items():
            column = chunk.column(name)
            chunks.extend(column.chunks if isinstance(column, pa.ChunkedArray) else [column])

    def _add_sentences(self, chunk: pa.Table | pa.RecordBatch) -> None:
        lengths = pa.table({"doc_id": chunk.column("doc_id"), "n": pc.list_value_length(chunk.column("tokens"))})
        per_doc = lengths.group_by("doc_id", use_threads=False).aggregate([([], "count_all"), ("n", "sum")])
        for doc_id, n, tokens in zip(*(per_doc.column(c).to_pylist() for c in ("doc_id", "count_all", "n_sum"))):
            self.sentences[doc_id] += n
            self.tokens[doc_id] += tokens

    def _add_edits(self, chunk: pa.Table | pa.RecordBatch) -> None:
        removed = pc.subtract(pc.utf8_length(chunk.column("before")), pc.utf8_length(chunk.column("after")))
        rows = pa.table({"stage": chunk.column("stage"), "rule": chunk.column("rule"),
                         "applied": chunk.column("applied"), "removed": removed})
        per_rule = rows.group_by(["stage", "rule", "applied"], use_threads=False).aggregate(
            [([], "count_all"), ("removed", "sum")])
        names = ("stage", "rule", "applied", "count_all", "removed_sum")
        for stage, rule, applied, n, delta in zip(*(per_rule.column(c).to_pylist() for c in names)):
            entry = self.rules.setdefault((stage, rule), {"applied": 0, "suggested": 0, "chars_removed": 0})
            entry["applied" if applied else "suggested"] += n
            entry["chars_removed"] += delta if applied else 0

    def documents(self) -> dict[str, pa.ChunkedArray]:
        return {name: pa.chunked_array(self.doc_columns[name], type=t) for name, t in self.doc_types.items()}

    def sentence_stats(self, doc_ids: list[str]) -> tuple[int, int, dict[str, Any]]:
        per_doc = {"sentences_per_document": distribution(np.array([self.sentences[d] for d in doc_ids])),
                   "tokens_per_document": distribution(np.array([self.tokens[d] for d in doc_ids]))}
        return sum(self.sentences.values()), sum(self.tokens.values()), per_doc

    def edit_stats(self, stage_order: list[str]) -> dict[str, Any]:
        order = {name: i for i, name in enumerate(dict.fromkeys(stage_order))}
        ordered = sorted(self.rules.items(), key=lambda item: (order.get(item[0][0], len(order)), item[0]))
        by_stage: dict[str, dict[str, int]] = {}
        for (stage, _), entry in ordered:
            total = by_stage.setdefault(stage, {"applied": 0, "suggested": 0, "chars_removed": 0})
            for key, n in entry.items():
                total[key] += n
        return {"by_stage": by_stage,
                "by_rule": [{"stage": s, "rule": r, **e} for (s, r), e in ordered]}

    @classmethod
    def of_version(cls, version_dir: Path) -> TableStats:
        """The numbers of a version's files (a version built before stats.json)."""
        stats = cls(pq.read_schema(sorted((version_dir / "documents").glob("*.parquet"))[0]))
        columns = {"documents": list(stats.doc_types), "sentences": ["doc_id", "tokens"],
                   "edits": ["stage", "rule", "applied", "before", "after"]}
        for table, names in columns.items():
            for batch in _batches(version_dir / table, names):
                stats.add(table, batch)
        return stats


def reason_kind(reason: str) -> str:
    """What kind of problem a reason names: "DecodeError: a.txt: …" → "DecodeError"."""
    return reason.split(":", 1)[0].strip() or reason


def compute_stats(version_dir: Path, manifest: dict[str, Any], tables: TableStats | None = None) -> dict[str, Any]:
    """stats.json of a version; `tables`: its tables' numbers, gathered as they were
    written (read from the files without)."""
    tables = tables if tables is not None else TableStats.of_version(version_dir)
    documents = tables.documents()
    columns = {c: distribution(_values(v)) for c, v in documents.items() if c != "id"}
    n_sentences, n_tokens, per_doc = tables.sentence_stats(documents["id"].to_pylist())
    edits = tables.edit_stats([s["name"] for s in manifest.get("config", {}).get("stages", [])])
    n_docs = len(documents["id"])
    disk = {t: sum(p.stat().st_size for p in (version_dir / t).glob("*.parquet")) for t in TABLES}
    return {
        "format": FORMAT,
        "version": manifest.get("version"),
        "totals": {"documents": n_docs, "characters": pc.sum(documents["n_chars"]).as_py() or 0,
                   "sentences": n_sentences, "tokens": n_tokens,
                   "edits_applied": sum(s["applied"] for s in edits["by_stage"].values()),
                   "edits_suggested": sum(s["suggested"] for s in edits["by_stage"].values())},
        "lengths": {"document_chars": columns.get("n_chars", {"count": 0}), **per_doc},
        "columns": columns,
        "edits": edits,
        "dropped_by_reason": dict(Counter(d["reason"] for d in manifest.get("dropped", []))),
        "duplicates_by_kind": manifest.get("duplicates", {}),
        "rejected_by_reason": dict(Counter(reason_kind(r["reason"]) for r in manifest.get("rejected", []))),
        "files": {"download_size": sum(disk.values()), "dataset_size": sum(manifest.get("bytes", {}).values()),
                  "parquet_bytes": disk},
    }


def write_stats(version_dir: Path, manifest: dict[str, Any], tables: TableStats | None = None) -> dict[str, Any]:
    stats = compute_stats(version_dir, manifest, tables)
    (version_dir / STATS_FILE).write_text(json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return stats


def load_stats(version_dir: Path) -> dict[str, Any]:
    """The version's stats.json, or the same numbers computed from its tables (older versions)."""
    path = version_dir / STATS_FILE
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    manifest = json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))
    return compute_stats(version_dir, manifest)
