"""With several workers the build's process warms the later passes' stages during the first
pass (pipeline.warmup), and publishes the same bytes as one worker."""

from __future__ import annotations

import shutil

from pipeline import warmup
from pipeline.config import load_config
from pipeline.passes import parts
from pipeline.runner import Build
from pipeline.stages.base import CorpusStage
from tests.conftest import ROOT, SEEDS
from tests.test_build import assert_same_parquet


def test_two_workers_are_forked_warm_for_the_later_passes(tmp_path, monkeypatch):
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    config = load_config(ROOT / "pipeline.toml")

    warmers: list[warmup.Warmer] = []
    offer = warmup.Warmer.offer

    def offered(self, result):
        offer(self, result)
        if self._thread is not None and self not in warmers:
            warmers.append(self)

    def finish(self):  # wait for the whole warm-up (a pass of 4 files ends before it would)
        if self._thread is not None:
            self._thread.join()

    monkeypatch.setattr(warmup.Warmer, "offer", offered)
    monkeypatch.setattr(warmup.Warmer, "stop", finish)
    two = Build(src, tmp_path / "two", "ds", config, progress=False, workers=2).run()
    later = [s.name for part in parts(config.build_stages())[1:] for s in part if not isinstance(s, CorpusStage)]
    assert len(warmers) == 1 and warmers[0].warmed == later and "segment" in later
    one = Build(src, tmp_path / "one", "ds", config, progress=False, workers=1, cache=False).run()
    assert_same_parquet(one.version_dir, two.version_dir)
