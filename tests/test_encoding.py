"""Decoding, mojibake repair, width, quotes and script (cleaning.md section 4)."""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from pipeline.charsets import han_plausibility
from pipeline.document import Document, revert
from pipeline.stages.mojibake import RepairMojibake
from tests.conftest import SEEDS, clean_bytes, clean_text

SEED_FILES = sorted(SEEDS.glob("*.txt"))
S2TW, TW2S = opencc.OpenCC("s2tw"), opencc.OpenCC("tw2s")


def cleaned(data: bytes, name: str, **stage_settings) -> list[tuple[str | None, str]]:
    return [(d.title, d.text) for d in clean_bytes(data, name, **stage_settings)]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_big5_traditional_with_t2s_gives_the_simplified_documents(path):
    simplified = path.read_text(encoding="utf-8")
    traditional = S2TW.convert(simplified)
    got = cleaned(traditional.encode("big5"), path.name, normalize={"script": "t2s"})
    # Big5 is read exactly as the same text in UTF-8 would be.
    assert got == cleaned(traditional.encode("utf-8"), path.name, normalize={"script": "t2s"})
    # And the result is the simplified seed's, apart from the characters where OpenCC's
    # own round trip s2tw -> tw2s does not come back (坐标 -> 座標 -> 座标).
    expected = cleaned(path.read_bytes(), path.name)
    round_trip = TW2S.convert(traditional)
    opencc_losses = sum(a != b for a, b in zip(simplified, round_trip)) + abs(len(simplified) - len(round_trip))
    assert [t for t, _ in got] == [t for t, _ in expected]
    distance = Levenshtein.distance("\n".join(x for _, x in got), "\n".join(x for _, x in expected))
    assert distance <= opencc_losses + 2 * len(got), (distance, opencc_losses)


def test_traditional_document_is_kept_unless_asked():
    text = "各級黨組織要堅持以人民為中心的發展思想，切實把群眾的急難愁盼問題解決好。"
    [doc] = clean_text(text)
    assert doc.text == text and doc.metadata["script"] == "traditional"


def test_stray_traditional_characters_in_a_simplified_document_are_converted():
    [doc] = clean_text("各级党组织要坚持以人民为中心的发展思想，切实把群眾的急难愁盼问题解决好，推动基层治理取得新成效。")
    assert "群众" in doc.text and doc.metadata["script"] == "simplified"
    assert {e.rule for e in doc.edits} == {"opencc_t2s"}


@pytest.mark.parametrize("codec", ["latin-1", "sloppy-windows-1252"])
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_utf8_read_as_latin1_comes_back_exactly(path, codec):
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    whole = text.encode("utf-8").decode(codec)
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    one = "\n".join(x.encode("utf-8").decode(codec) if i == longest else x for i, x in enumerate(lines))
    expected = cleaned(raw, path.name)
    for broken in (whole, one):
        assert cleaned(broken.encode("utf-8"), path.name) == expected


def _gbk_mojibake(text: str, errors: str) -> tuple[str, str]:
    """The whole text, and only its longest line, as UTF-8 bytes read as GBK."""
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    one = "\n".join(line.encode("utf-8").decode("gbk", errors) if i == longest else line
                    for i, line in enumerate(lines))
    return text.encode("utf-8").decode("gbk", errors), one


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_utf8_read_as_gbk_comes_back_exactly_when_no_byte_was_dropped(path):
    # A decoder that escapes the bytes it cannot read (errors="surrogateescape") loses
    # nothing, and the repair takes every byte back.
    text = path.read_text(encoding="utf-8")
    for broken in _gbk_mojibake(text, "surrogateescape"):
        doc = RepairMojibake().process(Document(source=path.name, text=broken))
        assert doc.text == text
        assert revert(doc.text, doc.edits) == broken


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_utf8_read_as_gbk_comes_back_but_for_what_the_decoder_destroyed(path):
    raw = path.read_bytes()
    expected = "\n".join(x for _, x in cleaned(raw, path.name))
    for broken in _gbk_mojibake(raw.decode("utf-8"), "replace"):
        got = "\n".join(x for _, x in cleaned(broken.encode("utf-8"), path.name))
        # Each U+FFFD stands for a byte the wrong decoder dropped, and the character it cut
        # is gone for good; a chrome line that lost a character of its key may survive.
        assert Levenshtein.distance(got, expected) <= 2 * broken.count("\ufffd")
        assert "\ufffd" not in got and han_plausibility(got) >= 0.97


def test_a_broken_span_inside_a_good_line_is_repaired():
    good = "各级党组织要坚持以人民为中心，"
    broken = "推动基层治理取得新成效".encode().decode("gbk", "replace")
    doc = RepairMojibake().process(Document(source="t", text=good + broken + "。"))
    assert doc.text.startswith(good) and "推动基层治理" in doc.text
    assert {e.rule for e in doc.edits} == {"gbk_mojibake"}


def test_kun_jin_kao_is_removed():
    doc = RepairMojibake().process(Document(source="t", text="锟斤拷锟斤拷党建工作"))
    assert doc.text == "党建工作"


def test_ascii_quotes_become_chinese_quotes_in_chinese_text_only():
    [doc] = clean_text('所谓"五化",即"党建聚合化"。')
    assert doc.text == "所谓“五化”，即“党建聚合化”。"
    [doc] = clean_text('He said "hello" to the team, then left.')
    assert doc.text == 'He said "hello" to the team, then left.'


def test_width_keeps_numbers_times_urls_ascii():
    [doc] = clean_text("会议于10:30召开,同比增长98.3%,1,000人参加(详见https://a.cn/x?y=1,z)。")
    assert doc.text == "会议于10:30召开，同比增长98.3%，1,000人参加（详见https://a.cn/x?y=1,z）。"


def test_fullwidth_letters_and_digits_become_ascii_and_invisibles_go():
    [doc] = clean_text("ＡＢＣ１２３党建\u200b工作\ue000。")
    assert doc.text == "ABC123党建工作。"


HAN_TEXT = st.text(st.sampled_from("党建引领基层治理服务群众工作会议精神，。：；！？“”、（）"), min_size=1, max_size=80)


@settings(max_examples=100, deadline=None)
@given(HAN_TEXT)
def test_mojibake_repair_leaves_correct_text_alone_and_round_trips(text):
    doc = RepairMojibake().process(Document(source="t", text=text))
    assert doc.text == text
    broken = text.encode("utf-8").decode("latin-1")
    fixed = RepairMojibake().process(Document(source="t", text=broken))
    assert revert(fixed.text, fixed.edits) == broken


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_utf16_without_bom_is_detected(path):
    raw = path.read_bytes()
    assert cleaned(raw.decode("utf-8").encode("utf-16-le"), path.name) == cleaned(raw, path.name)
    assert clean_bytes(raw.decode("utf-8").encode("utf-16-le"), path.name)[0].metadata["encoding"] == "utf-16-le"


def test_curly_quotes_that_face_one_way_are_paired():
    [doc] = clean_text("他说：”我们要加强党建。”大家都同意“五化”工作法。")
    assert doc.text == "他说：“我们要加强党建。”大家都同意“五化”工作法。"
    text = "“第一段引文的开头，这段话跨越了两个段落。\n“第二段引文，到这里才结束。”"
    [doc] = clean_text(text)
    assert doc.text == text


def test_utf8_with_a_few_broken_bytes_is_read_as_utf8_and_says_so():
    raw = (SEEDS / "002_5412e850ed2bbe2b.txt").read_bytes()
    at = len(raw[:500].decode("utf-8", "ignore").encode("utf-8"))  # a character boundary
    cut = raw[:at] + b"\xe5\x9f" + raw[at:]  # the first two bytes of a character, alone
    [doc] = clean_bytes(cut, "cut.txt")
    assert doc.metadata["encoding"] == "utf-8 (1 invalid byte sequence(s) replaced)"
    assert doc.text == clean_bytes(raw, "cut.txt")[0].text
    assert any(e.rule == "invisible_chars" and e.before == "\ufffd" for e in doc.edits)


def test_the_match_view_simplifies_each_character_as_opencc_does_alone():
    from pipeline.charsets import _t2s, common_han, match_view

    chars = sorted(common_han())
    alone = [_t2s().convert(c) for c in chars]
    expected = "".join(s if len(s) == 1 else c for c, s in zip(chars, alone))
    assert match_view("".join(chars)) == expected
    assert match_view("試讀結束：ＡＢ１") == "试读结束:AB1"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=()), max_size=60))
def test_the_match_view_is_one_table_lookup_per_character_and_moves_only_spaces(text):
    from pipeline.charsets import _view_table, match_view

    folded, view = text.translate(_view_table()), match_view(text)
    assert len(view) == len(text)
    # (Closing a spaced key moves its spaces after the colon; nothing else moves.)
    assert view.replace(" ", "") == folded.replace(" ", "")
    if ":" not in folded:
        assert view == folded


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["编", "号", "来源", " ", "  ", "\u3000", ":", "：", "\n", "A", "1", " :", "号 :"]),
                max_size=24).map("".join))
def test_spaced_keys_are_closed_where_the_pattern_over_the_whole_view_closes_them(text):
    # Only the lines holding `_SPACED_KEY_END` are read: the result is the plain substitution's.
    from pipeline.charsets import _SPACED_KEY, _close_key, _close_spaced_keys, _view_table

    view = text.translate(_view_table())
    assert _close_spaced_keys(view) == _SPACED_KEY.sub(_close_key, view)


def test_a_key_set_in_spaced_letters_is_read_closed_up_with_its_value_in_place():
    from pipeline.charsets import match_view

    line = "编\u3000\u3000号：A-17\u3000\u3000来 源 地：北岭"
    view = match_view(line)
    assert view == "编号:  A-17  来源地:  北岭"
    assert view.index("A-17") == line.index("A-17") and view.index("北岭") == line.index("北岭")
    # Letters spaced without a colon (a heading set wide), and a key after a value, stay.
    assert match_view("合 同 书") == "合 同 书"
    assert match_view("男：女 方：") == "男:女 方:"
