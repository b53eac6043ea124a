"""A finished document as rows of the three published tables (see schemas/), and as what
the build needs of it (`Published`), made in the process that cleaned it."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from pipeline.document import Document
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


def document_row(doc: Document) -> dict[str, Any]:
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
        "n_edits": sum(e.applied for e in doc.edits),
    })
    row.update({k: doc.quality.get(k) for k in QUALITY_COLUMNS})
    row.update(dict.fromkeys(DUPLICATE_COLUMNS))
    return row


def sentence_rows(doc: Document) -> list[dict[str, Any]]:
    return [{"doc_id": doc.id, "paragraph_index": p, "sentence_index": s, "text": text, "tokens": tokens}
            for p, s, text, tokens in doc.sentences]


def edit_rows(doc: Document) -> list[dict[str, Any]]:
    return [{"doc_id": doc.id, "seq": i, "stage": e.stage, "rule": e.rule, "before": e.before,
             "after": e.after, "position": e.position, "applied": e.applied,
             "confidence": e.confidence, "evidence": e.evidence or None}
            for i, e in enumerate(doc.edits)]


ROW_TABLES = ("documents", "sentences", "edits")


@dataclass
class Published:
    """What the build keeps of one cleaned document: its rows as Arrow tables (cheap to
    send from a worker and to concatenate), the characters each stage removed, why it is
    dropped (None: it is published) and its entry for the duplicate step (or None)."""

    id: str
    source: str
    doc_index: int
    dropped: str | None
    chars_removed: Counter[str] = field(default_factory=Counter)
    tables: dict[str, pa.Table] = field(default_factory=dict)
    dedup: Any = None


def published(doc: Document) -> Published:
    from pipeline.dedup_groups import entry_of

    removed: Counter[str] = Counter()
    for e in doc.edits:
        if e.applied:
            removed[e.stage] += len(e.before) - len(e.after)
    reason = "empty after cleaning" if not doc.text.strip() else doc.flags.get("dropped")
    out = Published(doc.id, doc.source, doc.doc_index, reason, removed)
    if reason is None:
        rows = {"documents": [document_row(doc)], "sentences": sentence_rows(doc), "edits": edit_rows(doc)}
        out.tables = {t: pa.Table.from_pylist(rows[t], schema=load_table(t).arrow_schema) for t in ROW_TABLES}
        out.dedup = entry_of(doc) if doc.sketch is not None else None
    return out
