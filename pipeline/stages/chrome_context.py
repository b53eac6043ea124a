"""chrome_context: lines the chrome rules missed, judged by their shape and their neighbours.

The idea is jusText's (boilerplate comes in blocks, and a line's neighbours say which block
it belongs to); the classes are ours, for document-site text. The rules of
`strip_site_chrome` stay the first, precise signal: this stage reads where they removed
whole lines (`doc.edits`) and acts only on a page where they found chrome and where some
line is prose. It runs right after them, before the corpus stage, so that what it decides
depends on the page alone, and before pagination, whose joiner reads its removals as page
breaks. Every line gets a class from its shape (pipeline/rules/chrome_context.toml):

- anchors, never removed: prose (a sentence: 。！？ and enough Han characters), long lines,
  dates, numbered headings (一、 （一）), lead-ins followed by prose (同志们：), and
  title-shaped lines (the title and subtitles above the body, headings inside it; below it,
  verse, signatures and names);
- chrome shapes (the rules of the file): `counter_row`, `digit_row`, `byline_row`,
  `separated_row`, `labelled_row`, `bracket_buttons`, `more_link`, `price_offer`,
  `count_line`, `title_footer` (below the body, the page's title with a name after it),
  `stamped_post` (a line ending in a site's time stamp: a reader's post); a page number (pagination's
  `page_number_line`) is chrome evidence, left for pagination to remove;
- the undecided rest: short lines without a sentence, and below the body title-shaped
  lines that end in a kind of document (another document's title: a related link).

Then the context decides. A chrome-shaped line above the body, on a page whose head held
removed chrome, is chrome; below the body or inside it, only when its nearest decided
neighbours on both sides are chrome (removed lines; below the body also the page's edge).
An undecided line is chrome (`between_chrome`) when its nearest decided neighbours on both
sides are chrome (outside the body, one of them may be the page's edge). Rows of one
shape that repeat (a table) are the author's. Each removal is an edit whose rule is the
shape (or `between_chrome`) and whose evidence names the neighbours. Under the body's last
sentence, what follows the site's notice that it cut the text (a preview's end) is chrome
whatever its shape (`below_cut`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Annotated

from pipeline.charsets import iter_lines, match_view
from pipeline.document import TITLE, Document, Span, positions_now, removed_lines
from pipeline.metadata import clean_title, parse_date
from pipeline.rulebook import load_rule_data, rules_by_name
from pipeline.stages.base import RuleFile, Stage
from pipeline.stages.chrome_cards import keyless_row
from pipeline.stages.context_blocks import (
    ANCHOR,
    PROSE,
    REMOVED,
    SHAPE,
    UNDECIDED,
    Line,
    announced,
    decide,
    fields_of,
    menu_runs,
    prose_bounds,
)
from pipeline.stages.context_page import (
    FACT_ROWS,
    LABEL,
    above_the_title,
    authors_fields,
    browser_title,
    keep_row_facts,
    masthead,
    prefer_the_domain,
    record_block,
    restated_title,
    restating_site,
    section_labels,
    title_footers,
)
from pipeline.stages.context_posts import is_post_header, removed_post_headers, signature, thread
from pipeline.stages.context_shapes import DIGIT, SENTENCE, Shapes
from pipeline.titles import labelled_title

_STAMP = re.compile(r"(?m)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*$")
_CHROME_STAGES = frozenset({"strip_site_chrome", "chrome_context"})
# A question, alone or with the site's name after it as a browser title prints it (…吗?_问答堂).
_QUESTION, _QUESTION_MAX = re.compile(r"[^。！？!?]+[？?](?:\s*[-_|｜–—]+\s*[^\s。！？!?]{1,12})?"), 40
# (Its first character read once, in a class the scan skips to; the alternation it opens,
# \d[-/:]\d|\d\s*(?:秒|分钟|小时|天)前|刚刚, was tried at every character: 0.27 ms a page.)
_MAYBE_STAMP = re.compile(r"[\d刚](?:(?<=\d)[-/:]\d|(?<=\d)\s*(?:秒|分钟|小时|天)前|(?<=刚)刚)")


@dataclass(frozen=True)
class ContextSettings:
    rule_file: Annotated[str, RuleFile()] = "chrome_context.toml"
    # Where page numbers are described (pagination's page_number_line): chrome evidence.
    page_number_file: Annotated[str, RuleFile()] = "pagination.toml"
    # Where the kinds of documents are listed ([doc_types]): a title-shaped line below the
    # body that names one (…工作方案) is another document's title, a related link.
    doc_types_file: Annotated[str, RuleFile()] = "documents.toml"


# A counter: a short label and a number (在看 86, 附件 2), or a rating (4.6分).
_COUNTER_FIELD = re.compile(r"[\u4e00-\u9fff]{1,4}\s*:?\s*\d+(?:\.\d+)?\s*[万千wWkK+]?\s*[次人个条]?|\d(?:\.\d)?\s*分")


def is_remnant(lines: list[Line], k: int) -> bool:
    """Whether what is left of a line the rules took part of is chrome as well: a short line
    that is no sentence, or title-shaped with the title still to come below it (the page's
    title is where the rules left it). Not one with a number: a date the author closed
    with may share a line with chrome."""
    line = lines[k]
    if DIGIT.search(line.text):
        # (Counters the rules did not know the label of, left beside those they took: 在看 86;
        # the file's facts without keys: DOCX ｜ 3页.)
        return bool(_COUNTER_FIELD.fullmatch(line.text)) or all(_COUNTER_FIELD.fullmatch(f) for f in fields_of(line.text)) \
            or bool(keyless_row(line.text))
    if line.cls == UNDECIDED or line.shape == "name":
        return True  # (a two- or three-character piece left of a row of buttons: 私信 of 关注　私信)
    if (m := LABEL.match(line.text)) and m.group(1) and len(line.text) <= 24 and len(fields_of(line.text)) == 1 \
            and not SENTENCE.search(line.text) and not labelled_title(line.text):
        # A field left of the site's row of fields (主讲：某某 of 主讲：某某　时长：45分钟); not a
        # tag (【教案】<title>), nor the title's field, which split_documents reads.
        return True
    later = (x.shape == "title" for x in itertools.takewhile(lambda x: x.cls != PROSE, lines[k + 1:]))
    return line.cls == ANCHOR and line.shape == "title" and any(later)


def partly_claimed(doc: Document, lines: list[Line]) -> set[int]:
    """The lines (indices) a piece of which strip_site_chrome removed, some of the line left
    on both sides of the cut or on one: what is left of a chrome line (积分（登录后…） after
    下载所需：2) is chrome too. A last line removed whole (no line break to take) is none."""
    picked = [i for i, e in enumerate(doc.edits) if e.stage == "strip_site_chrome" and e.applied and e.before
              and not e.after and "\n" not in e.before and e.position != TITLE and not _line_gone(doc.edits, i)]
    starts, out = [line.start for line in lines], set()
    for p in positions_now(doc.edits, picked):
        k = bisect_right(starts, p) - 1
        if k >= 0 and p <= lines[k].end and doc.text[p - 1:p] != "\n" or k >= 0 and p < lines[k].end:
            out.add(k)
    return out


def _line_gone(edits: list, i: int) -> bool:
    """Whether the removals right after edit i took the rest of its line with its break
    (贡献者：X · of a row, then 936人读过 with the break): no part of that line is left."""
    pos = edits[i].position
    for e in edits[i + 1:]:
        if e.stage != edits[i].stage or not e.applied or e.after or e.position != pos:
            return False
        if "\n" in e.before:
            return True
    return False


def removed_line_marks(doc: Document, stages: set[str]) -> dict[int, str]:
    """Line starts (in the current text) where these stages removed whole lines, with the
    rules that removed them."""
    marks: dict[int, list[str]] = {}
    for p, rule in removed_lines(doc, stages):
        marks.setdefault(p, []).append(rule)
    return {p: ",".join(dict.fromkeys(rules)) for p, rules in marks.items()}


# A date of the poster's account, not of the post (注册时间 2016-8-23, 最后登录 …).
_PROFILE_DATE = re.compile(r"(?:注册|入驻|最后登录|上次登录|加入本站)\s*(?:时间|日期|于)?\s*:?\s*\d")


class ChromeContext(Stage):
    """Remove the lines of a chrome block that the rules left, by shape and neighbours."""

    name = "chrome_context"
    Settings = ContextSettings

    def __init__(self, settings: ContextSettings | None = None) -> None:
        super().__init__(settings)
        self.rules = rules_by_name(self.settings.rule_file)
        numbers = rules_by_name(self.settings.page_number_file)["page_number_line"]
        anchors = load_rule_data(self.settings.rule_file).get("anchors", {})
        doc_types = load_rule_data(self.settings.doc_types_file).get("doc_types", {}).get("words", [])
        self.site_endings = tuple(load_rule_data("site_chrome.toml").get("site_name_endings", ()))
        self.shapes = Shapes(self.rules, anchors, numbers, doc_types + anchors.get("more_doc_types", []))

    def process(self, doc: Document) -> Document:
        doc = self._remove_context_chrome(doc)
        prefer_the_domain(doc, _CHROME_STAGES)
        return doc

    def _remove_context_chrome(self, doc: Document) -> Document:
        marks = removed_line_marks(doc, {"strip_site_chrome"})
        if not marks:
            return doc  # the rules found no chrome: nothing here is judged
        spans = [(s, e) for s, e in iter_lines(doc.text) if doc.text[s:e].strip()]
        # A line that ends in a site's time stamp (… 2024-05-17 10:02) is a reader's post.
        starts = [s for s, _ in spans]
        stamped = {bisect_right(starts, m.start()) - 1 for m in _STAMP.finditer(doc.text)}
        prose = [k for k, (s, e) in enumerate(spans) if k not in stamped and self.shapes.is_prose(doc.text[s:e])]
        if not prose:
            return doc  # no body to stand out from: a list, a table or a poem is left alone
        # (The question on top, as the browser title and as the heading: each is a title; so is
        # a first line that is the title the rules read off the page's chrome.)
        title = "".join(match_view(doc.title or "").split())
        while prose and (self._question_title(doc.text, spans, prose[0], prose) or title and "".join(
                match_view(doc.text[spans[prose[0]][0]:spans[prose[0]][1]]).split()) == title):
            prose = prose[1:]
        if not prose:
            return doc
        posts = self._thread(doc, spans, set(prose), stamped, marks)
        prose = [k for k in prose if k not in posts]
        # (Only on a page whose readers posted under it: a signature is a poster's.)
        signed = signature([doc.text[s:e].strip() for s, e in spans[:min(posts, default=len(spans))]], set(prose)) \
            if posts else set()
        prose = [k for k in prose if k not in signed]
        posts |= signed
        if not prose:
            return doc
        lines = self._classify(doc.text, spans, prose, marks)
        lines = [replace(line, cls=SHAPE, shape="stamped_post") if k in stamped and line.cls != PROSE
                 else replace(line, cls=SHAPE, shape="reader_post") if k in posts and line.cls != SHAPE else line
                 for k, line in enumerate(lines)]
        # A lead-in (同志们：) is the author's when the author's prose follows it.
        lines = [replace(line, cls=ANCHOR, shape="lead_in") if line.cls == UNDECIDED and line.text.endswith(":")
                 and k + 1 < len(lines) and lines[k + 1].cls == PROSE else line for k, line in enumerate(lines)]
        lines = announced(lines)  # (and so is what a lead-in announces: …如下： and its table)
        # (A field beside another field is one of a block, whatever shape it has alone: a
        # title's, none.)
        lines = [replace(line, cls=ANCHOR, shape="field") if (line.cls in (SHAPE, UNDECIDED) or line.shape == "title")
                 and authors_fields(lines, k, marks) else line for k, line in enumerate(lines)]
        lines = restated_title(above_the_title(lines))
        if (site := restating_site(lines)) and not doc.metadata.get("source_site"):
            doc.metadata["source_site"] = site  # (the weakest source: a domain or a copyright line names it better)
        partly = partly_claimed(doc, lines)
        lines = [replace(line, cls=SHAPE, shape="remnant") if k in partly and is_remnant(lines, k) else line
                 for k, line in enumerate(lines)]
        lines, titled = record_block(lines, marks)
        if titled and not doc.title:
            line, m = titled  # (the folded view is the text character for character)
            title = doc.text[line.start:line.end].strip()[m.start("title"):m.end("title")]
            doc.set_title(self.name, "record_block", clean_title(title), evidence=f"labelled in the site's record: {line.text!r}")
        chrome_title = match_view(doc.title or "").strip()
        lines = title_footers(lines, chrome_title)
        lines = masthead(lines, chrome_title, marks, self.site_endings)
        if lines and lines[0].shape == "masthead":
            lines = [lines[0], *above_the_title(lines[1:])]  # the fields under the site's name
        lines = section_labels(lines)
        seq = self._sequence(lines, marks)
        menu = self.rules["menu_run"].extra
        seq, menus = menu_runs(seq, prose_bounds(seq), int(menu.get("max_item_chars", 8)), int(menu.get("min_items", 4)),
                               chrome_title)
        chrome = decide(seq, prose_bounds(seq))
        chrome |= {line: ("menu_run", "one item of a menu under the body the rules took items of") for line in menus
                   if line not in chrome}
        if not doc.title and lines and lines[0] in chrome and browser_title(lines[0].text, doc):
            del chrome[lines[0]]  # the page's title with the site's name: split_documents reads it
        self._date_of_the_post(doc, chrome, lines)
        keep_row_facts(doc, [line.text for line, (rule, _) in chrome.items() if rule in FACT_ROWS])
        doc.replace_spans(self.name, [Span(line.start, min(line.end + 1, len(doc.text)), "", rule, evidence=why)
                                      for line, (rule, why) in chrome.items()])
        return doc

    @staticmethod
    def _date_of_the_post(doc: Document, chrome: dict[Line, tuple[str, str]], lines: list[Line]) -> None:
        """A byline row or post header above the body dates the page (upload_date) when the
        rules found no date: the first such row, where the site says who posted it when (not
        a poster's profile: 注册时间 2016-8-23 dates the account)."""
        first_prose = next((line.start for line in lines if line.cls == PROSE), 0)
        for line, (rule, _) in sorted(chrome.items(), key=lambda item: item[0].start):
            if line.start < first_prose and rule in ("byline_row", "stamped_post") and not doc.metadata.get("upload_date") \
                    and not _PROFILE_DATE.search(line.text):
                if day := parse_date(line.text):
                    doc.metadata["upload_date"] = day
                return

    @staticmethod
    def _question_title(text: str, spans: list[tuple[int, int]], k: int, prose: list[int]) -> bool:
        """A question alone on the page's first prose line, short, with no prose right under it
        (or only the same question again): the page's title (a question-and-answer page's
        question), not a sentence of its body."""
        def question(j: int) -> bool:
            line = text[spans[j][0]:spans[j][1]].strip()
            return len(line) <= _QUESTION_MAX and _QUESTION.fullmatch(line) is not None

        # (The question again right under it: the browser title over the heading.)
        return question(k) and (k + 1 not in prose or question(k + 1))

    @staticmethod
    def _thread(doc: Document, spans: list[tuple[int, int]], prose: set[int], stamped: set[int],
                marks: dict[int, str]) -> set[int]:
        """The lines of a thread of readers' posts under the body (pipeline/stages/context_posts.py);
        only lines with a digit before a dash, slash or colon, or an age (3小时前), are read as headers.
        A post whose header the rules removed (a dated byline) starts at the line after it."""
        text, starts = doc.text, [s for s, _ in spans]
        # (A thread starts under the body's first sentence: nothing above it is read.)
        below = spans[min(prose)][1] if prose else len(text)
        maybe = {bisect_right(starts, m.start()) - 1 for m in _MAYBE_STAMP.finditer(text, below)} - stamped
        headers = stamped | {k for k in maybe if is_post_header(text[spans[k][0]:spans[k][1]].strip())}
        headers |= {k for p in removed_post_headers(doc) if (k := bisect_left(starts, p)) < len(spans)}
        if not headers:
            return set()
        texts = [text[s:e].strip() for s, e in spans]
        return thread(texts, prose, headers, {bisect_left(starts, p) for p in marks})

    def _classify(self, text: str, spans: list[tuple[int, int]], prose: list[int], marks: dict[int, str]) -> list[Line]:
        """Each line with its class. Only the lines that could be judged are read (in the
        folded, simplified view, all in one go): those above and below the body, and those
        of a stretch between two prose lines where the rules removed chrome."""
        starts = [s for s, _ in spans]
        marked = sorted({bisect_left(starts, p) for p in marks})
        is_prose, judged = set(prose), []
        for k in range(len(spans)):
            if k < prose[0] or k > prose[-1]:
                judged.append(k)
            elif k not in is_prose:
                a, b = prose[bisect_left(prose, k) - 1], prose[bisect_left(prose, k)]
                if bisect_left(marked, a + 1) < bisect_left(marked, b + 1):  # a mark before a line in a+1..b
                    judged.append(k)
        views = match_view("\n".join(text[spans[k][0]:spans[k][1]].strip() for k in judged)).split("\n")
        shaped = {k: (view, *self.shapes.classify(view, k > prose[-1])) for k, view in zip(judged, views)}
        return [Line(s, e, text[s:e].strip(), PROSE, "prose") if k in is_prose else Line(s, e, *shaped[k])
                if k in shaped else Line(s, e, text[s:e].strip(), ANCHOR, "body_line") for k, (s, e) in enumerate(spans)]

    @staticmethod
    def _sequence(lines: list[Line], marks: dict[int, str]) -> list[Line | tuple[str, str]]:
        """The page as it was: its lines, with (REMOVED, rules) where the rules removed lines."""
        starts = [line.start for line in lines]
        before: dict[int, list[str]] = {}
        for p, rules in marks.items():
            before.setdefault(bisect_left(starts, p), []).append(rules)
        seq: list[Line | tuple[str, str]] = []
        for k in range(len(lines) + 1):
            if k in before:
                seq.append((REMOVED, ",".join(before[k])))
            if k < len(lines):
                seq.append(lines[k])
        return seq
