"""A fresh clone builds with the README's dataset command, and the result loads."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_fresh_clone_make_dataset(tmp_path):
    if not (ROOT / ".git").exists() or shutil.which("make") is None:
        pytest.skip("needs a git checkout and make")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    shutil.rmtree(clone / "data", ignore_errors=True)  # build from nothing, not the committed versions
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    result = subprocess.run(["make", "dataset"], cwd=clone, env=env, capture_output=True, text=True, timeout=1500)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    version = clone / "data" / "seeds" / "v1"
    assert (version / "manifest.json").is_file()
    check = ("from datasets import load_dataset; d = load_dataset('data/seeds/v1')['train']; "
             "assert d.num_rows >= 5; print(d.num_rows)")
    out = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-c", check], cwd=clone, env=env,
                         capture_output=True, text=True, check=True)
    assert int(out.stdout.strip().splitlines()[-1]) >= 5
    assert Path(clone / "README.md").is_file()
