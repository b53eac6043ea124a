"""split_documents: settle each document's title and cut bundled files into documents.

Rules (pipeline/rules/documents.toml):
- `title_line`: a page with no title from its chrome starts with its title on a line
  of its own; the line becomes the title.
- `title_heading`: a heading at the top of the body that restates the title, even in
  slightly different words (…座谈会讲话 for …座谈会致辞), is removed; a first sentence
  that merely starts with the title's words is the author's and stays.
- `bundle_heading`: a page whose title says it bundles N documents (`2篇 …`) is cut
  at the N-1 strongest later headings (a phrase after a sentence end that closes with a
  kind of document: 报告, 讲话, 方案 …); each heading becomes its document's title.
- `ends_mid_sentence`: a page whose last document stops mid-sentence is flagged
  truncated (no text changes).

The cut itself is recorded as `doc.split_points`; `explode` turns one file-level document
into its parts, handing each part the edits made inside it.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, replace
from typing import Annotated

from pipeline.charsets import PARAGRAPH_END, is_han, match_view
from pipeline.document import Document, Edit, Span
from pipeline.metadata import clean_title, split_site_suffix
from pipeline.rulebook import load_rule_data, rules_by_name
from pipeline.stages.base import RuleFile, Stage
from pipeline.stages.pagination import LIST_START

_PUNCT = set("。，、！？；：,.;:!?）)")
CN_NUMBERS = "一二三四五六七八九十"
_NUM = "[\\d〇零一二三四五六七八九十]"
DATE_LINE = re.compile(rf"{_NUM}{{2,4}}\s*年{_NUM}{{1,2}}\s*月(?:{_NUM}{{1,3}}\s*日)?")
ITEM_MARK = re.compile(r"(?m)^[ \t]*(?:【\s*)?(?:篇\s*[一二三四五六七八九十\d]{1,2}|第\s*[一二三四五六七八九十\d]{1,2}\s*篇)"
                       r"\s*】?\s*[:、.．]?\s*")


@dataclass(frozen=True)
class SplitSettings:
    rule_file: Annotated[str, RuleFile()] = "documents.toml"


def doc_type_words(rule_file: str) -> list[str]:
    data = load_rule_data(rule_file)
    return sorted(data["doc_types"]["words"], key=len, reverse=True)


def is_title_shaped(line: str, max_chars: int) -> bool:
    """A heading, not a sentence, a list item, a salutation or a date."""
    line = line.strip()
    if sum(is_han(c) for c in line) < 4 or DATE_LINE.fullmatch(line):
        return False
    # A title may end with a bracketed note: …心得体会（精选3篇）, …办法（试行）.
    line = re.sub(r"[(（][^()（）]{1,12}[)）]$", "", line).strip() or line
    return (2 <= len(line) <= max_chars and line[-1] not in PARAGRAPH_END and line[-1] not in "，,、"
            and "。" not in line and not LIST_START.match(line))


def longest_prefix_in(text: str, title: str) -> int:
    """Length of the longest prefix of `text` that occurs in `title` (both width-folded)."""
    text, title = match_view(text), match_view(title)
    k = 0
    while k < len(text) and text[: k + 1] in title:
        k += 1
    return k


class SplitDocuments(Stage):
    """Settle titles, remove headings that restate them, cut bundles into documents."""

    name = "split_documents"
    Settings = SplitSettings

    def __init__(self, settings: SplitSettings | None = None) -> None:
        super().__init__(settings)
        self.rules = rules_by_name(self.settings.rule_file)
        self.doc_types = doc_type_words(self.settings.rule_file)
        types = "|".join(map(re.escape, self.doc_types))
        self.heading = re.compile(
            rf"(?<=[。！？!?\n])(?P<h>[^。！？!?，,：:；;“”\n]{{4,40}}?(?:{types}))(?=[^，,。、：:；;）)\n])")

    def ends_with_doc_type(self, heading: str) -> bool:
        return heading.endswith(tuple(self.doc_types))

    def restated_heading(self, text: str, title: str) -> int:
        """Length of a heading at the top of `text` that restates `title` (0 if none)."""
        rule = self.rules["title_heading"]
        line_end = text.find("\n")
        line = text if line_end < 0 else text[:line_end]
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
            return k
        return 0

    def _reworded_title(self, line: str, title: str) -> bool:
        """A heading line that says the title in other words (在…座谈会上的讲话 for
        …座谈会致辞): title-shaped, and most of it is one run of the title's words."""
        if not is_title_shaped(line, 50):
            return False
        a, b = match_view(line.strip()), match_view(title.strip())
        run = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
        share = float(self.rules["title_heading"].extra.get("min_reworded_share", 0.6))
        return run >= int(self.rules["title_heading"].extra.get("min_shared_chars", 6)) and run >= share * min(len(a), len(b))

    def bundle_count(self, title: str | None) -> int:
        if not title:
            return 1
        for pattern in self.rules["bundle_heading"].extra.get("bundle_patterns", []):
            m = re.search(pattern, match_view(title))
            if m:
                count = m.group("count")
                return int(count) if count.isdigit() else CN_NUMBERS.index(count) + 1
        return 1

    def process(self, doc: Document) -> Document:
        self._title_line(doc)
        count = self.bundle_count(doc.title)
        if count >= 2:
            self._split_bundle(doc, count)
        elif doc.title:
            while (n := self.restated_heading(doc.text, doc.title)) > 0:
                doc.replace_spans(self.name, [Span(0, n, "", "title_heading")])
            self._running_title(doc)
        self._flag_cut(doc)
        return doc

    def _running_title(self, doc: Document) -> None:
        """Lines further down that are the title again: a page header repeated per page."""
        assert doc.title is not None
        key = re.sub(r"\s+", "", match_view(doc.title))
        spans, pos = [], 0
        for line in match_view(doc.text).split("\n"):
            if pos and re.sub(r"\s+", "", line) == key:
                spans.append(Span(pos - 1, pos + len(line), "", "running_title"))
            pos += len(line) + 1
        doc.replace_spans(self.name, spans)

    def _title_line(self, doc: Document) -> None:
        if doc.title:
            return
        rule = self.rules["title_line"]
        first, _, rest = doc.text.partition("\n")
        if rest.strip() and is_title_shaped(first, int(rule.extra.get("max_chars", 50))):
            title, site = split_site_suffix(first.strip())
            doc.title = clean_title(title)
            if site:
                doc.metadata.setdefault("source_site", site)
            doc.replace_spans(self.name, [Span(0, len(first) + 1, "", rule.name)])

    def _split_at_item_marks(self, doc: Document, count: int) -> bool:
        """A bundle that numbers its documents (篇一：…, 【篇二】, 第三篇) is cut at the marks;
        the rest of a mark's line, when it is title-shaped, is that document's title."""
        marks = list(ITEM_MARK.finditer(match_view(doc.text)))
        if len(marks) < max(2, count - 1):
            return False
        heads = []
        for m in marks:
            line_end = doc.text.find("\n", m.end())
            line_end = len(doc.text) if line_end < 0 else line_end
            rest = doc.text[m.end():line_end].strip()
            if rest and is_title_shaped(rest, 50):
                heads.append((m.start(), min(line_end + 1, len(doc.text)), rest))
            else:
                heads.append((m.start(), m.end(), None))
        preface = doc.text[:heads[0][0]]
        if preface.strip() and len(preface.strip()) >= 50:
            heads.insert(0, (0, 0, None))
        else:
            heads[0] = (0, heads[0][1], heads[0][2])
        self._cut(doc, heads)
        return True

    def _cut(self, doc: Document, heads: list[tuple[int, int, str | None]]) -> None:
        # The line break before a heading ends nothing: it goes with the heading.
        heads = [(s - 1 if s > 0 and doc.text[s - 1] == "\n" and (i == 0 or heads[i - 1][1] < s) else s, e, h)
                 for i, (s, e, h) in enumerate(heads)]
        removed, points = 0, []
        for s, e, h in heads:
            points.append((s - removed, h))
            removed += e - s
        doc.replace_spans(self.name, [Span(s, e, "", "bundle_heading") for s, e, _ in heads if e > s])
        doc.split_points = points

    def _split_bundle(self, doc: Document, count: int) -> None:
        assert doc.title is not None
        if self._split_at_item_marks(doc, count):
            return
        bare = re.sub(r"^\d{1,2}\s*篇\s*", "", match_view(doc.title))
        k = longest_prefix_in(doc.text, bare)
        view = match_view(doc.text)
        first = doc.text[:k] if k >= 6 and self.ends_with_doc_type(view[:k]) else ""
        if not first and (m := self.heading.match("\n" + view, 1)):  # a heading opens the page
            first = doc.text[:m.end("h") - 1]
        heads = [(0, len(first), first or None)]
        found = []
        for m in self.heading.finditer(view, len(first)):
            h = doc.text[m.start("h"):m.end("h")]
            hv = m.group("h")
            score = 2 * hv.startswith(("关于", "在", "对")) + ("的" in hv) + (len(hv) <= 30)
            found.append((-score, m.start(), m.end(), h))
        for _, s, e, h in sorted(sorted(found)[: count - 1], key=lambda t: t[1]):
            heads.append((s, e, h))
        self._cut(doc, heads)

    def _flag_cut(self, doc: Document) -> None:
        rule = self.rules["ends_mid_sentence"]
        last = doc.text.rstrip().rsplit("\n", 1)[-1]
        if last.startswith(tuple(rule.extra.get("complete_line_prefixes", []))):
            return
        if len(last) >= int(rule.extra.get("min_last_line_chars", 20)) and last[-1] not in PARAGRAPH_END:
            doc.flags["truncated"] = True
            doc.flags.setdefault("truncated_by", f"{self.name}/{rule.name}")


def final_positions(edits: list[Edit]) -> list[int]:
    """Where each edit's result lies in the current text, following later edits."""
    out = []
    for i, edit in enumerate(edits):
        p = edit.position
        for later in edits[i + 1:]:
            if not later.applied:
                continue
            if later.position + len(later.before) <= p:
                p += len(later.after) - len(later.before)
            elif later.position <= p:
                p = later.position
        out.append(p)
    return out


def explode(doc: Document) -> list[Document]:
    """The parts of a document cut by split_documents (itself when it was not cut)."""
    if len(doc.split_points) <= 1:
        if doc.split_points and doc.split_points[0][1]:
            doc.title = doc.split_points[0][1]
        doc.split_points = []
        return [doc]
    starts = [p for p, _ in doc.split_points] + [len(doc.text)]
    owner = [max(0, bisect.bisect_right(starts, p) - 1) for p in final_positions(doc.edits)]
    owner = [min(o, len(doc.split_points) - 1) for o in owner]
    parts = []
    for i, (start, title) in enumerate(doc.split_points):
        last = i == len(doc.split_points) - 1
        flags = dict(doc.flags) if last else {k: v for k, v in doc.flags.items() if "truncated" not in k}
        parts.append(replace(
            doc, doc_index=i, text=doc.text[start:starts[i + 1]], title=title,
            metadata=dict(doc.metadata), flags=flags, split_points=[],
            edits=[e for e, o in zip(doc.edits, owner) if o == i]))
    return parts
