"""A site's desktop, mobile and WAP hosts name one site (source_site)."""

from __future__ import annotations

from pipeline.metadata import site_name_of_host, site_of_url
from tests.conftest import clean_bytes


def test_mobile_and_wap_hosts_are_the_site():
    for host in ["www.yunshan-shuwu.com", "m.yunshan-shuwu.com", "wap.yunshan-shuwu.com", "yunshan-shuwu.com"]:
        assert site_name_of_host(host) == "yunshan-shuwu.com"
    assert site_of_url("https://m.yunshan-shuwu.com/book/12/345.html") == "yunshan-shuwu.com"


def test_a_host_that_is_only_a_prefix_and_a_name_keeps_its_name():
    # m.cn is a domain of its own, and a site under a subdomain other than the mobile ones stays.
    assert site_name_of_host("m.cn") == "m.cn"
    assert site_name_of_host("wenku.yunshan.com") == "wenku.yunshan.com"


def test_the_one_domain_the_chrome_writes_names_the_site():
    body = ["各位家长：为切实做好汛期校园安全工作，保障广大师生生命财产安全，现就有关事项通知如下。",
            "一、加强安全教育，提醒孩子不到河边、水库等危险水域玩耍。"]
    page = ["关于加强汛期校园安全管理的通知-书山文库", *body,
            "书山文库是文档分享平台，如有侵权请联系 help@shushan-wk.com.tw 处理"]
    [doc] = clean_bytes("\n".join(page).encode())
    assert doc.metadata.get("source_site") == "shushan-wk.com.tw"
