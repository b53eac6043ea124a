"""Long lines one run of strip_site_chrome passed over, so that its next run does not read them again.

strip_site_chrome runs twice (before pagination and after it). Each run reads every line:
a literal scan, then, on most lines of prose, which hold a figure or a comma some rule has
for a literal, the claim filter's regex searches over the whole line (`ClaimFilter`).
Paragraphs are long lines, and on them that reading was most of the second run's time.

Far from the page's edges (where the edge rules cannot hold: `StripSiteChrome.out_of_reach`),
whether the stage passes over a line is a function of the line's text alone: the scan, the
test of `_passed_over` and the filter read nothing else, and a line passed over is claimed
on by nothing in the line loop. So the first run leaves on the document the long interior
lines it passed over (`Document.stage_memo`, never published), named by the rules it read
them with, and the next run passes over a line it finds there without reading it: the same
lines, the same answer. Lines pagination rejoined or cut are new text and are read. The next
run takes the lines off the document (they do not travel on in the build's cache); a third
run, if a configuration had one, would read every line again.

Short lines are not kept: the stage's scans keep their answers for short lines already
(`LiteralScan.keys_in`), and chrome lines are short.
"""

from __future__ import annotations

import hashlib

from pipeline.document import Document
from pipeline.rulebook import RULES_DIR

MIN_CHARS = 120  # longer lines are kept (LiteralScan keeps the answers for the shorter)


def rules_key(*rule_files: str) -> str:
    """What a run's answers depend on besides the code: the bytes of its rule files."""
    digest = hashlib.sha256()
    for name in rule_files:
        digest.update((RULES_DIR / name).read_bytes() + b"\0")
    return digest.hexdigest()


class QuietLines:
    """The interior lines an earlier run passed over (`known`), and those this run passes over
    (`add`), left on the document (`leave`) when no earlier run left any."""

    def __init__(self, name: str, key: str, doc: Document) -> None:
        self.name, self.key = name, key
        left = doc.stage_memo.pop(name, None)
        self.first = left is None
        self.earlier: frozenset[str] = left[1] if left is not None and left[0] == key else frozenset()
        self.found: list[str] = []

    def known(self, line: str) -> bool:
        return len(line) > MIN_CHARS and line in self.earlier

    def add(self, line: str) -> None:
        if self.first and len(line) > MIN_CHARS:
            self.found.append(line)

    def leave(self, doc: Document) -> None:
        if self.first:
            doc.stage_memo[self.name] = (self.key, frozenset(self.found))
