"""strip_site_chrome's claim filter passes over no line the claim code would take anything on:
a loosened pattern finds a match wherever its pattern matches, the bounds read from a
pattern hold for its matches, and the stage with the filter gives what it gives without it
(the reference: every line holding a literal is read) on invented pages, the rules' own
examples and the seeds."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import Document
from pipeline.loosened import claim_condition, longest_match, matches_no_space
from pipeline.rulebook import load_rules
from pipeline.stages.site_chrome import StripSiteChrome
from pipeline.stages.site_chrome_filter import bracket_keys_read

RULES = load_rules("site_chrome.toml")
PATTERNS = [p for r in RULES for p in r.patterns]
INVENTED = [r"(?P<t>.{1,150})\.(?:docx?|pdf)_第\s*\d+\s*页", r"(?=.*为大家整理了).+", r"[^\s,]{2,8}(?:网|文库)",
            r"(?:首页|[^\s>]{2,12}网)\s*>\s*(?:[^>]*>\s*)*[^>]{8,}", r"(?:a|\s\|\s)\s*[\u4e00-\u9fff]{1,7}"]
AROUND = st.lists(st.sampled_from(["我们", "会议", "，", "。", " ", "  ", "3", "2024年", "a", "【", "】", "(", ")", "|",
                                   "-", ":", "下载", "网"]), max_size=8).map("".join)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.filter_too_much])


@pytest.mark.parametrize("pattern", INVENTED + [p.pattern for p in PATTERNS])
@SLOW
@given(data=st.data(), before=AROUND, after=AROUND)
def test_a_loosened_pattern_finds_a_match_wherever_the_pattern_matches(pattern, data, before, after):
    compiled = re.compile(pattern)
    loose = claim_condition(compiled)
    assert loose is not None
    text = data.draw(st.from_regex(compiled, fullmatch=False))
    assert loose.search(before + text + after), (pattern, before, text, after)


@pytest.mark.parametrize("pattern", INVENTED + [p.pattern for r in RULES if r.scope == "line" for p in r.patterns])
@SLOW
@given(data=st.data())
def test_the_bounds_read_from_a_pattern_hold_for_its_matches(pattern, data):
    # (Line rules' patterns: they match whole lines, which is what the bounds are read for.)
    compiled = re.compile(pattern)
    text = data.draw(st.from_regex(compiled, fullmatch=True))
    if matches_no_space(compiled):
        assert not re.search(r"\s", text)
    if (longest := longest_match(compiled)) is not None and not re.search(r"\s", text):
        assert len(text) <= longest


def test_bounds_of_invented_patterns():
    assert longest_match(re.compile(r"[^\s,]{2,8}(?:网|文库)")) == 10
    assert longest_match(re.compile(r"ab\s*c")) == 3 and longest_match(re.compile(r"a+")) is None
    assert matches_no_space(re.compile(r"[^\s,]{2,8}网")) and not matches_no_space(re.compile(r"[^,]+"))
    assert not matches_no_space(re.compile(r"a.b")) and matches_no_space(re.compile(r"\w+\.com"))
    # Every match holds a space: none in a text without one.
    assert longest_match(re.compile(r"[+＋]\s+[^\s]{2,12}(?:\s*\(\d+\))?")) == 0
    assert longest_match(re.compile(r"(?:a\s|\tb)c")) == 0 and longest_match(re.compile(r"(?:a\s|b)c")) == 2
    assert longest_match(re.compile(r"a(?:\s+b){1,2}")) == 0 and longest_match(re.compile(r"a(?:\s+b)?")) == 2


def test_a_bracketed_key_is_read_as_the_claim_code_reads_it():
    assert bracket_keys_read("【上传人】  张三 【大小】12KB") == "上传人:张三 大小:12KB"


class _NoClaimFilter:
    """The reference: every line holding a literal of some rule is read."""

    def may_claim(self, line, possible, far) -> bool:
        return True


def _reference_stage() -> StripSiteChrome:
    stage = StripSiteChrome()
    stage.claim_filter = _NoClaimFilter()  # type: ignore[assignment]
    return stage


FAST, REFERENCE = StripSiteChrome(), _reference_stage()
# Invented lines: chrome of every shape the rules read (rows, bracketed keys, wrapped lines,
# buttons with notes, short banners) and prose with figures, commas and widget words.
LINES = [
    "阅读 1024 | 收藏 12 | 分享", "下载 | 打印 | 举报", "12 阅 3 转藏", "已有 58 人下载 ｜ 需 3 积分", "分享到: 微信 QQ空间",
    "回复 引用 举报 TOP", "2.3万人已下载|6金币", "第1页 / 共13页", "共 3 页", "【上传人】 山间小雨", "【大小】36KB 【页数】12",
    "（责任编辑：王五）", "【本文地址：www.a-b.cn/x】", "立即下载（含答案解析）", "文汇文档网", "知页文档网，让知识流动起来！",
    "上传人：山间小雨  上传时间：2024-03-02  页数：12页", "格式：DOC", "发布于 2024-03-05", "文档编号|HT-2024",
    "网址：www.example-docs.cn", "http://wenku.example.net/p/123.html", "会议纪要_学习文库", "首页 本地 教育 健康",
    "首页 > 范文 > 工作总结 > 2024年度全县农村工作会议上的讲话稿全文", "还剩 7 页未读，继续阅读全文", "喜欢就下载吧。",
    "本站仅提供信息存储空间服务，不拥有所有权。", "客服电话：400-123-4567", "2023年全县粮食产量达到12.5万吨，同比增长3%。",
    "第二，我们要把工作做细做实，下载量与阅读量都不是目标。", "全村共有农户362户，其中脱贫户48户", "时间：3月5日",
    "作者认为，时间是最好的老师。", "一、加强组织领导，会议于3月26日召开。", "(1)提高认识 (2)落实责任",
    "网格员每天走访,把群众的事办好,网上办事也更方便了。", "为大家整理了以上内容，希望对你有帮助。",
    "立即下载（含答案。解析）", "收藏(12)", "【阅读 12 | 收藏 3】", "2024/1/1由张三分享", "【文档名称】会议纪要。",
]
PARTS = st.one_of(st.sampled_from(LINES), st.lists(st.sampled_from(LINES), min_size=2, max_size=5).map(" ".join))
PAGES = st.lists(PARTS, min_size=1, max_size=14).map("\n".join)


def _run(stage: StripSiteChrome, text: str) -> tuple:
    doc = stage.process(Document(source="x.txt", text=text))
    return doc.text, doc.title, doc.metadata, doc.flags, [repr(e) for e in doc.edits]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PAGES)
def test_the_stage_with_its_claim_filter_gives_what_it_gives_without_it(text):
    assert _run(FAST, text) == _run(REFERENCE, text)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_the_claim_filter_changes_no_rule_example(rule):
    for example in (rule.remove, rule.keep):
        text = example.rpartition("|")[2] if "|" in example and rule.name == "title_label" else example
        assert _run(FAST, text) == _run(REFERENCE, text)


def test_the_claim_filter_changes_nothing_on_the_seeds():
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        assert _run(FAST, text) == _run(REFERENCE, text), path.name


def test_the_claim_filter_passes_over_prose_with_figures_and_widget_words():
    stage = StripSiteChrome()
    far = stage.out_of_reach[-1]
    for line in ("2023年全县粮食产量达到12.5万吨，同比增长3%。", "第二，我们要把工作做细做实，下载量与阅读量都不是目标。",
                 "作者认为，时间是最好的老师。", "网格员每天走访,把群众的事办好,网上办事也更方便了。"):
        folded = line.replace("，", ",")
        assert not stage.claim_filter.may_claim(folded, stage.interior_scan.keys_in(folded), far), line


def test_the_claim_filter_travels_pickled():
    again = pickle.loads(pickle.dumps(FAST.claim_filter))
    far = FAST.out_of_reach[-1]
    line = "阅读 1024 | 收藏 12 | 分享"
    assert again.may_claim(line, FAST.interior_scan.keys_in(line), far)
