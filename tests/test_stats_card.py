"""stats.json and the `stats` command; the dataset card as the Hub reads it (offline)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.card import LIST_CAP, render_card, size_category
from pipeline.publish import read_manifest
from pipeline.stats import STATS_FILE, compute_stats, load_stats
from tests.conftest import ROOT


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT)


def test_the_build_writes_stats_that_match_the_tables(seed_version):
    stats = json.loads((seed_version / STATS_FILE).read_text())
    docs = pq.read_table(seed_version / "documents")
    sentences = pq.read_table(seed_version / "sentences")
    edits = pq.read_table(seed_version / "edits")
    t = stats["totals"]
    assert t["documents"] == docs.num_rows and t["sentences"] == sentences.num_rows
    assert t["characters"] == sum(len(x) for x in docs.column("text").to_pylist())
    assert t["tokens"] == pc.sum(pc.list_value_length(sentences.column("tokens"))).as_py()
    assert t["edits_applied"] + t["edits_suggested"] == edits.num_rows
    assert sum(r["applied"] + r["suggested"] for r in stats["edits"]["by_rule"]) == edits.num_rows
    lengths = stats["lengths"]["document_chars"]
    assert lengths["count"] == docs.num_rows and sum(lengths["histogram"]["counts"]) == docs.num_rows
    assert lengths["min"] == min(docs.column("n_chars").to_pylist())
    assert STATS_FILE in read_manifest(seed_version)["outputs"]


def test_any_numeric_column_gets_a_distribution(seed_version, tmp_path):
    """A quality-signal column added by a later pipeline is described without code changes."""
    copy = tmp_path / "v"
    shutil.copytree(seed_version, copy)
    docs = pq.read_table(copy / "documents")
    scores = [i / 10 for i in range(docs.num_rows)]
    for f in (copy / "documents").glob("*.parquet"):
        f.unlink()
    pq.write_table(docs.append_column("quality_score", pa.array(scores, pa.float32())), copy / "documents" / "x.parquet")
    stats = compute_stats(copy, read_manifest(copy))
    assert stats["columns"]["quality_score"]["count"] == docs.num_rows
    assert stats["columns"]["quality_score"]["max"] == max(scores)


def test_a_version_without_stats_json_gets_the_same_numbers(seed_version, tmp_path):
    copy = tmp_path / "old"
    shutil.copytree(seed_version, copy)
    (copy / STATS_FILE).unlink()
    assert load_stats(copy) == load_stats(seed_version)


def test_stats_command_text_json_and_html(seed_version):
    text = cli("stats", str(seed_version))
    assert text.returncode == 0 and "characters per document" in text.stdout and "edits by stage" in text.stdout
    assert json.loads(cli("stats", str(seed_version), "--format", "json").stdout) == load_stats(seed_version)
    html = cli("stats", str(seed_version), "--html").stdout
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") >= 3 and "src=" not in html


def test_the_card_metadata_is_what_the_hub_expects(seed_version):
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(seed_version / "README.md")
    data = card.data.to_dict()
    rows = read_manifest(seed_version)["rows"]
    assert data["license"] == "other" and data["language"] == ["zh"]
    assert data["size_categories"] == [size_category(rows["documents"])]
    assert data["task_categories"] and data["source_datasets"] and data["pretty_name"]
    infos = DatasetInfosDict.from_dataset_card_data(card.data)  # the parser load_dataset uses
    configs = MetadataConfigs.from_dataset_card_data(card.data)
    assert set(infos) == set(configs) == {"documents", "sentences", "edits"}
    for name, info in infos.items():
        on_disk = sum(p.stat().st_size for p in (seed_version / name).glob("*.parquet"))
        assert info.download_size == on_disk and info.dataset_size > 0
        assert info.splits["train"].num_examples == rows[name]
    for section in ("## Licence", "## Uses", "## Out-of-scope uses", "## Personal information",
                    "## Bias and limitations", "## How this version was built", "## What changed since"):
        assert section in card.text, section
    assert "stats.json" in card.text


def test_long_lists_in_the_card_are_capped(seed_version):
    manifest = read_manifest(seed_version)
    manifest["inputs"] = {f"page_{i:03}.txt": f"{i:064x}" for i in range(LIST_CAP + 7)}
    card = render_card(manifest, None, load_stats(seed_version))
    assert "page_000.txt" in card and f"page_{LIST_CAP + 6:03}.txt" not in card
    assert "… and 7 more files" in card


def test_what_changed_lists_only_settings_whose_values_differ(seed_version):
    manifest = read_manifest(seed_version)
    edited = json.loads(json.dumps(manifest))
    for stage in edited["config"]["stages"]:
        if stage["name"] == "segment":
            stage["settings"]["split_on_semicolon"] = not stage["settings"]["split_on_semicolon"]
    card = render_card(edited, manifest, load_stats(seed_version))
    changed = card.split("## What changed since the previous version")[1].split("##")[0]
    assert "split_on_semicolon" in changed and "decode" not in changed
