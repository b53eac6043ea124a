"""What changed between two published versions: documents, their text, and the edits.

Documents are paired by `id` (source file and position, stable across versions), so a
document whose cleaning changed shows as changed, not as removed and added. The report
also compares the edits tables rule by rule, so a reader sees *why* texts changed (for
example `fix_typos/kaizhan_fazhan: 6 → 0` after a threshold was raised).
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.card import changes_since
from pipeline.publish import read_manifest
from pipeline.tables import META_COLUMNS

COMPARED = ("title", "truncated", *META_COLUMNS)


@dataclass
class VersionDiff:
    old: str
    new: str
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0
    rule_counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    build_changes: list[str] = field(default_factory=list)

    def lines(self, show: int = 3, context: int = 1) -> list[str]:
        out = [f"{self.old} → {self.new}"]
        out += [f"  {line}" for line in self.build_changes]
        out.append(f"documents: {len(self.added)} added, {len(self.removed)} removed, "
                   f"{len(self.changed)} changed, {self.unchanged} unchanged")
        out += [f"  + {d['source']}#{d['doc_index']} {d['title']!r}" for d in self.added]
        out += [f"  - {d['source']}#{d['doc_index']} {d['title']!r}" for d in self.removed]
        moved = {k: v for k, v in self.rule_counts.items() if v[0] != v[1]}
        if moved:
            out.append("edits by rule (applied):")
            out += [f"  {rule}: {a} → {b}" for rule, (a, b) in sorted(moved.items())]
        for old, new in self.changed[:show]:
            out.append(f"~ {new['source']}#{new['doc_index']} {new['title']!r}")
            out += [f"    {k}: {old[k]!r} → {new[k]!r}" for k in COMPARED if old[k] != new[k]]
            out += [f"    {line}" for line in text_diff(old["text"], new["text"], context)]
        if len(self.changed) > show:
            out.append(f"… and {len(self.changed) - show} more changed document(s) (--show)")
        return out


def text_diff(old: str, new: str, context: int = 1) -> list[str]:
    """Changed paragraphs, with `context` unchanged ones around them."""
    diff = difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=context)
    return [line for line in diff if not line.startswith(("---", "+++"))]


def _documents(version: Path) -> dict[str, dict[str, Any]]:
    rows = pq.read_table(version / "documents").to_pylist()
    return {r["id"]: r for r in rows}


def _rule_counts(version: Path) -> Counter[str]:
    edits = pq.read_table(version / "edits", columns=["stage", "rule", "applied"]).to_pylist()
    return Counter(f"{e['stage']}/{e['rule']}" for e in edits if e["applied"])


def diff_versions(old: Path, new: Path) -> VersionDiff:
    a, b = _documents(old), _documents(new)
    result = VersionDiff(str(old), str(new))
    result.added = [b[k] for k in sorted(set(b) - set(a), key=lambda k: (b[k]["source"], b[k]["doc_index"]))]
    result.removed = [a[k] for k in sorted(set(a) - set(b), key=lambda k: (a[k]["source"], a[k]["doc_index"]))]
    for key in sorted(set(a) & set(b), key=lambda k: (b[k]["source"], b[k]["doc_index"])):
        same = a[key]["text_sha256"] == b[key]["text_sha256"] and all(a[key][c] == b[key][c] for c in COMPARED)
        if same:
            result.unchanged += 1
        else:
            result.changed.append((a[key], b[key]))
    ca, cb = _rule_counts(old), _rule_counts(new)
    result.rule_counts = {rule: (ca[rule], cb[rule]) for rule in set(ca) | set(cb)}
    result.build_changes = changes_since(read_manifest(new), read_manifest(old))
    return result
