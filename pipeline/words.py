"""Word segmentation: jieba's dictionary and its precise mode, by one of two engines.

- `rjieba` (default): jieba-rs, the same algorithm and bundled dictionary in Rust, 10 to
  15 times faster. It differs from jieba in two places, both outside Chinese words, and
  both are done here the jieba way: jieba first cuts a sentence into blocks of
  `[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]` and gives every other character (punctuation, rarer
  Han, symbols) as a token of its own, spaces grouped; and a run of ASCII letters, digits
  and marks that is not a dictionary word (`2026-06-03`, `www.a.b.cn`) is cut into
  letter/digit runs and single marks, where jieba-rs keeps it whole. So the two engines
  give the same tokens (tests hold them to it on the seeds, the benchmark corpus and
  random text).
- `jieba`: the reference, pure Python.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache

BACKENDS = ("rjieba", "jieba")
# jieba's blocks (jieba.re_han_default), its spaces (re_skip_default), and how it cuts a
# run of non-Chinese characters that is not a word (jieba.finalseg).
_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SPACE = re.compile(r"(\r\n|\s)")
_ASCII_PIECE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_ASCII = re.compile("[\x00-\x7f]")
# A sentence of these alone is cut the same by both engines in one call (a test holds it).
_PLAIN = re.compile("[\u4E00-\u9FD5，。！？：；、“”‘’（）《》【】…—·]*")


@cache
def jieba_tokenizer():
    """jieba with its bundled dictionary, initialised once per process."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _recut_ascii(tokens: list[str]) -> list[str]:
    words = jieba_tokenizer().FREQ
    out: list[str] = []
    for t in tokens:
        if len(t) > 1 and t.isascii() and not words.get(t):
            out += [piece for piece in _ASCII_PIECE.split(t) if piece]
        else:
            out.append(t)
    return out


@cache
def segmenter(backend: str = "rjieba", hmm: bool = True) -> Callable[[str], list[str]]:
    """A function from a sentence to its tokens, in the engine `backend`."""
    if backend == "jieba":
        tok = jieba_tokenizer()
        return lambda sentence: tok.lcut(sentence, HMM=hmm)
    if backend != "rjieba":
        raise ValueError(f"unknown tokenizer backend {backend!r} (known: {', '.join(BACKENDS)})")
    import rjieba

    def cut(sentence: str) -> list[str]:
        if _PLAIN.fullmatch(sentence):  # common Han and CJK punctuation only: no difference
            return rjieba.cut(sentence, hmm)
        out: list[str] = []
        for i, block in enumerate(_BLOCK.split(sentence)):
            if not block:
                continue
            if i % 2:  # a block jieba segments
                tokens = rjieba.cut(block, hmm)
                out += _recut_ascii(tokens) if _ASCII.search(block) else tokens
            else:  # anything else: spaces as they come, every other character alone
                for piece in _SPACE.split(block):
                    out += [piece] if _SPACE.fullmatch(piece) else list(piece)
        return out

    return cut
