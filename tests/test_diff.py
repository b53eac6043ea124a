"""Changes inside paragraphs, and the edits that explain them (see also test_audit.py)."""

from __future__ import annotations

from pipeline.config import load_config
from pipeline.diff import add_details, diff_versions
from pipeline.runner import Build
from pipeline.textdiff import PlacedEdit, explain, paragraph_hunks, tokens, trim
from tests.conftest import ROOT, SEEDS


def test_a_stricter_typo_threshold_shows_each_fix_as_applied_before_and_suggested_now(tmp_path):
    cfg = load_config(ROOT / "pipeline.toml")
    first = Build(SEEDS, tmp_path, "seeds", cfg, progress=False).run().version_dir
    cfg.stage_settings["fix_typos"] = {"threshold": 0.99}
    second = Build(SEEDS, tmp_path, "seeds", cfg, progress=False).run().version_dir
    d = diff_versions(first, second)
    add_details(d, 10)
    assert d.changed and not d.added and not d.removed
    assert all(r["stage"] == "fix_typos" and r["new"]["applied"] < r["old"]["applied"] for r in d.changed_rules)
    changes = [c for doc in d.changed for h in doc.hunks for c in h.changes]
    assert changes
    for change in changes:  # the fix the old version applied there, suggested in the new one
        sides = {(e["version"], e["applied"]) for e in change.edits if e["stage"] == "fix_typos"}
        assert ("old", True) in sides and ("new", False) in sides, change


def test_tokens_are_han_characters_and_latin_words():
    assert tokens("用Python 3.11处理") == ["用", "Python", " ", "3.11", "处", "理"]


def test_a_small_change_in_a_long_paragraph_is_shown_as_itself():
    long = "各部门要按照统一部署，认真落实各项工作任务，" * 12
    old, new = f"开头一段。\n{long}本月底前完成。\n结尾一段。", f"开头一段。\n{long}下月底前完成。\n结尾一段。"
    [hunk] = paragraph_hunks(old, new)
    assert (hunk.old_line, hunk.new_line) == (1, 1)
    assert [(c.old, c.new) for c in hunk.changes] == [("本", "下")]
    change = hunk.changes[0]
    assert old[change.old_pos] == "本" and new[change.new_pos] == "下"
    shown = trim(hunk.pieces, 4)
    assert len("".join(p.text for p in shown)) < 20


def test_paragraphs_that_do_not_resemble_each_other_are_removed_and_added():
    hunks = paragraph_hunks("甲。\n第一季度销售额稳步增长。\n乙。", "甲。\n请于周五前提交材料。\n乙。")
    assert [(h.old_line, h.new_line) for h in hunks] == [(1, None), (None, 1)]


def test_each_change_is_explained_by_the_edit_on_it_that_the_other_version_lacks():
    old, new = "对照发达城市，加强服务。", "对照兴旺城市，加强服务。"
    [hunk] = paragraph_hunks(old, new)
    typo = PlacedEdit("fix_typos", "xingwang_fada", "兴旺", "发达", True, 2, 4)
    same = PlacedEdit("normalize", "fullwidth_punct", ",", "，", True, 6, 7)
    explain([hunk], [typo, same], [same])
    assert [e["rule"] for c in hunk.changes for e in c.edits] == ["xingwang_fada"]
