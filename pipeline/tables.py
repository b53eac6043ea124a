"""A finished document as rows of the three published tables (see schemas/)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from pipeline.document import Document

META_COLUMNS = ("source_site", "source_url", "uploader", "site_doc_id", "upload_date",
                "file_format", "page_count", "file_size")

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
    return row


def sentence_rows(doc: Document) -> list[dict[str, Any]]:
    return [{"doc_id": doc.id, "paragraph_index": p, "sentence_index": s, "text": text, "tokens": tokens}
            for p, s, text, tokens in doc.sentences]


def edit_rows(doc: Document) -> list[dict[str, Any]]:
    return [{"doc_id": doc.id, "seq": i, "stage": e.stage, "rule": e.rule, "before": e.before,
             "after": e.after, "position": e.position, "applied": e.applied,
             "confidence": e.confidence, "evidence": e.evidence or None}
            for i, e in enumerate(doc.edits)]
