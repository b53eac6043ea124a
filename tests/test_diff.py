"""`python -m pipeline diff`: documents paired by id, text changes and edits by rule."""

from __future__ import annotations

import subprocess
import sys

from pipeline.config import load_config
from pipeline.diff import diff_versions, text_diff
from pipeline.runner import Build
from tests.conftest import ROOT, SEEDS


def test_a_stricter_typo_threshold_shows_as_changed_text_and_fewer_fixes(tmp_path):
    cfg = load_config(ROOT / "pipeline.toml")
    first = Build(SEEDS, tmp_path, "seeds", cfg, progress=False).run().version_dir
    cfg.stage_settings["fix_typos"] = {"threshold": 0.99}
    second = Build(SEEDS, tmp_path, "seeds", cfg, progress=False).run().version_dir
    d = diff_versions(first, second)
    assert not d.added and not d.removed
    changed = {new["source"] for _, new in d.changed}
    assert changed and all(name.startswith(("001", "003")) for name in changed)
    assert d.unchanged == 5 - len(d.changed)
    assert d.rule_counts["fix_typos/kaizhan_fazhan"][0] > 0 == d.rule_counts["fix_typos/kaizhan_fazhan"][1]
    assert any("threshold" in line for line in d.build_changes)
    out = subprocess.run([sys.executable, "-m", "pipeline", "diff", str(first), str(second)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "changed" in out and "fix_typos/kaizhan_fazhan" in out and "-" in out


def test_a_version_compared_with_itself_has_no_changes(tmp_path):
    version = Build(SEEDS, tmp_path, "seeds", load_config(ROOT / "pipeline.toml"), progress=False).run().version_dir
    d = diff_versions(version, version)
    assert (d.added, d.removed, d.changed, d.unchanged) == ([], [], [], 5)
    assert all(a == b for a, b in d.rule_counts.values())


def test_text_diff_shows_changed_paragraphs_only():
    lines = text_diff("甲段。\n乙段。\n丙段。", "甲段。\n乙段改了。\n丙段。", context=0)
    assert "-乙段。" in lines and "+乙段改了。" in lines and "甲段。" not in " ".join(lines)
