"""Which files under the input folder a build reads, and why each other entry is not read.

Every entry under the input folder ends in exactly one list: `sources` (read and cleaned),
`rejected` (could not or must not be read: the reason says which) or `ignored` (hidden
entries, whose names start with `.`, and the build's own output folder when it lies inside
the input). Nothing is skipped without being named, so a build can account for every file.

Symbolic links are never followed out of the input folder unless `follow_symlinks` is set:
a link to a file inside the folder is read like the file; a link that leads outside, a
dangling link and a link to a folder are rejected with that reason. FIFOs, sockets and
devices are rejected without being opened (reading a FIFO would block the build). Names
that are not valid UTF-8 (archives unpacked from GBK systems) are rejected, shown with
their bad bytes escaped.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.publish import sha256_file


@dataclass(frozen=True)
class Source:
    """A file to read: its name in the dataset (relative posix path), where it is, and the
    sha256 of its bytes when it was listed."""

    name: str
    path: Path
    sha256: str = ""


@dataclass
class InputListing:
    sources: list[Source] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    ignored: list[dict[str, str]] = field(default_factory=list)
    sha256: dict[str, str] = field(default_factory=dict)

    @property
    def entries(self) -> int:
        return len(self.sources) + len(self.rejected) + len(self.ignored)

    def reject(self, name: str, reason: str) -> None:
        self.rejected.append({"source": name, "reason": reason})


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 are shown as \\xNN escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _kind(mode: int) -> str:
    for test, label in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device")):
        if test(mode):
            return label
    return "not a regular file"


class _Walker:
    def __init__(self, root: Path, exclude: list[Path], follow_symlinks: bool, max_file_bytes: int) -> None:
        self.root = root.resolve()
        self.exclude = [p.resolve() for p in exclude]
        self.follow_symlinks, self.max_file_bytes = follow_symlinks, max_file_bytes
        self.out = InputListing()

    def walk(self, folder: Path, rel: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            self.out.reject(rel + "/" if rel else ".", f"folder cannot be read: {exc.strerror or exc}")
            return
        for entry in entries:
            name = f"{rel}/{entry.name}" if rel else entry.name
            self.visit(entry, name)

    def visit(self, entry: os.DirEntry, name: str) -> None:
        shown = printable(name)
        path = Path(entry.path)
        if entry.name.startswith("."):
            self.out.ignored.append({"source": shown, "reason": "hidden (name starts with '.')"})
            return
        # Only a folder (or a link to one) can be the output folder: a plain file is not
        # resolved (resolving every file cost more than hashing it).
        if (entry.is_symlink() or entry.is_dir(follow_symlinks=False)) \
                and any(path.resolve() == ex for ex in self.exclude):
            self.out.ignored.append({"source": shown, "reason": "the output folder of this build"})
            return
        if not _is_utf8(name):
            self.out.reject(shown, "file name is not valid UTF-8 (re-encode the names, e.g. with convmv)")
            return
        try:
            if entry.is_symlink():
                self.link(path, shown)
            elif entry.is_dir(follow_symlinks=False):
                self.walk(path, name)
            else:
                self.file(path, shown, entry.stat(follow_symlinks=False))
        except OSError as exc:
            self.out.reject(shown, f"cannot be read: {exc.strerror or exc}")

    def link(self, path: Path, name: str) -> None:
        target = Path(os.path.realpath(path))
        if not target.exists():
            self.out.reject(name, "dangling symbolic link")
        elif target.is_dir():
            self.out.reject(name, "symbolic link to a folder (links to folders are not followed)")
        elif not (target.is_relative_to(self.root) or self.follow_symlinks):
            self.out.reject(name, "symbolic link to a file outside the input folder "
                                  "(not followed; --follow-symlinks allows it)")
        else:
            self.file(path, name, target.stat())

    def file(self, path: Path, name: str, st: os.stat_result) -> None:
        if not stat.S_ISREG(st.st_mode):
            self.out.reject(name, f"{_kind(st.st_mode)}, not a regular file")
        elif st.st_size > self.max_file_bytes:
            self.out.reject(name, f"{st.st_size / 1e6:.1f} MB, over the size limit of "
                                  f"{self.max_file_bytes / 1e6:.1f} MB (setting max_file_mb)")
        else:
            try:
                self.out.sha256[name] = sha256_file(path)
            except OSError as exc:
                self.out.reject(name, f"cannot be read: {exc.strerror or exc}")
                return
            self.out.sources.append(Source(name, path, self.out.sha256[name]))


def list_inputs(input_dir: Path, exclude: list[Path] | None = None, follow_symlinks: bool = False,
                max_file_bytes: int = 16_000_000) -> InputListing:
    """Every entry under `input_dir`, sorted by name, each in one of the listing's three lists.
    `exclude`: folders to leave out (the build's own output when it lies inside the input)."""
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {input_dir} does not exist")
    walker = _Walker(input_dir, exclude or [], follow_symlinks, max_file_bytes)
    walker.walk(input_dir, "")
    return walker.out
