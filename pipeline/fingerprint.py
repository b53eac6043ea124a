"""The published output's fingerprint: what `tests/test_output_fingerprint.py` holds speed
work to (issue 13: published bytes unchanged by a change that is meant to be faster only).

The seeds and a small corpus generated from them (`bench_corpus`, fixed seed) are built
with `pipeline.toml`; each published table's rows are hashed in order, every column in
(documents: text, title, metadata, signals; sentences; edits; duplicates). Nothing of a
build's date, pipeline version or output path is in the rows, so the fingerprint is the
same on every machine. Tokens come from rjieba/jieba, whose versions are not pinned: they
are hashed apart, with the versions that made them, and compared only under those versions.

`python -m pipeline.fingerprint --write` (or `make fingerprint`) rewrites
`tests/fixtures/output_fingerprint.json` after an intended accuracy change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "output_fingerprint.json"
TABLES = ("documents", "sentences", "edits", "duplicates")
TOKEN_COLUMN = ("sentences", "tokens")
GENERATED_MB = 1.0  # the generated corpus: every layout and encoding of bench_corpus, ~3 s to build
GENERATED_SEED = 13


def _hash_rows(rows: list[dict[str, Any]]) -> str:
    # One JSON line per row, keys in schema order: floats are float32 values widened to
    # Python floats, whose repr is exact, so the hash is the same on every platform.
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, ensure_ascii=False, default=str).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def fingerprint_version(vdir: Path) -> dict[str, Any]:
    """Row counts and one sha256 per published table (tokens on their own) of `vdir`."""
    import pyarrow.parquet as pq

    out: dict[str, Any] = {"rows": {}, "sha256": {}}
    for table in TABLES:
        files = sorted((vdir / table).glob("*.parquet"))
        rows = [row for f in files for row in pq.read_table(f).to_pylist()]
        if table == TOKEN_COLUMN[0]:
            out["sha256"]["tokens"] = _hash_rows([{"tokens": r.pop(TOKEN_COLUMN[1])} for r in rows])
        out["rows"][table] = len(rows)
        out["sha256"][table] = _hash_rows(rows)
    return out


def tokenizer_versions() -> dict[str, str]:
    """The versions the tokens hash depends on (rjieba's engine, jieba's dictionary)."""
    found = {}
    for dist in ("rjieba", "jieba"):
        try:
            found[dist] = version(dist)
        except PackageNotFoundError:
            found[dist] = "absent"
    return found


def _build(input_dir: Path, out: Path, name: str) -> Path:
    from pipeline.config import load_config
    from pipeline.runner import Build

    report = Build(input_dir, out, name, load_config(ROOT / "pipeline.toml"), progress=False,
                   allow_empty=True, cache=False).run()
    assert report.version_dir is not None
    return report.version_dir


def _with_copies(pages: list[Path]) -> None:
    """Add an exact and a near copy of generated pages (the generator makes none at this
    size), so that the duplicates table and the dedup step's choices are fingerprinted."""
    folder = pages[0].parent
    (folder / "copy_exact.txt").write_bytes(pages[2].read_bytes())
    data = pages[3].read_bytes()
    (folder / "copy_near.txt").write_bytes(data[: len(data) * 9 // 10])


def compute() -> dict[str, Any]:
    """Build the seeds and the generated corpus in a temporary folder; their fingerprints."""
    from pipeline.bench_corpus import write_corpus

    result: dict[str, Any] = {"tokenizers": tokenizer_versions(), "builds": {}}
    with tempfile.TemporaryDirectory(prefix="fingerprint-") as tmp:
        generated = Path(tmp) / "generated"
        _with_copies(write_corpus(ROOT / "seeds", generated, GENERATED_MB, GENERATED_SEED))
        for name, folder in (("seeds", ROOT / "seeds"), ("generated", generated)):
            result["builds"][name] = fingerprint_version(_build(folder, Path(tmp) / "out", name))
    return result


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """What differs, one line per table; tokens only when made by the same tokenizers."""
    same_tokenizers = expected.get("tokenizers") == actual.get("tokenizers")
    found = []
    for name, want in expected["builds"].items():
        got = actual["builds"].get(name, {"rows": {}, "sha256": {}})
        for table, sha in want["sha256"].items():
            if table == "tokens" and not same_tokenizers:
                continue
            if got["sha256"].get(table) != sha:
                table_rows = TOKEN_COLUMN[0] if table == "tokens" else table
                found.append(f"{name}: {table} differs (rows {want['rows'].get(table_rows)} -> "
                             f"{got['rows'].get(table_rows)})")
    if found and not same_tokenizers:
        # fix_typos reads jieba's dictionary and rjieba's cuts too: a new version of either
        # may change edits and text, not only tokens.
        found.append(f"(note: the fingerprint was made with {expected.get('tokenizers')}, this run has "
                     f"{actual.get('tokenizers')}: a difference may come from them)")
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fingerprint of the published output of the seeds and a generated corpus.")
    ap.add_argument("--write", action="store_true", help=f"rewrite {FIXTURE.relative_to(ROOT)}")
    a = ap.parse_args(argv)
    actual = compute()
    if a.write:
        FIXTURE.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {FIXTURE}")
        return 0
    diffs = differences(json.loads(FIXTURE.read_text(encoding="utf-8")), actual)
    print("\n".join(diffs) or "output matches the committed fingerprint")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
