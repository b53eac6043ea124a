"""Gold documents dressed as pages of sites the seeds do not come from, then cleaned.

Each template wraps a hand-checked gold document (../shared/dev/gold) in another site's
chrome, lays its body out another way (page chunks numbered 1、2、3、… that cut words,
page footers between paragraphs, a page that lost its line breaks) and writes its
punctuation in ASCII, as the seeds' upstream did. Cleaning must give the gold text back,
with the title and the facts the chrome states.
"""

from __future__ import annotations

import pytest

from pipeline.charsets import PARAGRAPH_END
from tests.conftest import clean_bytes, gold_files

ASCII = str.maketrans("，：；！？（）", ",:;!?()")


def chunked(text: str, size: int = 280) -> str:
    """The body cut every `size` characters, each chunk opened by its number N、."""
    flat = " ".join(text.split("\n"))
    chunks = [flat[i:i + size] for i in range(0, len(flat), size)]
    return "\n\n".join(f"{n}、{c}" for n, c in enumerate(chunks, 1))


def with_footers(text: str, title: str) -> str:
    """A page footer (title and page number) after every third paragraph."""
    out = []
    for i, para in enumerate(text.split("\n"), 1):
        out.append(para)
        if i % 3 == 0:
            out += [title, f"- {i // 3} -"]
    return "\n".join(out)


def wrapped(text: str) -> str:
    """Each paragraph hard-wrapped at a fixed width, as a PDF extraction leaves it. The
    width is one at which no wrapped line happens to end a sentence (a reader could not
    tell that break from a paragraph's end either)."""
    for width in range(36, 60):
        lines = []
        for para in text.split("\n"):
            pieces = [para[i:i + width] for i in range(0, len(para), width)]
            if any(p[-1] in PARAGRAPH_END for p in pieces[:-1]):
                break
            lines += pieces
        else:
            return "\n".join(lines)
    raise AssertionError("no width fits")


def doc88_page(title: str, body: str) -> str:
    return "\n".join([
        "欢迎来到道客巴巴", f"首页 > 党团工作 > {title}", f"{title}.pdf",
        "上传者:dj8866 文档编号:745912345 上传日期:2022-08-15 格式:PDF 页数:5 大小:36KB",
        "阅读 1256 下载 32 收藏", body, "还剩3页未读,继续阅读",
        "上一篇:2023年工作计划 下一篇:2024年工作要点", "相关推荐", "2023年工作计划范文", "党建工作总结",
        "Copyright © 2008-2024 doc88.com All Rights Reserved"])


def docin_page(title: str, body: str) -> str:
    return "\n".join([
        "豆丁网", "首页 文档 书房 登录 注册", f"{title}.doc - 豆丁网",
        "上传者:wx_2023 | 上传时间:2023-06-01 | 页数:12 | 浏览:356 | 下载:7",
        "文档加载中...广告还剩10秒", body, "下载此文档",
        "本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领",
        "阅读了该文档的用户还阅读了这些文档", "2023年工作计划", "关于加强作风建设的意见"])


def book118_page(title: str, body: str) -> str:
    return "\n".join([
        "原创力文档", f"当前位置:首页 > 行业资料 > 党政材料 > {title}", f"{title}.docx",
        f"{title}.docx_第1页", f"{title}.docx_第2页", "免费预览已结束,剩余8页可下载查看",
        "下载文档 收藏 分享 举报", body,
        "版权声明:本站所有文档均由用户上传,如有侵权请联系本站删除。",
        "原创力文档 book118.com 版权所有 ©2012-2024", "浙公网安备33010802011111号 浙ICP备14000000号-1"])


def oneline_page(title: str, body: str) -> str:
    flat = " ".join(body.split("\n"))
    return (f"您好,欢迎访问金锄头文库 当前位置:首页 > 办公文档 > {title} {title} {flat} "
            f"本文标题:{title} 链接地址:https://www.jinchutou.com/p-1234567.html")


TEMPLATES = {
    "doc88_wrapped": (lambda t, b: doc88_page(t, wrapped(b)),
                      {"uploader": "dj8866", "site_doc_id": "745912345", "file_format": "PDF", "page_count": 5}),
    "docin_footers": (lambda t, b: docin_page(t, with_footers(b, t)), {"file_format": "DOC", "page_count": 12}),
    "book118_chunks": (lambda t, b: book118_page(t, chunked(b)), {"source_site": "book118.com", "file_format": "DOCX"}),
    "oneline": (oneline_page, {"source_url": "https://www.jinchutou.com/p-1234567.html", "site_doc_id": "1234567"}),
}


def flattenable(text: str) -> bool:
    """A page that lost its breaks can only get back those after a sentence end."""
    return all(p[-1] in PARAGRAPH_END for p in text.split("\n")[:-1])


def cases():
    out = []
    for gold in gold_files():
        if len(gold["documents"]) != 1:
            continue
        doc = gold["documents"][0]
        for name in TEMPLATES:
            # A page that lost its line breaks keeps only those after a sentence end;
            # documents with unpunctuated headings are dressed by the line templates only.
            if name in ("docin_footers", "doc88_wrapped") or flattenable(doc["text"]):
                out.append(pytest.param(doc, name, id=f"{gold['source'][:3]}-{name}"))
    return out


@pytest.mark.parametrize("doc,template", cases())
def test_gold_document_comes_back_from_another_sites_page(doc, template):
    build, meta = TEMPLATES[template]
    page = build(doc["title"], doc["text"].translate(ASCII))
    [got] = clean_bytes(page.encode("utf-8"), f"{template}.txt")
    assert got.text == doc["text"]
    assert got.title == doc["title"]
    for key, value in meta.items():
        assert got.metadata.get(key) == value, key


def test_a_bundle_on_another_site_comes_back_as_its_documents():
    gold = next((g for g in gold_files() if len(g["documents"]) > 1), None)
    assert gold is not None, "the gold holds a bundle (seed 003)"
    body = "".join(d["title"] + d["text"] for d in gold["documents"]).translate(ASCII)
    page = docin_page(f"{len(gold['documents'])}篇 2024年党建工作材料汇编", chunked(body, 300))
    docs = clean_bytes(page.encode("utf-8"), "bundle.txt")
    assert [d.title for d in docs] == [d["title"] for d in gold["documents"]]
    assert [d.text for d in docs] == [d["text"] for d in gold["documents"]]
    assert [bool(d.flags.get("truncated")) for d in docs] == [d["truncated"] for d in gold["documents"]]
