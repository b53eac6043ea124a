"""Word segmentation: jieba's dictionary and its precise mode, by one of two engines.

- `rjieba` (default): jieba-rs, the same algorithm and bundled dictionary in Rust, 10 to
  15 times faster. It differs from jieba in two places, both outside common Chinese
  words, and both are done here the jieba way, so the two engines give the same tokens
  (tests hold them to it on the seeds, the benchmark corpus, random text and the
  characters at the edges of jieba's and jieba-rs's classes):
  - jieba cuts a text into blocks of `[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]` and gives every
    other character as a token of its own; jieba-rs's blocks also take the rarer Han
    characters (extension A and beyond, compatibility ideographs, U+9FD6-U+9FFF). The
    text is cut at those characters, each one a token, and every piece between them is
    cut by jieba-rs in one call (a piece then has the same blocks in either engine).
  - a run of ASCII letters, digits and marks that is not a dictionary word (`2026-06-03`,
    `www.a.b.cn`) is cut into letter/digit runs and single marks, where jieba-rs keeps it
    whole. Only a token holding one of the block's marks (`+#&._%-`) can be such a run:
    tokens of letters and digits alone are one run already, and every other character is
    a token of its own; so only the tokens at those marks are looked at.
  - two routes through the same words in another order (一|一一 and 一一|一 in 一一一) score
    the same up to the last bit of a float, and the engines sum in other orders: which wins
    differs. Such routes need a character or a pair repeated three times running (一一一,
    哈哈哈, 研究研究研究), rare in text: a text holding one is cut by jieba itself.
- `jieba`: the reference, pure Python.

(Cutting a whole document in one call and slicing its tokens per sentence was measured
no faster than one call per sentence: the slicing costs what the calls save.)
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache
from itertools import accumulate

from pipeline.jieba_dict import jieba_dictionary

BACKENDS = ("rjieba", "jieba")
# How jieba cuts a run of non-Chinese characters that is not a word (jieba.finalseg).
_ASCII_PIECE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# What jieba-rs takes into its blocks and jieba does not (see above), and lone surrogates,
# which jieba-rs cannot be given: each is a token of its own.
_OWN_CLASS = "\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F\ud800-\udfff"
_OWN_TOKEN = re.compile(f"([{_OWN_CLASS}])")
# Where a token jieba-rs keeps whole and jieba cuts can be: the marks jieba's blocks take.
_BLOCK_MARK = re.compile(r"[+#&._%\-]")
_OWN_OR_MARK = re.compile(f"[{_OWN_CLASS}+#&._%\\-]")  # one class: a fast scan
# A Chinese character or pair repeated three times running: where two routes tie (see above;
# punctuation, digits and letters are no dictionary words: ……, 000 tie nothing).
_TIED_ROUTES = re.compile(r"([\u4E00-\u9FD5])\1\1|([\u4E00-\u9FD5]{2})\2\2")


@cache
def jieba_tokenizer():
    """jieba with its bundled dictionary, initialised once per process."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _recut_ascii(text: str, tokens: list[str]) -> list[str]:
    """`tokens` of `text` with each ASCII run that is not a word cut the jieba way; only
    the tokens at a block mark are looked at (in place)."""
    ends = list(accumulate(map(len, tokens)))
    at_marks = sorted({bisect_right(ends, m.start()) for m in _BLOCK_MARK.finditer(text)}, reverse=True)
    words = jieba_dictionary()  # jieba's FREQ, compact: segmenting with rjieba loads no jieba
    for k in at_marks:  # from the end, so that the indices still to come stay valid
        t = tokens[k]
        if len(t) > 1 and t.isascii() and not words.get(t):
            tokens[k:k + 1] = [piece for piece in _ASCII_PIECE.split(t) if piece]
    return tokens


@cache
def segmenter(backend: str = "rjieba", hmm: bool = True) -> Callable[[str], list[str]]:
    """A function from a text to its tokens, in the engine `backend`."""
    if backend == "jieba":
        tok = jieba_tokenizer()
        return lambda text: tok.lcut(text, HMM=hmm)
    if backend != "rjieba":
        raise ValueError(f"unknown tokenizer backend {backend!r} (known: {', '.join(BACKENDS)})")
    import rjieba

    def cut_piece(piece: str) -> list[str]:
        tokens = rjieba.cut(piece, hmm)
        return _recut_ascii(piece, tokens) if _BLOCK_MARK.search(piece) else tokens

    def cut(text: str) -> list[str]:
        if _TIED_ROUTES.search(text):
            return segmenter("jieba", hmm)(text)
        if not _OWN_OR_MARK.search(text):  # most sentences: one engine call, nothing to redo
            return rjieba.cut(text, hmm)
        if not _OWN_TOKEN.search(text):
            return cut_piece(text)
        out: list[str] = []
        for i, piece in enumerate(_OWN_TOKEN.split(text)):
            if i % 2:
                out.append(piece)
            elif piece:
                out += cut_piece(piece)
        return out

    return cut


def _ties_possible(text: str) -> bool:
    """Whether `_TIED_ROUTES` matches somewhere in `text`, tested on its code points in numpy:
    the regex tries a group and two backreferences at every Han character, the slowest
    part of segmenting. (Exactly the regex: a Han character three times running, or a pair
    of Han characters three times running.)"""
    import numpy as np

    if len(text) < 3:
        return False
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    han = (codes >= 0x4E00) & (codes <= 0x9FD5)
    same_next, same_after_next = codes[:-1] == codes[1:], codes[:-2] == codes[2:]
    if (han[:-2] & same_next[:-1] & same_next[1:]).any():
        return True
    if len(text) < 6:
        return False
    return bool((han[:-5] & han[1:-4] & same_after_next[:-3] & same_after_next[1:-2] & same_after_next[2:-1]
                 & same_after_next[3:]).any())


@cache
def batch_segmenter(backend: str = "rjieba", hmm: bool = True) -> Callable[[list[str], str], list[list[str]]]:
    """`segmenter` for many sentences of one text at once: `(sentences, text)`, each sentence
    a part of `text`, gives each one's tokens, the same as `segmenter` one by one. A text
    where no route can tie (nearly all) has none in any sentence: one screen of the text
    replaces a regex per sentence, and a sentence without a mark goes to jieba-rs directly."""
    cut = segmenter(backend, hmm)
    if backend != "rjieba":
        return lambda sentences, text: list(map(cut, sentences))
    import rjieba

    def cut_all(sentences: list[str], text: str) -> list[list[str]]:
        if _ties_possible(text):
            return list(map(cut, sentences))
        engine, marked = rjieba.cut, _OWN_OR_MARK.search
        return [cut(s) if marked(s) else engine(s, hmm) for s in sentences]

    return cut_all
