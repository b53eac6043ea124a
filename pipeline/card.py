"""The dataset card (README.md of a version): YAML front matter for the Hub and prose for people.

`configs` and `dataset_info` features are generated from schemas/, like the Parquet
schema itself, so the card cannot drift from the data.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from pipeline.schema import TABLES, load_table

LOAD_EXAMPLE = """```python
from datasets import load_dataset

docs = load_dataset("{path}")["train"]                    # documents (default)
sentences = load_dataset("{path}", "sentences")["train"]
edits = load_dataset("{path}", "edits")["train"]          # the audit trail
```"""


def front_matter(manifest: dict[str, Any]) -> dict[str, Any]:
    configs, infos = [], []
    for table in TABLES:
        entry: dict[str, Any] = {"config_name": table,
                                 "data_files": [{"split": "train", "path": f"{table}/*.parquet"}]}
        if table == "documents":
            entry["default"] = True
        configs.append(entry)
        infos.append({"config_name": table,
                      "features": load_table(table).features._to_yaml_list(),
                      "splits": [{"name": "train", "num_bytes": manifest["bytes"][table],
                                  "num_examples": manifest["rows"][table]}]})
    return {"pretty_name": f"{manifest['name']} (cleaned Chinese document-site text)",
            "language": ["zh"], "task_categories": ["text-generation"],
            "tags": ["chinese", "web-cleaning", "auditable"],
            "configs": configs, "dataset_info": infos}


def changes_since(manifest: dict[str, Any], previous: dict[str, Any] | None) -> list[str]:
    if previous is None:
        return ["First version."]
    lines = []
    if previous["pipeline_version"] != manifest["pipeline_version"]:
        lines.append(f"Pipeline {previous['pipeline_version']} → {manifest['pipeline_version']}.")
    if previous["config"] != manifest["config"]:
        old = {s["name"]: s["settings"] for s in previous["config"]["stages"]}
        new = {s["name"]: s["settings"] for s in manifest["config"]["stages"]}
        for name in sorted(set(old) | set(new)):
            if old.get(name) != new.get(name):
                lines.append(f"Stage `{name}`: {json.dumps(old.get(name), ensure_ascii=False)} → "
                             f"{json.dumps(new.get(name), ensure_ascii=False)}.")
    old_in, new_in = previous["inputs"], manifest["inputs"]
    for label, names in (("added", sorted(set(new_in) - set(old_in))),
                         ("removed", sorted(set(old_in) - set(new_in))),
                         ("changed", sorted(k for k in set(old_in) & set(new_in) if old_in[k] != new_in[k]))):
        if names:
            lines.append(f"Inputs {label}: {', '.join(names)}.")
    for table in TABLES:
        a, b = previous["rows"].get(table, 0), manifest["rows"][table]
        if a != b:
            lines.append(f"`{table}` rows: {a} → {b}.")
    return lines or ["Nothing but the build itself (same inputs, config and pipeline)."]


def render_card(manifest: dict[str, Any], previous: dict[str, Any] | None) -> str:
    yaml_text = yaml.safe_dump(front_matter(manifest), allow_unicode=True, sort_keys=False)
    rows = manifest["rows"]
    stages = "\n".join(f"{i + 1}. `{s['name']}` — settings: `{json.dumps(s['settings'], ensure_ascii=False)}`"
                       for i, s in enumerate(manifest["config"]["stages"]))
    removed = "\n".join(f"| `{k}` | {v:,} |" for k, v in manifest["chars_removed_by_stage"].items())
    sources = "\n".join(f"- `{k}` (sha256 `{v[:16]}…`)" for k, v in manifest["inputs"].items())
    problems = [f"- rejected `{r['source']}`: {r['reason']}" for r in manifest["rejected"]]
    problems += [f"- ignored `{r['source']}`: {r['reason']}" for r in manifest.get("ignored", [])]
    problems += [f"- dropped `{d['source']}` #{d['doc_index']}: {d['reason']}" for d in manifest["dropped"]]
    tables = "\n\n".join(f"### `{t}`\n\n{load_table(t).description}\n\n{load_table(t).field_table_markdown()}"
                         for t in TABLES)
    return f"""---
{yaml_text}---

# {manifest['name']} — version {manifest['version']}

Chinese text scraped from document-sharing sites, cleaned by the `pipeline` package
(version `{manifest['pipeline_version']}`): site chrome and ads removed, pagination noise
repaired, characters normalised, files split into documents, sentences and jieba words.
Every change to every document is listed in the `edits` table.

## Sources

{len(manifest['inputs'])} raw file(s):

{sources}

## Stages

{stages}

## Counts

{rows['documents']} documents, {rows['sentences']} sentences, {rows['edits']} edits.

| stage | characters removed |
|---|---|
{removed}

{chr(10).join(problems) if problems else 'No file rejected or ignored, no document dropped.'}

## How to load

{LOAD_EXAMPLE.format(path="<this folder>")}

## What changed since the previous version

{chr(10).join('- ' + line for line in changes_since(manifest, previous))}

## Schema

{tables}
"""
