"""The pipeline version: the release number plus a hash of the code and rule files.

Any change to a stage or a rule file changes the version, so a build after such a change
publishes a new dataset version even when nobody bumped the release number.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pipeline import __version__
from pipeline.schema import SCHEMA_DIR

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def code_hash() -> str:
    """The same in a checkout and in an installed wheel: files are named as in the
    checkout (`pipeline/...`, `schemas/...`) wherever the schemas were found."""
    named: dict[str, Path] = {}
    for path in PACKAGE_DIR.rglob("*"):
        rel = path.relative_to(PACKAGE_DIR)
        if path.is_file() and "__pycache__" not in rel.parts and rel.parts[0] != "schemas" \
                and path.suffix in {".py", ".toml", ".txt", ".json", ".tsv"}:
            named[f"pipeline/{rel.as_posix()}"] = path
    named.update({f"schemas/{p.name}": p for p in SCHEMA_DIR.glob("*.toml")})
    digest = hashlib.sha256()
    for rel, path in sorted(named.items()):
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def pipeline_version() -> str:
    return f"{__version__}+{code_hash()}"
