"""deduplicate: the document's dedup sketch (`pipeline.dedup`); changes no text.

It runs last, in the worker that cleaned the document, and leaves a sketch of a few
kilobytes on it (`doc.sketch`): a hash of the normalised text, MinHash signatures of its
character shingles and of its head, and a small sample of shingle hashes. Once every
file is cleaned, the build groups the copies from these sketches alone
(`pipeline.dedup_groups`), keeps the most complete copy of each group in `documents`
and lists the others in the `duplicates` table. Its settings (thresholds, shingle size,
`keep_duplicates`) are this stage's, so they are part of a version's fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pipeline.dedup import sketch
from pipeline.document import Document
from pipeline.stages.base import Between, Stage


@dataclass(frozen=True)
class DedupSettings:
    """How documents are compared. Defaults measured on generated same-genre documents and
    their edited copies (README, "Duplicates"): at 5-character shingles, copies with a
    small edit score 0.62-1.0 Jaccard (median 0.95-0.99), unrelated documents at most 0.47
    (99.9th percentile 0.27)."""

    shingle_chars: Annotated[int, Between(2, 16)] = 5
    num_perm: Annotated[int, Between(16, 1024)] = 128            # MinHash values per signature
    threshold: Annotated[float, Between(0.3, 1)] = 0.7            # estimated Jaccard of near duplicates
    containment: Annotated[float, Between(0.5, 1)] = 0.9          # share of the smaller inside the larger
    head_chars: Annotated[int, Between(50, 10_000)] = 200         # the head a preview shares with its copy
    sample_size: Annotated[int, Between(32, 4096)] = 256          # shingle hashes kept to estimate containment
    min_chars: Annotated[int, Between(1, 10_000)] = 50            # shorter keys: exact matching only
    min_contained_chars: Annotated[int, Between(1, 100_000)] = 200  # shorter keys are never `contained`
    keep_duplicates: bool = False  # publish every copy, with duplicate_* columns, instead of keepers only


class Deduplicate(Stage):
    """Attach the document's sketch for the build's duplicate grouping."""

    name = "deduplicate"
    Settings = DedupSettings

    def process(self, doc: Document) -> Document:
        doc.sketch = sketch(doc.text, self.settings)
        return doc
