"""Selectional frames for fix_typos' hand-written pairs (`frames` of a `[[pair]]` and
`[classes]` in `rules/typos.toml`): where the written word cannot take its neighbour in its
own sense, the occurrence is the artifact, in any document.

A word keeps company with words of certain kinds. 局部 (a part of a whole: 局部地区, 局部红肿)
does not count people or organisations, 部分 does (部分居民, 部分科室); 广阔 (of space) does not
qualify people, 广大 does (广大志愿者); 效劳 is a verb (为人民效劳), so where it is used as a
noun — after an adjective or a noun that modifies it, with no 为 before it in the clause — it
stands for 服务 (便捷效劳, 读者效劳流程). So a frame names the neighbours' kinds, not the
neighbours: a class is a shape of word of jieba's segmentation (its part of speech from
jieba's dictionary and how it ends: the suffixes of nouns of people, of organisations, of
places), or a position in the clause (the word before, the clause's end, a verb that selects
the right word anywhere in the clause).

A frame is a table; every key it holds must hold of the occurrence:
- `next`: the word after it is of one of these classes;
- `prev_tags`: the word before it has one of these jieba tags (prefixes);
- `prev_words`: the word before it is one of these;
- `clause_end`: nothing follows it in its clause;
- `clause_has`: one of these is written in its clause, on either side (筑牢 is no word of jieba's);
- `not_after`: none of these is a word before it in its clause, back to the nearest verb (为 of
  为人民效劳; not that of 为群众提供便捷效劳, where 提供 governs it);
- `not_before`: the word after it is none of these (效劳于);
- `next_words`: the word after it is one of these (在…的带领下: 带着 between 的 and 下);
- `next_tags` / `next_not_tags`: the word after it has / has not one of these jieba tags ("" at
  the clause's end has none);
- `then_end`: the word after it ends its clause (农场发展迅速，);
- `prev` / `prev_not`: the word before it is / is not of one of these classes;
- `prev_not_tags`: the word before it has none of these tags (its subject: 精力充沛);
- `head_tags` / `head_not_tags`: the nearest word before it that is no adverb (d, or m: 十分) has
  one / none of these tags (雨量较为充沛: a noun it describes);
- `prev2_tags`: the word before the word before it has one of these tags (the owner of 的:
  自身的不足);
- `governed_by`: one of these is a word before it in its clause, back to the nearest verb (the
  verb included: 接受…的监督);
- `not_later`: none of these is a word after it in its clause (一些缺乏锻炼的孩子: 缺乏 takes
  its object in a clause that modifies a noun);
- `object`: the run of nouns after it holds at least two words and ends in a word of one of
  these classes (进步 + 群众满意度: 进步 takes no object, 提高 does; not 进步速度);
- `one_noun`: the run of nouns after it is one word (进步速度很快: what 进步 modifies).
The occurrence must be a word of the segmentation, or a run of whole words (带 + 着).
A frame with `keep = true` says the opposite: there the written word is in its own use (a
predicate at the clause's end: 前景广阔), and the occurrence is kept whatever else speaks for the
correction. The first frame of a pair that fits decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.typo_lookalike import clause_tokens, has_tag


@dataclass(frozen=True)
class WordClass:
    """Words of the segmentation with one of `tags` (prefixes), at least `min_len` characters,
    ending in one of `suffixes`."""

    name: str
    tags: tuple[str, ...]
    suffixes: tuple[str, ...]
    min_len: int = 2

    def holds(self, word: str) -> bool:
        return len(word) >= self.min_len and word.endswith(self.suffixes) and has_tag(word, self.tags)


def load_classes(raw: dict[str, dict[str, Any]]) -> dict[str, WordClass]:
    return {name: WordClass(name, tuple(c["tags"]), tuple(c["suffixes"]), int(c.get("min_len", 2)))
            for name, c in raw.items()}


KEYS = {"next", "prev_tags", "prev_words", "clause_end", "clause_has", "not_after", "not_before", "why", "next_words",
        "next_tags", "next_not_tags", "then_end", "prev", "prev_not", "prev_not_tags", "prev2_tags", "governed_by",
        "not_later", "object", "head_not_tags", "head_tags", "keep", "one_noun"}
CLASS_KEYS = ("next", "prev", "prev_not", "object")
NOUNS = ("n", "vn", "j", "t")  # the tags of the words of a noun phrase (n holds nr, ns, nz; t: 青年 is one)


def check_frames(frames: list[dict[str, Any]], classes: dict[str, WordClass], pair: str) -> None:
    """Refuse a frame with a key this module does not read, or a class `[classes]` lacks."""
    for f in frames:
        unknown = set(f) - KEYS
        missing = [c for key in CLASS_KEYS for c in f.get(key, []) if c not in classes]
        if unknown or missing or "why" not in f:
            raise ValueError(f"pair {pair}: bad frame {f} (unknown keys {sorted(unknown)}, classes {missing}, needs 'why')")


def _after_one_of(before: list[str], words: list[str] | tuple[str, ...]) -> bool:
    """One of `words` is among the words `before` an occurrence, back to the nearest verb."""
    for w in reversed(before if words else ()):
        if w in words:
            return True
        if has_tag(w, ("v",)):
            return False
    return False


def _noun_run(after: list[str]) -> list[str]:
    """The words tagged as nouns that start `after`."""
    run = []
    for w in after:
        if not has_tag(w, NOUNS):
            break
        run.append(w)
    return run


def _object_of(after: list[str], wanted: list[str], classes: dict[str, WordClass]) -> bool:
    """The run of nouns that starts `after` holds at least two words, the last of one of `wanted`."""
    run = _noun_run(after)
    return len(run) >= 2 and any(classes[c].holds(run[-1]) for c in wanted)


def _words_fit(f: dict[str, Any], before: list[str], after: list[str]) -> bool:
    """The keys that compare words, not their tags."""
    prev, nxt = (before[-1] if before else ""), (after[0] if after else "")
    return not (f.get("clause_end") and nxt or "prev_words" in f and prev not in f["prev_words"]
                or nxt in f.get("not_before", ()) or "next_words" in f and nxt not in f["next_words"]
                or f.get("then_end") and len(after) != 1 or any(w in f.get("not_later", ()) for w in after)
                or "clause_has" in f and not any(w in "".join(before) or w in "".join(after) for w in f["clause_has"]))


def _tags_fit(f: dict[str, Any], before: list[str], after: list[str]) -> bool:
    """The keys that look the neighbours' parts of speech up in jieba's dictionary."""
    prev, nxt = (before[-1] if before else ""), (after[0] if after else "")
    prev2 = before[-2] if len(before) > 1 else ""
    heads = "head_tags" in f or "head_not_tags" in f
    head = next((w for w in reversed(before) if not has_tag(w, ("d", "m"))), "") if heads else ""
    return not ("prev_tags" in f and not (prev and has_tag(prev, f["prev_tags"]))
                or "prev2_tags" in f and not (prev2 and has_tag(prev2, f["prev2_tags"]))
                or "prev_not_tags" in f and prev and has_tag(prev, f["prev_not_tags"])
                or "head_not_tags" in f and head and has_tag(head, f["head_not_tags"])
                or "head_tags" in f and not (head and has_tag(head, f["head_tags"]))
                or "next_tags" in f and not (nxt and has_tag(nxt, f["next_tags"]))
                or "next_not_tags" in f and nxt and has_tag(nxt, f["next_not_tags"]))


def _fits(f: dict[str, Any], before: list[str], after: list[str], classes: dict[str, WordClass]) -> bool:
    """Every key of frame `f` holds; the checks that look words up in jieba's dictionary last."""
    prev, nxt = (before[-1] if before else ""), (after[0] if after else "")
    if not _words_fit(f, before, after) or not _tags_fit(f, before, after):
        return False
    if "next" in f and not any(classes[c].holds(nxt) for c in f["next"]):
        return False
    if "prev" in f and not any(classes[c].holds(prev) for c in f["prev"]):
        return False
    if any(classes[c].holds(prev) for c in f.get("prev_not", ())):
        return False
    if "object" in f and not _object_of(after, f["object"], classes):
        return False
    if f.get("one_noun") and len(_noun_run(after)) != 1:
        return False
    if "governed_by" in f and not _after_one_of(before, f["governed_by"]):
        return False
    return not _after_one_of(before, f.get("not_after", ()))


def frame_fit(text: str, start: int, end: int, frames: tuple[dict[str, Any], ...],
              classes: dict[str, WordClass]) -> tuple[str, str] | None:
    """(level, why) of the first frame that the occurrence text[start:end] fits (level "keep" for
    a frame of the word's own use, else "certain"), None if none does (or if the occurrence is
    not a word of the segmentation of its clause, or a run of them)."""
    tokens = clause_tokens(text, start, end)
    at = next((k for k, (a, _, _) in enumerate(tokens) if a == start), None)
    to = next((k for k, (_, b, _) in enumerate(tokens) if b == end), None)
    if at is None or to is None:
        return None
    before, after = [t for _, _, t in tokens[:at]], [t for _, _, t in tokens[to + 1:]]
    for f in frames:
        if _fits(f, before, after, classes):
            neighbours = f"{before[-1] if before else ''}[{text[start:end]}]{after[0] if after else ''}"
            return ("keep" if f.get("keep") else "certain"), f"frame: {f['why']} ({neighbours})"
    return None
