"""split_documents: settle each document's title and cut bundled files into documents.

Rules (pipeline/rules/documents.toml):
- `title_line`: a page with no title from its chrome starts with its title on a line
  of its own (past a nav row, byline, credit line, site header or row of facts the
  chrome stage left, and past a path's category lines); the line becomes the title. A page
  that showed nothing of a site's (a clean page) keeps its first line: it has no page
  name. When pagination removed every copy of a running header, the first one from the
  page's top, that header is the title if it names a kind of document or no line on top
  is title-shaped: titles are taken before repetition removes their evidence.
- `title_heading`: a heading at the top of the body that restates the title, even in
  slightly different words (…座谈会讲话 for …座谈会致辞), is removed; a first sentence
  that merely starts with the title's words is the author's and stays.
- `bundle_heading`: a page whose title says it bundles N documents (`2篇 …`) is cut
  at the N-1 strongest later headings (a phrase after a sentence end that closes with a
  kind of document: 报告, 讲话, 方案 …); each heading becomes its document's title.
- `ends_mid_sentence`: a page whose last document stops mid-sentence is flagged
  truncated (no text changes). Trailing title-shaped lines (a leftover footer or link,
  a signature) are passed over: the cut must be in the last line of prose. A list's last
  item, or a row of cells set apart by wide gaps, is no cut sentence, and a text that
  readers replied under was shown whole.

The cut itself is recorded as `doc.split_points`; `explode` turns one file-level document
into its parts, handing each part the edits made inside it. Every title change is a title
edit (`Document.set_title`). The cutting of bundles is in `bundles.py`, the shape of a
title line in `title_shapes.py`, where the title line is on the page in `title_lines.py`, what ends a text in `text_ends.py`.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Annotated

from pipeline.charsets import is_han, iter_lines, lines_holding, match_view
from pipeline.document import TITLE, Document, Edit, Span, positions_now, removed_lines
from pipeline.metadata import clean_title, is_a_title, pages_in_title, split_site_suffix, unspaced
from pipeline.rulebook import load_rule_data, load_word_list, rules_by_name
from pipeline.stages.base import RuleFile, Stage
from pipeline.stages.bundles import BundleSplits, longest_prefix_in
from pipeline.stages.chrome_lines import TITLE_BEARING
from pipeline.stages.text_ends import stops_mid_sentence
from pipeline.stages.title_lines import TITLE_SUFFIX, TitleLines, stated_tail
from pipeline.stages.title_shapes import (
    _CLOSING,
    glued_heading,
    is_title_shaped,
    named_site_tail,
    subtitle_under,
    title_over_byline,
)

_PUNCT = set("。，、！？；：,.;:!?）)")
# Punctuation inside a sentence: a trailing line holding it is prose, not a title.
CN_NUMBERS = "一二三四五六七八九十"
_SPACES = re.compile(r"\s+")
_BLANKS = re.compile(r"[ \t\u3000]*")
# What a browser title adds after the page's heading: a separator and the site's names
# (<heading>_<user>的博客-<site>), no sentence.
_ADDED_AFTER = re.compile(r"\s*[-–—_|｜]+\s*[^。！？!?，,；;]{2,30}")
# A tag or label before a title: (在线预览), 【推荐】, 文档：.
_TAG_BEFORE = re.compile(r"[(（\[【][^()（）\[\]【】]{1,8}[)）\]】]|[^:：]{1,6}[:：]")
# The stages that take the site's chrome and page furniture off a page.
CHROME_STAGES = frozenset({"strip_site_chrome", "chrome_context", "strip_repeated_lines", "pagination"})


@dataclass(frozen=True)
class SplitSettings:
    rule_file: Annotated[str, RuleFile()] = "documents.toml"
    # The labels of the site's buttons and tabs (site_chrome's list): a title's suffix made
    # of them (<title>-文档在线预览) is the site's.
    widget_file: Annotated[str, RuleFile()] = "widgets.txt"

_LABEL_SUFFIX = re.compile(r"(?P<title>.{2,}?)\s*[-–—_|｜]\s*(?P<labels>[\u4e00-\u9fffA-Za-z]{2,12})")


def made_of(text: str, words: frozenset[str]) -> bool:
    """Whether `text` is a run of `words` and nothing else (文档在线预览: 文档 + 在线预览)."""
    ends = {0}
    for k in range(1, len(text) + 1):
        if any(text[j:k] in words for j in ends if j < k):
            ends.add(k)
    return len(text) in ends


# How much of a file's loose name a heading must hold to be the title it shortens.
_FILE_NAME_COVER = 0.7
# Codes a file's name starts with, joined by underscores (603917_20250422_…): no title's words.
_CODES_BEFORE = re.compile(r"(?:[0-9A-Za-z]+_)+")
# A note in brackets at a title's end (（人教版）).
_NOTE_AT_END = re.compile(r"[(（][^()（）]{1,12}[)）]$")
_SEPARATORS = re.compile(r"\s*[-–—_|｜]\s*")
# The site's lines that state its name as its own: a copyright, a licence number, a notice.
_SITE_LINES = frozenset({"copyright_line", "icp_line"})


def _names_in(piece: str, chrome: str) -> bool:
    """A piece of a browser title's tail that the chrome names: the site's name, or a
    user's space (<user>的博客) of a user the chrome names (the byline's)."""
    owner = piece.rpartition("的")[0]
    return len(piece) >= 2 and (piece in chrome or len(owner) >= 2 and owner in chrome)


def doc_type_words(rule_file: str) -> list[str]:
    data = load_rule_data(rule_file)
    return sorted(data["doc_types"]["words"], key=len, reverse=True)


def shows_chrome(doc: Document) -> bool:
    """Whether the page showed anything of the site's: the stages before this one removed
    some chrome or page furniture from it. A page that showed none is the document alone
    (cleaning.md: clean pages come out unchanged), and has no page name for its title."""
    return any(e.applied and e.stage in CHROME_STAGES and e.before.strip() and not e.after.strip()
               for e in doc.edits)


class SplitDocuments(BundleSplits, TitleLines, Stage):
    """Settle titles, remove headings that restate them, cut bundles into documents."""

    name = "split_documents"
    Settings = SplitSettings

    def __init__(self, settings: SplitSettings | None = None) -> None:
        super().__init__(settings)
        self.rules = rules_by_name(self.settings.rule_file)
        self.doc_types = doc_type_words(self.settings.rule_file)
        self.labels = load_word_list(self.settings.widget_file)
        types = "|".join(map(re.escape, self.doc_types))
        # The class of the words' first characters, tested before the alternation: the lazy
        # heading grows one character at a time and tries the words at each. A quoted phrase
        # (“邻里守望”志愿服务活动总结) is one step of it.
        first = "".join(sorted({re.escape(w[0]) for w in self.doc_types}))
        first = f"(?=[{first}])" if first else ""
        self.glued_heading = glued_heading(self.doc_types, self.rules["title_line"].extra.get("opening_words", []))
        core = rf"(?P<h>(?:[^。！？!?，,：:；;“”\n]|“[^“”\n]{{1,12}}”){{4,40}}?{first}(?:{types}))(?=[^，,。、：:；;）)\n]|\n)"
        self.heading = re.compile(rf"(?<=[。！？!?\n]){core}")
        self.run_in_heading = re.compile(core)  # (after a bundle's item mark: 第2篇：<heading><text>)

    def ends_with_doc_type(self, heading: str) -> bool:
        return heading.endswith(tuple(self.doc_types))

    def restated_heading(self, text: str, title: str) -> int:
        """Length of a heading at the top of `text` that restates `title` (0 if none)."""
        rule = self.rules["title_heading"]
        line_end = text.find("\n")
        line = text if line_end < 0 else text[:line_end]
        if line_end > 0 and title.strip() in (unspaced(line.strip()), clean_title(line)):
            return line_end + 1  # the title set in spaced letters (供 货 合 同), or in a field (书名：X)
        if line_end > 0 and self._reworded_title(line, title):
            return line_end + 1
        k = longest_prefix_in(line, title)
        if k < min(int(rule.extra.get("min_shared_chars", 6)), len(title)):
            return 0
        rest = line.strip()
        if len(rest) <= k + 8 and not (_PUNCT & set(rest)):
            return len(text) if line_end < 0 else line_end + 1
        whole = k >= len(match_view(title).strip())
        if k < len(line) and line[k] not in _PUNCT and (self.ends_with_doc_type(match_view(line[:k])) or (whole and k >= 15)):
            return k + len(line[k:]) - len(line[k:].lstrip(" \t\u3000"))  # with the spaces after it
        return 0

    def _reworded_title(self, line: str, title: str) -> bool:
        """A heading line that says the title in other words (在…座谈会上的讲话 for
        …座谈会致辞): title-shaped, and most of it is one run of the title's words."""
        if not is_title_shaped(line, 50):
            return False
        a, b = match_view(line.strip()), match_view(title.strip())
        run = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
        extra = self.rules["title_heading"].extra
        share = float(extra.get("min_reworded_share", 0.6))
        if run >= int(extra.get("min_shared_chars", 6)) and run >= share * min(len(a), len(b)):
            return True
        # Or its words in another order (生产部2023年度工作总结 for 2023年生产部年终工作总结):
        # the same kind of document, almost every character of each found in the other, and
        # at most one of the heading's its own (财务科 for 生产部 names another unit).
        kind = next((t for t in self.doc_types if a.endswith(t) and b.endswith(t)), None)
        common = sum((Counter(a) & Counter(b)).values())
        cover = float(extra.get("min_reordered_cover", 0.8))
        return kind is not None and common >= cover * max(len(a), len(b)) and len(a) - common <= 1

    def bundle_count(self, title: str | None) -> int:
        if not title:
            return 1
        for pattern in self.rules["bundle_heading"].extra.get("bundle_patterns", []):
            m = re.search(pattern, match_view(title))
            if m:
                count = m.group("count")
                return int(count) if count.isdigit() else CN_NUMBERS.index(count.replace("两", "二")) + 1
        return 1

    def process(self, doc: Document) -> Document:
        self._not_the_sites_name(doc)
        self._title_line(doc)
        count = self.bundle_count(doc.title)
        if count >= 2 and self._bundle(doc, count):
            pass
        elif doc.title:
            while (n := self.restated_heading(doc.text, doc.title)) > 0:
                doc.replace_spans(self.name, [Span(0, n, "", "title_heading")])
            self._subtitle(doc)
            self._running_title(doc)
        self._flag_cut(doc)
        return doc

    def _not_the_sites_name(self, doc: Document) -> None:
        """A title read off the chrome that is the site's own name, as its copyright or licence
        lines state it (采薇范文_每天更新的范文网 over a page that names no document; © 采薇范文):
        no title."""
        title = (doc.title or "").strip()
        if title and len(title) <= 10 and any(  # (a copyright may name the document too: 《<title>》 is no site)
                title in e.before and f"《{title}" not in e.before and f"{title}》" not in e.before
                for e in doc.edits if e.stage == "strip_site_chrome" and e.applied and e.rule in _SITE_LINES):
            doc.set_title(self.name, "title_line", None, evidence=f"{title!r} is the site's name: its own lines state it")

    def _bundle(self, doc: Document, count: int) -> bool:
        """Cut a bundle into its parts; False where no part's mark or heading shows (then the
        page is one document under its name)."""
        # The bundle's own name printed again over its first part goes first (社区…范文3篇
        # over “邻里守望”…总结): only the parts' headings are titles.
        line_end = doc.text.find("\n")
        bare = _SPACES.sub("", match_view(doc.title or ""))
        restated = line_end > 0 and _SPACES.sub("", match_view(doc.text[:line_end])) == bare
        if restated:
            doc.replace_spans(self.name, [Span(0, line_end + 1, "", "title_heading")])
        return self._split_bundle(doc, count) or restated  # (else the page is one document)

    def _subtitle(self, doc: Document) -> None:
        """A line under the title that opens with a dash (——以三个县为例) is the title's
        subtitle: the title gains it, the text loses the line."""
        assert doc.title is not None
        found = subtitle_under(doc.text)
        if found is None:
            return
        end, phrase = found
        key = _SPACES.sub("", match_view(phrase))
        if key not in _SPACES.sub("", match_view(doc.title)):
            if self._named_without(doc, key):
                return  # the page names the document without it: the line is the author's text
            doc.set_title(self.name, "subtitle", f"{doc.title}——{phrase}", evidence=f"line: {doc.text[:end]!r}")
        doc.replace_spans(self.name, [Span(0, min(end + 1, len(doc.text)), "", "subtitle")])

    def _named_without(self, doc: Document, subtitle: str) -> bool:
        """The page's own lines that carry the title (its browser title, share text, file name)
        state the title, and none of them the subtitle (高温下的坚守｜<site>, 分享：《高温下的坚守》):
        the page's name for the document is the title alone."""
        title = _SPACES.sub("", match_view(doc.title or ""))
        named = [_SPACES.sub("", match_view(e.before)) for e in doc.edits
                 if e.stage == "strip_site_chrome" and e.applied and e.rule in TITLE_BEARING]
        return any(title in n for n in named) and not any(subtitle in n for n in named)

    def _running_title(self, doc: Document) -> None:
        """Lines further down that are the title again: a page header repeated per page."""
        assert doc.title is not None
        key = _SPACES.sub("", match_view(doc.title))
        view = match_view(doc.text)
        # Only lines holding the key's first character can be the key (one scan finds them).
        lines = lines_holding(re.compile(re.escape(key[0])), view) if key else iter_lines(view)
        spans = [Span(s - 1, e, "", "running_title") for s, e in lines if s and _SPACES.sub("", view[s:e]) == key]
        doc.replace_spans(self.name, spans)

    def _title_line(self, doc: Document) -> None:
        rule = self.rules["title_line"]
        max_chars = int(rule.extra.get("max_chars", 50))
        if doc.title:
            self._trim_to_heading(doc, max_chars)
            return
        header = self._removed_header(doc, max_chars)
        over_byline = title_over_byline(doc, CHROME_STAGES, max_chars)
        chrome = "\n".join(e.before for e in doc.edits if e.stage == "strip_site_chrome" and e.applied)
        line = (0, *over_byline) if over_byline else self._first_title_line(doc.text, max_chars, chrome)
        if header and (line is None or self.ends_with_doc_type(match_view(header))):
            doc.set_title(self.name, rule.name, header, evidence="running header removed by pagination from the top")
            return
        if line is None:
            return
        cut, start, end = line
        title, site = split_site_suffix(doc.text[start:end].strip())
        if title.rstrip(_CLOSING)[-1:] in ("？", "?") and end + 1 not in {p for p, _ in removed_lines(doc, CHROME_STAGES)}:
            return  # a question is a title only with the site's chrome under it (a Q&A page's rows)
        if not (site or self.bundle_count(title) >= 2 or shows_chrome(doc)):
            return  # a clean page: its first line is the author's heading, and it stays
        title = stated_tail(title, doc, start, end, CHROME_STAGES)
        doc.set_title(self.name, rule.name, clean_title(title), evidence=f"line: {doc.text[start:end].strip()!r}")
        if (pages := pages_in_title(title)) is not None:
            doc.metadata.setdefault("page_count", pages)
        if site:
            doc.metadata.setdefault("source_site", site)
        self._drop_site_suffix(doc)
        # (A title that ends mid-line, run into the body or stated twice, goes with the spaces after it.)
        line_end = end + 1 if doc.text[end:end + 1] == "\n" else _BLANKS.match(doc.text, end).end()  # type: ignore[union-attr]
        doc.replace_spans(self.name, [Span(cut, min(line_end, len(doc.text)), "", rule.name)])
        self._trim_to_heading(doc, max_chars)

    def _trim_to_heading(self, doc: Document, max_chars: int) -> None:
        """A title from the chrome that is the page's own heading line with the site's
        additions: a bracketed tag or label before it (（在线预览）<heading>), or after a
        separator a name the page's chrome states elsewhere too (<heading>_<site>). What the
        page sets over its body is the document's title; a note after it that is no such
        name (<heading>（人教版）) is the author's and stays. A heading that names the kind of
        document a loose file name only shortens is the title too; so is one that a title the
        chrome cut short (…工作的…) begins."""
        self._drop_site_suffix(doc)
        title = doc.title or ""
        end = doc.text.find("\n")
        heading = doc.text[:end].strip() if end > 0 else ""
        if not (heading and is_title_shaped(heading, max_chars) and is_a_title(clean_title(heading))):
            glued = self._heading_run_into_body(doc.text, 0, end if end > 0 else len(doc.text), max_chars)
            if glued is None:
                return
            heading = doc.text[glued[0]:glued[1]]  # (the heading a page that lost its breaks ran into the body)
        key, whole = _SPACES.sub("", match_view(heading)), _SPACES.sub("", match_view(title))
        if key == whole:
            return
        cut = whole.rstrip("….")
        if cut != whole and len(cut) >= 4 and key.startswith(cut) and len(key) > len(cut):
            doc.set_title(self.name, "title_line", clean_title(heading),
                          evidence=f"the heading {heading!r} whole, where the chrome's title {title!r} was cut short")
        elif whole.endswith(key) and _TAG_BEFORE.fullmatch(whole[:-len(key)]):
            doc.set_title(self.name, "title_line", clean_title(heading),
                          evidence=f"the heading {heading!r} under a tag in the chrome's title {title!r}")
        elif whole.startswith(key) and _ADDED_AFTER.fullmatch(whole[len(key):]):
            doc.set_title(self.name, "title_line", clean_title(heading),
                          evidence=f"the heading {heading!r} with the site's names after it in the title {title!r}")
        elif self._names_the_file_better(key, whole):
            doc.set_title(self.name, "title_line", clean_title(heading),
                          evidence=f"the heading {heading!r} names the kind of document the file name {title!r} shortens")
        elif self._names_another_thing(key, whole):
            doc.set_title(self.name, "title_line", clean_title(heading),
                          evidence=f"the heading {heading!r} names a document; the chrome's {title!r} shares none of its words")

    def _names_the_file_better(self, heading: str, title: str) -> bool:
        """A heading that names a kind of document (…调查报告) where the chrome's title, a file's
        loose name (2023公园满意度报告-终稿, or codes before it: 603917_20250422_<name>), does
        not, holding most of that name's words: the page's heading is the document's title."""
        han = [c for c in title if is_han(c)]
        shared = sum((Counter(han) & Counter(heading)).values())
        loose = not self.ends_with_doc_type(_NOTE_AT_END.sub("", title)) or _CODES_BEFORE.match(title) is not None
        return bool(han) and self.ends_with_doc_type(heading) and loose and shared >= _FILE_NAME_COVER * len(han)

    def _names_another_thing(self, heading: str, title: str) -> bool:
        """A heading that names a kind of document (…管理办法) under a chrome title that does
        not and shares none of its characters (the site's masthead, <group> · 文档中心): the
        chrome named the site, the heading names the document."""
        return self.ends_with_doc_type(heading) and not self.ends_with_doc_type(_NOTE_AT_END.sub("", title)) \
            and not set(heading) & {c for c in title if is_han(c)}

    def _drop_site_suffix(self, doc: Document) -> None:
        """<title>_<name>: the name is the site's when the page's chrome names it elsewhere
        (its banner, its footer), whatever the name ends in; <title>-<labels>: words made of
        the site's button labels (文档在线预览, 免费下载) are the site's, not the title's."""
        title = doc.title or ""
        m = TITLE_SUFFIX.fullmatch(title)
        label = _LABEL_SUFFIX.fullmatch(title)
        if label and is_a_title(label["title"]) and made_of(label["labels"], self.labels):
            doc.set_title(self.name, "title_line", clean_title(label["title"]),
                          evidence=f"{label['labels']!r} is made of the site's button labels")
            return
        chrome = "\n".join(e.before for e in doc.edits if e.stage == "strip_site_chrome" and e.applied)
        chrome = chrome.replace(title, "")
        if (named := named_site_tail(title, chrome)) is not None:
            head, site = named
            doc.set_title(self.name, "title_line", clean_title(head),
                          evidence=f"{site!r} is the site's name, as the page's chrome names it: the tail from it is the site's")
            return
        if not m or not is_a_title(m["title"]):
            return
        site = m["site"] or m["hyphened"]
        removed = "\n".join(e.before for e in doc.edits if e.stage in CHROME_STAGES and e.applied)
        if site in chrome:
            doc.set_title(self.name, "title_line", clean_title(m["title"]),
                          evidence=f"{site!r} is the site's name: the page's chrome names it elsewhere")
            doc.metadata.setdefault("source_site", site)
        elif all(_names_in(piece, removed.replace(title, "")) for piece in _SEPARATORS.split(site)):
            doc.set_title(self.name, "title_line", clean_title(m["title"]),
                          evidence=f"{site!r} names the site and its user's space, as the page's chrome does")

    def _flag_cut(self, doc: Document) -> None:
        rule = self.rules["ends_mid_sentence"]
        if stops_mid_sentence(doc, rule):
            doc.flags["truncated"] = True
            doc.flags.setdefault("truncated_by", f"{self.name}/{rule.name}")


def final_positions(edits: list[Edit]) -> list[int]:
    """Where each edit's result lies in the current text (TITLE for a title edit)."""
    return positions_now(edits, range(len(edits)))


def explode(doc: Document) -> list[Document]:
    """The parts of a document cut by split_documents (itself when it was not cut). Each
    part takes the edits made inside it, the file's title edits, and a title edit of its own."""
    if len(doc.split_points) <= 1:
        if doc.split_points and doc.split_points[0][1]:
            doc.set_title(SplitDocuments.name, "bundle_heading", doc.split_points[0][1])
        doc.split_points = []
        return [doc]
    starts = [p for p, _ in doc.split_points] + [len(doc.text)]
    positions = final_positions(doc.edits)
    owner = [None if p == TITLE else min(max(0, bisect.bisect_right(starts, p) - 1), len(doc.split_points) - 1)
             for p in positions]
    parts = []
    for i, (start, title) in enumerate(doc.split_points):
        last = i == len(doc.split_points) - 1
        flags = dict(doc.flags) if last else {k: v for k, v in doc.flags.items() if "truncated" not in k}
        part = replace(
            doc, doc_index=i, text=doc.text[start:starts[i + 1]], metadata=dict(doc.metadata), flags=flags,
            split_points=[], edits=[e for e, o in zip(doc.edits, owner) if o is None or o == i])
        part.set_title(SplitDocuments.name, "bundle_heading", title)
        parts.append(part)
    return parts
