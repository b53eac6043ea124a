"""Titles and facts where a page names its file more than once (issue 8, the mechanisms the
thirteenth unseen-site check showed): a download button names the page's file, a bulleted
run of file names names other documents, a row of links with wide gaps is no browser title,
and a site's one domain names a page that names no site. Invented pages throughout."""

from __future__ import annotations

from pipeline.document import Document
from tests.conftest import clean_text

BODY = ("今年以来，街道共组织应急演练六次，参与居民一千二百余人次，居民的自救互救能力明显提高。\n"
        "下一步，街道将把演练同隐患排查结合起来，每季度至少开展一次全员疏散演练。")


def only(text: str) -> Document:
    [doc] = clean_text(text)
    return doc


def test_a_download_button_names_the_file_and_its_size():
    page = f"{BODY}\n立即下载文档：青柳街道应急演练工作总结.docx（56 KB）\n© 2024 柳岸文档"
    doc = only(page)
    assert doc.text == BODY
    assert doc.title == "青柳街道应急演练工作总结"
    assert doc.metadata.get("file_size") == "56KB" and doc.metadata.get("file_format") == "DOCX"


def test_a_bulleted_run_of_file_names_names_other_documents():
    page = (f"{BODY}\n下载课件：社区消防疏散演练.pptx（3.1 MB）\n"
            "· 居民楼电动车充电安全常识.pptx\n· 老旧小区燃气安全检查要点.pptx\n© 2024 柳岸文档")
    doc = only(page)
    assert doc.text == BODY and doc.title == "社区消防疏散演练"
    # without the button, no list item becomes the title
    listed = only(f"{BODY}\n· 居民楼电动车充电安全常识.pptx\n· 老旧小区燃气安全检查要点.pptx\n© 2024 柳岸文档")
    assert listed.title not in {"居民楼电动车充电安全常识", "老旧小区燃气安全检查要点"}


def test_one_file_name_shown_twice_still_names_the_page():
    name = "柳岸社区2024年消防工作计划.pdf"
    doc = only(f"{name}\n{name}\n{BODY}")
    assert doc.title == "柳岸社区2024年消防工作计划"


def test_a_row_of_links_with_wide_gaps_is_no_browser_title():
    page = f"推荐：总结报告  演讲致辞  合同范本  |  上传资料赚积分\n柳岸社区应急演练工作总结\n{BODY}"
    doc = only(page)
    assert doc.title == "柳岸社区应急演练工作总结"
    assert "推荐" not in doc.text


def test_a_page_that_names_no_site_is_named_by_its_one_domain():
    page = f"{BODY}\n本站仅提供存储空间，版权归作者所有，投诉请联系 kefu@liuanwendang.com"
    assert only(page).metadata.get("source_site") == "liuanwendang.com"


def test_a_tagged_file_name_over_its_title_label_is_one_name():
    page = f"【资料】柳岸社区消防工作计划.pdf\n资料名称：柳岸社区消防工作计划\n{BODY}"
    assert only(page).title == "柳岸社区消防工作计划"


def test_what_the_reader_is_reading_is_the_title():
    page = f"柳岸文档 · 免费下载\n您正在阅读：柳岸社区2024年消防工作计划\n{BODY}"
    assert only(page).title == "柳岸社区2024年消防工作计划"
