"""Tables kept on disk between processes (pipeline.stored_tables): read back, each is the
table its builder makes; a changed input names another file; a damaged or unwritable
store costs a build, never a wrong table."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline import stored_tables, typo_evidence, typo_lookalike
from pipeline.stages.typos import TypoSettings
from pipeline.stored_tables import stored


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_table_is_built_once_then_read_back(tmp_path):
    source = tmp_path / "words.tsv"
    source.write_text("a\tb\n", encoding="utf-8")
    build, calls = _counting({"乙": ("甲", "rule"), "b": ("a", "r2")})
    args = ("t", [source], build, lambda t: {k: list(v) for k, v in t.items()}, lambda d: {k: tuple(v) for k, v in d.items()})
    first = stored(*args, folder=tmp_path / "cache")
    again = stored(*args, folder=tmp_path / "cache")
    assert first == again == {"乙": ("甲", "rule"), "b": ("a", "r2")}
    assert list(again) == ["乙", "b"]  # the builder's order
    assert calls == [1]


def test_a_changed_input_or_extra_is_built_anew(tmp_path):
    source = tmp_path / "words.tsv"
    source.write_text("a\n", encoding="utf-8")
    build, calls = _counting(frozenset({"x"}))
    stored("t", [source], build, list, frozenset, folder=tmp_path)
    source.write_text("b\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))  # the same size; another time
    stored("t", [source], build, list, frozenset, folder=tmp_path)
    stored("t", [source], build, list, frozenset, extra=["other"], folder=tmp_path)
    assert len(calls) == 3


def test_a_damaged_file_is_built_anew(tmp_path):
    build, calls = _counting(frozenset({"x"}))
    stored("t", [], build, list, frozenset, folder=tmp_path)
    (written,) = tmp_path.glob("table-t-*.json")
    written.write_text("{not json", encoding="utf-8")
    assert stored("t", [], build, list, frozenset, folder=tmp_path) == frozenset({"x"})
    assert len(calls) == 2


def test_an_unwritable_folder_still_gives_the_table(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    build, calls = _counting(frozenset({"x"}))
    assert stored("t", [], build, list, frozenset, folder=blocker / "cache") == frozenset({"x"})
    assert stored("t", [], build, list, frozenset, folder=blocker / "cache") == frozenset({"x"})
    assert len(calls) == 2


def _files_of(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.glob("table-*.json") if p.name.rsplit("-", 1)[0] == f"table-{name}"]


def test_stale_files_of_the_table_go_fresh_ones_stay(tmp_path):
    stored("t", [], lambda: frozenset({"x"}), list, frozenset, extra=["1"], folder=tmp_path)
    stored("t", [], lambda: frozenset({"x"}), list, frozenset, extra=["2"], folder=tmp_path)
    assert len(_files_of(tmp_path, "t")) == 2  # two versions in use side by side
    stored("t-u", [], lambda: frozenset(), list, frozenset, folder=tmp_path)  # another table's name
    for old in tmp_path.glob("table-*.json"):
        os.utime(old, (1, 1))
    stored("t", [], lambda: frozenset({"x"}), list, frozenset, extra=["3"], folder=tmp_path)
    assert len(_files_of(tmp_path, "t")) == 1
    assert len(_files_of(tmp_path, "t-u")) == 1


TYPO_TABLES = [
    ("lookalike_table", lambda s: typo_lookalike.lookalike_table(s.rule_file), [typo_lookalike.lookalike_table]),
    ("join_table", lambda s: typo_lookalike.join_table(s.rule_file)[:2], [typo_lookalike.join_table]),
    ("slot_words", lambda s: typo_lookalike.slot_words("己末"), [typo_lookalike.slot_words]),
    ("phrase_set", lambda s: typo_evidence.phrase_set(s.phrase_file), [typo_evidence.phrase_set]),
    ("confusions", lambda s: typo_evidence.confusions(s.confusion_file), [typo_evidence.confusions]),
]


@pytest.mark.parametrize(("name", "table", "cached"), TYPO_TABLES, ids=[t[0] for t in TYPO_TABLES])
def test_the_typo_tables_read_back_are_the_tables_built(name, table, cached, tmp_path, monkeypatch):
    """Built into an empty cache folder, then read from it in a process that has not built
    it (the functions' memos cleared): the same table, in the same order."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    settings = TypoSettings()

    def fresh():
        for fn in cached:
            fn.cache_clear()
        return table(settings)

    built = fresh()
    assert list(Path(tmp_path, "zh-docsite-dataset").glob(f"table-{name}*.json"))
    read = fresh()
    assert read == built
    if isinstance(built, dict):
        assert list(read.items()) == list(built.items())
    for fn in cached:
        fn.cache_clear()  # the other tests read the tables of the real cache folder again
    stored_tables._file_digest.cache_clear()
