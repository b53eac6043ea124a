"""UTF-8 pages that a browser read as GBK (issue 8, mechanism 7).

A browser decodes "GBK" with the WHATWG gb18030 decoder, which differs from Python's
codec where it matters here: a lone byte 0x80 becomes `€` (GB18030 writes `€` as A2 E3),
A3 A0 becomes U+3000, and a lead byte followed by an ASCII byte that cannot trail it
becomes U+FFFD while the ASCII byte is read again. The decoder is written out below from
the Encoding Standard, so the pages are made the way a browser makes them. The repair must
give back every character but those the decoder destroyed.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import Document, revert
from pipeline.lost_chars import LOST, candidates
from pipeline.stages.mojibake import RepairMojibake


def whatwg_gbk_decode(data: bytes) -> tuple[str, list[int]]:
    """The Encoding Standard's gb18030/GBK decoder (replacement mode). Returns the text and
    the offsets of the bytes it destroyed (each emitted as U+FFFD)."""
    out, destroyed, i = [], [], 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if b == 0x80:
            out.append("\u20ac")
            i += 1
            continue
        second = data[i + 1] if i + 1 < len(data) else None
        if b == 0xFF or second is None:
            out.append("\ufffd")
            destroyed.append(i)
            i += 1
            continue
        if 0x30 <= second <= 0x39:  # a four-byte sequence, or an error that re-reads the rest
            four = data[i:i + 4]
            if len(four) == 4 and 0x81 <= four[2] <= 0xFE and 0x30 <= four[3] <= 0x39:
                out.append(four.decode("gb18030"))
                i += 4
            else:
                out.append("\ufffd")
                destroyed.append(i)
                i += 1
            continue
        if 0x40 <= second <= 0x7E or 0x80 <= second <= 0xFE:
            pair = bytes([b, second])  # index gb18030 is Python's GB18030 but at two pointers
            out.append({b"\xa3\xa0": "\u3000", b"\xa8\xbc": "\u1e3f"}.get(pair) or pair.decode("gb18030"))
            i += 2
            continue
        out.append("\ufffd")  # an ASCII byte that cannot trail is read again; 0xFF is not
        destroyed.append(i)
        if second == 0xFF:
            destroyed.append(i + 1)
        i += 1 if second < 0x80 else 2
    return "".join(out), destroyed


def what_may_come_back(text: str, destroyed: list[int], exact: bool = True) -> re.Pattern[str]:
    """The repairs `text` may get back: every character none of whose UTF-8 bytes was
    destroyed, and each of the others either dropped or restored (pipeline/lost_chars.py):
    as itself (`exact`), or as any character whose UTF-8 agrees with its surviving bytes."""
    lost, pos, parts = set(destroyed), 0, []
    for c in text:
        data = c.encode("utf-8")
        hit = lost.intersection(range(pos, pos + len(data)))
        if not hit:
            parts.append(re.escape(c))
        elif exact:
            parts.append(f"(?:{re.escape(c)})?")
        else:
            pattern = bytes(LOST if pos + k in hit else b for k, b in enumerate(data))
            parts.append(f"[{re.escape(''.join(candidates(pattern)))}]?" if candidates(pattern) else "")
        pos += len(data)
    return re.compile("".join(parts), re.S)


def test_the_decoder_behaves_as_the_standard_says():
    assert whatwg_gbk_decode(b"\x80") == ("\u20ac", [])
    assert whatwg_gbk_decode(b"\x81\x28") == ("\ufffd(", [0])
    assert whatwg_gbk_decode(b"\x81\x40") == ("\u4e02", [])
    assert whatwg_gbk_decode(b"\xa3\xa0") == ("\u3000", [])
    assert whatwg_gbk_decode(b"\xa8\xbc") == ("\u1e3f", [])


# Each text puts in the browser's output a character whose bytes Python's GB18030 alone
# would not give back: (what it shows, the text, why).
CASES = {
    "0x80": ("\u20ac", "第一，最重要的是落实责任、明确分工。“一岗双责”要落到实处，最终形成合力。",
             "一 最 、 。 “ ” end in byte 0x80 or put it where the browser expects a lead byte: €"),
    "a2e3": ("\u20ac", "调研组先后走访了园区、社区、学校和医院，听取了基层干部群众的意见建议。",
             "、 (E3 80 81) after a character ending in A2: A2 E3, which is € too"),
    "a3a0": ("\u3000", "公园里的海棠花开了，游人如织，满园春色关不住。", "棠 is E6 A3 A0; A3 A0 is U+3000"),
    "a8bc": ("\u1e3f", "今年庄稼长势良好，农民喜获丰收。", "稼 is E7 A8 BC; A8 BC is U+1E3F"),
    "lost": ("\ufffd", "截至6月底，全县新增就业2350人，完成年度目标的62.5%，同比增长8.6%。",
             "a lead byte before an ASCII byte is destroyed; the ASCII byte is read again"),
    "private": ("\ue000", "要坚持把群众满意作为检验工作成效的根本标准，不断提升服务水平和治理能力。",
                "GBK's user-defined areas (leads AA-AF, F8-FE) decode to private use: repaired, not deleted"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_what_the_browser_made_comes_back_but_the_destroyed_characters(case):
    shows, text, _why = CASES[case]
    broken, destroyed = whatwg_gbk_decode(text.encode("utf-8"))
    assert shows in broken if shows != "\ue000" else any("\ue000" <= c <= "\uf8ff" for c in broken)
    doc = RepairMojibake().process(Document(source="t", text=broken))
    assert what_may_come_back(text, destroyed).fullmatch(doc.text), doc.text
    assert revert(doc.text, doc.edits) == broken


# Common simplified characters, Chinese punctuation, and the ASCII a page holds.
HAN = st.sampled_from(sorted({bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8)
                              for lo in range(0xA1, 0xFF) if (hi, lo) < (0xD7, 0xFA)}))
PIECE = st.one_of(st.text(HAN, min_size=2, max_size=14), st.sampled_from(
    list("，。、；：！？“”《》（）—…") + ["2023年", "8.6%", " ", "\n", "ABC", "x", "12"]))
PAGE = st.lists(st.text(HAN, min_size=4, max_size=14), min_size=3, max_size=6).flatmap(
    lambda start: st.lists(PIECE, min_size=10, max_size=80).map(lambda rest: "".join(start) + "".join(rest)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
def test_repair_gives_back_all_but_the_destroyed_characters(text):
    broken, destroyed = whatwg_gbk_decode(text.encode("utf-8"))
    doc = RepairMojibake().process(Document(source="t", text=broken))
    assert what_may_come_back(text, destroyed, exact=False).fullmatch(doc.text), doc.text
    assert revert(doc.text, doc.edits) == broken


def test_an_ideographic_space_between_ascii_comes_back():
    # Options of a quiz set apart by ideographic spaces (E3 80 80: 銆€ to the browser), amid
    # enough Chinese that the page is known to be mojibake.
    text = ("阅读下面的材料，回答后面的问题。小明每天步行上学，路上大约需要二十分钟。\n"
            "A.10\u3000B.20\u3000C.30\u3000D.40\n下列说法正确的是哪一项？请说明理由。")
    broken, _ = whatwg_gbk_decode(text.encode("utf-8"))
    assert "銆€" in broken
    doc = RepairMojibake().process(Document(source="t.txt", text=broken))
    assert "A.10\u3000B.20\u3000C.30\u3000D.40" in doc.text
