"""fix_typos' reference text (pipeline/typo_reference.py): how written Chinese uses a pair's two
words beside the same neighbours speaks for or against a candidate its context leaves uncertain."""

from __future__ import annotations

import pytest

import pipeline.typo_reference as ref
from pipeline.document import Document
from pipeline.stages.typos import FixTypos

SCORE = {"reference_per_nat": 0.5, "reference_cap": 3.0, "reference_min_support": 3, "reference_at_home": 2,
         "reference_against": 0.0}


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """An invented reference: 甲乙 is written 200 times, 丙丁 (its artifact) 100 times."""
    table = {"甲乙": 200, "丙丁": 100, "春天|甲乙": 12, "甲乙|工厂": 5, "秋天|丙丁": 9, "秋天|甲乙": 10, "丙丁|小河": 1}
    monkeypatch.setattr(ref, "window_counts", lambda words: table)
    return table


def test_a_correction_written_in_the_window_where_the_word_never_is_speaks_for_the_fix(counts: dict[str, int]) -> None:
    odds, why = ref.Reference(("甲乙", "丙丁"), SCORE).evidence("今年春天丙丁很多", 4, 6, "甲乙")
    # Used as 甲乙 is, 丙丁 (half as common) would be written there 6 times: capped at 3 nats.
    assert odds == pytest.approx(0.5 * 3.0) and "春天[甲乙] x12" in why and "expected 6.0" in why


def test_the_absence_of_a_word_the_reference_seldom_writes_proves_little(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"甲乙": 400, "丙丁": 10, "春天|甲乙": 12}
    monkeypatch.setattr(ref, "window_counts", lambda words: table)
    odds, why = ref.Reference(("甲乙", "丙丁"), SCORE).evidence("今年春天丙丁很多", 4, 6, "甲乙")
    assert odds == pytest.approx(0.5 * 12 * 10 / 400) and "expected 0.3" in why


def test_a_word_the_reference_writes_in_its_window_as_readily_is_at_home(counts: dict[str, int]) -> None:
    odds, why = ref.Reference(("甲乙", "丙丁"), SCORE).evidence("到了秋天丙丁很多", 4, 6, "甲乙")
    assert odds == 0.0 and "秋天[丙丁] x9" in why  # reference_against: no support, no more (see typos.toml)


def test_a_single_sighting_of_the_word_in_its_window_is_no_proof_either_way(counts: dict[str, int]) -> None:
    # 丙丁|小河 once: not at home (below reference_at_home), but no longer "never written there".
    assert ref.Reference(("甲乙", "丙丁"), SCORE).evidence("看见丙丁小河", 2, 4, "甲乙") == (0.0, "")


def test_a_window_the_reference_says_nothing_of_adds_nothing(counts: dict[str, int]) -> None:
    assert ref.Reference(("甲乙", "丙丁"), SCORE).evidence("冬季丙丁雪地", 2, 4, "甲乙") == (0.0, "")


def test_a_window_does_not_reach_across_a_line_break(counts: dict[str, int]) -> None:
    # 春天 ends the line before: no window on the left; nothing after the word either.
    assert ref.Reference(("甲乙", "丙丁"), SCORE).evidence("春天\n丙丁", 3, 5, "甲乙") == (0.0, "")


def test_the_table_holds_every_word_of_the_hand_written_pairs():
    # A pair added to typos.toml needs the table regenerated (make_reference_windows).
    from pipeline.make_reference_windows import pair_words

    assert set(pair_words()) <= ref.table_words()
    counts = ref.window_counts(tuple(pair_words()))
    assert counts["发展"] > counts["开展"] > 0 and all(n > 0 for n in counts.values())
    assert all(k.count("|") <= 1 and len(k.replace("|", "")) <= 8 for k in counts)  # counts of windows, no text


def test_a_word_the_table_was_not_made_for_is_an_error_not_silence():
    with pytest.raises(ValueError, match="regenerate"):
        ref.window_counts(("发展", "一个从未列入的词"))


def fixes(text: str) -> list[tuple[str, str, bool]]:
    stage = FixTypos()
    stage.finish_observing()
    return [(e.before, e.after, e.applied) for e in stage.process(Document(source="x", text=text)).edits]


def test_a_likely_context_with_the_reference_behind_it_is_fixed_alone() -> None:
    # One artifact in the whole document: no prior; the reference writes 产业发展, never 产业开展.
    assert ("开展", "发展", True) in fixes("要把乡村旅游作为带动县里特色产业开展的重要抓手。")


def test_a_likely_context_where_the_reference_writes_the_word_gets_no_support() -> None:
    # Alone in its document, a likely context is not enough; the reference writes 企业开展 as
    # readily as 企业发展, so it adds nothing and the verb stays.
    edits = fixes("本县三十多家企业开展了节能改造。")
    assert all(not applied for before, _, applied in edits if before == "开展")
    assert any("企业[开展] x" in why for why in evidence("本县三十多家企业开展了节能改造。"))


def evidence(text: str) -> list[str]:
    stage = FixTypos()
    stage.finish_observing()
    return [e.evidence for e in stage.process(Document(source="x", text=text)).edits]
