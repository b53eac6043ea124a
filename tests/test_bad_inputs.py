"""Bad inputs cost no other document: every input is published, rejected or dropped with a
reason (or ignored by the documented hidden-file rule), and the seeds come out the same."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import inputs
from pipeline.config import load_config
from pipeline.runner import Build, BuildRefused
from tests.conftest import ROOT, SEEDS
from tests.test_build import assert_same_parquet

CONFIG = ROOT / "pipeline.toml"
GBK_NAME = "工作总结".encode("gbk") + b".txt"  # not valid UTF-8: an archive unpacked from a GBK system


def write_bad_inputs(folder: Path, outside: Path) -> dict[str, str]:
    """At least twenty kinds of bad input. Returns {name as reported: what must be said}."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text("外部文件的内容，不能被发布。这是一段完整的中文句子。", encoding="utf-8")
    (outside / "folder").mkdir(exist_ok=True)
    expect: dict[str, str] = {}

    def put(name: str, data: bytes, why: str) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        expect[name] = why

    put("garbage.bin", bytes(range(128, 256)) * 40, "not valid UTF-8")
    put("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF")
    put("report.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "ZIP")
    put("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "OLE2")
    put("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG")
    put("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(64), "JPEG")
    put("page.html", "<!DOCTYPE html>\n<html><body><p>正文内容在这里。</p></body></html>".encode(), "HTML")
    put("upper.HTM", "<HTML lang='zh'><head><title>标题</title></head></HTML>".encode(), "HTML")
    put("archive.gz", b"\x1f\x8b\x08\x00" + bytes(40), "gzip")
    put("big.txt", ("很长的一行文字。" * 60_000).encode(), "over the size limit")
    put("empty.txt", b"", "empty after cleaning")
    put("nul.txt", b"\x00" * 500, "empty after cleaning")
    put("spaces.txt", " \n\t\r\n\u3000\n".encode(), "empty after cleaning")
    put("only_chrome.txt", "您好,欢迎访问某某文档网\n第1页 / 共3页\n".encode(), "empty after cleaning")
    put("sub/.DS_Store", b"\x00\x00\x00\x01Bud1", "hidden")
    put(".hidden_notes.txt", "隐藏的笔记。".encode(), "hidden")
    (folder / ".git").mkdir(exist_ok=True)
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    expect[".git"] = "hidden"
    os.symlink(outside / "secret.txt", folder / "link_out.txt")
    expect["link_out.txt"] = "outside the input folder"
    os.symlink(outside / "folder", folder / "link_dir")
    expect["link_dir"] = "folder"
    os.symlink(folder / "no_such_file.txt", folder / "dangling.txt")
    expect["dangling.txt"] = "dangling"
    os.mkfifo(folder / "pipe.txt")
    expect["pipe.txt"] = "FIFO"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))
    sock.close()
    expect["sock.txt"] = "socket"
    with open(os.fsencode(folder) + b"/" + GBK_NAME, "wb") as fh:
        fh.write("正文。".encode())
    expect[inputs.printable(os.fsdecode(GBK_NAME))] = "not valid UTF-8"
    put("locked.txt", "这个文件读不了。".encode(), "Permission denied")
    return expect


@pytest.fixture()
def unreadable(monkeypatch):
    """locked.txt cannot be read (chmod 000 does not stop root, so the read is made to fail)."""
    real = inputs.sha256_file

    def sha256_file(path: Path) -> str:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(inputs, "sha256_file", sha256_file)


def build(src: Path, out: Path, **options):
    cfg = load_config(CONFIG)
    cfg.max_file_mb = 1
    return Build(src, out, "seeds", cfg, progress=False, **options).run()


def accounted(report) -> dict[str, str]:
    named = {e["source"]: e["reason"] for e in report.rejected + report.ignored}
    named.update({e["source"]: e["reason"] for e in report.dropped})
    return named


def test_bad_inputs_are_named_and_cost_the_seeds_nothing(tmp_path, unreadable):
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    expect = write_bad_inputs(src, tmp_path / "outside")
    assert len(expect) >= 20
    alone = build(SEEDS, tmp_path / "alone")
    mixed = build(src, tmp_path / "mixed")
    assert mixed.published
    assert_same_parquet(alone.version_dir, mixed.version_dir)
    named = accounted(mixed)
    for name, why in expect.items():
        assert name in named, f"{name} is not accounted for"
        assert why.lower() in named[name].lower(), (name, named[name])
    # Every entry of the folder is accounted for, exactly once.
    published = {p.name for p in SEEDS.iterdir()}
    assert mixed.files_in == len(published) + len(expect)
    assert len(named) + len(published) == mixed.files_in
    manifest = json.loads((mixed.version_dir / "manifest.json").read_text())
    assert {e["source"] for e in manifest["rejected"]} == {e["source"] for e in mixed.rejected}
    assert all(e["reason"] for e in manifest["rejected"] + manifest["ignored"])
    card = (mixed.version_dir / "README.md").read_text()
    summary = mixed.summary()
    for entry in mixed.rejected + mixed.ignored:
        assert entry["source"] in card and entry["source"] in summary
    assert "外部文件" not in (mixed.version_dir / "documents" / "train-00000.parquet").read_bytes().decode("latin-1")


def test_strict_publishes_nothing_when_an_input_is_rejected(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    (src / "garbage.bin").write_bytes(bytes(range(128, 256)) * 40)
    with pytest.raises(BuildRefused, match="garbage.bin"):
        build(src, tmp_path / "out", strict=True)
    assert not (tmp_path / "out" / "seeds" / "v1").exists()
    assert build(src, tmp_path / "out").published  # without --strict the seeds are published


def test_a_build_with_no_document_fails_unless_allowed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "garbage.bin").write_bytes(bytes(range(128, 256)) * 40)
    with pytest.raises(BuildRefused, match="no document"):
        build(src, tmp_path / "out")
    assert not list((tmp_path / "out" / "seeds").glob("v*"))
    report = build(src, tmp_path / "out", allow_empty=True)
    assert report.published and report.docs_out == 0


def test_a_link_inside_the_folder_is_read_and_one_outside_only_when_asked(tmp_path):
    src, outside = tmp_path / "in", tmp_path / "outside"
    shutil.copytree(SEEDS, src)
    outside.mkdir()
    text = "外部文件里是一篇完整的文章。它讲的是社区治理的经验和做法，内容与种子文件都不相同。"
    (outside / "essay.txt").write_text(text, encoding="utf-8")
    os.symlink(outside / "essay.txt", src / "essay_link.txt")
    report = build(src, tmp_path / "a")
    assert "essay_link.txt" in {e["source"] for e in report.rejected}
    report = build(src, tmp_path / "b", follow_symlinks=True)
    assert "essay_link.txt" not in {e["source"] for e in report.rejected} and report.docs_out == 6


def test_the_output_folder_inside_the_input_is_not_read(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    first = build(src, src / "out")
    (src / "extra.txt").write_text("新增的一篇文章，内容完整，讲述了社区工作的新进展。", encoding="utf-8")
    second = build(src, src / "out")
    assert second.published and second.docs_out == first.docs_out + 1
    assert {e["source"]: e["reason"] for e in second.ignored} == {"out": "the output folder of this build"}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("name", ["../escape", "../../x", "/tmp/abs", "a/b", "..", ".", ".hidden", ""])
def test_a_dataset_name_that_is_not_a_plain_name_is_refused(tmp_path, name):
    out = tmp_path / "deep" / "out"
    result = run_cli("build", "--input", str(SEEDS), "--output", str(out), "--name", name, "--no-progress")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "escape").exists() and not (tmp_path / "deep" / "x").exists()
    assert not out.exists() or not any(out.rglob("manifest.json"))
    listing = run_cli("versions", "--output", str(out), "--name", name)
    assert listing.returncode == 2 and "Traceback" not in listing.stderr
