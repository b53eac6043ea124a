"""The pitfalls measured in peer tools (cleaning.md section 8), and the corpus-level rule."""

from __future__ import annotations

import pytest

from pipeline.document import Document
from pipeline.stages.repeated_lines import RepeatedLineSettings, StripRepeatedLines
from pipeline.stages.segment import split_sentences
from tests.conftest import FIXTURES, clean_text


def test_a_url_does_not_run_on_into_chinese_text():
    text = "请关注官方网站（kzjn80.cn）和相关平台账号，及时了解最新政策动态，积极参与社区治理。"
    [doc] = clean_text(text)
    assert doc.text == text


def test_a_scheme_less_url_line_is_chrome_but_a_sentence_naming_a_site_stays():
    ad = "更多范文请访问 fanwen.example.com 免费获取"
    sentence = "各单位可登录www.gov.cn查询政策原文，并结合实际抓好贯彻落实工作。"
    [doc] = clean_text(f"第一段正文内容，讲的是基层治理工作的经验做法。\n{ad}\n{sentence}")
    assert "fanwen" not in doc.text and sentence in doc.text


def test_sentences_do_not_split_on_ascii_dots():
    para = "下载致辞.docx_第1页后发现，同比下降98.3%，详见www.gov.cn。第二句。"
    assert split_sentences(para) == ["下载致辞.docx_第1页后发现，同比下降98.3%，详见www.gov.cn。", "第二句。"]


def test_a_title_that_is_the_first_sentence_of_the_body_stays():
    title = "加强基层治理"
    text = "加强基层治理，是推进国家治理体系和治理能力现代化的重要内容。我们要久久为功。"
    [doc] = clean_text(text, title=title)
    assert doc.text == text


def test_chrome_seen_once_is_removed_without_repetition():
    [doc] = clean_text("正文第一段，内容是关于党建工作的总结。\n查阅全文加微信abc12345")
    assert "微信" not in doc.text


def _corpus(n: int, extra: dict[int, str]) -> list[Document]:
    docs = []
    for i in range(n):
        lines = [f"第{i}篇文档的正文，讲述基层治理的第{i}个案例，内容各不相同。",
                 "本站文档均来自网友上传 客服QQ群",  # site chrome repeated on every page
                 "江山就是人民，人民就是江山，这是我们必须牢记的根本道理。",  # a quote many authors use
                 "谢谢大家！", "一、主要做法",  # lines a genre repeats
                 extra.get(i, "")]
        docs.append(Document(source=f"{i}.txt", text="\n".join(x for x in lines if x)))
    return docs


def test_lines_repeated_across_documents_go_but_repeated_prose_stays():
    stage = StripRepeatedLines(RepeatedLineSettings(min_documents=3, min_share=0.5))
    docs = _corpus(6, {0: "只在一篇里出现的短行"})
    for d in docs:
        stage.observe(d)
    stage.finish_observing()
    out = [stage.process(d) for d in docs]
    assert all("客服QQ群" not in d.text for d in out)
    assert all("江山就是人民" in d.text and "谢谢大家！" in d.text and "一、主要做法" in d.text for d in out)
    assert "只在一篇里出现的短行" in out[0].text
    assert {e.rule for d in out for e in d.edits} == {"repeated_line"}


def test_repetition_below_the_threshold_is_kept():
    stage = StripRepeatedLines(RepeatedLineSettings(min_documents=10, min_share=0.5))
    docs = _corpus(6, {})
    for d in docs:
        stage.observe(d)
    stage.finish_observing()
    assert all("客服QQ群" in stage.process(d).text for d in docs)


BUNDLE = """学习二十大精神心得体会（精选3篇）
篇一：学习二十大精神心得体会
党的二十大报告内涵丰富，我们要认真学习领会。我将以更加饱满的热情投入工作。
篇二：深入学习党的二十大精神体会
通过学习，我深刻认识到坚持党的全面领导的重要性。我们要把学习成果转化为工作成效。
【篇三】
作为一名基层干部，要牢记初心使命。要扎扎实实干好本职工作。"""


def test_a_numbered_bundle_becomes_one_row_per_document():
    docs = clean_text(BUNDLE)
    assert [d.doc_index for d in docs] == [0, 1, 2]
    assert [d.title for d in docs] == ["学习二十大精神心得体会", "深入学习党的二十大精神体会", None]
    assert docs[2].text == "作为一名基层干部，要牢记初心使命。要扎扎实实干好本职工作。"
    assert all("篇" not in d.text.split("\n")[0][:3] for d in docs)


def test_a_bundle_of_inline_documents_is_cut_at_the_later_heading():
    text = ("2篇 会议讲话汇编\n在全市工作会议上的讲话同志们：今天召开全市工作会议，主要任务是部署全年工作。"
            "谢谢大家。关于乡村治理的调研报告乡村治理是国家治理的基石，近年来各地积极探索。")
    docs = clean_text(text)
    assert [d.title for d in docs] == ["在全市工作会议上的讲话", "关于乡村治理的调研报告"]
    assert docs[1].text.startswith("乡村治理是国家治理的基石")


def test_a_bundle_is_cut_at_a_later_heading_on_a_line_of_its_own():
    # Invented: the second document's heading is a whole line naming a kind of document
    # (预案), with no number before it; the site's closing word to its readers goes.
    text = "\n".join(["【精选2篇】学校防溺水安全教育工作方案及应急预案",
                      "学校防溺水安全教育工作方案",
                      "为切实加强学生防溺水安全教育，保障学生生命安全，结合我校实际，制定本方案。",
                      "学校防溺水事故应急预案",
                      "为迅速有效处置学生溺水事故，最大限度减少人员伤亡，制定本预案。",
                      "以上就是青苗范文站为大家整理的学校防溺水方案，希望对您有所帮助。"])
    docs = clean_text(text)
    assert [d.title for d in docs] == ["学校防溺水安全教育工作方案", "学校防溺水事故应急预案"]
    assert docs[1].text == "为迅速有效处置学生溺水事故，最大限度减少人员伤亡，制定本预案。"


AUTHOR_SENTENCES = [line for line in (FIXTURES / "author_sentences.txt").read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith("#")]


@pytest.mark.parametrize("sentence", AUTHOR_SENTENCES, ids=[s[:10] for s in AUTHOR_SENTENCES])
def test_an_author_sentence_about_sites_links_or_rights_stays(sentence):
    docs = clean_text("正文的第一段，讲的是基层治理工作的做法和成效。\n" + sentence + "\n正文的最后一段，讲的是下一步工作打算。")
    assert sentence in docs[0].text


@pytest.mark.parametrize("first", ["2023年5月6日", "二〇二三年五月六日", "同志们", "一、总体要求"])
def test_a_date_salutation_or_list_item_on_top_is_not_a_title(first):
    text = f"{first}\n今天召开全县工作会议，研究部署下半年工作。\n会议要求各单位抓好落实。"
    [doc] = clean_text(text)
    assert doc.title is None and doc.text.startswith(first)


def test_a_closing_attachment_line_is_not_a_cut():
    [doc] = clean_text("今天召开会议，研究部署全年工作。\n附件：2023年度重点工作任务分解表及责任单位清单")
    assert not doc.flags.get("truncated")
    [doc] = clean_text("今天召开会议，研究部署全年工作。\n这些冰冷的数字背后，是一个个家庭的安宁和幸福，是党")
    assert doc.flags.get("truncated")


@pytest.mark.parametrize("closing", ["红星街道办事处2025年6月18日", "二〇二五年六月十八日", "整理人：周小舟",
                                     "汇报人：何晴　2025年6月", "附件：志愿者名册及分组安排表"])
def test_a_signature_run_into_the_last_sentence_is_not_a_cut(closing):
    """A page that lost its line breaks runs the signature into the last sentence."""
    body = "今天召开会议，研究部署全年的社区服务工作。会议要求各小组按分工抓好落实，确保各项任务按期完成。"
    [doc] = clean_text(body + closing)
    assert not doc.flags.get("truncated"), doc.text


@pytest.mark.parametrize("cut", ["二期工程截至2025年6月", "二期工程计划于2025年6月", "二期工程接下来将继续"])
def test_a_sentence_cut_after_the_last_full_stop_is_still_a_cut(cut):
    body = "今天召开会议，研究部署全年的社区服务工作。会议要求各小组按分工抓好落实，确保各项任务按期完成。"
    [doc] = clean_text(body + cut)
    assert doc.flags.get("truncated"), doc.text
