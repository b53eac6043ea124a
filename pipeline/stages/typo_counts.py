"""count_collocations: the corpus pass of typo repair (a corpus stage; changes no text).

Pass 1 (`observe`) counts, over every document of the build, each word of the round-trip
confusion set with the two Han characters on either side (食品<安全, 安全>监管; not where the
one next to it is a function word listed in typos.toml [corpus]): compact
counts keyed on those collocations only, pruned beyond `max_keys` (see CollocationCounts).
`finish_observing` keeps the verdicts (a written word whose synonym the build writes in
the same context at least `min_count` and `ratio` times as often, from typos.toml) and
the counts `fix_typos` compares. `fix_typos`, later in the pipeline, reads them through
the object both stages share (`pipeline.typo_evidence.counts_for_stage`). It runs right
after `decode`, so that its pass 1 costs a decode, not the whole cleaning.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import Document
from pipeline.rulebook import load_rule_data
from pipeline.stages.base import CorpusStage
from pipeline.typo_evidence import counts_for_stage


@dataclass(frozen=True)
class CountSettings:
    rule_file: str = "typos.toml"
    confusion_file: str = "typos_confusions.tsv"
    max_keys: int = 4_000_000


class CountCollocations(CorpusStage):
    """Count the confusion words' phrases and artifact collocations over the build."""

    name = "count_collocations"
    Settings = CountSettings

    def __init__(self, settings: CountSettings | None = None) -> None:
        super().__init__(settings)
        rules = load_rule_data(self.settings.rule_file)
        self.counts = counts_for_stage(self.settings.confusion_file, create=True)
        self.counts.max_keys = self.settings.max_keys
        self.counts.min_count = int(rules["scoring"]["min_count"])
        self.counts.skip = frozenset(rules["corpus"]["uninformative"])
        self.ratio = float(rules["scoring"]["ratio"])

    def observe(self, doc: Document) -> None:
        self.counts.observe(doc.text)

    def finish_observing(self) -> None:
        self.counts.finish(self.ratio)

    def process(self, doc: Document) -> Document:
        return doc
