"""What changed between two published versions: documents, their text, the edits, the build.

Documents are paired by `id` (source file and position, stable across versions); a
document whose input file was renamed is paired through the file's sha256 in the two
manifests, and any other by the sha256 of its text, so a rename shows as a rename, not
as every document removed and added. The edits tables are compared rule by rule, so a
reader sees *why* texts changed (`fix_typos/kaizhan_fazhan: 6 → 0` after a threshold was
raised), and inside each changed paragraph every change is annotated with the edits that
explain it (see `textdiff`). `to_json` is the stable, documented form (README).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.card import card_changes
from pipeline.changes import input_changes, manifest_changes
from pipeline.publish import read_manifest
from pipeline.schema import TABLES
from pipeline.stats import load_stats
from pipeline.tables import META_COLUMNS
from pipeline.textdiff import Hunk, explain, paragraph_hunks, place_edits

JSON_FORMAT = "zh-docsite-dataset-diff/1"
KEY = ("id", "source", "doc_index")
COMPARED = ("title", "truncated", *META_COLUMNS, "file_size_bytes", "encoding", "script")
TOTALS = ("documents", "characters", "sentences", "tokens", "edits_applied", "edits_suggested")


def ref(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in KEY}


@dataclass
class ChangedDocument:
    old: dict[str, Any]
    new: dict[str, Any]
    fields: dict[str, list[Any]]
    text_changed: bool
    renamed: bool = False
    hunks: list[Hunk] | None = None  # filled for the documents shown in detail

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {**ref(self.new), "title": self.new.get("title"),
                               "renamed_from": ref(self.old) if self.renamed else None,
                               "fields": {k: [_plain(a), _plain(b)] for k, (a, b) in self.fields.items()},
                               "text_changed": self.text_changed,
                               "characters": [self.old.get("n_chars"), self.new.get("n_chars")]}
        if self.hunks is not None:
            out["paragraphs"] = [{"old_paragraph": h.old_line, "new_paragraph": h.new_line,
                                  "pieces": [[p.op, p.text] for p in h.pieces],
                                  "changes": [{"old": c.old, "new": c.new, "old_offset": c.old_pos,
                                               "new_offset": c.new_pos, "edits": c.edits} for c in h.changes]}
                                 for h in self.hunks]
        return out


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


@dataclass
class VersionDiff:
    old: Path
    new: Path
    old_manifest: dict[str, Any]
    new_manifest: dict[str, Any]
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[ChangedDocument] = field(default_factory=list)
    renamed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0
    totals: dict[str, dict[str, int]] = field(default_factory=dict)
    edits: list[dict[str, Any]] = field(default_factory=list)
    edits_by_stage: list[dict[str, Any]] = field(default_factory=list)
    build: dict[str, Any] = field(default_factory=dict)
    schema: list[dict[str, Any]] = field(default_factory=list)
    card: dict[str, list[str]] = field(default_factory=dict)
    problems: dict[str, dict[str, list]] = field(default_factory=dict)

    @property
    def changed_rules(self) -> list[dict[str, Any]]:
        return [e for e in self.edits if e["old"] != e["new"]]

    @property
    def differs(self) -> bool:
        """Anything a user of the data would care about (the card's wording aside)."""
        b = self.build
        return bool(self.added or self.removed or self.changed or self.renamed or self.changed_rules
                    or any(t["change"] for t in self.totals.values()) or self.schema or b["config"]
                    or b["pipeline_version"]["changed"] or b["stages"]["old"] != b["stages"]["new"]
                    or any(b["inputs"].values())
                    or any(p["added"] or p["removed"] for p in self.problems.values()))

    def to_json(self) -> dict[str, Any]:
        side = {"old": (self.old, self.old_manifest), "new": (self.new, self.new_manifest)}
        return {
            "format": JSON_FORMAT,
            **{k: {"path": str(p), "version": m["version"], "pipeline_version": m["pipeline_version"],
                   "built_at": m.get("built_at")} for k, (p, m) in side.items()},
            "identical": not self.differs,
            "documents": {"added": [ref(d) for d in self.added], "removed": [ref(d) for d in self.removed],
                          "changed": [c.as_json() for c in self.changed],
                          "renamed": [{**ref(b), "old": ref(a)} for a, b in self.renamed],
                          "unchanged": self.unchanged},
            "totals": self.totals,
            "edits": {"by_stage": self.edits_by_stage, "by_rule": self.edits},
            "build": self.build, "schema": self.schema, "card": self.card,
            **{kind: self.problems[kind] for kind in ("rejected", "dropped", "ignored")},
        }


def _documents(version: Path, columns: list[str]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in pq.read_table(version / "documents", columns=columns).to_pylist()}


def _columns(version: Path, table: str) -> dict[str, str]:
    first = sorted((version / table).glob("*.parquet"))[0]
    return {f.name: str(f.type) for f in pq.read_schema(first)}


def schema_changes(old: Path, new: Path) -> list[dict[str, Any]]:
    out = []
    for table in TABLES:
        a, b = _columns(old, table), _columns(new, table)
        for col in [*a, *(c for c in b if c not in a)]:
            if a.get(col) != b.get(col):
                kind = "added" if col not in a else "removed" if col not in b else "type"
                out.append({"table": table, "column": col, "change": kind, "old": a.get(col), "new": b.get(col)})
    return out


def _sort_key(row: dict[str, Any]) -> tuple:
    return (row["source"], row["doc_index"])


def _pair_leftovers(a: dict[str, dict], b: dict[str, dict], renamed_inputs: list[dict[str, str]]
                    ) -> list[tuple[dict, dict]]:
    """Documents not paired by id: through a renamed input file, then by identical text."""
    old_left = {k: v for k, v in a.items() if k not in b}
    new_left = {k: v for k, v in b.items() if k not in a}
    new_by_place = {(d["source"], d["doc_index"]): d for d in new_left.values()}
    moved = {r["old"]: r["new"] for r in renamed_inputs}
    pairs = []
    for d in sorted(old_left.values(), key=_sort_key):
        partner = new_by_place.get((moved.get(d["source"]), d["doc_index"]))
        if partner is not None and partner["id"] in new_left:
            pairs.append((d, new_left.pop(partner["id"])))
    by_text: dict[str, dict] = {}
    for d in sorted(new_left.values(), key=_sort_key):
        by_text.setdefault(d["text_sha256"], d)
    paired_old = {p[0]["id"] for p in pairs}
    for d in sorted(old_left.values(), key=_sort_key):
        partner = by_text.pop(d["text_sha256"], None) if d["id"] not in paired_old else None
        if partner is not None:
            pairs.append((d, partner))
    return pairs


def _compare(old: dict, new: dict, compared: list[str], renamed: bool) -> ChangedDocument | None:
    fields = {c: [old[c], new[c]] for c in compared if old[c] != new[c]}
    text_changed = old["text_sha256"] != new["text_sha256"]
    if not fields and not text_changed:
        return None
    return ChangedDocument(old, new, fields, text_changed, renamed)


def _problems(old: list[dict], new: list[dict]) -> dict[str, list]:
    def keys(rows: list[dict]) -> set:
        return {(r["source"], r.get("doc_index"), r["reason"]) for r in rows}

    return {"old": old, "new": new,
            "added": [r for r in new if (r["source"], r.get("doc_index"), r["reason"]) not in keys(old)],
            "removed": [r for r in old if (r["source"], r.get("doc_index"), r["reason"]) not in keys(new)]}


def _edit_counts(old_stats: dict, new_stats: dict, key: str) -> list[dict[str, Any]]:
    def table(stats: dict) -> dict:
        if key == "by_stage":
            return {(s,): e for s, e in stats["edits"]["by_stage"].items()}
        return {(e["stage"], e["rule"]): e for e in stats["edits"]["by_rule"]}

    a, b = table(old_stats), table(new_stats)
    names = ("stage",) if key == "by_stage" else ("stage", "rule")
    out = []
    for k in [*a, *(k for k in b if k not in a)]:
        counts = {side: {"applied": t.get(k, {}).get("applied", 0), "suggested": t.get(k, {}).get("suggested", 0)}
                  for side, t in (("old", a), ("new", b))}
        out.append({**dict(zip(names, k)), **counts,
                    "change": counts["new"]["applied"] - counts["old"]["applied"]})
    return out


def diff_versions(old: Path, new: Path) -> VersionDiff:
    ma, mb = read_manifest(old), read_manifest(new)
    result = VersionDiff(old, new, ma, mb)
    common = [c for c in _columns(old, "documents") if c in _columns(new, "documents")]
    compared = [c for c in COMPARED if c in common]
    wanted = [c for c in common if c != "text"]
    a, b = _documents(old, wanted), _documents(new, wanted)
    for key in sorted(set(a) & set(b), key=lambda k: _sort_key(b[k])):
        change = _compare(a[key], b[key], compared, renamed=False)
        if change:
            result.changed.append(change)
        else:
            result.unchanged += 1
    result.build = manifest_changes(ma, mb)
    pairs = _pair_leftovers(a, b, input_changes(ma["inputs"], mb["inputs"])["renamed"])
    for da, db in pairs:
        change = _compare(da, db, compared, renamed=True)
        if change:
            result.changed.append(change)
        else:
            result.renamed.append((da, db))
    paired_old, paired_new = {p[0]["id"] for p in pairs}, {p[1]["id"] for p in pairs}
    result.added = sorted((d for k, d in b.items() if k not in a and k not in paired_new), key=_sort_key)
    result.removed = sorted((d for k, d in a.items() if k not in b and k not in paired_old), key=_sort_key)
    result.changed.sort(key=lambda c: _sort_key(c.new))
    sa, sb = load_stats(old), load_stats(new)
    result.totals = {t: {"old": sa["totals"].get(t, 0), "new": sb["totals"].get(t, 0),
                         "change": sb["totals"].get(t, 0) - sa["totals"].get(t, 0)} for t in TOTALS}
    result.edits, result.edits_by_stage = _edit_counts(sa, sb, "by_rule"), _edit_counts(sa, sb, "by_stage")
    result.schema = schema_changes(old, new)
    result.problems = {k: _problems(ma.get(k, []), mb.get(k, [])) for k in ("rejected", "dropped", "ignored")}
    result.card = card_changes(old / "README.md", new / "README.md")
    return result


def _texts_and_edits(version: Path, ids: list[str]) -> tuple[dict[str, str], dict[str, list[dict]]]:
    docs = pq.read_table(version / "documents", columns=["id", "text"], filters=[("id", "in", ids)])
    edits: dict[str, list[dict]] = {i: [] for i in ids}
    for row in pq.read_table(version / "edits", filters=[("doc_id", "in", ids)]).to_pylist():
        edits[row["doc_id"]].append(row)
    return dict(zip(docs.column("id").to_pylist(), docs.column("text").to_pylist())), edits


def add_details(diff: VersionDiff, limit: int) -> None:
    """Paragraph-level changes, with the edits that explain them, for the first `limit`
    changed documents (the others are listed without their text)."""
    shown = diff.changed[:limit]
    if not shown:
        return
    old_text, old_edits = _texts_and_edits(diff.old, [c.old["id"] for c in shown])
    new_text, new_edits = _texts_and_edits(diff.new, [c.new["id"] for c in shown])
    for c in shown:
        a, b = old_text[c.old["id"]], new_text[c.new["id"]]
        c.hunks = paragraph_hunks(a, b) if c.text_changed else []
        explain(c.hunks, place_edits(old_edits[c.old["id"]]), place_edits(new_edits[c.new["id"]]))
