"""The facts strip_site_chrome finds in what it removes: each claim's facts as metadata
candidates (`ChromeFacts._candidates`, with the rules' `fact_patterns` and a domain in any
chrome), titles a piece of chrome carries beyond its rule's groups, and the strongest value
of each fact kept (`_keep_facts`). Split out of site_chrome.py (a mixin of StripSiteChrome,
whose rules and settings these methods read).
"""

from __future__ import annotations

import re

from pipeline.charsets import fold_width
from pipeline.document import Document, Span
from pipeline.metadata import Candidate, best_title, merge_candidates
from pipeline.rulebook import Rule
from pipeline.stages.chrome_lines import TITLE_BEARING, merged
from pipeline.stages.site_chrome_pieces import _SENTENCE_END
from pipeline.titles import labelled_title, path_tail

# A domain in any chrome the site wrote names the site, as the weakest source of source_site
# (rules with `fact_patterns` say where a domain is stronger: a banner, a copyright line).
_DOMAIN = re.compile(r"(?<![A-Za-z0-9.@-])(?:www\.)?(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                     r"\.(?:com|cn|net|org|cc|top|vip|info|io|tw|hk)(?:\.[a-z]{2})?)(?![A-Za-z0-9.])")
_WEAKEST = 10
_BODY_LINE = 20  # characters: a sentence of prose, not a button's label
# The site stating the file's format in any of its sentences (本文档为PPT格式, 该资料是PDF文件).
_FORMAT_STATED = re.compile(r"(?:本|该|此)(?:文档|资料|文件|课件|试卷)\s*(?:为|是)\s*"
                            r"(?P<format>(?i:pptx?|docx?|pdf|xlsx?|wps|txt))\s*(?:格式|文件|文档)")


def body_start(folded: str, lines: list[tuple[int, int]], spans: list[Span], titles: frozenset[str] = frozenset()) -> int:
    """Where the author's body starts: the end of the first line no claim touches that reads
    as a sentence (one long run of text with a sentence's end in it), and is not the page's
    title again (a question's title, 孩子…家长该怎么帮?, reads as a sentence); the page's end if none."""
    taken = merged(spans)
    for start, end in lines:
        line = folded[start:end].strip()
        if len(line) >= _BODY_LINE and _SENTENCE_END.search(line) and not any(a < end and start < b for a, b in taken) \
                and "".join(line.split()) not in titles:
            return end
    return len(folded)


class ChromeFacts:
    """The fact-keeping methods of StripSiteChrome (a mixin: the rules and settings are the
    stage's)."""

    def _candidates(self, text: str, folded: str, rule: Rule, facts: list[tuple[str, str]],
                    start: int, end: int) -> list[Candidate]:
        """The facts a rule found in text[start:end] as candidates, with those its
        `fact_patterns` find in the whole line (the rest of a footer line is the site's too),
        each as the page wrote it: the title in its own script and width, others folded."""
        if self.fact_patterns[rule.name]:
            lo, hi = folded.rfind("\n", 0, start) + 1, folded.find("\n", start)
            facts = facts + [(k, v) for p in self.fact_patterns[rule.name]
                             for m in p.finditer(folded, lo, hi if hi >= 0 else len(folded))
                             for k, v in m.groupdict().items() if v]
        out = self._titles_in_chrome(text, folded, rule, start, end, facts)
        out += [Candidate("file_format", m["format"], rule.priority, start, rule.name)
                for m in _FORMAT_STATED.finditer(folded, start, end)]
        if not self.fact_patterns[rule.name] and rule.name not in TITLE_BEARING and "." in folded[start:end]:
            out += [Candidate("domain", m["domain"], _WEAKEST, start, rule.name) for m in _DOMAIN.finditer(folded, start, end)]
        facts = [(k, v) for k, v in facts if not (k == "title" and rule.extra.get("title_from") == "path_tail")]
        for field_name, value in facts:
            column = {"url": "source_url", "format": "file_format", "glued_title": "title"}.get(field_name, field_name)
            at = folded.find(value, start, end)
            if at >= 0:
                value = text[at:at + len(value)] if column == "title" else fold_width(text[at:at + len(value)])
            priority = int(rule.extra.get("fact_priority", {}).get(field_name, rule.priority))
            out.append(Candidate(column, value, priority, start, rule.name))
        return out

    def _titles_in_chrome(self, text: str, folded: str, rule: Rule, start: int, end: int,
                          facts: list[tuple[str, str]]) -> list[Candidate]:
        """Titles a piece of chrome carries beyond its rule's own groups: a path's title is
        at most its last element (`title_from = "path_tail"`: a breadcrumb's categories and
        a row of facts are no title); a label naming the page inside any chrome row
        (© site · 本页：<title>) gives the title, as strong as a title label."""
        out = []
        if rule.extra.get("title_from") == "path_tail" and any(k == "title" for k, _ in facts):
            if tail := path_tail(folded[start:end]):
                out.append(Candidate("title", text[start + tail[0]:start + tail[1]], rule.priority, start, rule.name))
        if rule.name != "title_label" and (m := labelled_title(folded[start:end])) and len(m["title"]) >= 6:
            out.append(Candidate("title", text[start + m.start("title"):start + m.end("title")],
                                 self.title_label_priority, start, "title_label"))
        return out

    def _keep_facts(self, doc: Document, found: list[Candidate]) -> None:
        """The strongest value of each fact to metadata; the title, when the page had none
        yet, through a title edit that names the rule and shows what the page wrote."""
        # A button's or tab's label (首页 of 首页 | 范文 | 总结) names no site.
        facts = merge_candidates([c for c in found if not (c.field == "site" and c.value.strip() in self.widgets)], doc.text)
        title = facts.pop("title", None)
        best = best_title(found, doc.text)
        if title and not doc.title and best:
            doc.set_title(self.name, best.rule, title, evidence=f"page: {best.value!r}")
        for key, value in facts.items():
            doc.metadata.setdefault(key, value)
