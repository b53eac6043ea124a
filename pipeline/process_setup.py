"""What a build sets up in its process: the memory allocator, no pandas, fewer collections.

`use_system_allocator` and `keep_pandas_out` are for the command line and the benchmark,
which own their process; `fewer_collections` is for the length of a build.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa


@contextmanager
def fewer_collections(young: int = 50_000) -> Iterator[None]:
    """The young generation collected every `young` allocations instead of 700 while a
    build runs. A document makes thousands of short-lived containers (edits, spans,
    tuples), and so does building the stages' tables: at 700 the collector runs ~800 times
    per 5 MB, promoting what is alive at that moment to be scanned again by the older
    generations. At 50,000 most of them are freed by their reference counts first
    (measured on the 5 MB bench: collector time 0.45 -> 0.1 s); cycles are still
    collected, a few MB later. The thresholds are restored afterwards."""
    thresholds = gc.get_threshold()
    gc.set_threshold(young, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def use_system_allocator() -> None:
    """Arrow's own allocator keeps memory it freed for reuse; a build reads and writes
    batch after batch, so the system allocator keeps the process's peak lower (measured:
    540 -> 494 MB on 22 MB of input). For the command line and the benchmark, which own
    their process."""
    pa.set_memory_pool(pa.system_memory_pool())


def keep_pandas_out() -> None:
    """The first time pyarrow converts a Python list it imports pandas (50 MB and half a
    second, in every worker) to ask whether the list is a pandas object; a build never
    hands it one. Let that first look find no pandas: pyarrow then takes lists as lists,
    and still imports pandas if the process later asks it for pandas objects. For the
    command line and the benchmark, which own their process (workers inherit it)."""
    if "pandas" in sys.modules:
        return
    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([""])
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """An import finder under which `import pandas` fails."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is kept out of this build")
        return None
