"""A finished document as rows of the three published tables (see schemas/), and as what
the build needs of it (`Published`), made in the process that cleaned it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, groupby
from typing import Any

import numpy as np
import pyarrow as pa

from pipeline.document import Document, Edit
from pipeline.schema import load_table

META_COLUMNS = ("source_site", "source_url", "uploader", "site_doc_id", "upload_date",
                "file_format", "page_count", "file_size")
QUALITY_COLUMNS = ("han_share", "mean_sentence_chars", "chrome_share", "repeated_line_share", "too_short")
# Filled only by a --keep-duplicates build, after the dedup step (pipeline.dedup_step).
DUPLICATE_COLUMNS = ("duplicate_of", "duplicate_kind", "duplicate_similarity")

# "21.54KB", "1.2 MB", "980K", "3,072 bytes", "512字节": document sites count in binary units.
_FILE_SIZE = re.compile(r"^\s*(\d[\d,]*(?:\.\d+)?)\s*(?:([KMGT])(?:I?B)?|B|BYTES?|字节)?\s*$", re.IGNORECASE)
_UNIT = {None: 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def file_size_bytes(stated: str | None) -> int | None:
    """The size a site states (`file_size`, kept as shown) as a whole number of bytes."""
    m = _FILE_SIZE.match(stated or "")
    if not m:
        return None
    unit = m.group(2).upper() if m.group(2) else None
    return round(float(m.group(1).replace(",", "")) * _UNIT[unit])


# The Python type each metadata column's Arrow type takes (schemas/documents.toml).
_META_TYPES: dict[str, type] = {"upload_date": dt.date, "page_count": int}


def check_metadata(doc: Document) -> None:
    """A metadata value of the wrong type fails its own file, with the column and the value,
    rather than the batch it would be written with (a build never costs other documents)."""
    for column in META_COLUMNS:
        value = doc.metadata.get(column)
        want = _META_TYPES.get(column, str)
        if value is not None and (not isinstance(value, want) or isinstance(value, bool)):
            raise ValueError(f"metadata {column}={value!r} is not a {want.__name__} (document {doc.doc_index})")


def document_row(doc: Document, n_edits: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": doc.id,
        "source": doc.source,
        "doc_index": doc.doc_index,
        "title": doc.title,
        "text": doc.text,
        "truncated": bool(doc.flags.get("truncated", False)),
    }
    row.update({k: doc.metadata.get(k) for k in META_COLUMNS})
    row.update({
        "file_size_bytes": file_size_bytes(row["file_size"]),
        "n_chars": len(doc.text),
        "encoding": doc.metadata.get("encoding", "utf-8"),
        "script": doc.metadata.get("script", "none"),
        "text_sha256": hashlib.sha256(doc.text.encode()).hexdigest(),
        "n_edits": n_edits,
    })
    row.update({k: doc.quality.get(k) for k in QUALITY_COLUMNS})
    row.update(dict.fromkeys(DUPLICATE_COLUMNS))
    return row


@cache
def _schema(name: str) -> pa.Schema:
    return load_table(name).arrow_schema


def _table(name: str, columns: dict[str, Any]) -> pa.Table:
    schema = _schema(name)
    arrays = [c if isinstance(c := columns[f.name], pa.Array) else pa.array(c, type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def documents_table(rows: list[dict[str, Any]]) -> pa.Table:
    """The `documents` rows of a batch of documents (`document_row`), column by column:
    a few calls for the batch instead of a table per document."""
    return _table("documents", {f.name: [row[f.name] for row in rows] for f in _schema("documents")})


def sentence_table(doc: Document) -> pa.Table:
    n = len(doc.sentences)
    paragraphs, indices, texts, tokens = zip(*doc.sentences) if n else ((), (), (), ())
    return _table("sentences", {"doc_id": _repeat(doc.id, n), "paragraph_index": paragraphs, "sentence_index": indices,
                                "text": texts, "tokens": tokens})


def _repeat(value: str, n: int) -> pa.Array:
    """`value` n times, made in Arrow (a Python list of n references costs more to convert)."""
    return pa.repeat(pa.scalar(value, pa.string()), n)


_EDIT_FIELDS = ("stage", "rule", "before", "after", "position", "applied", "confidence", "evidence")


def edit_columns(edits: list[Edit]) -> dict[str, list[Any]]:
    """The edits one list per field (what the table, the counts and the sizes are made of),
    transposed by zip in one compiled pass rather than a pass per field."""
    if not edits:
        return {name: [] for name in _EDIT_FIELDS}
    return dict(zip(_EDIT_FIELDS, map(list, zip(*edits))))


def edit_table(doc_id: str, columns: dict[str, list[Any]]) -> pa.Table:
    n = len(columns["stage"])
    # seq from numpy: Arrow takes a Python range value by value.
    return _table("edits", {**columns, "doc_id": _repeat(doc_id, n), "seq": pa.array(np.arange(n, dtype=np.int32)),
                            "evidence": [e or None for e in columns["evidence"]]})


def chars_removed(columns: dict[str, list[Any]]) -> Counter[str]:
    """Characters removed by each stage's applied edits. A stage logs its edits together,
    so they are summed a run of edits at a time, in compiled code."""
    removed: Counter[str] = Counter()
    applied, before, after = columns["applied"], columns["before"], columns["after"]
    start = 0
    for stage, run in groupby(columns["stage"]):
        end = start + sum(1 for _ in run)
        if all(applied[start:end]):
            removed[stage] += sum(map(len, before[start:end])) - sum(map(len, after[start:end]))
        elif any(applied[start:end]):
            removed[stage] += (sum(map(len, compress(before[start:end], applied[start:end])))
                               - sum(map(len, compress(after[start:end], applied[start:end]))))
        start = end
    return removed


@dataclass
class Published:
    """What the build keeps of one cleaned document: its row of `documents` (made a table
    a batch at a time: `documents_table`) and its rows of the other tables as Arrow tables
    (cheap to send from a worker and to concatenate), the characters each stage removed,
    why it is dropped (None: it is published) and its entry for the duplicate step (or
    None)."""

    id: str
    source: str
    doc_index: int
    dropped: str | None
    chars_removed: Counter[str] = field(default_factory=Counter)
    row: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, pa.Table] = field(default_factory=dict)  # sentences, edits
    dedup: Any = None

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (into the cache, from a worker) with its tables as Arrow IPC streams:
        one compiled call per table, where pickle takes a Python call per array and buffer
        (measured on the last pass's cache entries: 4 times quicker to encode and to load)."""
        return {**self.__dict__, "tables": {name: _ipc(table) for name, table in self.tables.items()}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["tables"] = {name: pa.ipc.open_stream(data).read_all() for name, data in state["tables"].items()}
        self.__dict__.update(state)


def _ipc(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def published(doc: Document) -> Published:
    from pipeline.dedup_groups import entry_of

    edits = edit_columns(doc.edits)
    reason = "empty after cleaning" if not doc.text.strip() else doc.flags.get("dropped")
    out = Published(doc.id, doc.source, doc.doc_index, reason, chars_removed(edits))
    if reason is None:
        check_metadata(doc)
        out.row = document_row(doc, n_edits=sum(edits["applied"]))
        out.tables = {"sentences": sentence_table(doc), "edits": edit_table(out.id, edits)}
        out.dedup = entry_of(doc) if doc.sketch is not None else None
    return out


class Batch:
    """The rows of the documents of one batch of files, until they are written."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.parts: dict[str, list[pa.Table]] = {"sentences": [], "edits": []}

    def clear(self) -> None:
        self.rows = []
        self.parts = {table: [] for table in self.parts}

    def add(self, doc: Published) -> None:
        self.rows.append(doc.row)
        for table, rows in doc.tables.items():
            self.parts[table].append(rows)

    def tables(self) -> Iterator[tuple[str, pa.Table]]:
        """Each table's rows as one contiguous table (none for a table without rows); the
        batch is empty afterwards."""
        if self.rows:
            yield "documents", documents_table(self.rows)
        for table, parts in self.parts.items():
            if parts:
                yield table, pa.concat_tables(parts).combine_chunks()
        self.clear()
