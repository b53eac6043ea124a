"""A document's own number alone on its line (a judgment's 案号, an official document's 文号)
is the document's, however many digits it holds: the digit-row shape is for the site's
hotline and counters, not this. Pages invented here."""

from __future__ import annotations

import pytest

from tests.conftest import clean_text

TOP = ("关于张某与李某房屋租赁合同纠纷一案的民事判决书 - 桐溪裁判文书网\n"
       "首页 | 民事案件 | 刑事案件 | 行政案件\n"
       "浏览：1,204　　收藏：13　　下载：56\n")
BODY = ("原告张某与被告李某房屋租赁合同纠纷一案，本院于2024年3月5日立案后，依法适用简易程序，公开开庭进行了审理。\n"
        "本院认为，当事人应当按照约定全面履行自己的义务。被告未按期支付租金，应承担相应的违约责任。\n")


@pytest.mark.parametrize("number", ["（2024）桐0102民初2718号", "青府办发〔2025〕7号", "(2023)桐01民终96号"])
def test_a_documents_number_under_its_issuer_stays(number):
    page = TOP + "桐溪县人民法院\n" + number + "\n" + BODY
    [doc] = clean_text(page)
    # (normalize writes the brackets full-width; the number is what must stay)
    assert number[number.index("桐" if "桐" in number else "青"):] in doc.text
