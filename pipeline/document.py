"""The record that flows through the pipeline, and the one way its text is changed.

A `Document` carries its text and an ordered log of `Edit`s. Stages never assign
`doc.text` directly: they call `doc.replace_spans(...)`, which applies a set of
non-overlapping replacements and logs each one with its stage, rule and position.
Because every edit stores what it removed (`before`) and what it wrote (`after`) at a
position in the text as it stood just before that edit, the log can be replayed
backwards (`revert`) to recover the decoded input exactly: nothing is lost outside a
recorded edit, and a test holds the pipeline to that.

The title is published too, so it changes the same accountable way: `set_title` logs an
edit at position `TITLE` (-1), `before` the title until then ("" for none), `after` the
new one. Text replay (`revert`) skips those; `revert_title` replays them.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import add, ge, ne, sub
from typing import Any, NamedTuple

# The position of an edit to the document's title rather than its text.
TITLE = -1


class Edit(NamedTuple):
    """One change to a document's text, as the `edits` table publishes it. A tuple: a
    stage may log tens of thousands per document, made in bulk (`replace_spans`) and
    carried between passes as plain tuples (`Document.__getstate__`)."""

    stage: str
    rule: str
    before: str
    after: str
    position: int
    applied: bool = True
    confidence: float = 1.0
    evidence: str = ""


# Made without NamedTuple's Python-level __new__: tuple.__new__(Edit, fields).
_new = tuple.__new__


class Span(NamedTuple):
    """A proposed replacement of `text[start:end]` by `after`, under `rule`."""

    start: int
    end: int
    after: str
    rule: str
    confidence: float = 1.0
    evidence: str = ""


@dataclass
class Document:
    """A document (or, before `split_documents`, a whole source file) in the pipeline.

    `source` is the raw file's path relative to the input folder and `doc_index` its
    0-based order within that file; together they make the stable `id`.
    """

    source: str
    doc_index: int = 0
    text: str = ""
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    flags: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    raw: bytes | None = None
    # Offsets (into the current text) where split_documents cut this file, with titles.
    split_points: list[tuple[int, str | None]] = field(default_factory=list)
    # Filled by `segment`: (paragraph_index, sentence_index, sentence, tokens).
    sentences: list[tuple[int, int, str, list[str]]] = field(default_factory=list)
    # Filled by `quality`: the signals published as `documents` columns.
    quality: dict[str, Any] = field(default_factory=dict)
    # Filled by `deduplicate`: a compact sketch of the text (pipeline.dedup.Sketch).
    sketch: Any = None
    # What a stage leaves for its own later run, by stage name (never published, not compared):
    # strip_site_chrome's lines passed over (pipeline.stages.chrome_quiet).
    stage_memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (between passes) with its edits as plain tuples: a plain tuple costs a
        few bytes of pickle and no Python call to load; an Edit a call each way."""
        return {**self.__dict__, "edits": list(map(tuple, self.edits))}

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["edits"] = list(map(_new, repeat(Edit), state["edits"]))
        state.setdefault("stage_memo", {})
        self.__dict__.update(state)

    @property
    def id(self) -> str:
        """Stable across versions: the same source file and position give the same id."""
        key = f"{self.source}\x00{self.doc_index}".encode()
        return hashlib.sha256(key).hexdigest()[:16]

    def replace_spans(self, stage: str, spans: Iterable[Span]) -> int:
        """Apply non-overlapping spans to the text, log one edit each; return chars removed.

        Spans that change nothing are ignored. Overlapping spans are a bug in the
        calling rule, so they raise instead of being silently merged.
        """
        # Column by column in compiled loops (map, zip, accumulate), not span by span: a
        # stage may give tens of thousands of one-character spans.
        text = self.text
        ordered = sorted(spans)
        if not ordered:
            return 0
        starts, ends, afters, rules, confidences, evidences = zip(*ordered)
        befores = list(map(text.__getitem__, map(slice, starts, ends)))
        if not all(map(ne, befores, afters)):  # drop the spans that change nothing
            keep = list(map(ne, befores, afters))
            if not any(keep):
                return 0
            starts, ends, afters, rules, confidences, evidences, befores = (
                tuple(compress(column, keep)) for column in (starts, ends, afters, rules, confidences, evidences, befores))
        if not all(map(ge, starts[1:], ends)):
            at = next(i for i in range(1, len(starts)) if starts[i] < ends[i - 1])
            raise ValueError(f"{stage}/{rules[at]}: overlapping edits at {starts[at]}")
        shifts = list(accumulate(map(sub, map(len, afters), map(len, befores)), initial=0))
        self.edits += map(_new, repeat(Edit), zip(repeat(stage), rules, befores, afters, map(add, starts, shifts),
                                                  repeat(True), confidences, evidences))
        pieces = [""] * (2 * len(starts) + 1)
        pieces[0::2] = map(text.__getitem__, map(slice, (0, *ends), (*starts, None)))
        pieces[1::2] = afters
        self.text = "".join(pieces)
        return -shifts[-1]

    def set_title(self, stage: str, rule: str, title: str | None, evidence: str = "") -> None:
        """Change the title, logging the change as an edit at position TITLE."""
        if (title or None) == self.title:
            return
        self.edits.append(Edit(stage, rule, self.title or "", title or "", TITLE, evidence=evidence))
        self.title = title or None

    def suggest(self, stage: str, span: Span) -> None:
        """Log a change that was considered but not applied (below the threshold)."""
        before = self.text[span.start : span.end]
        self.edits.append(
            Edit(stage, span.rule, before, span.after, span.start, applied=False,
                 confidence=span.confidence, evidence=span.evidence)
        )


def removals(pattern: re.Pattern[str], text: str, rule: str) -> list[Span]:
    """A span removing each match of `pattern` in `text`, under `rule`."""
    return [Span(m.start(), m.end(), "", rule) for m in pattern.finditer(text)]


def positions_now(edits: Sequence[Edit], picked: Sequence[int]) -> list[int]:
    """Where the text written by each picked edit (an index into `edits`) lies now,
    following the applied text edits made after it; one inside a later replacement goes
    to that replacement's start. A later stage reads earlier edits as evidence this way."""
    picked = list(picked)
    first = min(picked, default=len(edits))
    if len(picked) * (len(edits) - first) < _FEW:
        return _positions_now_walk(edits, picked)
    return _positions_now_sorted(edits, picked, first)


# Below this many (picked, later edit) pairs the walk is used. Measured on the edit logs of
# a generated corpus, all picked: the walk is 10-16 times quicker at 500-4000 edits and
# still twice as quick at 19,000 (an edit only touches the positions after it); when every
# edit moves every position (edits at the text's start after all picks) it is 3.5 times
# slower at 4,000, the sorted numpy walk's case.
_FEW = 25_000_000


def _positions_now_walk(edits: Sequence[Edit], picked: list[int]) -> list[int]:
    """`positions_now`, each later edit moving the positions picked before it. They are
    kept sorted (an edit's move keeps their order: before it they stay, inside it they go
    to its start, after it they shift), so an edit finds what it moves by bisection and
    leaves the positions before it untouched; a title edit's TITLE sorts first and never
    moves."""
    order = sorted(set(picked))
    at: list[int] = []  # positions of the picked edits made so far, sorted
    who: list[int] = []  # the edit each stands for
    k = 0
    for j in range(order[0] if order else len(edits), len(edits)):
        later = edits[j]
        if at and later.applied and later.position != TITLE:
            start, end = later.position, later.position + len(later.before)
            inside, after = bisect_left(at, start), bisect_left(at, end)
            if inside < after:
                at[inside:after] = [start] * (after - inside)
            delta = len(later.after) - len(later.before)
            if delta and after < len(at):
                at[after:] = [p + delta for p in at[after:]]
        if k < len(order) and order[k] == j:
            slot = bisect_right(at, later.position)
            at.insert(slot, later.position)
            who.insert(slot, j)
            k += 1
    out = dict(zip(who, at))
    return [out[i] for i in picked]


def _positions_now_sorted(edits: Sequence[Edit], picked: list[int], first: int) -> list[int]:
    """`positions_now` for many edits: the positions taken so far are kept sorted in numpy
    (an edit's move keeps their order), so that each later edit moves a suffix of them in
    compiled code instead of each one in Python."""
    import numpy as np

    waiting = sorted({i for i in picked if edits[i].position != TITLE})
    at = np.empty(0, dtype=np.int64)  # positions taken so far, sorted
    who = np.empty(0, dtype=np.int64)  # the edit each stands for
    k = 0
    for j in range(first + 1, len(edits) + 1):
        if k < len(waiting) and waiting[k] < j:  # the picked edits made before edit j
            stop = bisect_right(waiting, j - 1, k)
            new = np.array([edits[i].position for i in waiting[k:stop]], dtype=np.int64)
            order = np.argsort(new, kind="stable")
            slots = np.searchsorted(at, new[order], side="right")
            at, who = np.insert(at, slots, new[order]), np.insert(who, slots, np.array(waiting[k:stop])[order])
            k = stop
        if j == len(edits):
            break
        later = edits[j]
        if not later.applied or later.position == TITLE or not at.size or at[-1] < later.position:
            continue
        start, end = later.position, later.position + len(later.before)
        inside, after = np.searchsorted(at, start), np.searchsorted(at, end)
        at[inside:after] = start
        at[after:] += len(later.after) - len(later.before)
    out = dict(zip(who.tolist(), at.tolist()))
    return [out.get(i, TITLE) for i in picked]


def revert(text: str, edits: Iterable[Edit]) -> str:
    """Undo applied text edits, newest first: the inverse of every `replace_spans` call."""
    for edit in reversed(list(edits)):
        if not edit.applied or edit.position == TITLE:
            continue
        end = edit.position + len(edit.after)
        if text[edit.position : end] != edit.after:
            raise ValueError(f"edit {edit.stage}/{edit.rule} at {edit.position} does not match")
        text = text[: edit.position] + edit.before + text[end:]
    return text


def carry_positions(positions: Iterable[int], spans: Sequence[Span]) -> list[int]:
    """Where positions of a text lie once `spans` (non-overlapping, as given to
    `replace_spans`) are applied; one inside a replaced span goes to the end of its
    replacement."""
    spans = sorted(spans)
    ends = [s.end for s in spans]
    shift = list(accumulate((len(s.after) - (s.end - s.start) for s in spans), initial=0))
    out = []
    for p in positions:
        k = bisect_right(ends, p)
        if k < len(spans) and spans[k].start < p:
            out.append(spans[k].start + shift[k] + len(spans[k].after))
        else:
            out.append(p + shift[k])
    return out


def removed_lines(doc: Document, stages: Iterable[str]) -> list[tuple[int, str]]:
    """Where these stages removed whole lines, as (line start in the current text, rule):
    a removal that took a line break, or that now sits between two (a last line)."""
    stages = set(stages)
    picked = [i for i, e in enumerate(doc.edits)
              if e.stage in stages and e.applied and e.before and not e.after and e.position != TITLE]
    out = []
    for i, p in zip(picked, positions_now(doc.edits, picked)):
        at_start = p == 0 or doc.text[p - 1:p] == "\n"
        if "\n" in doc.edits[i].before or (at_start and doc.text[p:p + 1] in ("", "\n")):
            out.append((p, doc.edits[i].rule))
    return out


def revert_title(title: str | None, edits: Iterable[Edit]) -> str | None:
    """The title before the title edits in `edits` (None when the page gave none)."""
    for edit in reversed([e for e in edits if e.position == TITLE and e.applied]):
        if (title or "") != edit.after:
            raise ValueError(f"title edit {edit.stage}/{edit.rule} does not match {title!r}")
        title = edit.before
    return title or None
