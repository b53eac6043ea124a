"""A metadata value of the wrong type fails its own file with the column and the value, before
it reaches the batch that would be written with other files' rows."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.document import Document
from pipeline.tables import documents_table, published


def test_a_date_given_as_text_fails_its_document_with_the_column_named():
    doc = Document(source="a.txt", text="正文一段。", metadata={"upload_date": "2024-01-17"})
    with pytest.raises(ValueError, match=r"upload_date='2024-01-17' is not a date"):
        published(doc)


def test_well_typed_metadata_makes_a_row_arrow_accepts():
    doc = Document(source="a.txt", text="正文一段。",
                   metadata={"upload_date": dt.date(2024, 1, 17), "page_count": 3, "uploader": "青柠"})
    table = documents_table([published(doc).row])
    assert table.column("upload_date").to_pylist() == [dt.date(2024, 1, 17)]
    assert table.column("page_count").to_pylist() == [3]
