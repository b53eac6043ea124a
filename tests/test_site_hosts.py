"""A site's desktop, mobile and WAP hosts name one site (source_site)."""

from __future__ import annotations

from pipeline.metadata import site_name_of_host, site_of_url


def test_mobile_and_wap_hosts_are_the_site():
    for host in ["www.yunshan-shuwu.com", "m.yunshan-shuwu.com", "wap.yunshan-shuwu.com", "yunshan-shuwu.com"]:
        assert site_name_of_host(host) == "yunshan-shuwu.com"
    assert site_of_url("https://m.yunshan-shuwu.com/book/12/345.html") == "yunshan-shuwu.com"


def test_a_host_that_is_only_a_prefix_and_a_name_keeps_its_name():
    # m.cn is a domain of its own, and a site under a subdomain other than the mobile ones stays.
    assert site_name_of_host("m.cn") == "m.cn"
    assert site_name_of_host("wenku.yunshan.com") == "wenku.yunshan.com"
