"""End to end: build, publish, load, version, reject — on the seeds and on small folders."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.config import PipelineConfig, load_config
from pipeline.publish import list_versions
from pipeline.runner import Build
from pipeline.schema import TABLES, SchemaError, load_table, validate
from tests.conftest import GOLD, ROOT, SEEDS

CONFIG = ROOT / "pipeline.toml"


def build(src: Path, out: Path, config: PipelineConfig | None = None):
    return Build(src, out, "seeds", config or load_config(CONFIG), progress=False).run()


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    report = build(SEEDS, out)
    assert report.published and report.version_dir == out / "seeds" / "v1"
    return report.version_dir


def test_loads_with_datasets(published):
    from datasets import load_dataset

    docs = load_dataset(str(published))["train"]
    assert docs.num_rows >= 5
    assert set(load_table("documents").arrow_schema.names) == set(docs.column_names)
    assert {r["source"] for r in docs} == {p.name for p in SEEDS.glob("*.txt")}
    assert sorted(r["doc_index"] for r in docs if r["source"].startswith("003")) == [0, 1]
    for config in ("sentences", "edits"):
        table = load_dataset(str(published), config)["train"]
        assert table.num_rows > 0 and set(table.column_names) == set(load_table(config).arrow_schema.names)


def test_card_parses_and_matches_schema(published):
    from datasets import Features
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(published / "README.md")
    infos = {i["config_name"]: i for i in card.data.to_dict()["dataset_info"]}
    for table in TABLES:
        assert Features._from_yaml_list(infos[table]["features"]) == load_table(table).features
        assert f"`{load_table(table).fields[0].name}`" in card.text  # the field table


def test_card_features_are_written_as_datasets_writes_them(tmp_path):
    """The card's features are written without `datasets`; they must be its YAML form,
    for every table and for every type a schema can declare."""
    from pipeline.schema import _ARROW_TYPES

    for table in TABLES:
        assert load_table(table).card_features() == load_table(table).features._to_yaml_list()
    (tmp_path / "every.toml").write_text("".join(f'[[field]]\nname = "c{i}"\ntype = "{t}"\n'
                                                 for i, t in enumerate(_ARROW_TYPES)), encoding="utf-8")
    every = load_table("every", tmp_path)
    assert every.card_features() == every.features._to_yaml_list()


def test_manifest_lists_every_file_with_its_hash(published):
    manifest = json.loads((published / "manifest.json").read_text())
    files = {p.relative_to(published).as_posix() for p in published.rglob("*")
             if p.is_file() and p.name != "manifest.json"}
    assert set(manifest["outputs"]) == files
    assert set(manifest["inputs"]) == {p.name for p in SEEDS.glob("*.txt")}
    assert manifest["rows"]["documents"] == pq.read_table(published / "documents").num_rows


def test_same_inputs_publish_once_and_nothing_is_overwritten(tmp_path):
    first = build(SEEDS, tmp_path)
    before = {p: p.read_bytes() for p in first.version_dir.rglob("*") if p.is_file()}
    second = build(SEEDS, tmp_path)
    assert not second.published and "unchanged" in second.message
    assert list_versions(tmp_path / "seeds") == [first.version_dir]
    assert before == {p: p.read_bytes() for p in first.version_dir.rglob("*") if p.is_file()}
    changed = load_config(CONFIG)
    changed.stage_settings["segment"] = {"split_on_semicolon": True}
    third = build(SEEDS, tmp_path, changed)
    assert third.published and third.version_dir.name == "v2"
    assert "split_on_semicolon" in (third.version_dir / "README.md").read_text()


def assert_same_parquet(a: Path, b: Path) -> None:
    files = sorted(p.relative_to(a) for p in a.rglob("*.parquet"))
    assert files and files == sorted(p.relative_to(b) for p in b.rglob("*.parquet"))
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_two_builds_are_byte_identical(tmp_path):
    a, b = build(SEEDS, tmp_path / "a"), build(SEEDS, tmp_path / "b")
    assert_same_parquet(a.version_dir, b.version_dir)


def seeds_and_a_broken_file(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    (src / "broken.txt").write_bytes(bytes(range(128, 256)) * 50)
    return src


def test_a_bad_file_is_rejected_and_the_others_published(tmp_path):
    report = build(seeds_and_a_broken_file(tmp_path), tmp_path / "out")
    assert report.published and report.docs_out >= 5
    assert [r["source"] for r in report.rejected] == ["broken.txt"]
    manifest = json.loads((report.version_dir / "manifest.json").read_text())
    assert manifest["rejected"][0]["source"] == "broken.txt" and manifest["rejected"][0]["reason"]


def test_exact_duplicates_are_set_aside_and_listed(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    shutil.copy(SEEDS / "002_5412e850ed2bbe2b.txt", src / "zz_copy.txt")
    report = build(src, tmp_path / "out")
    duplicates = pq.read_table(report.version_dir / "duplicates").to_pylist()
    assert [(d["source"], d["kind"]) for d in duplicates] == [("zz_copy.txt", "exact")]
    assert report.docs_out == 5 and report.dropped == []


def test_a_failing_build_leaves_no_version(tmp_path, monkeypatch):
    from pipeline import publish

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publish.VersionDraft, "commit", explode)
    with pytest.raises(RuntimeError):
        build(SEEDS, tmp_path)
    # No version and no draft (the lock and the cache of cleaned files may stay).
    assert {p.name for p in (tmp_path / "seeds").iterdir()} <= {".lock", ".cache"}


def test_a_table_that_does_not_match_the_schema_fails():
    import pyarrow as pa

    bad = pa.table({"doc_id": ["x"]})
    with pytest.raises(SchemaError):
        validate(bad, load_table("edits"))


def test_scorer_reads_every_document(published):
    scorer = ROOT.parent / "shared" / "tools" / "score.py"
    if not scorer.is_file() or not GOLD.is_dir():
        pytest.skip("../shared is not beside this checkout")
    out = subprocess.run([sys.executable, str(scorer), "--gold", str(GOLD), "--raw", str(SEEDS),
                          "--out", str(published)], capture_output=True, text=True, check=True).stdout
    score = out.strip().splitlines()[-1]
    assert "docs=5/5" in score and "chrome_left=0" in score, score


def test_cli_help_lists_the_commands():
    out = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    for command in ("build", "versions", "edits", "diff"):
        assert command in out


def test_worker_processes_publish_the_same_bytes(tmp_path):
    one = Build(SEEDS, tmp_path / "one", "seeds", load_config(CONFIG), progress=False).run()
    two = Build(SEEDS, tmp_path / "two", "seeds", load_config(CONFIG), progress=False, workers=2).run()
    assert_same_parquet(one.version_dir, two.version_dir)


def test_a_bad_file_is_rejected_with_workers_too(tmp_path):
    src = seeds_and_a_broken_file(tmp_path)
    report = Build(src, tmp_path / "out", "seeds", load_config(CONFIG), progress=False, workers=2).run()
    assert [r["source"] for r in report.rejected] == ["broken.txt"] and report.docs_out >= 5
