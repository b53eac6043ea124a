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

Entries are stored in packs, not one file each: creating a file costs about a millisecond
of CPU here (more than pickling and compressing the entry), and a build writes one entry
per file and pass. A pack holds many entries and, at its end, their index; it is written
whole by the build's own process and renamed into place, so a reader sees all of a pack or
none of it, and an interrupted build loses at most the entries not yet packed. Workers
encode their entries (`encode`); the build adds them (`add`) and packs them (`flush`).
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

PACK_SUFFIX = ".pack"
_TRAILER = b"zdpack1\n"  # after the index and its 8-byte length: the last bytes of a pack
PACK_ENTRIES, PACK_BYTES = 64, 32 << 20  # a pack is written when either is reached
_CODEC = "lz4"  # of the entries (`Encoded`); the pipeline's version, in every key, names it


@dataclass
class Entry:
    documents: list[Document]
    observations: list[Any] | None  # per document, for the corpus stage that comes next
    # The last pass keeps what the build publishes (tables.Published: Arrow rows), not the
    # documents: quicker to store and to load than the documents' Python objects.
    published: list[Any] | None = None


@dataclass(frozen=True)
class Encoded:
    """An entry as stored: pickled and compressed with lz4 (an entry holds the documents
    with their edits, about ten times the raw file). lz4 rather than zstd: on the 10 MB
    bench's entries (104 MB pickled) 0.45 -> 0.19 s to compress and 0.08 -> 0.02 s to read
    the documents back, for 32 -> 42 MB on disk, which a build writes once."""

    key: str
    blob: bytes
    size: int  # of the pickle, for decompression; 0: the blob is the pickle itself

    @classmethod
    def of(cls, key: str, entry: Any, compress: bool = True) -> Encoded:
        """`compress=False` for an entry whose bulk is compressed already (the last pass's
        staged batches, lz4): compressing again would only cost time both ways."""
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        if not compress:
            return cls(key, data, 0)
        return cls(key, pa.compress(data, codec=_CODEC, asbytes=True), len(data))

    def decoded(self) -> Any:
        data = self.blob if self.size == 0 else pa.decompress(self.blob, decompressed_size=self.size,
                                                                codec=_CODEC, asbytes=True)
        return pickle.loads(data)


def entry_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def read_pack_index(path: Path) -> dict[str, tuple[int, int, int]]:
    """key -> (offset, length, size) of each entry of a pack; {} for a damaged pack."""
    try:
        with open(path, "rb") as fh:
            fh.seek(-len(_TRAILER) - 8, os.SEEK_END)
            tail = fh.read()
            if not tail.endswith(_TRAILER):
                return {}
            length = int.from_bytes(tail[:8], "little")
            fh.seek(-len(_TRAILER) - 8 - length, os.SEEK_END)
            index = pickle.loads(fh.read(length))
        return index if isinstance(index, dict) else {}
    except Exception:  # a damaged pack only holds misses
        return {}


class PartCache:
    """Entries in packs under `folder`. Any process reads (`get`); one writes (`add`)."""

    def __init__(self, folder: Path, keep_last_pass: bool = True) -> None:
        """`keep_last_pass=False`: a spill for one build, which nobody reads the last pass from."""
        self.folder, self.keep_last_pass = folder, keep_last_pass
        self._reset()

    def _reset(self) -> None:
        self._where: dict[str, tuple[str, int, int, int]] = {}  # key -> (pack, offset, length, size)
        self._packs: dict[str, list[str]] = {}  # pack -> its keys
        self._folder_stamp: int | None = None
        self._pending: list[Encoded] = []
        # Packs kept open for reading: a rebuild reads an entry of every file in each pass,
        # and opening the pack again for each cost as much as reading a small entry.
        self._files: dict[str, int] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Sent to a worker as the folder: the worker reads the packs' indexes itself."""
        return {"folder": self.folder, "keep_last_pass": self.keep_last_pass}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.folder, self.keep_last_pass = state["folder"], state["keep_last_pass"]
        self._reset()

    def _scan(self) -> None:
        """Read the index of every pack not read yet (packs never change once written)."""
        try:
            stamp = self.folder.stat().st_mtime_ns
        except OSError:
            return
        if stamp == self._folder_stamp:
            return
        self._folder_stamp = stamp
        for path in sorted(self.folder.glob(f"*{PACK_SUFFIX}")):
            if path.name not in self._packs:
                self._index(path.name, read_pack_index(path))

    def _index(self, pack: str, index: dict[str, tuple[int, int, int]]) -> None:
        self._packs[pack] = list(index)
        for key, (offset, length, size) in index.items():
            self._where[key] = (pack, offset, length, size)

    def has(self, key: str) -> bool:
        """Whether the cache holds an entry under `key` (which may still turn out damaged)."""
        if key not in self._where:
            self._scan()
        return key in self._where

    def get(self, key: str, rescan: bool = False, kind: type = Entry) -> Any:
        """The entry (an instance of `kind`), or None. The packs are looked for again when
        the folder changed, or always with `rescan` (an entry that must be there: a
        folder's time may not tick)."""
        if key not in self._where:
            if rescan:
                self._folder_stamp = None
            self._scan()
        if key not in self._where:
            return None
        pack, offset, length, size = self._where[key]
        try:
            entry = Encoded(key, self._read(pack, offset, length), size).decoded()
        except Exception:  # a damaged entry is only a miss
            return None
        return entry if isinstance(entry, kind) else None

    def _read(self, pack: str, offset: int, length: int) -> bytes:
        fd = self._files.get(pack)
        if fd is None:
            fd = self._files[pack] = os.open(self.folder / pack, os.O_RDONLY)
        data = os.pread(fd, length, offset)
        if len(data) != length:
            raise OSError(f"{pack}: entry cut short")
        return data

    def close_files(self) -> None:
        """Close the packs kept open for reading."""
        for fd in self._files.values():
            os.close(fd)
        self._files = {}

    def put(self, key: str, entry: Entry) -> None:
        """Encode and add an entry (in the process that writes the cache)."""
        self.add(Encoded.of(key, entry))

    def add(self, encoded: Encoded) -> None:
        """Keep an encoded entry for the next pack; write the pack when it is full."""
        self._pending.append(encoded)
        if len(self._pending) >= PACK_ENTRIES or sum(len(e.blob) for e in self._pending) >= PACK_BYTES:
            self.flush()

    def flush(self) -> None:
        """Write the entries added since the last pack as one pack (before the next pass
        reads them, and before the build ends)."""
        if not self._pending:
            return
        self._write_pack(self._pending)
        self._pending = []

    def _write_pack(self, entries: list[Encoded]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        index: dict[str, tuple[int, int, int]] = {}
        with os.fdopen(fd, "wb") as fh:
            for e in entries:
                index[e.key] = (fh.tell(), len(e.blob), e.size)
                fh.write(e.blob)
            data = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
            fh.write(data + len(data).to_bytes(8, "little") + _TRAILER)
        name = f"{entry_key(*index)[:32]}{PACK_SUFFIX}"
        os.replace(tmp, self.folder / name)
        self._index(name, index)

    def prune(self, keep: set[str]) -> int:
        """Delete every entry not in `keep`: a pack none of whose entries is kept goes, one
        with some kept is packed anew with those (a copy of bytes, nothing is decoded);
        leftovers of interrupted writes and of the one-file-per-entry layout go too.
        Returns the number of entries deleted."""
        self.flush()
        self.close_files()
        self._scan()
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            if path.is_dir():  # the one-file-per-entry layout of earlier versions
                shutil.rmtree(path, ignore_errors=True)
            elif path.name.startswith(".tmp-") or (path.suffix == PACK_SUFFIX and not self._packs.get(path.name)):
                path.unlink(missing_ok=True)
        for pack, keys in list(self._packs.items()):
            live = [k for k in keys if k in keep and self._where.get(k, ("",))[0] == pack]
            if len(live) == len(keys):
                continue
            if live:
                self._write_pack([self._encoded(k) for k in live])
            removed += len(keys) - len(live)
            (self.folder / pack).unlink(missing_ok=True)
            del self._packs[pack]
            self._where = {k: w for k, w in self._where.items() if w[0] != pack}
        return removed

    def _encoded(self, key: str) -> Encoded:
        pack, offset, length, size = self._where[key]
        with open(self.folder / pack, "rb") as fh:
            fh.seek(offset)
            return Encoded(key, fh.read(length), size)

    def clear(self) -> None:
        self.close_files()
        shutil.rmtree(self.folder, ignore_errors=True)
        self._reset()
