"""What a person sees of a build: one progress bar, and a small summary table at the end.

The bar counts bytes of input over both passes (pass 1 feeds the corpus-level stage,
pass 2 cleans and writes), so its ETA and MB/s are those of the whole build. The summary
counts what was published (from the version's stats.json, so documents dropped later are
not counted), the edits per stage, the time, the throughput and where the version went.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

if TYPE_CHECKING:
    from pipeline.runner import BuildReport


class BuildProgress:
    """One bar for the build, in bytes of input, with ETA and MB/s."""

    def __init__(self, sizes: dict[str, int], passes: int, enabled: bool) -> None:
        self.sizes, self.passes, self.current = sizes, max(1, passes), 0
        self.bar = tqdm(total=sum(sizes.values()) * self.passes, unit="B", unit_scale=True, unit_divisor=1000,
                        disable=not enabled, file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def start_pass(self, what: str) -> None:
        self.current += 1
        self.bar.set_description(f"pass {self.current}/{self.passes} {what}")

    def file_done(self, source: str) -> None:
        self.bar.update(self.sizes.get(source, 0))

    def close(self) -> None:
        self.bar.close()


def _rows(cells: Iterable[tuple[str, str]]) -> list[str]:
    cells = list(cells)
    width = max(len(k) for k, _ in cells)
    return [f"  {k:<{width}}  {v}".rstrip() for k, v in cells]


def summary_table(report: BuildReport, seconds: float, bytes_in: int) -> str:
    """The end-of-build summary: what was published, edits per stage, time, MB/s, where."""
    inputs = f"{report.files_in:,} ({len(report.rejected)} rejected, {len(report.ignored)} ignored)"
    if not report.published:
        return "\n".join(["build:", *_rows([("inputs", inputs), ("time", f"{seconds:,.1f} s"),
                                           ("version", report.message)])])
    speed = bytes_in / 1e6 / seconds if seconds > 0 else 0.0
    inputs += f", {bytes_in / 1e6:,.2f} MB"
    timing = f"{seconds:,.1f} s, {speed:,.2f} MB/s"
    totals: dict[str, Any] = report.stats.get("totals", {})
    published = (f"{totals.get('documents', report.docs_out):,} documents, {totals.get('sentences', 0):,} sentences, "
                 f"{totals.get('characters', 0):,} characters, {totals.get('edits_applied', 0):,} edits "
                 f"(+{totals.get('edits_suggested', 0):,} suggested)")
    cells = [("inputs", inputs), ("published", published),
             ("dropped", f"{len(report.dropped):,} document(s) (duplicates or empty)"), ("edits per stage", "")]
    for stage, counts in report.stats.get("edits", {}).get("by_stage", {}).items():
        cells.append((f"  {stage}", f"{counts['applied']:,} edits, {counts['chars_removed']:,} characters removed"
                      + (f", {counts['suggested']:,} suggested" if counts["suggested"] else "")))
    cells += [("time", timing), ("version", str(report.version_dir))]
    return "\n".join(["build:", *_rows(cells)])
