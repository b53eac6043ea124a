"""Checking a published version against its manifest: nothing corrupt goes unnoticed.

`verify_version` checks, and names the file of, every problem it finds:
- `manifest.json` reads as a manifest, is byte for byte what the build wrote, and its
  own checksum (the `checksum` key: sha256 of the manifest written without it) matches;
- every file the manifest lists exists with its sha256, and no other file is there;
- every Parquet file reads, has the schema the version was published with (recorded in
  the manifest; for versions older than that record, the card's `dataset_info`), and the
  row counts add up to the manifest's;
- every document's `text_sha256` is the sha256 of its `text`;
- the card's YAML front matter parses and states the same configs and row counts.

`build` runs the quick part (manifest and checksums: any flipped byte shows there) on
the newest version before it compares fingerprints; `python -m pipeline verify` runs all.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import yaml

from pipeline.publish import CorruptVersion, manifest_checksum, manifest_text, read_manifest, sha256_file

# The card's `dtype` names (Hugging Face features) for the types of schemas/*.toml.
_CARD_TYPES = {"string": "string", "int32": "int32", "int64": "int64", "bool": "bool", "float32": "float32",
               "date32": "date32"}


def _manifest(vdir: Path) -> tuple[dict[str, Any] | None, list[str]]:
    try:
        manifest = read_manifest(vdir)
    except CorruptVersion as exc:
        return None, [str(exc)]
    path = vdir / "manifest.json"
    if "checksum" not in manifest:
        return manifest, []  # written before manifests carried their own checksum
    problems = []
    if manifest_checksum(manifest) != manifest["checksum"]:
        problems.append(f"{path}: content does not match its checksum (edited or corrupt)")
    elif path.read_text(encoding="utf-8") != manifest_text(manifest):
        problems.append(f"{path}: bytes differ from the manifest as written (edited or corrupt)")
    return manifest, problems


def _outputs(vdir: Path, manifest: dict[str, Any]) -> list[str]:
    listed: dict[str, str] = manifest["outputs"]
    problems = []
    for rel, sha in listed.items():
        path = vdir / rel
        if not path.is_file():
            problems.append(f"{path}: missing (listed in manifest.json)")
        elif sha256_file(path) != sha:
            problems.append(f"{path}: sha256 differs from manifest.json (changed or corrupt)")
    present = {p.relative_to(vdir).as_posix() for p in vdir.rglob("*") if p.is_file()}
    problems += [f"{vdir / rel}: not listed in manifest.json" for rel in sorted(present - set(listed) - {"manifest.json"})]
    return problems


def _card_front_matter(vdir: Path) -> dict[str, Any]:
    text = (vdir / "README.md").read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise ValueError("no YAML front matter")
    data = yaml.safe_load(text[4:text.index("\n---\n", 4)])
    if not isinstance(data, dict):
        raise ValueError("front matter is not a mapping")
    return data


def _expected_schemas(manifest: dict[str, Any], card: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    """{table: {column: type}} as published: from the manifest, else from the card."""
    if "schemas" in manifest:
        return {t: {f["name"]: f["type"] for f in fields} for t, fields in manifest["schemas"].items()}
    out: dict[str, dict[str, str]] = {}
    for info in (card or {}).get("dataset_info", []):
        cols = {}
        for f in info.get("features", []):
            inner = f.get("list") or f.get("sequence")
            cols[f["name"]] = f"list<{inner}>" if inner else _CARD_TYPES.get(f.get("dtype"), f.get("dtype"))
        out[info["config_name"]] = cols
    return out


def _arrow_type_name(arrow_type) -> str:
    name = str(arrow_type)
    return {"large_string": "string", "list<item: string>": "list<string>",
            "list<element: string>": "list<string>", "date32[day]": "date32", "float": "float32"}.get(name, name)


def _tables(vdir: Path, manifest: dict[str, Any], schemas: dict[str, dict[str, str]]) -> list[str]:
    problems = []
    for table, expected_rows in manifest["rows"].items():
        rows, expected = 0, schemas.get(table)
        for rel in sorted(r for r in manifest["outputs"] if r.startswith(f"{table}/") and r.endswith(".parquet")):
            path = vdir / rel
            try:
                data = pq.read_table(path)
            except Exception as exc:  # any reader error means the file is unusable
                problems.append(f"{path}: not a readable Parquet file: {exc}")
                continue
            got = {f.name: _arrow_type_name(f.type) for f in data.schema}
            if expected is not None and got != expected:
                problems.append(f"{path}: columns {got} differ from the published schema {expected}")
            rows += data.num_rows
            if table == "documents" and "text" in got and "text_sha256" in got:
                problems += _text_hashes(path, data)
        if rows != expected_rows:
            problems.append(f"{vdir / table}: {rows} rows, manifest.json says {expected_rows}")
    return problems


def _text_hashes(path: Path, data) -> list[str]:
    bad = [doc_id for doc_id, text, sha in zip(data.column("id").to_pylist(), data.column("text").to_pylist(),
                                                data.column("text_sha256").to_pylist())
           if hashlib.sha256(text.encode()).hexdigest() != sha]
    return [f"{path}: document {doc_id}: text does not match its text_sha256" for doc_id in bad[:20]] + (
        [f"{path}: … and {len(bad) - 20} more documents whose text does not match" ] if len(bad) > 20 else [])


def _card(vdir: Path, manifest: dict[str, Any], card: dict[str, Any] | None, error: str | None) -> list[str]:
    path = vdir / "README.md"
    if card is None:
        return [f"{path}: card front matter cannot be read: {error}"]
    problems = []
    configs = {c.get("config_name") for c in card.get("configs", [])}
    missing = set(manifest["rows"]) - configs
    if missing:
        problems.append(f"{path}: no config for table(s) {sorted(missing)}")
    for info in card.get("dataset_info", []):
        stated = sum(s.get("num_examples", 0) for s in info.get("splits", []))
        name = info.get("config_name")
        if name in manifest["rows"] and stated != manifest["rows"][name]:
            problems.append(f"{path}: {name} has {stated} examples, manifest.json says {manifest['rows'][name]}")
    return problems


def verify_version(vdir: Path, deep: bool = True) -> list[str]:
    """Problems with the version in `vdir` (none: it is as published). `deep=False` stops
    after the manifest and the checksums."""
    manifest, problems = _manifest(vdir)
    if manifest is None:
        return problems
    problems += _outputs(vdir, manifest)
    if problems or not deep:
        return problems
    try:
        card, error = _card_front_matter(vdir), None
    except (OSError, ValueError, yaml.YAMLError) as exc:
        card, error = None, str(exc)
    problems += _card(vdir, manifest, card, error)
    return problems + _tables(vdir, manifest, _expected_schemas(manifest, card))
