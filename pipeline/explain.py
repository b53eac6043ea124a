"""`explain RAW_FILE`: one raw file through the stages, stage by stage, with what each
stage changed and which rule did it: the tool a person uses to write a rule for a new site.

Each stage's input and output texts are compared paragraph by paragraph (see `textdiff`)
and every change is annotated with the stage's edits that lie on it. A corpus-level stage
(`strip_repeated_lines`) sees only this file unless `corpus` names a folder to observe
first, as a build would.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.text import Text

from pipeline.config import PipelineConfig
from pipeline.diff_render import hunk_lines
from pipeline.document import Document
from pipeline.executors import run_stages
from pipeline.stages.base import CorpusStage, Stage
from pipeline.stages.split_documents import explode
from pipeline.textdiff import Hunk, explain, paragraph_hunks, place_edits


@dataclass
class StageStep:
    """What one stage did to the file (or to its documents, once split)."""

    stage: str
    run: int  # 1 for a stage's first place in the pipeline, 2 for its second, ...
    chars_in: int = 0
    chars_out: int = 0
    docs_in: int = 0
    docs_out: int = 0
    edits: list[dict[str, Any]] = field(default_factory=list)
    hunks: list[tuple[int, Hunk]] = field(default_factory=list)  # (document index, hunk)
    note: str = ""

    @property
    def by_rule(self) -> Counter[str]:
        return Counter(e["rule"] for e in self.edits if e["applied"])

    def as_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "run": self.run, "characters": [self.chars_in, self.chars_out],
                "documents": [self.docs_in, self.docs_out], "note": self.note,
                "edits_by_rule": dict(self.by_rule), "edits": self.edits,
                "changes": [{"document": i, "old_paragraph": h.old_line, "new_paragraph": h.new_line,
                             "pieces": [[p.op, p.text] for p in h.pieces],
                             "edits": [x for c in h.changes for x in c.edits]} for i, h in self.hunks]}


def _edit_dict(e: Any) -> dict[str, Any]:
    return {"rule": e.rule, "before": e.before, "after": e.after, "position": e.position, "applied": e.applied,
            "confidence": round(float(e.confidence), 4), "evidence": e.evidence or None}


def _observe(stages: list[Stage], corpus: Path | None, path: Path) -> None:
    """Let each corpus stage observe the documents of `corpus` (or of this file alone)."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file()) if corpus else [path]
    for i, stage in enumerate(stages):
        if not isinstance(stage, CorpusStage):
            continue
        for f in files:
            try:
                docs = run_stages(stages[:i], Document(source=f.name, raw=f.read_bytes()))
            except Exception:  # a file the build would reject teaches the stage nothing
                continue
            for d in docs:
                stage.observe(d)
        stage.finish_observing()


def _step(stage: Stage, docs: list[Document], run: int) -> tuple[StageStep, list[Document]]:
    step = StageStep(stage.name, run, sum(len(d.text) for d in docs), docs_in=len(docs))
    out: list[Document] = []
    for index, doc in enumerate(docs):
        seen, before = len(doc.edits), doc.text
        doc = stage.process(doc)
        new = doc.edits[seen:]
        step.edits += [{"document": index, **_edit_dict(e)} for e in new]
        if before and doc.text != before:
            hunks = paragraph_hunks(before, doc.text)
            explain(hunks, [], place_edits([{"seq": i, "stage": e.stage, "rule": e.rule, "before": e.before,
                                             "after": e.after, "position": e.position, "applied": e.applied}
                                            for i, e in enumerate(new)]), labels=("", ""))
            step.hunks += [(index, h) for h in hunks]
        elif not before and doc.text:
            step.note = f"decoded as {doc.metadata.get('encoding', '?')}"
        out += explode(doc)
    step.chars_out, step.docs_out = sum(len(d.text) for d in out), len(out)
    return step, out


def explain_file(path: Path, config: PipelineConfig, corpus: Path | None = None) -> tuple[list[StageStep], list[Document]]:
    """Run one raw file through the configured stages, keeping what each stage did."""
    stages = config.build_stages()
    _observe(stages, corpus, path)
    docs = [Document(source=path.name, raw=path.read_bytes())]
    steps: list[StageStep] = []
    runs: Counter[str] = Counter()
    for stage in stages:
        runs[stage.name] += 1
        step, docs = _step(stage, docs, runs[stage.name])
        steps.append(step)
    return steps, docs


def render_explain_text(steps: list[StageStep], docs: list[Document], limit: int = 20, context: int = 20,
                        colour: bool = False) -> list[Text | str]:
    """Stage by stage: counts, then each change with the rule that made it."""
    out: list[Text | str] = []
    for n, step in enumerate(steps, 1):
        run = f" (run {step.run})" if step.run > 1 else ""
        rules = ", ".join(f"{rule} {k}" for rule, k in step.by_rule.most_common()) or "no edit"
        head = Text(f"{n:>2}. {step.stage}{run}: ", style="bold")
        head.append(f"{rules}; characters {step.chars_in:,} → {step.chars_out:,}", style="cyan" if step.edits else "dim")
        if step.docs_in != step.docs_out:
            head.append(f"; documents {step.docs_in} → {step.docs_out}", style="bold magenta")
        if step.note:
            head.append(f"; {step.note}")
        out.append(head)
        suggested = [e for e in step.edits if not e["applied"]]
        out += [Text(f"      suggested (not applied): {e['rule']} {e['before']!r} → {e['after']!r} "
                     f"conf={e['confidence']:.2f}", style="yellow") for e in suggested[:limit]]
        shown = [h for _, h in step.hunks[:limit]]
        out += list(hunk_lines(shown, context, colour))
        if len(step.hunks) > limit:
            out.append(f"      … and {len(step.hunks) - limit} more changed paragraph(s) (--limit)")
    out.append(Text(f"result: {len(docs)} document(s)", style="bold"))
    out += [f"  #{d.doc_index} {d.title!r}: {len(d.text):,} characters, {sum(e.applied for e in d.edits)} edits"
            + (", truncated" if d.flags.get("truncated") else "") for d in docs]
    return out
