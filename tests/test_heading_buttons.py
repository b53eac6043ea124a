"""A site's button word beside each heading (a wiki's 编辑 link): alone on its line under
two or more headings, or glued to the end of headings the page's contents list names.
Pages invented here."""

from __future__ import annotations

from pipeline.stages.chrome_lines import lone_button_spans
from tests.conftest import clean_text

P1 = "桐溪古渡始建于明代，曾是县城通往外地的重要水路码头，往来商船络绎不绝。"
P2 = "二十世纪七十年代公路通车后，古渡逐渐冷清，如今只剩一座石砌码头和几株老樟树。"


def test_a_button_word_alone_under_each_heading_goes():
    page = f"桐溪古渡\n历史\n展开\n{P1}\n现状\n展开\n{P2}\n"
    [doc] = clean_text(page)
    assert "展开" not in doc.text and P1 in doc.text and P2 in doc.text


def test_a_button_word_glued_to_the_headings_a_contents_list_names_goes():
    page = f"桐溪古渡\n目录\n1 历史\n2 现状\n历史修改\n{P1}\n现状修改\n{P2}\n"
    [doc] = clean_text(page)
    assert "修改" not in doc.text and "历史\n" in doc.text and "现状\n" in doc.text


def test_the_lone_word_is_found_under_headings_only():
    page = f"桐溪古渡\n历史\n展开\n{P1}\n现状\n展开\n{P2}\n"
    assert [page[sp.start:sp.end] for sp in lone_button_spans(page)] == ["展开\n", "展开\n"]
    # A flattened table's repeated cell has another cell under it, not prose.
    table = f"{P1}\n姓名\n结果\n张明\n合格\n李强\n合格\n王芳\n合格\n{P2}\n"
    assert lone_button_spans(table) == []


def test_headings_ending_alike_without_a_contents_list_stay_whole():
    page = f"桐溪古渡调查\n历史概况\n{P1}\n现状概况\n{P2}\n"
    [doc] = clean_text(page)
    assert "历史概况" in doc.text and "现状概况" in doc.text
