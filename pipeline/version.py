"""The pipeline version: the release number plus a hash of the code and rule files.

Any change to a stage or a rule file changes the version, so a build after such a change
publishes a new dataset version even when nobody bumped the release number.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pipeline import __version__

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = PACKAGE_DIR.parent / "schemas"


@cache
def code_hash() -> str:
    digest = hashlib.sha256()
    files = [p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and p.suffix in {".py", ".toml", ".txt", ".json"}]
    files += sorted(SCHEMA_DIR.glob("*.toml"))
    for path in sorted(files):
        rel = path.relative_to(PACKAGE_DIR.parent).as_posix()
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def pipeline_version() -> str:
    return f"{__version__}+{code_hash()}"
