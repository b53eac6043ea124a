"""`diff` between versions: exactly what changed, in four formats, with diff(1)'s exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.diff import add_details, diff_versions
from pipeline.report_html import render_diff_html
from pipeline.runner import Build
from tests.conftest import ROOT, SEEDS

CONFIG = ROOT / "pipeline.toml"
CHANGED_SEED = "002_5412e850ed2bbe2b.txt"
BAD_BYTES = 8  # invalid UTF-8 bytes written into the changed seed


def with_broken_bytes(raw: bytes) -> bytes:
    """A new sentence after the first full stop, with a run of bytes that are not UTF-8
    between two ASCII characters (where no mojibake repair would read them as text)."""
    cut = raw.index("。".encode()) + len("。".encode())
    return raw[:cut] + "会议编号2024".encode() + b"\xff" * BAD_BYTES + "A号。".encode() + raw[cut:]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, Path]:
    """v1: the seeds; v2: one seed changed and one decode setting changed so that the
    file still reads as UTF-8; v3: the seeds again, one file renamed."""
    root = tmp_path_factory.mktemp("audit")
    out = root / "out"
    first = Build(SEEDS, out, "seeds", load_config(CONFIG), progress=False).run().version_dir
    changed = root / "changed"
    shutil.copytree(SEEDS, changed)
    (changed / CHANGED_SEED).write_bytes(with_broken_bytes((SEEDS / CHANGED_SEED).read_bytes()))
    cfg = load_config(CONFIG)
    cfg.stage_settings["decode"] = {"max_bad_utf8_bytes": BAD_BYTES}
    second = Build(changed, out, "seeds", cfg, progress=False).run().version_dir
    renamed = root / "renamed"
    shutil.copytree(SEEDS, renamed)
    (renamed / CHANGED_SEED).rename(renamed / "renamed_page.txt")
    third = Build(renamed, out, "seeds", load_config(CONFIG), progress=False).run().version_dir
    return {"v1": first, "v2": second, "v3": third}


def test_one_changed_seed_and_one_setting_show_as_exactly_that(versions):
    result = cli("diff", str(versions["v1"]), str(versions["v2"]), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    docs = report["documents"]
    assert [d["source"] for d in docs["changed"]] == [CHANGED_SEED]
    assert set(docs["changed"][0]) >= {"id", "source", "doc_index"}
    assert docs["added"] == docs["removed"] == docs["renamed"] == []
    assert docs["unchanged"] == report["totals"]["documents"]["old"] - 1
    changed_rules = [(r["stage"], r["rule"]) for r in report["edits"]["by_rule"] if r["old"] != r["new"]]
    assert changed_rules == [("repair_mojibake", "invisible_chars")]
    rule = next(r for r in report["edits"]["by_rule"] if r["rule"] == "invisible_chars")
    assert rule["new"]["applied"] > rule["old"]["applied"]
    assert [(c["stage"], c["setting"]) for c in report["build"]["config"]] == [("decode", "max_bad_utf8_bytes")]
    assert report["build"]["inputs"]["changed"] == [CHANGED_SEED]
    assert report["identical"] is False


def test_the_changed_sentence_is_shown_inside_its_paragraph(versions):
    d = diff_versions(versions["v1"], versions["v2"])
    add_details(d, 5)
    [doc] = d.changed
    assert doc.fields["encoding"][1].startswith("utf-8 (") and doc.text_changed
    inserted = [p.text for h in doc.hunks for p in h.pieces if p.op == "insert"]
    # only the new sentence (a full stop either side is the same insertion), not the whole paragraph
    assert "会议编号2024A号" in "".join(inserted) and len("".join(inserted)) == len("会议编号2024A号。")
    assert not [p for h in doc.hunks for p in h.pieces if p.op == "delete"]


def test_a_version_compared_with_itself_exits_0(versions):
    result = cli("diff", str(versions["v1"]), str(versions["v1"]), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["identical"] is True


def test_a_renamed_input_pairs_its_documents_instead_of_removing_and_adding_them(versions):
    report = diff_versions(versions["v1"], versions["v3"]).to_json()
    docs = report["documents"]
    assert docs["added"] == docs["removed"] == docs["changed"] == []
    assert [(r["old"]["source"], r["source"]) for r in docs["renamed"]] == [(CHANGED_SEED, "renamed_page.txt")]
    assert report["build"]["inputs"]["renamed"] == [{"old": CHANGED_SEED, "new": "renamed_page.txt"}]


def test_version_names_default_to_the_two_newest(versions):
    output = versions["v1"].parent.parent
    named = cli("diff", "v2", "v3", "--output", str(output), "--format", "json")
    newest = cli("diff", "--output", str(output), "--format", "json")
    assert named.returncode == newest.returncode == 1
    assert json.loads(named.stdout)["documents"] == json.loads(newest.stdout)["documents"]


@pytest.mark.parametrize("args", [("nowhere", "v1"), ("v1", "v9"), (".", "v1")])
def test_what_is_not_a_version_is_an_error_with_exit_2(versions, args):
    output = str(versions["v1"].parent.parent)
    result = cli("diff", *args, "--output", output)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "version" in result.stderr


def test_markdown_and_text_mark_the_change_and_the_rule(versions):
    md = cli("diff", str(versions["v1"]), str(versions["v2"]), "--format", "markdown").stdout
    assert "会议编号2024A号" in md and "{+" in md and "repair_mojibake/invisible_chars" in md
    assert md.startswith("# Diff") and "| documents |" in md
    text = cli("diff", str(versions["v1"]), str(versions["v2"]), "--no-color").stdout
    assert "1 changed" in text and "会议编号2024A号" in text and "{+" in text and "\x1b[" not in text
    coloured = cli("diff", str(versions["v1"]), str(versions["v2"]), "--color").stdout
    assert "\x1b[" in coloured and "{+" not in coloured


def test_long_lists_are_cut_with_a_count(versions):
    text = cli("diff", str(versions["v1"]), str(versions["v2"]), "--no-color", "--show", "0").stdout
    assert "1 more changed document(s) not shown" in text


def test_old_versions_still_load_after_newer_ones(versions):
    from datasets import load_dataset

    for name in ("v1", "v2", "v3"):
        assert load_dataset(str(versions[name]))["train"].num_rows >= 5
    assert "file_size_bytes" in load_dataset(str(versions["v1"]))["train"].column_names


def test_html_escapes_document_text(versions, tmp_path):
    d = diff_versions(versions["v1"], versions["v2"])
    add_details(d, 5)
    d.changed[0].new["title"] = "<script>alert(1)</script>"
    html = render_diff_html(d)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "src=" not in html and "<link" not in html and 'href="http' not in html  # nothing fetched
    assert html.count("<script>") == 1  # the page's own filter script, nothing else
