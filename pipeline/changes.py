"""How two builds differ before any document is read: pipeline, configuration and inputs.

Both the card's "what changed" and `diff` use this comparison of two manifests, so the
two always say the same thing.
"""

from __future__ import annotations

import json
from typing import Any


def _settings(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["name"]: s["settings"] for s in manifest["config"]["stages"]}


def config_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per setting whose value differs: {stage, setting, old, new}; a stage
    added to or removed from the pipeline shows as its whole settings (setting null)."""
    out: list[dict[str, Any]] = []
    a, b = _settings(old), _settings(new)
    for stage in sorted(set(a) | set(b)):
        if stage not in a or stage not in b:
            out.append({"stage": stage, "setting": None, "old": a.get(stage), "new": b.get(stage)})
            continue
        for key in sorted(set(a[stage]) | set(b[stage])):
            if a[stage].get(key) != b[stage].get(key):
                out.append({"stage": stage, "setting": key, "old": a[stage].get(key), "new": b[stage].get(key)})
    return out


def input_changes(old: dict[str, str], new: dict[str, str]) -> dict[str, list]:
    """Input files (source → sha256) added, removed, changed, and renamed (same bytes, new name)."""
    gone = {sha: src for src, sha in old.items() if src not in new}
    renamed = [{"old": gone[sha], "new": src} for src, sha in sorted(new.items())
               if src not in old and sha in gone]
    moved_old = {r["old"] for r in renamed}
    moved_new = {r["new"] for r in renamed}
    return {"added": sorted(s for s in new if s not in old and s not in moved_new),
            "removed": sorted(s for s in old if s not in new and s not in moved_old),
            "changed": sorted(s for s in set(old) & set(new) if old[s] != new[s]),
            "renamed": renamed}


def manifest_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {
        "pipeline_version": {"old": old["pipeline_version"], "new": new["pipeline_version"],
                             "changed": old["pipeline_version"] != new["pipeline_version"]},
        "stages": {"old": [s["name"] for s in old["config"]["stages"]],
                   "new": [s["name"] for s in new["config"]["stages"]]},
        "batch_size": {"old": old["config"].get("batch_size"), "new": new["config"].get("batch_size")},
        "config": config_changes(old, new),
        "inputs": input_changes(old["inputs"], new["inputs"]),
    }


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def change_lines(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """The comparison as sentences, for the card and the text report."""
    if old is None:
        return ["First version."]
    c = manifest_changes(old, new)
    lines = []
    if c["pipeline_version"]["changed"]:
        lines.append(f"Pipeline {c['pipeline_version']['old']} → {c['pipeline_version']['new']}.")
    if c["stages"]["old"] != c["stages"]["new"]:
        lines.append(f"Stages {' → '.join(c['stages']['old'])} became {' → '.join(c['stages']['new'])}.")
    for ch in c["config"]:
        where = f"`{ch['stage']}`" + (f" `{ch['setting']}`" if ch["setting"] else "")
        lines.append(f"Stage {where}: {_js(ch['old'])} → {_js(ch['new'])}.")
    for label in ("added", "removed", "changed"):
        if c["inputs"][label]:
            lines.append(f"Inputs {label}: {', '.join(c['inputs'][label])}.")
    lines += [f"Input renamed: {r['old']} → {r['new']}." for r in c["inputs"]["renamed"]]
    for table in new["rows"]:
        a, b = old["rows"].get(table, 0), new["rows"][table]
        if a != b:
            lines.append(f"`{table}` rows: {a} → {b}.")
    return lines or ["Nothing but the build itself (same inputs, config and pipeline)."]
