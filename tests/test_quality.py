"""Quality signals: computed on every document, published as columns, filtering only on request."""

from __future__ import annotations

import pytest

from pipeline.document import Document, Edit
from pipeline.stages.quality import Quality, QualitySettings
from pipeline.stages.segment import Segment

BODY = ("今年以来，全县上下围绕年初确定的目标任务，扎实推进各项工作。\n"
        "一是产业发展势头良好，新签约项目十八个。\n"
        "一是产业发展势头良好，新签约项目十八个。\n"
        "谢谢大家！")


def signals(text: str, edits=(), **settings) -> Document:
    doc = Segment().process(Document("t.txt", text=text, edits=list(edits)))
    return Quality(QualitySettings(**settings)).process(doc)


def test_signals_describe_the_text():
    chrome = Edit("strip_site_chrome", "preview_notice", "x" * 40, "", 0)
    typo = Edit("fix_typos", "t", "缺乏", "不足", 3)
    q = signals(BODY, [chrome, typo]).quality
    assert q["repeated_line_share"] == 0.25  # one of four lines repeats an earlier one
    assert q["chrome_share"] == round(40 / (40 + len(BODY)), 4)  # typo fixes are not chrome
    assert 0.8 < q["han_share"] < 0.9
    sentences = BODY.split("\n")  # one sentence per line here
    assert q["mean_sentence_chars"] == pytest.approx(sum(map(len, sentences)) / len(sentences), abs=0.01)
    assert q["too_short"] is True  # fewer than 50 words
    assert signals(BODY * 4).quality["too_short"] is False


def test_latin_text_has_no_han_share():
    assert signals("All rights reserved. Download now!").quality["han_share"] == 0.0


def test_nothing_is_dropped_unless_the_filter_is_on():
    assert "dropped" not in signals(BODY).flags
    assert signals(BODY, filter=True).flags["dropped"].startswith("quality filter: fewer than 50 words")
    assert "repeated_line_share" in signals(BODY * 4, filter=True).flags["dropped"]
    assert "dropped" not in signals(BODY * 4, filter=True, max_repeated_line_share=0.9).flags
