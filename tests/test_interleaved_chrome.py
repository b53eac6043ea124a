"""Chrome a site drops between the paragraphs of the text, and what the text keeps around it
(issue 8, what the twenty-second unseen-site check showed): a related list ends where its items
stop looking alike or where the text's own numbering goes on; a line of punctuation a wrap left
belongs to the sentence above and is no site's line, however often pages repeat it. Site names
and texts are invented; none is from a fixture."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.stages.repeated_lines import StripRepeatedLines, sounds_like_the_site
from tests.conftest import clean_text

TITLE = "2023年镇农业农村工作总结"
ONE = "一、粮食生产稳中有增\n全年粮食播种面积十二万亩，总产量四万八千吨，同比增长2.1%。"
THREE = "三、农村改革不断深化\n完成农村集体产权制度改革，村集体经济收入全部达到十万元以上。"


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def test_a_related_list_ends_where_its_items_leave_off_their_mark():
    listed = "相关推荐：\n■ 乡镇农业工作计划范文\n■ 农村人居环境整治总结\n■ 村级工作汇报材料"
    doc = only(f"{TITLE}\n{ONE}\n{listed}\n{THREE}")
    assert doc.text == f"{ONE}\n{THREE}"


def test_a_related_list_ends_where_the_texts_own_numbering_goes_on():
    two = "二、特色产业加快发展\n新建蔬菜大棚三百座，培育家庭农场二十六家。"
    listed = "推荐阅读：\n乡镇农业工作计划范文\n农村人居环境整治总结"
    doc = only(f"{TITLE}\n{ONE}\n{two}\n{listed}\n{THREE}")
    assert doc.text == f"{ONE}\n{two}\n{THREE}"


def test_a_list_without_the_texts_numbering_above_it_is_read_as_before():
    # 三、 with no 二、 above it does not go on any numbering: the items run on.
    listed = "推荐阅读：\n乡镇农业工作计划范文\n三、农村工作汇报材料"
    doc = only(f"{TITLE}\n{ONE}\n{listed}")
    assert doc.text == ONE


def test_a_line_of_punctuation_is_no_sites_line_however_often_it_repeats():
    assert not sounds_like_the_site("。", "。") and not sounds_like_the_site("”。", "”。")
    assert sounds_like_the_site("- 3 -", "- 3 -")
    stage = StripRepeatedLines()
    pages = [Document(source=f"{k}.txt", text=f"第{k}段正文写到这里，本段的意思还没有说完\n。\n下一段正文。") for k in range(6)]
    for page in pages:
        stage.absorb(stage.observation(page))
    stage.finish_observing()
    assert all("\n。\n" in stage.process(page).text for page in pages)


def test_a_line_of_punctuation_a_wrap_left_joins_the_sentence_above():
    body = "全年粮食播种面积十二万亩，总产量四万八千吨，同比增长2.1%，创历史新高"
    doc = only(f"{TITLE}\n{ONE}\n{body}\n。\n{THREE}")
    assert f"\n{body}。\n{THREE}" in doc.text
