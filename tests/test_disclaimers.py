"""A copy's disclaimer (for reference only, the original prevails) and a ban on reprinting
said to the reader are the site's, wherever they stand; a contract's own clause on which
copy prevails is the document's. Pages invented here."""

from __future__ import annotations

from tests.conftest import clean_text

BODY = ("甲乙双方经友好协商，就门面房租赁事宜达成如下协议。\n"
        "一、租赁期限为两年，自2025年3月1日起至2027年2月28日止。\n"
        "二、本合同一式两份，复印件与原件不一致的，以原件为准。\n")


def test_a_copys_disclaimer_at_the_end_goes_and_does_not_read_as_a_cut():
    page = "门面房租赁合同\n" + BODY + "资料来源：桐溪档案信息网　本件仅供查阅参考，以档案馆所藏原件为准\n"
    [doc] = clean_text(page)
    assert "仅供查阅参考" not in doc.text
    assert "复印件与原件不一致的，以原件为准" in doc.text
    assert not doc.flags.get("truncated")


def test_a_ban_on_reprinting_goes():
    page = "门面房租赁合同\n" + BODY + "《溪畔杂记》　本文由溪畔文学网首发，谢绝转载\n"
    [doc] = clean_text(page)
    assert "谢绝转载" not in doc.text and not doc.flags.get("truncated")


def test_a_sites_disclaimer_of_advice_goes_and_a_speakers_own_words_stay():
    answer = ("建议先到医院做血常规检查，再根据结果用药。\n"
              "以上回答仅为医生个人建议，不能作为诊断依据，如有不适请及时就医。\n"
              "风险提示：本站行情数据来源于公开渠道，仅供参考，不构成投资建议。\n")
    [doc] = clean_text("孩子反复发烧怎么办？\n" + answer)
    assert "个人建议" not in doc.text and "投资建议" not in doc.text
    speech = "他在会上说：“以上仅为我的个人观点，欢迎大家批评指正。”会议随后进入讨论环节。\n"
    [doc] = clean_text("座谈会纪要\n" + speech + BODY)
    assert "以上仅为我的个人观点" in doc.text


def test_a_sites_viewing_note_and_accessibility_badge_go():
    foot = "本網站通過無障礙AA等級檢測　最佳瀏覽解析度1280x1024\n"
    [doc] = clean_text("門面房租賃合同\n" + BODY + foot)
    assert "解析度" not in doc.text and "無障礙" not in doc.text
    [doc] = clean_text("城区道路无障碍设施改造方案\n" + BODY + "改造后的盲道将通过无障碍设施专项检测。\n")
    assert "通过无障碍设施专项检测" in doc.text
