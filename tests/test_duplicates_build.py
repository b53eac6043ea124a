"""End to end: a build sets copies of the seeds aside in `duplicates`, keeps one of each,
marks nothing in the seeds alone or in distinct generated documents, and gives the same
groups with two workers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.config import load_config
from pipeline.runner import Build
from pipeline.synthetic import corpus, page
from tests.conftest import ROOT, SEEDS

CONFIG = ROOT / "pipeline.toml"
# Which seed each copy is made from: 003 is a bundle of two documents, 000 has one paragraph
# per line, 001 is cut in numbered page chunks, 002 is one line.
ENCODED, PARAGRAPH, SENTENCE, PREVIEW = "003", "000", "001", "002"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def body_lines(text: str) -> list[int]:
    """Indexes of the lines that are long prose (the body, not the page's chrome)."""
    return [i for i, line in enumerate(text.split("\n")) if len(line) > 200 and line.rstrip().endswith("。")]


def without_a_paragraph(text: str) -> str:
    lines = text.split("\n")
    drop = body_lines(text)[2]
    return "\n".join(lines[:drop] + lines[drop + 1:])


def with_a_sentence_changed(text: str) -> str:
    """The third sentence of the longest line replaced by a shorter invented one."""
    lines = text.split("\n")
    i = max(range(len(lines)), key=lambda n: len(lines[n]))
    ends = [m.end() for m in re.finditer("。", lines[i])]
    lines[i] = lines[i][: ends[1]] + "会上还通报了近期督查发现的问题。" + lines[i][ends[2]:]
    return "\n".join(lines)


def as_preview(text: str) -> str:
    """The page cut after 40% of its longest line, where a preview site stops."""
    lines = text.split("\n")
    i = max(range(len(lines)), key=lambda n: len(lines[n]))
    cut = lines[i].index("。", int(len(lines[i]) * 0.4)) + 1
    return "\n".join(lines[:i] + [lines[i][:cut], "", "............试读结束............", ""])


def build(src: Path, out: Path, workers: int = 1, keep: bool = False):
    config = load_config(CONFIG)
    if keep:
        config.stage_settings["deduplicate"]["keep_duplicates"] = True
    return Build(src, out, "set", config, progress=False, workers=workers).run()


@pytest.fixture(scope="module")
def seeds_and_copies(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("in")
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, src / p.name)
    read = {k: seed(k).read_text(encoding="utf-8") for k in (ENCODED, PARAGRAPH, SENTENCE, PREVIEW)}
    (src / "zz_encoded.txt").write_bytes(read[ENCODED].encode("gb18030"))
    (src / "zz_paragraph.txt").write_text(without_a_paragraph(read[PARAGRAPH]), encoding="utf-8")
    (src / "zz_sentence.txt").write_text(with_a_sentence_changed(read[SENTENCE]), encoding="utf-8")
    (src / "zz_preview.txt").write_text(as_preview(read[PREVIEW]), encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(seeds_and_copies, tmp_path_factory):
    return build(seeds_and_copies, tmp_path_factory.mktemp("out"))


def rows(version: Path, table: str) -> list[dict]:
    return pq.read_table(version / table).to_pylist()


def test_every_copy_is_set_aside_with_the_right_keeper(built):
    version = built.version_dir
    docs = {d["id"]: d for d in rows(version, "documents")}
    dups = {(d["source"], d["doc_index"]): d for d in rows(version, "duplicates")}
    expected = {("zz_encoded.txt", 0): (ENCODED, 0, "exact"), ("zz_encoded.txt", 1): (ENCODED, 1, "exact"),
                ("zz_paragraph.txt", 0): (PARAGRAPH, 0, "near"), ("zz_sentence.txt", 0): (SENTENCE, 0, "near"),
                ("zz_preview.txt", 0): (PREVIEW, 0, "contained")}
    assert set(dups) == set(expected)
    for copy, (keeper, index, kind) in expected.items():
        kept = docs[dups[copy]["duplicate_of"]]
        assert (kept["source"], kept["doc_index"], dups[copy]["kind"]) == (seed(keeper).name, index, kind), dups[copy]
    assert all(d["source"].startswith("0") for d in docs.values())  # only keepers are published
    assert {d["doc_id"] for d in rows(version, "sentences")} <= set(docs)
    assert {d["doc_id"] for d in rows(version, "edits")} <= set(docs)
    assert built.duplicates == {"exact": 2, "near": 2, "contained": 1}


def test_card_and_manifest_count_the_duplicates(built):
    import json

    manifest = json.loads((built.version_dir / "manifest.json").read_text())
    assert manifest["duplicates"] == {"exact": 2, "near": 2, "contained": 1}
    assert manifest["rows"]["duplicates"] == 5
    assert "5 duplicate document(s)" in (built.version_dir / "README.md").read_text()


def test_seeds_alone_mark_no_duplicate(tmp_path):
    report = build(SEEDS, tmp_path)
    assert rows(report.version_dir, "duplicates") == []
    assert report.duplicates == {"exact": 0, "near": 0, "contained": 0} and report.docs_out == 5


def test_keep_duplicates_publishes_every_copy_flagged(seeds_and_copies, built, tmp_path):
    report = build(seeds_and_copies, tmp_path, keep=True)
    docs = rows(report.version_dir, "documents")
    flagged = {d["source"]: d for d in docs if d["duplicate_of"]}
    assert set(flagged) == {"zz_encoded.txt", "zz_paragraph.txt", "zz_sentence.txt", "zz_preview.txt"}
    assert len(docs) == len(rows(built.version_dir, "documents")) + 5
    assert {d["duplicate_kind"] for d in flagged.values()} == {"exact", "near", "contained"}
    assert all(d["duplicate_kind"] is None for d in docs if not d["duplicate_of"])


def test_two_workers_give_the_same_groups_and_bytes(seeds_and_copies, built, tmp_path):
    two = build(seeds_and_copies, tmp_path, workers=2)
    assert rows(two.version_dir, "duplicates") == rows(built.version_dir, "duplicates")
    for table in ("documents", "sentences", "edits", "duplicates"):
        for shard in sorted((built.version_dir / table).glob("*.parquet")):
            assert shard.read_bytes() == (two.version_dir / table / shard.name).read_bytes(), shard


def test_distinct_generated_pages_give_no_duplicate(tmp_path):
    src = tmp_path / "generated"
    src.mkdir()
    for i, (title, text) in enumerate(corpus(200, seed=3)):
        (src / f"{i:03d}.txt").write_text(page(title, text), encoding="utf-8")
    report = build(src, tmp_path / "out")
    assert report.docs_out == 200 and rows(report.version_dir, "duplicates") == []
