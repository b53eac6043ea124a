"""A configuration is checked whole before any work: every problem named, exit code 2,
nothing published."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import ConfigError, PipelineConfig, load_config
from tests.conftest import ROOT, SEEDS


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    return path


BAD = {
    "negative batch": ("[pipeline]\nbatch_size = -5\n", ["batch_size"]),
    "zero batch": ("[pipeline]\nbatch_size = 0\n", ["batch_size"]),
    "batch as text": ('[pipeline]\nbatch_size = "many"\n', ["batch_size"]),
    "no stages": ("[pipeline]\nstages = []\n", ["stages is empty"]),
    "no decode": ('[pipeline]\nstages = ["normalize"]\n', ["decode"]),
    "unknown stage": ('[pipeline]\nstages = ["decode", "summarise"]\n', ["summarise"]),
    "unknown opencc": ('[stages.normalize]\nopencc_config = "klingon"\n', ["opencc_config"]),
    "threshold type": ('[stages.fix_typos]\nthreshold = "high"\n', ["threshold"]),
    "threshold range": ("[stages.fix_typos]\nthreshold = 7\n", ["threshold"]),
    "bool for number": ("[stages.strip_repeated_lines]\nmin_documents = true\n", ["min_documents"]),
    "rule file outside": ('[stages.pagination]\nrule_file = "../../etc/passwd"\n', ["rule_file"]),
    "absolute rule file": ('[stages.split_documents]\nrule_file = "/etc/passwd"\n', ["rule_file"]),
    "missing rule file": ('[stages.split_documents]\nrule_file = "nope.toml"\n', ["nope.toml"]),
    "unknown setting": ("[stages.segment]\nsplit_on_comma = true\n", ["split_on_comma"]),
    "unknown section": ("[pipelines]\nbatch_size = 3\n", ["pipelines"]),
    "unknown script": ('[stages.normalize]\nscript = "both"\n', ["script"]),
    "bad codec": ('[stages.decode]\nlegacy_encodings = ["gb18030", "martian"]\n', ["legacy_encodings"]),
    "not toml": ("[pipeline\nstages = \n", ["cannot read config"]),
}


@pytest.mark.parametrize("case", sorted(BAD), ids=sorted(BAD))
def test_a_bad_setting_is_named(tmp_path, case):
    text, words = BAD[case]
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    for word in words:
        assert word in str(err.value)


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, "[pipeline]\nbatch_size = -1\n[stages.fix_typos]\nthreshold = 2\n"
                           '[stages.normalize]\nscript = "x"\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    lines = str(err.value).splitlines()
    assert len(lines) == 4 and all(w in str(err.value) for w in ("batch_size", "threshold", "script"))


def test_the_cli_exits_2_and_publishes_nothing(tmp_path):
    path = write(tmp_path, "[pipeline]\nbatch_size = 0\n")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", "--input", str(SEEDS), "--output", str(out),
                             "--config", str(path), "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "batch_size" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_rule_files_may_come_from_the_users_own_folder(tmp_path):
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "pages.toml").write_text((ROOT / "pipeline" / "rules" / "pagination.toml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    path = tmp_path / "cfg.toml"
    path.write_text('[pipeline]\nrules_dir = "my_rules"\n[stages.pagination]\nrule_file = "pages.toml"\n', encoding="utf-8")
    cfg = load_config(path)
    [(_, settings)] = [(c, s) for c, s in cfg.resolved() if c.name == "pagination"]
    assert Path(settings.rule_file) == (rules / "pages.toml").resolve()
    before = cfg.fingerprint()
    (rules / "pages.toml").write_text((rules / "pages.toml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_config(path).fingerprint() != before  # the user's rules are part of what a version is built from


def test_list_settings_read_back_equal_from_the_manifest():
    import json

    cfg = PipelineConfig()
    assert json.loads(json.dumps(cfg.as_dict())) == cfg.as_dict()
