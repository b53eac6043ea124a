"""Running a build: sources in, documents through the stages in bounded batches, a version out.

Pass 1 (only when the pipeline has a corpus-level stage) runs the stages before it and
lets it observe every document, keeping hashes and counts. Pass 2 streams the files in
batches of `batch_size` through every stage and writes each batch to the draft version,
so memory stays bounded by the batch, not the corpus. A file that fails (cannot be
decoded, or a stage raises) is rejected with its reason and costs no other document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from pipeline.config import PipelineConfig
from pipeline.document import Document
from pipeline.executors import make_executor
from pipeline.publish import VersionDraft, list_versions, next_version_name, read_manifest, sha256_file
from pipeline.stages.base import CorpusStage, Stage
from pipeline.tables import document_row, edit_rows, sentence_rows
from pipeline.version import pipeline_version


@dataclass
class BuildReport:
    name: str
    files_in: int = 0
    docs_out: int = 0
    dropped: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    chars_removed: Counter[str] = field(default_factory=Counter)
    version_dir: Path | None = None
    published: bool = False
    message: str = ""
    stats: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        if not self.published:
            return f"{self.files_in} file(s) in. Version {self.message}."
        removed = ", ".join(f"{s} {n:,}" for s, n in self.chars_removed.items()) or "none"
        where = f"written to {self.version_dir}" if self.published else self.message
        return (f"{self.files_in} file(s) in, {self.docs_out} document(s) out, "
                f"{len(self.dropped)} dropped as duplicates or empty, {len(self.rejected)} file(s) "
                f"rejected. Characters removed by stage: {removed}. Version {where}.")


def list_sources(input_dir: Path) -> list[Path]:
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {input_dir} does not exist")
    return sorted(p for p in input_dir.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(input_dir).parts))


def fingerprint(inputs: dict[str, str], config: PipelineConfig) -> str:
    digest = hashlib.sha256()
    for rel, sha in sorted(inputs.items()):
        digest.update(f"{rel}\0{sha}\n".encode())
    digest.update(config.fingerprint().encode())
    digest.update(pipeline_version().encode())
    return digest.hexdigest()


def _batches(items: list[Path], size: int) -> Iterator[list[Path]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Build:
    """One build of `input_dir` into `output_dir/name`."""

    def __init__(self, input_dir: Path, output_dir: Path, name: str, config: PipelineConfig,
                 progress: bool | None = None, workers: int = 1) -> None:
        self.input_dir, self.config, self.workers = input_dir, config, workers
        self.dataset_dir = output_dir / name
        self.report = BuildReport(name=name)
        self.progress = sys.stderr.isatty() if progress is None else progress

    def source_name(self, path: Path) -> str:
        return path.relative_to(self.input_dir).as_posix()

    def run(self) -> BuildReport:
        sources = list_sources(self.input_dir)
        self.report.files_in = len(sources)
        inputs = {self.source_name(p): sha256_file(p) for p in sources}
        fp = fingerprint(inputs, self.config)
        versions = list_versions(self.dataset_dir)
        previous = read_manifest(versions[-1]) if versions else None
        if previous and previous.get("fingerprint") == fp:
            self.report.version_dir = versions[-1]
            self.report.message = (f"unchanged: inputs, config and pipeline match {versions[-1]}; "
                                   "nothing published")
            return self.report
        stages = self.config.build_stages()
        self._observe(stages, sources)
        draft = VersionDraft(self.dataset_dir)
        try:
            self._process(stages, sources, draft)
            manifest = self._manifest(fp, inputs, draft, previous)
            from pipeline.card import render_card
            from pipeline.stats import write_stats

            draft.close_tables()
            self.report.stats = write_stats(draft.tmp, manifest)
            card = render_card(manifest, previous, self.report.stats)
            self.report.version_dir = draft.commit(manifest, card)
        except BaseException:
            draft.abort()
            raise
        self.report.published = True
        return self.report

    def _observe(self, stages: list[Stage], sources: list[Path]) -> None:
        for i, stage in enumerate(stages):
            if not isinstance(stage, CorpusStage):
                continue
            executor = make_executor(stages[:i], self.input_dir, self.workers)
            try:
                for result in executor.map(sources):  # a failing file is reported in pass 2
                    for doc in result.documents:
                        stage.observe(doc)
            finally:
                executor.close()
            stage.finish_observing()

    def _process(self, stages: list[Stage], sources: list[Path], draft: VersionDraft) -> None:
        # A bar per stage; with several workers, a file advances all bars when it is done.
        bars = [tqdm(total=len(sources), desc=f"{s.name:<22}", position=i, unit="file",
                     disable=not self.progress, file=sys.stderr) for i, s in enumerate(stages)]
        executor = make_executor(stages, self.input_dir, self.workers, lambda i: bars[i].update(1))
        seen: dict[str, str] = {}
        try:
            for batch in _batches(sources, self.config.batch_size):
                rows: dict[str, list[dict[str, Any]]] = {"documents": [], "sentences": [], "edits": []}
                for result in executor.map(batch):
                    if not executor.reports_stages:
                        for bar in bars:
                            bar.update(1)
                    if result.error is not None:
                        self.report.rejected.append({"source": result.source, "reason": result.error})
                    for doc in result.documents:
                        self._add(doc, seen, rows)
                for table, table_rows in rows.items():
                    draft.write(table, table_rows)
        finally:
            executor.close()
            for bar in bars:
                bar.close()

    def _add(self, doc: Document, seen: dict[str, str], rows: dict[str, list]) -> None:
        for e in doc.edits:
            if e.applied:
                self.report.chars_removed[e.stage] += len(e.before) - len(e.after)
        row = document_row(doc)
        if not doc.text.strip():
            self.report.dropped.append({"source": doc.source, "doc_index": doc.doc_index,
                                        "id": doc.id, "reason": "empty after cleaning"})
            return
        first = seen.setdefault(row["text_sha256"], doc.id)
        if first != doc.id:
            self.report.dropped.append({"source": doc.source, "doc_index": doc.doc_index, "id": doc.id,
                                        "reason": "exact duplicate", "duplicate_of": first})
            return
        rows["documents"].append(row)
        rows["sentences"].extend(sentence_rows(doc))
        rows["edits"].extend(edit_rows(doc))
        self.report.docs_out += 1

    def _manifest(self, fp: str, inputs: dict[str, str], draft: VersionDraft,
                  previous: dict[str, Any] | None) -> dict[str, Any]:
        return {
            "name": self.report.name,
            "version": next_version_name(self.dataset_dir),
            "previous_version": previous["version"] if previous else None,
            "pipeline_version": pipeline_version(),
            "fingerprint": fp,
            "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "config": self.config.as_dict(),
            "inputs": inputs,
            "rows": draft.row_counts(),
            "bytes": draft.byte_counts(),
            "chars_removed_by_stage": dict(self.report.chars_removed),
            "dropped": self.report.dropped,
            "rejected": self.report.rejected,
        }
