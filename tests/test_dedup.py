"""Duplicates: the normalised key, the sketch, and the groups decided from sketches alone."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dedup import _NOT_WORD, containment, dedup_key, jaccard, minhash, shingle_hashes, sketch, word_chars
from pipeline.dedup_groups import Entry, find_duplicates
from pipeline.stages.deduplicate import DedupSettings
from pipeline.synthetic import corpus, document

SETTINGS = DedupSettings()


def entry(name: str, text: str, truncated: bool = False, chrome_edits: int = 0, settings=SETTINGS) -> Entry:
    return Entry(f"id-{name}", name, 0, truncated, chrome_edits, sketch(text, settings))


def long_document(seed: int) -> str:
    """A generated document of at least 1,000 characters (the corpus also holds short notices)."""
    while True:
        _, text = document(seed)
        if len(text) >= 1000:
            return text
        seed += 7919


def test_key_ignores_width_punctuation_spaces_and_script():
    simplified = "各位代表：今年全县新建村级文化广场３２个，“农家书屋”实现全覆盖！"
    presented = "各位代表:\n今年全縣新建村級文化廣場 32 個,「農家書屋」實現全覆蓋!!"
    assert dedup_key(simplified) == dedup_key(presented)
    assert dedup_key(simplified) != dedup_key(simplified.replace("３２", "３３"))
    assert dedup_key("ＡＢＣ abc") == "abcabc"


# Han (BMP and extension B), letters of several scripts, digits of several kinds, marks,
# punctuation of both widths, compatibility forms, `_`, spaces, and a character beyond the
# lookup table (CJK extension H), which takes the regex path.
MIXED_CHARS = st.one_of(
    st.sampled_from("会議工作，。！？、：；（）《》“”,.!?_ \n\t\u3000ＡＢＣａ１２３①Ⅻ½ßİﬁ﹐︰ã\u0301٣߀𠀀𠮷\U00031350"),
    st.characters(max_codepoint=0x2FFFF, exclude_categories=["Cs"]),
)


@settings(max_examples=300, deadline=None)
@given(st.text(MIXED_CHARS, max_size=80))
def test_word_characters_by_table_equal_the_regex(text):
    assert word_chars(text) == _NOT_WORD.sub("", text)


def test_shingles_of_short_and_empty_keys():
    assert shingle_hashes("", 5).size == 0
    assert shingle_hashes("短句", 5).size == 1
    assert shingle_hashes("一二三四五六", 5).size == 2
    assert shingle_hashes("一二三四五一二三四五", 5).size == 5  # distinct shingles only


def test_signature_is_datasketchs_minhash():
    from datasketch import MinHash

    hashes = shingle_hashes(dedup_key(long_document(3) * 3), 5)
    for num_perm in (64, 128):
        reference = MinHash(num_perm=num_perm, seed=1, hashfunc=int)
        reference.update_batch(hashes)
        assert np.array_equal(minhash(hashes, num_perm), reference.hashvalues)


def reference_shingle_hashes(key: str, k: int) -> list[int]:
    """The shingle hash by its definition, one shingle at a time in plain Python integers:
    polynomial hash of the code points mod 2^64, murmur3's fmix64, the low 32 bits."""
    mask = (1 << 64) - 1
    k = min(k, len(key))
    out = set()
    for i in range(len(key) - k + 1) if key else []:
        h = 0
        for ch in key[i : i + k]:
            h = (h * 0x100000001B3 + ord(ch)) & mask
        h ^= h >> 33
        h = (h * 0xFF51AFD7ED558CCD) & mask
        h ^= h >> 33
        h = (h * 0xC4CEB9FE1A85EC53) & mask
        h ^= h >> 33
        out.add(h & 0xFFFFFFFF)
    return sorted(out)


KEY_CHARS = st.sampled_from("一二三四五会议工作推动发展abcXYZ0123456789𠀀")


@settings(max_examples=200, deadline=None)
@given(st.text(KEY_CHARS, max_size=60), st.integers(1, 8))
def test_shingle_hashes_follow_their_definition(key, k):
    assert shingle_hashes(key, k).tolist() == reference_shingle_hashes(key, k)


@pytest.mark.parametrize("size", [0, 1, 7, 300, 5000])
@pytest.mark.parametrize("num_perm", [16, 128, 300])
def test_blocked_minhash_is_the_minimum_over_every_shingle(size, num_perm):
    """The signature is taken a block of shingles at a time; whatever the blocks, it is the
    minimum of every permuted shingle hash (the whole matrix at once, as reference)."""
    from pipeline.dedup import _permutations

    hashes = np.sort(np.random.default_rng(size).choice(1 << 32, size, replace=False)).astype(np.uint32)
    a, b = _permutations(num_perm)
    h = hashes.astype(np.uint64)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    whole = ((h[:, None] * a.astype(np.uint64) + b) & 0xFFFFFFFF).min(axis=0) if size else np.full(num_perm, 0xFFFFFFFF)
    assert np.array_equal(minhash(hashes, num_perm), whole)


def test_estimates_follow_the_true_sets():
    text = long_document(11)
    other = long_document(12)
    half = text[: len(text) // 2]
    a, b, c = sketch(text, SETTINGS), sketch(other, SETTINGS), sketch(half, SETTINGS)
    assert jaccard(a, a) == 1.0 and jaccard(a, b) < 0.5
    assert containment(c, a) > 0.95  # a preview is inside its complete copy
    assert containment(c, b) < 0.8


def edited_copies(text: str, rng: random.Random) -> dict[str, str]:
    """Copies a site would hold: a figure changed, one sentence deleted, a word swapped,
    a paragraph removed, a preview cut at 40%, and the same text in traditional script
    with ASCII punctuation. None is longer than the text, so the text is the keeper."""
    import opencc

    numbers = list(re.finditer(r"\d+", text))
    m = rng.choice(numbers)
    sentences = re.findall(r"[^。！？\n]+[。！？]|\n", text)
    drop = rng.choice([i for i, s in enumerate(sentences) if len(s) > 15])
    lines = text.split("\n")
    return {
        "number": text[: m.end() - 1] + str((int(text[m.end() - 1]) + 3) % 10) + text[m.end():],
        "sentence": "".join(sentences[:drop] + sentences[drop + 1:]),
        "word": text.replace("推动", "促进", 1) if "推动" in text else text.replace("工作", "事务", 1),
        "paragraph": "\n".join(lines[:2] + lines[3:]),
        "preview": text[: int(len(text) * 0.4)],
        "presentation": opencc.OpenCC("s2t").convert(text).replace("，", ", ").replace("。", ". "),
    }


def test_edited_copies_are_grouped_with_the_complete_document():
    rng = random.Random(5)
    entries, expected = [], {}
    for n in range(12):
        text = long_document(100 + n)
        entries.append(entry(f"a/{n:02d}", text))
        for kind, copy in edited_copies(text, rng).items():
            entries.append(entry(f"b/{n:02d}-{kind}", copy, truncated=kind == "preview"))
            expected[f"id-b/{n:02d}-{kind}"] = f"id-a/{n:02d}"
    found = {d.id: d for d in find_duplicates(entries, SETTINGS)}
    assert {i: d.duplicate_of for i, d in found.items()} == expected
    kinds = {i.rsplit("-", 1)[1]: d.kind for i, d in found.items()}
    assert kinds["presentation"] == "exact" and kinds["preview"] == "contained" and kinds["number"] == "near"


def test_distinct_generated_documents_are_never_duplicates():
    docs = [text for _, text in corpus(300, seed=7)]
    assert len(set(docs)) == 300
    assert find_duplicates([entry(f"g/{i:03d}", t) for i, t in enumerate(docs)], SETTINGS) == []


def test_keeper_is_the_most_complete_copy():
    text = long_document(21)
    preview = text[: len(text) // 2]
    group = [entry("z/complete", text), entry("a/preview", preview, truncated=True),
             entry("b/copy", text, chrome_edits=3), entry("c/copy", text, chrome_edits=3)]
    dups = {d.id: d for d in find_duplicates(group, SETTINGS)}
    assert set(dups) == {"id-a/preview", "id-b/copy", "id-c/copy"}
    assert {d.duplicate_of for d in dups.values()} == {"id-z/complete"}
    # equally complete copies: the first by source path is kept
    tie = {d.id: d.duplicate_of for d in find_duplicates(group[2:], SETTINGS)}
    assert tie == {"id-c/copy": "id-b/copy"}
    # a complete copy beats a longer truncated one
    longer_preview = entry("a/long-preview", text + "更多内容请下载后查看完整文档内容谢谢", truncated=True)
    assert {d.id for d in find_duplicates([group[0], longer_preview], SETTINGS)} == {"id-a/long-preview"}


def test_a_short_preview_does_not_join_two_documents_that_open_alike():
    opening = long_document(31)[:600]
    first, second = opening + long_document(32), opening + long_document(33)
    preview = opening[:400]
    dups = find_duplicates([entry("a/first", first), entry("b/second", second),
                            entry("c/preview", preview, truncated=True)], SETTINGS)
    assert [(d.id, d.kind) for d in dups] == [("id-c/preview", "contained")]


def test_groups_do_not_depend_on_entry_order_or_sharding():
    rng = random.Random(9)
    entries = []
    for n in range(6):
        text = long_document(200 + n)
        entries += [entry(f"a/{n}", text)] + [entry(f"b/{n}-{k}", c, truncated=k == "preview")
                                             for k, c in edited_copies(text, rng).items()]
    shuffled = entries[:]
    random.Random(1).shuffle(shuffled)
    assert find_duplicates(shuffled, SETTINGS) == find_duplicates(entries, SETTINGS)


@pytest.mark.parametrize("shingle_chars", [4, 6])
def test_settings_change_the_comparison(shingle_chars):
    settings = DedupSettings(shingle_chars=shingle_chars)
    text = long_document(41)
    a, b = sketch(text, settings), sketch(text.replace("。", "，", 1), settings)
    assert a.exact == b.exact and a.signature.size == settings.num_perm


def test_texts_without_letters_are_only_equal_to_themselves():
    dups = find_duplicates([entry("a", "……"), entry("b", "——！"), entry("c", "……")], SETTINGS)
    assert [(d.id, d.duplicate_of, d.kind) for d in dups] == [("id-c", "id-a", "exact")]
