"""fix_typos's context source (`pipeline.typo_context`, rule round_trip_context): a generated
synonym decided by the compound its correction forms, the build's counts of the window and the
document's prior. Every sentence here is invented for these tests."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Document
from pipeline.stages.typos import FixTypos, TypoSettings
from pipeline.typo_context import compound, plausibility

# Two certain hand-written artifacts of other pairs give the document its prior.
CONVERTED = "街道效劳中心上周开门了，大家要打牢根底性工作。"
# Other documents of the build that write the correction in the same window.
ELSEWHERE = ["仓库必须清理安全隐患。", "楼道堆物也是安全隐患。"]


def build(*texts: str) -> list[Document]:
    fixer = FixTypos(TypoSettings(context_synonyms=True))
    for t in texts:
        fixer.absorb(pickle.loads(pickle.dumps(fixer.observation(Document(source="c.txt", text=t)))))
    fixer.finish_observing()
    return [fixer.process(Document(source="c.txt", text=t)) for t in texts]


def context_edits(doc: Document) -> list:
    return [e for e in doc.edits if e.rule == "round_trip_context" and e.applied]


def test_compound_needs_a_whole_neighbouring_word():
    text = "排查平安隐患。"
    assert compound(text, 2, 4, "安全") == "安全隐患"
    assert compound("平安化", 0, 2, "安全") is None  # one character of affix is no compound


def test_collocation_margin_is_beyond_the_unigram_ratio():
    found = plausibility("排查平安隐患。", 2, 4, "安全")
    assert found.margin > 1.0 and found.compound == "安全隐患"


def test_a_converted_document_gets_the_correction_the_build_writes_in_that_window():
    *_, fixed = build(*ELSEWHERE, CONVERTED + "要排查平安隐患。")
    (edit,) = context_edits(fixed)
    assert edit.before == "平安" and edit.after == "安全"
    assert "compound '安全隐患'" in edit.evidence and "the build writes" in edit.evidence and "needs" in edit.evidence


def test_kept_where_the_build_writes_the_word_in_that_window_too():
    *_, kept = build(*ELSEWHERE, "他祈祷平安隐患消除。", CONVERTED + "要排查平安隐患。")
    assert not context_edits(kept)


def test_off_by_default():
    fixer = FixTypos()
    for t in [*ELSEWHERE, CONVERTED + "要排查平安隐患。"]:
        fixer.absorb(fixer.observation(Document(source="c.txt", text=t)))
    fixer.finish_observing()
    assert "平安隐患" in fixer.process(Document(source="c.txt", text=CONVERTED + "要排查平安隐患。")).text


def test_kept_without_the_documents_prior():
    *_, kept = build(*ELSEWHERE, "要排查平安隐患。")
    assert kept.text == "要排查平安隐患。"


def test_kept_where_the_document_writes_the_correction_elsewhere():
    text = CONVERTED + "要排查平安隐患，保证安全。"
    *_, kept = build(*ELSEWHERE, text)
    assert not context_edits(kept)


CORRECT_USES = ["祝大家平安夜快乐。", "一路平安，早去早回。", "他的文化程度不高。", "这次考试他取得了进步。",
                "有些人缺乏安全意识。", "我们愿为您效劳。", "冬季雨水不太充沛。", "这家工厂已经停止生产。"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(CORRECT_USES), min_size=1, max_size=6))
def test_clean_text_using_the_artifact_words_correctly_is_unchanged(picked):
    # A build whose other documents write the usual corrections, and a document whose other
    # artifacts give it the prior: only those artifacts change.
    clean = "".join(picked)
    *_, out = build(*ELSEWHERE, "他们的服务水平很高。", "这是安全生产的要求。", "要加大支持力度。", CONVERTED + clean)
    assert out.text.endswith(clean) and out.text != CONVERTED + clean
