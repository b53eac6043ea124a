"""What a file became after each part of the pipeline, kept on disk by content.

A build runs in passes, one per part of the stage list (a corpus-level stage starts a new
part, because it must see every document first). A pass reads what the previous pass left
for a file here, instead of running the earlier stages again, and leaves its own result:
the file's documents after that part and, when a corpus-level stage comes next, what that
stage observes of them (a few hashes, not text).

Entries are addressed by content: the file's sha256, the settings of every stage up to the
part, the fitted state of the corpus-level stages before it, and the pipeline version. An
unchanged file whose inputs are unchanged is therefore never cleaned twice, so a rebuild
after one file of a thousand changed reprocesses that file (and what depends on the corpus
as a whole). The folder is `<dataset>/.cache/`; after a build publishes, entries the build
did not use are deleted, so the cache holds one corpus, not every corpus ever built.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.document import Document

SUFFIX = ".pkl.zst"


@dataclass
class Entry:
    documents: list[Document]
    observations: list[Any] | None  # per document, for the corpus stage that comes next
    # The last pass keeps what the build publishes (tables.Published: Arrow rows), not the
    # documents: quicker to store and to load than the documents' Python objects.
    published: list[Any] | None = None


def entry_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


class PartCache:
    """Entries under `folder`, one file each, written atomically."""

    def __init__(self, folder: Path, keep_last_pass: bool = True) -> None:
        """`keep_last_pass=False`: a spill for one build, which nobody reads the last pass from."""
        self.folder, self.keep_last_pass = folder, keep_last_pass

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> Entry | None:
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            size = int.from_bytes(data[:8], "little")
            entry = pickle.loads(pa.decompress(data[8:], decompressed_size=size, codec="zstd", asbytes=True))
        except Exception:  # a damaged entry is only a miss
            return None
        return entry if isinstance(entry, Entry) else None

    def put(self, key: str, entry: Entry) -> None:
        """Pickled, compressed with zstd (faster than zlib and smaller: an entry holds the
        documents with their edits and tokens, about ten times the raw file)."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(len(data).to_bytes(8, "little") + pa.compress(data, codec="zstd", asbytes=True))
        os.replace(tmp, path)

    def prune(self, keep: set[str]) -> int:
        """Delete every entry not in `keep` (and leftovers of interrupted writes)."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for sub in self.folder.iterdir():
            if not sub.is_dir():
                continue
            for path in sub.iterdir():
                if path.name.startswith(".tmp-") or path.name.removesuffix(SUFFIX) not in keep:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
