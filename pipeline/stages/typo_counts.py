"""count_collocations: the corpus pass of typo repair (a corpus stage; changes no text).

Pass 1 (`observe`) counts, over every document of the build, each fixed phrase of the
round-trip confusion words (食品安全, 服务水平) and each artifact collocation (食品平安):
compact counts keyed on those phrases only. `fix_typos`, later in the pipeline, reads the
counts through the object both stages share (see `pipeline.typo_evidence.counts_for_stage`):
on a real corpus the phrase outnumbers its artifact by orders of magnitude, and an
"artifact" the corpus writes as often as the phrase is kept. It runs right after `decode`
so that its pass 1 costs a decode, not the whole cleaning.
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
    phrase_file: str = "typos_phrases.tsv"


class CountCollocations(CorpusStage):
    """Count the confusion words' phrases and artifact collocations over the build."""

    name = "count_collocations"
    Settings = CountSettings

    def __init__(self, settings: CountSettings | None = None) -> None:
        super().__init__(settings)
        self.counts = counts_for_stage(self.settings.confusion_file, self.settings.phrase_file, create=True)

    def observe(self, doc: Document) -> None:
        self.counts.observe(doc.text)

    def finish_observing(self) -> None:
        self.counts.finish(int(load_rule_data(self.settings.rule_file)["scoring"]["min_phrase_count"]))

    def process(self, doc: Document) -> Document:
        return doc
