"""Publishing is safe: verify finds any flipped byte, a corrupt newest version stops the next
build, concurrent builds serialise, and a killed build leaves nothing behind."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.runner import Build, BuildRefused
from pipeline.verify import verify_version
from tests.conftest import ROOT, SEEDS
from tests.test_build import assert_same_parquet

CONFIG = ROOT / "pipeline.toml"


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT, **kwargs)


@pytest.fixture(scope="module")
def version(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pub")
    return Build(SEEDS, out, "seeds", load_config(CONFIG), progress=False).run().version_dir


def flipped_copy(version: Path, tmp_path: Path, rel: str, at: float) -> Path:
    copy = tmp_path / "seeds" / version.name
    shutil.copytree(version, copy)
    path = copy / rel
    data = bytearray(path.read_bytes())
    i = int(at * (len(data) - 1))
    data[i] ^= 0x01
    path.write_bytes(bytes(data))
    return copy


def test_a_fresh_version_verifies(version):
    assert verify_version(version) == []
    result = cli("verify", str(version))
    assert result.returncode == 0 and "ok" in result.stdout


@pytest.mark.parametrize("rel", ["documents/train-00000.parquet", "sentences/train-00000.parquet",
                                 "edits/train-00000.parquet", "manifest.json", "README.md"])
@pytest.mark.parametrize("at", [0.1, 0.5, 0.9])
def test_one_flipped_byte_is_found_and_named(version, tmp_path, rel, at):
    copy = flipped_copy(version, tmp_path, rel, at)
    problems = verify_version(copy)
    assert problems and any(rel.split("/")[-1] in p for p in problems), problems
    result = cli("verify", str(copy))
    assert result.returncode == 1 and rel.split("/")[-1] in result.stdout and "Traceback" not in result.stderr


def test_a_text_that_does_not_match_its_hash_is_found(version, tmp_path):
    """Even with the manifest re-hashed to hide it, the row's text_sha256 tells."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.publish import manifest_checksum, manifest_text, sha256_file

    copy = tmp_path / "v1"
    shutil.copytree(version, copy)
    path = copy / "documents" / "train-00000.parquet"
    table = pq.read_table(path)
    texts = table.column("text").to_pylist()
    texts[0] = texts[0].replace("。", "，", 1)
    pq.write_table(table.set_column(table.schema.get_field_index("text"), "text", pa.array(texts)), path)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["outputs"]["documents/train-00000.parquet"] = sha256_file(path)
    manifest["checksum"] = manifest_checksum(manifest)
    (copy / "manifest.json").write_text(manifest_text(manifest))
    problems = verify_version(copy)
    assert any("text_sha256" in p for p in problems), problems


def test_a_corrupt_newest_version_stops_the_build_and_repair_goes_on(tmp_path):
    cfg = load_config(CONFIG)
    first = Build(SEEDS, tmp_path, "seeds", cfg, progress=False).run().version_dir
    (first / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BuildRefused, match="manifest.json"):
        Build(SEEDS, tmp_path, "seeds", cfg, progress=False).run()
    result = cli("build", "--input", str(SEEDS), "--output", str(tmp_path), "--name", "seeds", "--config", str(CONFIG),
                 "--no-progress")
    assert result.returncode == 1 and "--repair" in result.stderr and "Traceback" not in result.stderr
    listing = cli("versions", "--output", str(tmp_path))
    assert listing.returncode == 0 and "CORRUPT" in listing.stdout
    repaired = Build(SEEDS, tmp_path, "seeds", cfg, progress=False, repair=True).run()
    manifest = json.loads((repaired.version_dir / "manifest.json").read_text())
    assert repaired.version_dir.name == "v2" and manifest["previous_version"] is None
    assert manifest["corrupt_versions_skipped"] == ["v1"]


def test_a_rebuild_over_a_tampered_version_is_not_unchanged(tmp_path):
    cfg = load_config(CONFIG)
    first = Build(SEEDS, tmp_path, "seeds", cfg, progress=False).run().version_dir
    shard = first / "edits" / "train-00000.parquet"
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0x10
    shard.write_bytes(bytes(data))
    with pytest.raises(BuildRefused):
        Build(SEEDS, tmp_path, "seeds", cfg, progress=False).run()


def test_published_folders_are_readable_by_everyone(version):
    for path in [version, *version.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_committed_versions_verify():
    result = cli("verify", "--all", "--output", str(ROOT / "data"))
    assert result.returncode == 0, result.stdout


def start_build(src: Path, out: Path, workers: int = 1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "build", "--input", str(src), "--output", str(out),
                             "--name", "ds", "--config", str(CONFIG), "--no-progress", "--workers", str(workers)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def run_together(*sources: Path, out: Path) -> list[Path]:
    procs = [start_build(src, out) for src in sources]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "Traceback" not in err, err
    assert not list((out / "ds").glob(".draft-*"))
    return sorted((out / "ds").glob("v*"), key=lambda p: int(p.name[1:]))


def test_two_builds_of_the_same_input_at_once_publish_one_version(tmp_path):
    versions = run_together(SEEDS, SEEDS, out=tmp_path / "out")
    assert [v.name for v in versions] == ["v1"]


def test_two_builds_of_different_inputs_at_once_publish_one_after_the_other(tmp_path):
    other = tmp_path / "b"
    shutil.copytree(SEEDS, other)
    (other / "extra.txt").write_text("另一篇文章，内容完整，讲述了一个街道的治理经验。", encoding="utf-8")
    versions = run_together(SEEDS, other, out=tmp_path / "out")
    assert [v.name for v in versions] == ["v1", "v2"]
    manifests = [json.loads((v / "manifest.json").read_text()) for v in versions]
    assert manifests[0]["previous_version"] is None and manifests[1]["previous_version"] == "v1"
    assert manifests[0]["fingerprint"] != manifests[1]["fingerprint"]


def pids_in_group(pgid: int) -> list[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,pgid=,stat="], capture_output=True, text=True).stdout
    return [int(pid) for pid, group, state in (line.split()[:3] for line in out.splitlines())
            if int(group) == pgid and not state.startswith("Z")]


def test_killed_builds_leave_nothing_behind(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):  # enough files that a kill lands mid-build
        for p in SEEDS.iterdir():
            text = p.read_text(encoding="utf-8").replace("同志们", f"同志们（第{i}场）")
            (src / f"{i:02d}_{p.name}").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    rng = random.Random(7)
    for k in range(10):
        proc = start_build(src, out, workers=2)
        time.sleep(rng.uniform(0.3, 6.0))
        if k % 2:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole process group
        else:
            os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers must follow it
        proc.communicate()
        deadline = time.time() + 10
        while pids_in_group(proc.pid) and time.time() < deadline:
            time.sleep(0.2)
        assert pids_in_group(proc.pid) == [], "a worker outlived the killed build"
        for v in (out / "ds").glob("v*"):
            assert verify_version(v) == [], v  # any version there is whole
    final = start_build(src, out, workers=2)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    assert not list((out / "ds").glob(".draft-*"))
    clean = Build(src, tmp_path / "clean", "ds", load_config(CONFIG), progress=False).run().version_dir
    newest = sorted((out / "ds").glob("v*"), key=lambda p: int(p.name[1:]))[-1]
    assert_same_parquet(clean, newest)
