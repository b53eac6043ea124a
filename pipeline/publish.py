"""Versioned, immutable, atomic publication of a build as a Hugging Face dataset folder.

Layout: `<output>/<name>/v<N>/` holds `README.md` (the dataset card), one folder of
Parquet files per table (`documents/`, `sentences/`, `edits/`) and `manifest.json`.
A version is written into a hidden temporary folder beside it and renamed into place
only when complete; an existing version folder is never written to. Versions are
numbered v1, v2, ... in build order; a build whose fingerprint (inputs, effective
config, pipeline version) equals the newest version's publishes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from pipeline.schema import TABLES, TableDef, load_table, validate

VERSION_DIR = re.compile(r"^v(\d+)$")


class PublishError(RuntimeError):
    """The version cannot be published (it exists already, or a table is invalid)."""


class CorruptVersion(PublishError):
    """A published version's manifest cannot be read (or its files do not match it)."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def list_versions(dataset_dir: Path) -> list[Path]:
    """Published versions, oldest first (folders v<N> holding a manifest.json)."""
    if not dataset_dir.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in dataset_dir.iterdir()
             if (m := VERSION_DIR.match(p.name)) and (p / "manifest.json").is_file()]
    return [p for _, p in sorted(found)]


def read_manifest(version_dir: Path) -> dict[str, Any]:
    path = version_dir / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptVersion(f"{path}: cannot be read: {exc}") from exc
    missing = [k for k in MANIFEST_KEYS if not isinstance(manifest, dict) or k not in manifest]
    if missing:
        raise CorruptVersion(f"{path}: not a manifest (missing {', '.join(missing)})")
    return manifest


def manifest_text(manifest: dict[str, Any]) -> str:
    """How a manifest is written: one canonical form, so that verify can compare bytes."""
    return json.dumps(manifest, ensure_ascii=False, indent=1, default=str) + "\n"


def manifest_checksum(manifest: dict[str, Any]) -> str:
    """sha256 of the manifest as written without its own `checksum` key."""
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    return hashlib.sha256(manifest_text(body).encode()).hexdigest()


MANIFEST_KEYS = ("version", "fingerprint", "pipeline_version", "config", "inputs", "rows", "outputs")


@contextmanager
def dataset_lock(dataset_dir: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the dataset's lock (an OS file lock on `<dataset>/.lock`, released by the OS
    on any exit, kill -9 included): builds of one dataset run one after the other.
    `on_wait` is called once if another build holds it."""
    dataset_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(dataset_dir / ".lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def remove_stale_drafts(dataset_dir: Path) -> list[Path]:
    """Drafts and spills left by builds that were killed. Only call while holding the dataset lock:
    then no live build owns a draft."""
    stale = sorted([*dataset_dir.glob(".draft-*"), *dataset_dir.glob(".spill-*")]) if dataset_dir.is_dir() else []
    for draft in stale:
        shutil.rmtree(draft, ignore_errors=True)
    return stale


def _publishable_modes(folder: Path) -> None:
    """mkdtemp makes a private (0700) folder; a published version is readable by all."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


class TableWriter:
    """Streams rows of one table into Parquet shards, validating every batch. `observe`
    sees every chunk written (the build's statistics are gathered that way)."""

    def __init__(self, folder: Path, definition: TableDef, shard_rows: int,
                 observe: Callable[[pa.Table], None] | None = None) -> None:
        self.folder, self.definition, self.shard_rows, self.observe = folder, definition, shard_rows, observe
        self.schema = definition.arrow_schema
        self.rows = 0
        self.nbytes = 0
        self.shard = 0
        self._in_shard = 0
        self._writer: pq.ParquetWriter | None = None
        self.closed = False
        folder.mkdir(parents=True)

    def _open(self) -> pq.ParquetWriter:
        if self._writer is None:
            path = self.folder / f"train-{self.shard:05d}.parquet"
            self._writer = pq.ParquetWriter(path, self.schema, compression="zstd")
        return self._writer

    def write_table(self, table: pa.Table, nbytes: int | None = None) -> None:
        """`nbytes`: the Arrow size to count for `table` (which must then fit in the
        shard), when it is a copy of rows measured as the build made them."""
        validate(table, self.definition)
        if nbytes is not None and table.num_rows > self.shard_rows - self._in_shard:
            raise ValueError("a table counted as one chunk must fit in the shard")
        while table.num_rows:
            room = self.shard_rows - self._in_shard
            chunk, table = table.slice(0, room), table.slice(room)
            self._open().write_table(chunk)
            if self.observe is not None:
                self.observe(chunk)
            self.rows += chunk.num_rows
            self.nbytes += chunk.nbytes if nbytes is None else nbytes
            self._in_shard += chunk.num_rows
            if self._in_shard >= self.shard_rows:
                self._close_shard()

    def _close_shard(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            self.shard += 1
            self._in_shard = 0

    def close(self) -> None:
        if self.closed:
            return
        if self.rows == 0 and self._writer is None:
            self._open()  # an empty table still gets a file with the schema
        self._close_shard()
        self.closed = True


class StagedTable:
    """A table on its way to Parquet: its rows kept in an Arrow IPC file (lz4: a fraction
    of the cost of Parquet's zstd) until the draft is closed, so that a step deciding
    after every document is written (deduplication) filters rows before they are
    encoded once, instead of decoding and encoding every table again. Rows are kept in
    the chunks the Parquet writer makes row groups of (cut at shard boundaries), and
    `chunks` gives them back in that order, each with its Arrow size as written (a chunk
    read back may be laid out otherwise: the manifest counts the rows as the build made
    them)."""

    def __init__(self, path: Path, definition: TableDef, shard_rows: int) -> None:
        self.path, self.definition, self.shard_rows = path, definition, shard_rows
        self.schema = definition.arrow_schema
        self.rows = 0
        self.nbytes: list[int] = []  # per chunk
        # The stream is written message by message (`stage_chunk`), so that a chunk staged
        # by an earlier build (kept in the cache) is written by copying its bytes.
        self._file: BinaryIO | None = None

    def write(self, rows: list[dict[str, Any]]) -> None:
        while rows:
            room = self.shard_rows - self.rows % self.shard_rows
            chunk, rows = rows[:room], rows[room:]
            self.write_table(pa.Table.from_pylist(chunk, schema=self.schema))

    def write_table(self, table: pa.Table) -> None:
        validate(table, self.definition)
        while table.num_rows:
            room = self.shard_rows - self.rows % self.shard_rows
            chunk, table = table.slice(0, room), table.slice(room)
            self._append(stage_chunk(chunk))  # one record batch: one row group

    def write_chunk(self, chunk: StagedChunk, table: pa.Table | None = None) -> None:
        """A chunk encoded by `stage_chunk` (in this build or an earlier one): its message
        is appended as it is when it fits in the shard being filled; otherwise it is cut
        like any table (`table`: the chunk's rows, if at hand, else decoded)."""
        if chunk.rows > self.shard_rows - self.rows % self.shard_rows:
            self.write_table(table if table is not None else chunk.table(self.schema))
        else:
            self._append(chunk)

    def _append(self, chunk: StagedChunk) -> None:
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "wb")  # noqa: SIM115 - closed by `chunks`
            self._file.write(_stream_head(self.schema))
        self._file.write(chunk.message)
        self.rows += chunk.rows
        self.nbytes.append(chunk.nbytes)

    def chunks(self) -> Iterator[tuple[pa.Table, int]]:
        """The chunks written, in order, one at a time, with their sizes."""
        if self._file is None:
            return
        self._file.write(_EOS)
        self._file.close()
        self._file = None
        with pa.OSFile(str(self.path)) as fh:
            for batch, nbytes in zip(pa.ipc.open_stream(fh), self.nbytes, strict=True):
                yield pa.Table.from_batches([batch]), nbytes


_STAGING_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")


@dataclass(frozen=True)
class StagedChunk:
    """A table's rows as one message of a staging stream (`stage_chunk`): what the last
    pass keeps of a batch in the cache, so that a rebuild stages an unchanged batch by
    copying bytes, without decoding it or compressing it again. `nbytes`: the Arrow size
    of the rows as the build made them (the manifest counts those)."""

    message: bytes
    rows: int
    nbytes: int

    def table(self, schema: pa.Schema) -> pa.Table:
        return pa.ipc.open_stream(_stream_head(schema) + self.message + _EOS).read_all()


_EOS = b"\xff\xff\xff\xff\x00\x00\x00\x00"


def _stream_bytes(schema: pa.Schema, batch: pa.RecordBatch | None) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema, options=_STAGING_OPTIONS) as writer:
        if batch is not None:
            writer.write_batch(batch)
    return sink.getvalue().to_pybytes()


def _stream_head(schema: pa.Schema) -> bytes:
    """A staging stream's bytes before its first batch (its schema message)."""
    head = _stream_bytes(schema, None)
    return head[:-len(_EOS)]


def stage_chunk(table: pa.Table) -> StagedChunk:
    """`table` encoded as `StagedTable` writes it: one record batch message, lz4."""
    data, head = _stream_bytes(table.schema, table.combine_chunks().to_batches()[0]), _stream_head(table.schema)
    if not (data.startswith(head) and data.endswith(_EOS)):
        raise ValueError("unexpected staging stream layout")
    return StagedChunk(data[len(head):-len(_EOS)], table.num_rows, table.nbytes)


@dataclass
class VersionDraft:
    """A version being written: tables stream into a temporary folder until `commit`.

    Rows are staged (`StagedTable`) as they come and encoded as Parquet when the tables
    are closed, each through the transform set for it (`transform`). `observe(table,
    chunk)` sees every chunk published."""

    dataset_dir: Path
    shard_rows: int = 200_000
    observe: Callable[[str, pa.Table], None] | None = None
    threads: int = 1  # tables encoded side by side when the tables are closed
    tmp: Path = field(init=False)
    writers: dict[str, TableWriter] = field(init=False)

    def __post_init__(self) -> None:
        self.dataset_dir.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=".draft-", dir=self.dataset_dir))
        self._staging = self.tmp / ".staging"
        self._staged = {t: StagedTable(self._staging / f"{t}.arrow", load_table(t), self.shard_rows) for t in TABLES}
        self._transforms: dict[str, Callable[[pa.Table], pa.Table]] = {}
        self.writers = {}

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._staged[table].write(rows)

    def write_table(self, table: str, rows: pa.Table) -> None:
        if rows.num_rows:
            self._staged[table].write_table(rows)

    def write_chunk(self, table: str, chunk: StagedChunk, rows: pa.Table | None = None) -> None:
        """Stage a chunk encoded by `stage_chunk`; `rows`: its table, when it was just
        made (checked here), not when it comes from the cache (checked when it was made)."""
        if rows is not None:
            validate(rows, self._staged[table].definition)
        if chunk.rows:
            self._staged[table].write_chunk(chunk, rows)

    def transform(self, table: str, transform: Callable[[pa.Table], pa.Table]) -> None:
        """Publish `table` through `transform`, one staged chunk (a batch of the build) at
        a time, so memory stays bounded by a batch: how a step that decides only after
        every document is written (deduplication) filters or completes rows."""
        self._transforms[table] = transform

    def _publish(self, table: str) -> TableWriter:
        observe = partial(self.observe, table) if self.observe is not None else None
        writer = TableWriter(self.tmp / table, load_table(table), self.shard_rows, observe)
        transform = self._transforms.get(table)
        for chunk, nbytes in self._staged[table].chunks():
            if transform is None:
                writer.write_table(chunk, nbytes)
            else:
                writer.write_table(transform(chunk))
        writer.close()
        return writer

    def row_counts(self) -> dict[str, int]:
        """Rows of each table (once the tables are closed)."""
        return {t: w.rows for t, w in self.writers.items()}

    def byte_counts(self) -> dict[str, int]:
        """In-memory Arrow size of each table (the card's num_bytes)."""
        return {t: w.nbytes for t, w in self.writers.items()}

    def close_tables(self) -> None:
        """Encode the staged tables as Parquet (so that they can be read, e.g. for
        stats.json) before `commit`; the row and byte counts are known from then on."""
        if self.writers:
            return
        # One table after the other: side by side (Arrow encodes without the GIL) they
        # took less wall time but each thread's allocations raised the build's peak memory.
        # A build given several cores (`threads`) takes the wall time: its workers are idle
        # by now, and this is most of what is left after the last pass.
        if self.threads > 1:
            with ThreadPoolExecutor(min(self.threads, len(TABLES))) as pool:
                self.writers = dict(zip(TABLES, pool.map(self._publish, TABLES)))
        else:
            self.writers = {t: self._publish(t) for t in TABLES}
        shutil.rmtree(self._staging, ignore_errors=True)

    def commit(self, manifest: dict[str, Any], card: str) -> Path:
        self.close_tables()
        (self.tmp / "README.md").write_text(card, encoding="utf-8")
        manifest["outputs"] = {p.relative_to(self.tmp).as_posix(): sha256_file(p)
                               for p in sorted(self.tmp.rglob("*")) if p.is_file()}
        manifest["checksum"] = manifest_checksum(manifest)
        (self.tmp / "manifest.json").write_text(manifest_text(manifest), encoding="utf-8")
        _publishable_modes(self.tmp)
        target = self.dataset_dir / manifest["version"]
        if target.exists():
            raise PublishError(f"{target} exists already: published versions are never overwritten")
        os.rename(self.tmp, target)
        return target

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def dataset_name_problem(name: str) -> str | None:
    """Why `name` cannot name a dataset folder under the output folder, or None. A name
    is one plain folder name: nothing that could lead out of the output folder."""
    if not name or name.strip() != name:
        return "is empty or starts or ends with a space"
    if name in (".", "..") or name.startswith("."):
        return "starts with '.' (hidden names and '..' are not dataset names)"
    if any(c in name for c in "/\\\0") or Path(name).is_absolute() or Path(name).name != name:
        return "holds a path separator: a dataset name is one plain folder name"
    return None


def next_version_name(dataset_dir: Path) -> str:
    """One past the highest v<N> folder, complete or not, so that nothing is overwritten."""
    taken = [int(m.group(1)) for p in dataset_dir.iterdir() if (m := VERSION_DIR.match(p.name))] \
        if dataset_dir.is_dir() else []
    return f"v{max(taken, default=0) + 1}"
