"""The pass cache: a rebuild reprocesses only what changed and publishes the same bytes as a
build from nothing; a damaged entry is only a miss; unused entries do not pile up."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cache import PACK_ENTRIES, Encoded, Entry, PartCache, read_pack_index
from pipeline.config import load_config
from pipeline.document import Document, Edit, Span
from pipeline.runner import Build
from tests.conftest import ROOT, SEEDS
from tests.test_build import assert_same_parquet

CONFIG = ROOT / "pipeline.toml"


def build(src: Path, out: Path, **options):
    return Build(src, out, "ds", load_config(CONFIG), progress=False, **options).run()


def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    return src


def entries(out: Path) -> set[str]:
    """The keys of the entries in the dataset's cache."""
    return {key for pack in (out / "ds" / ".cache").glob("*.pack") for key in read_pack_index(pack)}


def test_a_rebuild_after_one_change_reuses_the_other_files(tmp_path):
    src, out = corpus(tmp_path), tmp_path / "out"
    first = build(src, out)
    assert first.cached[0] == 0
    changed = src / "002_5412e850ed2bbe2b.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("优化", "优选", 1), encoding="utf-8")
    second = build(src, out)
    n = len(list(src.iterdir()))
    assert second.published and second.cached[0] == n - 1  # the first pass: every file but the changed one
    fresh = build(src, tmp_path / "fresh", cache=False)
    assert_same_parquet(fresh.version_dir, second.version_dir)
    assert not (tmp_path / "fresh" / "ds" / ".cache").exists()
    assert not list((tmp_path / "fresh" / "ds").glob(".spill-*"))


def test_a_damaged_entry_is_a_miss(tmp_path):
    src, out = corpus(tmp_path), tmp_path / "out"
    build(src, out)
    packs = list((out / "ds" / ".cache").glob("*.pack"))
    assert packs
    for path in packs:
        path.write_bytes(b"not a cache entry")
    (src / "extra.txt").write_text("新增的一篇文章，内容完整，讲述了社区工作的新进展。", encoding="utf-8")
    again = build(src, out)
    assert again.published and sum(again.cached.values()) == 0
    assert_same_parquet(build(src, tmp_path / "fresh", cache=False).version_dir, again.version_dir)


def test_entries_of_files_no_longer_built_are_removed(tmp_path):
    src, out = corpus(tmp_path), tmp_path / "out"
    build(src, out)
    before = entries(out)
    (src / "001_ea627473198c0d12.txt").unlink()
    build(src, out)
    after = entries(out)
    build(src, tmp_path / "fresh")  # the entries a build of what is left makes
    assert len(after) < len(before) and after == entries(tmp_path / "fresh")


def test_workers_and_cache_publish_the_same_bytes(tmp_path):
    src = corpus(tmp_path)
    one = build(src, tmp_path / "one", cache=False)
    two = build(src, tmp_path / "two", workers=2)
    assert_same_parquet(one.version_dir, two.version_dir)
    (src / "extra.txt").write_text("新增的一篇文章，内容完整，讲述了社区工作的新进展。", encoding="utf-8")
    three = build(src, tmp_path / "two", workers=2)  # all but the new file from the cache
    assert three.cached[0] == len(list(src.iterdir())) - 1
    assert_same_parquet(build(src, tmp_path / "three", cache=False).version_dir, three.version_dir)


def _entry(text: str) -> Entry:
    return Entry([Document(source=f"{text}.txt", text=text)], [text])


def test_packs_hold_many_entries_and_a_reader_sees_packs_written_after_it_started(tmp_path):
    writer = PartCache(tmp_path / "c")
    reader = pickle.loads(pickle.dumps(writer))  # as a worker gets it: the folder, no index
    assert reader.get("k0") is None
    for n in range(PACK_ENTRIES + 3):
        writer.add(Encoded.of(f"k{n}", _entry(f"第{n}篇")))
    assert len(list((tmp_path / "c").glob("*.pack"))) == 1  # a full pack is written at once
    writer.flush()
    assert len(list((tmp_path / "c").glob("*.pack"))) == 2
    assert reader.get(f"k{PACK_ENTRIES + 2}").documents[0].text == f"第{PACK_ENTRIES + 2}篇"
    assert reader.get("k0").observations == ["第0篇"] and reader.get("missing") is None


def test_a_damaged_entry_in_a_pack_costs_only_that_entry(tmp_path):
    cache = PartCache(tmp_path / "c")
    for n in range(3):
        cache.put(f"k{n}", _entry(f"第{n}篇内容" * 50))
    cache.flush()
    pack = next((tmp_path / "c").glob("*.pack"))
    offset, length, _ = read_pack_index(pack)["k1"]
    data = bytearray(pack.read_bytes())
    data[offset + length // 2] ^= 0xFF
    pack.write_bytes(bytes(data))
    fresh = PartCache(tmp_path / "c")
    assert fresh.get("k1") is None
    assert fresh.get("k0").documents[0].text == "第0篇内容" * 50 and fresh.get("k2") is not None


def test_an_interrupted_pack_is_never_read_and_prune_keeps_only_what_is_used(tmp_path):
    cache = PartCache(tmp_path / "c")
    for n in range(4):
        cache.put(f"k{n}", _entry(f"第{n}篇"))
    cache.flush()
    (tmp_path / "c" / ".tmp-half-written").write_bytes(b"\x28\xb5\x2f\xfd half")
    (tmp_path / "c" / "ab").mkdir()  # the one-file-per-entry layout of earlier versions
    cache.prune({"k1", "k3"})
    assert sorted(p.name for p in (tmp_path / "c").iterdir() if not p.name.endswith(".pack")) == []
    fresh = PartCache(tmp_path / "c")
    assert fresh.get("k0") is None and fresh.get("k2") is None
    assert [fresh.get(k).documents[0].text for k in ("k1", "k3")] == ["第1篇", "第3篇"]
    assert {k for p in (tmp_path / "c").glob("*.pack") for k in read_pack_index(p)} == {"k1", "k3"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6), st.booleans(), st.floats(0, 1)), max_size=12),
       st.text(max_size=40))
def test_an_entry_reads_back_equal_to_what_was_stored(tmp_path_factory, edits, text):
    """Read back, every edit of a stored document is the same Edit (applied or suggested,
    title edits too) and so is everything else."""
    doc = Document(source="a/b.txt", doc_index=2, text=text, title="题", metadata={"encoding": "gbk"},
                   flags={"truncated": True}, split_points=[(3, "t")], quality={"han_share": 0.5})
    for k, (before, after, applied, confidence) in enumerate(edits):
        doc.edits.append(Edit("stage", f"r{k}", before, after, k - 1, applied, confidence, before[:2]))
    doc.replace_spans("later", [Span(0, min(1, len(text)), "x", "rule")])
    cache = PartCache(tmp_path_factory.mktemp("cache"))
    cache.put("k", Entry([doc, Document(source="empty")], [{"seen": 1}, None]))
    cache.flush()
    back = PartCache(cache.folder).get("k")
    assert back is not None and back.documents == [doc, Document(source="empty")]
    assert back.observations == [{"seen": 1}, None]
    assert [type(e) for e in back.documents[0].edits] == [Edit] * len(doc.edits)


def test_a_rebuild_after_one_change_reads_back_only_what_it_needs(tmp_path, monkeypatch):
    """After one file changed, only that file is cleaned; of the other files the rebuild
    reads back no document (only what the corpus stages observe of them), and the last
    pass's rows only of the files in the changed file's batch (the other batches are taken
    whole); the published bytes are those of a build from nothing."""
    from pipeline import passes
    from pipeline.bench_corpus import write_corpus
    from pipeline.tables import Published

    src, out = tmp_path / "in", tmp_path / "out"
    write_corpus(SEEDS, src, 0.25)
    config = load_config(CONFIG)
    config.batch_size = 4
    Build(src, out, "ds", config, progress=False).run()
    files = sorted(p for p in src.rglob("*.txt"))
    changed = files[len(files) // 2]
    changed.write_bytes(changed.read_bytes().replace("。".encode(), "！".encode(), 1)
                        if "。".encode() in changed.read_bytes() else changed.read_bytes() + b"\n")
    name = changed.relative_to(src).as_posix()
    batch = {f.relative_to(src).as_posix() for f in files[len(files) // 2 // 4 * 4:][:4]}
    cleaned, documents_read, rows_read = [], [], []
    run_stages, doc_state, row_state = passes.run_stages, Document.__setstate__, Published.__setstate__
    monkeypatch.setattr(passes, "run_stages", lambda stages, doc, *a, **k: cleaned.append(doc.source)
                        or run_stages(stages, doc, *a, **k))
    monkeypatch.setattr(Document, "__setstate__", lambda self, s: documents_read.append(s["source"])
                        or doc_state(self, s))
    monkeypatch.setattr(Published, "__setstate__", lambda self, s: (s["row"] and rows_read.append(s["source"]))
                        or row_state(self, s))
    again = Build(src, out, "ds", config, progress=False).run()
    assert len(files) >= 12 and set(cleaned) == {name}
    assert documents_read and set(documents_read) == {name}
    assert set(rows_read) <= batch - {name}
    monkeypatch.undo()
    fresh = Build(src, tmp_path / "fresh", "ds", config, progress=False, cache=False).run()
    assert_same_parquet(fresh.version_dir, again.version_dir)
