"""The stages, by the name a config file uses for them."""

from __future__ import annotations

from pipeline.stages.base import CorpusStage, Stage
from pipeline.stages.chrome_context import ChromeContext
from pipeline.stages.decode import Decode
from pipeline.stages.deduplicate import Deduplicate
from pipeline.stages.line_breaks import RestoreLineBreaks
from pipeline.stages.mojibake import RepairMojibake
from pipeline.stages.normalize import Normalize
from pipeline.stages.pagination import Pagination
from pipeline.stages.quality import Quality
from pipeline.stages.repeated_lines import StripRepeatedLines
from pipeline.stages.repeated_paragraphs import StripRepeatedParagraphs
from pipeline.stages.segment import Segment
from pipeline.stages.site_chrome import StripSiteChrome
from pipeline.stages.split_documents import SplitDocuments
from pipeline.stages.typos import FixTypos

STAGES: dict[str, type[Stage]] = {
    cls.name: cls
    for cls in (Decode, RepairMojibake, RestoreLineBreaks, StripSiteChrome, ChromeContext, StripRepeatedLines, Pagination,
                SplitDocuments, StripRepeatedParagraphs, Normalize, FixTypos, Segment, Quality, Deduplicate)
}

__all__ = ["STAGES", "CorpusStage", "Stage"]
