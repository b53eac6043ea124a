"""The HTML reports in a real browser: headless Chromium from the system's packages
(Debian's `chromium`, installed by .ci/run), driven by Playwright; nothing is downloaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import PipelineConfig
from pipeline.runner import Build
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# An invented notice whose text holds a script: the reports must show it, never run it.
PAGE = ("关于网页安全培训的通知\n各部门：为提高网络安全意识，定于下周三举办网页安全培训。\n"
        "培训将演示一段脚本<script>window.__pwned = 1; document.title = \"PWNED\"</script>如何被当作文字显示。\n"
        "请各部门按时参加。\n")
OTHER = "关于调整午休时间的通知\n自下月起，午休时间调整为十二点至一点半。\n请相互转告。\n"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip("no system Chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("browser")
    src = root / "pages"
    src.mkdir()
    (src / "notice.txt").write_text(PAGE, encoding="utf-8")
    (src / "other.txt").write_text(OTHER, encoding="utf-8")
    Build(src, root / "out", "pages", PipelineConfig(), progress=False).run()
    (src / "notice.txt").write_text(PAGE.replace("一段脚本", "一小段脚本"), encoding="utf-8")
    Build(src, root / "out", "pages", PipelineConfig(), progress=False).run()
    out = {"diff": root / "diff.html", "stats": root / "stats.html"}
    run = [sys.executable, "-m", "pipeline"]
    diff = subprocess.run([*run, "diff", "--output", str(root / "out"), "--format", "html", "-o", str(out["diff"])],
                          cwd=ROOT, capture_output=True, text=True)
    assert diff.returncode == 1, diff.stderr
    subprocess.run([*run, "stats", "v2", "--output", str(root / "out"), "--html", "-o", str(out["stats"])],
                   cwd=ROOT, check=True, capture_output=True)
    return out


def test_the_diff_report_shows_summary_chart_and_highlighted_change(browser, reports):
    page = browser.new_page()
    page.goto(reports["diff"].as_uri())
    assert page.locator("#summary table").is_visible()
    assert "1 changed" in page.locator("#summary").inner_text()
    charts = page.locator("#edits svg.chart")
    assert charts.count() >= 2 and charts.first.is_visible() and charts.first.locator("rect.bar").count() > 0
    doc = page.locator("details.doc").first
    assert not doc.locator("ins").first.is_visible()  # collapsed until opened
    doc.locator("summary").click()
    inserted = doc.locator("ins").first
    assert inserted.is_visible() and inserted.inner_text() == "小"
    colour = inserted.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    page.close()


def test_a_script_inside_a_document_is_shown_as_text_and_never_runs(browser, reports):
    page = browser.new_page()
    page.goto(reports["diff"].as_uri())
    page.locator("details.doc summary").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "PWNED"
    assert "<script>window.__pwned = 1;" in page.locator("details.doc").first.inner_text()
    page.close()


def test_the_search_box_filters_documents(browser, reports):
    page = browser.new_page()
    page.goto(reports["diff"].as_uri())
    doc = page.locator("details.doc").first
    page.fill("#filter", "没有这个词")
    assert doc.is_hidden()
    page.fill("#filter", "演示")  # in the changed paragraph (a clean page has no title: its heading stays text)
    assert doc.is_visible()
    page.close()


def test_the_stats_page_shows_totals_and_plots(browser, reports):
    page = browser.new_page()
    page.goto(reports["stats"].as_uri())
    assert page.locator("#summary table").is_visible()
    assert "documents" in page.locator("#summary").inner_text()
    histograms = page.locator("#lengths svg.chart")
    assert histograms.count() >= 3 and histograms.first.is_visible()
    assert page.locator("#edits svg.chart rect.bar").count() > 0
    page.close()
