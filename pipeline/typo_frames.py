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
- `not_before`: the word after it is none of these (效劳于).
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


KEYS = {"next", "prev_tags", "prev_words", "clause_end", "clause_has", "not_after", "not_before", "why"}


def check_frames(frames: list[dict[str, Any]], classes: dict[str, WordClass], pair: str) -> None:
    """Refuse a frame with a key this module does not read, or a class `[classes]` lacks."""
    for f in frames:
        unknown = set(f) - KEYS
        missing = [c for c in f.get("next", []) if c not in classes]
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


def _fits(f: dict[str, Any], before: list[str], after: list[str], classes: dict[str, WordClass]) -> bool:
    """Every key of frame `f` holds; the checks that look words up in jieba's dictionary last."""
    prev, nxt = (before[-1] if before else ""), (after[0] if after else "")
    if (f.get("clause_end") and nxt or "prev_words" in f and prev not in f["prev_words"]
            or nxt in f.get("not_before", ())
            or "clause_has" in f and not any(w in "".join(before) or w in "".join(after) for w in f["clause_has"])):
        return False
    if "prev_tags" in f and not (prev and has_tag(prev, f["prev_tags"])):
        return False
    if "next" in f and not any(classes[c].holds(nxt) for c in f["next"]):
        return False
    return not _after_one_of(before, f.get("not_after", ()))


def frame_fit(text: str, start: int, end: int, frames: tuple[dict[str, Any], ...],
              classes: dict[str, WordClass]) -> str | None:
    """The `why` of the first frame that the occurrence text[start:end] fits, None if none does
    (or if the occurrence is not a word of the segmentation of its clause)."""
    tokens = clause_tokens(text, start, end)
    at = next((k for k, (a, b, _) in enumerate(tokens) if (a, b) == (start, end)), None)
    if at is None:
        return None
    before, after = [t for _, _, t in tokens[:at]], [t for _, _, t in tokens[at + 1:]]
    for f in frames:
        if _fits(f, before, after, classes):
            neighbours = f"{before[-1] if before else ''}[{text[start:end]}]{after[0] if after else ''}"
            return f"frame: {f['why']} ({neighbours})"
    return None
