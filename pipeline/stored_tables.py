"""Tables fix_typos derives from its rule files and jieba's dictionary, kept on disk.

Building them costs every process that builds the stages about 0.4 s of CPU (reading the
confusion and phrase tables, 140k rows, and walking jieba's 350k words for look-alike
readings): more than cleaning a megabyte of text. Read back they cost about 0.05 s.

A table is stored under a name made of everything it is a function of: the pipeline
version (its code and the packaged rule files), the bytes of every file it reads (a
user's rule file lives outside the package) and the versions of the libraries it asks
(jieba's dictionary, OpenCC). A changed input names another file, so a stale table is
never read; when one is written, the same table's files unused for a day are removed (not
sooner: two checkouts of different versions may share the folder). Stored as
JSON, not pickle: a file in the user's cache folder is data, never code. Where the cache
folder cannot be written (a read-only home), the table is built every time, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from pipeline.jieba_dict import cache_folder

FORMAT = 1  # of the stored files: bump when what is stored changes
T = TypeVar("T")


def library_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"


def table_key(name: str, inputs: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """What the table `name` is a function of, as a hash (see the module's docstring)."""
    from pipeline.version import pipeline_version  # late: the version hashes this package

    digest = hashlib.sha256(f"{FORMAT}\0{name}\0{pipeline_version()}\0".encode())
    for path in inputs:
        stat = path.stat()
        digest.update(str(path).encode() + b"\0" + _file_digest(str(path), stat.st_mtime_ns, stat.st_size))
    for item in extra:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()[:24]


@cache
def _file_digest(path: str, mtime_ns: int, size: int) -> bytes:
    """A file's sha256, once per process while it is unchanged (jieba's dictionary, 5 MB,
    is an input of three tables)."""
    return hashlib.sha256(Path(path).read_bytes()).digest()


def stored(name: str, inputs: Iterable[Path], build: Callable[[], T], encode: Callable[[T], Any],
           decode: Callable[[Any], T], extra: Iterable[str] = (), folder: Path | None = None) -> T:
    """The table `name`: read from the cache folder when stored under its key, else built,
    stored (`encode` gives what JSON writes, `decode` takes it back) and returned."""
    folder = cache_folder() if folder is None else folder
    path = folder / f"table-{name}-{table_key(name, inputs, extra)}.json"
    try:
        return decode(json.loads(path.read_bytes()))
    except (OSError, ValueError, TypeError, KeyError):
        pass  # not stored yet (or damaged): built now
    value = build()
    _write(folder, path, json.dumps(encode(value), ensure_ascii=False).encode("utf-8"))
    return value


STALE_SECONDS = 24 * 3600  # a table's file unread this long, under another key, is removed


def _write(folder: Path, path: Path, data: bytes) -> None:
    """Whole or not at all (builds may race); the table's stale files removed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".json")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        prefix = path.name.rsplit("-", 1)[0] + "-"
        for old in folder.glob(f"{prefix}*.json"):
            if old != path and old.name.rsplit("-", 1)[0] + "-" == prefix \
                    and time.time() - max(old.stat().st_atime, old.stat().st_mtime) > STALE_SECONDS:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder: the table is kept in memory only
