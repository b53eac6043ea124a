"""Shared helpers: running stages on a text, the seeds and the gold beside the repo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import PipelineConfig
from pipeline.document import Document
from pipeline.executors import run_stages

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "dev" / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def stages_named(*names: str):
    return PipelineConfig(stages=list(names)).build_stages()


def clean_text(text: str, *names: str, title: str | None = None) -> list[Document]:
    """Run the named stages (all but decode/segment by default) on a text."""
    names = names or ("repair_mojibake", "restore_line_breaks", "strip_site_chrome", "chrome_context", "pagination",
                      "strip_site_chrome",
                      "split_documents", "normalize", "fix_typos")
    return run_stages(stages_named(*names), Document(source="t.txt", text=text, title=title))


def clean_bytes(data: bytes, name: str = "t.txt", **stage_settings) -> list[Document]:
    """The default pipeline on one raw file, without the corpus stage, segmentation and the
    signal stages (quality, deduplicate), which change no text."""
    cfg = PipelineConfig(stage_settings=stage_settings)
    cfg.stages = [s for s in cfg.stages if s not in ("strip_repeated_lines", "segment", "quality", "deduplicate")]
    return run_stages(cfg.build_stages(), Document(source=name, raw=data))


def gold_files() -> list[dict]:
    if not GOLD.is_dir():
        pytest.skip("../shared/dev/gold is not beside this checkout")
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


@pytest.fixture(scope="session")
def seed_version(tmp_path_factory) -> Path:
    """The seeds built once with pipeline.toml, for tests that only read a version."""
    from pipeline.config import load_config
    from pipeline.runner import Build

    out = tmp_path_factory.mktemp("seed_version")
    return Build(SEEDS, out, "seeds", load_config(ROOT / "pipeline.toml"), progress=False).run().version_dir
