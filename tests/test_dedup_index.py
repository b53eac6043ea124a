"""The duplicate step's machinery held to its references: LSH banding equal to datasketch's
MinHashLSH (bands chosen, candidate pairs), and the entry store giving back every sketch
while holding little in memory."""

from __future__ import annotations

import numpy as np
import pytest

import pipeline.dedup_lsh as dedup_lsh
from pipeline.dedup import sketch
from pipeline.dedup_groups import Entry, find_duplicates
from pipeline.dedup_lsh import lsh_bands, lsh_pairs
from pipeline.dedup_store import EntryStore
from pipeline.stages.deduplicate import DedupSettings
from pipeline.synthetic import corpus


@pytest.mark.parametrize("num_perm", [16, 64, 128, 250])
def test_bands_are_the_ones_datasketch_chooses(num_perm):
    from datasketch.lsh import _optimal_param

    for threshold in np.round(np.arange(0.3, 1.0001, 0.05), 2):
        assert lsh_bands(float(threshold), num_perm) == _optimal_param(float(threshold), num_perm, 0.5, 0.5)


def datasketch_pairs(signatures: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=signatures.shape[1])
    for i, s in enumerate(signatures):
        lsh.insert(i, LeanMinHash(seed=1, hashvalues=s, scheme="affine32"))
    return {(i, j) for i, s in enumerate(signatures)
            for j in lsh.query(LeanMinHash(seed=1, hashvalues=s, scheme="affine32")) if j > i}


def planted_signatures(seed: int, n: int = 300, num_perm: int = 128) -> np.ndarray:
    """Random signatures, some of which copy a few values or whole bands of another."""
    rng = np.random.default_rng(seed)
    sigs = rng.integers(0, 1 << 32, (n, num_perm), dtype=np.uint64).astype(np.uint32)
    for _ in range(n // 2):
        a, b = rng.integers(0, n, 2)
        share = rng.random()
        mask = rng.random(num_perm) < share
        sigs[b, mask] = sigs[a, mask]
    sigs[rng.integers(0, n, 20)] = sigs[0]  # a bucket of many
    return sigs


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.9])
def test_candidate_pairs_are_datasketchs(seed, threshold):
    sigs = planted_signatures(seed)
    assert lsh_pairs(sigs, threshold) == datasketch_pairs(sigs, threshold)


def test_matching_keys_are_checked_on_the_bands(monkeypatch):
    """Were every band key to collide, the candidates would still be datasketch's."""
    sigs = planted_signatures(4, n=80)
    monkeypatch.setattr(dedup_lsh, "band_keys",
                        lambda s, bands, rows: np.zeros((s.shape[0], bands), dtype=np.uint64))
    assert lsh_pairs(sigs, 0.7) == datasketch_pairs(sigs, 0.7)


def entries(n: int, settings: DedupSettings) -> list[Entry]:
    return [Entry(f"id-{i}", f"site/{i % 7}.html", i, i % 3 == 0, i % 5, sketch(text, settings))
            for i, (_, text) in enumerate(corpus(n, seed=3))]


def test_store_gives_back_every_sketch_and_field():
    settings = DedupSettings(num_perm=64, sample_size=32)
    given = entries(40, settings) + [Entry("id-short", "site/x", 0, False, 0, sketch("短", settings))]
    store = EntryStore.of(given, settings.num_perm, settings.sample_size)
    for i, e in enumerate(given):
        back = store.sketch(i)
        assert (back.exact, back.chars, back.shingles) == (e.sketch.exact, e.sketch.chars, e.sketch.shingles)
        for field in ("signature", "head", "sample"):
            assert np.array_equal(getattr(back, field), getattr(e.sketch, field))
        assert (store.ids[i], store.sources[i]) == (e.id, e.source)
    assert store.column("truncated").tolist() == [int(e.truncated) for e in given]
    assert store.column("chrome_edits").tolist() == [e.chrome_edits for e in given]
    chunked = np.concatenate(list(store.chunks()))
    assert np.array_equal(chunked["signature"], np.stack([e.sketch.signature for e in given]))


def test_store_holds_little_per_document_in_memory():
    """The sketch (~2 KB at the defaults) is on disk: in memory an id, a shared source, integers."""
    settings = DedupSettings()
    given = entries(60, settings)
    store = EntryStore.of(given, settings.num_perm, settings.sample_size)
    assert sum(e.sketch.nbytes for e in given) / len(given) > 2000
    assert store.nbytes_in_memory() / len(store) < 300


def test_store_refuses_a_sketch_of_other_sizes():
    store = EntryStore(64, 32)
    with pytest.raises(ValueError, match="site/a"):
        store.append(Entry("id", "site/a", 3, False, 0, sketch("一二三四五六七八九十" * 20, DedupSettings())))


def test_store_or_list_give_the_same_groups():
    settings = DedupSettings()
    given = entries(30, settings)
    given += [Entry(f"copy-{e.id}", "copies/" + e.source, e.doc_index, False, 0, e.sketch) for e in given[:5]]
    store = EntryStore.of(given, settings.num_perm, settings.sample_size)
    assert find_duplicates(store, settings) == find_duplicates(given, settings)
    assert len(find_duplicates(given, settings)) == 5
