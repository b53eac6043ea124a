"""The benchmark corpus: distinct document-site pages generated from the seeds' own lines.

Each page is a mix drawn with a fixed random seed: chrome lines of a seed's header and
footer (banners, breadcrumbs, upload rows, notices), and a body of sentences drawn from all
seeds' prose with their numbers changed, so that no two pages are the same text. Layouts
vary as on real sites (one paragraph per line, hard-wrapped, one-line pages, numbered page
chunks) and so do encodings (UTF-8, GBK, UTF-16). The same seed and size give the same
files, so runs on one machine compare.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

SENTENCE = re.compile(r"[^。！？]+[。！？][”’）」]*")
DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Material:
    headers: list[list[str]]  # per seed: its chrome lines before the body
    footers: list[list[str]]  # per seed: its chrome lines after the body
    sentences: list[str]


def is_prose(line: str) -> bool:
    return len(line) >= 40 and "。" in line


def material(seeds: Path) -> Material:
    headers, footers, sentences = [], [], []
    for path in sorted(p for p in seeds.iterdir() if p.is_file()):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        prose = [i for i, line in enumerate(lines) if is_prose(line)]
        if not prose:
            continue
        headers.append(lines[: prose[0]])
        footers.append(lines[prose[-1] + 1:])
        for i in prose:
            sentences += [s for s in SENTENCE.findall(lines[i]) if len(s) >= 8]
    return Material(headers, footers, sentences)


def _vary_numbers(text: str, rng: random.Random) -> str:
    return DIGITS.sub(lambda m: str(rng.randint(1, 10 ** min(len(m.group()), 4))), text)


def page(m: Material, rng: random.Random, target_chars: int) -> str:
    k = rng.randrange(len(m.headers))
    body: list[str] = []
    size = 0
    while size < target_chars:
        paragraph = "".join(_vary_numbers(rng.choice(m.sentences), rng) for _ in range(rng.randint(1, 6)))
        body.append(paragraph)
        size += len(paragraph)
    layout = rng.random()
    if layout < 0.1:  # a one-line page
        return " ".join(m.headers[k] + body + m.footers[k])
    if layout < 0.25:  # hard-wrapped, as a PDF extraction
        width = rng.randint(30, 45)
        body = [p[i:i + width] for p in body for i in range(0, len(p), width)]
    elif layout < 0.35:  # numbered page chunks that split the text
        joined = "".join(body)
        step = max(200, len(joined) // rng.randint(3, 8))
        body = [f"{n + 1}、{joined[i:i + step]}" for n, i in enumerate(range(0, len(joined), step))]
    return "\n".join(m.headers[k] + body + m.footers[k]) + "\n"


def encode(text: str, rng: random.Random) -> bytes:
    choice = rng.random()
    if choice < 0.1:
        return text.encode("gbk", "replace")
    if choice < 0.15:
        return text.encode("utf-16")
    return text.encode("utf-8")


def write_corpus(seeds: Path, folder: Path, megabytes: float, seed: int = 13) -> list[Path]:
    """Distinct pages of 4–40 KB under `folder` until `megabytes` of raw input are written."""
    m = material(seeds)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written, total, n = [], 0, 0
    while total < megabytes * 1e6:
        data = encode(page(m, rng, rng.randint(1500, 13000)), rng)
        path = folder / f"{n // 1000:03d}" / f"page_{n:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        written.append(path)
        total += len(data)
        n += 1
    return written
