"""Compiled regular expressions kept on disk between processes, for building the stages.

Building the stages compiles about a thousand patterns (the rules, their loosened forms,
the typo tables' patterns): about 0.5 s of CPU in every process that builds them, a build's
largest fixed cost after imports. Python's `re` keeps compiled patterns for the process only.
`kept_compiled()` keeps, for each pattern source and flags, what `re._compiler.compile` hands
to `_sre.compile` (the SRE code, flags and groups) in a file under the user's cache folder,
so that a later process makes each pattern from its code in one compiled call instead of
parsing and compiling it again.

Why a pattern made this way is the pattern `re.compile` makes: the stored code is what
`re._compiler` made of that same source and flags, by this same Python (the file is named
by the interpreter's version and `_sre.MAGIC`, so another Python never reads it), and it is
handed to `_sre.compile` exactly as `re._compiler.compile` hands it over; `_sre.compile`
validates the code. The file carries a digest of its contents and is written whole or not
at all (renamed into place), so a damaged or half-written file is never read: it is made
anew. A test holds every pattern made from the file to the same pattern compiled by `re`.
"""

from __future__ import annotations

import _sre
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    import re._compiler as _compiler
    import re._constants as _constants
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_constants as _constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

FORMAT = 1  # of the file: bump when what is stored changes
MAX_ENTRIES = 20_000  # past this, a file keeps only the patterns its last writer used
# New patterns that make a process write the file again. A few are new in every process (an
# alternation of a set's words, in the set's order, which changes with the hash seed): they
# are compiled as before, rather than the file rewritten, and grown, by every process.
WRITE_AFTER = 16
Args = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]  # what `_sre.compile` takes after the source


def cache_file() -> Path:
    from pipeline.jieba_dict import cache_folder

    tag = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{FORMAT}".encode()).hexdigest()[:16]
    return cache_folder() / f"regex-{tag}.marshal"


def _read(path: Path) -> dict[tuple[Any, int], Args]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    digest, body = data[:32], data[32:]
    if hashlib.sha256(body).digest() != digest:
        return {}  # damaged: made anew
    try:
        table = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _write(path: Path, table: dict[tuple[Any, int], Args]) -> None:
    body = marshal.dumps(table)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".marshal")
        with os.fdopen(fd, "wb") as fh:
            fh.write(hashlib.sha256(body).digest() + body)
        os.replace(tmp, path)  # whole or not at all, when processes race
    except OSError:
        pass  # a read-only home: nothing kept


def compile_args(source: str | bytes, flags: int) -> Args:
    """What `re._compiler.compile` hands to `_sre.compile` for this source and flags (its
    own steps: parse, generate the code, map the groups both ways)."""
    tree = _parser.parse(source, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # (Opcodes are int subclasses with names: stored as the plain ints `_sre` reads.)
    return int(flags | tree.state.flags), list(map(int, code)), tree.state.groups - 1, groupindex, tuple(indexgroup)


def from_args(source: str | bytes, args: Args) -> Any:
    flags, code, groups, groupindex, indexgroup = args
    return _sre.compile(source, flags, code, groups, groupindex, indexgroup)


@contextmanager
def kept_compiled() -> Iterator[None]:
    """While inside, `re` compiles a pattern source from the file when it is there (and
    records it when not); afterwards the file is written if `WRITE_AFTER` or more were added."""
    path = cache_file()
    table = _read(path)
    used: set[tuple[Any, int]] = set()
    added = 0
    original = _compiler.compile

    def compile(p: Any, flags: int = 0) -> Any:
        nonlocal added
        if not isinstance(p, (str, bytes)) or flags & _constants.SRE_FLAG_DEBUG:
            return original(p, flags)  # a parsed tree (no source to know it by), or debug output
        key = (p, int(flags))
        if (args := table.get(key)) is None:
            args = table[key] = compile_args(p, flags)
            added += 1
        used.add(key)
        return from_args(p, args)

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = original
        if added >= WRITE_AFTER:
            _write(path, table if len(table) <= MAX_ENTRIES else {k: table[k] for k in used})
