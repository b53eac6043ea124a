"""The package installs anywhere: a wheel in a fresh venv builds a dataset from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.tables import file_size_bytes
from tests.conftest import ROOT, SEEDS

# What a source distribution carries (MANIFEST.in): the wheel is built from these alone.
PACKAGED = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "pipeline", "schemas")


@pytest.mark.parametrize("stated, expected", [
    ("7.25KB", 7424), ("3 MB", 3 << 20), ("640k", 640 << 10), ("1,536 bytes", 1536), ("99字节", 99),
    ("0.5GiB", 1 << 29), ("12", 12)])
def test_a_stated_file_size_is_read_as_bytes(stated, expected):
    assert file_size_bytes(stated) == expected


@pytest.mark.parametrize("stated", [None, "", "约两页", "KB", "1.2.3MB"])
def test_a_size_that_cannot_be_read_is_null(stated):
    assert file_size_bytes(stated) is None


def _run(args: list, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_wheel_installs_in_a_fresh_venv_and_builds_from_any_folder(tmp_path):
    """Slow (about a minute: the venv installs the dependencies)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    src = tmp_path / "src"
    src.mkdir()
    for name in PACKAGED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, src / name)
    wheel_build = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", tmp_path / "dist", src], tmp_path, env)
    assert not [line for line in wheel_build.stderr.splitlines() if "setuptools" in line.lower() or "Warning:" in line]
    wheel = next((tmp_path / "dist").glob("zh_docsite_dataset-*.whl"))

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path, env)
    py = venv / "bin" / "python"
    _run([py, "-m", "pip", "install", "--quiet", wheel], tmp_path, env)
    work = tmp_path / "elsewhere"
    shutil.copytree(SEEDS, work / "pages")
    where = _run([py, "-c", "import pipeline, pipeline.schema as s; print(pipeline.__file__); print(s.SCHEMA_DIR)"],
                 work, env).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where  # the installed copy, not the checkout
    _run([venv / "bin" / "zh-docsite-dataset", "build", "--input", "pages", "--output", "out"], work, env)
    _run([py, "-m", "pipeline", "versions", "--output", "out"], work, env)
    check = ("from datasets import load_dataset; d = load_dataset('out/pages/v1')['train']; "
             "e = load_dataset('out/pages/v1', 'edits')['train']; print(d.num_rows, e.num_rows)")
    docs, edits = map(int, _run([py, "-c", check], work, env).stdout.split()[-2:])
    assert docs >= len(list(SEEDS.iterdir())) and edits > 0
