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

from pipeline.dedup import DedupSettings, sketch
from pipeline.document import Document
from pipeline.stages.base import Stage


class Deduplicate(Stage):
    """Attach the document's sketch for the build's duplicate grouping."""

    name = "deduplicate"
    Settings = DedupSettings

    def process(self, doc: Document) -> Document:
        doc.sketch = sketch(doc.text, self.settings)
        return doc
