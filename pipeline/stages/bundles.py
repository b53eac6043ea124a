"""How split_documents cuts a bundle (a page whose title says it holds N documents) into
its documents: at the marks that number them (`ITEM_MARK`: 篇一：…, 【篇二】, 第三篇), or
else at the N-1 strongest later headings that close with a kind of document
(`BundleSplits._split_bundle`); the cut is recorded as `doc.split_points`. Split out of
split_documents.py (a mixin of SplitDocuments, whose heading pattern and doc types these
methods read); `explode` there turns the cut into documents.
"""

from __future__ import annotations

import re

from pipeline.charsets import iter_lines, match_view
from pipeline.document import Document, Span
from pipeline.stages.title_shapes import is_title_shaped

# (At a line's start, or after a sentence's end on a page that ran its documents together.)
ITEM_MARK = re.compile(r"(?m)(?:^|(?<=[。！？!?]))[ \t]*(?:【\s*)?(?:篇\s*[一二三四五六七八九十\d]{1,2}"
                       r"|第\s*[一二三四五六七八九十\d]{1,2}\s*篇)\s*】?\s*[:、.．]?\s*")
# Between the names a bundle's title lists (散文两篇｜故乡的老槐树　母亲的菜园, 习作两篇：A／B): a space,
# a bar, an enumeration comma, a slash, a colon (width-folded).
_LIST_SEPARATOR = re.compile(r"[\s|｜、/:]+")
# Characters of a note above a bundle's first heading that may go with it (an editor's word).
_MAX_NOTE = 120


# Lines on a page that shows its line breaks (a page that lost them is one or two long lines).
_LINED_PAGE = 3


def longest_prefix_in(text: str, title: str) -> int:
    """Length of the longest prefix of `text` that occurs in `title` (both width-folded)."""
    text, title = match_view(text), match_view(title)
    k = 0
    while k < len(text) and text[: k + 1] in title:
        k += 1
    return k


class BundleSplits:
    """The bundle-cutting methods of SplitDocuments (a mixin: the rules and the heading
    pattern are the stage's)."""

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
            elif (run_in := self.run_in_heading.match(doc.text, m.end(), line_end)) is not None:
                # (the heading run into its document's text: 第2篇：<heading><text>)
                heads.append((m.start(), run_in.end("h"), run_in.group("h")))
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

    def _split_at_listed_titles(self, doc: Document, count: int) -> bool:
        """A bundle whose name lists its documents (散文两篇｜故乡的老槐树　母亲的菜园) is cut at
        the lines that are those names, in the page's order; a short note above the first
        (an editor's word on the pair) goes with the first heading."""
        names = [n for n in _LIST_SEPARATOR.split(match_view(doc.title or "")) if len(n) >= 2 and "篇" not in n]
        if len(names) < 2:
            return False
        view, heads = match_view(doc.text), []
        for start, end in iter_lines(view):
            if view[start:end].strip() in names:
                heads.append((start, end + (doc.text[end:end + 1] == "\n"), doc.text[start:end].strip()))
        if len(heads) < min(count, len(names)) or len({h for _, _, h in heads}) < len(heads) \
                or heads[0][0] > _MAX_NOTE or "\n\n" in doc.text[:heads[0][0]]:
            return False
        heads[0] = (0, heads[0][1], heads[0][2])
        self._cut(doc, heads)
        return True

    def _split_bundle(self, doc: Document, count: int) -> bool:
        """Cut the bundle; False (the document untouched) where nothing marks a part at all."""
        assert doc.title is not None
        if self._split_at_item_marks(doc, count) or self._split_at_listed_titles(doc, count):
            return True
        bare = re.sub(r"^\d{1,2}\s*篇\s*", "", match_view(doc.title))
        k = longest_prefix_in(doc.text, bare)
        view = match_view(doc.text)
        first = doc.text[:k] if k >= 6 and self.ends_with_doc_type(view[:k]) else ""
        if not first and (m := self.heading.match("\n" + view, 1)):  # a heading opens the page
            first = doc.text[:m.end("h") - 1]
        # (The first heading's own line break goes with it, as the others' do.)
        heads = [(0, len(first) + (bool(first) and doc.text[len(first):len(first) + 1] == "\n"), first or None)]
        found = []
        # On a page that kept its line breaks a heading is a line of its own: a doc type inside
        # a sentence (现将有关情况汇报如下) heads nothing. (A page that lost them glues headings on.)
        lined = view.count("\n") + 1 >= _LINED_PAGE
        for m in self.heading.finditer(view, len(first)):
            if lined and view[m.end("h"):m.end("h") + 1] not in ("\n", ""):
                continue
            h = doc.text[m.start("h"):m.end("h")]
            hv = m.group("h")
            score = 2 * hv.startswith(("关于", "在", "对")) + ("的" in hv) + (len(hv) <= 30)
            found.append((-score, m.start(), m.end(), h))
        if not first and not found:
            return False  # no heading anywhere: the page's name said more than its text shows
        for _, s, e, h in sorted(sorted(found)[: count - 1], key=lambda t: t[1]):
            heads.append((s, e + (doc.text[e:e + 1] == "\n"), h))  # a heading's own line goes whole
        self._cut(doc, heads)
        return True
