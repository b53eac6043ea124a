# Two commands on a fresh clone: `make dataset` (set up + build), `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup dataset test lint bench score layouts unseen unseen2 unseen3 unseen4 unseen5 unseen6 unseen7 unseen8 unseen9 unseen10 unseen11 unseen12 unseen13 unseen14 unseen15 unseen16 unseen17 unseen18 unseen19 unseen20 unseen21 unseen22 unseen23 unseen24 unseen25 unseen26 unseen27 clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip uninstall --quiet --yes pipeline 2>/dev/null || true  # the distribution's old name
	$(PY) -m pip install --quiet -e '.[test,ray]'
	touch $(STAMP)

dataset: $(STAMP)
	$(PY) -m pipeline build --input seeds --output data --config pipeline.toml

test: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests
	$(PY) -m pytest

SIZE ?= 50
bench: $(STAMP)
	$(PY) -m pipeline.bench --size $(SIZE)

# Rewrite tests/fixtures/output_fingerprint.json (the published rows of the seeds and a generated
# corpus) after an intended accuracy change, in that change's own commit (never in a speed change).
.PHONY: fingerprint
fingerprint: $(STAMP)
	$(PY) -m pipeline.fingerprint --write

score: $(STAMP)
	$(PY) ../shared/tools/score.py --gold ../shared/dev/gold --raw seeds --out $$(ls -d data/seeds/v* | sort -V | tail -n 1)

# The unseen-site check (tests/fixtures/unseen): build its raw pages with the pipeline into a
# temporary folder and score them against their gold (per-page table, then the score: line).
UNSEEN := tests/fixtures/unseen
unseen: $(STAMP)
	@test -f ../shared/tools/score.py || { echo "unseen: ../shared/tools/score.py not found (../shared must sit beside the repo)" >&2; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PY) -m pipeline build --input $(UNSEEN)/pages --output "$$tmp" --name unseen --config pipeline.toml --no-progress >&2 && \
	$(PY) ../shared/tools/score.py --gold $(UNSEEN)/gold --raw $(UNSEEN)/pages --out $$(ls -d "$$tmp"/unseen/v* | sort -V | tail -n 1)

# The invented-site sets again in another page layout, with their own gold (LAYOUT: oneline, blank,
# wrap, nowrap, ascii, indent; SETS: some of them, default all but the sealed ones): how the cleaning
# holds when only the layout changes. See tests/fixtures/layouts.py.
LAYOUT ?= oneline
layouts: $(STAMP)
	@test -f ../shared/tools/score.py || { echo "layouts: ../shared/tools/score.py not found" >&2; exit 1; }
	$(PY) tests/fixtures/layouts.py $(LAYOUT) $(SETS)

# The second unseen-site check (tests/fixtures/unseen2), written apart from the rules and from the
# first check's pages after the first had been used to tune them: the same run on other pages.
unseen2:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen2

# The third unseen-site check (tests/fixtures/unseen3): written apart from the rules and from the
# first two checks' page definitions; sealed until the fourth existed, then tuned on (like the first two).
unseen3:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen3

# The fourth unseen-site check (tests/fixtures/unseen4), written apart from the rules and from
# all three earlier checks' page definitions (its own generator); sealed until the fifth existed,
# then tuned on (like the first three).
unseen4:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen4

# The fifth unseen-site check (tests/fixtures/unseen5), written apart from the rules and from all
# four earlier checks' pages, gold and page definitions (its own generator, the fourth's
# mechanics); sealed until the sixth existed, then tuned on.
unseen5:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen5

# The sixth unseen-site check (tests/fixtures/unseen6), written apart from the rules and from all
# five earlier checks' pages, gold and page definitions (the fifth's generator, its own pages);
# sealed until the seventh existed, then tuned on.
unseen6:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen6

# The seventh unseen-site check (tests/fixtures/unseen7), SEALED, written apart from the rules, the
# pipeline's stages and all six earlier checks' pages, gold and page definitions (its own generator
# and pages; only the sixth's generator was read, for the file format): compare its score line before
# and after a change, and do not tune the rules on its pages.
unseen7:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen7

# The eighth set (tests/fixtures/unseen8): a TUNING set of typical document-site layouts (12 invented
# sites, two pages each, plus 3 already-clean pages), written apart from the rules, the pipeline's
# stages and the earlier checks' pages, gold and page definitions, for diagnosing where cleaning
# fails on layouts it has not seen. Not sealed: its per-page results may be read.
unseen8:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen8

# The ninth set (tests/fixtures/unseen9): a second TUNING set of document-site layouts (12 invented
# sites whose titles, facts and chrome depart from the typical ones, two pages each, plus 3
# already-clean pages), written apart from the rules, the pipeline's stages and the earlier checks'
# pages, gold and page definitions, for diagnosing. Not sealed: its per-page results may be read.
unseen9:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen9

# The tenth unseen-site check (tests/fixtures/unseen10), SEALED: 10 invented document-sharing sites
# (two pages each) and 3 already-clean pages, written apart from the rules, the pipeline's stages and
# all earlier checks' pages, gold and page definitions. Compare its score line before and after a
# session; do not tune on its pages.
unseen10:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen10

# The eleventh set (tests/fixtures/unseen11): a third TUNING set, of sites that are not document-
# sharing sites (a government disclosure page, a news portal, a paper repository, a law database, a
# forum, a Q&A page, a mobile page, a PDF-to-text page, a blog, a wiki, an e-book reader, a school
# intranet; two pages each) and 3 already-clean pages, written apart from the rules, the pipeline's
# stages and the earlier checks' pages, gold and page definitions, for diagnosing. Not sealed: its
# per-page results may be read.
unseen11:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen11

# The twelfth set (tests/fixtures/unseen12): a fourth TUNING set of document-sharing sites (12 invented
# sites whose titles, facts and chrome vary: browser-title lines with one to three suffixes, headings,
# labelled fields, file names, 《》 wrappers; bylines, key|value and 【key】 rows, sidebars, ids in URLs;
# page counters, running headers, one-line pages, a bundle page, six encodings; two pages each) and 3
# already-clean pages, written apart from the rules, the pipeline's stages and the other sets' pages,
# gold and page definitions, for diagnosing. Not sealed: its per-page results may be read.
unseen12:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen12

# The thirteenth set (tests/fixtures/unseen13): a TUNING set of session 9 (12 invented document-sharing
# sites of kinds covered less before: teacher resources, slides, contract templates, a corporate document
# centre, student essays, a Big5 standards library, a district government page, a press-release archive,
# resumes, medical leaflets, a wiki export, a cloud-drive share; titles in tagged headings, download
# buttons, 您正在阅读 lines, share texts; facts in rows or spread over lines, relative dates,
# alphanumeric ids; slide and page furniture, comments, ads in the text; two pages each) and 3
# already-clean pages, written apart from the rules, the pipeline's stages and the other sets' pages,
# gold and page definitions, for diagnosing. Not sealed: its per-page results may be read.
unseen13:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen13

# The fourteenth set (tests/fixtures/unseen14): a TUNING set of session 9 (12 invented document-sharing
# sites, two or three pages each, and 4 already-clean pages): titles repeated as running headers with
# page numbers in varied forms, hard-wrapped text, facts at the page's end, on price lines, contributor
# cards and credit lines; related lists that read like text, prev/next links, tag rows, login walls and
# 展开全文 in the middle; documents holding chrome-like content that stays (contacts, 谢谢大家！, tables,
# scores, a URL, minutes' fields, a closing 附件 list). Written apart from the rules, the pipeline's
# stages and the other sets' pages, gold and page definitions, for diagnosing. Not sealed.
unseen14:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen14

# The fifteenth set (tests/fixtures/unseen15): a TUNING set of session 10 (12 invented document-sharing
# sites, two or three pages each with different documents: work reports, news items, speeches, notices,
# plans, research summaries; and 4 already-clean pages), encodings per page (UTF-8, GBK, GB18030, Big5 in
# traditional script, UTF-16 LE/BE with BOM, two UTF-8-read-as-GBK pages): browser titles, nav rows,
# breadcrumbs with > / » ＞, search boxes, login walls, file names, 上传于 / 由…发布 bylines, counters and
# prices in varied units, share rows, comment widgets, preview notices in varied wording, hotline, 公众号
# and course ads, running headers and page-chunk markers splitting sentences, hard-wrapped and one-line
# pages; chrome-like content that stays. Written apart from the rules, the pipeline's stages and the
# other sets' pages, gold and page definitions, for diagnosing. Not sealed.
# First run (landed code of session 9): noise 0.961, chrome 8, recall 0.966, titles 29/30, truncated 28/30,
# meta 225/240 (typos 5/8).
unseen15:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen15

# The sixteenth set (tests/fixtures/unseen16): a TUNING set of session 10 (12 invented sites of kinds
# covered less before, two or three pages each, and 3 already-clean pages): a paper repository, a law
# database, a WeChat-article mirror, a county disclosure archive, an exam-paper site, a listed-company
# announcement site, a PDF-to-text export, a news portal republishing speeches, a Q&A site, a Big5
# library catalogue with previews, a forum thread, a resume/template site; catalogue records, 【key】
# fields, index tables, tickers, paywalls per question, running headers, replies and signatures as
# chrome; abstracts, promulgation notes, code lines, tables, signatures, contacts that stay. Written
# apart from the rules, the pipeline's stages and the other sets' pages, gold and page definitions.
# First run (landed code, before any tuning on it): noise 0.877, chrome 37, recall 0.972, titles 21/30,
# truncated 29/30, meta 196/240, typos 2/6.
unseen16:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen16

# The seventeenth set (tests/fixtures/unseen17): a TUNING set of session 10 (12 invented document-sharing
# sites, brand names among them, two or three pages each with different documents: work reports and
# summaries, news items, speeches, 述职报告, 心得体会, 调研报告, 活动方案, 通知; and 3 already-clean pages),
# encodings per page (UTF-8, GBK, GB18030, Big5 in traditional script, UTF-16 LE/BE with BOM, two
# UTF-8-read-as-GBK pages): the form of each element varied across sites (titles in browser titles, file-
# name lines, breadcrumb tails, share texts, labelled fields or only a heading; facts in one row, rows, a
# sidebar, an uploader card or a 本文由…于…上传 sentence; relative dates; prices, counters, comments with
# replies, related lists with and without headings; preview ends with and without the rest following;
# running headers, page numbers and chunk markers splitting sentences; wraps, a one-line page, ASCII
# punctuation, CRLF); chrome-like content that stays. Written apart from the rules, the pipeline's
# stages and the other sets' pages, gold and page definitions.
# First run (the landed code it was branched from): noise 0.892, chrome 35, recall 0.953, titles 26/30,
# truncated 26/30, meta 187/240, typos 6/7.
unseen17:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen17

# The eighteenth set (tests/fixtures/unseen18): an unseen-site check of session 10, measured once before
# anyone tunes on it: 12 invented document-sharing / hosting sites (a 文库 with a `——` browser title, a
# government disclosure mirror, a 范文 site with a bundle page, a PDF-to-text converter, a Big5 teaching
# site with ROC dates, a mobile view, a print view read as GBK, a VIP-paywall 文库, a reader view, a
# one-line 公文 site with chunk markers, a UTF-16 BE site with English keys and a cookie banner, a teaching-
# resource site), 2-3 pages each with different documents (29 in all) and 3 already-clean pages; GBK,
# GB18030, Big5, UTF-16 LE/BE, UTF-8 with and without BOM, two UTF-8-read-as-GBK pages; the form of each
# element varied across sites (titles, facts, dates, walls, page furniture, layout) and chrome-like content
# that stays. Written apart from the rules, the pipeline's stages and the other sets' pages, gold and
# page definitions.
# First run (the landed code it was branched from): noise 0.893, chrome 33, recall 0.965, titles 25/32,
# truncated 30/32, meta 213/256, typos 1/7 (meta 208/256 against the gold as first written, whose
# source_site named a domain on three sites that show only their name; corrected to the name).
unseen18:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen18

# The nineteenth set (tests/fixtures/unseen19): an unseen-site check of session 11, measured once before
# anyone tunes on it: 12 invented document-hosting sites of kinds whose page forms differ from the usual
# 文库 (an academic-paper site with author lines, affiliations, 中图分类号/DOI/收稿日期 records and a thesis
# record; a listed-company announcement mirror with a ticker; a Q&A site with 最佳答案, answerer level,
# 采纳率 and other answers; a forum-thread mirror with floors, signatures and the poster going on in a
# later floor; a WeChat public-account mirror; a legal database with a 发布部门/发文字号/效力级别 table; a
# tender-notice site with VIP walls; an exam-paper site with a pipe-separated facts row and answer walls;
# a PPT preview with slide counters; a Big5 scanned-book OCR preview with running headers and an ISBN
# line; a news portal with 来源/责任编辑 lines; a 文库 with English/Chinese fact keys), 2-3 pages each with
# different documents (30 in all) and 3 already-clean pages; UTF-8 with and without BOM, GBK, GB18030,
# Big5, UTF-16 LE, one UTF-8-read-as-GBK page; titles as `【title】site`, `title - 栏目 - site`,
# `《title》全文 - site`, a forum tag, a question; chrome-like content that stays (securities-code lines,
# the board's repeated responsibility statement, signatures and dates, contacts, 附件 file names, tables,
# a cited URL). Written apart from the rules, the pipeline's stages and the other sets' pages, gold and
# page definitions.
# First run (the landed code it was branched from): noise 0.845, chrome 58, recall 0.944, titles 28/33,
# truncated 32/33, meta 235/264, typos 3/9 (cer_out 0.125).
unseen19:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen19

# The twentieth set (tests/fixtures/unseen20): an unseen-site check of session 12, measured once before
# anyone tunes on it: 12 invented document-hosting sites of kinds whose page forms differ from the usual
# 文库 (a personal library that saves others' articles, with 阅/转 counts, a 来源 line and 转藏 rows; a
# court-judgment mirror with a 案号/审理法院/案由/裁判日期/发布日期 table, the judgment's court header and
# signature kept; a university news site with 发布时间/供稿单位/浏览次数, photo captions that stay and
# 责任编辑/审核; a health commission's notices with contacts and 附件 lists that stay; a product-manual site
# with 品牌/型号 facts, running headers and a PDF preview limit; a teaching-plan site with 课时 tables; a
# government open-information page whose 索引号 table runs two columns per line; an academic repository
# with English abstracts; a Big5 archive with its facts in a sidebar after the text; a site whose title is
# only the breadcrumb's tail; a collection site with a `2篇` bundle and a preview cut mid-table; a 文库 with
# ASCII punctuation, chunk markers and price buttons under complete texts), 2-3 pages each with different
# documents (28 in all) and 3 already-clean pages; UTF-8 with and without BOM, GBK, GB18030, Big5, UTF-16
# LE and BE, one UTF-8-read-as-GBK page; a one-line page, hard wraps, blank lines, CRLF, indents. Written
# apart from the rules, the pipeline's stages and the other sets' pages, gold and page definitions.
# First run (the landed code it was branched from): noise 0.877, chrome 26, recall 0.918, titles 28/31,
# truncated 30/31, meta 231/248, typos 2/9 (cer_out 0.080). Against the gold as first written (the ASCII-
# punctuation site's gold in ASCII, and a domain as source_site on the news site, which shows only its
# name; pages unchanged): noise 0.869, recall 0.834, meta 229/248.
unseen20:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen20

# The twenty-first set (tests/fixtures/unseen21): an unseen-site check of session 13, measured once before
# anyone tunes on it: 12 invented sites of the everyday 文库 / 范文 kind the held-out real pages come from (a
# preview 文库 with a file-name line, `N / M` counters, a 剩余N页 wall and price buttons; a share platform
# with a `——` title suffix and a 内容提示 excerpt repeating the opening; a 文库 with a `|` suffix, an 上传者
# line with counters and a 剩余N页未读 wall; a member-share 文库 with a `《…》由会员上传分享` wrapper, blank
# lines, `N、` chunk markers, a `2篇` bundle and a masked-phone uploader; a 资源描述 文库 with IP属地, `- N -`
# and CRLF; a 文档介绍 site, one page on one line; a mirror whose title is only the heading, with `第N页`
# separators and a 本文链接 URL; a personal library with 发布于/阅读/转藏 and a login comment box, one page
# UTF-8 read as GBK; a 范文 site with ASCII punctuation, a breadcrumb-tail-only title, 【导语】 and 本文来源;
# a Big5 范文 mirror; a 公文 site with 编号 facts, running headers, a login wall, an app prompt, a one-line
# speech whose heading rewords the title; a 文库 copy with a page through a conversion tool and a slide
# deck), 2-3 pages each (28 documents) and 3 already-clean pages; UTF-8 with and without BOM, GBK, GB18030,
# Big5, UTF-16 LE and BE; 19 planted typos (6 on the converted page). Written apart from the rules, the
# pipeline's stages and the other sets' pages and gold.
# First run (the landed code it was branched from): noise 0.938, chrome 17, recall 0.976, titles 31/31,
# truncated 29/31, meta 230/248, typos 16/19 (cer_out 0.049).
unseen21:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen21

# The twenty-second set (tests/fixtures/unseen22): an unseen-site check, measured once before anyone tunes
# on it, of chrome IN VOLUME and INTERLEAVED with the text, as on the held-out real pages: 12 invented sites
# (a 文库 with `【title】相关文档` lists of 18, a rating widget, thumbnail alts and a four-line footer; a 范文
# site with an app banner and 推荐阅读 blocks between paragraphs, 相关推荐 two per line, 上一篇/下一篇; a
# preview 文库 with a 换一换 grid of scored, priced titles three per line and comment sections; a Big5
# 文庫 with 您可能感興趣的 lists; a share platform with a category tree and `<user>的其他文档`; a personal
# library with image alts, a mid-text 相关推荐 box, comments and 猜你喜欢; a 【精品】 文库 with keyword clouds,
# one page on one line; a site with 相关阅读, floor-numbered comments and a bottom breadcrumb, one page
# UTF-8 read as GBK; a 公文 site with running headers, WeChat baits and 推荐阅读 mid-text and a `2篇`
# bundle; a 范文 site with ASCII punctuation, heading-only titles and 本文来源 URLs; a 文档 site with a
# priced 相关推荐 box mid-text and a priced grid; a mobile-style site with an app banner, a 展开全文 fold
# mid-text and 大家都在看 换一换), 2-3 pages each (27 documents, 636 chrome strings) and 3 clean pages;
# UTF-8 with and without BOM, GBK, GB18030, Big5, UTF-16 LE and BE; 10 planted typos. Written apart from
# the rules, the pipeline's stages and the other sets' pages and gold.
# First run (the landed code it was branched from): noise 0.874, chrome 50/636, recall 0.909, titles 27/30,
# truncated 28/30, meta 224/240, typos 6/10 (cer_out 0.184). Against the gold as first written (page_count
# left empty on the 公文 site, whose `第 N 页 共 M 页` footers give it, and no uploader for a 作者 that names
# the poster; pages unchanged): meta 219/240, the rest the same.
unseen22:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen22

# The twenty-third set (tests/fixtures/unseen23): an unseen-site check, measured once before anyone tunes
# on it, of TITLES and PAGE CHUNKS, with chrome in volume and interleaved: titles only in a browser title
# with a long suffix (`- <category> - <site>免费下载`, `_<site>_<slogan>`, `(完整版)_<site>`, `【精选】…（共2篇）`),
# in file-name lines (.docx .pdf .doc .wps .pptx) with 《》, colons, commas, quotes and brackets inside, cut
# with `…` in the browser title and whole in the heading, a heading that differs a little (`XX县…关于…的通知`),
# only in a breadcrumb tail under a title-like first body line, a question, a `2024.03.12` date prefix, a
# `——` subtitle, none at all (gold title empty) and two bundles; previews split into chunks with `第N页`,
# `- N -`, `<name>.<ext>_第N页` thumbnails, `N/M` counters, `幻灯片 N/M`, `N、` markers mid-sentence, running
# headers (site, `XX文件` letterheads), 下载全文 buttons and ads between chunks, previews cut mid-sentence and
# at a chunk end after a complete sentence; related lists of 15-20 (numbered, pages, stars, prices, dates,
# two or three columns per line), comments, category trees, share rows, counters, uploader cards, footers of
# 2-6 lines. 12 invented sites, 2-3 pages each (26 documents, 657 chrome strings) and 3 clean pages; UTF-8
# with and without BOM, GBK, GB18030, Big5, UTF-16 LE and BE, one UTF-8 page read as GBK; 9 planted typos.
# Written apart from the rules, the pipeline's stages and the other sets' pages and gold.
# First run (the landed code it was branched from): noise 0.838, chrome 107/657, recall 0.980, titles 24/29,
# truncated 27/29, meta 212/232, typos 6/9 (cer_out 0.228). Against the gold as first written (one page's
# gold text typed with ASCII commas and brackets where the page's NFKC'd punctuation needs full-width, and
# no file_format on the 2 pages whose file-name line ends `.docx`; pages unchanged): noise 0.837, recall
# 0.961, meta 209/232 (cer_out 0.230), the rest the same.
unseen23:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen23

# The twenty-fourth set (tests/fixtures/unseen24): an unseen-site check, measured once before anyone tunes
# on it, of what a GENERIC SCRAPER makes of a site (a browser's innerText, a boilerplate-unaware HTML-to-text
# dump), as on the held-out real pages: whole menus dumped one item a line (8-18 short lines), sitemap
# footers of 6-16 lines, sidebar widgets dumped between the title and the body or between paragraphs (热门文档,
# 最新上传, 排行榜 with 日榜/周榜/月榜 tabs, tag clouds one tag a line, login boxes as 用户名/密码/记住我/忘记密码
# lines, a phone-login box, search boxes with hot words, a 文档信息 box one fact a line, a VIP box); the
# page's name two to four times (browser title with the site before or after it, `【site】name（完整版）`, h1,
# breadcrumb tail, file-name line, share text with the URL) while the document's own heading may word it
# differently; news items with 来源/作者/编辑/发布时间 one to a line or in one row; what a dump leaves (&nbsp;
# indents and lines, 您的浏览器不支持…, 加载中…, 点击加载更多 inside a sentence, 返回顶部, image alts and an
# ad's file name, javascript:void(0)); long work reports, notices, speeches (同志们：), plans with tables as
# rows, 附件 lists, contacts, signatures and dates that stay. 12 invented sites, 2 pages each (24 documents)
# and 3 clean pages; UTF-8 with and without BOM, GBK, GB18030, Big5, UTF-16 LE and BE, one UTF-8 page read as
# GBK; a one-line page, hard wraps, CRLF, blank lines, ASCII punctuation; 9 planted typos. Written apart from
# the rules, the pipeline's stages and the other sets' pages and gold.
# First run (the landed code it was branched from): noise 0.760, chrome 133/508, recall 0.984, titles 25/27,
# truncated 27/27, meta 204/216, typos 5/9 (cer_out 0.253). Against the gold as first written (source_site a
# domain the two news sites' pages never show, where their name is all they give, and no uploader for the
# portal's 发布机构, which the other sets' gold reads as the uploader; pages unchanged): meta 200/216, the
# rest the same.
unseen24:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen24

# The twenty-fifth set (tests/fixtures/unseen25): an unseen-site check of session 16, measured once before
# anyone tunes on it: 12 invented sites of other kinds (a minutes/notice library, a news site with a comment
# widget, a lesson-plan library, a Big5 document shop, a contract-template site, an exam bank, a forum with
# 回复可见 walls and 楼主/沙发 replies, an education site, a news app, a regulations site, a speech site, a
# literary site with a two-essay bundle), 2 pages each, and 3 clean pages; titles given only in the
# breadcrumb or the file-name line, an h1 shorter than the page's name, a name the browser cut with …, a body
# opening with a subtitle, a date line or an exam's time line; VIP, member and tip-jar walls; running footers
# and ads inside sentences at page breaks; one-line, glued, hard-wrapped and CRLF pages; 15 planted typos
# (10 round-trip synonyms, 8 outside the spec's pairs; 5 look-alikes) and their words used rightly elsewhere.
# First run (the landed code it was branched from, de4f043): noise 0.860, chrome 57/356, recall 0.965,
# docs 27/28, titles 20/28, truncated 21/28, meta 207/224, typos 4/15 (cer_out 0.083).
unseen25:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen25

# The twenty-sixth set (tests/fixtures/unseen26): an unseen-site check of session 16, written after unseen25
# had been used to tune and measured once on the code of that tuning (f868c86) before anyone tuned on it: a
# government portal (索引号 table one cell a line, a name split over two lines, 【打印本页】), a school site, a
# WeChat mirror (one page UTF-8 read as GBK), a paper site (citation, running headers inside sentences), a Q&A
# page, a template shop, a blog with a two-essay bundle, a PDF-viewer dump (title only in the running header,
# 目录 with leaders), county media, a party-learning platform (a one-line page), a Big5 teacher blog, a careless
# text dump; 12 sites, 2 pages each, and 3 clean pages; 15 planted typos (8 new round-trip pairs).
# First run (f868c86): noise 0.796, chrome 63, recall 0.971, docs 27/28, titles 16/28, truncated 23/28, meta
# 183/224, typos 4/15, worse than the session's start (de4f043: 0.804, 60, 0.969, 27/28, 18/28, 23/28, 183/224):
# two bugs of that session's changes, fixed in 6f8548c (noise 0.813, chrome 57, docs 28/28, titles 20/28,
# truncated 24/28, meta 189/224).
unseen26:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen26

# The twenty-seventh set (tests/fixtures/unseen27): an unseen-site check of session 17, written by a
# helper that read only pagegen.py, unseen26's generator and the spec, never the pipeline's code or
# rules: court judgments, listed-company announcements, standards, tenders, a novel, an encyclopedia,
# exam answers, a medical Q&A, a course platform, a library archive, a Taiwanese district office and a
# trade association. First run on the landed 61ee897, before anyone tuned on it: noise 0.805, chrome
# 57, recall 0.961, typos 2/16, docs 27/28, titles 17/28, truncated 24/28, meta 187/224.
unseen27:
	@$(MAKE) --no-print-directory unseen UNSEEN=tests/fixtures/unseen27

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
