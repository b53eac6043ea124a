"""Reviewing the audit trail of a published version: edits with their context."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.document import TITLE, Edit
from pipeline.stages.split_documents import final_positions


def iter_edit_reviews(version: Path, stage: str | None, rule: str | None, source: str | None,
                      suggested_only: bool, context: int) -> Iterator[str]:
    """One line per matching edit: where, what, why, and the published text around it."""
    docs = {d["id"]: d for d in pq.read_table(version / "documents", columns=["id", "source", "doc_index", "text"])
            .to_pylist()}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in pq.read_table(version / "edits").to_pylist():
        by_doc[row["doc_id"]].append(row)
    for doc_id, rows in by_doc.items():
        doc = docs.get(doc_id)
        if doc is None or (source and not doc["source"].startswith(source)):
            continue
        rows.sort(key=lambda r: r["seq"])
        edits = [Edit(r["stage"], r["rule"], r["before"], r["after"], r["position"], r["applied"]) for r in rows]
        positions = final_positions(edits)
        for row, pos in zip(rows, positions):
            if (stage and row["stage"] != stage) or (rule and row["rule"] != rule):
                continue
            if suggested_only and row["applied"]:
                continue
            text = doc["text"]
            shown = row["after"] if row["applied"] else row["before"]
            around = f"…{text[max(0, pos - context):pos]}[{shown}]{text[pos + len(shown):pos + len(shown) + context]}…"
            if pos == TITLE:
                around = "(title)"
            mark = "applied" if row["applied"] else "suggested"
            why = f" ({row['evidence']})" if row["evidence"] else ""
            yield (f"{doc['source']}#{doc['doc_index']} {row['stage']}/{row['rule']} {mark} "
                   f"conf={row['confidence']:.2f}: {row['before']!r} -> {row['after']!r}  "
                   f"{around.replace(chr(10), '⏎')}{why}")
