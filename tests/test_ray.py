"""The same build on Ray Data publishes the same bytes as the local executors (the `[ray]`
extra, which `make setup` installs)."""

from __future__ import annotations

import shutil

from pipeline.config import load_config
from pipeline.runner import Build
from tests.conftest import ROOT, SEEDS
from tests.test_build import assert_same_parquet


def test_ray_publishes_what_the_local_executor_publishes(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    (src / "copy.txt").write_bytes((SEEDS / "000_22b6e90dc226f689.txt").read_bytes())  # corpus state and a duplicate
    cfg = load_config(ROOT / "pipeline.toml")
    local = Build(src, tmp_path / "local", "ds", cfg, progress=False, cache=False).run()
    on_ray = Build(src, tmp_path / "ray", "ds", cfg, progress=False, workers=2, executor="ray").run()
    assert on_ray.published and on_ray.dropped == local.dropped
    assert_same_parquet(local.version_dir, on_ray.version_dir)
    (src / "extra.txt").write_text("新增的一篇文章，内容完整，讲述了社区工作的新进展。", encoding="utf-8")
    again = Build(src, tmp_path / "ray", "ds", cfg, progress=False, workers=2, executor="ray").run()
    assert again.cached[0] == len(list(src.iterdir())) - 1  # the cache works across executors
    fresh = Build(src, tmp_path / "fresh", "ds", cfg, progress=False, cache=False).run()
    assert_same_parquet(fresh.version_dir, again.version_dir)
