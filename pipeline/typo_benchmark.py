"""Score fix_typos on the frozen typo benchmark (tests/fixtures/typo_benchmark/).

    .venv/bin/python -m pipeline.typo_benchmark [--part generated|spec|converted] [--split tune|final]
        [--no-hand-pairs] [--context] [--show]

Two parts, each frozen before the tuning it measures: `generated` (cases.jsonl: pairs drawn
from the generated confusion set, OCR look-alikes in the seeds' gold) and `spec`
(spec_cases.jsonl: the spec's pairs and their conversion family in contexts typos.toml
does not list, OCR look-alikes that form a word with a neighbour).
The documents of the split are one build: `fix_typos` observes them all (its corpus
pass), then fixes each. A fix is right when it is at an injected position with the
expected word; every other applied edit is a false fix. `final` is the 10 % held aside:
run it once, at the end.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from pipeline.config import PipelineConfig
from pipeline.document import Document

CASES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "typo_benchmark" / "cases.jsonl"
PARTS = {"generated": CASES, "spec": CASES.with_name("spec_cases.jsonl"), "converted": CASES.with_name("converted_cases.jsonl")}


def input_positions(doc: Document) -> list[tuple[int, str, str, str]]:
    """(position in the input text, before, after, rule) of each applied edit."""
    out, shift = [], 0
    for e in doc.edits:
        if e.applied:
            before, after, p = e.before, e.after, e.position - shift
            shift += len(after) - len(before)
            while before and after and before[0] == after[0]:  # 入民 -> 人民 is the character 入 -> 人
                before, after, p = before[1:], after[1:], p + 1
            while before and after and before[-1] == after[-1]:
                before, after = before[:-1], after[:-1]
            out.append((p, before, after, e.rule))
    return out


def window(text: str, start: int, end: int, before: str, after: str) -> str:
    return f"{text[max(0, start - 8):start]}[{before}->{after}]{text[end:end + 8]}".replace("\n", "⏎")


def score(split: str, hand_pairs: bool, show: bool, part: str = "generated", context: bool = False) -> Counter[str]:
    docs = [json.loads(line) for line in PARTS[part].read_text(encoding="utf-8").splitlines()]
    docs = [d for d in docs if d["split"] == split]
    cfg = PipelineConfig(stages=["fix_typos"], stage_settings={"fix_typos": {"hand_pairs": hand_pairs,
                                                                                   "context_synonyms": context}})
    (fixer,) = cfg.build_stages()
    for d in docs:
        fixer.observe(Document(source=d["doc"], text=d["text"]))
    fixer.finish_observing()
    tally: Counter[str] = Counter()
    for d in docs:
        out = fixer.process(Document(source=d["doc"], text=d["text"]))
        expected = {(p, w, r): kind for p, w, r, kind in d["fixes"]}
        got = input_positions(out)
        for p, before, after, rule in got:
            kind = expected.get((p, before, after))
            tally["tp_" + kind if kind else "fp"] += 1
            if show and not kind:
                print(f"FALSE {rule}: {window(d['text'], p, p + len(before), before, after)}")
        hit = {(p, b, a) for p, b, a, _ in got}
        for key, kind in expected.items():
            tally["n_" + kind] += 1
            if key not in hit and show:
                p, w, r = key
                print(f"MISS {kind}: {window(d['text'], p, p + len(w), w, r)}")
        tally["changed_clean_paragraphs"] += sum(
            a != b and k == "clean" for a, b, k in zip(out.text.split("\n"), d["expected"].split("\n"), d["kinds"]))
    return tally


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="generated", choices=sorted(PARTS))
    ap.add_argument("--split", default="tune", choices=["tune", "final"])
    ap.add_argument("--no-hand-pairs", action="store_true")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--context", action="store_true", help="turn on fix_typos' context_synonyms")
    a = ap.parse_args()
    t = score(a.split, not a.no_hand_pairs, a.show, a.part, a.context)
    kinds = sorted(k[2:] for k in t if k.startswith("n_"))
    tp = sum(t["tp_" + k] for k in kinds)
    n = sum(t["n_" + k] for k in kinds)
    precision = tp / (tp + t["fp"]) if tp + t["fp"] else 1.0
    injected = ", ".join(f"{k} {t['n_' + k]}" for k in kinds)
    fixed = ", ".join(f"{k} {t['tp_' + k]}" for k in kinds)
    print(f"part={a.part} split={a.split} injected={n} ({injected}) fixed={tp} ({fixed}) false={t['fp']} "
          f"changed clean paragraphs={t['changed_clean_paragraphs']}")
    print(f"precision={precision:.3f} recall={tp / n if n else 1.0:.3f}")


if __name__ == "__main__":
    main()
