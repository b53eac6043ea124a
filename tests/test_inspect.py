"""`explain` (one raw file, stage by stage) and `edits` (the audit trail as text, JSON lines, CSV, counts)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from pipeline.config import PipelineConfig
from pipeline.explain import explain_file
from pipeline.review import RECORD_FIELDS
from tests.conftest import ROOT

# An invented page: a site greeting, a title, ASCII punctuation between Chinese words.
PAGE = ("欢迎访问星河文库网,海量文档免费下载\n关于开展秋季消防安全检查的通知\n"
        "各科室:为做好秋季消防安全工作,经研究,决定于十月开展全面检查,请认真落实。\n特此通知。\n")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT)


def test_explain_accounts_for_every_character_each_stage_removed(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    config = PipelineConfig()
    steps, docs = explain_file(page, config)
    assert [s.stage for s in steps] == config.stages
    for step in steps[1:]:  # after decode: what the stage removed is what its edits removed
        removed = sum(len(e["before"]) - len(e["after"]) for e in step.edits if e["applied"])
        if step.docs_in == step.docs_out:
            assert step.chars_in - step.chars_out == removed, step.stage
        for _, hunk in step.hunks:  # every change the stage made is explained by one of its edits
            assert all(c.edits for c in hunk.changes), (step.stage, hunk)
    assert any(step.edits for step in steps) and docs


def test_explain_prints_stages_and_rules_and_json(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    text = cli("explain", str(page), "--no-color")
    assert text.returncode == 0, text.stderr
    assert " 1. decode" in text.stdout and "normalize" in text.stdout and "↳" in text.stdout
    data = json.loads(cli("explain", str(page), "--format", "json").stdout)
    assert [s["stage"] for s in data["stages"]] == PipelineConfig().stages
    assert data["documents"] and all(set(s["edits_by_rule"]) <= {e["rule"] for e in s["edits"]} for s in data["stages"])


def test_explain_says_why_a_file_is_rejected(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(128, 256)) * 40)
    result = cli("explain", str(bad))
    assert result.returncode == 2 and "rejected" in result.stderr and "Traceback" not in result.stderr


def test_edits_as_json_lines_and_csv_hold_every_edit(seed_version):
    rows = pq.read_table(seed_version / "edits").num_rows
    jsonl = cli("edits", str(seed_version), "--format", "jsonl")
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(records) == rows and tuple(records[0]) == RECORD_FIELDS
    table = list(csv.DictReader(io.StringIO(cli("edits", str(seed_version), "--format", "csv").stdout)))
    assert len(table) == rows and [r["rule"] for r in table] == [r["rule"] for r in records]


def test_edits_counted_per_stage_and_rule(seed_version):
    edits = pq.read_table(seed_version / "edits", columns=["stage", "rule", "applied"]).to_pylist()
    counted = [json.loads(line) for line in cli("edits", str(seed_version), "--count", "--format", "jsonl").stdout.splitlines()]
    assert sum(c["applied"] + c["suggested"] for c in counted) == len(edits)
    first = counted[0]
    assert first["applied"] == sum(1 for e in edits if (e["stage"], e["rule"], e["applied"]) ==
                                   (first["stage"], first["rule"], True))
    human = cli("edits", str(seed_version), "--count").stdout
    assert f"{first['stage']}/{first['rule']}" in human


@pytest.mark.parametrize("args, listed", [(["--stage", "no_such_stage"], "normalize"),
                                          (["--rule", "no_such_rule"], "rules with edits")])
def test_unknown_names_are_errors_that_list_the_known_ones(seed_version, args, listed):
    result = cli("edits", str(seed_version), *args)
    assert result.returncode == 2 and listed in result.stderr and "Traceback" not in result.stderr


def test_a_folder_that_is_not_a_version_is_an_error(tmp_path):
    result = cli("edits", str(tmp_path))
    assert result.returncode == 2 and "not a published version" in result.stderr and "Traceback" not in result.stderr
