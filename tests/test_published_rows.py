"""The rows a cleaned document publishes, made column by column, against the plain
per-edit reading of the document."""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import TITLE, Document, Edit
from pipeline.tables import Batch, chars_removed, edit_columns, published

EDITS = st.lists(st.tuples(st.sampled_from(["decode", "chrome", "typos"]), st.text(max_size=5), st.text(max_size=5),
                           st.booleans(), st.sampled_from(["", "why"])), max_size=30)


def document(edits, text="正文。\n第二段。") -> Document:
    doc = Document(source="dir/a.txt", doc_index=1, text=text, metadata={"file_size": "2KB"})
    for k, (stage, before, after, applied, evidence) in enumerate(edits):
        doc.edits.append(Edit(stage, f"rule{k % 3}", before, after, TITLE if k % 7 == 0 else k, applied,
                              k / 40, evidence))
    doc.sentences = [(0, 0, "正文。", ["正文", "。"]), (1, 0, "第二段。", [])]
    return doc


@settings(max_examples=200, deadline=None)
@given(EDITS)
def test_characters_removed_are_those_of_each_applied_edit(edits):
    doc = document(edits)
    expected: Counter[str] = Counter()
    for e in doc.edits:
        if e.applied:
            expected[e.stage] += len(e.before) - len(e.after)
    got = chars_removed(edit_columns(doc.edits))
    assert got == expected and list(got) == list(expected)  # same stages, in the same order


@settings(max_examples=60, deadline=None)
@given(EDITS)
def test_the_published_rows_are_the_documents_fields(edits):
    doc = document(edits)
    out = published(doc)
    batch = Batch()
    batch.add(out)
    tables = dict(batch.tables())
    row = tables["documents"].to_pylist()[0]
    assert row["id"] == doc.id and row["text"] == doc.text and row["file_size_bytes"] == 2048
    assert row["n_edits"] == sum(e.applied for e in doc.edits)
    rows = tables["edits"].to_pylist()
    assert [(r["stage"], r["before"], r["after"], r["position"], r["applied"], r["evidence"]) for r in rows] == \
        [(e.stage, e.before, e.after, e.position, e.applied, e.evidence or None) for e in doc.edits]
    assert [r["seq"] for r in rows] == list(range(len(doc.edits)))
    assert tables["sentences"].column("tokens").to_pylist() == [["正文", "。"], []]
    assert tables["sentences"].schema.field("tokens").type == pa.list_(pa.string())
    assert dict(batch.tables()) == {}  # the batch is empty once written
