"""The pass cache: a rebuild reprocesses only what changed and publishes the same bytes as a
build from nothing; a damaged entry is only a miss; unused entries do not pile up."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.config import load_config
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


def entries(out: Path) -> set[Path]:
    return set((out / "ds" / ".cache").rglob("*.pkl.zst"))


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
    for path in entries(out):
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
    assert after < before and len(after) == len(before) * 3 // 4


def test_workers_and_cache_publish_the_same_bytes(tmp_path):
    src = corpus(tmp_path)
    one = build(src, tmp_path / "one", cache=False)
    two = build(src, tmp_path / "two", workers=2)
    assert_same_parquet(one.version_dir, two.version_dir)
    (src / "extra.txt").write_text("新增的一篇文章，内容完整，讲述了社区工作的新进展。", encoding="utf-8")
    three = build(src, tmp_path / "two", workers=2)  # all but the new file from the cache
    assert three.cached[0] == len(list(src.iterdir())) - 1
    assert_same_parquet(build(src, tmp_path / "three", cache=False).version_dir, three.version_dir)
