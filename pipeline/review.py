"""Reviewing the audit trail of a published version: edits with their context.

`edit_records` yields one record per matching edit, placed in the published text; the
command line prints them for a person (`review_line`), as JSON lines or CSV for a
program, or counted per stage and rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.document import Edit
from pipeline.stages import STAGES
from pipeline.stages.split_documents import final_positions

RECORD_FIELDS = ("source", "doc_index", "doc_id", "seq", "stage", "rule", "applied", "confidence", "before", "after",
                 "position", "context_before", "context_after", "evidence")


class ReviewError(ValueError):
    """A filter names a stage or rule this version does not know."""


def check_filters(version: Path, stage: str | None, rule: str | None) -> None:
    """Unknown names are errors that list the known ones, not an empty answer."""
    if stage and stage not in STAGES:
        raise ReviewError(f"unknown stage {stage!r} (known stages: {', '.join(STAGES)})")
    if rule:
        table = pq.read_table(version / "edits", columns=["stage", "rule"])
        if stage:
            table = table.filter(pc.equal(table.column("stage"), stage))
        known = sorted(set(table.column("rule").to_pylist()))
        if rule not in known:
            where = f" of stage {stage!r}" if stage else ""
            raise ReviewError(f"no rule {rule!r}{where} has edits in {version} "
                              f"(rules with edits: {', '.join(known) or 'none'})")


def edit_records(version: Path, stage: str | None = None, rule: str | None = None, source: str | None = None,
                 suggested_only: bool = False, context: int = 8) -> Iterator[dict[str, Any]]:
    """One record per matching edit, with where it lies in the published text and the text around it."""
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
        for row, pos in zip(rows, final_positions(edits)):
            if (stage and row["stage"] != stage) or (rule and row["rule"] != rule) or \
                    (suggested_only and row["applied"]):
                continue
            shown = row["after"] if row["applied"] else row["before"]
            text = doc["text"]
            yield {"source": doc["source"], "doc_index": doc["doc_index"], "doc_id": doc_id, "seq": row["seq"],
                   "stage": row["stage"], "rule": row["rule"], "applied": row["applied"],
                   "confidence": round(float(row["confidence"]), 4), "before": row["before"], "after": row["after"],
                   "position": pos, "context_before": text[max(0, pos - context):pos],
                   "context_after": text[pos + len(shown):pos + len(shown) + context], "evidence": row["evidence"]}


def review_line(r: dict[str, Any]) -> str:
    """One edit for a person: where, what, why, and the published text around it."""
    shown = r["after"] if r["applied"] else r["before"]
    around = f"…{r['context_before']}[{shown}]{r['context_after']}…".replace("\n", "⏎")
    mark = "applied" if r["applied"] else "suggested"
    why = f" ({r['evidence']})" if r["evidence"] else ""
    return (f"{r['source']}#{r['doc_index']} {r['stage']}/{r['rule']} {mark} conf={r['confidence']:.2f}: "
            f"{r['before']!r} -> {r['after']!r}  {around}{why}")


def count_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Applied and suggested edits per stage and rule, in the order first met."""
    counts: dict[tuple[str, str], dict[str, Any]] = {}
    for r in records:
        entry = counts.setdefault((r["stage"], r["rule"]), {"stage": r["stage"], "rule": r["rule"],
                                                            "applied": 0, "suggested": 0})
        entry["applied" if r["applied"] else "suggested"] += 1
    return list(counts.values())

