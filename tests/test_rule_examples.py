"""Every rule in every rule file: its `remove` example is changed by that rule, its `keep`
example is not. Examples written `TITLE|TEXT` give the document a title first."""

from __future__ import annotations

import pytest

from pipeline.rulebook import load_rules
from tests.conftest import clean_text

RULE_FILES = {
    "site_chrome.toml": ("strip_site_chrome",),
    "pagination.toml": ("pagination",),
    "line_breaks.toml": ("restore_line_breaks",),
    "chrome_context.toml": ("strip_site_chrome", "chrome_context"),
    "documents.toml": ("split_documents",),
    "paragraphs.toml": ("strip_repeated_paragraphs",),
}
CASES = [(f, r) for f in RULE_FILES for r in load_rules(f)]


def rules_fired(rule_file: str, example: str) -> set[str]:
    title, _, text = example.rpartition("|") if "|" in example else (None, "", example)
    docs = clean_text(text, *RULE_FILES[rule_file], title=title or None)
    fired = {e.rule for d in docs for e in d.edits}
    fired |= {d.flags.get("truncated_by", "").rsplit("/", 1)[-1] for d in docs}
    return fired


@pytest.mark.parametrize("rule_file,rule", CASES, ids=[f"{f}:{r.name}" for f, r in CASES])
def test_rule_removes_its_example(rule_file, rule):
    assert rule.reason and rule.remove and rule.keep, f"{rule.name} lacks a reason or an example"
    assert rule.name in rules_fired(rule_file, rule.remove)


@pytest.mark.parametrize("rule_file,rule", CASES, ids=[f"{f}:{r.name}" for f, r in CASES])
def test_rule_keeps_its_example(rule_file, rule):
    assert rule.name not in rules_fired(rule_file, rule.keep)


@pytest.mark.parametrize("rule_file", sorted(RULE_FILES))
def test_each_rule_of_a_file_has_a_name_of_its_own(rule_file):
    # (A stage finds a rule's code by its name: two rules of one name would share it.)
    names = [rule.name for rule in load_rules(rule_file)]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
