"""The dataset card (README.md of a version): Hub metadata built with `huggingface_hub`'s
`DatasetCardData`, and the prose a dataset user expects before training on the data.

`configs` and `dataset_info` features are generated from schemas/, like the Parquet
schema itself, so the card cannot drift from the data. Long lists (sources, rejected
files) are capped here; manifest.json holds them whole.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from huggingface_hub import DatasetCard, DatasetCardData

from pipeline.changes import change_lines
from pipeline.schema import TABLES, load_table

LIST_CAP = 20
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"))
LOAD_EXAMPLE = """```python
from datasets import load_dataset

docs = load_dataset("{path}")["train"]                    # documents (default)
sentences = load_dataset("{path}", "sentences")["train"]
edits = load_dataset("{path}", "edits")["train"]          # the audit trail
duplicates = load_dataset("{path}", "duplicates")["train"]  # copies left out, with their kept copy (when any)
```"""


def size_category(n: int) -> str:
    return next((label for limit, label in SIZE_CATEGORIES if n < limit), "n>1B")


def card_data(manifest: dict[str, Any], stats: dict[str, Any] | None = None) -> DatasetCardData:
    parquet = (stats or {}).get("files", {}).get("parquet_bytes", {})
    configs, infos = [], []
    for table in TABLES:
        entry: dict[str, Any] = {"config_name": table,
                                 "data_files": [{"split": "train", "path": f"{table}/*.parquet"}]}
        if table == "documents":
            entry["default"] = True
        configs.append(entry)
        info: dict[str, Any] = {"config_name": table, "features": load_table(table).card_features(),
                                "splits": [{"name": "train", "num_bytes": manifest["bytes"][table],
                                            "num_examples": manifest["rows"][table]}]}
        if table in parquet:
            info.update(download_size=parquet[table], dataset_size=manifest["bytes"][table])
        infos.append(info)
    return DatasetCardData(
        pretty_name=f"{manifest['name']} (cleaned Chinese document-site text)",
        language=["zh"], license="other", license_name="unknown", license_link="README.md",
        annotations_creators=["no-annotation"], language_creators=["found"], multilinguality=["monolingual"],
        size_categories=[size_category(manifest["rows"]["documents"])], source_datasets=["original"],
        task_categories=["text-generation"], task_ids=["language-modeling"],
        tags=["chinese", "web-cleaning", "auditable"], configs=configs, dataset_info=infos)


def _capped(lines: list[str], what: str) -> str:
    shown = lines[:LIST_CAP]
    if len(lines) > LIST_CAP:
        shown.append(f"- … and {len(lines) - LIST_CAP:,} more {what} (`manifest.json` lists them all)")
    return "\n".join(shown)


def _headline(manifest: dict[str, Any], stats: dict[str, Any] | None) -> str:
    if not stats:
        rows = manifest["rows"]
        return f"{rows['documents']:,} documents, {rows['sentences']:,} sentences, {rows['edits']:,} edits."
    t, n = stats["totals"], stats["lengths"]["document_chars"]
    median = f", median {n['quantiles']['p50']:,.0f} characters per document" if n.get("count") else ""
    return (f"{t['documents']:,} documents, {t['characters']:,} characters{median}, {t['sentences']:,} sentences, "
            f"{t['tokens']:,} jieba tokens; {t['edits_applied']:,} edits applied and {t['edits_suggested']:,} "
            f"suggested. Distributions, edits per rule and drops by reason are in [`stats.json`](stats.json) "
            f"(`python -m pipeline stats <this folder> --html` draws them).")


def _edit_table(stats: dict[str, Any] | None) -> str:
    if not stats:
        return ""
    rows = [f"| `{stage}` | {e['applied']:,} | {e['suggested']:,} | {e['chars_removed']:,} |"
            for stage, e in stats["edits"]["by_stage"].items()]
    return "| stage | edits applied | suggested | characters removed |\n|---|---|---|---|\n" + "\n".join(rows)


def duplicates_line(manifest: dict[str, Any]) -> str:
    """How many copies the dedup step found, by kind (the `duplicates` config lists them)."""
    counts = manifest.get("duplicates") or {}
    if not counts:
        return "No duplicate detection in this pipeline."
    total = sum(counts.values())
    if total == 0:
        return "No duplicate documents found (exact, near or contained)."
    kinds = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    kept = "kept in `documents`, flagged" if _keeps_duplicates(manifest) else "left out of `documents`"
    return f"{total:,} duplicate document(s) ({kinds}), {kept}; listed in the `duplicates` config with their kept copy."


def _keeps_duplicates(manifest: dict[str, Any]) -> bool:
    return any(s["name"] == "deduplicate" and s["settings"].get("keep_duplicates") for s in manifest["config"]["stages"])


def _problems(manifest: dict[str, Any]) -> str:
    problems = [f"- rejected `{r['source']}`: {r['reason']}" for r in manifest["rejected"]]
    problems += [f"- ignored `{r['source']}`: {r['reason']}" for r in manifest.get("ignored", [])]
    problems += [f"- dropped `{d['source']}` #{d['doc_index']}: {d['reason']}" for d in manifest["dropped"]]
    return _capped(problems, "entries") if problems else "No file rejected or ignored, no document dropped."


def _built(manifest: dict[str, Any]) -> str:
    stages = "\n".join(f"{i + 1}. `{s['name']}` — settings: `{json.dumps(s['settings'], ensure_ascii=False)}`"
                       for i, s in enumerate(manifest["config"]["stages"]))
    sources = [f"- `{k}` (sha256 `{v[:16]}…`)" for k, v in manifest["inputs"].items()]
    return f"""Built by the `pipeline` package (distribution `zh-docsite-dataset`), version
`{manifest['pipeline_version']}`, on {manifest.get('built_at', 'an unknown date')}, from
{len(manifest['inputs']):,} raw file(s):

{_capped(sources, "files")}

Stages, in order:

{stages}"""


BODY = """
# {name} — version {version}

Chinese text scraped from document-sharing sites, cleaned by the `pipeline` package:
site chrome and ads removed, pagination noise repaired, characters normalised, files
split into documents, sentences and jieba words. Every change to every document is
listed in the `edits` table, with the stage and rule that made it.

{headline}

## Licence

The licence of the scraped documents is unknown: they were uploaded to document-sharing
sites by their users, and neither the sites nor the uploaders state terms for reuse. The
card says `license: other` for that reason. Check the rights that apply to you before you
redistribute the text or train a model you will publish on it; this card grants none.

## Uses

- Pre-training or continued pre-training of Chinese language models on formal prose
  (reports, speeches, plans, notices), after your own review of the licence question.
- Research on cleaning web text: the `edits` table says what was removed and why, so a
  cleaning rule can be audited, reverted or compared with another tool's.

## Out-of-scope uses

- Anything that needs a licence granted by the authors (commercial redistribution of the
  text as it is).
- Profiling the uploaders or the people named in the documents.
- Treating the text as a balanced sample of written Chinese: it is not (see below).

## Personal information

The `documents` table keeps, as metadata, the uploader's handle as the site shows it
(`uploader`, often partly masked), the page's URL (`source_url`) and the site's document
id (`site_doc_id`). The body text is public documents as uploaded and can name people
(officials, authors, contacts). To drop the metadata columns:

```python
docs = load_dataset("<this folder>")["train"].remove_columns(["uploader", "source_url", "site_doc_id"])
```

## Bias and limitations

- One genre: documents uploaded to Chinese document-sharing sites are mostly official,
  administrative and educational writing (work reports, speeches, plans, essays) in
  simplified Chinese; everyday, literary and spoken registers are nearly absent.
- Previews: a page that stops at the site's free preview is kept, flagged `truncated`,
  unless a complete copy of the same document is in the build (then the preview is a
  `contained` duplicate).
- Duplicates: one copy of each group of exact, near and contained copies is kept (the
  most complete); the `duplicates` config lists the others. Near duplicates are judged
  by estimated Jaccard of character shingles, so two distinct texts that share most of
  their wording (templates) can be grouped.
- Typo fixes are applied only on evidence above a confidence threshold; the others are
  listed as suggestions (`applied = false`) and left in the text.
- Word segmentation is jieba's precise mode, with its usual errors on names and new terms.

## How this version was built

{built}

## Counts

{edit_table}

{duplicates}

{problems}

## How to load

{load}

## What changed since the previous version

{changes}

## Schema

{tables}
"""


def render_card(manifest: dict[str, Any], previous: dict[str, Any] | None,
                stats: dict[str, Any] | None = None) -> str:
    tables = "\n\n".join(f"### `{t}`\n\n{load_table(t).description}\n\n{load_table(t).field_table_markdown()}"
                         for t in TABLES)
    body = BODY.format(
        name=manifest["name"], version=manifest["version"], headline=_headline(manifest, stats),
        built=_built(manifest), edit_table=_edit_table(stats), duplicates=duplicates_line(manifest),
        problems=_problems(manifest),
        load=LOAD_EXAMPLE.format(path="<this folder>"), tables=tables,
        changes="\n".join("- " + line for line in change_lines(previous, manifest)))
    return str(DatasetCard(f"---\n{card_data(manifest, stats).to_yaml()}\n---\n{body}"))


def card_changes(old: Path, new: Path) -> dict[str, list[str]]:
    """Which metadata keys and which prose sections (by heading) of two cards differ."""
    def parts(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
        if not path.is_file():
            return {}, {}
        card = DatasetCard.load(path)
        sections: dict[str, str] = {}
        heading = "(title)"
        for line in card.text.splitlines():
            if line.startswith("## "):
                heading = line[3:].strip()
            sections[heading] = sections.get(heading, "") + line + "\n"
        return card.data.to_dict(), sections

    (meta_a, text_a), (meta_b, text_b) = parts(old), parts(new)
    return {"metadata": sorted(k for k in set(meta_a) | set(meta_b) if meta_a.get(k) != meta_b.get(k)),
            "sections": [h for h in dict.fromkeys([*text_a, *text_b]) if text_a.get(h) != text_b.get(h)]}
