"""fix_typos: fixes on evidence, leaves correct words alone, records every decision."""

from __future__ import annotations

import sys

import pytest

from pipeline.document import Document
from pipeline.rulebook import load_rule_data
from pipeline.stages.typos import FixTypos
from tests.conftest import FIXTURES, gold_files

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

STAGE = FixTypos()
RULES = load_rule_data("typos.toml")
# Rules that need a build (corpus counts) are tested with one in test_typos_evidence.py.
EXAMPLES = [(r["name"], r["remove_example"], r["keep_example"]) for r in RULES["pair"] + RULES["generated"]
            if "corpus_example" not in r]
CASES = tomllib.loads((FIXTURES / "typos_heldout.toml").read_text(encoding="utf-8"))["case"]


def fix(text: str) -> Document:
    return STAGE.process(Document(source="t.txt", text=text))


@pytest.mark.parametrize("name,remove,keep", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_rule_examples(name, remove, keep):
    assert name in {e.rule for e in fix(remove).edits if e.applied}
    assert name not in {e.rule for e in fix(keep).edits if e.applied}


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:12] for c in CASES])
def test_held_out_sentences(case):
    assert fix(case["text"]).text == case.get("expected", case["text"])


def test_gold_texts_are_left_unchanged():
    for gold in gold_files():
        for d in gold["documents"]:
            assert fix(d["text"]).text == d["text"], gold["source"]


def test_every_fix_carries_rule_evidence_and_confidence():
    doc = fix(CASES[1]["text"])
    assert doc.edits and all(e.stage == "fix_typos" and e.evidence and 0 < e.confidence <= 1 for e in doc.edits)


def test_ambiguous_words_without_evidence_are_suggested_not_applied():
    doc = fix("推动城市开展，局部社区书记参加了会议。")
    assert doc.text == "推动城市开展，局部社区书记参加了会议。"
    suggested = {e.rule for e in doc.edits if not e.applied}
    assert {"kaizhan_fazhan", "jubu_bufen"} <= suggested


def test_threshold_setting_decides_what_is_applied():
    strict = FixTypos(FixTypos.Settings(threshold=0.99))
    doc = strict.process(Document(source="t.txt", text=CASES[0]["text"]))
    assert doc.text == CASES[0]["text"] and all(not e.applied for e in doc.edits)


def test_fixing_is_idempotent():
    for case in CASES:
        once = fix(case["text"]).text
        assert fix(once).text == once
