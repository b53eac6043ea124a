"""normalize gives the title the marks it gives the text: a title read off a page written
with ASCII punctuation gets full-width marks in Chinese context, each change a title edit
of normalize. Pages invented here."""

from __future__ import annotations

from pipeline.document import TITLE
from tests.conftest import clean_text

BODY = ("为加强村务管理,规范议事程序,结合本村实际,制定本规则.\n"
        "一、村民代表会议每季度召开一次,遇有重大事项可随时召开.\n")


def test_an_ascii_punctuation_title_gets_the_texts_marks():
    title = "桃溪村村民议事规则(试行):征求意见稿"
    [doc] = clean_text(f"{title}_桃溪村务网\n{title}\n" + BODY)
    assert doc.title == "桃溪村村民议事规则（试行）：征求意见稿"
    edits = [e for e in doc.edits if e.position == TITLE and e.stage == "normalize"]
    assert edits and all(e.rule in ("fullwidth_punct", "chinese_quotes", "fullwidth_alnum", "nfc") for e in edits)


def test_a_version_number_in_a_title_keeps_its_ascii_marks():
    title = "桃溪村村民议事规则V2.1"
    [doc] = clean_text(f"{title}_桃溪村务网\n{title}\n" + BODY)
    assert doc.title == title
