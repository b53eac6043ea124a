"""Where two texts of one document differ, inside the paragraph, and which edits explain it.

Paragraphs (lines) are aligned first; a paragraph that changed is then compared token by
token, a token being one Han character, one punctuation mark, one run of spaces or one
Latin word or number, so a two-character change in a 300-character paragraph shows as
those two characters. Each change is annotated with the edits, of either version, that
lie on it and that the other version does not have at the same place: a typo fix that
one version applied and the other only suggested, chrome one version removed, etc.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from pipeline.document import Edit
from pipeline.stages.split_documents import final_positions

TOKEN = re.compile(r"[A-Za-z0-9]+(?:['.][A-Za-z0-9]+)*|\s+|.", re.S)
SIMILAR = 0.5  # paragraphs of a replaced block this alike are compared inside, not removed and added
SHORT_EQUAL = 2  # characters
MAX_PAIRINGS = 40_000  # past this many paragraph comparisons in one block, pair them by position


@dataclass(frozen=True)
class Piece:
    op: str  # "equal", "delete" or "insert"
    text: str


@dataclass
class Change:
    """One run of deleted and/or inserted text, with its place in both texts."""

    old: str
    new: str
    old_pos: int
    new_pos: int
    edits: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Hunk:
    """A changed paragraph (both indexes), or a paragraph only one text has."""

    old_line: int | None
    new_line: int | None
    pieces: list[Piece]
    changes: list[Change]


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _offsets(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    return out


def _pair(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    """Pair the paragraphs of a replaced block in order, each old one with the first
    later new one that resembles it; the others were removed or added."""
    if len(a) * len(b) > MAX_PAIRINGS:
        return [(i if i < len(a) else None, i if i < len(b) else None) for i in range(max(len(a), len(b)))]
    pairs: list[tuple[int | None, int | None]] = []
    j = 0
    for i, line in enumerate(a):
        match = next((k for k in range(j, len(b)) if SequenceMatcher(None, line, b[k], autojunk=False).quick_ratio()
                      >= SIMILAR and SequenceMatcher(None, line, b[k], autojunk=False).ratio() >= SIMILAR), None)
        if match is None:
            pairs.append((i, None))
            continue
        pairs += [(None, k) for k in range(j, match)] + [(i, match)]
        j = match + 1
    return pairs + [(None, k) for k in range(j, len(b))]


def _opcodes(ta: list[str], tb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with an unchanged stretch of at most SHORT_EQUAL characters
    between two changes absorbed into one change: 局部→部分 reads as one replacement,
    not as 局 added and 分 removed around an unchanged 部."""
    ops = SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes()
    out: list[tuple[str, int, int, int, int]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        short = tag == "equal" and 0 < k < len(ops) - 1 and len("".join(ta[i1:i2])) <= SHORT_EQUAL
        if tag != "equal" or short:
            if out and out[-1][0] == "replace":
                out[-1] = ("replace", out[-1][1], i2, out[-1][3], j2)
            else:
                out.append(("replace", i1, i2, j1, j2))
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def _inline(old: str, new: str, old_pos: int, new_pos: int) -> tuple[list[Piece], list[Change]]:
    ta, tb = tokens(old), tokens(new)
    pieces: list[Piece] = []
    changes: list[Change] = []
    a_off = [0]
    for t in ta:
        a_off.append(a_off[-1] + len(t))
    b_off = [0]
    for t in tb:
        b_off.append(b_off[-1] + len(t))
    for tag, i1, i2, j1, j2 in _opcodes(ta, tb):
        if tag == "equal":
            pieces.append(Piece("equal", "".join(ta[i1:i2])))
            continue
        gone, came = "".join(ta[i1:i2]), "".join(tb[j1:j2])
        pieces += [Piece(op, s) for op, s in (("delete", gone), ("insert", came)) if s]
        changes.append(Change(gone, came, old_pos + a_off[i1], new_pos + b_off[j1]))
    return pieces, changes


def paragraph_hunks(old: str, new: str) -> list[Hunk]:
    """The changed paragraphs of `old` → `new`, each with its inline pieces and changes."""
    a, b = old.split("\n"), new.split("\n")
    a_at, b_at = _offsets(a), _offsets(b)
    hunks: list[Hunk] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for i, k in _pair(a[i1:i2], b[j1:j2]):
            oi = None if i is None else i1 + i
            nk = None if k is None else j1 + k
            old_text = a[oi] if oi is not None else ""
            new_text = b[nk] if nk is not None else ""
            old_pos = a_at[oi] if oi is not None else (a_at[i1] if i1 < len(a) else len(old))
            new_pos = b_at[nk] if nk is not None else (b_at[j1] if j1 < len(b) else len(new))
            pieces, changes = _inline(old_text, new_text, old_pos, new_pos)
            hunks.append(Hunk(oi, nk, pieces, changes))
    return hunks


@dataclass(frozen=True)
class PlacedEdit:
    """An edit and the span of the published text it left (empty for a removal)."""

    stage: str
    rule: str
    before: str
    after: str
    applied: bool
    start: int
    end: int

    def key(self) -> tuple:
        return (self.stage, self.rule, self.before, self.after, self.applied)

    def as_dict(self, version: str) -> dict[str, Any]:
        return {"version": version, "stage": self.stage, "rule": self.rule, "before": self.before,
                "after": self.after, "applied": self.applied}


def place_edits(rows: Iterable[dict[str, Any]]) -> list[PlacedEdit]:
    """Rows of the edits table of one document (any order) placed in its published text."""
    rows = sorted(rows, key=lambda r: r["seq"])
    edits = [Edit(r["stage"], r["rule"], r["before"], r["after"], r["position"], r["applied"]) for r in rows]
    out = []
    for e, pos in zip(edits, final_positions(edits)):
        shown = e.after if e.applied else e.before
        out.append(PlacedEdit(e.stage, e.rule, e.before, e.after, e.applied, pos, pos + len(shown)))
    return out


def _touching(edits: list[PlacedEdit], start: int, end: int) -> list[PlacedEdit]:
    return [e for e in edits if e.start <= end and start <= e.end]


def _same_text(change: Change, edit: PlacedEdit) -> bool:
    """The edit wrote or removed the changed text (one holds the other)."""
    texts = [t for t in (edit.before.strip(), edit.after.strip()) if t]
    return any(a in b or b in a for a in (change.old.strip(), change.new.strip()) if a for b in texts)


def explain(hunks: list[Hunk], old_edits: list[PlacedEdit], new_edits: list[PlacedEdit],
            labels: tuple[str, str] = ("old", "new")) -> None:
    """Annotate each change with the edits on it that the other version lacks there; of
    several edits at one place (two lines removed at the same offset), those whose text
    is the changed text."""
    for hunk in hunks:
        for change in hunk.changes:
            olds = _touching(old_edits, change.old_pos, change.old_pos + len(change.old))
            news = _touching(new_edits, change.new_pos, change.new_pos + len(change.new))
            old_keys, new_keys = {e.key() for e in olds}, {e.key() for e in news}
            found = ([(e, labels[0]) for e in olds if e.key() not in new_keys]
                     + [(e, labels[1]) for e in news if e.key() not in old_keys])
            matching = [(e, side) for e, side in found if _same_text(change, e)]
            change.edits = [e.as_dict(side) for e, side in matching or found]


def trim(pieces: list[Piece], context: int) -> list[Piece]:
    """Shorten unchanged text to `context` characters either side of a change."""
    out = []
    for n, p in enumerate(pieces):
        if p.op != "equal" or len(p.text) <= 2 * context + 1:
            out.append(p)
            continue
        head = p.text[:context] if n > 0 else ""
        tail = p.text[len(p.text) - context:] if n < len(pieces) - 1 and context else ""
        out.append(Piece("equal", f"{head}…{tail}"))
    return out
